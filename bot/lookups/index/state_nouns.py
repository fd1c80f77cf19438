"""A state a patient says by its adjective, read as the noun the Alphabetic Index files it under.

Patients say how they are ("grandma is restless and agitated", "my stomach is tender when you press on it", "my
teenager is so irritable and angry", "homesick college freshman", "my 6 year old is super clumsy"); the Index
prints the state's noun as a main term ("Restlessness", "Agitation", "Tenderness, abdominal", "Irritable,
irritability", "Anger", "Homesickness", "Clumsiness"). English makes those nouns from the adjective by a few
regular endings, and a coder hears the noun in the adjective without a list:

- -ness after the adjective ("tender" / tenderness, "restless" / restlessness, "clumsy" / clumsiness);
- -ity for -able / -ible / -al ("irritable" / irritability, "sensible" / sensibility);
- -ion / -ation for a participle ("agitated" / agitation, "confused" / confusion, "dehydrated" /
  dehydration);
- -ence / -ance for -ent / -ant ("incontinent" / incontinence, "intolerant" / intolerance);
- -er for -ry ("angry" / anger, "hungry" / hunger);
- -ia for -ic and -osis for -otic ("anemic" / anemia, "psychotic" / psychosis).

`state_nouns` gives the candidate nouns; a reader keeps only those the Index holds (bot.lookups.index.
lay_descriptions.word_forms), so a form English does not make ("press" / pression) is never read.
"""

from __future__ import annotations

from functools import lru_cache

# Endings that make the noun of a state from its adjective or participle: (adjective's ending, noun's ending).
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("able", "ability"),
    ("ible", "ibility"),
    ("ated", "ation"),
    ("ted", "tion"),
    ("sed", "sion"),
    ("ent", "ence"),
    ("ant", "ance"),
    ("otic", "osis"),
    ("ic", "ia"),
    ("ry", "er"),
)


@lru_cache(maxsize=4096)
def state_nouns(word: str) -> tuple[str, ...]:
    """The nouns English makes of an adjective or participle by its regular endings ("restless" /
    restlessness, "agitated" / agitation, "angry" / anger), whether or not the word is one: the caller keeps
    the forms the Index prints."""
    word = word.lower()
    if len(word) < 4 or not word.isalpha() or word.endswith(("ness", "ity", "ion", "ing")):
        return ()
    out: list[str] = [f"{word[:-1]}iness", f"{word}ness"] if word.endswith("y") else [f"{word}ness"]
    for ending, noun in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            out.append(word[: -len(ending)] + noun)
    return tuple(dict.fromkeys(out))
