"""The PHI guard against the labelled corpus in tests/data/phi_corpus (issue #14's targets).

Every identifier text must be refused on every free-text path, and at least 99% of the clinical texts must pass.
The corpus was written before the guard was tuned (its README); never edit a text to make this pass.
`python bench/phi_corpus.py --misses` lists what the guard gets wrong, per kind.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from tests.relay.phi_corpus import CLINICAL, IDENTIFIERS, CorpusText, Verdict, load, verdict, visible

MIN_TEXTS = 350
CLINICAL_PASS_TARGET = 0.99

# The official Medicare Beneficiary Identifier layout (CMS): C A AN N A AN N A A N N; letters never S L O I B Z.
_L = "[AC-HJKMNP-RT-Y]"
_AN = "[AC-HJKMNP-RT-Y0-9]"
_SEP = r"[\s-]*"
_MBI = re.compile(
    rf"(?<![A-Z0-9])[1-9]{_SEP}{_L}{_SEP}{_AN}{_SEP}[0-9]{_SEP}{_L}{_SEP}{_AN}{_SEP}[0-9]{_SEP}{_L}{_SEP}{_L}"
    rf"{_SEP}[0-9]{_SEP}[0-9](?![A-Z0-9])"
)

_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

identifiers = load(IDENTIFIERS)
clinical = load(CLINICAL)


def _listing(rows: list[CorpusText]) -> str:
    return "\n".join(f"{row.id} {row.kind}: {visible(row.text)}" for row in rows)


def test_corpus_is_well_formed() -> None:
    assert len(identifiers) >= MIN_TEXTS
    assert len(clinical) >= MIN_TEXTS
    ids = [row.id for row in identifiers + clinical]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert all(row.id.startswith("I") for row in identifiers)
    assert all(row.id.startswith("C") for row in clinical)
    assert not {row.text for row in identifiers} & {row.text for row in clinical}


def test_hidden_characters_survived_editing() -> None:
    """The obfuscated texts still hold the characters that hide their identifier (editors drop them)."""
    hidden = {
        "obfuscated_zero_width": lambda t: any(unicodedata.category(ch) == "Cf" for ch in t),
        "obfuscated_bidi": lambda t: any(ch in _BIDI_CONTROLS for ch in t),
        "obfuscated_fullwidth": lambda t: any("\uff01" <= ch <= "\uff5e" for ch in t),
        "obfuscated_homoglyph": lambda t: any("\u0400" <= ch <= "\u04ff" for ch in t),
    }
    rows = [row for row in identifiers if row.kind in hidden]
    assert len(rows) >= 30
    lost = [row for row in rows if not hidden[row.kind](row.text)]
    assert not lost, _listing(lost)


def test_every_mbi_text_holds_an_mbi_in_the_official_format() -> None:
    rows = [row for row in identifiers if row.kind == "mbi"]
    assert len(rows) >= 20
    wrong = [row for row in rows if not _MBI.search(row.text.upper())]
    assert not wrong, _listing(wrong)


def test_every_identifier_text_is_refused() -> None:
    missed = [row for row in identifiers if verdict(row.text) is not Verdict.REFUSED]
    assert not missed, (
        f"{len(missed)} of {len(identifiers)} identifier texts got through:\n{_listing(missed)}"
    )


def test_clinical_texts_pass() -> None:
    refused = [row for row in clinical if verdict(row.text) is not Verdict.PASSED]
    passed = len(clinical) - len(refused)
    assert passed >= CLINICAL_PASS_TARGET * len(clinical), (
        f"{passed} of {len(clinical)} clinical texts passed ({passed / len(clinical):.1%}), "
        f"target {CLINICAL_PASS_TARGET:.0%}; refused:\n{_listing(refused)}"
    )
