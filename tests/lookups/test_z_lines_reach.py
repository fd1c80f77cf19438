"""How far the Z-line reading reaches (bot.lookups.index.z_lines): the frames the Index's own cross-references
join, a verb's doubled consonant, the voice of the act as the Index's victim word, a thing had or in place as
Presence, and a Z line that leaves fewer of the sentence's words unread than an answer of another chapter. The
queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "Status (post) - see also Presence (of)": a status said reads the Presence lines (was Z98.82, "Status,
        # breast implant", cochlear left unread)
        ("s/p cochlear implant", "Z96.21"),
        ("pt s/p cochlear implant", "Z96.21"),
    ],
)
def test_a_frame_the_index_sends_to_is_said(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def test_the_index_cross_reference_of_a_frame_is_read_from_the_data(codebook: CodeBook) -> None:
    from bot.lookups.index.z_lines import ZLines

    lines = ZLines(codebook.db.conn)
    # Status (post) - see also Presence (of); Admission (for) - see also Encounter (for); Check-up - see Examination
    assert "presenc" in lines._sends_to("status")
    assert "encounter" in lines._sends_to("admission")
    assert lines._sends_to("cochlear") == frozenset()


def test_a_verb_form_with_its_consonant_doubled_is_the_same_word() -> None:
    from bot.lookups.index.z_lines import _same

    # "betting" stems to bett, "bets" to bet: one word (Betting and gambling, Z72.6)
    assert _same("bet", "bett") and _same("robb", "rob")
    assert not _same("bee", "beee") and not _same("see", "seed")


def test_a_bet_told_by_its_verb_reads_betting_and_gambling(codebook: CodeBook) -> None:
    # Index: Betting and gambling Z72.6 (nothing answered before: "bets" is no form of "bett")
    hits = find_codes(codebook, "loses money because he bets on every game", limit=3)
    assert hits and hits[0].code == "Z72.6", [(h.code, h.why) for h in hits]


def test_who_suffered_the_act_is_the_index_victim_word(codebook: CodeBook) -> None:
    # Index: Victim, crime Z65.4; "was stalked" says the patient suffered it (nothing answered before)
    hits = find_codes(codebook, "he was stalked by an ex", limit=3)
    assert hits and hits[0].code == "Z65.4", [(h.code, h.why) for h in hits]


def test_a_z_line_reading_more_of_the_sentence_leads_another_chapter(codebook: CodeBook) -> None:
    # R19.6 Halitosis read "bad breath" and left "lives, highway, air, pollution" unread; Index: Contact (with),
    # air pollution Z77.110 reads them (guideline I.A: the statement is read whole)
    hits = find_codes(codebook, "lives by the highway, breathes bad air pollution", limit=3)
    assert hits and hits[0].code == "Z77.110", [(h.code, h.why) for h in hits]


def test_a_z_answer_of_the_search_keeps_its_own_reading(codebook: CodeBook) -> None:
    # History, family, sudden cardiac death Z82.41 (the search's own Z line, three words unread) is not given
    # up for "History, personal, sudden cardiac arrest", which reads more words but not the family said
    hits = find_codes(codebook, "brother died suddenly of cardiac arrest at 38, family history", limit=3)
    assert hits and hits[0].code == "Z82.41", [(h.code, h.why) for h in hits]


def test_a_thing_beside_a_thing_frame_is_found_by_its_kind(codebook: CodeBook) -> None:
    # "near" says the Index's Contact (with); nickel is a metal (WordNet): Contact, hazardous metals NEC
    # Z77.018 (nothing answered before: no Z line names nickel)
    hits = find_codes(codebook, "lives near a nickel smelter", limit=3)
    assert hits and hits[0].code == "Z77.018", [(h.code, h.why) for h in hits]
