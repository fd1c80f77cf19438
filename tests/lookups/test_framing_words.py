"""Who tells the complaint, when, and the request to the coder are set aside before any reading (issue #10;
bot.lookups.index.framing_words): "liver transplant recipient today" gave a liver transplant procedure,
"pt reports heating pad" peripheral vascular disease, "penicillin allergy, per patient" an adverse effect,
while the same queries without the frame answered right. Queries made up for these tests, not from the
benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.framing_words import without_framing
from bot.lookups.search import find_codes, searcher_for


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("liver transplant recipient today", "Z94.4"),
        ("pt reports heating pad", "E0210"),
        ("penicillin allergy, per patient", "Z88.0"),
        ("injured at the public library, place, per patient", "Y92.241"),
    ],
)
def test_the_query_answers_as_if_typed_without_its_frame(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])
    assert "not used: " in hits[0].why


def test_frames_are_cut_at_a_clause_edge_and_words_the_code_set_reads_stay(codebook: CodeBook) -> None:
    data = searcher_for(codebook).framing_data()
    cases = {
        "pt reports central vision loss": ("central vision loss", ("pt reports",)),
        "mom says baby has thrush": ("baby has thrush", ("mom says",)),
        "what's the ICD-10 code for pinworms": ("pinworms", ("what's the ICD-10 code for",)),
        "eczema flare this AM - please code": ("eczema flare", ("please code", "this AM")),
        "hangover from last night": ("hangover", ("last night",)),
        "gout, per pt, today": ("gout", ("per pt", "today")),
        "pt was seen for pinworms": ("pinworms", ("pt was seen for",)),
        "reported by mom: croup": ("croup", ("reported by mom",)),
    }
    for query, (text, cut) in cases.items():
        framed = without_framing(query, *data)
        assert framed is not None and (framed.text, framed.cut) == (text, cut), (query, framed)
    for kept in (
        "night sweats most nights",  # (Sweats, night: the Index reads the time noun with the complaint)
        "pt denies chest pain",  # (a denial is no frame)
        "G code for screening pelvic exam",  # (the code set asked for stays)
        "today",  # (nothing else said)
        "pt with cough",
        "wets the bed every night",  # (when it comes, at night, is what the Index reads: nocturnal)
        "sunburn from beach day",  # (a frame is whole words)
        "PLS, slowly worsening leg stiffness",  # (an abbreviation, no request)
        "DVT years ago, not on anticoag now",  # ("now" sets the present against a history)
    ):
        assert without_framing(kept, *data) is None, kept


def test_a_query_that_denies_keeps_its_clauses_as_typed(codebook: CodeBook) -> None:
    """Cutting "reports" from "patient denies nausea, reports heartburn" left "..., heartburn" for the denial to
    reach, and the denied nausea came back second (R11.0): a query that says a negation keeps its frames."""
    data = searcher_for(codebook).framing_data()
    assert without_framing("patient denies nausea, reports heartburn", *data) is None
    hits = find_codes(codebook, "patient denies nausea, reports heartburn", limit=5)
    assert hits and hits[0].code == "R12"
    assert "R11.0" not in [h.code for h in hits], [(h.code, h.why) for h in hits]
