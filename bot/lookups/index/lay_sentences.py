"""A patient's whole sentence read the way a coder reads it: the lay meaning its words say, in any order.

"I get up four times a night to pee", "my teenager keeps pulling out her eyebrow hairs", "fingers turn white
then blue when I'm cold": a coder does not need the patient to say the vocabulary's phrase word for word
("getting up at night to pee" -> Nocturia). She picks out the words that carry the complaint, whatever
order they come in and whatever words sit between them (pronouns, "keeps", "every time", "by the end of the
day"), recognises the lay meaning they make together, looks it up in the Index by its own words, and uses
a body part named elsewhere in the sentence as the subterm where the Index has one ("lump ... on the side of
my neck": Mass, neck). The words she did not use are said as not used.

`read_lay_sentence` finds, among the vocabulary's lay phrases, those whose content words are all said in the
sentence (light stems, so "pee" / "peeing", "hair" / "hairs" meet), and prefers the one covering the most
words. Words of a negated clause ("not a stye", "won't scrape off") are never matched. The empty words of a
phrase (pronouns, articles, auxiliaries, linking words) need not be said; every other word must be, so "pee
a lot" needs "lot" and "can't pee" needs its negation. The search reads the sentence this way only when the
sentence as typed found no confident answer (bot.lookups.search.Searcher.find).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from bot.lookups.filler import LINKING
from bot.lookups.index.query import PAIRED_PARTS
from bot.lookups.index.vocabulary import INJURY_PAST, Vocabulary
from bot.lookups.index.words import base_stem

# Words that say nothing about the complaint, in a sentence or inside a lay phrase: who, articles and
# possessives, auxiliaries and the verbs that frame a complaint ("keeps", "gets"), linking words.
_EMPTY_WORDS = """
    i me my mine myself you your he him his himself she her hers herself they them their it its itself
    we us our this that these those the a an some any there here who which what
    is are was were be been being am has have had having do does did will would can could should may might
    i'm im i've ive it's get gets got getting gotten keep keeps kept keeping
    seem seems seemed look looks looked feel feels feeling felt
    and or but with so then also just really very too
"""
_EMPTY = frozenset(_EMPTY_WORDS.split()) | LINKING
# Words telling when, how long or how often, who it is about, or what sets it off: never the complaint in a
# sentence, read past when a lay phrase does not name them ("pee a lot" does; "every time I shave" does not).
_NARRATIVE_WORDS = """
    always constantly lately recently now today tonight yesterday ago since ever often sometimes usually
    anymore already still again whole long day days week weeks month months year years hour hours time times
    night nights morning mornings evening evenings nightly daily weekly every each all end
    one two three four five six seven eight nine ten first
    son daughter kid kids child children toddler baby babies infant husband wife mom mother dad father
    grandma grandpa grandmother grandfather brother sister teenager teen boy girl man woman
    when whenever while after before because if until
    come comes came coming go goes going went up last past next few
    monday tuesday wednesday thursday friday saturday sunday weekend
"""
_NARRATIVE = frozenset(_NARRATIVE_WORDS.split())
# A negating word: the words after it in its clause say what is not there ("not a stye", "won't scrape off").
_NEGATING_WORDS = """
    no not never without won't wont can't cant cannot don't dont doesn't doesnt didn't didnt isn't isnt
    aren't arent wasn't wasnt unable nothing
"""
_NEGATING = frozenset(_NEGATING_WORDS.split())
# A negating word as a lay phrase may say it ("can't sleep", "unable to sleep", "cannot sleep" say one thing).
_SAME_NEGATION = {"cannot": "cant", "unable": "cant", "unabl": "cant", "never": "no"}
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A side said anywhere in the sentence stays with the reading ("ears ring all day, both sides"): the
# Tabular's laterality.
# A phrase of this many needed words or more is read over an answer that missed it.
_OVER_ANSWER = 2
_SIDES = {"right": "right", "left": "left", "both": "bilateral", "bilateral": "bilateral"}
# Words of the body part names (ICD-10-PCS body part values) that say no part on their own in a sentence
# ("little ulcers", "coming back", "big toe joint", "on the side").
_NOT_PARTS = frozenset(
    {
        "little",
        "big",
        "great",
        "small",
        "large",
        "back",
        "side",
        "upper",
        "lower",
        "middle",
        "ring",
        "index",
        "external",
        "internal",
        "common",
        "main",
        "short",
        "long",
        "deep",
        "superficial",
        "inner",
        "outer",
    }
)


# What the vocabulary or a lay reading read a query's words as, in an answer's reason.
_READ_AS = re.compile(r"\((?:vocabulary|read): [^;)]*?-> ([^;)]*)")


@dataclass(frozen=True)
class LaySentence:
    term: str  # the vocabulary's lay phrase the sentence says
    means: str  # the Index words it stands for
    sites: tuple[str, ...]  # body parts said elsewhere in the sentence, as said
    sides: tuple[str, ...]  # the sides said ("right", "bilateral")
    unused: tuple[str, ...]  # the sentence's other words, as said
    covered: int = 1  # how many words of the sentence the phrase needs
    needed: frozenset[str] = field(
        default=frozenset(), compare=False
    )  # the stems of the words the phrase needs (`_word_stem`)

    def missed_by(self, why: str) -> bool:
        """Whether an answer found for the sentence as typed missed this reading: the phrase needs two words
        or more (said loosely, so the vocabulary did not read it) and the answer is no Index path through
        its meaning nor through a word the reading leaves unused ("corners of my mouth are cracked and
        sore" answered by "Other lesions of oral mucosa")."""
        if self.covered < _OVER_ANSWER or answers_meaning(self.means, why):
            return False
        if self.means in _READ_AS.findall(why):
            return True  # the answer left the meaning the vocabulary read ("gums bleed -> gingivitis")
        # An answer through a word of the phrase that leaves two more of its words unsaid answers a part of
        # the complaint ("corners of my mouth are cracked and sore": Sore, mouth; corners, cracked left).
        path = {_word_stem(w) for w in _WORD.findall(why.split(" -> ")[0].lower())}
        if path & self.needed and len(self.needed - path) >= _OVER_ANSWER:
            return True
        # An answer through a word this reading leaves unused answers another complaint the sentence tells
        # ("I have a headache and my neck is stiff": Headache; "chest pain when I breathe in": Pain, chest,
        # on breathing).
        path = {said_stem(w) for w in _WORD.findall(why.split(" -> ")[0].lower())}
        return not any(said_stem(w) in path for w in self.unused)

    def readings(self) -> list[str]:
        """What to look up: the meaning with the body parts said (the Index's subterm), then the meaning
        alone."""
        alone = " ".join([self.means, *self.sides])
        if self.sites:
            return [" ".join([self.means, *self.sites, *self.sides]), alone]
        return [alone]


@lru_cache(maxsize=16384)
def said_stem(word: str) -> str:
    """A word's stem as a patient may say it in any form: the light stem of its base form, an adjective's
    "-y" off and a doubled last consonant single ("dripping" / "drip", "sweaty" / "sweat", "flaky" /
    "flake", "itchy" / "itch")."""
    s = base_stem(word)
    if len(s) >= 5 and s.endswith("y"):
        s = s[:-1]
    if len(s) > 3 and s[-1] == s[-2] and s[-1] not in "aeiouls":
        s = s[:-1]
    return s


# Words patients say for one thing, interchangeably, in the vocabulary's lay phrases and in their sentences:
# a phrase listed with one of them is said with any ("tummy hurts" says "stomach ache", "bump at the base of
# my big toe" says "lump at the base of my big toe", "my pee stinks" says "urine smells"). Each group is one
# meaning in everyday words, never a condition: body parts and what comes out of them, a sensation, a look, a
# shape, a size, a smell. Words a group's members share with another meaning stay out ("sore": a cold sore;
# "turned": turned yellow; "bottom": the bottom of the foot; "knot": a muscle knot; "split": a split lip;
# "point": toes point in).
LAY_KIN: tuple[tuple[str, ...], ...] = (
    (
        "pee",
        "pees",
        "peed",
        "peeing",
        "urine",
        "urinate",
        "urinates",
        "urinating",
        "urination",
        "wee",
        "piss",
    ),
    ("poop", "poops", "pooped", "pooping", "poo", "stool", "stools", "bm", "bms", "feces", "crap"),
    ("puke", "puked", "puking", "vomit", "vomits", "vomited", "vomiting", "barf", "barfing", "barfed"),
    ("belly", "tummy", "stomach", "abdomen", "gut"),
    ("butt", "bum", "buttock", "buttocks", "backside"),
    ("boob", "boobs", "breast", "breasts"),
    ("pain", "pains", "painful", "hurt", "hurts", "hurting", "ache", "aches", "aching", "achy"),
    ("bump", "bumps", "lump", "lumps"),
    (
        "spot",
        "spots",
        "dot",
        "dots",
        "patch",
        "patches",
        "blotch",
        "blotches",
        "blotchy",
        "splotch",
        "splotches",
    ),
    ("small", "little", "tiny", "teeny", "mini"),
    ("big", "large", "huge"),
    ("swell", "swells", "swelled", "swollen", "swelling", "puffy", "puffed"),
    ("smell", "smells", "smelly", "stink", "stinks", "stinky", "odor", "odour", "reeks"),
    ("sweat", "sweats", "sweaty", "sweating", "perspire", "perspiring"),
    # (not "drained" nor "wiped": pus draining out of an ear, patches that won't wipe off)
    ("tired", "exhausted", "fatigued"),
    ("dizzy", "lightheaded", "woozy"),
    (
        "bend",
        "bends",
        "bent",
        "bending",
        "drift",
        "drifts",
        "drifting",
        "lean",
        "leans",
        "leaning",
        "crooked",
    ),
    ("stuffy", "stuffed", "congested"),
    ("plugged", "clogged", "blocked"),
    ("itch", "itches", "itchy", "itching", "itchiness"),
    ("burn", "burns", "burning"),
    ("crack", "cracks", "cracked", "cracking"),
    ("peel", "peels", "peeled", "peeling"),
    ("gritty", "sandy", "scratchy"),
    ("period", "periods", "menses"),
    ("foot", "feet"),
    ("tooth", "teeth"),
    ("throw", "throws", "threw", "throwing"),
    ("woke", "wake", "wakes", "waking"),
)
_KIN = {said_stem(w): said_stem(group[0]) for group in LAY_KIN for w in group}


def _word_stem(word: str) -> str:
    """A sentence's or a phrase's word as read: its said stem, a word of a lay group by the group's first
    (`LAY_KIN`), a negating word by the negation it says."""
    if word in INJURY_PAST:
        return INJURY_PAST[word]  # ("I burned my feet" says no "burning feet")
    s = said_stem(word)
    s = _KIN.get(s, s)
    return _SAME_NEGATION.get(s, s)


def _sentence_stem(word: str) -> str:
    """A sentence's word as it may say a phrase's word: an empty word says none ("itchy but only at night"
    says no "itchy butt")."""
    return "" if word in _EMPTY else _word_stem(word)


_NEGATING_STEMS = frozenset(_word_stem(w) for w in _NEGATING)
# The particle of a phrasal verb ("backed up", "wiped out", "throw up", "pass out"): said right after its verb,
# only empty or narrative words between ("threw it all up"), never a word of another clause away ("spots on
# my back that show up" says no "backed up"; "draining out of my ear" no "wiped out").
_PARTICLES = frozenset({"up", "out", "off", "down", "over", "away"})
_PARTICLE_REACH = 4


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stems of a lay phrase's words that must be said (its empty words aside), in order."""
    return tuple(dict.fromkeys(_word_stem(w) for w in _WORD.findall(phrase.lower()) if w not in _EMPTY))


@lru_cache(maxsize=4)
def _phrases_by_stem(vocabulary: Vocabulary) -> dict[str, tuple[tuple[frozenset[str], str], ...]]:
    """Each lay phrase by the stems it needs, listed under each of those stems (built once per vocabulary)."""
    out: dict[str, list[tuple[frozenset[str], str]]] = {}
    for term in vocabulary.terms.values():
        if term.kind != "lay":
            continue
        needed = phrase_stems(term.term)
        if not needed or (len(needed) == 1 and needed[0] == _word_stem(term.means)):
            continue  # a word form the vocabulary lists ("stung" -> sting) is no lay meaning of its own
        row = (frozenset(needed), term.term)  # one row, listed under each of its stems
        for s in needed:
            out.setdefault(s, []).append(row)
    return {s: tuple(rows) for s, rows in out.items()}


@lru_cache(maxsize=4096)
def _negation(term: str) -> tuple[str, str] | None:
    """A phrase's negating word and the word it governs, the next the phrase says ("can't fall asleep":
    cant, fall), or None when the phrase says no negation."""
    stems = phrase_stems(term)
    for n, s in enumerate(stems[:-1]):
        if s in _NEGATING_STEMS:
            return s, stems[n + 1]
    return None


def _said(text: str) -> tuple[list[str], list[bool], list[int]]:
    """The sentence's words; for each whether it stands in a negated clause (after a negating word, up to
    the next comma), and the clause it is in."""
    words: list[str] = []
    negated: list[bool] = []
    clauses: list[int] = []
    for n, clause in enumerate(re.split(r"[,;.!?]", text.lower().replace("\u2019", "'"))):
        off = False
        for word in _WORD.findall(clause):
            if word in _NEGATING:
                off = True
            words.append(word)
            negated.append(off)
            clauses.append(n)
    return words, negated, clauses


def _in_one_clause(
    needed: frozenset[str],
    stems: list[str],
    negated: list[bool],
    clauses: list[int],
    negation: tuple[str, str] | None,
) -> bool:
    """Whether one clause of the sentence says every needed word (not negated). A phrase saying a negation
    ("can't fall asleep") is said by the clause saying its negating word right before the word it governs,
    empty words between ("I can't ever fall asleep at night", not "can't stop yawning ... night's sleep")."""
    for n in set(clauses):
        at = [i for i, c in enumerate(clauses) if c == n]
        if negation is None:
            said = {stems[i] for i in at if not negated[i]}
        elif _governs(negation, [stems[i] for i in at]):
            said = {stems[i] for i in at}
        else:
            continue
        if needed <= said:
            return True
    return False


def _particles_placed(phrase: tuple[str, ...], stems: list[str]) -> bool:
    """Whether each particle of a phrase's phrasal verb is said right after the word it follows in the
    phrase (`_PARTICLES`; empty and narrative words between, "threw it all up")."""
    for n, particle in enumerate(phrase):
        if n == 0 or particle not in _PARTICLES:
            continue
        verb = phrase[n - 1]
        if not any(
            s == verb
            and any(
                stems[j] == particle
                for j in range(i + 1, min(len(stems), i + 1 + _PARTICLE_REACH))
                if all(not t or t in _NARRATIVE for t in stems[i + 1 : j])
            )
            for i, s in enumerate(stems)
        ):
            return False
    return True


def _governs(negation: tuple[str, str], stems: list[str]) -> bool:
    """Whether a clause's stems say the negating word with the word it governs next, empty and narrative
    words read past."""
    word, governed = negation
    for n, s in enumerate(stems):
        if s == word:
            after = [t for t in stems[n + 1 :] if t and t not in _NARRATIVE]
            if after[:1] == [governed]:
                return True
    return False


def read_lay_sentence(
    text: str, vocabulary: Vocabulary, is_site: Callable[[str], bool]
) -> LaySentence | None:
    """The lay phrase whose needed words the sentence says (in any order, with other words between), the
    one covering most words first; with the body parts (`is_site`, by the word's stem) said beside it and the
    words left over. None when the sentence says no lay phrase, or a phrase of one word beside other words."""
    words, negated, clauses = _said(text)
    if len(words) < 3:
        return None
    stems = [_sentence_stem(w) for w in words]
    index = _phrases_by_stem(vocabulary)
    typed = set(words)
    best: tuple[tuple[int, int, int, int, str], frozenset[str], str] | None = None
    # The words not negated open a phrase; a negating word opens the phrases saying it ("can't sleep").
    opening = (s for s, off in zip(stems, negated, strict=True) if not off or s in _NEGATING_STEMS)
    for s in dict.fromkeys(opening):
        for needed, term in index.get(s, ()):
            # A phrase is said within one clause ("PAD L leg ..., rest pain" says no "leg pain"); a phrase of
            # one word as typed ("tingled ... blistered" says no "tingly").
            negation = _negation(term)
            if not _in_one_clause(needed, stems, negated, clauses, negation):
                continue
            if not _particles_placed(phrase_stems(term), stems):
                continue
            exact = sum(1 for w in _WORD.findall(term) if w in typed and w not in _EMPTY)
            if len(needed) == 1 and not exact:
                continue
            # The most words covered; then the phrase said most nearly as listed (its words in a shorter
            # span), then as typed ("seasick ... boat trip" is no "tripped").
            at = [n for n, w in enumerate(stems) if w in needed and (negation is not None or not negated[n])]
            rank = (len(needed), -(at[-1] - at[0]), exact, -len(term), term)
            if best is None or rank > best[0]:
                best = (rank, needed, term)
    if best is None:
        return None
    _, needed, term = best
    means = vocabulary.terms[term].means
    sites: list[str] = []
    sides: list[str] = []
    unused: list[str] = []
    meant = {_word_stem(w) for w in means.split()}
    for word, s in zip(words, stems, strict=True):
        bare = word.removesuffix("'s")  # "mom's", "toddler's"
        if s in needed or bare in _EMPTY or bare in _NARRATIVE or s in meant or word.isdigit():
            continue
        if word in _SIDES:
            sides += [_SIDES[word]] if _SIDES[word] not in sides else []
        elif is_site(word) and word not in _NOT_PARTS and not negated[stems.index(s)]:
            sites += [word] if word not in sites else []
        elif word not in unused:
            unused.append(word)
    if len(needed) == 1 and any(w not in _NOT_PARTS for w in unused):
        # A phrase of one word ("zits") is read only in a sentence saying nothing else but body parts and
        # words that tell when or who: the vocabulary reads it wherever it is said, and another word left may
        # be a second complaint ("puking and runs") or what sets the first off.
        return None
    # A paired part named in the plural inside the phrase ("ears ring", "eyes are itchy") says both when no
    # side is said (as bot.lookups.index.query reads "my ears"); the phrase's meaning no longer names the part.
    if not sides and "one" not in words and any(w in PAIRED_PARTS and _word_stem(w) in needed for w in words):
        sides.append("bilateral")
    return LaySentence(term, means, tuple(sites), tuple(sides), tuple(unused), len(needed), needed)


# The words a patient (or a parent) tells a complaint with: a chart line or an Index term says none of them.
_TELLING_WORDS = """
    i i'm im i've ive me my myself we our us she her he his him they their them you your mom's dad's son's
    daughter's baby's kid's wife's husband's newborn's infant's toddler's child's teen's teenager's boy's girl's
    mother's father's brother's sister's grandma's grandpa's
"""
_TELLING = frozenset(_TELLING_WORDS.split())


def told_by_patient(text: str) -> bool:
    """Whether the text is told as a person tells it ("corners of my mouth ...", "she gets a rash ..."): only
    such a sentence is read over an answer found for it as typed ("PAD L leg native artery atherosclerosis,
    rest pain" stays the chart line it is)."""
    return any(w in _TELLING for w in _WORD.findall(text.lower().replace("\u2019", "'")))


def answers_meaning(means: str, why: str) -> bool:
    """Whether an answer's reason is an Index path through the meaning's words (its first line names one):
    "acne back chest" answered by a chest shell's title, or an inclusion term sharing one word, is no
    reading of the sentence."""
    if not why.startswith("Index:"):
        return False
    path = why.split(" -> ")[0].lower()
    said = {said_stem(w) for w in _WORD.findall(path)}
    return any(said_stem(w) in said for w in _WORD.findall(means.lower()))


# A clause conceding what does not explain the complaint ("yawning all day even after a full night's sleep",
# "my armpits smell no matter what deodorant", "knee aches no matter how much I rest it", "despite brushing
# twice a day"): the patient tells what she tried or what should have helped, never the complaint.
_CONCEDING = re.compile(
    r"(?:,\s*|\s+)(?:even\s+(?:after|though|when|if|while)|no\s+matter|despite|although|regardless\s+of)"
    r"\b[^,;.]*"
)


def without_concession(text: str) -> tuple[str, tuple[str, ...]] | None:
    """A patient's sentence without its conceding clauses (`_CONCEDING`, up to the next comma), and the words
    cut; None when the text is no patient's sentence (`told_by_patient`), concedes nothing, or would be left
    with fewer than two words."""
    low = text.lower().replace("\u2019", "'")
    if "even" not in low and "matter" not in low and "despit" not in low and "though" not in low:
        return None  # (a cheap test first: most queries concede nothing)
    if not told_by_patient(low):
        return None
    cut = [m.group(0) for m in _CONCEDING.finditer(low)]
    if not cut:
        return None
    kept = " ".join(_CONCEDING.sub("", low).split()).strip(" ,;")
    if len(_WORD.findall(kept)) < 2:
        return None
    return kept, tuple(w for c in cut for w in _WORD.findall(c))
