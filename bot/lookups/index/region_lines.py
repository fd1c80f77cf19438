"""An Index line naming a body region, said by a part of that region the query names.

The Index groups some sites under a region: "Hemangioma, intra-abdominal D18.03", "Lipoma, intrathoracic D17.4",
"Lipoma, site classification, trunk D17.1" (the Tabular's D18.03 "Hemangioma of intra-abdominal structures",
D17.1 "Benign lipomatous neoplasm of skin and subcutaneous tissue of trunk"). The record names the organ or the
part ("hemangioma of the liver", "lipoma on back"); a coder reads the liver as an intra-abdominal structure and
the back as the trunk, and takes the region's line when the main term has no line of the part itself.

`region_words` gives, for such a line, the query words naming a part of its region. The table is general
anatomy (which organs lie in the abdomen, the chest, the skull; which parts make the trunk), no answer: the
line's own code comes from the Index. A line of the part itself covers the word at no cost and wins; a
region's line costs `REGION_COST`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from bot.lookups.index.words import content_stems, stem

REGION_COST = 0.2  # a region's line said by a part of it, against a line naming the part

# The region words an Index line prints -> the parts (organs, sites) that lie in the region.
_MEMBERS = {
    "intra-abdominal": (
        "liver hepatic spleen splenic pancreas pancreatic stomach gastric intestine intestinal bowel colon "
        "colonic duodenum duodenal jejunum jejunal ileum ileal cecum mesentery mesenteric omentum omental "
        "gallbladder"
    ),
    "intrathoracic": "lung pulmonary heart cardiac mediastinum mediastinal pleura pleural thymus bronchus",
    "intracranial": "brain cerebral cerebrum cerebellum cerebellar brainstem meninges meningeal",
    "trunk": "back chest flank buttock torso",
}
# The words a region's line may print beside the region ("intra-abdominal organ", "intrathoracic structures").
_BESIDE = frozenset(content_stems("organ organs structure structures"))
MEMBERS = {region: frozenset(stem(w) for w in words.split()) for region, words in _MEMBERS.items()}
_REGION_STEMS = {frozenset(content_stems(region)): region for region in _MEMBERS}


@lru_cache(maxsize=4096)
def region_of(term: str) -> str | None:
    """The region an Index line's term names, alone or with "organ(s)" / "structures", or None."""
    stems = frozenset(content_stems(term.lower())) - _BESIDE
    return _REGION_STEMS.get(stems)


def region_words(term: str, by_stem: dict[str, set[int]]) -> frozenset[int]:
    """The indices of the query words naming a part of the region an Index line names (none when the line
    names no region)."""
    region = region_of(term)
    if region is None:
        return frozenset()
    return frozenset(i for s in MEMBERS[region] for i in by_stem.get(s, ()))


# The stem an Index line's region word is found by (its postings' word), per region.
_KEYS = {region: stem(region) for region in _MEMBERS}


def region_anchors(said: Iterable[str]) -> dict[str, str]:
    """For each query stem naming a part of a region, the stem the region's Index lines are found by
    ("liver" -> "intra-abdominal"): the lines to walk below a main term beside those holding the word."""
    said = frozenset(said)
    return {member: _KEYS[region] for region, members in MEMBERS.items() for member in members & said}
