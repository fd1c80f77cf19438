"""An abbreviation no vocabulary term holds is read as the Index or Tabular term its initials spell
(bot.lookups.index.initialisms). Queries are written for these tests, not taken from the benchmark sets, and
their abbreviations are in no vocabulary row: the readings come from the code data."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.initialisms import (
    COMPOUND,
    PATH,
    PRINTED,
    TITLE,
    Reading,
    _said_with,
    compound_parts,
    guess_initialism,
    read_initialism,
    said_apart,
    virus_keys,
)
from bot.lookups.index.words import stem
from bot.lookups.search import find_codes, searcher_for


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("MCAS with flushing", "D89.40"),  # Tabular and Index both say "mast cell activation syndrome"
        ("NOMID in a toddler", "M04.2"),  # the Index prints "(NOMID)"
        ("PBA after stroke", "F48.2"),  # "Pseudobulbar affect (PBA)"
        ("TRAPS flare", "M04.1"),  # tumor necrosis factor receptor associated periodic syndrome
        (
            "ALL relapse after transplant",
            "C91.02",
        ),  # three letters: "relapse" fits acute lymphoblastic leukemia
    ],
)
def test_an_unknown_abbreviation_reads_as_the_term_its_initials_spell(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
    assert "read: " in hits[0].why


@pytest.mark.parametrize(
    "query",
    [
        "LADA on insulin",  # only the Index's "Anomaly, lacrimal apparatus, duct" spells it: no reading alone
        "IED, 16 yo",  # two terms the Tabular and the Index both say, nothing in the query to choose
        "CHF exacerbation",  # the vocabulary's abbreviation keeps its meaning
        "pressure injury of heel stage IIIb",  # a Roman numeral is a number, not "(IIIb)" of a laceration
    ],
)
def test_an_abbreviation_the_data_does_not_single_out_is_left_as_typed(
    codebook: CodeBook, query: str
) -> None:
    assert not any(
        "read: " in h.why and "->" in h.why.split("read: ")[-1] for h in find_codes(codebook, query)
    )
    assert searcher_for(codebook)._initialism(query) is None


def test_a_reading_only_the_query_words_chose_does_not_replace_a_confident_answer(codebook: CodeBook) -> None:
    # "CPM" spells "congenital patella malposition", which "knee" fits; the query as typed names the device.
    hits = find_codes(codebook, "CPM unit for knee rehab", limit=5)
    assert hits and hits[0].system == "HCPCS" and not any("read: CPM" in h.why for h in hits)


def test_the_query_words_choose_between_the_terms_the_initials_spell() -> None:
    readings: dict[str, tuple[Reading, ...]] = {
        "zqd": (
            Reading("zonal quartan disorder", "A001", TITLE | PATH),
            Reading("zygomatic quadrate deformity", "B002", TITLE | PATH),
        )
    }
    context = {"A001": {"fever"}, "B002": {"cheek", "bone"}}

    def read(query: str) -> str | None:
        found = read_initialism(
            query,
            lambda key: readings.get(key, ()),
            lambda word, capitals: word == "zqd",
            lambda reading: frozenset(stem(w) for w in context[reading.code] | set(reading.term.split())),
            stem,
        )
        return found.text if found else None

    assert read("ZQD of the cheek") == "zygomatic quadrate deformity of the cheek"
    assert read("ZQD with fever") == "zonal quartan disorder with fever"
    assert read("ZQD") is None  # three letters, two terms: no reading
    readings["zqd"] = (Reading("zonal quartan disorder", "A001", PRINTED),)
    assert read("ZQD") == "zonal quartan disorder"  # the data prints the abbreviation


def test_a_compound_word_gives_an_initial_for_each_combining_form() -> None:
    words = frozenset({"conjunctivitis", "scapulohumeral", "humeral", "angiitis", "nephritis", "scapula"})
    forms = frozenset(w[:-k] if k else w for w in words for k in (0, 1, 2))
    assert compound_parts("keratoconjunctivitis", words, forms) == ("kerato", "conjunctivitis")
    assert compound_parts("facioscapulohumeral", words, forms) == ("facio", "scapulo", "humeral")
    assert compound_parts("polyangiitis", words, forms) == ("poly", "angiitis")
    assert compound_parts("endometriosis", words, forms) == (
        "endometriosis",
    )  # no known word follows a vowel
    assert compound_parts("nephritis", words, forms) == ("nephritis",)  # a word too short to split


def test_a_compound_reading_gives_way_to_a_plain_one_the_query_fits_as_well() -> None:
    readings = {
        "zqkd": (
            Reading("zonal quartokeratic disorder", "A001", TITLE | PATH | COMPOUND),
            Reading("zygomatic quadrate keel deformity", "B002", TITLE | PATH),
        )
    }

    def read(query: str) -> str | None:
        found = read_initialism(
            query,
            lambda key: readings.get(key, ()),
            lambda word, capitals: word == "zqkd",
            lambda reading: frozenset(stem(w) for w in reading.term.split()),
            stem,
        )
        return found.text if found else None

    assert read("ZQKD") == "zygomatic quadrate keel deformity"
    readings["zqkd"] = readings["zqkd"][:1]
    assert read("ZQKD") == "zonal quartokeratic disorder"  # the compound's reading alone is read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("HIT", "D75.829"),  # asked alone in capitals: the Index prints "(HIT)"
        (
            "EIN",
            "N85.02",
        ),  # a Tabular title's brackets print it: "Endometrial intraepithelial neoplasia [EIN]"
    ],
)
def test_an_english_word_asked_alone_in_capitals_reads_as_the_abbreviation_the_data_prints(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def test_a_word_asked_alone_in_capitals_that_the_data_prints_as_no_abbreviation_is_read_as_typed(
    codebook: CodeBook,
) -> None:
    hits = find_codes(codebook, "COUGH", limit=5)
    assert hits and hits[0].code == "R05.9"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # an Index line's nonessential modifier said with it: "Synovitis, villonodular (pigmented)"; the answer
        # as typed (Housemaid's knee) left the abbreviation unread
        ("PVNS left knee", "M12.262"),
        # several terms spell it; the Tabular and the Index both say "juvenile dermatomyositis"
        ("JDM in a teen", "M33.00"),
        # the data says "Polycystic kidney, autosomal recessive": the clinician's D is "disease"
        ("ARPKD newborn", "Q61.19"),
        # a small letter before the capitals says the kind: hereditary ATTR, "amyloid transthyretin-related"
        ("hATTR amyloidosis with neuropathy", "E85.1"),
    ],
)
def test_an_abbreviation_the_answer_left_unread_is_read_as_the_term_its_initials_spell(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def test_a_guess_that_reads_less_of_the_query_keeps_the_answer_as_typed(codebook: CodeBook) -> None:
    # "DIE" spells no endometriosis in the data; its guesses read none of "uterosacral ligament"
    hits = find_codes(codebook, "DIE L uterosacral ligament", limit=5)
    assert hits and hits[0].code.startswith("N80.3"), [(h.code, h.why) for h in hits]


def test_a_title_says_its_term_with_its_qualifier_and_what_it_is_with() -> None:
    assert ("spontaneous", "intracranial", "hypotension") in said_apart(
        "Intracranial hypotension, spontaneous"
    )
    assert said_apart("Intermittent hydrarthrosis, shoulder") == []  # a site is no qualifier said first
    assert ("refractory", "cytopenia", "multilineage", "dysplasia") in said_apart(
        "Refractory cytopenia with multilineage dysplasia"
    )


def test_the_guess_prefers_what_the_query_places_then_a_name_the_tabular_and_index_both_say() -> None:
    readings = {
        "zqd": (
            Reading("zonal quartan disorder", "A001", PATH),
            Reading("zygomatic quadrate deformity", "B002", TITLE | PATH),
            Reading("zealous quiet dysplasia", "P003", TITLE),
        )
    }

    def guess(query: str) -> tuple[str, ...]:
        found = guess_initialism(
            query,
            lambda key: readings.get(key, ()),
            lambda word, capitals: word == "zqd",
            lambda reading: frozenset(reading.term.split()),
            stem,
        )
        return found.terms if found else ()

    assert guess("ZQD") == (
        "zygomatic quadrate deformity",
        "zealous quiet dysplasia",
        "zonal quartan disorder",
    )
    assert guess("ZQD in a preemie")[0] == "zealous quiet dysplasia"  # a newborn's condition: the P chapter
    assert guess("zqd") == ()  # no capitals: no abbreviation


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("housing instability noted on SDOH screening", "Z59.811|Z59.819|Z59.89"),
        ("yearly DOT physical exam", "Z02.4"),
    ],
)
def test_a_guess_follows_a_confident_answer_that_read_words_naming_something(
    codebook: CodeBook, query: str, expected: str
) -> None:
    # The unknown capitals beside words that already answer ("SDOH" -> "s digestive organ hypoplasia",
    # "DOT" -> "disorders optic tracts") are context: the answer as typed stays first, any guess below it.
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code in expected.split("|"), [(h.code, h.why) for h in hits]
    assert "read: " not in hits[0].why


@pytest.mark.parametrize(
    ("query", "expected"),
    [("SIH with headache", "G96.811"), ("sIBM with weakness", "G72.41"), ("PBA with crying spells", "F48.2")],
)
def test_a_guess_still_leads_before_what_its_condition_comes_with(
    codebook: CodeBook, query: str, expected: str
) -> None:
    # "with headache" answers with confidence on its own (R51.9); the abbreviation before "with" is the condition.
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def test_small_letters_in_a_mixed_case_initialism_say_which_word_each_capital_starts() -> None:
    from bot.lookups.index.initialisms import spelling_fit

    assert spelling_fit("CuTS", "cubital tunnel syndrome") == 1
    assert spelling_fit("CuTS", "carpal tunnel syndrome") is None  # (no "u" in carpal)
    assert spelling_fit("TdP", "torsades de pointes") == 1  # (a short word's initial)
    assert spelling_fit("TdP", "talc dust pneumoconiosis") is None
    # (the very next letter is a closer spelling than a later one: vaginal, not vulvar)
    vaginal, vulvar = (spelling_fit("VaIN", f"{s} intraepithelial neoplasia") for s in ("vaginal", "vulvar"))
    assert vaginal is not None and vulvar is not None and vaginal > vulvar


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("CuTS R elbow, numb pinky", "G56.21"),  # cubital, not carpal, tunnel syndrome
        ("TdP after starting methadone", "I47.21"),  # torsades de pointes
        ("HbSS with acute chest", "D57.01"),  # the vocabulary's own reading stays
        ("PaCO2 62, not in respiratory failure", "R06.89"),  # an analyte with its number is no initialism
    ],
)
def test_a_mixed_case_initialism_reads_as_the_term_its_letters_spell(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_a_viral_disease_gives_its_virus_abbreviation() -> None:
    """The disease's initials and "V", a name's without its condition noun, a one-word name's first letters."""
    assert "jev" in virus_keys(("japanese", "encephalitis"))
    assert "rrv" in virus_keys(("ross", "river", "disease"))
    assert {"orov", "ziv"} & virus_keys(("oropouche", "virus", "disease")) == {"orov"}
    assert "onnv" in virus_keys(("o'nyong", "nyong", "fever"))
    assert "zikv" in virus_keys(("zika", "virus", "disease"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("WEEV encephalitis", "A83.1"),  # western equine encephalitis virus
        ("KFDV after a trip to India", "A98.2"),  # Kyasanur Forest disease virus
        ("MARV infection", "A98.3"),  # a one-word name's first letters: Marburg
        ("ZIKV", "A92.5"),
        ("KFD in a traveler", "A98.2"),  # a traveler places it in the infectious chapter
    ],
)
def test_a_virus_abbreviation_reads_as_its_disease(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def test_a_term_several_codes_say_reads_as_their_category(codebook: CodeBook) -> None:
    # ("Allergic contact dermatitis due to ..." heads L23's titles: the query's words choose the code within it)
    hits = find_codes(codebook, "ACD from hair dye", limit=5)
    assert hits and hits[0].code == "L23.4", [(h.code, h.why) for h in hits]


def test_a_term_the_letters_spell_plainly_comes_before_a_virus_name(codebook: CodeBook) -> None:
    # ("SLV" is syphilitic late vaginitis before St. Louis encephalitis virus said without its E)
    hits = find_codes(codebook, "SLV", limit=5)
    assert hits and hits[0].code == "A52.76", [(h.code, h.why) for h in hits]


def test_a_prefix_and_a_main_term_s_comma_give_their_initials() -> None:
    words = frozenset(["encephalitis", "vascularization"])
    assert compound_parts("panencephalitis", words, frozenset()) == ("pan", "encephalitis")
    assert compound_parts("neovascularization", words, frozenset()) == ("neo", "vascularization")
    # ("Panencephalitis, subacute, sclerosing" is said subacute sclerosing panencephalitis; "Dryness, dry" and
    # "Abstinence symptoms, syndrome" name it again)
    assert _said_with("Panencephalitis, subacute, sclerosing") == ("subacute", "sclerosing")
    assert _said_with("Dryness, dry") == _said_with("Abstinence symptoms, syndrome") == ()
