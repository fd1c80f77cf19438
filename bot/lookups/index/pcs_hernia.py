"""A hernia is repaired at the wall it comes through: the body part is the region the hernia's name says.

ICD-10-PCS codes a herniorrhaphy to the anatomical region the hernia passes through (the PCS Index:
"Herniorrhaphy - see Repair, Anatomical Regions, General 0WQ / Lower Extremities 0YQ; with synthetic substitute -
see Supplement 0WU / 0YU"), and a coder reads the hernia's name as that region: an umbilical, paraumbilical,
ventral, incisional, epigastric or spigelian hernia comes through the Abdominal Wall; an inguinal one through the
Inguinal Region, a femoral one through the Femoral Region; a hiatal, paraesophageal or diaphragmatic hernia
through the Diaphragm (Repair / Supplement, Respiratory System). So, when the query names a hernia, the hernia's
site word is read with the region's words beside it in the PCS Index walk and the table completion (as a
procedure word's body part is, bot.lookups.index.pcs_roots), in no diagnosis index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from bot.lookups.index.words import content_stems, stem

HERNIA_WORDS = frozenset(
    stem(w) for w in ("hernia", "hernias", "herniorrhaphy", "hernioplasty", "herniorraphy", "herniotomy")
)
_REGIONS = {
    "umbilical": "abdominal wall",
    "periumbilical": "abdominal wall",
    "paraumbilical": "abdominal wall",
    "ventral": "abdominal wall",
    "incisional": "abdominal wall",
    "epigastric": "abdominal wall",
    "spigelian": "abdominal wall",
    "inguinal": "inguinal region",
    "femoral": "femoral region",
    "hiatal": "diaphragm",
    "hiatus": "diaphragm",
    "paraesophageal": "diaphragm",
    "diaphragmatic": "diaphragm",
}
REGIONS = {stem(w): region.split() for w, region in _REGIONS.items()}


def hernia_region_words(words: Sequence[str]) -> dict[str, list[str]]:
    """Each hernia site word of a query naming a hernia, with the words of the region it comes through
    ("umbilical" -> abdominal, wall); nothing when no hernia is named."""
    said = {stem(w) for w in words}
    if not said & HERNIA_WORDS:
        return {}
    return {w: REGIONS[stem(w)] for w in words if stem(w) in REGIONS}


class _Word(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def stems(self) -> frozenset[str]: ...


def said_by_part(
    parts: Mapping[str, Sequence[str]], words: Iterable[_Word], title: frozenset[str]
) -> frozenset[str]:
    """The stems of the query words read as a body part ("umbilical" -> abdominal wall) whose whole reading
    a PCS title's words hold: they count as used, like the title's own words."""
    used: set[str] = set()
    for word in words:
        read = parts.get(word.text)
        if read and content_stems(" ".join(read)) <= title:
            used |= word.stems
    return frozenset(used)
