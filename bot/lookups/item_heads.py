"""An item named at the head of a query: the HCPCS line naming it before a condition that leaves it unread.

A HCPCS Level II descriptor names its item in its head - the words before its first comma or semicolon
("Lancets, per box of 100", "Food thickener, administered orally, per ounce", "Full face mask used with
positive airway pressure device, each", "Blood pressure cuff only"). A query that names such an item and says
something more - the purpose ("full-face mask for sleep apnea machine"), a feature after "with" ("tube
feeding pump with alarm"), a qualifier after a comma ("food thickener, oral"), a reorder or billing word
("lancets refill", "bp cuff only, replacement") - asks for the item; a diagnosis or procedure first that reads
only the words around the item (Z76.0 for the refill, P28.42 for the apnea, N97.1 for the tube) leaves the
item unread. The item's phrase is the query's first segment (up to a comma, a purpose or "with") less the
reorder, billing and descriptor-abbreviation words at its ends; its head is its last word, and must be a word
some descriptor's head prints.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable

from bot.lookups.hcpcs_items import BILLING_WORDS, DESCRIPTOR_FORMS, REORDER_WORDS
from bot.lookups.index.words import POINTERS, stem
from bot.lookups.schema import STOPWORDS, WORD

# Where the item's name ends: a comma, a purpose or reason ("for", "after", "due to"), a feature ("with"), what
# comes with it ("including", "incl": the descriptors' own "includes" clause, "Hospital bed, ..., with mattress").
_SEGMENT_END = re.compile(
    r",|;|\s(?:for|to treat|used for|after|following|due to|because of|with|w/|s/p|status post|incl|"
    r"including|includes)\s"
)
# Words at an item phrase's ends that name no item: how it is had or reordered ("rental", "refill", "new"),
# an abbreviation the descriptors spell ("prefab"), "only" ("cuff only": the descriptors' "only" says a part).
EDGE_WORDS = BILLING_WORDS | REORDER_WORDS | frozenset(DESCRIPTOR_FORMS) | {"only", "needs", "need", "needed"}
_TITLE_HEAD = re.compile(r"[,;]")
# Words an item's name never holds: pronouns, determiners, verbs of a sentence ("cannot take amoxicillin").
_NOT_IN_NAMES = POINTERS | frozenset(
    {
        "was",
        "were",
        "has",
        "had",
        "have",
        "been",
        "be",
        "are",
        "not",
        "no",
        "he",
        "she",
        "they",
        "i",
        "we",
        "you",
        "it",
        "pt",
        "cannot",
        "can't",
        "cant",
        "take",
        "takes",
        "took",
        "taking",
    }
)


def head_words(titles: Iterable[str], stem: Callable[[str], str]) -> frozenset[str]:
    """The stems of the words the descriptors' heads print (before a title's first comma or semicolon)."""
    return frozenset(
        stem(w) for title in titles for w in WORD.findall(_TITLE_HEAD.split(title.lower(), maxsplit=1)[0])
    )


# The derived table (bot.lookups.derived_tables) of the head stems: worked out from ~7,000 current descriptors
# (about 25 ms of CPU) by the data build, not by the first lookup of each process that reads an item's head.
ITEM_HEADS = "hcpcs_item_heads"


def build_item_heads(conn: sqlite3.Connection) -> frozenset[str]:
    """`head_words` of the current HCPCS Level II descriptors, as the data build stores them."""
    titles = [str(t) for (t,) in conn.execute("SELECT title FROM codes WHERE system = 'hcpcs' AND current")]
    return head_words(titles, stem)


def item_head_phrase(text: str) -> tuple[str, str] | None:
    """The item phrase a query begins with and its head word ("finger stick lancets refill" -> ("finger stick
    lancets", "lancets"); "tube feeding pump with alarm" -> ("tube feeding pump", "pump")), or None when the
    query's first segment is one word of an edge or none."""
    segment = _SEGMENT_END.split(" " + text.lower() + " ", maxsplit=1)[0]
    words = WORD.findall(segment)
    while words and (words[0] in EDGE_WORDS or words[0] in STOPWORDS):
        words = words[1:]
    while words and (words[-1] in EDGE_WORDS or words[-1] in STOPWORDS or words[-1].isdigit()):
        words = words[:-1]
    if not words or len(words[-1]) < 3:
        return None
    if any(w in STOPWORDS or w in _NOT_IN_NAMES or "'" in w or w[0].isdigit() for w in words):
        return None  # a clause ("sundowning in nursing home resident", "lump on my eyelid"), no item's name
    if len(words[-1]) > 4 and words[-1].endswith("ed"):
        return None  # a participle ("procedure cancelled", "fentanyl laced"), no item's noun
    return " ".join(words), words[-1]


POSTPOSED_WORDS = 2  # an item's attributes put after it: at most two words ("extended wear", "off shelf")


def postposed_heads(phrase: str, head: str) -> tuple[str, ...]:
    """The words an item phrase's head may be, the last first: a query may put the item's attributes after it
    as the descriptors do after a comma ("ostomy barrier extended wear" for "Ostomy skin barrier, ..., extended
    wear": a barrier), so the words before the last, up to `POSTPOSED_WORDS` of them, are tried next - never
    the phrase's first word, which modifies the item ("ostomy")."""
    words = phrase.split()
    earlier = words[max(1, len(words) - 1 - POSTPOSED_WORDS) : -1]
    return (head, *reversed(earlier))
