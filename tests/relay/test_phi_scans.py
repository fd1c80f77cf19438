"""The PHI guard's fast paths find exactly what the plain scans they stand for would find, and the long
pathological shapes (the ones that were slow: a Python step per character or per word, patterns that retried
their optional parts or backtracked over a run) get the same verdicts as before.

bot/relay/phi.py saves work by mechanism: one scan for every format that starts at a number, one scan for every
label (then its group read where it starts), name rules run only from words that can start a name, obfuscation kinds
left out when their sign is absent, dates near a birth word found from their first character, and where each
character came from worked out only for hits. Each test below holds one of those to its plain counterpart over
the labelled corpus and generated texts. Times are measured by bench/phi_corpus.py, never here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest

from bot.relay import phi
from tests.relay.phi_corpus import CLINICAL, IDENTIFIERS, load

_PIECES = [
    "DOB", "dob:", "D.O.B.", "born", "MRN", "mrn#", "MR#", "SSN", "ss#", "social", "pt", "Pt:", "Patient",
    "patient name:", "Name", "acct#", "FIN", "member id", "policy #", "group", "age", "pt is", "phone", "call",
    "lives at", "PO Box", "apt", "zip", "http://x.org/a/b", "www.foo.com/p", "@", "[at]", "[dot]", " dot ", "+1",
    "Mr.", "Mrs", "Dr.", "MD", "NP", "syndrome", "disease", "Charcot", "Parkinson", "last 4 of ssn", "id", "#",
    "no.", "NPI", "room", "medicare", "Medicaid", "vin", "s/n", "DOS", "years old", "yo", "F", "street", "St",
    "Ave", "hwy", "route", "rr", "box", "ending", "xxx-xx-", "wife", "aka", "named", "the", "of", "March", "Mar",
    "3rd", "CA", "Texas", "claim", "Maria", "Lopez", "Jane", "Smith", "GONZALEZ", "MARIA", "jane", "smith",
    "José", "Núñez", "O'Neil", "McDonald-Hughes", "will", "Brown", "d'souza", "Patel", "Ab", "Cd", "SMITH",
    "JOHN", "Łukasz", "Lорez", "1EG4-TE5-MK73", "123-45-6789", "555-123-4567", "(555) 123-4567", "j.doe@x.com",
    "12 N Elm St.", "192.168.1.10", "1HGCM82633A004352", "95 yo", "S S N  4 1 2", "L-o-p-e-z", "p.t.", "1½",
    "\u200b", "\u202e", "\u202c", "\u2013", "\u2019", "\uff11", "ß", "æ", "ﬁ", "\u00a0", "é",
]  # fmt: skip
_SEPARATORS = [" ", " ", ", ", ",", "; ", ": ", "\n", "-", "/", ".", ". ", "#", "(", ")", "", "  "]


def _number(rng: random.Random) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 11)))
    return "".join(d + (rng.choice("-/. ") if rng.random() < 0.25 else "") for d in digits)


def _date(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 31), rng.randint(1, 12), rng.randint(1900, 2030)
    return rng.choice(
        [f"{m}/{d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{y}{m:02d}{d:02d}", f"{d}-Mar-{y}", f"March {d}, {y}"]
    )


def _generated(count: int, seed: int) -> list[str]:
    """Texts mixing labels, numbers, dates, names, separators and odd characters (fixed seed)."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 30)):
            pick = rng.random()
            piece = _number(rng) if pick < 0.25 else _date(rng) if pick < 0.35 else rng.choice(_PIECES)
            parts.append(piece + rng.choice(_SEPARATORS))
        texts.append("".join(parts))
    return texts


# The long shapes: (unit repeated to 50,000 characters, the kinds the refusal names, hits redact finds).
SHAPES: dict[str, tuple[tuple[str, ...], int]] = {
    "pt,": ((), 0),
    "IP,": ((), 0),
    "ß,": ((), 0),
    "Name,": ((), 0),
    "José,X ": ((), 0),
    "DOB pt MRN ": ((), 0),
    "DOB pt MRN 1 ": ((), 0),
    "MRN: DOB: SSN: acct# phone: ": ((), 0),
    "a.": ((), 0),
    "a@": ((), 0),
    "a-": ((), 0),
    "Ab Cd ": ((), 0),
    "12-34/56-": ((), 0),
    "1/2/3/": ((), 0),
    "1½:": ((), 0),
    "1 ": ((), 0),
    "7": ((), 0),
    "x\u200b": ((), 0),
    "Ab, Cd; ": (("patient_name",), 6250),
    "Lopez, Maria ": (("patient_name",), 1),
    "DOB, 23-Mar-1935.": (("date_of_birth",), 2941),
    "03/03/1950 ": (("date_of_birth",), 4545),
    "123-45-6789 ": (("ssn",), 4166),
    "95 yo(": (("age_over_89",), 8333),
    "Ⅳ ": ((), 0),
    "½": ((), 0),
}


def _long(unit: str) -> str:
    return (unit * (50_000 // len(unit) + 1))[:50_000]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    corpus = [row.text for row in load(IDENTIFIERS) + load(CLINICAL)]
    shapes = [_long(unit)[:2_000] for unit in SHAPES]
    return corpus + _generated(700, seed=14) + shapes


def _lowered(text: str) -> str:
    return phi.normalise(text).text.lower()


def test_the_number_scan_finds_what_each_format_finds_on_its_own(texts: list[str]) -> None:
    for text in texts:
        lowered = _lowered(text)
        found = phi._number_formats(lowered)
        for fmt in phi._AT_NUMBER:
            alone = [m.span() for m in re.finditer(fmt.pattern, lowered)]
            assert found[fmt.name] == alone, (fmt.name, text)


def test_the_label_scan_names_the_group_whose_own_pattern_matches_there(texts: list[str]) -> None:
    groups = [(name, re.compile(alternatives)) for name, alternatives in phi._LABEL_GROUPS]
    seen = 0
    for text in texts:
        lowered = _lowered(text)
        for m in phi._LABELS.finditer(lowered):
            group, value_can_follow = phi._label_at(lowered, m)
            plain = next(
                n for n, p in groups if (again := p.match(lowered, m.start())) and again.end() == m.end()
            )
            assert group == plain, (m.group(), text)
            assert value_can_follow == bool(re.match(phi._near_value(group), lowered[m.end() :])), text
            seen += 1
    assert seen > 1_000


def test_a_label_passed_over_for_want_of_a_value_never_had_one(texts: list[str]) -> None:
    """Where the label scan says nothing readable follows an id, phone or address label, its value pattern
    finds no identifying value there."""
    after = {"phone": phi._PHONE_AFTER, "address": phi._ADDRESS_AFTER}
    passed_over = 0
    for text in texts + [_long(unit)[:3_000] for unit in ("DOB pt MRN 1 ", "chart 1 visit #12 id 7 ")]:
        lowered = _lowered(text)
        for m in phi._LABELS.finditer(lowered):
            group, value_can_follow = phi._label_at(lowered, m)
            if group in ("birth", "ssn") or value_can_follow:
                continue
            passed_over += 1
            if group in after:
                assert not after[group].match(lowered, m.end()), text
                continue
            value = (phi._ID_AFTER_WEAK if group.endswith("_weak") else phi._ID_AFTER_STRONG).match(
                lowered, m.end()
            )
            assert not (value and phi._identifying_value(value.group("value"))), text
    assert passed_over > 1_000


def test_dates_are_found_from_their_first_character_as_the_plain_pattern_finds_them(texts: list[str]) -> None:
    plain = re.compile(r"(?<![\w/-])(?<!\d\.)" + phi._DATE_ALTERNATIVES)
    for text in texts:
        lowered = _lowered(text)
        for start, stop in ((0, len(lowered)), (len(lowered) // 3, 2 * len(lowered) // 3)):
            expected = [m.span() for m in plain.finditer(lowered, start, stop)]
            assert list(phi._dates_in(lowered, start, stop)) == expected, text


def _plain_street_hits(text: str) -> Iterator[tuple[int, int]]:
    """Every house number's words read, none passed over in advance."""
    for m in phi._HOUSE_AND_WORDS.finditer(text):
        for index, word in enumerate(phi._NON_SPACE.finditer(text, m.start("words"), m.end())):
            bare = word.group().rstrip(".").lower()
            suffix = bare in phi.STREET_SUFFIXES or bare in phi.AMBIGUOUS_SUFFIXES
            function_word = bare in phi.STOPWORDS and bare not in ("n", "s", "e", "w")
            if not suffix and (bare in phi._NOT_STREET_WORDS or function_word):
                break
            if index == 0 or not suffix:
                continue
            after = word.end() - (word.group()[-1] == ".")
            if bare in phi.AMBIGUOUS_SUFFIXES and not phi._AFTER_AMBIGUOUS.match(text, after):
                continue
            yield m.start(), word.end()
            break


def test_street_words_are_read_only_where_one_can_end_a_street(texts: list[str]) -> None:
    streets = [
        "12 Main St",
        "12 main st.",
        "4 Elm Dr, apt 2",
        "9 Oak Ct\n",
        "3 Rd 4 St. x",
        "7 pt is",
        "5 Way n",
    ]
    for text in [*texts, *streets]:
        lowered = _lowered(text)
        expected = list(_plain_street_hits(lowered))
        assert [(start, end) for _, start, end in phi._street_hits(lowered)] == expected, text


def test_leaving_out_an_obfuscation_kind_whose_sign_is_absent_changes_nothing(texts: list[str]) -> None:
    for text in [*texts, "S S N  4 1 2", "L-o-p-e-z", "p.t. is a", "a b c d-e-f g.h"]:
        gated = phi._obfuscation_in(text)
        expected = phi._OBFUSCATION.sub(phi._undo_obfuscation, text)
        assert (gated.sub(phi._undo_obfuscation, text) if gated else text) == expected, text
        gone = set(phi._deletions(text))
        assert expected == "".join(c for i, c in enumerate(text) if i not in gone), text


def _plain_normalise(text: str) -> tuple[str, list[int], set[int]]:
    """Normalisation one character at a time: the text, where each character came from, and which positions
    hold a letter that was not ASCII."""
    order = list(range(len(text)))
    for m in re.finditer("\u202e([^\u202c\u2069\n]*)", text):
        order[m.start(1) : m.end(1)] = reversed(order[m.start(1) : m.end(1)])
    folded, origin = "", []
    for index in order:
        one = text[index] if text[index].isascii() else phi._fold(text[index])
        folded += one
        origin += [index] * len(one)
    gone = set(phi._deletions(folded))
    kept = [k for k in range(len(folded)) if k not in gone]
    final = "".join(folded[k] for k in kept)
    accented = {i for i, k in enumerate(kept) if folded[k].isalpha() and not text[origin[k]].isascii()}
    return final, [origin[k] for k in kept], accented


def test_origins_and_accents_are_those_of_normalising_one_character_at_a_time(texts: list[str]) -> None:
    odd = [
        "\u200b",
        "\u202e",
        "\u202c",
        "\u2069",
        "æ",
        "ﬁ",
        "ß",
        "½",
        "é",
        "Œ",
        "\ufeff",
        "ﬃ",
        "ł",
        " ",
        "-",
        ".",
    ]
    rng = random.Random(7)
    extra = [
        "".join(rng.choice([*odd, "a", "b", "1", "  "]) for _ in range(rng.randint(1, 40)))
        for _ in range(300)
    ]
    for text in texts + extra:
        normal = phi.normalise(text)
        final, origin, accented = _plain_normalise(text)
        assert normal.text == final, text
        assert [normal.origin[i] if normal.origin else i for i in range(len(final))] == origin, text
        assert {i for i in range(len(final)) if normal.accented(i)} == accented, text
        assert normal.has_accents == bool(accented), text


def _name_hits_over_every_word(text: str, normal: phi.Normalised) -> Iterator[tuple[int, int]]:
    """The name loop run over every word, none passed over in advance."""
    lowered = text.lower()
    words = phi._Text(text, lowered, normal)
    labels = phi._NAME_LABELS | phi._HONORIFICS | phi._EXPLICIT_NAME_LABELS
    for i in range(len(words)):
        if words.low(i) in labels and (labelled := phi._labelled_name(words, i)):
            yield labelled
            continue
        end = words.spans[i][1]
        comma = "," in text[end : end + 3]
        if not comma:
            low = words.low(i)
            given = low in words.lex.given or (("'" in low or "-" in low) and words.given(i))
            upper_surname = low in words.lex.surname and words.upper(i)
            if not (given or upper_surname or (normal.has_accents and text[words.spans[i][0]].isupper())):
                continue
        if comma:
            first = phi._last_comma_first(words, i)
            if first is not None and not words.eponym_after(first) and not words.credential_after(first):
                if not words.after_clinician(i):
                    yield words.spans[i][0], words.spans[first][1]
                continue
        if i + 1 >= len(words) or not words.gap(i).isspace() or "\n" in words.gap(i):
            continue
        pair = (
            phi._prose_pair(words, i) and not words.eponym_after(i + 1) and not words.credential_after(i + 1)
        )
        if pair and not (words.after_clinician(i) or words.index_layout(i)):
            yield words.spans[i][0], words.spans[i + 1][1]


def test_names_found_from_the_words_that_can_start_one_are_those_of_every_word(texts: list[str]) -> None:
    for text in texts:
        normal = phi.normalise(text)
        lowered = normal.text.lower()
        expected = list(_name_hits_over_every_word(normal.text, normal))
        assert list(phi._name_hits(normal.text, lowered, normal)) == expected, text


def test_the_word_facts_are_the_name_rules_questions() -> None:
    lex = phi._lexicon()
    for word in [
        "Maria",
        "LOPEZ",
        "smith's",
        "Graves'",
        "mary-kate",
        "x-ray",
        "Charcot",
        "pt",
        "MD",
        "a",
        "Ab",
    ]:
        facts = phi._token_facts(word)
        low = word.lower()
        base = phi._base(low)
        assert bool(facts & phi._CAPITALISED) == word[0].isupper()
        assert bool(facts & phi._UPPER) == (len(word) > 1 and word.isupper())
        assert bool(facts & phi._NAME_SHAPED) == (len(word) >= 2 and low not in phi.STOPWORDS)
        assert bool(facts & phi._CLINICAL) == (base in lex.clinical)
        if "-" not in base:
            assert bool(facts & phi._GIVEN) == (base in lex.given)


@pytest.mark.parametrize("unit", list(SHAPES))
def test_a_long_pathological_shape_gets_the_verdict_it_always_had(unit: str) -> None:
    """50,000 characters of one unit: labels before commas, capitalised words, numbers between separators,
    fractions, zero-width characters, birth labels with dates. What is refused and what every hit is."""
    kinds, hits = SHAPES[unit]
    text = _long(unit)
    problems = phi.check_fields({"question": text})
    if not kinds:
        assert problems == {}
    else:
        assert set(problems) == {"question"}
        named = {hit.kind.value for hit in phi.find_phi(text, first_name_only=True)}
        assert named == set(kinds)
    assert len(phi.find_phi(text)) == hits
    assert phi.redact(text).count("[removed: ") == hits


def test_a_spelt_out_email_is_found_at_the_end_of_a_long_run_of_word_characters() -> None:
    """The local part of a spelt-out address is read without backtracking over the run before it (which
    can never end at a shorter length: the next character would be a word character, not " at ")."""
    assert {hit.kind for hit in phi.find_phi("jane.doe [at] example [dot] com")} == {phi.PhiKind.EMAIL}
    assert phi.find_phi("x" * 64 + " at example dot com")[0].kind is phi.PhiKind.EMAIL
    long_run = "x" * 65 + " at example dot com"  # one character more than a local part holds
    assert phi.PhiKind.EMAIL not in {hit.kind for hit in phi.find_phi(long_run)}
