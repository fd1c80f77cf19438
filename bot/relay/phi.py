"""PHI guard: find text that looks like a patient identifier before it is stored or posted to Slack.

Slack is treated as a place without PHI (its BAA does not cover third-party apps), so clarifications refer to
an encounter by an opaque reference only. Ordinary clinical text (codes, lab values, vitals, dates of service,
eponyms, drug names) must pass, because a guard that cries wolf gets worked around.

How it reads a text:
1. Normalise (`normalise`): Unicode NFKC (full-width digits and letters become ASCII), bidi controls and
   zero-width characters removed, accents folded (José -> Jose), every dash a hyphen, every space a space.
   Each normalised character remembers where it came from, so hits are reported on the original text.
2. Formats (`_format_hits`): SSN in every separator style, the Medicare MBI by its official character positions,
   phone numbers, email addresses, street addresses in any case, PO boxes, ZIP codes after a state, dates of
   birth in every common written form next to a birth word, labelled record/account/insurance numbers.
3. Names (`_name_hits`), over the words of the text: chart layouts ("Lopez, Maria", "GONZALEZ, MARIA"),
   labelled fields ("Patient name:", "pt", "Mrs.", a relative), and a given name followed by a family name.
   Given names and family names come from the US census name files, clinical words from the shipped code
   titles, index and drug table (bot/relay/data, built by scripts/build_phi_words.py): a clinical word
   ("Charcot", "Hodgkin", "tooth") is not taken for a name unless it is also a common family name, and a pair
   followed by "syndrome", "disease" and the like is an eponym, not a person.
Every pattern is anchored at a word start and has bounded repetition, so the cost is linear in the length.
"""

from __future__ import annotations

import bisect
import gzip
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from bot.render.mrkdwn import INVISIBLE


class PhiKind(StrEnum):
    SSN = "ssn"
    DATE_OF_BIRTH = "date_of_birth"
    PHONE = "phone"
    EMAIL = "email"
    STREET_ADDRESS = "street_address"
    MRN = "mrn"
    MEDICARE_ID = "medicare_id"
    INSURANCE_ID = "insurance_id"
    ACCOUNT_NUMBER = "account_number"
    PATIENT_NAME = "patient_name"


REASONS: Mapping[PhiKind, str] = {
    PhiKind.SSN: "a Social Security number (123-45-6789 pattern)",
    PhiKind.DATE_OF_BIRTH: "a date of birth (a date next to DOB/born/birth)",
    PhiKind.PHONE: "a phone number (555-123-4567 pattern)",
    PhiKind.EMAIL: "an email address (name@domain pattern)",
    PhiKind.STREET_ADDRESS: "a street address (house number + street name pattern)",
    PhiKind.MRN: "a medical record number (MRN followed by a number)",
    PhiKind.MEDICARE_ID: "a Medicare beneficiary identifier (MBI pattern)",
    PhiKind.INSURANCE_ID: "an insurance member, policy or group number",
    PhiKind.ACCOUNT_NUMBER: "an account, encounter or FIN number (a labelled number)",
    PhiKind.PATIENT_NAME: "a patient name (a name after patient/pt./Mr./Mrs. or in Last, First form)",
}

ADVICE = "Slack is not a place for patient identifiers; refer to the encounter by its reference only."

FIELD_LABELS: Mapping[str, str] = {
    "question": "Question",
    "indicators": "Clinical indicators",
    "encounter_ref": "Encounter reference",
    "codes": "Codes",
    "options": "Options",
    "answer": "Answer",
    "choice": "Choice",
    "text": "Message",
    "reason": "Reason",
}


@dataclass(frozen=True)
class PhiHit:
    kind: PhiKind
    start: int
    end: int

    @property
    def reason(self) -> str:
        return REASONS[self.kind]


# ---- 1. normalisation ---------------------------------------------------------------------------------------

_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_APOSTROPHES = frozenset("\u2018\u2019\u201b\u02bc\u02b9\u0060\u00b4")


@dataclass(frozen=True)
class Normalised:
    """The text the detectors read; `origin[i]` is where its character `i` came from (None: the same place)."""

    text: str
    origin: tuple[int, ...] | None

    def span(self, start: int, end: int, length: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        first = self.origin[start] if start < len(self.origin) else length
        last = self.origin[end - 1] + 1 if 0 < end <= len(self.origin) else first
        return first, max(first, last)


@cache
def _fold(char: str) -> str:
    """One character as the detectors read it (possibly none, possibly several)."""
    if char in INVISIBLE:
        return ""
    if char in _DASHES:
        return "-"
    if char in _APOSTROPHES:
        return "'"
    out = []
    for c in unicodedata.normalize("NFKC", char):
        if c in INVISIBLE:
            continue
        if c.isdigit() and not c.isascii():
            decimal = unicodedata.decimal(c, None)
            out.append(str(decimal) if decimal is not None else c)
            continue
        if c.isspace():
            out.append("\n" if c in "\n\r\u2028\u2029" else " ")
            continue
        out.extend(d for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d))
    return "".join(out)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def normalise(text: str) -> Normalised:
    """NFKC, invisible characters removed, accents folded, dashes and spaces unified; case is kept (matching
    ignores it where it should). Only the non-ASCII characters are looked at one by one."""
    if text.isascii():
        return Normalised(text, None)
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for m in _NON_ASCII.finditer(text):
        index = m.start()
        pieces.append(text[last:index])
        origin.extend(range(last, index))
        folded = _fold(m.group())
        pieces.append(folded)
        origin.extend([index] * len(folded))
        last = index + 1
    pieces.append(text[last:])
    origin.extend(range(last, len(text)))
    return Normalised("".join(pieces), tuple(origin))


# ---- 2. formats ---------------------------------------------------------------------------------------------
# Formats that identify on their own are single anchored patterns. Labelled values (a date after "DOB", a
# number after "MRN") are found from their label: one pass finds every label, then the value is matched
# right after it, so no pattern ever rescans the text.

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR2_4 = r"(?:\d{4}|'?\d{2})(?!\d)"
_DATES = re.compile(
    r"(?<![\w/.-])(?:\d{1,2}[-/. ]\d{1,2}[-/. ](?:\d{4}|\d{2})(?![\d/])"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)\d{2}(?!\d)"
    rf"|(?:the\s+)?\d{{1,2}}{_ORD}(?:\s+of)?[\s-]{{1,3}}{_MONTH}[\s,.-]{{1,3}}{_YEAR2_4}"
    rf"|{_MONTH}[\s.-]{{1,3}}(?:the\s+)?\d{{1,2}}{_ORD}(?:,|\s)[\s,-]{{0,2}}{_YEAR2_4}"
    rf"|\d{{1,2}}[-/]\d{{4}}(?!\d)|{_MONTH}[\s,-]{{1,3}}\d{{4}}(?!\d))"
)
_DOB_AFTER_DATE = re.compile(
    r"\s{0,2}[(\[,-]?\s{0,2}(?:dob|d\.o\.b|date\s+of\s+birth|birth\s*date|birthday)\b"
)
# Between a birth word and its date: a few words, no digit, no other date label.
_OTHER_DATE_LABEL = re.compile(r"\bdos\b|service|admi|discharg|seen|visit|surg|procedure|appointment")
_BIRTH_GAP = 30

_MBI_LETTER = "AC-HJKMNP-RT-Yac-hjkmnp-rt-y"  # A-Z less S, L, O, I, B, Z
# (kind, pattern, a substring the text must hold for the pattern to be worth running). Patterns that start at
# a digit put their "not inside a word" check after the first digit, so the regex engine jumps from digit to
# digit instead of trying every position.
_SIMPLE: tuple[tuple[PhiKind, re.Pattern[str], tuple[str, ...]], ...] = (
    (PhiKind.SSN, re.compile(r"\d(?<![\w-]\d)\d{2}(?P<sep>[- .])\d{2}(?P=sep)\d{4}(?![\w-]|\.\d)"), ()),
    (
        PhiKind.MEDICARE_ID,
        re.compile(
            rf"[1-9](?<![A-Za-z0-9][1-9])[{_MBI_LETTER}][{_MBI_LETTER}0-9]\d[- ]?[{_MBI_LETTER}][{_MBI_LETTER}0-9]"
            rf"\d[- ]?[{_MBI_LETTER}]{{2}}\d{{2}}(?![A-Za-z0-9])"
        ),
        (),
    ),
    (
        PhiKind.EMAIL,
        re.compile(r"(?<![\w.%+-])[\w.%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}\b"),
        ("@",),
    ),
    (
        PhiKind.EMAIL,
        re.compile(
            r"(?<![\w.+-])[\w.+-]{1,64}\s?(?:\[at\]|\(at\)|\{at\}|\sat\s)\s?[a-z0-9-]{1,63}"
            r"\s?(?:\[dot\]|\(dot\)|\{dot\}|\sdot\s)\s?(?:com|org|net|edu|gov|us|io|co)\b"
        ),
        ("dot",),
    ),
    (
        PhiKind.PHONE,
        re.compile(
            r"(?<![\w+/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-]|[./]\d)"
        ),
        (),
    ),
    (
        PhiKind.PHONE,
        re.compile(r"\+(?<![\w+]\+)\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?<=\d\d)(?![\d-])"),
        ("+",),
    ),
    (PhiKind.STREET_ADDRESS, re.compile(r"\bp\.?\s?o\.?\s{0,2}box\s{0,2}#?\s{0,2}\d{1,7}\b"), ("box",)),
    (
        PhiKind.STREET_ADDRESS,
        re.compile(r"\b(?:apt|apartment)\.?\s{0,2}#?\s{0,2}\d{1,5}[a-z]?\b"),
        ("apt", "apartment"),
    ),
    (PhiKind.STREET_ADDRESS, re.compile(r"\d(?<![\w-]\d)\d{4}-\d{4}(?![\w-])"), ("-",)),
)
_STATES = (
    "al|ak|az|ar|ca|co|ct|de|dc|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|mo|mt|ne|nv|nh|nj|nm|ny|nc|nd"
    "|oh|ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|wi|wy|pr|alabama|alaska|arizona|arkansas|california|colorado"
    "|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine"
    "|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|ohio|oklahoma"
    "|oregon|pennsylvania|tennessee|texas|utah|vermont|virginia|washington|wisconsin|wyoming"
)
_STATE_ZIP = re.compile(rf",\s{{0,2}}(?:{_STATES})\.?,?\s{{1,2}}\d{{5}}(?:-\d{{4}})?(?!\d)")

# House number and the words after it; which of them is a street suffix is decided in Python.
_HOUSE_AND_WORDS = re.compile(
    r"\d(?<![\w.,/-]\d)\d{0,5}[a-z]?(?:-\d{1,4})?(?P<words>(?:[ \t]{1,3}(?:[a-z][a-z'.-]{0,29}|\d{1,3}(?:st|nd|rd|th)))"
    r"{1,5})"
)
STREET_SUFFIXES = frozenset(
    [
        "street",
        "avenue",
        "ave",
        "av",
        "boulevard",
        "blvd",
        "road",
        "rd",
        "lane",
        "ln",
        "drive",
        "drv",
        "terrace",
        "terr",
        "highway",
        "hwy",
        "parkway",
        "pkwy",
        "trail",
        "trl",
        "crescent",
        "expressway",
        "expy",
        "freeway",
        "fwy",
        "turnpike",
        "tpke",
        "alley",
        "plaza",
        "plz",
        "circle",
        "cir",
        "court",
        "place",
        "square",
        "causeway",
        "broadway",
    ]
)
# Abbreviations that are also clinical words ("ST elevation", "Dr Patel"): a street only at the end of the
# address (end of text, punctuation, a unit or a direction next).
AMBIGUOUS_SUFFIXES = frozenset(
    ["st", "dr", "ct", "pl", "way", "sq", "ter", "pike", "run", "row", "loop", "path", "cove", "ridge", "pt"]
)
_AFTER_AMBIGUOUS = re.compile(
    r"\.?(?:\s*(?:$|[,;:)\n])|\.\s|\s+(?:apt|apartment|unit|suite|ste|fl|floor|bldg|#|n|s|e|w|ne|nw|se|sw)\b)"
)
_NOT_STREET_WORDS = frozenset(
    [
        "weeks",
        "week",
        "days",
        "day",
        "months",
        "month",
        "years",
        "year",
        "hours",
        "hour",
        "minutes",
        "mg",
        "mcg",
        "ml",
        "units",
        "unit",
        "times",
        "tabs",
        "tablets",
        "doses",
        "cm",
        "mm",
        "kg",
        "lb",
        "lbs",
    ]
)

# Labels, found in one pass over the lower-cased text (one flat alternation: each alternative starts with a
# literal, which the regex engine skips fast); what a label introduces is decided on the match alone.
_LABEL_GROUPS: tuple[tuple[str, str], ...] = (
    (
        "birth",
        r"d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth\b|birth\s*(?:date|day)\b|birthdate\b|born\b|birth\b"
        r"|b\.(?=\s{0,2}\d)|fecha\s+de\s+nac\w{0,10}",
    ),
    (
        "ssn",
        r"ssn\b|ss\s?#|s\.s\.n?\.?|ss\s?(?:no|num(?:ber)?)\b|soc(?:ial)?[\s.]{0,3}sec(?:urity)?\b|social\b",
    ),
    (
        "phone",
        r"(?:phone|ph|tel|telephone|cell|cellphone|mobile|mob|fax|call|contact|pager|cb|callback|text|home"
        r"|work)\b\.?",
    ),
    ("address", r"(?:address|addr|lives\s+at|living\s+at|resides\s+at|residing\s+at|home\s+at)\b"),
    ("mrn", r"mrn\b|m\.r\.n\.?|mr\s?#|mr\s?(?:no|num)\b|med(?:ical)?\.?\s*rec(?:ord)?s?\b\.?"),
    ("account", r"(?:acct|acc't|account|fin|csn|har|harn)\b"),
    ("medicare", r"mbi\b|hicn?\b|medicare(?=\s*(?:no|#|num|id|beneficiary))"),
    ("insurance", r"(?:policy|subscriber|member|medicaid|insurance|group|grp)\b"),
    ("mrn_weak", r"(?:chart|record|patient|pt|case)\b"),
    ("account_weak", r"(?:encounter|enc|visit|admission|adm)\b"),
    ("insurance_weak", r"(?:medicare|ins|payer|plan|benefit|id)\b"),
)
_LABELS = re.compile("|".join(f"(?:{alternatives})" for _, alternatives in _LABEL_GROUPS))
_LABEL_OF = tuple((name, re.compile(alternatives)) for name, alternatives in _LABEL_GROUPS)


def _plain_labels() -> dict[str, str]:
    """Label words that belong to one group whatever follows them (a dictionary lookup instead of a regex)."""
    groups: dict[str, list[str]] = {}
    for name, alternatives in _LABEL_GROUPS:
        for word in re.findall(r"[a-z']+", alternatives):
            groups.setdefault(word, []).append(name)
    plain = {}
    for word, names in groups.items():
        owner = dict(_LABEL_GROUPS)[names[0]]
        if len(set(names)) == 1 and re.fullmatch(owner, word):
            plain[word] = names[0]
    return plain


_PLAIN_LABELS: Mapping[str, str] = _plain_labels()


def _label_group(text: str, match: re.Match[str]) -> str | None:
    """Which group a label match belongs to; None when it starts inside a word ("unborn", "cumbersome")."""
    start = match.start()
    before = text[start - 1] if start else " "
    if before.isalnum() or before == "_" or (before == "." and text[start] == "b"):
        return None
    found = match.group()
    plain = _PLAIN_LABELS.get(found)
    if plain is not None:
        return plain
    for name, pattern in _LABEL_OF:
        again = pattern.match(text, start)
        if again is not None and again.end() == match.end():
            return name
    return None


_LABEL_KINDS: Mapping[str, PhiKind] = {
    "mrn": PhiKind.MRN,
    "mrn_weak": PhiKind.MRN,
    "account": PhiKind.ACCOUNT_NUMBER,
    "account_weak": PhiKind.ACCOUNT_NUMBER,
    "medicare": PhiKind.MEDICARE_ID,
    "insurance": PhiKind.INSURANCE_ID,
    "insurance_weak": PhiKind.INSURANCE_ID,
}
_NUMBER_WORD = r"(?:id|identifier|#|no\b\.?|num(?:ber)?|nbr|n[o\u00ba\u00b0]\.?)"
_VALUE = r"[\s:#=.\-]{0,4}(?:(?:is|was|of)\s{1,2})?(?P<value>[a-z0-9][a-z0-9-]{2,24})(?![a-z0-9-])"
_ID_AFTER_STRONG = re.compile(rf"(?:\s{{0,2}}{_NUMBER_WORD})?{_VALUE}")
_ID_AFTER_WEAK = re.compile(rf"\s{{0,2}}{_NUMBER_WORD}{_VALUE}")
_SSN_AFTER = re.compile(
    r"[^\d\n]{0,25}?(?:\d{3}[- .]?\d{2}[- .]?\d{4}(?!\d)|(?:x{3}|\*{3})[- .]?(?:x{2}|\*{2})[- .]?\d{4}(?!\d)"
    r"|(?:ending|last\s*(?:4|four)(?:\s*digits)?)[^\d\n]{0,6}\d{4}(?!\d))"
)
_PHONE_AFTER = re.compile(r"[^\d\n]{0,12}?(?:\+?1[\s.-]?)?(?:\d{10}|\d{3}[\s.-]?\d{4})(?!\d)")
_ADDRESS_AFTER = re.compile(r"[^\n\d]{0,15}?\d{1,6}[a-z]?\s{1,3}[a-z]")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NON_SPACE = re.compile(r"\S+")


def _identifying_value(value: str) -> bool:
    """A labelled value identifies someone when it has at least 3 digits and is not just a year."""
    digits = sum(ch.isdigit() for ch in value)
    return digits >= 3 and not _YEAR.fullmatch(value)


def _street_hits(text: str) -> Iterator[tuple[PhiKind, int, int]]:
    for m in _HOUSE_AND_WORDS.finditer(text):
        for index, word in enumerate(_NON_SPACE.finditer(text, m.start("words"), m.end())):
            bare = word.group().rstrip(".").lower()
            if bare in _NOT_STREET_WORDS or (bare in STOPWORDS and bare not in ("n", "s", "e", "w")):
                break
            if index == 0 or (bare not in STREET_SUFFIXES and bare not in AMBIGUOUS_SUFFIXES):
                continue
            if bare in AMBIGUOUS_SUFFIXES and not _AFTER_AMBIGUOUS.match(
                text, word.end() - (word.group()[-1] == ".")
            ):
                continue
            yield PhiKind.STREET_ADDRESS, m.start(), word.end()
            break


def _dates_near(text: str, births: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every date within reach of a birth word (after it, or before a "DOB" that follows a date); the text
    between is scanned once however many birth words there are."""
    reach = _BIRTH_GAP + 40
    windows = sorted(
        [(end, end + reach) for _, end in births] + [(max(0, start - 40), start) for start, _ in births]
    )
    dates: list[tuple[int, int]] = []
    scanned = 0
    for start, end in windows:
        start = max(start, scanned)
        if start >= end:
            continue
        stop = min(len(text), end + 24)  # a date that starts inside the window may end after it
        dates.extend(m.span() for m in _DATES.finditer(text, start, stop) if m.start() < end)
        scanned = end
    return sorted(set(dates))


def _birth_hits(text: str, births: list[tuple[int, int]]) -> Iterator[tuple[PhiKind, int, int]]:
    """A date within a few words after a birth word, and a date followed by "(DOB)"."""
    if not births:
        return
    dates = _dates_near(text, births)
    starts = [start for start, _ in dates]
    for label_start, label_end in births:
        n = bisect.bisect_left(starts, label_end)
        if n == len(dates):
            continue
        start, end = dates[n]
        gap = text[label_end:start]
        near = len(gap) <= _BIRTH_GAP and not any(c.isdigit() or c == "\n" for c in gap)
        if near and not _OTHER_DATE_LABEL.search(gap):
            yield PhiKind.DATE_OF_BIRTH, label_start, end
    for start, end in dates:
        after = _DOB_AFTER_DATE.match(text, end)
        if after:
            yield PhiKind.DATE_OF_BIRTH, start, after.end()


def _format_hits(text: str) -> Iterator[tuple[PhiKind, int, int]]:
    for kind, pattern, needs in _SIMPLE:
        if needs and not any(part in text for part in needs):
            continue
        for m in pattern.finditer(text):
            yield kind, m.start(), m.end()
    for m in _STATE_ZIP.finditer(text):
        yield PhiKind.STREET_ADDRESS, m.start(), m.end()
    yield from _street_hits(text)
    births: list[tuple[int, int]] = []
    for m in _LABELS.finditer(text):
        group = _label_group(text, m)
        if group is None:
            continue
        if group == "birth":
            births.append(m.span())
            continue
        if group == "ssn":
            value = _SSN_AFTER.match(text, m.end())
            kind = PhiKind.SSN
        elif group == "phone":
            value = _PHONE_AFTER.match(text, m.end())
            kind = PhiKind.PHONE
        elif group == "address":
            value = _ADDRESS_AFTER.match(text, m.end())
            kind = PhiKind.STREET_ADDRESS
        else:
            pattern = _ID_AFTER_WEAK if group.endswith("_weak") else _ID_AFTER_STRONG
            value = pattern.match(text, m.end())
            kind = _LABEL_KINDS[group]
            if value and not _identifying_value(value.group("value")):
                value = None
        if value:
            yield kind, m.start(), value.end()
    yield from _birth_hits(text, births)


# ---- 3. names -----------------------------------------------------------------------------------------------


@cache
def _words() -> Mapping[str, frozenset[str]]:
    data = resources.files("bot.relay.data").joinpath("phi_words.tsv.gz").read_bytes()
    found: dict[str, frozenset[str]] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        word, _, kinds = line.partition("\t")
        found[word] = frozenset(kinds.split(","))
    return found


# Function words and the verbs that follow "patient"/"pt" in clinical text: never a name.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "without",
        "within",
        "into",
        "onto",
        "upon",
        "over",
        "under",
        "about",
        "after",
        "before",
        "during",
        "since",
        "until",
        "while",
        "as",
        "if",
        "than",
        "then",
        "so",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "are",
        "has",
        "have",
        "had",
        "having",
        "do",
        "does",
        "did",
        "done",
        "not",
        "no",
        "yes",
        "none",
        "all",
        "any",
        "some",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "other",
        "another",
        "such",
        "same",
        "own",
        "only",
        "also",
        "just",
        "very",
        "too",
        "more",
        "most",
        "less",
        "least",
        "much",
        "many",
        "few",
        "several",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "he",
        "she",
        "they",
        "them",
        "him",
        "her",
        "his",
        "hers",
        "their",
        "theirs",
        "we",
        "us",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "mine",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "first",
        "second",
        "third",
        "last",
        "next",
        "prior",
        "previous",
        "per",
        "via",
        "vs",
        "re",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "can",
        "could",
        "states",
        "stated",
        "reports",
        "reported",
        "denies",
        "denied",
        "presents",
        "presented",
        "presenting",
        "admitted",
        "discharged",
        "transferred",
        "seen",
        "developed",
        "noted",
        "remains",
        "remained",
        "continues",
        "continued",
        "returned",
        "received",
        "underwent",
        "tolerated",
        "refused",
        "declined",
        "requires",
        "required",
        "needs",
        "needed",
        "takes",
        "took",
        "taking",
        "started",
        "completed",
        "complains",
        "complained",
        "endorses",
        "endorsed",
        "appears",
        "appeared",
        "underwent",
        "follows",
        "followed",
        "education",
        "instructed",
        "counseled",
        "advised",
        "informed",
        "agrees",
        "agreed",
        "consents",
        "consented",
        "verbalizes",
        "ambulates",
        "ambulating",
        "alert",
        "oriented",
        "awake",
        "stable",
        "unstable",
        "improved",
        "improving",
        "worsening",
        "doing",
        "feels",
        "felt",
        "found",
        "placed",
        "given",
        "started",
        "status",
        "history",
        "hx",
        "record",
        "records",
        "chart",
        "name",
        "identity",
        "portal",
        "safety",
        "information",
        "encounter",
        "account",
        "visit",
        "care",
        "plan",
        "population",
        "presentation",
        "identifier",
        "id",
        "number",
        "male",
        "female",
        "man",
        "woman",
        "boy",
        "girl",
        "infant",
        "child",
        "baby",
        "adult",
        "elderly",
        "patient",
        "patients",
        "pt",
        "pts",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tomorrow",
        "yesterday",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)
EPONYM_NOUNS = frozenset(
    [
        "syndrome",
        "syndromes",
        "disease",
        "diseases",
        "disorder",
        "sign",
        "signs",
        "test",
        "tests",
        "maneuver",
        "manoeuvre",
        "palsy",
        "phenomenon",
        "reflex",
        "fracture",
        "fractures",
        "lymphoma",
        "sarcoma",
        "tumor",
        "tumour",
        "foot",
        "joint",
        "ulcer",
        "node",
        "nodes",
        "esophagus",
        "triad",
        "score",
        "criteria",
        "classification",
        "scale",
        "procedure",
        "operation",
        "repair",
        "anastomosis",
        "catheter",
        "stain",
        "type",
        "variant",
        "cyst",
        "neuroma",
        "contracture",
        "deformity",
        "arthropathy",
        "neuropathy",
        "atrophy",
        "dystrophy",
        "ataxia",
        "chorea",
        "dementia",
        "anomaly",
        "malformation",
        "aneurysm",
        "hernia",
        "effect",
        "law",
        "rule",
        "point",
        "line",
        "space",
        "body",
        "bodies",
        "cell",
        "cells",
        "granuloma",
        "nodule",
        "nodules",
        "thyroiditis",
        "encephalopathy",
        "encephalitis",
        "spots",
        "spot",
        "angina",
        "fever",
        "virus",
        "bacillus",
        "pouch",
        "pump",
        "shunt",
        "method",
        "technique",
        "view",
        "position",
        "incision",
        "flap",
        "graft",
        "block",
        "stage",
        "grade",
        "ratio",
        "index",
    ]
)
_CLINICIAN = frozenset(
    [
        "dr",
        "doctor",
        "np",
        "pa",
        "pa-c",
        "rn",
        "md",
        "do",
        "provider",
        "physician",
        "attending",
        "nurse",
        "surgeon",
        "resident",
        "fellow",
        "np-c",
        "dpm",
        "aprn",
    ]
)
_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "mx", "mister"])
# Words after which a name is the patient's (or a relative's): "Patient name:", "pt", "wife".
_NAME_LABELS = frozenset(
    [
        "patient",
        "pt",
        "pts",
        "client",
        "resident",
        "insured",
        "subscriber",
        "guarantor",
        "beneficiary",
        "member",
        "enrollee",
        "name",
        "aka",
        "alias",
        "wife",
        "husband",
        "spouse",
        "partner",
        "mother",
        "father",
        "mom",
        "dad",
        "son",
        "daughter",
        "sister",
        "brother",
        "guardian",
        "caregiver",
        "grandmother",
        "grandfather",
        "granddaughter",
        "grandson",
        "aunt",
        "uncle",
        "niece",
        "nephew",
        "cousin",
        "nok",
        "kin",
        "contact",
        "fiance",
        "fiancee",
        "boyfriend",
        "girlfriend",
    ]
)
_EXPLICIT_NAME_LABELS = frozenset(["name", "aka", "alias"])
_FILLER_WORDS = frozenset(
    ["is", "was", "named", "called", "name", "goes", "by", "the", "patient's", "pt's", "s"]
)
_WORD_PATTERN = re.compile(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z][A-Za-z']*)*")


@dataclass(frozen=True)
class _Lexicon:
    given: frozenset[str]  # common given names that are not function words
    surname: frozenset[str]
    clinical_only: frozenset[str]  # clinical words (eponyms, drugs) that are not also common names
    clinical: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    words = _words()
    given = {w for w, k in words.items() if "given" in k and w not in STOPWORDS}
    surname = {w for w, k in words.items() if "surname" in k}
    clinical = {w for w, k in words.items() if "clinical" in k}
    return _Lexicon(
        frozenset(given), frozenset(surname), frozenset(clinical - given - surname), frozenset(clinical)
    )


class _Text:
    """The words of a text, by index: what the name rules look at."""

    def __init__(self, text: str, lower: str, start: int = 0, end: int | None = None) -> None:
        self.text = text
        self.lower = lower
        self.spans = [
            m.span() for m in _WORD_PATTERN.finditer(text, start, len(text) if end is None else end)
        ]
        self.lows = [lower[a:b] for a, b in self.spans]
        self.lex = _lexicon()

    def __len__(self) -> int:
        return len(self.spans)

    def low(self, i: int) -> str:
        return self.lows[i]

    def base(self, i: int) -> str:
        """The word without a possessive ("Gonzalez's" -> "gonzalez")."""
        word = self.low(i)
        return word.split("'")[0] if "'" in word else word

    def capitalised(self, i: int) -> bool:
        return self.text[self.spans[i][0]].isupper()

    def upper(self, i: int) -> bool:
        start, end = self.spans[i]
        return end - start > 1 and self.text[start:end].isupper()

    def gap(self, i: int) -> str:
        """The characters between word i and word i + 1."""
        return self.text[self.spans[i][1] : self.spans[i + 1][0]]

    def name_shaped(self, i: int) -> bool:
        start, end = self.spans[i]
        return end - start >= 2 and self.low(i) not in STOPWORDS

    def given(self, i: int) -> bool:
        return self.base(i) in self.lex.given

    def clinical_only(self, i: int) -> bool:
        word = self.base(i)
        if "-" in word:
            return all(part in self.lex.clinical_only for part in word.split("-"))
        return word in self.lex.clinical_only

    def could_be_family(self, i: int) -> bool:
        return self.name_shaped(i) and not self.clinical_only(i)

    def eponym_after(self, i: int) -> bool:
        """Word i ends an eponym: a possessive, or a clinical noun like "syndrome" follows."""
        end = self.spans[i][1]
        if self.text[end : end + 1] == "'" or self.low(i).endswith("'s"):
            return True
        return i + 1 < len(self) and self.low(i + 1) in EPONYM_NOUNS and self.gap(i).isspace()

    def after_clinician(self, i: int) -> bool:
        return i > 0 and self.low(i - 1) in _CLINICIAN and len(self.gap(i - 1)) <= 3


def _name_end(words: _Text, i: int) -> int:
    """The last word of a name starting at word i: up to two more capitalised name words on the same line."""
    end = i
    for n in range(i + 1, min(i + 3, len(words))):
        gap = words.gap(n - 1)
        if gap.strip(" .") or "\n" in gap or not words.could_be_family(n):
            break
        known = words.base(n) in words.lex.given or words.base(n) in words.lex.surname
        if not (words.capitalised(n) or known):
            break
        end = n
    return end


def _last_comma_first(words: _Text, i: int) -> int | None:
    """ "Last, First" starting at word i: the index of the given name, or None."""
    if i + 1 >= len(words):
        return None
    gap = words.gap(i)
    if gap.strip() != "," or len(gap) > 3 or not words.could_be_family(i) or not words.name_shaped(i + 1):
        return None
    if words.given(i + 1) or (words.upper(i) and words.upper(i + 1) and not words.clinical_only(i + 1)):
        return i + 1
    return None


def _labelled_name(words: _Text, i: int) -> tuple[int, int] | None:
    """A name after a label word: "Patient name: Lopez, Maria", "pt is jane smith", "Mrs. whitfield"."""
    label = words.low(i)
    honorific = label in _HONORIFICS
    explicit = label in _EXPLICIT_NAME_LABELS
    n = i + 1
    while n < len(words) and words.low(n) in _FILLER_WORDS and n - i <= 3 and len(words.gap(n - 1)) <= 3:
        explicit = explicit or words.low(n) in ("named", "called", "name")
        n += 1
    if n >= len(words):
        return None
    gap = words.gap(n - 1)
    if len(gap) > 6 or "\n" in gap or gap.strip(" :#.,=-"):
        return None
    if not words.name_shaped(n):
        return None
    word = words.base(n)
    lex = words.lex
    if honorific or explicit:
        named = not words.clinical_only(n) or words.capitalised(n)
    else:
        named = (
            word in lex.given
            or word in lex.surname
            or (words.capitalised(n) and word not in lex.clinical and not words.upper(n))
            or (words.upper(n) and len(word) > 4 and word not in lex.clinical)
        )
    if not named or words.eponym_after(n):
        return None
    last = _last_comma_first(words, n) or _name_end(words, n)
    return words.spans[i if honorific else n][0], words.spans[last][1]


# Where a name rule can start: a capital letter, a word before a comma, a label word.
def _name_hits(text: str, lower: str) -> Iterator[tuple[int, int]]:
    return _word_name_hits(_Text(text, lower))


def _word_name_hits(words: _Text) -> Iterator[tuple[int, int]]:
    text, lex, spans, lows = words.text, words.lex, words.spans, words.lows
    labels = _NAME_LABELS | _HONORIFICS
    for i in range(len(spans)):
        if lows[i] in labels:
            labelled = _labelled_name(words, i)
            if labelled:
                yield labelled
                continue
        end = spans[i][1]
        comma = text[end : end + 1] == ","
        if not comma and not text[spans[i][0]].isupper():
            continue
        if words.after_clinician(i):
            continue
        if comma:
            first = _last_comma_first(words, i)
            if (
                first is not None
                and (words.capitalised(i) or words.given(first))
                and not words.eponym_after(first)
            ):
                yield spans[i][0], spans[first][1]
                continue
        if i + 1 >= len(spans) or words.base(i) not in lex.given:
            continue
        gap = words.gap(i)
        family = (
            gap.isspace() and "\n" not in gap and words.capitalised(i + 1) and words.could_be_family(i + 1)
        )
        if family and not words.eponym_after(i + 1):
            yield spans[i][0], spans[i + 1][1]


# ---- the guard ----------------------------------------------------------------------------------------------


def find_phi(text: str) -> list[PhiHit]:
    """Every identifier-looking span in `text` (positions in `text` itself), in order; overlapping hits of
    one kind are merged."""
    normal = normalise(text)
    lowered = normal.text.lower()
    if len(lowered) != len(normal.text):  # a character whose lower case is longer: keep positions aligned
        lowered = "".join(c.lower()[:1] or c for c in normal.text)
    names = ((PhiKind.PATIENT_NAME, s, e) for s, e in _name_hits(normal.text, lowered))
    spans = [*_format_hits(lowered), *names]
    hits = sorted(
        (PhiHit(kind, *normal.span(start, end, len(text))) for kind, start, end in spans),
        key=lambda hit: (hit.start, -hit.end),
    )
    merged: list[PhiHit] = []
    last_of_kind: dict[PhiKind, int] = {}
    for hit in hits:
        index = last_of_kind.get(hit.kind)
        if index is not None and hit.start < merged[index].end:
            if hit.end > merged[index].end:
                merged[index] = PhiHit(hit.kind, merged[index].start, hit.end)
            continue
        last_of_kind[hit.kind] = len(merged)
        merged.append(hit)
    return merged


def describe(field: str, hits: list[PhiHit]) -> str:
    """The user-facing refusal for one field, naming the field and what it looked like."""
    label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
    reasons = list(dict.fromkeys(hit.reason for hit in hits))
    joined = reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + " and " + reasons[-1]
    return f"{label} looks like it contains {joined}. {ADVICE}"


def check_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """field -> refusal message, for every field whose text looks like it holds a patient identifier."""
    problems: dict[str, str] = {}
    for field, text in fields.items():
        hits = find_phi(text or "")
        if hits:
            problems[field] = describe(field, hits)
    return problems


def redact(text: str) -> str:
    """`text` with every hit replaced by `[removed: kind]`, for places that must keep the rest."""
    out: list[str] = []
    position = 0
    for hit in sorted(find_phi(text), key=lambda hit: hit.start):
        if hit.start < position:
            position = max(position, hit.end)
            continue
        out.append(text[position : hit.start])
        out.append(f"[removed: {hit.kind.value}]")
        position = hit.end
    out.append(text[position:])
    return "".join(out)
