"""A dislocation is of a joint: its reduction is the Reposition of the joint the query names.

ICD-10-PCS codes the reduction of a dislocated joint to Reposition (S) of the joint (the PCS Index:
"Reduction, Dislocation - see Reposition"; "Reposition, Joint, Elbow, Left 0RSM"). The chart names the joint by
its region alone ("closed reduction left elbow dislocation", "reduced dislocated right shoulder",
"subluxation of the left knee reduced"), and the Index's Reposition lines hold it below the grouping line
"Joint", which the query never says; the other lines the region word meets ("Bursa and Ligament, Elbow",
"Elbow Region") are no dislocation's body part. So where the query says a dislocation, the word is also read
as "joint" in the PCS Index walk and the table completion (as a procedure word's body part is,
bot.lookups.index.pcs_roots); a fracture's reduction keeps the bone the query names.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookups.index.words import stem

DISLOCATION_WORDS = frozenset(
    stem(w) for w in ("dislocation", "dislocations", "dislocated", "subluxation", "subluxations", "subluxed")
)
JOINT = ["joint"]


def dislocated_joint_words(words: Sequence[str]) -> dict[str, list[str]]:
    """The query's dislocation words, each read as the joint it is of ("dislocation" -> joint)."""
    return {w: JOINT for w in words if stem(w) in DISLOCATION_WORDS}
