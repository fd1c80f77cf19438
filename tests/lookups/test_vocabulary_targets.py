"""Every meaning of a terms.tsv block whose header says `[index paths]` (the `# ec9` block and the blocks written
after it) is a path of the Alphabetic Index (or the External Cause Index, or the Table of Drugs and Chemicals): its
first words are a main term and each of its other words is said on a line below that main term (or below a main term
the main term sends to). A block whose header says `[pcs index paths]` is checked the same way against the
ICD-10-PCS Index (procedure words). The vocabulary maps words to INDEX TERMS, never to codes."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from functools import cache
from importlib import resources

import pytest

from bot.lookups.index.words import stem, tokens

BOOKS = ("cm", "ext", "drug")  # the Table of Drugs and Chemicals: its substances and the lines below them
PCS_BOOKS = ("pcs",)
PCS_TAG = "[pcs index paths]"


@cache
def _index(books: tuple[str, ...] = BOOKS) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Main term (its stems joined) -> the stems said in its subtree; main term -> the main terms it sends to."""
    below: dict[str, set[str]] = defaultdict(set)
    sends: dict[str, set[str]] = defaultdict(set)
    for book in books:
        raw = resources.files("bot.lookups.data").joinpath(f"index_{book}.tsv.gz").read_bytes()
        rows = list(csv.DictReader(gzip.decompress(raw).decode().splitlines(), delimiter="\t"))
        main_of: dict[str, str] = {}  # a line's id -> its main term's key (a parent comes before its lines)
        for row in rows:
            if row["parent"] == "0":
                # "Weak, weakening, weakness": one main term written in its variants, each a key.
                variants = [_key(v) for v in row["term"].split(",")]
                for variant in variants[1:]:
                    sends[variant].add(variants[0])
                    below[variant].add("")
            key = _key(row["term"].split(",")[0]) if row["parent"] == "0" else main_of[row["parent"]]
            main_of[row["id"]] = key
            below[key].update(stem(w) for w in tokens(f"{row['term']} {row.get('modifiers', '')}"))
            for ref in (row["see"], row.get("see_also") or row.get("use", "")):
                if ref:
                    sends[key].add(_key(ref.split(",")[0]))
                    below[key].update(stem(w) for w in tokens(ref))
    return below, sends


def _key(term: str) -> str:
    """A main term's stems, "NEC" / "NOS" left out ("Tinnitus NOS" is the main term Tinnitus)."""
    return " ".join(stem(w) for w in tokens(term) if w not in {"nec", "nos"})


def index_path_problem(means: str, books: tuple[str, ...] = BOOKS) -> str:
    """Why `means` is no Index path ("" when it is one)."""
    below, sends = _index(books)
    words = [stem(w) for w in tokens(means)]
    for size in range(len(words), 0, -1):
        main = " ".join(words[:size])
        if main not in below:
            continue
        said = set(below[main])
        for other in sends.get(main, ()):
            said |= below.get(other, set())
        unsaid = [w for w in words[size:] if w not in said]
        return f"{unsaid} not below main term {main!r}" if unsaid else ""
    return f"no main term starts {means!r}"


def _headers() -> list[str]:
    text = resources.files("bot.lookups.data").joinpath("terms.tsv").read_text()
    return [line for line in text.splitlines() if line.startswith("#")]


def _checked_blocks() -> list[str]:
    """The names of the blocks whose header promises Index paths."""
    return [head.split()[1].rstrip(":") for head in _headers() if "[index paths]" in head or PCS_TAG in head]


def _pcs_blocks() -> set[str]:
    """The names of the blocks whose header promises ICD-10-PCS Index paths."""
    return {head.split()[1].rstrip(":") for head in _headers() if PCS_TAG in head}


def _block(name: str) -> list[tuple[str, str]]:
    text = resources.files("bot.lookups.data").joinpath("terms.tsv").read_text()
    out: list[tuple[str, str]] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("#"):
            inside = line.split()[1].rstrip(":") == name if len(line.split()) > 1 else False
            continue
        if inside and line.strip():
            term, _, means = line.split("\t")
            out.append((term, means))
    return out


def test_the_lay_block_is_checked_and_holds_a_few_hundred_terms() -> None:
    assert "ec9" in _checked_blocks()
    assert len(_block("ec9")) >= 300


def test_every_block_after_ec9_is_checked() -> None:
    names = [head.split()[1].rstrip(":") for head in _headers() if len(head.split()) > 1]
    later = names[names.index("ec9") :]
    assert [name for name in later if name not in _checked_blocks()] == []


def test_the_checker_refuses_a_made_up_target() -> None:
    assert index_path_problem("pain knee") == ""
    assert index_path_problem("alcohol beverage") == ""  # a Drug Table substance and a line below it
    assert index_path_problem("cocaine zebra") != ""
    assert index_path_problem("flibbertigibbet") != ""
    assert index_path_problem("pain zebra") != ""


@pytest.mark.parametrize(
    ("term", "means"),
    [row for name in _checked_blocks() if name not in _pcs_blocks() for row in _block(name)],
)
def test_each_checked_meaning_is_an_index_path(term: str, means: str) -> None:
    assert index_path_problem(means) == "", term


@pytest.mark.parametrize(("term", "means"), [row for name in sorted(_pcs_blocks()) for row in _block(name)])
def test_each_pcs_meaning_is_a_pcs_index_path(term: str, means: str) -> None:
    assert index_path_problem(means, PCS_BOOKS) == "", term


def test_the_pcs_checker_refuses_a_made_up_target() -> None:
    assert index_path_problem("cesarean section", PCS_BOOKS) == ""
    assert index_path_problem("detachment knee region", PCS_BOOKS) == ""
    assert index_path_problem("cesarean zebra", PCS_BOOKS) != ""
    assert index_path_problem("pain knee", PCS_BOOKS) != ""


def test_the_dx10_lay_block_is_checked_and_holds_a_few_hundred_terms() -> None:
    assert "dx10" in _checked_blocks()
    assert len(_block("dx10")) >= 300
