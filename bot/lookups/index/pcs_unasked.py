"""An ICD-10-PCS code found only by its title's body part, when the query names no procedure, is no answer.

"CXR: RLL infiltrate", "infiltrate in right lower lobe": the titles "Destruction of Right Lower Lobe Bronchus,
Open Approach", "Drainage of Right Lower Lung Lobe, ..." hold every word of the body part and none of the
finding; their root operation (the title's first words, before "of") is what the query never said. A coder
goes to the ICD-10-PCS tables only for a procedure done; a finding, a condition or a site told alone names
none. So a PCS title answer is dropped when the query says no procedure (its root operation, a PCS Index
main term that sends to one - "ablation", "lobectomy" - or a word of a procedure's form: "-ectomy",
"-scopy", "-plasty") and a word the title leaves unused is an ICD-10-CM Index main term (the finding told:
"Infiltrate"); "ETT placed in ED" tells a device put in and keeps its Insertion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.lookups.index.tree import IndexTree
from bot.lookups.index.vocabulary import PROCEDURE_SUFFIX
from bot.lookups.index.words import stem

_ROOT = re.compile(r"^(?P<root>[A-Za-z ]+?) (?:of|on|in|into|from|to)\b")
_FIRST = re.compile(r"^([A-Za-z]+) ")


def title_root(title: str) -> str:
    """The root operation a PCS title begins with ("Destruction of Right Lower Lobe Bronchus" -> destruction)."""
    found = _ROOT.match(title)
    if found:
        return found.group("root").lower()
    # "Release Right Lower Lobe Bronchus, Open Approach": a root whose title names the body part with no "of"
    first = _FIRST.match(title)
    return first.group(1).lower() if first else ""


def names_a_procedure(words: Iterable[str], roots: frozenset[str], procedure_stems: frozenset[str]) -> bool:
    """Whether any word names a procedure: a root operation, a PCS Index main term sending to one, or a word
    of a procedure's form."""
    for word in words:
        w = word.lower()
        if w in roots or stem(w) in procedure_stems or PROCEDURE_SUFFIX.search(w):
            return True
    return False


def unasked_title(title: str, why: str, said: frozenset[str]) -> bool:
    """Whether a PCS hit stands only on its title and its root operation is not said."""
    if not why.startswith("title:"):
        return False
    root = title_root(title)
    return bool(root) and not {stem(w) for w in root.split()} <= said


def unused_condition_words(words: Iterable[str], title: str) -> list[str]:
    """The query's words (three letters or more) a PCS title does not hold, capitalised as an Index main term."""
    held = {stem(w) for w in re.findall(r"[a-z]+", title.lower())}
    return [
        w.capitalize() for w in dict.fromkeys(w.lower() for w in words) if len(w) > 2 and stem(w) not in held
    ]


def names_main_term(tree: IndexTree, word: str) -> bool:
    """Whether the word is an ICD-10-CM Index main term of one word ("Infiltrate, infiltration"), kept per word
    in the tree's memo (the same query words come back)."""
    key = ("one-word main term", word)
    kept = tree.memo.get(key)
    if isinstance(kept, bool):
        return kept
    reference = tree.resolve(word, "cm")
    node = tree.node(reference.node) if reference.node else None
    found = False
    if node is not None and node.depth == 0:
        forms = {f.strip() for f in node.term.lower().split(",")}
        found = stem(word.lower()) in {stem(f) for f in forms if " " not in f}
    tree.memo[key] = found
    return found
