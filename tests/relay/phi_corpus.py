"""The labelled PHI corpus (tests/data/phi_corpus) and the guard's verdict on one text.

Shared by tests/relay/test_phi_corpus.py and bench/phi_corpus.py. A text goes through every path the product
sends free text through: `phi.check_fields` for each free-text field of the relay (question, indicators,
options, answer, thread reply, close/reopen reason) and `phi.find_phi` (what `/code` runs). It is *refused*
when every path refuses it and *passed* when none does; a text some paths refuse and others pass is neither,
and counts against the guard in both files.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bot.relay import phi

CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "phi_corpus"
IDENTIFIERS = CORPUS_DIR / "identifiers.tsv"
CLINICAL = CORPUS_DIR / "clinical.tsv"

# The field names the relay hands to phi.check_fields for free text (query_rules.validate_query, the answer,
# thread replies, close and reopen reasons).
FREE_TEXT_FIELDS = ("question", "indicators", "options", "answer", "text", "reason")


@dataclass(frozen=True)
class CorpusText:
    id: str
    kind: str
    text: str


class Verdict(StrEnum):
    REFUSED = "refused"
    PASSED = "passed"
    MIXED = "mixed"  # some paths refuse the text, others let it through


def load(path: Path) -> list[CorpusText]:
    """The rows of one corpus file; a malformed row raises ValueError naming its line."""
    rows: list[CorpusText] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if header != ["id", "kind", "text"]:
            raise ValueError(f"{path.name}: header must be id, kind, text; got {header}")
        for row in reader:
            if len(row) != 3 or not all(row):
                raise ValueError(f"{path.name} line {reader.line_num}: expected id, kind, text; got {row}")
            rows.append(CorpusText(*row))
    return rows


def verdict(text: str) -> Verdict:
    """What the guard does with `text` over every free-text path of the product."""
    refusals = phi.check_fields(dict.fromkeys(FREE_TEXT_FIELDS, text))
    outcomes = [field in refusals for field in FREE_TEXT_FIELDS]
    outcomes.append(bool(phi.find_phi(text)))
    if all(outcomes):
        return Verdict.REFUSED
    if not any(outcomes):
        return Verdict.PASSED
    return Verdict.MIXED


def visible(text: str) -> str:
    """`text` with invisible and format characters shown as \\uXXXX, for listing misses."""
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cf", "Zs", "Cc") and ch != " " else ch
        for ch in text
    )
