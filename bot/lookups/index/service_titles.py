"""Medicare's service codes read from their own descriptors: what a coder does when a service is asked for
in the words of a HCPCS Level II G-, P- or Q-code descriptor ("intensive cardiac rehab session with
exercise", "rapid HIV antibody screening test", "home health OT assistant visit each 15 min", "type B ED
visit level 3", "fluzone vaccine product code").

CMS writes a HCPCS code for the services it pays apart from CPT (visits, screenings, education, care
management, home health disciplines, the influenza vaccines by brand, the screening Pap smear and the
specimen collection): the code's descriptor names the service in full, and a coder reads the query's words
against it, one word at a time, not as a phrase. The rule:

- the query names a service (a word of `SERVICE_NOUNS`: visit, screening, counseling, rehab, test,
  session, exam, imaging ...) and tells no finding ("hep C antibody positive" is a diagnosis);
- a service code's descriptor (its title, short title and the reading of a cut short title) holds the
  service word and at least `MIN_SHARE` of the query's other words (a word of a class read as the
  descriptor's word: "rehab" -> rehabilitation, "scan" -> imaging, "photos" -> images; a coder's word
  about the request - "code", "medicare", "product" - is no word of the service);
- it explains more of the query than the answer found (bot.lookups.search keeps that answer below it).
  An encounter reason (a Z code) already explains what it was for ("flu vaccine" is Z23; "HIV screening"
  is Z11.4); the service code leads it only when it explains a word of the service itself that the reason
  does not (`DESCRIPTOR_WORDS`: its time, its count, its setting, its method - "rapid ... antibody test",
  "counseling 5-15 minutes") or a name printed by very few descriptors (a brand: "fluzone").

Each service code's descriptor is read by the data build (stored, bot.lookups.derived_tables); a process
reads that once per code book and keeps each stem's codes (a dict per word, no scan per query).
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from bot.lookups import derived
from bot.lookups.index.no_stems import kept
from bot.lookups.index.words import content_stems, stem, tokens


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


# HCPCS Level II service codes: the G-codes (not the quality-measure reporting codes G8xxx-G9xxx), the P
# (laboratory and specimen) codes and the Q-codes that are services or vaccines, not drugs or items.
SERVICE_CODE = re.compile(r"^(?:G[0-7]|P[39]|Q0[0-4]|Q20[3-4]|Q3)")

# Words that name a service (one must be said and printed by the descriptor).
SERVICE_NOUNS = frozenset(
    stem(w)
    for w in _listed(
        """
    visit visits screening screen counseling counselling therapy rehabilitation rehab management
    assessment evaluation education training session consultation consult test testing analysis exam
    examination imaging scan dialysis closure vaccine product services service monitoring collection
    catheterization smear team navigation counterpulsation absorptiometry care materials equipment
    """
    )
)
# A word of a class read as the word the descriptors print.
DESCRIPTOR_FORMS = {
    "rehab": "rehabilitation",
    "scan": "imaging",
    "photo": "image",
    "photos": "images",
    "picture": "image",
    "pictures": "images",
    "pics": "images",
    "wheelchair": "mobility",
    "scooter": "mobility",
    "dermabond": "adhesive",
    "glue": "adhesive",
    "consult": "consultation",
    "exam": "examination",
    "eval": "evaluation",
    "mgmt": "management",
    "er": "emergency",
    "ed": "emergency",
    "flu": "influenza",
    "shot": "vaccine",
    "hep": "hepatitis",
    "ot": "occupational",
    "slp": "speech-language",
    "mins": "minutes",
    "min": "minutes",
    "hr": "hour",
    "counselling": "counseling",
    "pt/inr": "inr",
    "closed": "closure",
    "laceration": "wound",
    "two": "2",
    "three": "3",
}
# The cut words of the I/OCE's 28-character short descriptors of service codes, written out ("Adv prim care
# mgmt lvl 2", "Prolong home eval add 15m", "Colon ca scrn;bld-bsd biomrk", "Immunize counsel 5-15 min").
SHORT_FORMS = {
    "adv": "advanced",
    "prim": "primary",
    "mgmt": "management",
    "mgt": "management",
    "lvl": "level",
    "add": "additional",
    "addl": "additional",
    "eval": "evaluation",
    "prolong": "prolonged",
    "scrn": "screening",
    "bld": "blood",
    "bsd": "based",
    "biomrk": "biomarker",
    "ca": "cancer",
    "counsel": "counseling",
    "immunize": "immunization",
    "svs": "services",
    "srv": "services",
    "svc": "services",
    "serv": "services",
    "adm": "administration",
    "admn": "administration",
    "assess": "assessment",
    "asmt": "assessment",
    "est": "established",
    "nw": "new",
    "pt": "patient",
    "pts": "patients",
    "tx": "treatment",
    "trtmt": "treatment",
    "hlth": "health",
    "comm": "community",
    "intg": "integration",
    "nav": "navigation",
    "sup": "support",
    "soc": "social",
    "dtr": "determinants",
    "cmplx": "complexity",
    "mod": "moderate",
    "hi": "high",
    "dem": "dementia",
    "psych": "psychiatric",
    "rsk": "risk",
    "tst": "test",
    "pr": "per",
    "mo": "month",
    "m": "minutes",
    "mn": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "inten": "intensive",
    "outpt": "outpatient",
    "vis": "visit",
    "tele": "telehealth",
    "rem": "remote",
}
_NUMBER_UNIT = re.compile(r"\b(\d+)(m|mn|min|mins)\b")
# A coder's word about the request, no word of the service.
REQUEST_WORDS = _listed(
    """
    code codes hcpcs g medicare cms product bill billing billed charge what which is the for a an of to
    please pt patient's up
    """
)
# Words of the service itself a reason for the encounter never says: time, count, setting, method.
DESCRIPTOR_WORDS = frozenset(
    stem(w)
    for w in _listed(
        """
    minutes minute hour hours each per session sessions level individual group rapid antibody antigen
    assay test testing analysis home health facility fqhc rhc telehealth type materials equipment
    supplies team activation counseling services complex limited established new product physician
    interpretation technician
    """
    )
)
# Words of a count a descriptor may leave unsaid ("each 15 minutes" is "15 minutes" in a short descriptor).
COUNT_WORDS = frozenset({"each", "per", "visit"})
SERVICE_DESCRIPTOR = "service descriptor:"  # how the answer's why begins
BEST_CACHED = 4096  # queries whose best service code is kept (cleared when full)
MIN_SHARE = 0.75  # the query's words (less the request's) a descriptor must hold
RARE = 2  # a stem printed by at most this many service descriptors names one thing (a brand)
# The settings and programs a descriptor restricts its service to: a code printing one is meant only when
# the query says one of its settings ("ER visit level 4" is no "type B emergency department" visit, "IPPE"
# no FQHC visit, "nursing home visit" no home health nurse's visit).
SETTINGS = (
    "type b",
    "fqhc",
    "federally qualified",
    "rhc",
    "rural health",
    "telehealth",
    "home health",
    "hospice",
    "cmmi",
    "demonstration",
    "demo",
    "php",
    "iop",
    "partial hospitalization",
    "corf",
    "snf",
    "skilled nursing facility",
    "unrelated",
    "unrelat",
)
_HEAD = re.compile(r"[,;(]")
_SETTING = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in SETTINGS) + r")\b")


@dataclass(frozen=True)
class ServiceLine:
    code: str
    covered: frozenset[str]  # the query's words (their stems) the descriptor holds
    rare: frozenset[str]  # the covered words printed by at most RARE service descriptors


Said = dict[str, frozenset[str]]  # each word of the query (its stem) and the stems it is made of


SERVICE_LINES = "hcpcs_service_lines"  # the stored table (bot.lookups.derived_tables)
# Each service code's descriptor text, its stems, the settings it prints and the stems of its head.
ServiceLines = dict[str, tuple[str, frozenset[str], frozenset[str], frozenset[str]]]


def build_service_lines(conn: sqlite3.Connection) -> ServiceLines:
    """Each service code's descriptor read once (by the data build): its text (title and written-out short
    title), the stems it holds (with a cut short title's reading), the settings it prints, and the stems of
    the service it names before its first qualifier ("Chemotherapy administration" in "Chemotherapy
    administration, intravenous infusion technique; ... follow-up ..."): a query sharing no word with that
    asks for another service."""
    readings = dict(conn.execute("SELECT code, text FROM short_readings WHERE system = 'hcpcs'").fetchall())
    rows = conn.execute(
        "SELECT code, title, short_title FROM codes WHERE system = 'hcpcs' AND current = 1 "
        "AND kind != 'modifier'"
    ).fetchall()
    lines: ServiceLines = {}
    for code, title, short in rows:
        if not SERVICE_CODE.match(code):
            continue
        text = f"{title} {written_out(short)}".lower()
        held = content_stems(f"{text} {readings.get(code, '')}".lower())
        settings = frozenset(_SETTING.findall(text))
        lines[code] = (text, held, settings, content_stems(_HEAD.split(text, maxsplit=1)[0]))
    return lines


def encode_service_lines(lines: ServiceLines) -> dict[str, list[object]]:
    return {
        code: [text, sorted(held), sorted(settings), sorted(head)]
        for code, (text, held, settings, head) in lines.items()
    }


def decode_service_lines(stored: dict[str, list[Any]]) -> ServiceLines:
    return {
        code: (str(text), kept(frozenset(held)), kept(frozenset(settings)), kept(frozenset(head)))
        for code, (text, held, settings, head) in stored.items()
    }


class ServiceTitles:
    """The service codes' descriptor stems, and each stem's codes."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.stems: dict[str, frozenset[str]] = {}
        self.codes_of: dict[str, list[str]] = defaultdict(list)
        self.texts: dict[str, str] = {}
        self.settings: dict[str, frozenset[str]] = {}
        self.heads: dict[str, frozenset[str]] = {}
        self._best: dict[tuple[str, str], ServiceLine | None] = {}
        # (as the data build stored them: working them out took ~90 ms, the first service query's)
        lines = derived.stored_or_built(
            conn, SERVICE_LINES, decode_service_lines, lambda: build_service_lines(conn)
        )
        for code, (text, held, settings, head) in lines.items():
            self.texts[code] = text
            self.stems[code] = held
            self.settings[code] = settings
            self.heads[code] = head
            for s in held:
                self.codes_of[s].append(code)

    def pairs_held(self, code: str, words: list[str]) -> int:
        """How many of the query's neighbouring word pairs the code's descriptor prints side by side."""
        text = self.texts.get(code, "")
        return sum(f"{a} {b}" in text for a, b in pairwise(words))

    def covered(self, code: str, said: Said) -> frozenset[str]:
        """The query's words a service code's descriptor holds (none for another code): a hyphenated word
        whole or every part of it ("self-management"; "follow-up" is not held by "up to 56 mg")."""
        held = self.stems.get(code, frozenset())
        return frozenset(w for w, parts in said.items() if w in held or (parts and parts <= held))

    def best(self, words: list[str], query: str) -> ServiceLine | None:
        """The service code whose descriptor holds a service word and most of the query's words (fewest
        other words on a tie), in a setting the query says if it names one; or None (kept per query: a
        lookup's readings ask again)."""
        key = (" ".join(words), query.lower())
        if key in self._best:
            return self._best.get(key)
        line = self._best_line(words, query)
        if len(self._best) >= BEST_CACHED:
            self._best.clear()
        self._best[key] = line
        return line

    def _best_line(self, words: list[str], query: str) -> ServiceLine | None:
        said = said_words(words)
        nouns = frozenset(s for parts in said.values() for s in parts & SERVICE_NOUNS)
        if len(said) < 2 or not nouns:
            return None
        counts: dict[str, int] = defaultdict(int)
        for w, parts in said.items():
            for code in {c for s in (w, *parts) for c in self.codes_of.get(s, ())}:
                counts[code] += 1
        # ("prolonged home visit each additional 15 min": a visit is any service a descriptor names)
        held = nouns - COUNT_WORDS or SERVICE_NOUNS
        lowered = query.lower()
        stems_said = frozenset(s for parts in said.values() for s in parts)
        ranked = sorted(
            (
                c
                for c in counts
                if self.stems[c] & held
                and self.heads[c] & stems_said
                and (not self.settings[c] or any(p in lowered for p in self.settings[c]))
            ),
            key=lambda c: (-counts[c], len(self.stems[c]), c),
        )
        if not ranked:
            return None
        tied = [c for c in ranked if counts[c] == counts[ranked[0]]]
        if len(tied) > 1:  # "ED visit level 3": the descriptor saying the query's words side by side
            tied.sort(key=lambda c: -self.pairs_held(c, words))
        code = tied[0]
        covered = self.covered(code, said)
        asked = len(said) - len(COUNT_WORDS.intersection(said) - covered)
        if len(covered) < MIN_SHARE * asked or sum(not w.isdigit() for w in covered) < 2:
            return None
        rare = frozenset(w for w in covered if any(len(self.codes_of.get(s, ())) <= RARE for s in said[w]))
        return ServiceLine(code, covered, rare)


def written_out(short: str) -> str:
    """A short descriptor with its cut words written out (`SHORT_FORMS`)."""
    text = _NUMBER_UNIT.sub(r"\1 \2", short.lower().replace(";", " "))
    return " ".join(SHORT_FORMS.get(t, t) for t in re.findall(r"\d+-\d+|[a-z0-9]+", text))


# The words of a finding: the query asks about a result, not for the service.
FINDING_WORDS = _listed(
    """
    abnormal abnormality elevated elevation positive negative deficiency deficient result results finding
    findings history raised increased decreased toxicity poisoning inconclusive borderline false failed
    """
)
_PRODUCT = frozenset({"product", "products", "brand"})
PAYER_WORDS = frozenset({"medicare", "cms"})


def query_words(query: str) -> list[str]:
    """The query's words, each read in the descriptors' word (`DESCRIPTOR_FORMS`), the request's left out."""
    out: list[str] = []
    for t in tokens(query.lower()):
        t = DESCRIPTOR_FORMS.get(t, t)
        if t not in REQUEST_WORDS:
            out.append(t)
    return out


def said_words(words: list[str]) -> Said:
    """Each content word of the query (its stem) with the stems it is made of ("self-management": self,
    management), a hyphenated word's parts said on their own left out (they are part of it)."""
    parts_of: Said = {}
    inside = {p for w in words if "-" in w for p in w.split("-")}
    for w in words:
        if w in inside:
            continue
        parts = content_stems(w)
        if parts:
            parts_of.setdefault(stem(w), parts)
    return parts_of


def names_service(query: str) -> bool:
    """The cheap test before any reading: a service word said and no finding."""
    said = tokens(query.lower())
    if any(t in FINDING_WORDS for t in said):
        return False
    return any(stem(DESCRIPTOR_FORMS.get(t, t)) in SERVICE_NOUNS for t in said)


def _near(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))


def explained(said: Said, text: str) -> frozenset[str]:
    """The query's words a text (an answer's title and Index path) holds, a stem's longer form counted
    ("vaccine" is held by "Vaccination")."""
    held = content_stems(text.lower())
    return frozenset(w for w, parts in said.items() if any(_near(s, h) for s in parts for h in held))


def leads(line: ServiceLine, query: str, answer: str, reason: bool) -> bool:
    """Whether the service code explains more of the query than the answer found (its title and Index
    path); over an encounter reason (`reason`), only by a word of the service itself (or the product's
    name, when a product is asked for)."""
    said = said_words(query_words(query))
    before = explained(said, answer)
    extra = line.covered - before
    if not extra or len(line.covered) <= len(before):
        return False
    if not reason:
        return True
    said_tokens = tokens(query.lower())
    if PAYER_WORDS.intersection(said_tokens):
        return True  # ("medicare ... counseling for obesity": the payer's own service code is asked)
    asked_product = bool(_PRODUCT.intersection(said_tokens))
    return any(said[w] & DESCRIPTOR_WORDS or w.isdigit() for w in extra) or (
        asked_product and bool(extra & line.rare)
    )
