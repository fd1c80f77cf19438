"""A title that shares only a word or two of its long descriptor with the query is no confident answer.

HCPCS quality-data codes (G8xxx-G9xxx) and service codes carry long descriptors: "Cms innovation center
models, home visit for patient assessment performed by clinical staff for an individual not considered
homebound ...". Office chatter ("lunch order for staff", "fax cover sheet for referral") shares an ordinary
word with such a sentence and nothing else. A coder does not read that as an answer: when no Index path
answers the query, the first answer is a title match, the query says a word the answer does not use, and the
query's words are a small part of the title (the title says far more than was asked) or the answer leaves most
of the query unused, the answer is "no confident match". Only the quality-data codes are judged so
(`QUALITY_DATA`): a supply's or a service's long descriptor ("Enteral formula, nutritionally complete with
intact nutrients ...") is rightly found by a few of its words. An item named by its own short title ("slings", "portable oxygen contents") is most of
its title and is kept, as is an item named by its head noun when the title's short head is that noun ("single
point cane" -> "Cane, includes canes of all materials ...").

A G service's title that says a single word of several said is no answer either: "email the referral
coordinator" reaches a care coordination code (G0534) by "referral". When the Index's best path uses under
half of the query (`WEAK_SHARE`) and such a title says none of the query's words, or one
(`one_word_answer`), the answer is "no confident match". (Index paths are not judged so: they read words
through values and encounter readings their path does not print.)
"""

from __future__ import annotations

import re

from bot.lookups.filler import content_words
from bot.lookups.index.words import stem
from bot.lookups.schema import STOPWORDS

# Below this share of the title's own words said by the query, a title match that leaves a query word unused
# is the query sharing ordinary words with a long sentence.
THIN_SHARE = 0.25
# The HCPCS quality-data codes (G8xxx-G9xxx): sentences reporting a measure, never an item or a service.
QUALITY_DATA = ("G8", "G9")
# A title whose head (before its first comma) is this short and holds the query's last word names the item
# the query names by its head noun ("single point cane" -> "Cane, includes canes of all materials ...").
ITEM_HEAD_WORDS = 3
_HEAD = re.compile(r"[,;(]")
# Below this share of the query's words used by the Index's best path, an answer saying one word is weak.
WEAK_SHARE = 0.55


def title_stems(title: str) -> frozenset[str]:
    """The stems of the words a title names something with."""
    return frozenset(stem(w) for w in content_words(title.lower()) if len(w) > 1)


def thin_title_match(said: list[str], title: str, used: frozenset[str]) -> bool:
    """Whether a title answer to the query's content words `said` is thin: some word said is not used by the
    answer (`used`: the stems its title and path say), and the words said are under THIN_SHARE of the
    title's or the answer uses fewer than half of them."""
    stems = [stem(w) for w in said if w not in STOPWORDS]
    unused = [s for s in stems if s not in used]
    if not stems or not unused or names_head(title, stems[-1]):
        return False
    own = title_stems(title)
    if not own:
        return False
    return len(own & set(stems)) < THIN_SHARE * len(own) or 2 * len(unused) > len(stems)


def names_head(title: str, last: str) -> bool:
    """Whether the title's short head holds the query's last word (its head noun), stems compared."""
    head = content_words(_HEAD.split(title.lower(), maxsplit=1)[0])
    return len(head) <= ITEM_HEAD_WORDS and last in {stem(w) for w in head}


def one_word_answer(said: list[str], used: frozenset[str], says_more: bool = True) -> bool:
    """Whether an answer whose title and path say the stems `used` holds none of the two or more content
    words `said`, or only one when it `says_more` than the query (a path adding words unsaid, "Fast pulse" for
    "fasting", or a title): "hemoptysis x3 overnight" -> Hemoptysis is the word said, the rest chart noise. A
    word counts when a stem said begins a stem used ("pneumo" in "pneumonia")."""
    stems = list(dict.fromkeys(stem(w) for w in said if w not in STOPWORDS and len(w) > 1))
    if len(stems) < 2:
        return False
    held = sum(1 for s in stems if s in used or any(u.startswith(s) for u in used if len(s) >= 3))
    return held == 0 or (held == 1 and says_more)
