"""The index data build (scripts/build_index_data.py): PCS table axes named by their whole wording, and PCS
Index references that print a table resolved only to a line in that table. Rules on small inputs, then the
shipped files they produced."""

from __future__ import annotations

from pathlib import Path

from bot.lookups.schema import shipped_tsv
from scripts.build_index_data import derive_pcs_axes, whole_phrase

KNEE_TITLES = {
    "0SRC0J9": "Replacement of Right Knee Joint with Synthetic Substitute, Cemented, Open Approach",
    "0SRC0JZ": "Replacement of Right Knee Joint with Synthetic Substitute, Open Approach",
    "0SRD0J9": "Replacement of Left Knee Joint with Synthetic Substitute, Cemented, Open Approach",
    "0SRD0JZ": "Replacement of Left Knee Joint with Synthetic Substitute, Open Approach",
    "0SR90J9": "Replacement of Right Hip Joint with Synthetic Substitute, Cemented, Open Approach",
    "0SRB0J9": "Replacement of Left Hip Joint with Synthetic Substitute, Cemented, Open Approach",
}


def test_a_body_part_value_keeps_its_whole_wording() -> None:
    axes = {(t, p, c): m for t, p, c, m in derive_pcs_axes(KNEE_TITLES)}
    # 0SRC and 0SRD titles differ only by "Right" / "Left"; the value is the right knee joint.
    assert axes[("0SR", 4, "C")] == "Right Knee Joint"
    assert axes[("0SR", 4, "D")] == "Left Knee Joint"
    assert axes[("0SR", 7, "9")] == "Cemented"


def test_whole_phrase_stops_at_connectors_commas_and_the_operation() -> None:
    titles = ["Bypass Right Radial Artery using Thermal Resistance Energy, Percutaneous Approach"]
    assert whole_phrase("Right", titles, 1) == "Right Radial Artery"  # "Bypass" is the operation
    assert whole_phrase("Nowhere", titles, 1) == "Nowhere"  # not in the titles: kept as derived


def test_shipped_axes_name_no_body_part_by_its_side_alone() -> None:
    sides = {"right", "left", "bilateral"}
    alone = [
        (r["table"], r["char"])
        for r in shipped_tsv("pcs_axes.tsv.gz")
        if r["position"] == "4" and r["meaning"].lower() in sides
    ]
    assert alone == []
    knee = {
        r["char"]: r["meaning"]
        for r in shipped_tsv("pcs_axes.tsv.gz")
        if r["table"] == "0SR" and r["position"] == "4"
    }
    assert knee["C"] == "Right Knee Joint" and knee["D"] == "Left Knee Joint"
    assert knee["T"] == "Right Knee Joint, Femoral Surface"


def test_shipped_pcs_references_that_print_a_table_lead_into_it() -> None:
    nodes = {int(r["id"]) + 5_000_000: r for r in shipped_tsv("index_pcs.tsv.gz")}
    refs = [r for r in shipped_tsv("index_refs.tsv.gz") if r["book"] == "pcs" and r["code"]]
    lower_joints = [r for r in refs if r["reference"] == "Replacement, Lower Joints=0SR"]
    assert lower_joints and all(r["target"] == "0" for r in lower_joints)  # not "Artery, Lower 04RY"
    for r in refs:
        target = nodes.get(int(r["target"]))
        if target is not None and target["code"]:
            code, table = target["code"].upper(), r["code"].upper()
            assert code.startswith(table) or table.startswith(code), (r["reference"], target["term"])


def test_shipped_pcs_use_lines_lead_only_to_lines_they_name() -> None:
    # "use Internal Fixation Device in Upper Joints" once led to "Version, Obstetric, Internal 10S07ZZ", and
    # "use Upper Leg Muscle, Right" to "Fluoroscopy, Airway, Upper": a line whose words it does not say.
    from bot.lookups.index.words import content_stems

    nodes = {int(r["id"]) + 5_000_000: r for r in shipped_tsv("index_pcs.tsv.gz")}
    for r in shipped_tsv("index_refs.tsv.gz"):
        if r["book"] != "pcs" or r["code"] or r["target"] == "0":
            continue
        said, node = content_stems(r["reference"]), int(r["target"])
        while node > 5_000_000:
            assert content_stems(nodes[node]["term"]) <= said, (r["reference"], nodes[node]["term"])
            node = int(nodes[node]["parent"]) + 5_000_000
    fixation = [
        r
        for r in shipped_tsv("index_refs.tsv.gz")
        if r["reference"].startswith("Internal Fixation Device in")
    ]
    assert fixation and all(r["target"] == "0" for r in fixation)


def test_a_rebuild_without_the_system_word_list_keeps_its_recorded_source(tmp_path: Path) -> None:
    """Without /usr/share/dict/american-english the shipped word list stays, and so does its hash in
    release.json (a rebuild on such a machine dropped it: the build was not byte-identical)."""
    import json

    from scripts.build_index_data import WORD_LIST_SOURCE, word_list_source

    (tmp_path / "release.json").write_text(json.dumps({"sources": {WORD_LIST_SOURCE: "9f513f1ceadb6a01"}}))
    assert word_list_source(tmp_path / "no-such-list", tmp_path) == {WORD_LIST_SOURCE: "9f513f1ceadb6a01"}
    words = tmp_path / "american-english"
    words.write_text("Ringing\ntarry\nab\n")
    built = word_list_source(words, tmp_path)
    assert built[WORD_LIST_SOURCE] != "9f513f1ceadb6a01" and (tmp_path / "english_words.txt.gz").exists()
