"""A thing the note names read as the kind the Index names: "bitten by a beagle" is a dog bite.

The Alphabetic Index files a condition or an external cause under the kind of thing it is about ("Bite, bitten
by, dog", "Contact, with, chicken", "Abuse, drug, hallucinogen"), and a coder who meets a thing the Index does
not list - an animal by its breed, a product by its name - looks up the kind it is. WordNet
(`bot.lookups.wordnet`) says what a word is a kind of ("beagle" -> hound -> dog, "rooster" -> chicken, "tabby"
-> cat); a word the answer as typed left unread, that no Index line holds, is read as the nearest broader word
an Index line holds (its first sense: the usual one), and the query so read answers when the Index line that
answers says the kind as a subterm and leaves fewer words unread - not as a main term ("parakeet" is no Parrot's
disease) nor unsaid ("salmon rash" is no food rash).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.lookups.wordnet import WordNet

STEPS = 3  # broader words this many steps up ("budgie" -> parakeet -> parrot -> bird)
# (an artifact's kind is too loose: a refill is no prescription)
KINDS = frozenset({"noun.animal", "noun.plant"})
# WordNet's broad kinds: words no Index line means as what a thing is.
_TOO_BROAD = frozenset(
    {"drug", "substance", "material", "animal", "organism", "object", "artifact", "thing", "matter", "food"}
    | {"medicine", "medication", "agent", "device", "instrument", "equipment", "container", "structure"}
)


def kind_words(word: str, wordnet: WordNet, indexed: Callable[[str], bool]) -> tuple[str, ...]:
    """The broader words (nearest first, single words) an Index line holds, for a word of a thing's kind that no
    Index line holds itself; empty otherwise."""
    senses = wordnet.senses(word)
    if not senses or senses[0].kind not in KINDS or indexed(word):
        return ()
    found: dict[str, None] = {}
    for sense, _ in sorted(wordnet.broader(word, depth=STEPS), key=lambda s: s[1]):
        for lemma in sense.lemmas[:2]:
            if " " not in lemma and "-" not in lemma and lemma not in _TOO_BROAD and indexed(lemma):
                found[lemma] = None
    return tuple(found)


def read_kind(
    query: str, unread: set[str], kinds: Callable[[str], tuple[str, ...]]
) -> tuple[str, str] | None:
    """The query with its first unread word of a thing's kind replaced by the nearest kind an Index line holds,
    and the note saying so; None when no unread word has such a kind."""
    for word in query.split():
        bare = word.strip(",.;:()").lower()
        if bare not in unread:
            continue
        found = kinds(bare)
        if found:
            text = " ".join(
                w.lower().replace(bare, found[0]) if w.strip(",.;:()").lower() == bare else w
                for w in query.split()
            )
            return text, f"kind: {bare} -> {found[0]}"
    return None
