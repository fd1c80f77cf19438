"""The index loaders on small files in the official formats: nesting, modifiers, references, table cells."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.lookups.loaders.errors import LoaderError
from bot.lookups.loaders.indexes import (
    load_cm_index_tree,
    load_pcs_index_tree,
    load_xml_index_tree,
    split_modifiers,
)

CSV_HEADER = "RowID,Letter,Level,Term,See,SeeAlso,NonEssModif,Code\n"


def test_cm_csv_keeps_nesting_and_recovers_text_after_a_modifier(tmp_path: Path) -> None:
    path = tmp_path / "index.csv"
    path.write_text(
        CSV_HEADER
        + '1,D,0,"Diabetes, diabetic",,,(mellitus) (sugar),E11.9\n'
        + "2,D,1,with,,,,\n"
        + "3,D,2,chronic kidney disease,,,,E11.22\n"
        + "4,F,0,Failure,,,,\n"
        + "5,F,1,and,,,(on) chronic (congestive),I50.33\n"
        + '6,A,0,Attack,"Infarct, myocardium",,,\n'
    )
    nodes = load_cm_index_tree(path)
    assert [(n.id, n.parent, n.depth) for n in nodes] == [
        (1, 0, 0),
        (2, 1, 1),
        (3, 2, 2),
        (4, 0, 0),
        (5, 4, 1),
        (6, 0, 0),
    ]
    assert nodes[0].term == "Diabetes, diabetic" and nodes[0].modifiers == "(mellitus) (sugar)"
    # The flattened CSV put "chronic" (essential) among the modifiers: it goes back into the term.
    assert nodes[4].term == "and chronic" and nodes[4].modifiers == "(on) (congestive)"
    assert nodes[5].see == "Infarct, myocardium" and nodes[5].code == ""


def test_cm_csv_mends_a_word_cut_at_an_optional_letter(tmp_path: Path) -> None:
    # The official CSV prints "Amnes(t)ic syndrome (post-traumatic)" as Term "Amnes" and NonEssModif
    # "(t)ic syndrome (post-traumatic)"; read plainly it became the main term "Amnes ic syndrome".
    path = tmp_path / "index.csv"
    path.write_text(
        CSV_HEADER + "1,A,0,Amnes,,,(t)ic syndrome (post-traumatic),F04\n2,A,0,Amnesia,,,,R41.3\n"
    )
    nodes = load_cm_index_tree(path)
    assert nodes[0].term == "Amnestic syndrome" and nodes[0].modifiers == "(post-traumatic)"
    assert nodes[1].term == "Amnesia"


def test_cm_csv_note_line_takes_no_subterms(tmp_path: Path) -> None:
    # The flattened CSV prints the note on heart failure stages as a line at the level of "heart"; the lines
    # indented below it are still subterms of "heart".
    path = tmp_path / "index.csv"
    path.write_text(
        CSV_HEADER
        + "1,F,0,Failure,,,,R69\n"
        + "2,F,1,heart,,,,I50.9\n"
        + "3,F,2,specified NEC,,,,I50.89\n"
        + '4,F,1,"Note: heart failure stages A, B, C, and D are based on ...",,,,\n'
        + "5,F,2,systolic,,,(congestive),I50.20\n"
        + "6,F,3,acute,,,,I50.21\n"
        + "7,F,1,hepatic,,,,K72.90\n"
    )
    nodes = load_cm_index_tree(path)
    assert [(n.id, n.parent, n.depth) for n in nodes] == [
        (1, 0, 0),
        (2, 1, 1),
        (3, 2, 2),
        (4, 1, 1),  # kept, for display, where it stands
        (5, 2, 2),  # Failure > heart > systolic
        (6, 5, 3),
        (7, 1, 1),
    ]


def test_cm_csv_refuses_a_level_that_skips(tmp_path: Path) -> None:
    path = tmp_path / "index.csv"
    path.write_text(CSV_HEADER + "1,A,0,Abasia,,,,F44.4\n2,A,2,deep,,,,X\n")
    with pytest.raises(LoaderError, match="level of at most 1"):
        load_cm_index_tree(path)


def test_split_modifiers() -> None:
    assert split_modifiers("Abasia (-astasia) (hysterical)") == ("Abasia", "(-astasia) (hysterical)")
    assert split_modifiers("plain") == ("plain", "")


def test_xml_index_and_table_cells(tmp_path: Path) -> None:
    path = tmp_path / "drug.xml"
    path.write_text(
        """<?xml version="1.0"?><ICD10CM.index><letter><title>O</title>
        <mainTerm><title>Ondansetron<nemod>(hydrochloride)</nemod> NEC</title>
          <cell col="2">T45.0X1</cell><cell col="6">T45.0X5</cell><cell col="7">--</cell>
          <term level="1"><title>gel</title><see>Ondansetron</see></term>
        </mainTerm></letter></ICD10CM.index>"""
    )
    nodes = load_xml_index_tree(path, columns=6)
    assert nodes[0].term == "Ondansetron NEC" and nodes[0].modifiers == "(hydrochloride)"
    assert nodes[0].cells == ("T45.0X1", "", "", "", "T45.0X5", "")
    assert nodes[1].parent == 1 and nodes[1].see == "Ondansetron"


def test_xml_index_title_printed_over_its_code_with_see_loses_the_see(tmp_path: Path) -> None:
    # The April 2025 External Cause Index prints "Environmental pollution related condition- see" with the
    # code Z57 under it: the reference is the code, "see" is no word of the term.
    path = tmp_path / "eindex.xml"
    path.write_text(
        """<?xml version="1.0"?><ICD10CM.index><letter><title>E</title>
        <mainTerm><title>Environmental pollution related condition- see</title><code>Z57</code></mainTerm>
        <mainTerm><title>Exposure</title><see>Contact</see></mainTerm>
        </letter></ICD10CM.index>"""
    )
    nodes = load_xml_index_tree(path)
    assert nodes[0].term == "Environmental pollution related condition" and nodes[0].code == "Z57"
    assert nodes[1].term == "Exposure" and nodes[1].see == "Contact"


def test_pcs_index_continued_entries_inline_see_and_codes(tmp_path: Path) -> None:
    path = tmp_path / "pcs.jsonl"
    lines = [
        {
            "term": "Appendectomy",
            "entry": "see Excision, Appendix **0DBJ**\nsee Resection, Appendix **0DTJ**",
        },
        {"term": "Colonoscopy", "entry": "**0DJD8ZZ**"},
        {"term": "Excision", "entry": "Acetabulum\n\tLeft **0QB5**"},
        {
            "term": "Excision",
            "entry": "(continued)\nAcetabulum (continued)\n\tRight **0QB4**\nHeart see Measurement **4A02**",
        },
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines))
    nodes = load_pcs_index_tree(path)
    by_term = {n.term: n for n in nodes}
    assert by_term["Appendectomy"].see == "Excision, Appendix=0DBJ | Resection, Appendix=0DTJ"
    assert by_term["Colonoscopy"].code == "0DJD8ZZ"
    acetabulum = [n for n in nodes if n.term == "Acetabulum"]
    assert len(acetabulum) == 1  # the continued entry re-opens the same subterm
    assert {n.term for n in nodes if n.parent == acetabulum[0].id} == {"Left", "Right"}
    assert by_term["Heart"].see == "Measurement=4A02"
    assert len([n for n in nodes if n.term == "Excision"]) == 1


def test_pcs_index_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "pcs.jsonl"
    path.write_text('{"term": "x"}\n')
    with pytest.raises(LoaderError, match='"term" and "entry"'):
        load_pcs_index_tree(path)
