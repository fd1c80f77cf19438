"""Cut words of HCPCS short descriptors read as whole words: the rules on small word lists, and the shipped
data they produced (scripts/build_code_data.py)."""

from __future__ import annotations

import gzip
from importlib import resources

from bot.lookups.codebook import CodeBook
from bot.lookups.loaders.short_descriptors import Reader, learn_abbreviations
from bot.lookups.schema import shipped_tsv
from bot.lookups.search import find_codes

PAIRS = [
    ("Inj methylpred sod succ 40mg", "Injection, methylprednisolone sodium succinate, up to 40 mg"),
    ("Inj ceftriaxone sod 250mg", "Injection, ceftriaxone sodium, per 250 mg"),
    ("Fem urinary collect pouch", "Female urinary collection device, pouch"),
    ("Fem head prosth", "Femoral head prosthesis"),
    ("Wnd dressing per sq in", "Wound dressing, per square inch"),
    ("Wnd filler per gm", "Wound filler, per gram"),
    ("Walker wheeled per unit", "Walker, wheeled, each, per unit"),
]


def test_abbreviations_are_learned_from_the_descriptor_pairs() -> None:
    learned = learn_abbreviations(PAIRS)
    assert learned["inj"] == "injection" and learned["sod"] == "sodium"
    assert learned["wnd"] == "wound"  # the consonant skeleton, same first letter
    assert "fem" not in learned  # femoral once, female once: the descriptors do not agree
    assert "methylpred" not in learned  # once only
    assert "per" not in learned  # a word of its own


def test_a_cut_word_is_read_as_the_one_known_word_it_starts() -> None:
    reader = Reader.build(
        {"inj": "injection"}, ["pegfilgrastim", "filgrastim", "bio"], ["biography", "index"]
    )
    assert reader.read("Inj pegfilgrast ex bio 0.5mg") == "Injection pegfilgrastim ex bio 0.5mg"
    assert reader.word("index") == "index"  # a whole word stays
    assert reader.word("ind") == "ind"  # too short to tell
    assert reader.read("Filgrastim 1 mcg") == ""  # nothing cut: no reading


def test_a_clinical_word_is_never_read_as_an_abbreviation() -> None:
    reader = Reader.build({"bio": "biologic", "sod": "sodium"}, ["bio", "sodium"], ["sod"])
    assert reader.word("bio") == "bio"  # a word of the titles: left as printed
    assert reader.word("sod") == "sodium"  # English only ("turf"): the descriptors' reading wins


def test_shipped_descriptors_known_only_by_their_short_form_are_read() -> None:
    read = {r["code"]: r["read_as"] for r in shipped_tsv("hcpcs_codes.tsv.gz") if r["read_as"]}
    assert "pegfilgrastim" in read["J2506"]  # "Inj pegfilgrast ex bio 0.5mg"
    assert "methylprednisolone sodium" in read["J2919"]  # "Inj, methylpred sod succ 5mg"
    assert read["J2919"].startswith("Injection")
    english = gzip.decompress(
        resources.files("bot.lookups.data").joinpath("english_words.txt.gz").read_bytes()
    ).decode()
    assert "pegfilgrastim" not in english.split()  # the whole word came from the clinical lists


def test_a_reading_is_searched_beside_the_short_descriptor(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "methylprednisolone sodium succinate injection", limit=5)
    assert "J2919" in [h.code for h in hits]
    hit = next(h for h in hits if h.code == "J2919")
    assert "read:" in hit.why and "methylprednisolone" in hit.why


def test_a_cut_word_is_read_from_the_sibling_descriptors() -> None:
    # px7: "succ" starts several known words (success, succinate): the long descriptors naming the same
    # drug hold only one of them.
    long = [
        "Injection, methylprednisolone sodium succinate, up to 40 mg",
        "Injection, methylprednisolone acetate, 20 mg",
        "Injection, hydrocortisone sodium succinate, up to 100 mg",
        "Injection, succinylcholine chloride, up to 20 mg",
    ]
    clinical = ["methylprednisolone", "sodium", "succinate", "succinylcholine", "acetate", "injection"]
    reader = Reader.build(
        {"inj": "injection", "methylpred": "methylprednisolone"}, clinical, ["success"], long
    )
    assert reader.read("Inj methylpred sod succ 5mg") == "Injection methylprednisolone sodium succinate 5mg"
    # With no sibling naming the same drug, the word stays as printed.
    assert reader.read("Inj foo succ 5mg") == "Injection foo succ 5mg"
    # Siblings holding two words that start the same way say nothing.
    assert reader.from_siblings("succ", ["injection"]) == "succ"


def test_shipped_j2919_reads_succinate(codebook: CodeBook) -> None:
    read = {r["code"]: r["read_as"] for r in shipped_tsv("hcpcs_codes.tsv.gz") if r["read_as"]}
    assert "succinate" in read["J2919"]
    assert find_codes(codebook, "solumedrol 125 mg", limit=5)[0].code == "J2919"
