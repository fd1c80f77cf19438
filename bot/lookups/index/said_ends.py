"""An Index path said at both ends: the query names its main term and the line that holds its code.

"chainsaw kickback cutting firewood" -> External Cause Index: Cut, cutting -> see Contact, with, by object or
machine, tool, powered, chainsaw -> W29.3: the words the path says that the query did not ("contact", "object",
"machine", "tool", "powered") are the Index's own headings between the main term the coder looked up ("Cut")
and the line naming what the query says ("chainsaw") - the way a coder walks the Alphabetic Index, not a
stretch of the query's meaning. A path whose main term and last line are both said is no "Monkey malaria"
(one word of the query leading to a line about something else; a main term alone must be said whole), so an English word beside it that no code
book holds ("kickback", "sprinter") is a word the coder reads past, not a sign the query is about something
the code books do not hold (bot.lookups.index.vague.foreign_and_stretched).

"parking garage validation" -> Place of occurrence, parking garage keeps the gate: its main term is not said.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookups.index.tree import Node
from bot.lookups.index.words import content_stems


def said_at_both_ends(nodes: Sequence[Node], said: frozenset[str]) -> bool:
    """Whether the path's main term (its first line) and its last line each hold a stem the query said."""
    if not nodes:
        return False
    main, last = nodes[0], nodes[-1]
    if main.depth != 0:
        return False  # (a path beginning below a main term: no main term looked up)
    if len(nodes) == 1:
        # A main term alone adds its own words ("gillian barre" is no Barré-Liéou syndrome): said whole only.
        return content_stems(main.term) <= said
    return bool(content_stems(main.term) & said) and bool(content_stems(last.term) & said)
