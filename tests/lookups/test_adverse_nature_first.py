"""A condition told as a drug's adverse effect keeps its own code when the category's code the Tabular marks
"Use additional code for adverse effect ... to identify drug" is another condition (guideline I.C.19.e.5.a:
the nature of the adverse effect first): Bradycardia R00.1 is not a drug-caused tachycardia, Drug rash with
eosinophilia D72.12 not a drug-caused basophilia, Ototoxic hearing loss H91.0- not a drug-caused presbycusis
(issue #10). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.adverse_notes import drug_lines_to, skips_a_condition, stands_for
from bot.lookups.index.tree import IndexTree
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def test_the_marked_code_stands_for_the_unspecified_condition() -> None:
    assert stands_for("Unspecified hearing loss, bilateral", "Ototoxic hearing loss, bilateral")
    assert stands_for("Hypotension, unspecified", "Hypotension due to drugs")
    assert stands_for("Unspecified adrenocortical insufficiency", "Drug-induced adrenocortical insufficiency")
    assert not stands_for("Tachycardia, unspecified", "Bradycardia, unspecified")  # (no drug cause named)
    assert not stands_for("Presbycusis, unspecified ear", "Ototoxic hearing loss, unspecified ear")
    assert not stands_for("Anemia, unspecified", "Secondary sideroblastic anemia due to drugs and toxins")
    # (a note naming the drug's own codes: D68.32 for the anticoagulants)
    assert stands_for("Coagulation defect, unspecified", "Hemorrhagic disorder due to extrinsic", True)
    assert not stands_for("Hereditary factor VIII deficiency", "Hemorrhagic disorder due to extrinsic", True)


def test_another_condition_of_the_category_is_not_the_adverse_effect(codebook: CodeBook) -> None:
    assert find_codes(codebook, "sinus tachycardia from albuterol", limit=3)[0].code == "R00.0"
    assert find_codes(codebook, "basophilia from methotrexate", limit=3)[0].code == "D72.824"
    assert find_codes(codebook, "presbycusis from aspirin", limit=3)[0].code.startswith("H91.1")


def test_the_unspecified_condition_still_reads_its_marked_code(codebook: CodeBook) -> None:
    assert [h.code for h in find_codes(codebook, "hypotension from lisinopril", limit=2)] == [
        "I95.2",
        "T46.4X5A",
    ]


def test_a_two_word_substance_left_unread_is_the_cause(codebook: CodeBook) -> None:
    # (the condition's line leaves "oxybate" unread; "sodium oxybate" is one Table substance)
    hits = find_codes(codebook, "hearing loss after sodium oxybate", limit=5)
    assert hits[0].code == "H91.09"
    assert any(h.code.startswith("T41.29") and h.code.endswith("5A") for h in hits[:2])


def test_a_drug_line_under_a_subterm_not_said_is_no_reading(codebook: CodeBook) -> None:
    # ("Anemia, aplastic, drug-induced" D61.1 walks through "aplastic", which the query does not say)
    assert find_codes(codebook, "anemia hemorrhage from penicillin", limit=3)[0].code != "D61.1"
    assert find_codes(codebook, "aplastic anemia from carbamazepine", limit=3)[0].code == "D61.1"


def test_the_subterms_a_path_skips() -> None:
    said = frozenset({"anemia", "hemorrhag"})
    assert skips_a_condition("Index: Anemia, aplastic, drug-induced -> D61.1", said, content_stems)
    assert not skips_a_condition(
        "Index: Anemia, aplastic, drug-induced -> D61.1", said | {"aplastic"}, content_stems
    )
    assert not skips_a_condition(
        "Index: Urticaria, due to, drugs -> L50.0", frozenset({"urticaria"}), content_stems
    )


def test_an_index_drug_line_says_the_marked_code_is_the_condition(codebook: CodeBook) -> None:
    # ("Disorder, adrenogenital, drug-induced" E25.8: the Index's own words for it, which the query says, though
    # the condition's line found first is the congenital one, E25.0)
    assert drug_lines_to(IndexTree(codebook.db.conn), "E25.8") == ("Disorder, adrenogenital",)
    assert drug_lines_to(IndexTree(codebook.db.conn), "R00.1") == ()
    assert find_codes(codebook, "adrenogenital disorder from ketoconazole", limit=3)[0].code == "E25.8"
