"""The index trees in a prepared code database: paths, subtree ranges, references, Tabular completion."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import complete_cm, complete_pcs
from bot.lookups.index.matching import alternatives_in_order
from bot.lookups.index.tree import IndexTree, Reference
from bot.lookups.index.words import stem


@pytest.fixture(scope="module")
def tree(codebook: CodeBook) -> IndexTree:
    return IndexTree(codebook.db.conn)


def stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.split())


def test_every_book_is_loaded(codebook: CodeBook) -> None:
    counts = dict(codebook.db.execute("SELECT book, count(*) FROM index_nodes GROUP BY book").fetchall())
    assert counts["cm"] > 80_000 and counts["ext"] > 8_000 and counts["pcs"] > 20_000
    assert counts["drug"] > 7_000 and counts["neoplasm"] > 1_900


@pytest.mark.parametrize(
    ("reference", "book", "path", "column", "open_parts"),
    [
        ("Infarct, myocardium", "cm", "Infarct, infarction, myocardium, myocardial", "", ()),
        ("Neoplasm, malignant, by site", "cm", "Neoplasm, neoplastic", "malignant_primary", ("by site",)),
        ("Table of Drugs and Chemicals, by drug, adverse effect", "cm", "", "adverse_effect", ("by drug",)),
        (
            "Diabetes, by type, with neuropathy",
            "cm",
            "Diabetes, diabetic, with, neuropathy",
            "",
            ("by type",),
        ),
        ("Fracture, femur, neck", "cm", "Fracture, traumatic, femur, femoral, neck", "", ()),
    ],
)
def test_references_resolve_to_the_line_they_name(
    tree: IndexTree, reference: str, book: str, path: str, column: str, open_parts: tuple[str, ...]
) -> None:
    found = tree.resolve(reference, book)
    assert found.resolved
    assert (tree.path_text(found.node) if found.node else "") == path
    assert (found.column, found.open_parts) == (column, open_parts)


def test_subtree_range_and_word_lookup(tree: IndexTree) -> None:
    diabetes = tree.node(tree.resolve("Diabetes", "cm").node)
    assert diabetes is not None and diabetes.last > diabetes.id + 400
    below = {tree.path_text(n) for n, _, _ in tree.within(diabetes, [stem("gastroparesis")])}
    assert "Diabetes, diabetic, type 2, with, gastroparesis" in below


def test_references_were_resolved_at_build_time(tree: IndexTree) -> None:
    attack_heart = tree.resolve("Attack, heart", "cm").node
    [see] = [r for r in tree.references(attack_heart) if r.kind == "see"]
    assert tree.path_text(see.node) == "Infarct, infarction, myocardium, myocardial"


def test_tabular_completion(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    left_lower = complete_cm(conn, "L03.11-", stems("cellulitis left lower limb"))
    assert left_lower is not None and left_lower.code == "L03116"
    nothing_said = complete_cm(conn, "L03.11-", stems("cellulitis"))
    assert nothing_said is not None and nothing_said.code == "L03119"  # the unspecified child
    later = complete_cm(conn, "S72.30-", stems("fracture shaft femur right"), encounter="D")
    assert later is not None and later.code == "S72301D"
    assert complete_cm(conn, "E11.22", stems("")) == complete_cm(conn, "E11.22", stems("anything"))
    assert complete_cm(conn, "Q99.99", stems("")) is None


def test_pcs_table_completion_reads_the_axes(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    lap = complete_pcs(conn, "0DTJ", stems("appendix percutaneous endoscopic"))
    assert lap is not None and lap.code == "0DTJ4ZZ" and "Percutaneous Endoscopic" in lap.how
    biopsy = complete_pcs(conn, "0DB", stems("stomach natural opening endoscopic"), qualifier="Diagnostic")
    assert biopsy is not None and biopsy.code == "0DB68ZX"


def test_pcs_approach_and_device_when_the_query_names_none(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    # Seen through the mouth: External (PCS guideline B5.2), not Open.
    tonsils = complete_pcs(conn, "0CT", stems("tonsillectomy tonsil resection"))
    assert tonsils is not None and tonsils.code == "0CTPXZZ"
    # A needle procedure is Percutaneous, and the operation's name ("Drainage") does not choose the
    # "Drainage Device".
    tap = complete_pcs(conn, "0W9", stems("right thoracentesis drainage pleural cavity"))
    assert tap is not None and tap.code == "0W993ZZ"
    # Nothing said and no External offered: Open.
    knee = complete_pcs(conn, "0SR", stems("replacement right knee joint synthetic substitute"))
    assert knee is not None and knee.code[4] == "0"
    # "Skin" names the body system of "Excision, Skin and Breast", not a body part.
    breast = complete_pcs(conn, "0HB", stems("excision left breast skin and breast"))
    assert breast is not None and breast.code.startswith("0HBU")


def test_tabular_side_from_a_sibling_only_when_no_child_has_one(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    right = complete_cm(conn, "S43.006", stems("dislocation right shoulder"))
    assert right is not None and right.code == "S43004A"
    unsaid = complete_cm(conn, "S43.006", stems("dislocation shoulder"))
    assert unsaid is not None and unsaid.code == "S43006A"
    # "Fracture of unspecified part of clavicle" has sided children: they are read, not its siblings.
    clavicle = complete_cm(conn, "S42.00", stems("fracture right clavicle"))
    assert clavicle is not None and clavicle.code == "S42001A"


def test_reference_alternatives_follow_the_query_words() -> None:
    biopsy = [
        Reference(f"{op} with qualifier Diagnostic", "pcs", 0, qualifier="Diagnostic")
        for op in ("Drainage", "Excision", "Extraction")
    ]

    def first_of(query: str) -> str:
        return alternatives_in_order(biopsy, {stem(w) for w in query.split()})[0].text.split()[0]

    assert first_of("liver biopsy") == "Excision"  # tissue: the default
    assert first_of("biopsy pleural fluid") == "Drainage"
    assert first_of("thoracentesis biopsy") == "Drainage"
    assert first_of("extraction biopsy bone marrow") == "Extraction"  # the operation said
    single = [Reference("Excision, Lower Joints=0SB", "pcs", 0, code="0SB")]
    assert alternatives_in_order(single, {"fluid"}) == single


def test_a_body_part_told_apart_from_another_by_its_side_alone(tree: IndexTree) -> None:
    # 0SRC and 0SRD titles differ by "Right" / "Left" alone; pcs_axes keeps "Right Knee Joint" for C.
    done = complete_pcs(tree.conn, "0SR", frozenset({"right", "knee", "joint", "replac"}))
    assert done is not None and done.code.startswith("0SRC"), done


@pytest.mark.parametrize(
    "word", ["left", "fracture", "diabetes", "pain", "with", "accident", "excision", "zzzz"]
)
def test_main_terms_holding_a_word_are_the_essential_main_term_rows_in_order(
    tree: IndexTree, word: str
) -> None:
    # The matcher reads main terms through this shortcut (kept per word); it must give what the rows give.
    word = stem(word)
    rows = [node for _, node, held, essential in tree.matches([0], [word]) if held == word and essential]
    assert list(tree.main_terms_holding(word)) == rows
    assert tree.main_terms_holding(word) is tree.main_terms_holding(word)


def test_postings_are_compact_and_give_the_same_subtree_rows(tree: IndexTree) -> None:
    diabetes = tree.node(tree.resolve("Diabetes", "cm").node)
    assert diabetes is not None
    found = tree.within(diabetes, [stem("neuropathy"), stem("kidney")])
    assert found and all(isinstance(essential, bool) for _, _, essential in found)
    sets = tree.within_sets(diabetes, [stem("neuropathy"), stem("kidney")])
    assert {w: frozenset(n for n, held, _ in found if held == w) for w in sets} == sets


def test_a_small_limit_never_hands_a_later_caller_a_clipped_set(tree: IndexTree) -> None:
    # The sets were remembered by (line, word) alone: a limit=1 call left a one-line set that a later call with
    # a larger limit got back, so an answer depended on which queries the process had answered before.
    fresh = IndexTree(tree.conn)
    diabetes = fresh.node(fresh.resolve("Diabetes", "cm").node)
    assert diabetes is not None
    word = stem("neuropathy")
    whole = IndexTree(tree.conn).within_sets(diabetes, [word])[word]
    assert len(whole) > 1
    assert len(fresh.within_sets(diabetes, [word], limit=1)[word]) == 1
    assert fresh.within_sets(diabetes, [word])[word] == whole


def test_no_index_line_lies_below_a_note(tree: IndexTree, codebook: CodeBook) -> None:
    # "Note: heart failure stages ..." is printed as an index line; its following lines belong to "heart".
    notes = codebook.db.execute(
        "SELECT id FROM index_nodes WHERE book = 'cm' AND lower(term) LIKE 'note:%'"
    ).fetchall()
    assert len(notes) >= 4
    under = codebook.db.execute(
        "SELECT count(*) FROM index_nodes WHERE book = 'cm' AND parent IN "
        "(SELECT id FROM index_nodes WHERE book = 'cm' AND lower(term) LIKE 'note:%')"
    ).fetchone()[0]
    assert under == 0
    systolic = tree.resolve("Failure, heart, systolic", "cm")
    assert systolic.resolved and systolic.node is not None
    assert tree.path_text(systolic.node) == "Failure, failed, heart, systolic"
    node = tree.node(systolic.node)
    assert node is not None and node.code == "I50.20"


@pytest.mark.parametrize(
    ("book", "under", "part"),
    [
        ("pcs", "", "1st Toe"),  # a PCS reference part found a level down from the main terms
        ("cm", "Abortion", "sepsis"),  # Abortion, complicated, sepsis
        ("cm", "Absence", "acquired"),
        ("cm", "", "Xyzzy"),  # no line holds it
        ("cm", "", "Placed"),  # a word the Index holds, but under no main term as a subterm of its own
        ("cm", "Fracture", "with"),  # a link part
    ],
)
def test_a_part_a_level_down_is_the_first_child_walk_finds(
    tree: IndexTree, book: str, under: str, part: str
) -> None:
    # The skipped-level step asks only the children the part's postings name; a walk through every child in
    # reading order (as it was done before) finds the same line.
    from bot.lookups.index.tree import _child, _skipped_level
    from bot.lookups.index.words import content_stems

    node = tree.resolve(under, book).node if under else 0
    walked = None
    for child in tree.children(node):
        if child.book == book and not content_stems(child.term) & content_stems(part):
            walked = _child(tree, book, child.id, part)
            if walked is not None:
                break
    assert _skipped_level(tree, book, node, part) == walked
