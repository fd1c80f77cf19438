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
import functools
import gzip
import itertools
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
    DEVICE_ID = "device_id"
    URL = "url"
    AGE_OVER_89 = "age_over_89"
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
    PhiKind.DEVICE_ID: "a device serial, licence, vehicle or IP address (a labelled number)",
    PhiKind.URL: "a web address that is not a public reference",
    PhiKind.AGE_OVER_89: "an age over 89",
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


class _Origin:
    """Where each character of the normalised text came from, worked out when a hit needs it (most texts have
    none): the normalised index is taken back through the obfuscation deletions, the folding (a character that
    vanished or became several) and the right-to-left reordering, by bisection over the places where they
    shift it. Building those places costs one step per deletion or odd fold, once."""

    def __init__(
        self,
        length: int,
        folded: str,
        text_in_order: str,
        table: Mapping[int, str] | None,
        order: list[int] | None,
    ) -> None:
        self.length = length
        self.folded = folded
        self.text_in_order = text_in_order
        self.table = table
        self.order = order
        self.built = False
        self.gone_shift: list[int] = []  # k-th deleted folded position less k (non-decreasing)
        self.fold_at: list[int] = [0]  # folded index where a piece of the fold map starts
        self.fold_from: list[int] = [0]  # the text_in_order index it maps to
        self.fold_step: list[int] = [1]  # 1: one character for one; 0: all from one character

    @functools.cached_property
    def deletions(self) -> list[int]:
        """The folded positions obfuscation deleted (`_deletions`), found once."""
        return _deletions(self.folded)

    def _build(self) -> None:
        self.built = True
        self.gone_shift = [index - k for k, index in enumerate(self.deletions)]
        if self.table is None:
            return
        odd = [chr(code) for code, folded in self.table.items() if len(folded) != 1]
        if not odd:
            return
        shift = 0  # folded index less text_in_order index, after the last odd character
        for m in re.compile("|".join(map(re.escape, odd))).finditer(self.text_in_order):
            index, width = m.start(), len(self.table[ord(m.group())])
            at = index + shift
            if width:
                self.fold_at.append(at)
                self.fold_from.append(index)
                self.fold_step.append(0)
            shift += width - 1
            self.fold_at.append(at + width)
            self.fold_from.append(index + 1)
            self.fold_step.append(1)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> int:
        if not self.built:
            self._build()
        folded = index + bisect.bisect_right(self.gone_shift, index)
        k = bisect.bisect_right(self.fold_at, folded) - 1
        in_order = self.fold_from[k] + (folded - self.fold_at[k]) * self.fold_step[k]
        return self.order[in_order] if self.order is not None else in_order


@dataclass(frozen=True)
class Normalised:
    """The text the detectors read; `origin[i]` is where its character `i` came from (None: the same place)."""

    text: str
    origin: _Origin | None
    original: str = ""
    has_accents: bool = False  # a letter that was not ASCII in the original (José, Łukasz) is in the text
    table: Mapping[int, str] | None = None  # what each non-ASCII character of the original became

    def span(self, start: int, end: int, length: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        first = self.origin[start] if start < len(self.origin) else length
        last = self.origin[end - 1] + 1 if 0 < end <= len(self.origin) else first
        return first, max(first, last)

    @property
    def keeps_order(self) -> bool:
        """Each character comes from a character of its own, in order: nothing reversed, nothing folded into
        several characters (deletions keep the rest in order)."""
        if self.origin is None:
            return True
        return self.origin.order is None and (
            self.table is None or all(len(v) < 2 for v in self.table.values())
        )

    def accented(self, index: int) -> bool:
        """Character `index` is a letter that was not ASCII in the original."""
        return self.has_accents and self.accent_marks[index] == "1"

    @functools.cached_property
    def accent_marks(self) -> str:
        """One character per character of the text: "1" for a letter that was not ASCII in the original, "0"
        for the others. Built by C loops (one translate of the original in reading order, each character to
        what it became with its letters marked; then the characters obfuscation deleted left out), so asking
        about a word is one slice."""
        if not self.has_accents or self.table is None:
            return "0" * len(self.text)
        marks = {code: "".join("1" if c.isalpha() else "0" for c in out) for code, out in self.table.items()}
        in_order = self.origin.text_in_order if self.origin is not None else self.original
        marked = in_order.translate({**_ASCII_UNMARKED, **marks})
        if self.origin is not None:
            gone = self.origin.deletions
            if gone:
                pieces = [marked[: gone[0]]]
                pieces += [marked[a + 1 : b] for a, b in itertools.pairwise(gone)]
                pieces.append(marked[gone[-1] + 1 :])
                marked = "".join(pieces)
        assert len(marked) == len(self.text)
        return marked


_ASCII_UNMARKED: Mapping[int, str] = dict.fromkeys(range(128), "0")


# Letters NFD does not take apart, and Cyrillic/Greek letters that look like Latin ones ("Lорez").
_TRANSLIT = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "а": "a",
        "в": "b",
        "е": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ɡ": "g",
        "һ": "h",
        "ӏ": "l",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "У": "Y",
        "Х": "X",
        "І": "I",
        "Ј": "J",
        "Ѕ": "S",
        "α": "a",
        "ο": "o",
        "ρ": "p",
        "ν": "v",
        "τ": "t",
        "ι": "i",
        "κ": "k",
        "υ": "u",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
    }
)


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
        if c in _DASHES:
            out.append("-")
            continue
        c = c.translate(_TRANSLIT)
        out.extend(d for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d))
    return "".join(out)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# A right-to-left override shows what follows it reversed, up to its pop (or an isolate's end, or the line's).
_OVERRIDE = re.compile("\u202e([^\u202c\u2069\n]*)")
# Obfuscation that only deletes: single characters spaced out ("S S N  4 1 2"), letters spelt with hyphens
# ("L-o-p-e-z"), dotted letters ("p.t."). The spaces between single characters go; a wider gap stays one space.
_SPACED_OUT = re.compile(r"(?<!\S)\S(?:[ \t]{1,3}\S(?!\S)){3,}")
_HYPHEN_SPELT = re.compile(r"(?<![\w-])[A-Za-z](?:-[A-Za-z]){2,}(?![\w-])")
_DOTTED = re.compile(r"(?<![\w.])[A-Za-z](?:\.[A-Za-z]){1,3}\.?(?![\w])")


_BLANKS = re.compile(r"[ \t]+")
_OBFUSCATION = re.compile(
    rf"(?P<spaced>{_SPACED_OUT.pattern})|(?P<hyphens>{_HYPHEN_SPELT.pattern})|(?P<dots>{_DOTTED.pattern})"
)


# What each kind of obfuscation cannot do without (a letter between two hyphens, a letter after a dot between
# letters, a lone character between blanks): a kind whose sign is absent cannot match anywhere in the text.
_OBFUSCATION_SIGNS = (
    ("spaced", _SPACED_OUT.pattern, re.compile(r"[ \t]\S[ \t]")),
    ("hyphens", _HYPHEN_SPELT.pattern, re.compile(r"-[A-Za-z]-")),
    ("dots", _DOTTED.pattern, re.compile(r"\.(?<=[A-Za-z]\.)[A-Za-z]")),
)


@cache
def _obfuscation_of(kinds: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        "|".join(f"(?P<{kind}>{pattern})" for kind, pattern, _ in _OBFUSCATION_SIGNS if kind in kinds)
    )


def _obfuscation_in(text: str) -> re.Pattern[str] | None:
    """_OBFUSCATION less the kinds whose sign the text lacks (the same matches; each kind left out saves a
    try at every position); None when it lacks all three."""
    kinds = tuple(kind for kind, _, sign in _OBFUSCATION_SIGNS if sign.search(text))
    return _obfuscation_of(kinds) if kinds else None


def _deletions(text: str) -> list[int]:
    """Positions of characters that only obfuscate (see the patterns above), in order; one pass."""
    gone: list[int] = []
    for m in _OBFUSCATION.finditer(text):
        start, run = m.start(), m.group()
        if m.lastgroup == "spaced":
            for gap in _BLANKS.finditer(run):
                first, width = start + gap.start(), gap.end() - gap.start()
                gone.extend([first] if width == 1 else range(first + 1, first + width))
        else:
            mark = "-" if m.lastgroup == "hyphens" else "."
            gone.extend(start + i for i, ch in enumerate(run) if ch == mark)
    return gone


# In a spaced-out run: a lone blank goes, a wider gap keeps its first character (what _deletions removes).
_SPACED_GAP = re.compile(r"(?<![ \t])[ \t](?![ \t])|(?<=[ \t])[ \t]")


def _undo_obfuscation(m: re.Match[str]) -> str:
    """The run of one obfuscation match without the characters `_deletions` lists for it."""
    if m.lastgroup == "spaced":
        return _SPACED_GAP.sub("", m.group())
    return m.group().replace("-" if m.lastgroup == "hyphens" else ".", "")


def normalise(text: str) -> Normalised:
    """NFKC, invisible characters removed, accents folded, look-alike letters read as Latin, dashes and spaces
    unified, overridden (reversed) text put back in reading order, spaced-out characters joined; case is kept
    (matching ignores it where it should). The work is done by C loops (translate, a substitution per
    obfuscated run), never a Python statement per character; where each character came from is worked out
    only when a hit needs it (`_Origin`)."""
    order: list[int] | None = None
    if "\u202e" in text:
        order = list(range(len(text)))
        for m in _OVERRIDE.finditer(text):
            order[m.start(1) : m.end(1)] = reversed(order[m.start(1) : m.end(1)])
        text_in_order = "".join(text[i] for i in order)
    else:
        text_in_order = text
    table: dict[int, str] | None = None
    has_accents = False
    if text_in_order.isascii():
        folded = text_in_order
    else:
        table = {ord(c): _fold(c) for c in set(_NON_ASCII.findall(text_in_order))}
        folded = text_in_order.translate(table)
        has_accents = any(c.isalpha() for one in table.values() for c in one)
    obfuscation = _obfuscation_in(folded)
    final = obfuscation.sub(_undo_obfuscation, folded) if obfuscation is not None else folded
    if order is None and final is folded and (table is None or all(len(v) == 1 for v in table.values())):
        return Normalised(final, None, text, has_accents, table)
    origin = _Origin(len(final), folded, text_in_order, table, order)
    return Normalised(final, origin, text, has_accents, table)


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
_SEP = r"\s{0,2}[-/.]\s{0,2}"
_DATE_ALTERNATIVES = (
    r"(?:\d{1,2}" + _SEP + r"\d{1,2}" + _SEP + r"(?:\d{4}|\d{2})(?![\d/])"
    r"|\d{1,2} \d{1,2} (?:\d{4}|\d{2})(?!\d)"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)\d{2}(?!\d)"
    rf"|\d{{1,2}}{_MONTH}\d{{2,4}}(?!\d)"
    rf"|(?:the\s+)?\d{{1,2}}{_ORD}(?:\s+of)?[\s-]{{1,3}}{_MONTH}(?:[\s,.-]{{1,3}}{_YEAR2_4})?"
    rf"|{_MONTH}[\s.-]{{1,3}}(?:the\s+)?\d{{1,2}}{_ORD}(?:(?:,|\s)[\s,-]{{0,2}}{_YEAR2_4})?(?![\d:])"
    r"|\d{1,2}[-/]\d{4}(?!\d)|\d{1,2}/\d{1,2}(?![\d/])"
    rf"|{_MONTH}[\s,-]{{1,3}}\d{{4}}(?!\d))"
)
# Every date starts with a digit, "the" or a month: the engine stops only at those characters, checks what
# precedes, and (inside a one-character look-behind) captures the date that starts there in group "date". Its
# matches are every such start, overlapping: `_dates_in` keeps those `finditer` of the plain pattern keeps.
_DATES = re.compile(r"[\dadfjmnost](?<![\w/-].)(?<!\d\..)(?<=(?=(?P<date>" + _DATE_ALTERNATIVES + r")).)")


# What every date holds somewhere (every alternative above has one): two numbers a separator or a space apart,
# five digits in a row, or the start of a month's name. A stretch of text without one holds no date.
_DATE_SIGN = re.compile(r"\d[\s./-]{1,5}\d|\d{5}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")


def _dates_in(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    r"""The spans r"(?<![\w/-])(?<!\d\.)" + _DATE_ALTERNATIVES finds in text[start:stop] (leftmost, not
    overlapping)."""
    dates: list[tuple[int, int]] = []
    if not _DATE_SIGN.search(text, start, stop):
        return dates
    last_end = start
    for m in _DATES.finditer(text, start, stop):
        first, end = m.span("date")
        if first >= last_end:
            dates.append((first, end))
            last_end = end
    return dates


# A full date (day, month and four-digit year) before 1990 is a birth date whatever labels it: care dated
# that long ago is written with a year alone ("CABG in 1988").
# (Its three branches share their first character, a digit, so the regex engine skips to digits.)
_OLD_FULL_DATE = (
    r"\d(?:(?<![\w/.-]\d)\d?" + _SEP + r"\d{1,2}" + _SEP + r"(?:19[0-8]\d)(?!\d)"
    r"|(?<=1)(?<![\w/.-]1)9[0-8]\d(?:[-/.]\d{1,2}[-/.]\d{1,2}|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?!\d)"
    rf"|(?<![\w]\d)\d?{_ORD}[\s-]{{0,3}}(?:of\s+)?{_MONTH}[\s,.-]{{0,3}}19[0-8]\d(?!\d))"
)
# _MONTH at a word start, its branches grouped by first letter (the order within a letter kept), so the regex
# engine only stops at those letters: the same matches as r"\b" + _MONTH.
_MONTH_AT_WORD_START = (
    r"(?:j(?<!\wj)(?:an(?:uary)?|une?|uly?)|f(?<!\wf)eb(?:ruary)?|m(?<!\wm)(?:ar(?:ch)?|ay)"
    r"|a(?<!\wa)(?:pr(?:il)?|ug(?:ust)?)|s(?<!\ws)ep(?:t(?:ember)?)?|o(?<!\wo)ct(?:ober)?"
    r"|n(?<!\wn)ov(?:ember)?|d(?<!\wd)ec(?:ember)?)\.?"
)
_DOB_AFTER_DATE = re.compile(
    r"\s{0,2}[(\[,-]?\s{0,2}(?:dob|d\.o\.b|date\s+of\s+birth|birth\s*date|birthday)\b"
)
# Between a birth word and its date: a few words, no digit, no other date label.
_OTHER_DATE_LABEL = re.compile(
    r"\bdos\b|service|admi|discharg|seen|visit|surg|procedure|appointment|injury|onset|lmp|edd|due"
)
_BIRTH_GAP = 30

_MBI_LETTER = "AC-HJKMNP-RT-Yac-hjkmnp-rt-y"  # A-Z less S, L, O, I, B, Z
_PHONE_SEP = r"(?:\s{0,2}[-./]\s{0,2}|\s{1,2})"
_AGE_90 = r"(?:9\d|1[01]\d)"


@dataclass(frozen=True)
class _Format:
    """One format that identifies on its own. `needs`: substrings of which the text must hold one for the
    pattern to be worth running. `at_number`: every match starts at a digit, "+" or "(" that does not follow a
    letter or digit; such formats are found together by one scan (`_number_formats`), the rest by their own.
    A pattern starts with a character (class), never with an assertion, so the regex engine skips to the
    places where that character is instead of trying a match at every position."""

    name: str
    kind: PhiKind
    pattern: str
    needs: tuple[str, ...] = ()
    at_number: bool = False


_FORMATS: tuple[_Format, ...] = (
    # Its own scan, like age and old_full_date below: a text can hold thousands (a match of its own
    # digit-prefixed pattern costs less than one of the number scan).
    _Format(
        "ssn",
        PhiKind.SSN,
        r"\d(?<![\w-]\d)\d{2}(?P<sep>\s{0,2}[-._]\s{0,2}|\s)\d{2}(?P=sep)\d{4}(?![\w-]|\.\d)",
    ),
    _Format(
        "mbi",
        PhiKind.MEDICARE_ID,
        rf"[1-9](?<![A-Za-z0-9][1-9])[{_MBI_LETTER}][{_MBI_LETTER}0-9]\d[- ]?[{_MBI_LETTER}][{_MBI_LETTER}0-9]"
        rf"\d[- ]?[{_MBI_LETTER}]{{2}}\d{{2}}(?![A-Za-z0-9])",
        at_number=True,
    ),
    _Format(
        "email_spelt",
        PhiKind.EMAIL,
        # (possessive: a shorter run would leave a [\w.+-] character where whitespace or a bracket must be)
        r"[\w.+-](?<![\w.+-].)[\w.+-]{0,63}+\s?(?:\[at\]|\(at\)|\{at\}|\sat\s)\s?[a-z0-9-]{1,63}"
        r"\s?(?:\[dot\]|\(dot\)|\{dot\}|\sdot\s)\s?(?:com|org|net|edu|gov|us|io|co)\b",
        ("[dot]", "(dot)", "{dot}", " dot "),
    ),
    _Format(
        "phone",
        PhiKind.PHONE,
        r"(?<![\w+/.-])(?:(?:\+?1|001)"
        + _PHONE_SEP
        + r"?)?(?:\(\d{3}\)\s{0,2}-?\s{0,2}|\d{3}"
        + _PHONE_SEP
        + r")"
        r"\d{3}" + _PHONE_SEP + r"\d{4}(?![\w-]|[./]\d)"
        r"|(?<![\w+/.-])\d{3}[\s.-]\d{7}(?![\w-])",
        at_number=True,
    ),
    # Ten digits run together, North American shape (area code and exchange never start with 0 or 1): a phone
    # number. (An NPI starts with 1 or 2 and is labelled; see _NOT_AN_ID.)
    _Format("phone10", PhiKind.PHONE, r"[2-9](?<![\w.+/-][2-9])\d{2}[2-9]\d{6}(?![\w-])", at_number=True),
    # Seven digits in the local shape 555-0147 (exchange 2-9).
    _Format(
        "phone7", PhiKind.PHONE, r"[2-9](?<![\w.+/:-][2-9])\d{2}-\d{4}(?![\w-]|\.\d)", ("-",), at_number=True
    ),
    _Format(
        "phone_intl",
        PhiKind.PHONE,
        r"\+(?<![\w+]\+)\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?<=\d\d)(?![\d-])",
        ("+",),
    ),
    _Format("dob_glued", PhiKind.DATE_OF_BIRTH, r"d(?<![a-z]d)\.?o\.?b\.?[:#]?\d{6,8}(?!\d)", ("d",)),
    _Format(
        "po_box", PhiKind.STREET_ADDRESS, r"p(?<!\wp)\.?\s?o\.?\s{0,2}box\s{0,2}#?\s{0,2}\d{1,7}\b", ("box",)
    ),
    _Format(
        "rural_box",
        PhiKind.STREET_ADDRESS,
        r"(?:r(?<!\wr)(?:r|t|te|oute|ural\s+route)|h(?<!\wh)c|s(?<!\ws)tar\s+route)"
        r"\s{0,2}#?\s{0,2}\d{1,4},?\s{0,2}box\s{0,2}\d{1,5}\b",
        ("box",),
    ),
    _Format(
        "highway",
        PhiKind.STREET_ADDRESS,
        r"\d(?<![\w.,/-]\d)\d{0,5}\s{1,2}(?:(?:us|state|county|sr|cr)\s{0,2})?(?:highway|hwy|route|rte|rt|road|rd)"
        r"\s{0,2}\d{1,4}\b",
        at_number=True,
    ),
    _Format(
        "apartment",
        PhiKind.STREET_ADDRESS,
        r"a(?<!\wa)(?:pt|partment)\.?\s{0,2}#?\s{0,2}\d{1,5}[a-z]?\b",
        ("apt", "apartment"),
    ),
    _Format("zip4", PhiKind.STREET_ADDRESS, r"\d(?<![\w-]\d)\d{4}-\d{4}(?![\w-])", ("-",), at_number=True),
    _Format(
        "zip_label",
        PhiKind.STREET_ADDRESS,
        r"(?:z(?<!\wz)(?:ip|ip\s?code)|p(?<!\wp)ostal\s?code)\s{0,2}[:#]?\s{0,2}\d{5}(?:-\d{4})?\b",
        ("zip", "postal"),
    ),
    _Format(
        "ip",
        PhiKind.DEVICE_ID,
        r"\d(?<![\w.]\d)\d{0,2}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w.])",
        (".",),
        at_number=True,
    ),
    # A vehicle identification number: 17 characters, no I, O or Q, digits and letters mixed (the checks run
    # from its first character, inside the look-behind, once that character is found).
    _Format(
        "vin",
        PhiKind.DEVICE_ID,
        r"[a-hj-npr-z0-9](?<![a-z0-9].)"
        r"(?<=(?=[a-hj-npr-z0-9]{17}(?![a-z0-9]))(?=[a-z0-9]*\d[a-z0-9]*[a-z]).)[a-hj-npr-z0-9]{16}",
    ),
    _Format(
        "url", PhiKind.URL, r"(?:https?://|www\.)[a-z0-9.-]{1,253}(?P<path>/[^\s<>|]*)?", ("http", "www.")
    ),
    _Format(
        "age",
        PhiKind.AGE_OVER_89,
        r"[19](?<![\w.+/-][19])(?<=9|1)(?:(?<=9)\d|(?<=1)[01]\d)"
        r"(?:\s{0,2}-?\s{0,2}(?:yo|y/o|y\.o\.?|yrs?|years?|year-old|yr-old)\b|[mf]\b)"
        r"(?!\s{0,2}(?:\+|or\s+older|and\s+(?:over|older)))",
    ),
    # Found by its own scan rather than the number scan: a text can hold thousands, and a match of its own
    # pattern costs less than one of the number scan.
    _Format("old_full_date", PhiKind.DATE_OF_BIRTH, _OLD_FULL_DATE, ("19",)),
    _Format(
        "old_full_date_words",
        PhiKind.DATE_OF_BIRTH,
        rf"{_MONTH_AT_WORD_START}[\s.-]{{1,3}}\d{{1,2}}{_ORD},?[\s-]{{1,3}}19[0-8]\d(?!\d)",
        ("19",),
    ),
    _Format(
        "partial_ssn",
        PhiKind.SSN,
        r"l(?<!\wl)ast\s{0,2}(?:4|four)(?:\s{0,2}digits)?\s{0,2}(?:of\s{1,2})?"
        r"(?:the\s{1,2}|pt'?s\s{1,2}|her\s{1,2}|his\s{1,2})?"
        r"(?:ssn|social(?:\s{1,2}security)?|soc\s?sec|ss#)[^\d\n]{0,8}\d{4}(?!\d)",
        ("last",),
    ),
    _Format(
        "age_labelled",
        PhiKind.AGE_OVER_89,
        r"a(?<!\wa)(?:ge|ged)\b\s{0,2}[:=]?\s{0,2}"
        + _AGE_90
        + r"\b(?!\s{0,2}(?:\+|or\s+older|and\s+(?:over|older)|%))",
        ("age",),
    ),
    _Format(
        "age_is",
        PhiKind.AGE_OVER_89,
        r"(?:p(?<!\wp)(?:t|atient)|s(?<!\ws)he|h(?<!\wh)e)\s+is\s+"
        + _AGE_90
        + r"\b(?!\s{0,2}(?:\+|%|or\s+older|kg|lb|cm|mm|mg|/))",
        (" is ",),
    ),
)


def _prefixed_groups(pattern: str, prefix: str) -> str:
    """`pattern` with its named groups (and references to them) renamed `prefix` + name."""
    return re.sub(r"\(\?P([<=])(\w+)", lambda m: f"(?P{m.group(1)}{prefix}{m.group(2)}", pattern)


_AT_NUMBER = tuple(f for f in _FORMATS if f.at_number)
# Formats that need three digits in a row where they start: tried only where there are.
_THREE_DIGITS = frozenset(["phone10", "phone7", "zip4"])
# Formats that never start right after "/", "." or "-" (their own look-behind says so): not tried there.
_NOT_AFTER_SEPARATOR = frozenset(["phone", "phone10", "phone7", "highway"])


def _lookahead(fmt: _Format) -> str:
    return f"(?=(?P<{fmt.name}>{_prefixed_groups(fmt.pattern, fmt.name + '_')})|)"


def _lookaheads(formats: list[_Format]) -> str:
    """Look-aheads for `formats`, those that need three digits behind one check for them."""
    three = "".join(_lookahead(f) for f in formats if f.name in _THREE_DIGITS)
    rest = "".join(_lookahead(f) for f in formats if f.name not in _THREE_DIGITS)
    return (f"(?:(?=\\d{{3}}){three}|)" if three else "") + rest


# Where a format can start: at "+" or "(", or at a digit followed by what one of them allows second (a digit,
# a separator, "(" or a letter: an MBI letter, an ordinal's, a month's), or by one or two blanks and what can
# come after them: a phone's "1" before its area code ("1 (555)", "1 - 555", "1 555") or a highway's number
# before its name ("12 hwy", "12 us route", "12 state rd", "12 cr").
_NUMBER_START = r"(?=[+(]|\d(?:[\d./()+A-Za-z-]|\s{1,2}[\d(./hrusc-]))"
# Atomic, so that where no format matched the engine does not go back into the optional parts to try them
# all again; the conditionals then fail unless some format's group matched.
_NUMBER_LOOKAHEADS = (
    "(?>"
    + _lookaheads([f for f in _AT_NUMBER if f.name not in _NOT_AFTER_SEPARATOR])
    + "(?:(?<![/.\\-])"
    + _lookaheads([f for f in _AT_NUMBER if f.name in _NOT_AFTER_SEPARATOR])
    + "|))"
    + functools.reduce(lambda inner, f: f"(?({f.name})|{inner})", reversed(_AT_NUMBER), "(?!)")
)
# One scan for every format that starts at a number (a digit, "+" or "(" that does not follow a letter or
# digit): the engine stops only at a character that is not a letter or digit followed by such a start; there,
# after it, each format is tried by a look-ahead that captures its match, and the scan matches only where one
# of them did. Group `name` holds exactly what the format's own pattern matches at that position. A number at
# the very start of the text is tried by `_NUMBER_AT_START`.
_NUMBER_SCAN = re.compile(r"[^A-Za-z0-9]" + _NUMBER_START + _NUMBER_LOOKAHEADS)
_NUMBER_AT_START = re.compile(_NUMBER_START + _NUMBER_LOOKAHEADS)
_OWN_SCAN: Mapping[str, re.Pattern[str]] = {
    f.name: re.compile(f.pattern) for f in _FORMATS if not f.at_number
}


def _number_formats(text: str) -> dict[str, list[tuple[int, int]]]:
    """name -> the spans `finditer` of that format's own pattern would give (leftmost, not overlapping each
    other), for every format that starts at a number, from one scan."""
    lists: list[list[tuple[int, int]]] = [[] for _ in _AT_NUMBER]
    last_end = [0] * len(_AT_NUMBER)
    for scan in (_NUMBER_AT_START.match(text), *_NUMBER_SCAN.finditer(text)):
        if scan is None:
            continue
        regs = scan.regs  # every group's span in one call
        # The formats' groups close in the order they are written; the last to close (lastindex) is the
        # last format that matched here, so those written after it are not looked at.
        for k, group in _NUMBER_GROUPS_UP_TO.get(scan.lastindex or 0, _NUMBER_GROUPS_ALL):
            start, end = regs[group]
            if start >= last_end[k] and start >= 0:
                lists[k].append((start, end))
                last_end[k] = end
    return {f.name: spans for f, spans in zip(_AT_NUMBER, lists, strict=True)}


# (index in _AT_NUMBER, group) of each format, in the order written, up to the one whose group is the key.
_WRITTEN = sorted((_NUMBER_SCAN.groupindex[f.name], k) for k, f in enumerate(_AT_NUMBER))
_NUMBER_GROUPS_UP_TO: Mapping[int, tuple[tuple[int, int], ...]] = {
    group: tuple((k, g) for g, k in _WRITTEN[: n + 1]) for n, (group, _) in enumerate(_WRITTEN)
}
_NUMBER_GROUPS_ALL = tuple((k, g) for g, k in _WRITTEN)
assert _NUMBER_SCAN.groupindex == _NUMBER_AT_START.groupindex


_EMAIL_LOCAL = re.compile(r"[\w.%+-]{1,64}\s{0,2}$")
_EMAIL_DOMAIN = re.compile(r"\s{0,2}[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}\b")


_EMAIL_AT = re.compile(r"@(?=(?P<domain>" + _EMAIL_DOMAIN.pattern + "))")


def _email_hits(text: str) -> list[tuple[PhiKind, int, int]]:
    """name@domain.tld (spaces around the @ allowed), found from each @ sign a domain follows."""
    hits = []
    for m in _EMAIL_AT.finditer(text):
        at = m.start()
        local = _EMAIL_LOCAL.search(text, max(0, at - 66), at)
        if local and local.group().strip():
            hits.append((PhiKind.EMAIL, local.start(), m.end("domain")))
    return hits


# Public reference sites: a link to them is not about a person.
_PUBLIC_HOSTS = re.compile(
    r"(?:^|\.)(?:[a-z0-9-]+\.gov|who\.int|ahima\.org|acdis\.org|ama-assn\.org|aha\.org|cdc\.gov|nih\.gov"
    r"|uptodate\.com|icd10data\.com|findacode\.com|aapc\.com)$"
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
_UNIT_OR_DIRECTION = r"(?:apt|apartment|unit|suite|ste|fl|floor|bldg|#|n|s|e|w|ne|nw|se|sw)\b"


def _words_alternation(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


# A word (between blanks, up to the end of the house number's words) that can end a street: a suffix, dots
# after it, and after an ambiguous one ("St", "Dr") what _AFTER_AMBIGUOUS could accept there (read up to the
# end of those words only, so the end counts as the end of the text: never stricter than _AFTER_AMBIGUOUS).
_SUFFIX_WORD = re.compile(
    rf"(?<=[ \t])(?:(?:{_words_alternation(STREET_SUFFIXES - AMBIGUOUS_SUFFIXES)})\.*(?!\S)"
    rf"|(?:{_words_alternation(AMBIGUOUS_SUFFIXES)})"
    rf"(?:\.+(?=\s)|\.*(?=\s*(?:$|[,;:)\n])|\s+{_UNIT_OR_DIRECTION}))(?!\S))"
)
_AFTER_AMBIGUOUS = re.compile(r"\.?(?:\s*(?:$|[,;:)\n])|\.\s|\s+" + _UNIT_OR_DIRECTION + ")")
# What every _SUFFIX_WORD match starts with, wherever it is: a text without one holds no street address.
_ANY_SUFFIX = re.compile(rf"[ \t](?:{_words_alternation(STREET_SUFFIXES | AMBIGUOUS_SUFFIXES)})")
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
        r"d\.?\s?o\.?\s?b\b\.?|d/o/b\b|date\s+of\s+birth\b|birth\s*(?:date|day)\b|birthdate\b|born\b|birth\b"
        r"|b-?day\b|b[.:](?=\s{0,2}\d)|fecha\s+de\s+nac\w{0,10}",
    ),
    (
        "ssn",
        r"ssn\b|ss\s?#|s\.s\.n?\.?|ss\s?(?:no|num(?:ber)?)\b|soc(?:ial)?[\s.]{0,3}sec(?:urity)?\b|social\b"
        r"|itin\b|tin\b",
    ),
    (
        "phone",
        r"(?:phone|ph|tel|telephone|cell|cellphone|mobile|mob|fax|call|contact|pager|cb|callback|text|home"
        r"|work|reach)\b\.?",
    ),
    ("address", r"(?:address|addr|lives\s+at|living\s+at|resides\s+at|residing\s+at|home\s+at)\b"),
    (
        "mrn",
        r"mrn(?:\b|(?=\d))|m\.r\.n\.?|mr\s?#|mr\s?(?:no|num)\b|med(?:ical)?\.?\s*rec(?:ord)?s?\b\.?|empi\b|mpi\b",
    ),
    ("account", r"(?:acct|acc't|account|fin|csn|har|harn)(?:\b|(?=\d))"),
    ("medicare", r"mbi\b|hicn?\b|medicare(?=\s*(?:no|#|num|id|beneficiary))"),
    ("insurance", r"(?:policy|subscriber|member|mbr|medicaid|mcaid|mcd|insurance|group|grp)(?:\b|(?=\d))"),
    ("device", r"(?:serial|sn|s/n|license|licence|dl|plate|vin|imei|udi)\b"),
    ("mrn_weak", r"(?:chart|record|patient|pt|case|unit)\b"),
    ("account_weak", r"(?:encounter|encntr|enc|visit|admission|adm|claim|guarantor)\b"),
    ("insurance_weak", r"(?:medicare|ins|payer|plan|benefit|id|dod|recipient|beneficiary)\b"),
)


def _top_level(alternatives: str) -> list[str]:
    """`a|b(?:c|d)|e` -> ["a", "b(?:c|d)", "e"], and a leading `(?:x|y)tail` expanded to `xtail`, `ytail`."""
    parts, depth, current, escaped = [], 0, "", False
    for ch in alternatives:
        if escaped:
            current, escaped = current + ch, False
            continue
        if ch == "\\":
            current, escaped = current + ch, True
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    expanded = []
    for part in parts:
        if part.startswith("(?:"):
            depth, end = 0, 0
            for index, ch in enumerate(part):
                depth += (ch == "(") - (ch == ")")
                if depth == 0:
                    end = index
                    break
            expanded += [inner + part[end + 1 :] for inner in _top_level(part[3:end])]
        else:
            expanded.append(part)
    return expanded


# A labelled value (an id, phone or address) has a digit within this many characters of its label's end: the
# longest way to it is "identifier (of patient): was " and a value of 51 characters with its third digit last.
_VALUE_REACH = 100
_NUMBER_WORD = r"(?:id|identifier|#|no\b\.?|num(?:ber)?|nbr|n[o\u00ba\u00b0]\.?)"


# Three digits a labelled id can hold (`_identifying_value`: it needs 3): its value is at most three pieces of
# [a-z0-9-] joined by single spaces, so its first three digits have at most two spaces between them and only
# [a-z-] besides. (Read from the value's first digit, the first after the label: the words before a value hold
# none.)
_THREE_DIGITS_OF_A_VALUE = (
    r"[0-9](?:[a-z-]*[0-9][a-z-]*(?: [a-z-]*){0,2}|[a-z-]* [a-z-]*[0-9][a-z-]*(?: [a-z-]*)?"
    r"|[a-z-]* [a-z-]* [a-z-]*[0-9][a-z-]*)[0-9]"
)


def _near_value(group: str) -> str:
    """What must follow a label of `group` for its value to be worth reading: for a phone or an address a
    digit within reach; for an id the three digits it needs, the first within reach, and for a weak label
    ("chart", "visit", "id") first the "#", "no." or "number" its value needs. Birth and SSN labels are always
    read (nothing)."""
    if group in ("birth", "ssn"):
        return ""
    if group in ("phone", "address"):
        return f"\\D{{0,{_VALUE_REACH}}}\\d"
    digits = f"[^0-9]{{0,{_VALUE_REACH}}}{_THREE_DIGITS_OF_A_VALUE}"
    return rf"\s{{0,2}}{_NUMBER_WORD}{digits}" if group.endswith("_weak") else digits


def _label_scan() -> tuple[re.Pattern[str], tuple[tuple[str, bool], ...]]:
    """Every label in one pass, and what each match is: one alternation whose branches start with a literal
    letter followed by a "not inside a word" check (so the regex engine drops a position after one character
    comparison), the alternatives of a letter in their order (group by group). After each run of one label
    group's alternatives two empty groups, the first closed when a value can follow (`_near_value`), the second
    when none can: the match's `lastindex` names the label group and whether a value can follow, read from the
    table returned, with no second match at the label (which cost more than the groups do)."""
    by_letter: dict[str, list[tuple[str, str]]] = {}
    for name, alternatives in _LABEL_GROUPS:
        for alternative in _top_level(alternatives):
            by_letter.setdefault(alternative[0], []).append((name, alternative[1:]))
    meaning: list[tuple[str, bool]] = [("", False)]  # group 0 is the whole match
    branches = []
    for letter, of_letter in sorted(by_letter.items()):
        runs = []
        for name, run in itertools.groupby(of_letter, key=lambda alternative: alternative[0]):
            rests = "|".join(rest for _, rest in run)
            runs.append(f"(?:{rests})(?:(?={_near_value(name)})()|())")
            meaning += [(name, True), (name, False)]
        branches.append(f"{letter}(?<![a-z0-9_]{letter})(?:{'|'.join(runs)})")
    return re.compile("|".join(branches)), tuple(meaning)


_LABELS, _LABEL_MEANING = _label_scan()
# The label groups whose matches `_labelled_hits` reads (a birth or SSN label always, the others when a value
# can follow), by `lastindex`; None for those it passes over.
_LABEL_READ: tuple[str | None, ...] = tuple(
    name if value_can_follow or name in ("birth", "ssn") else None
    for name, value_can_follow in _LABEL_MEANING
)


def _label_at(text: str, label: re.Match[str]) -> tuple[str, bool]:
    """(label group, whether what follows can hold its value) of a label _LABELS found."""
    return _LABEL_MEANING[label.lastindex or 0]


_LABEL_KINDS: Mapping[str, PhiKind] = {
    "mrn": PhiKind.MRN,
    "mrn_weak": PhiKind.MRN,
    "account": PhiKind.ACCOUNT_NUMBER,
    "account_weak": PhiKind.ACCOUNT_NUMBER,
    "medicare": PhiKind.MEDICARE_ID,
    "insurance": PhiKind.INSURANCE_ID,
    "insurance_weak": PhiKind.INSURANCE_ID,
    "device": PhiKind.DEVICE_ID,
}
_VALUE = (
    r"(?:\s{0,2}\([a-z ]{1,12}\))?[\s:#=.\-]{0,4}(?:(?:is|was|of)\s{1,2})?"
    r"(?P<value>[a-z0-9][a-z0-9-]{0,24}(?:[ -][a-z0-9]{1,12}){0,2})(?![a-z0-9-])"
)
_ID_AFTER_STRONG = re.compile(rf"(?:\s{{0,2}}{_NUMBER_WORD})?{_VALUE}")
_ID_AFTER_WEAK = re.compile(rf"\s{{0,2}}{_NUMBER_WORD}{_VALUE}")
_SSN_AFTER = re.compile(
    r"[^\d\n]{0,25}?(?:\d{3}\s{0,2}[- ._]?\s{0,2}\d{2}\s{0,2}[- ._]?\s{0,2}\d{4}(?!\d)"
    r"|(?:x{3}|\*{3})[- .]?(?:x{2}|\*{2})[- .]?\d{4}(?!\d)"
    r"|(?:ending|last\s*(?:4|four)(?:\s*digits)?)[^\d\n]{0,6}\d{4}(?!\d))"
)
_PHONE_AFTER = re.compile(
    r"[^\d\n]{0,14}?(?:(?:\+?1|001)[\s.-]?)?(?:\(?\d{3}\)?[\s./-]{0,3})?\d{3}[\s./-]{0,3}\d{4}(?!\d)"
)
_ADDRESS_AFTER = re.compile(r"[^\n\d]{0,15}?\d{1,6}[a-z]?\s{1,3}[a-z]")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NON_SPACE = re.compile(r"\S+")
_VALUE_START = re.compile(r"[0-9x*(+]")


def _identifying_value(value: str) -> bool:
    """A labelled value identifies someone when it has at least 3 digits and is not just a year."""
    digits = sum(map(str.isdigit, value))
    return digits >= 3 and not _YEAR.fullmatch(value)


# `_identifying_value` of a value (ASCII letters, digits, "-" and " "), matched where it stands in the text.
_IDENTIFYING_VALUE = re.compile(r"(?!(?:19|20)[0-9]{2}\Z)(?:[^0-9]*[0-9]){3}")


def _street_hits(text: str) -> list[tuple[PhiKind, int, int]]:
    hits: list[tuple[PhiKind, int, int]] = []
    if not _ANY_SUFFIX.search(text):  # no house number's words can hold a suffix
        return hits
    for m in _HOUSE_AND_WORDS.finditer(text):
        start, end = m.start("words"), m.end()
        if not _SUFFIX_WORD.search(text, start, end):  # no word below can be a suffix
            continue
        for index, word in enumerate(text[start:end].split()):  # the \S+ runs, as strings
            bare = word.rstrip(".").lower()
            suffix = bare in STREET_SUFFIXES or bare in AMBIGUOUS_SUFFIXES
            function_word = bare in STOPWORDS and bare not in ("n", "s", "e", "w")
            if not suffix and (bare in _NOT_STREET_WORDS or function_word):
                break
            if index == 0 or not suffix:
                continue
            word_end = next(itertools.islice(_NON_SPACE.finditer(text, start, end), index, None)).end()
            if bare in AMBIGUOUS_SUFFIXES and not _AFTER_AMBIGUOUS.match(text, word_end - (word[-1] == ".")):
                continue
            hits.append((PhiKind.STREET_ADDRESS, m.start(), word_end))
            break
    return hits


def _birth_windows(length: int, births: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, stop) of each stretch of a text of `length` characters where a date can be near a birth
    word (after it, or before a "DOB" that follows a date): a date starting before `end` may run to `stop`.
    Overlapping (or touching) windows are joined: one scan per stretch of text.

    The stretches of a union of intervals come from their starts and their ends each sorted on its own: the
    k-th end closes a stretch where the (k+1)-th start comes after it (every interval begun by then has ended).
    Both are sorted ints built by C loops (each family of windows is in order already)."""
    if not births:
        return []
    reach = _BIRTH_GAP + 40
    starts = sorted([max(0, start - 40) for start, _ in births] + [end for _, end in births])
    ends = sorted([start for start, _ in births] + [end + reach for _, end in births])
    breaks = [
        k for k, (next_start, end) in enumerate(zip(starts[1:], ends, strict=False)) if next_start > end
    ]
    firsts, lasts = [0, *(k + 1 for k in breaks)], [*breaks, len(ends) - 1]
    return [
        (starts[first], ends[last], min(length, ends[last] + 24))
        for first, last in zip(firsts, lasts, strict=True)
    ]


def _dates_near(text: str, births: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every date within reach of a birth word (after it, or before a "DOB" that follows a date); the text
    between is scanned once however many birth words there are."""
    dates: list[tuple[int, int]] = []
    for start, end, stop in _birth_windows(len(text), births):
        dates += [span for span in _dates_in(text, start, stop) if span[0] < end]
    return sorted(set(dates))


def _dates_near_lazily(text: str, births: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The dates `_dates_near` finds, in order, each found when asked for. (The stretches come in order and do
    not overlap; within one, the dates `_dates_in` keeps start in order, and once one starts at its end no
    later one is kept.)"""
    for start, end, stop in _birth_windows(len(text), births):
        if not _DATE_SIGN.search(text, start, stop):
            continue
        last_end = start
        for m in _DATES.finditer(text, start, stop):
            first, date_end = m.span("date")
            if first >= end:
                break
            if first >= last_end:
                yield first, date_end
                last_end = date_end


def _birth_hits(text: str, births: list[tuple[int, int]]) -> list[tuple[PhiKind, int, int]]:
    """A date within a few words after a birth word, and a date followed by "(DOB)"."""
    if not births:
        return []
    hits = []
    dates = _dates_near(text, births)
    starts = [start for start, _ in dates]
    for label_start, label_end in births:
        n = bisect.bisect_left(starts, label_end)
        if n == len(dates):
            continue
        start, end = dates[n]
        gap = text[label_end:start]
        near = len(gap) <= _BIRTH_GAP and "\n" not in gap and not any(map(str.isdigit, gap))
        if near and not _OTHER_DATE_LABEL.search(gap):
            hits.append((PhiKind.DATE_OF_BIRTH, label_start, end))
    dob_after = _DOB_AFTER_DATE.match
    hits += [
        (PhiKind.DATE_OF_BIRTH, start, after.end()) for start, end in dates if (after := dob_after(text, end))
    ]
    return hits


def _first_birth_hits(text: str, births: list[tuple[int, int]]) -> list[tuple[PhiKind, int, int]]:
    """The first hit of each of `_birth_hits`' two runs (a date after a birth word, by the word; a date before
    "(DOB)", by the date), each the first of its run in the text: all a decision needs (`find_phi`). Dates are
    looked for only as far as these two need."""
    hits: list[tuple[PhiKind, int, int]] = []
    if not births:
        return hits
    more = _dates_near_lazily(text, births)
    dates: list[tuple[int, int]] = []
    starts: list[int] = []
    for label_start, label_end in births:
        while not starts or starts[-1] < label_end:  # the dates up to the first after this word
            date = next(more, None)
            if date is None:
                break
            dates.append(date)
            starts.append(date[0])
        n = bisect.bisect_left(starts, label_end)
        if n == len(dates):
            break  # no date after this word, nor after any later one
        start, end = dates[n]
        gap = text[label_end:start]
        near = len(gap) <= _BIRTH_GAP and "\n" not in gap and not any(map(str.isdigit, gap))
        if near and not _OTHER_DATE_LABEL.search(gap):
            hits.append((PhiKind.DATE_OF_BIRTH, label_start, end))
            break
    for start, end in itertools.chain(dates, more):
        after = _DOB_AFTER_DATE.match(text, end)
        if after:
            hits.append((PhiKind.DATE_OF_BIRTH, start, after.end()))
            break
    return hits


# Any "ID", "#", "no." or "number" followed by a long number identifies someone, whatever the label before
# it, unless that label names something that is not a person (a provider's NPI, a drug's NDC or lot, a room).
_GENERIC_ID = re.compile(
    r"(?:(?:i(?<!\wi)d|n(?<!\wn)(?:o|umber|br|um)|c(?<!\wc)in|r(?<!\wr)in|b(?<!\wb)ic|s(?<!\ws)n)\b\.?|#)"
    r"\s{0,2}[:#]?\s{0,2}"
    r"(?P<value>[a-z]{0,4}-?\d[a-z0-9-]{3,24}(?:\s\d{2,4})?)(?![a-z0-9-])"
)
_NOT_AN_ID = re.compile(
    r"(?:npi|ndc|lot|room|rm|bed|ext|extension|tax|ein|dea|upin|cpt|icd|code|drg|line|page|pg|step|item"
    r"|query|clarification|worklist|batch|order|rx|reference|ref|version|fy|q[1-4]|ticket|case\s+study)"
    r"[\s:#.]{0,4}(?:id|no|number|nbr|num)?[\s:#.]{0,3}$"
)


def _personal_url(m: re.Match[str]) -> bool:
    """A link into a chart or to a person's page; a site's home page or a public reference is not one."""
    found = m.group()
    host = found.split("//", 1)[-1].split("/", 1)[0]
    path = (m.group("path") or "").strip("/")
    return bool(path) and not _PUBLIC_HOSTS.search(host)


def _long_id(value: str) -> bool:
    digits = sum(map(str.isdigit, value))
    letters = sum(map(str.isalpha, value))
    return digits >= 6 or (digits >= 4 and letters >= 1 and len(value) >= 7)


_ANY_DIGIT = re.compile(r"\d")
_NEED_NO_DIGIT = frozenset(["email_spelt", "url"])  # every other format, and every labelled value, holds one


def _format_hits(
    text: str, *, first_only: bool = False, deciding: bool = False
) -> list[tuple[PhiKind, int, int]]:
    """Every (kind, start, end) of the formats, format by format (each in order), built as lists (a text can
    hold thousands: no generator step per hit). With `first_only`, what the first format to find anything
    found (`contains_phi`); with `deciding`, of the labelled values only the first of each kind that starts at
    its label, and of the dates of birth near a birth word only the first of each run (`_labelled_hits`)."""
    hits: list[tuple[PhiKind, int, int]] = []
    digits = _ANY_DIGIT.search(text) is not None
    numbers = _number_formats(text) if digits else {}
    for fmt in _FORMATS:
        kind = fmt.kind
        if fmt.at_number:
            hits += [(kind, start, end) for start, end in numbers.get(fmt.name, ())]
        elif (digits or fmt.name in _NEED_NO_DIGIT) and (
            not fmt.needs or any(part in text for part in fmt.needs)
        ):
            found = _OWN_SCAN[fmt.name].finditer(text)
            if kind is PhiKind.URL:
                hits += [(kind, m.start(), m.end()) for m in found if _personal_url(m)]
            else:
                hits += [(kind, m.start(), m.end()) for m in found]
        if first_only and hits:
            return hits
    if "@" in text:
        hits += _email_hits(text)
    if not digits or (first_only and hits):
        return hits
    hits += [
        (PhiKind.INSURANCE_ID, m.start(), m.end())
        for m in _GENERIC_ID.finditer(text)
        if _long_id(m.group("value")) and not _NOT_AN_ID.search(text[max(0, m.start() - 24) : m.start()])
    ]
    hits += [(PhiKind.STREET_ADDRESS, m.start(), m.end()) for m in _STATE_ZIP.finditer(text)]
    if first_only and hits:
        return hits
    hits += _street_hits(text)
    if first_only and hits:
        return hits
    hits += _labelled_hits(text, deciding=deciding)
    return hits


def _labelled_hits(text: str, *, deciding: bool = False) -> list[tuple[PhiKind, int, int]]:
    """A value after its label ("MRN 00482913", "call 555 0147", "SSN ending 6789"), and a date of birth near
    a birth word. A phone, address or id label that nothing readable as its value follows (`_near_value`) is
    passed over at once. `deciding`: an id or address label (whose hit starts at the label, so after every
    earlier one) of a kind already found is passed over too, and of the dates of birth only the first of each
    run is found (`_first_birth_hits`)."""
    hits: list[tuple[PhiKind, int, int]] = []
    births: list[tuple[int, int]] = []
    read = _LABEL_READ
    found: set[str] = set()  # deciding: the id and address label groups of the kinds found
    for m in _LABELS.finditer(text):
        group = read[m.lastindex or 0]
        if group is None or group in found:
            continue
        start = m.start()
        if start:  # a label inside a word ("unborn", "cumbersome"), past the regex's ASCII check
            before = text[start - 1]
            if before.isalnum() or before == "_" or (before == "." and text[start] == "b"):
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
            if value and not _IDENTIFYING_VALUE.match(text, value.start("value"), value.end("value")):
                value = None
        if value:
            if kind in (PhiKind.PHONE, PhiKind.SSN):  # the number itself: "call [removed: phone]"
                first = _VALUE_START.search(text, m.end(), value.end())
                start = first.start() if first else start
            elif deciding:
                found.update(_GROUPS_OF_KIND[kind])
            hits.append((kind, start, value.end()))
    return hits + (_first_birth_hits(text, births) if deciding else _birth_hits(text, births))


# The label groups whose values are hits of each kind.
_GROUPS_OF_KIND: Mapping[PhiKind, frozenset[str]] = {
    kind: frozenset(
        [
            *(group for group, of in _LABEL_KINDS.items() if of is kind),
            *(["address"] if kind is PhiKind.STREET_ADDRESS else []),
        ]
    )
    for kind in PhiKind
}


# ---- 3. names -----------------------------------------------------------------------------------------------


def _words() -> dict[str, list[str]]:
    """kind -> its words, from bot/relay/data/phi_words.tsv.gz (one `kind<TAB>word word ...` line per kind)."""
    data = resources.files("bot.relay.data").joinpath("phi_words.tsv.gz").read_bytes()
    by_kind: dict[str, list[str]] = {"given": [], "surname": [], "clinical": []}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        kind, _, words = line.partition("\t")
        if kind in by_kind:
            by_kind[kind] = words.split(" ")
    return by_kind


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
        "thanks",
        "thank",
        "hi",
        "hello",
        "hey",
        "dear",
        "regards",
        "sincerely",
        "ok",
        "okay",
        "sorry",
        "however",
        "otherwise",
        "note",
        "update",
        "please",
        "question",
        "answer",
        "reply",
        "correct",
        "confirmed",
        "agree",
        "great",
        "sure",
        "well",
        "again",
        "morning",
        "afternoon",
        "evening",
        "night",
        "team",
        "everyone",
        "folks",
        "doc",
        "re",
        "fyi",
        "fwd",
        "subject",
        "cc",
    ]
)
EPONYM_NOUNS = frozenset(
    [
        "surgery",
        "level",
        "depth",
        "drain",
        "tube",
        "splint",
        "brace",
        "cast",
        "clamp",
        "needle",
        "forceps",
        "retractor",
        "approach",
        "sheath",
        "balloon",
        "valve",
        "filter",
        "scan",
        "questionnaire",
        "assessment",
        "maneuvers",
        "scores",
        "fracture's",
        "diet",
        "regimen",
        "protocol",
        "solution",
        "cocktail",
        "formula",
        "equation",
        "bundle",
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
_EXPLICIT_NAME_LABELS = frozenset(["name", "aka", "alias", "ptname", "patientname", "pname"])
_FILLER_WORDS = frozenset(
    ["is", "was", "named", "called", "name", "nm", "goes", "by", "the", "patient's", "pt's", "s"]
)
_WORD_PATTERN = re.compile(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z][A-Za-z']*)*")
_MARKED = re.compile("1+")


@dataclass(frozen=True)
class _Lexicon:
    given: frozenset[str]  # common given names that are not function words
    given_any: frozenset[str]  # every common given name ("will", "may" included)
    surname: frozenset[str]
    clinical_only: frozenset[str]  # clinical words (eponyms, drugs) that are not also common names
    clinical: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    words = _words()
    given_any, surname, clinical = set(words["given"]), set(words["surname"]), set(words["clinical"])
    return _Lexicon(
        frozenset(given_any - STOPWORDS),
        frozenset(given_any),
        frozenset(surname),
        frozenset(clinical - given_any - surname),
        frozenset(clinical),
    )


# A name followed by a credential is a clinician's ("Maria Lopez, NP", "PATEL, PRIYA MD"): allowed.
_CREDENTIAL = re.compile(
    r",?\s{0,2}(?:(?i:md|np|pa-c|rn|lpn|aprn|crna|cnm|dpm|dds|dmd|phd|pharmd|fnp|anp|acnp|dnp|msn|bsn|lcsw"
    r"|np-c|fnp-c|agnp-c|agnp|rrt|psyd|facp|facs|mph|cnp|lmsw|ccc-slp)|MD|DO|NP|PA|RN|RD|PT|OT|RT|MA|OD|SLP"
    r"|CNA|LD|RDN)\b"
)
_CREDENTIALS = frozenset(
    [
        "md",
        "do",
        "np",
        "pa",
        "pa-c",
        "rn",
        "lpn",
        "aprn",
        "crna",
        "cnm",
        "dpm",
        "dds",
        "dmd",
        "phd",
        "pharmd",
        "fnp",
        "anp",
        "acnp",
        "dnp",
        "msn",
        "bsn",
        "lcsw",
        "np-c",
        "fnp-c",
        "agnp",
        "rrt",
        "psyd",
        "facp",
        "facs",
        "mph",
        "cnp",
        "rd",
        "rdn",
        "ld",
        "slp",
        "cna",
    ]
)
# "name" is a person's name field only after these (not "Procedure name:", "Drug name:").
_PERSON_NAME_FIELD = frozenset(
    [
        "patient",
        "pt",
        "pts",
        "patient's",
        "pt's",
        "full",
        "legal",
        "first",
        "last",
        "maiden",
        "preferred",
        "member",
        "insured",
        "subscriber",
        "guarantor",
        "mother",
        "mother's",
        "father",
        "father's",
        "spouse",
        "baby",
        "child",
        "family",
        "contact",
        "my",
        "his",
        "her",
        "their",
        "the",
        "newborn",
        "infant",
        "guardian",
    ]
)


# What the name rules ask of a word, as bits, worked out once per distinct word (as written) and kept: a text
# of 16,000 words asks about a few hundred distinct ones, and each question is then one bit test.
_CAPITALISED, _UPPER, _NAME_SHAPED, _GIVEN, _SURNAME, _CLINICAL_ONLY, _CLINICAL, _COULD_BE_FAMILY = (
    1 << n for n in range(8)
)
# What the candidate filters (`_may_name`) ask besides: the loop's prose start (a given name, an upper-case
# family name), a name label, any given name ("will"), a possessive, at least 3 letters, a base over 4 letters.
_PROSE_START, _LABEL_WORD, _GIVEN_ANY, _POSSESSIVE, _LEN3, _LONG_BASE = (1 << n for n in range(8, 14))


def _base(low: str) -> str:
    """The word without a possessive ("Gonzalez's" -> "gonzalez", "Graves'" -> "graves")."""
    if "'" not in low:
        return low
    return low[:-2] if low.endswith("'s") else low.rstrip("'")


@functools.lru_cache(maxsize=1 << 16)
def _token_facts(word: str) -> int:
    lex = _lexicon()
    low = word.lower()
    base = _base(low)
    facts = 0
    if word[0].isupper():
        facts |= _CAPITALISED
    if len(word) > 1 and word.isupper():
        facts |= _UPPER
    name_shaped = len(word) >= 2 and low not in STOPWORDS
    if name_shaped:
        facts |= _NAME_SHAPED
    parts = base.split("-")  # "mary-kate", "min-jun", "jean-luc"; not "x-ray"
    if base in lex.given or (
        len(parts) > 1 and parts[0] in lex.given and all(len(part) > 1 for part in parts)
    ):
        facts |= _GIVEN
    if (
        base in lex.surname
        or base.replace("'", "") in lex.surname
        or ("-" in base and all(part.replace("'", "") in lex.surname for part in parts))
    ):
        facts |= _SURNAME
    clinical_only = (
        all(part in lex.clinical_only for part in parts) if "-" in base else base in lex.clinical_only
    )
    if clinical_only:
        facts |= _CLINICAL_ONLY
    if base in lex.clinical:
        facts |= _CLINICAL
    if name_shaped and not clinical_only and base not in _CREDENTIALS:
        facts |= _COULD_BE_FAMILY
    if (
        low in lex.given
        or (("'" in low or "-" in low) and facts & _GIVEN)
        or (low in lex.surname and facts & _UPPER)
    ):
        facts |= _PROSE_START
    if low in _NAME_LABELS or low in _HONORIFICS or low in _EXPLICIT_NAME_LABELS:
        facts |= _LABEL_WORD
    if base in lex.given_any:
        facts |= _GIVEN_ANY
    if low.endswith(("'s", "'")):
        facts |= _POSSESSIVE
    if len(low) >= 3:
        facts |= _LEN3
    if len(base) > 4:
        facts |= _LONG_BASE
    return facts


def _facts_of(words: list[str]) -> list[int]:
    """`_token_facts` of each word: asked once per distinct word, then spread by a C loop."""
    facts = {word: _token_facts(word) for word in set(words)}
    return list(map(facts.__getitem__, words))


class _Spans:
    """(start, end) of word i, from the flat list of word bounds."""

    def __init__(self, bounds: list[int]) -> None:
        self.bounds = bounds

    def __len__(self) -> int:
        return len(self.bounds) // 2

    def __getitem__(self, i: int) -> tuple[int, int]:
        return self.bounds[2 * i], self.bounds[2 * i + 1]


class _Text:
    """The words of a text, by index: what the name rules look at."""

    def __init__(self, text: str, lower: str, normal: Normalised | None = None) -> None:
        self.text = text
        self.lower = lower
        # The words, the text between them and where each starts and ends, built by C loops (findall, split,
        # accumulate), not a Python statement per word: a text of 25,000 one-letter words is common enough.
        self.words = _WORD_PATTERN.findall(text)
        self.lows = " ".join(self.words).lower().split(" ") if self.words else []  # words are ASCII
        self.gaps = _WORD_PATTERN.split(text)  # gaps[i] comes before word i, gaps[-1] after the last
        pieces = itertools.chain.from_iterable(zip(self.gaps, self.words, strict=False))  # one more gap
        self.bounds = list(itertools.accumulate(map(len, pieces)))  # word i spans bounds[2i]:bounds[2i + 1]
        self.spans = _Spans(self.bounds)
        self.count = len(self.words)
        self.lex = _lexicon()
        self.normal = normal
        self.facts = _facts_of(self.words)  # the questions below, answered once per word

    def __len__(self) -> int:
        return self.count

    def low(self, i: int) -> str:
        return self.lows[i]

    def base(self, i: int) -> str:
        """The word without a possessive ("Gonzalez's" -> "gonzalez", "Graves'" -> "graves")."""
        return _base(self.lows[i])

    def possessive(self, i: int) -> bool:
        return self.lows[i].endswith(("'s", "'")) or self.gaps[i + 1][:1] == "'"

    def capitalised(self, i: int) -> bool:
        return bool(_token_facts(self.words[i]) & _CAPITALISED)

    def upper(self, i: int) -> bool:
        return bool(_token_facts(self.words[i]) & _UPPER)

    def accented(self, i: int) -> bool:
        return i in self.accented_words

    @functools.cached_property
    def accented_words(self) -> frozenset[int]:
        """The words holding a letter that was not ASCII in the original: the words each run of them in
        `Normalised.accent_marks` overlaps (a text has few such runs, or its words are names at once)."""
        normal = self.normal
        if normal is None or not normal.has_accents:
            return frozenset()
        bounds = self.bounds  # word i spans bounds[2i]:bounds[2i + 1]
        found: set[int] = set()
        for run in _MARKED.finditer(normal.accent_marks):
            first = bisect.bisect_right(bounds, run.start()) // 2  # the word it starts in or before
            last = (bisect.bisect_right(bounds, run.end() - 1) - 1) // 2  # the word it ends in or after
            found.update(range(first, last + 1))
        return frozenset(found)

    def gap(self, i: int) -> str:
        """The characters between word i and word i + 1."""
        return self.gaps[i + 1]

    def given(self, i: int) -> bool:
        return bool(_token_facts(self.words[i]) & _GIVEN)

    def surname(self, i: int) -> bool:
        return bool(_token_facts(self.words[i]) & _SURNAME)

    def clinical_only(self, i: int) -> bool:
        return bool(_token_facts(self.words[i]) & _CLINICAL_ONLY)

    def clinical(self, i: int) -> bool:
        return bool(_token_facts(self.words[i]) & _CLINICAL)

    def could_be_family(self, i: int) -> bool:
        return bool(_token_facts(self.words[i]) & _COULD_BE_FAMILY)

    def eponym_after(self, i: int) -> bool:
        """Word i ends an eponym: a clinical noun like "syndrome" follows ("Lou Gehrig's disease")."""
        return i + 1 < self.count and self.lows[i + 1] in EPONYM_NOUNS and self.gaps[i + 1].isspace()

    def score_after(self, i: int) -> bool:
        """A clinical word followed by a number is a score or a stage ("Gleason 7", "Clark level IV")."""
        end = self.bounds[2 * i + 1]
        return self.clinical(i) and bool(re.match(r"\s{1,2}\d", self.text[end : end + 3]))

    def credential_after(self, i: int) -> bool:
        return bool(_CREDENTIAL.match(self.text, self.bounds[2 * i + 1]))

    def after_clinician(self, i: int) -> bool:
        return i > 0 and self.lows[i - 1] in _CLINICIAN and len(self.gaps[i]) <= 3

    def index_layout(self, i: int) -> bool:
        """Word i follows a line that starts "<Clinical word>, ": an index entry ("Syndrome, Charles Bonnet")."""
        if (
            i == 0
            or self.gap(i - 1).strip() != ","
            or not self.clinical_only(i - 1)
            or not self.capitalised(i - 1)
        ):
            return False
        return i == 1 or "\n" in self.gap(i - 2) or bool(self.gap(i - 2).strip(" "))


def _name_end(words: _Text, i: int) -> int:
    """The last word of a name starting at word i: up to two more name words on the same line."""
    end = i
    for n in range(i + 1, min(i + 3, len(words))):
        gap = words.gap(n - 1)
        if gap.strip(" .") or "\n" in gap or not words.could_be_family(n):
            break
        if not (words.capitalised(n) or words.given(n) or words.surname(n)):
            break
        end = n
    return end


def _last_comma_first(words: _Text, i: int) -> int | None:
    """ "Last, First" starting at word i: the index of the given name, or None."""
    if i + 1 >= words.count:
        return None
    gap = words.gaps[i + 1]
    if gap.strip() != "," or len(gap) > 3 or "\n" in gap:
        return None
    if words.possessive(i):  # "Smith's, ..." (the facts below see a possessive ending, not a quote after it)
        return None
    return i + 1 if _comma_rule(words.facts[i] << 16 | words.facts[i + 1]) else None


def _labelled_name(words: _Text, i: int) -> tuple[int, int] | None:
    """A name after a label word: "Patient name: Lopez, Maria", "pt is jane smith", "Mrs. whitfield"."""
    lows, gaps, count = words.lows, words.gaps, words.count  # gaps[n] is the gap before word n
    label = lows[i]
    honorific = label in _HONORIFICS
    explicit = label in _EXPLICIT_NAME_LABELS
    field_of_something = i > 0 and "\n" not in gaps[i] and not gaps[i].strip(" '")
    if label == "name" and field_of_something and lows[i - 1] not in _PERSON_NAME_FIELD:
        return None  # "Procedure name: Whipple"
    n, linked = i + 1, False
    while n < count and lows[n] in _FILLER_WORDS and n - i <= 3 and len(gaps[n]) <= 3:
        explicit = explicit or lows[n] in ("named", "called", "name", "nm")
        linked = linked or lows[n] in ("is", "was")
        n += 1
    if n >= count:
        return None
    gap = gaps[n]
    if len(gap) > 6 or "\n" in gap:
        return None
    word_is = _token_facts(words.words[n])  # what the rules below ask of word n, as bits
    comma_ok = label in ("patient", "pt", "name") or explicit or word_is & _GIVEN
    if gap.strip(" :#.=-'" + ("," if comma_ok else "")):
        return None
    lex = words.lex
    word = words.base(n)

    def comma_given() -> bool:  # "pt is d'souza, anita"
        return (
            n + 1 < count
            and gaps[n + 1].strip() == ","
            and words.given(n + 1)
            and bool(word_is & _COULD_BE_FAMILY)
            and not word_is & _CLINICAL
        )

    if not word_is & _NAME_SHAPED:
        # "patient will brown": a given name that is also a function word, followed by a family name
        if not (
            word in lex.given_any
            and n + 1 < count
            and words.surname(n + 1)
            and not words.clinical_only(n + 1)
        ):
            return None
        if not gaps[n + 1].isspace():
            return None
    elif honorific or explicit:
        if word_is & _CLINICAL_ONLY and not word_is & _CAPITALISED:
            return None
    elif linked:  # "pt is jane smith", "pt is d'souza, anita"; not "pt is Catholic", "pt is post-op"
        if not (word_is & (_GIVEN | _SURNAME) or comma_given()):
            return None
    else:
        known = word_is & (_GIVEN | _SURNAME)
        capitalised_unknown = word_is & _CAPITALISED and not word_is & (_CLINICAL | _UPPER)
        long_upper = word_is & _UPPER and len(word) > 4 and not word_is & _CLINICAL
        if not (known or capitalised_unknown or long_upper):
            return None
    if not honorific and (words.eponym_after(n) or words.score_after(n)):
        return None
    last = _last_comma_first(words, n) or (n + 1 if comma_given() else _name_end(words, n))
    if not honorific and words.credential_after(last):
        return None
    return words.spans[i if honorific else n][0], words.spans[last][1]


def _name_hits(text: str, lower: str, normal: Normalised | None = None) -> Iterator[tuple[int, int]]:
    words = _Text(text, lower, normal)
    text, lex, spans, lows, gaps, bounds = (
        words.text,
        words.lex,
        words.spans,
        words.lows,
        words.gaps,
        words.bounds,
    )
    labels = _NAME_LABELS | _HONORIFICS | _EXPLICIT_NAME_LABELS
    has_accents = normal is not None and normal.has_accents
    for i in _name_starts(words, has_accents):
        if lows[i] in labels:
            labelled = _labelled_name(words, i)
            if labelled:
                yield labelled
                continue
        end = bounds[2 * i + 1]
        comma = "," in text[end : end + 3]
        if not comma:  # only a given name (or an accented capitalised word) can start a name in prose
            low = lows[i]
            given = low in lex.given or (("'" in low or "-" in low) and words.given(i))
            upper_surname = low in lex.surname and words.upper(i)  # "SMITH JOHN"
            if not (given or upper_surname or (has_accents and text[spans[i][0]].isupper())):
                continue
        if comma:
            first = _last_comma_first(words, i)
            if first is not None and not words.eponym_after(first) and not words.credential_after(first):
                if not words.after_clinician(i):
                    yield spans[i][0], spans[first][1]
                continue
        if i + 1 >= words.count or not gaps[i + 1].isspace() or "\n" in gaps[i + 1]:
            continue
        pair = _prose_pair(words, i) and not words.eponym_after(i + 1) and not words.credential_after(i + 1)
        if pair and not (words.after_clinician(i) or words.index_layout(i)):
            yield spans[i][0], spans[i + 1][1]


def _name_starts(words: _Text, has_accents: bool) -> Iterator[int]:
    """In order, every word from which the loop in `_name_hits` can yield a name, by the loop's own rules read
    from the words' facts alone (`_label_may_name`, `_comma_rule`, `_pair_rule`), less what those rules leave
    to the loop (an eponym or a credential after, a clinician before): a label the word after which can be a
    name, "Last, First", and a pair started by a given name (or an upper-case family name, or in a text with
    accented letters a capitalised word, or any word before "x,"). The words are dropped by list
    comprehensions over their facts (a bit test each), not by the loop's Python statements: a text of 25,000
    labels or capitalised words none of which starts a name ("pt,", "IV IV") costs a few milliseconds. Found
    a stretch of words at a time, so a scan that stops at the first name reads no further than its stretch."""
    last = words.count - 1  # every rule reads the word after
    commas = "," in words.text
    one_letter_commas = commas and _ONE_LETTER_BEFORE_COMMA.search(words.text) is not None
    for low in range(0, max(last, 0), _STRETCH):
        high = min(low + _STRETCH, last)
        yield from _name_starts_between(words, has_accents, commas, one_letter_commas, low, high)


_STRETCH = 2_048  # words


def _name_starts_between(
    words: _Text, has_accents: bool, commas: bool, one_letter_commas: bool, low: int, high: int
) -> list[int]:
    """`_name_starts` among words low to high - 1 (each has a word after it); `commas`: the text holds one,
    `one_letter_commas`: one after a one-letter word (`_ONE_LETTER_BEFORE_COMMA`)."""
    facts, lows, gaps, tokens = words.facts, words.lows, words.gaps, words.words
    start = _PROSE_START | (_CAPITALISED if has_accents else 0)
    some = [i for i, f in enumerate(facts[low:high], low) if f & (start | _LABEL_WORD)]
    label_next = _NAME_SHAPED | _GIVEN_ANY
    labels = [
        i
        for i in some
        if facts[i] & _LABEL_WORD
        and (facts[i + 1] & label_next or lows[i + 1] in _FILLER_WORDS)
        and _label_may_name(words, i)
    ]
    last_first = []
    if commas:
        first_needs = _CAPITALISED | _GIVEN  # every rule asks one of these of the first name
        last_first = [
            i
            for i in [
                i for i, gap in enumerate(gaps[low + 1 : high + 1], low) if "," in gap
            ]  # gap after word i
            if facts[i + 1] & first_needs
            and facts[i] & _COULD_BE_FAMILY
            and len(gap := gaps[i + 1]) <= 3
            and gap.strip() == ","
            and _comma_rule(facts[i] << 16 | facts[i + 1])
        ]
    starters = [i for i in some if facts[i] & start]
    if one_letter_commas:  # the loop's comma past a one-letter word ("a b, c")
        starters = sorted(
            set(starters).union(
                i
                for i in range(low, high)
                if len(gaps[i + 1]) == 1 and len(tokens[i + 1]) == 1 and gaps[i + 2][:1] == ","
            )
        )
    pairs = [
        i
        for i in starters
        if (gap := gaps[i + 1]).isspace()
        and "\n" not in gap
        and facts[i + 1] & _COULD_BE_FAMILY
        and (rule := _pair_rule(facts[i] << 16 | facts[i + 1]))
        and (rule == _PAIR or words.accented(i) or words.accented(i + 1))
    ]
    if not last_first and not labels:
        return pairs
    return sorted(set(labels).union(last_first, pairs))


_ONE_LETTER_BEFORE_COMMA = re.compile(r"[^A-Za-z'][A-Za-z],")


def _label_may_name(words: _Text, i: int) -> bool:
    """`_labelled_name` at word i can find a name: the word after the label (when it is no filler word such as
    "is" or "name") passes its rules for the label's kind."""
    n = i + 1
    if n >= words.count:
        return False
    if words.lows[n] in _FILLER_WORDS:
        return True
    after, label = words.facts[n], words.lows[i]
    if label in _HONORIFICS or label in _EXPLICIT_NAME_LABELS:
        return bool(after & (_NAME_SHAPED | _GIVEN_ANY))
    if not after & _NAME_SHAPED:
        return bool(after & _GIVEN_ANY)  # "patient will brown"
    known = after & (_GIVEN | _SURNAME)
    capitalised_unknown = after & (_CAPITALISED | _CLINICAL | _UPPER) == _CAPITALISED
    long_upper = after & (_UPPER | _LONG_BASE | _CLINICAL) == _UPPER | _LONG_BASE
    return bool(known or capitalised_unknown or long_upper)


@functools.cache
def _comma_rule(both: int) -> bool:
    """`_last_comma_first`'s decision on two words' facts, `last_is << 16 | first_is` (one int: the cache's
    cheapest key), the comma between them granted."""
    last_is, first_is = both >> 16, both & 0xFFFF
    if not first_is & (_CAPITALISED | _GIVEN):
        return False
    if not last_is & _COULD_BE_FAMILY or not first_is & _COULD_BE_FAMILY or last_is & _POSSESSIVE:
        return False
    if first_is & _GIVEN and last_is & (_CAPITALISED | _SURNAME):
        return True
    if last_is & _SURNAME and first_is & _CAPITALISED and not first_is & _UPPER:
        return True
    if last_is & _UPPER and first_is & _UPPER:
        long_enough = last_is & first_is & _LEN3
        known = first_is & _GIVEN or last_is & _SURNAME or first_is & _SURNAME
        return bool(long_enough and known)
    plain = last_is & _CAPITALISED and first_is & _CAPITALISED and not first_is & _UPPER
    return bool(plain and not last_is & _CLINICAL and not first_is & _CLINICAL)


_NO_PAIR, _PAIR, _PAIR_IF_ACCENTED = range(3)


@functools.cache
def _pair_rule(both: int) -> int:
    """`_prose_pair`'s decision on two words' facts, `given_is << 16 | family_is`: a pair, none, or a pair if
    either word is accented."""
    given_is, family_is = both >> 16, both & 0xFFFF
    if not family_is & _COULD_BE_FAMILY:
        return _NO_PAIR
    if given_is & _CAPITALISED:
        if given_is & _GIVEN and family_is & _CAPITALISED:
            return _PAIR
        if given_is & family_is & _UPPER and given_is & _SURNAME and family_is & _GIVEN:
            return _PAIR  # "SMITH JOHN": a chart's Last First without the comma
        both_capitalised = family_is & _CAPITALISED and not (given_is | family_is) & _UPPER
        unknown = not given_is & _CLINICAL_ONLY and given_is & _NAME_SHAPED
        return _PAIR_IF_ACCENTED if both_capitalised and unknown else _NO_PAIR
    # all lower case: a known given name, then a known family name that is not only a clinical word
    return _PAIR if given_is & _GIVEN and family_is & _SURNAME else _NO_PAIR


def _prose_pair(words: _Text, i: int) -> bool:
    """Words i and i + 1 are a given and a family name in running text (the rules: `_pair_rule`)."""
    rule = _pair_rule(words.facts[i] << 16 | words.facts[i + 1])
    return rule == _PAIR or (rule == _PAIR_IF_ACCENTED and (words.accented(i) or words.accented(i + 1)))


# ---- the guard ----------------------------------------------------------------------------------------------


def prepare() -> None:
    """Load the word lists now (about 60 ms) rather than on the first text a user sends."""
    _lexicon()


def _found(
    text: str, first_name_only: bool, *, deciding: bool = False
) -> tuple[Normalised, list[tuple[PhiKind, int, int]]]:
    """The normalised text and every (kind, start, end) the detectors find in it (positions in it), in the order
    found: the formats, then the names (only the first with `first_name_only`). `deciding` (`find_phi`) leaves
    out hits that cannot be the first of their kind (`_format_hits`), where normalising kept every character
    apart and in order (`Normalised.keeps_order`): a later hit of one run starts later there, and so in the
    original text."""
    normal = normalise(text)
    lowered = normal.text.lower()
    if len(lowered) != len(normal.text):  # a character whose lower case is longer: keep positions aligned
        lowered = "".join(c.lower()[:1] or c for c in normal.text)
    found = _name_hits(normal.text, lowered, normal)
    names = ((PhiKind.PATIENT_NAME, s, e) for s, e in itertools.islice(found, 1 if first_name_only else None))
    return normal, [*_format_hits(lowered, deciding=deciding and normal.keeps_order), *names]


def _keyed(
    normal: Normalised, spans: list[tuple[PhiKind, int, int]], length: int
) -> list[tuple[int, int, int, PhiKind]]:
    """(start, -end, n, kind) of each span, positions in the original text, sorted: by start, longest first,
    then in the order found (as a stable sort of hits by (start, -end))."""
    if normal.origin is None:
        keyed = [(start, -end, n, kind) for n, (kind, start, end) in enumerate(spans)]
    else:
        keyed = []
        for n, (kind, start, end) in enumerate(spans):
            first, last = normal.span(start, end, length)
            keyed.append((first, -last, n, kind))
    keyed.sort()
    return keyed


def find_phi(text: str, *, first_name_only: bool = False) -> list[PhiHit]:
    """Every identifier-looking span in `text` (positions in `text` itself), in order; overlapping hits of
    one kind are merged: what a display of the hits (`redact`) needs.

    With `first_name_only`, what deciding needs (`check_fields`, `/code`): the first hit of each kind (as found,
    not merged with the next), in the order of the full scan's hits, for much less work: the name scan stops at
    its first name, dates of birth near a birth word at the first of each run, and no hit is merged, made or
    (but in right-to-left text) taken back to the original text past the last kind's first. A text of 6,000
    dates of birth or 4,000 chart names costs about what its scan does."""
    if first_name_only:
        normal, spans = _found(text, first_name_only=True, deciding=True)
        return [
            PhiHit(kind, start, end) for kind, start, end in _first_of_each_kind(normal, spans, len(text))
        ]
    normal, spans = _found(text, first_name_only=False)
    # Hits are made only for what is left after merging.
    merged: list[list[int]] = []  # [start, end] of each hit kept
    kinds: list[PhiKind] = []
    last_of_kind: dict[PhiKind, int] = {}
    for start, neg_end, _, kind in _keyed(normal, spans, len(text)):
        end = -neg_end
        index = last_of_kind.get(kind)
        if index is not None and start < merged[index][1]:
            merged[index][1] = max(merged[index][1], end)
            continue
        last_of_kind[kind] = len(merged)
        merged.append([start, end])
        kinds.append(kind)
    return [PhiHit(kind, start, end) for kind, (start, end) in zip(kinds, merged, strict=True)]


def _first_of_each_kind(
    normal: Normalised, spans: list[tuple[PhiKind, int, int]], length: int
) -> list[tuple[PhiKind, int, int]]:
    """(kind, start, end) of the first span of each kind in the order `_keyed` puts them (positions in the
    original text)."""
    if not spans:
        return []
    present = len({kind for kind, _, _ in spans})
    origin = normal.origin
    if origin is None or origin.order is not None:
        firsts: dict[PhiKind, tuple[int, int]] = {}
        for start, neg_end, _, kind in _keyed(normal, spans, length):
            if kind not in firsts:
                firsts[kind] = (start, -neg_end)
                if len(firsts) == present:
                    break
        return [(kind, start, end) for kind, (start, end) in firsts.items()]
    # Positions go back to the original text in order (`_Origin`: deletions and folds keep it, though several
    # characters folded from one go back to the same place), so walking the spans by their start here, once a
    # span starts after every kind's first there, no span left can come before any of them.
    best: dict[PhiKind, tuple[int, int, int]] = {}
    settled_before = -1  # the latest original start among the kinds' first hits
    for start, neg_end, n, kind in sorted(
        (start, -end, n, kind) for n, (kind, start, end) in enumerate(spans)
    ):
        first, last = normal.span(start, -neg_end, length)
        if len(best) == present and first > settled_before:
            break
        key = (first, -last, n)
        if kind not in best:
            best[kind] = key
            settled_before = max(settled_before, first)
        elif key < best[kind]:
            best[kind] = key
    return [
        (kind, first, -neg_last) for kind, (first, neg_last, _) in sorted(best.items(), key=lambda kv: kv[1])
    ]


def contains_phi(text: str) -> bool:
    """Whether `text` holds anything `find_phi` finds, stopping at the first hit (the formats first, each
    scan lazily, then the names)."""
    normal = normalise(text)
    lowered = normal.text.lower()
    if len(lowered) != len(normal.text):
        lowered = "".join(c.lower()[:1] or c for c in normal.text)
    if _format_hits(lowered, first_only=True):
        return True
    return next(_name_hits(normal.text, lowered, normal), None) is not None


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
        hits = find_phi(text or "", first_name_only=True)
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
