"""A word of the query in another form than the code data prints it, read as the data's own word: the coder
looks up the Alphabetic Index by the condition's main term whatever form the writer gave its word.

Five generic readings, each checked against the data's own word list (never a list of the words it reads):

* a compound written open or closed where the data writes it the other way: "moya moya", "small pox",
  "grain handlers lung" -> the Index's Moyamoya, Smallpox, Grainhandler's (`joined_pairs`: two neighbouring
  words whose joined form is a word of the Index or a title, the pair itself printed nowhere);
* a hyphenated Index word typed without its hyphen: "burnout", "cosleeping" -> Burn-out, Co-sleeping
  (`hyphen_key`, `build_hyphen_forms`: the Index's hyphenated words by their hyphen-free stem);
* a British spelling: "oedema", "haemosiderosis", "tumour", "paralysed" -> edema, hemosiderosis, tumor,
  paralyzed (`american_forms`: the spelling rules, the result kept only when the data prints it);
* another part of speech than the Index's main term: "panicking", "aphonic", "flatulent", "impulsive",
  "dipsomaniac", "depersonalized", "sleepwalks" -> Panic, Aphonia, Flatulence, Impulsiveness, Dipsomania,
  Depersonalization, Sleepwalking (`derived_forms`: suffix rules of English and medical word building; the
  search keeps the form an Index main term is);
* the adjective of a state the data holds as typed: "pregnant", "allergic", "dependent", "blind" -> the
  Index's Pregnancy, Allergy, Dependence, Blindness (`related_stems`: WordNet's derivational pointers from
  an adjective to a state's noun, both words of the Index, shipped as data/wordnet_forms.tsv.gz by
  scripts/build_wordnet_data.py) - read by the Index matcher as another stem of the same query word
  (bot.lookups.index.matching.word_forms), so an Index line may say either form;
* a verb or a noun of the Index's noun or verb: "deprived", "estranged", "disappeared", "survivor" -> the
  Index's Deprivation, Estrangement, Disappearance, Survival (`derived_stems`: WordNet's derivational pointers
  between verbs and nouns, the other word one of the Index or the Tabular, shipped as
  data/wordnet_derivations.tsv.gz) - read by the Z-line reader (bot.lookups.index.z_lines) as the same word.

The search (bot.lookups.search) applies the first four only to a word no title, Index line or vocabulary term
holds as typed, or to a pair whose joined form is such a word: a real word the data holds is never turned into another.
"""

from __future__ import annotations

import gzip
import re
import sqlite3
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources

from bot.lookups.index.words import CONNECTORS, stem, tokens

HYPHEN_FORMS = "index_hyphen_forms"  # the stored table (bot.lookups.derived_tables)

# -- compounds --------------------------------------------------------------------------------------------
MIN_JOINED = 6  # "in" + "to": too short a whole to be a compound the writer split
MIN_PART = 2  # "di george", "mc cune", "co sleeping"
# Words that are never half of a compound the writer split: connectors, pronouns, articles and the like.
NOT_PARTS = CONNECTORS | frozenset(
    {"my", "his", "her", "he", "she", "it", "its", "we", "our", "you", "your", "they", "their", "me", "him"}
    | {"is", "was", "are", "be", "been", "has", "had", "have", "do", "did", "so", "but", "not", "no", "never"}
    | {"off", "under", "into", "onto", "any", "all", "this", "that", "than", "then", "when", "who"}
)


def hyphen_key(word: str) -> str:
    """The hyphen-free, apostrophe-free stem a hyphenated word is found by ("burn-out", "burnout" -> burnout)."""
    return stem(word.replace("-", "").replace("'", ""))


def build_hyphen_forms(conn: sqlite3.Connection) -> dict[str, str]:
    """The Index's hyphenated words (letters only, "burn-out", "co-sleeping") by their hyphen-free stem."""
    found: dict[str, str] = {}
    for (term,) in conn.execute("SELECT DISTINCT term FROM index_nodes WHERE term LIKE '%-%'"):
        for token in tokens(str(term)):
            parts = token.split("-")
            if len(parts) > 1 and all(p.isalpha() for p in parts):
                found.setdefault(hyphen_key(token), token)
    return found


def decode_hyphen_forms(stored: dict[str, str]) -> dict[str, str]:
    return {str(key): str(word) for key, word in stored.items()}


def joined_pairs(
    words: Sequence[str], is_word: Callable[[str], bool], printed_apart: Callable[[str, str], bool]
) -> list[tuple[int, str]]:
    """Where two neighbouring words are one compound the data prints whole ("small pox" -> smallpox): the
    index of the first word and the joined word, for each pair whose joined form `is_word` holds and that
    the data never prints apart (`printed_apart`: "heart failure" is no "heartfailure")."""
    out: list[tuple[int, str]] = []
    n = 0
    while n + 1 < len(words):
        first, second = words[n], words[n + 1]
        joined = first + second
        if (
            first.isalpha()
            and second.isalpha()
            and len(first) >= MIN_PART
            and len(second) >= MIN_PART
            and len(joined) >= MIN_JOINED
            and first not in NOT_PARTS
            and second not in NOT_PARTS
            and is_word(joined)
            and not printed_apart(first, second)
        ):
            out.append((n, joined))
            n += 2
        else:
            n += 1
    return out


def possessive_of(word: str) -> str:
    """An eponym's possessive typed without its apostrophe ("kawasakis" -> kawasaki's; "" for other words):
    the light stem keeps a final "-is" or "-us" ("takayasus"), so the Index's "Kawasaki's" is not met."""
    return f"{word[:-1]}'s" if word.endswith("s") and not word.endswith("ss") and len(word) > 4 else ""


# -- British spellings ------------------------------------------------------------------------------------
# (pattern, American spelling): oedema, haematoma, anaemia, paediatric, diarrhoea, tumour, paralyse,
# hospitalised, centre, sulphate, ureterocoele.
_AMERICAN = (
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
    (re.compile(r"our(?=s?$|al|ous)"), "or"),
    (re.compile(r"ys(?=e$|ed$|es$|ing$)"), "yz"),
    (re.compile(r"is(?=e$|ed$|es$|ing$|ation$|ations$)"), "iz"),
    (re.compile(r"tre(?=s?$)"), "ter"),
    (re.compile(r"sulph"), "sulf"),
)
MIN_BRITISH = 4


def american_forms(word: str) -> list[str]:
    """The American spellings a British spelling may stand for, all rules applied first, then each alone
    ([] when no rule applies)."""
    if len(word) < MIN_BRITISH or not word.isalpha():
        return []
    whole = word
    for pattern, american in _AMERICAN:
        whole = pattern.sub(american, whole)
    if whole == word:
        return []
    single = [s for pattern, american in _AMERICAN if (s := pattern.sub(american, word)) != word]
    return list(dict.fromkeys([whole, *single]))


# -- derivations ------------------------------------------------------------------------------------------
# A word's ending and the endings of the nouns the Index names the condition, state or event by, most likely
# first: the adjective of a condition ("aphonic": aphonia), its agent noun ("dipsomaniac": dipsomania), a
# verb's forms ("panicking": panic, "disappeared": disappearance, "sleepwalks": sleepwalking).
_DERIVATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("maniac", ("mania",)),
    ("maniacs", ("mania",)),
    ("phobic", ("phobia",)),
    ("philiac", ("philia",)),
    ("philic", ("philia",)),
    ("phile", ("philia",)),
    ("pathic", ("pathy",)),
    ("trophic", ("trophy",)),
    ("plastic", ("plasia",)),
    ("leptic", ("lepsy",)),
    ("lytic", ("lysis",)),
    ("rrhoeic", ("rrhea",)),
    ("rrheic", ("rrhea",)),
    ("atic", ("asis", "a", "ia")),
    ("etic", ("esis",)),
    ("itic", ("itis",)),
    ("ic", ("ia", "a", "y", "is", "ism")),
    ("ial", ("ia", "iosis")),
    ("ent", ("ence", "ency")),
    ("ant", ("ance", "ancy")),
    ("ive", ("iveness", "ivity", "ion")),
    ("cking", ("c",)),
    ("cked", ("c",)),
    ("ysed", ("ysis",)),
    ("yzed", ("ysis",)),
    ("ysing", ("ysis",)),
    ("yzing", ("ysis",)),
    ("ized", ("ization",)),
    ("izing", ("ization",)),
    ("ated", ("ation",)),
    ("ented", ("entation",)),
    ("ating", ("ation",)),
    ("ssed", ("ssion",)),
    ("ded", ("sion",)),  # exploded, eroded, collided, occluded
    ("ding", ("sion",)),
    ("mitted", ("mission",)),
    ("duced", ("duction",)),
    ("ceived", ("ception",)),
    ("ified", ("ification",)),
    ("ered", ("ery",)),  # delivered, recovered
    ("ering", ("ery",)),
    ("ted", ("tion",)),
    ("ting", ("tion",)),
    ("ied", ("y", "ying")),
    ("ed", ("ance", "ence", "ment", "ing", "", "e")),
    ("ing", ("", "e", "ment", "ance")),
)
_BARE = ("ed", "ing")  # a verb's endings whose bare base may be a word of its own: "coughed" -> cough
# A short base ending consonant-vowel-consonant doubles its last letter before "-ed" and "-ing" ("scar":
# scarred): "scared" and "staring" are no forms of "scar" and "star".
_DOUBLING = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")
MIN_BASE = 3  # the word less its ending: "aphon" + ic; "ic" alone is no word


def derived_forms(word: str) -> list[str]:
    """The nouns the word may be a form of, most likely first (each ending that fits, longest first)."""
    if not word.isalpha():
        return []
    out: list[str] = []
    for ending, nouns in _DERIVATIONS:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= MIN_BASE:
            doubles = ending in _BARE and bool(_DOUBLING.match(base))
            out += [base + noun for noun in nouns if base + noun != word and not (doubles and not noun)]
    return list(dict.fromkeys(out))


# -- people -----------------------------------------------------------------------------------------------
# Who has the complaint, by trade or pastime ("singer who is aphonic", "welder with a burn", "a pianist's"):
# an agent noun, the verb's doer (-er) or a practitioner (-ist, -ian).
MIN_PRACTITIONER = 7  # "dentist", "musician"; "wrist", "median" are no people


def agent_bases(word: str) -> list[str]:
    """The verbs an agent noun in "-er" may be the doer of ("singer": sing, "driver": drive, "runner": run),
    [] for other words."""
    if not word.isalpha() or not word.endswith("er") or len(word) < 5:
        return []
    base = word[:-2]
    out = [base, base + "e"]
    if len(base) >= 3 and base[-1] == base[-2]:
        out.append(base[:-1])  # runner, swimmer
    return out


def practitioner(word: str) -> bool:
    """Whether the word is one by its ending a practitioner's ("dentist", "pianist", "musician")."""
    return word.isalpha() and len(word) >= MIN_PRACTITIONER and word.endswith(("ist", "ian"))


# -- a side of a site -------------------------------------------------------------------------------------
SIDE_PREFIX = "hemi"  # "hemidiaphragm", "hemithorax", "hemiface": one side of the site
MIN_SITE = 4


def without_side_prefix(word: str) -> str:
    """The site a word names one half of ("hemidiaphragm" -> diaphragm; "" for other words)."""
    rest = word[len(SIDE_PREFIX) :]
    return rest if word.startswith(SIDE_PREFIX) and len(rest) >= MIN_SITE and rest.isalpha() else ""


# -- derivationally related forms -------------------------------------------------------------------------
RELATED_FORMS = "wordnet_forms.tsv.gz"  # stem, related stems (space); scripts/build_wordnet_data.py


@lru_cache(maxsize=1)  # one table, read once
def _related() -> dict[str, tuple[str, ...]]:
    data = resources.files("bot.lookups.data").joinpath(RELATED_FORMS).read_bytes()
    rows = (line.split("\t") for line in gzip.decompress(data).decode().splitlines())
    return {key: tuple(related.split()) for key, related in rows}


def related_stems(word_stem: str) -> tuple[str, ...]:
    """The stems of the state nouns WordNet derives the adjective of this stem from, both words of the Index
    ("pregnant" -> pregnancy, "dependent" -> dependence; () for others)."""
    return _related().get(word_stem, ())


DERIVED_FORMS = "wordnet_derivations.tsv.gz"  # stem, related stems (space), printed (1/0); build_wordnet_data


@lru_cache(maxsize=1)  # one table (~1,750 stems), read once
def _derived() -> dict[str, tuple[tuple[str, ...], bool]]:
    data = resources.files("bot.lookups.data").joinpath(DERIVED_FORMS).read_bytes()
    rows = (line.split("\t") for line in gzip.decompress(data).decode().splitlines())
    return {
        sys.intern(key): (tuple(map(sys.intern, related.split())), printed == "1")
        for key, related, printed in rows
    }


def derived_stems(word_stem: str, printed: bool = False) -> tuple[str, ...]:
    """The stems of the Index's and the Tabular's nouns WordNet derives a verb or a noun of this stem from or
    to ("deprived" -> deprivation, "estranged" -> estrangement, "survivor" -> survival, "died" -> death; () for
    others): the same word in the part of speech the code data prints it in. A word the code data prints
    itself is read as printed unless `printed` (a reader that must find every word of a line: the Z lines)."""
    found = _derived().get(word_stem)
    return found[0] if found is not None and (printed or not found[1]) else ()
