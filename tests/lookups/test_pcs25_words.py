"""A PCS Index main term that sends on only by subterms naming root operations ("Suture - Laceration repair -
see Repair; Ligation - see Occlusion") is read as those operations (pcs_subterm_roots), and "no incision" says
the External approach (pcs_openings.incision_refused)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_drains import drain_verbs_as_drainage
from bot.lookups.index.pcs_subterm_roots import build_subterm_roots
from bot.lookups.search import find_codes


def test_the_index_lines_read(codebook: CodeBook) -> None:
    read = build_subterm_roots(codebook.db.conn)
    assert read["sutur"] == ("repair", "occlusion")
    assert read["photocoagulat"] == ("destruction", "repair")
    # a kind and its default ("Excisional" / "Non-excisional") is chosen by the query's words, not read whole
    assert "debridement" not in read
    assert "revision" not in read  # a root operation's own name
    assert "ruptur" not in read  # "Rupture, ruptured" codes conditions in the diagnosis Index: "ACL rupture"


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("suturing the right upper eyelid closed", "08QNXZZ"),
        ("sutured torn right quadriceps muscle, open", "0KQQ0ZZ"),
    ],
)
def test_a_suture_is_a_repair(codebook: CodeBook, query: str, want: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == want, (query, [h.code for h in hits])
    assert "read: sutur" in hits[0].why


def test_a_root_operation_said_is_read_as_said(codebook: CodeBook) -> None:
    # "suture removal": the Index's own line, no Repair of the hand
    hits = find_codes(codebook, "suture removal right hand", limit=3)
    assert hits and not hits[0].code.startswith("0XQ"), [h.code for h in hits]
    assert all("read: suture" not in h.why for h in hits)


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("revision of synthetic tendon graft in the leg, no incision", "0LWYXJZ"),
        ("reattachment of scrotum, without incision", "0VM5XZZ"),
    ],
)
def test_no_incision_is_external(codebook: CodeBook, query: str, want: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == want, (query, [h.code for h in hits])


def test_an_incision_said_is_still_open(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "incision and drainage of right thigh abscess, open", limit=3)
    assert hits and hits[0].code[4] == "0", [h.code for h in hits]


def test_to_drain_is_the_operation_not_its_device(codebook: CodeBook) -> None:
    # the verb says Drainage; no drain (the noun) is said left in, so No Device
    hits = find_codes(codebook, "incision to drain the left breast", limit=3)
    assert hits and hits[0].code == "0H9U0ZZ", [h.code for h in hits]


def test_a_drain_left_in_is_still_the_device(codebook: CodeBook) -> None:
    hits = find_codes(
        codebook, "percutaneous drainage of left lobe liver abscess, pigtail drain left in", limit=3
    )
    assert hits and hits[0].code == "0F9230Z", [h.code for h in hits]


def test_a_drain_changed_is_the_drainage_device(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "changed the skin drain at bedside", limit=3)
    assert hits and hits[0].code == "0H2PX0Z", [h.code for h in hits]


def test_draining_before_a_noun_is_the_condition_not_the_operation(codebook: CodeBook) -> None:
    # "draining" as the adjective of a condition stays a diagnosis (a read set's row answered 0D9R0ZZ once)
    assert drain_verbs_as_drainage("draining anal fistula on exam") == "draining anal fistula on exam"
    assert drain_verbs_as_drainage("draining the left maxillary sinus").startswith("drainage the")
    hits = find_codes(codebook, "draining anal fistula on exam", limit=3)
    assert hits and hits[0].code.startswith("K60.3"), [h.code for h in hits]
