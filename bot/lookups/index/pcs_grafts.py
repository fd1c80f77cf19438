"""A graft named by its source is a graft; a skin graft is the patient's own skin unless the chart says
otherwise, and a split-thickness graft is a Partial Thickness one.

The PCS Index reads a graft under its main term ("Graft - see Replacement; see Supplement") and its source
through the Device Key ("Autograft - use Autologous Tissue Substitute", "Bone bank bone graft - use
Nonautologous Tissue Substitute"). A chart says the source in the graft's own word ("autograft",
"allograft", "xenograft", "homograft"), which is no main term of a line that leads anywhere; a coder reads it as
the graft it is. The skin graft tables (0HR, Replacement of Skin) choose the device by the graft's source and
the qualifier by its thickness: a split-thickness skin graft (STSG) takes part of the dermis (qualifier
Partial Thickness), a full-thickness one all of it. A skin graft is harvested from the patient ("from the
thigh", "own skin") - an Autologous Tissue Substitute - unless the chart names another source (an allograft,
a cadaver or pig skin, a synthetic or biologic substitute such as a dermal matrix).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookups.index.words import stem

_GRAFT_WORDS = ("autograft", "autografts", "allograft", "allografts", "xenograft", "xenografts", "homograft")
GRAFT_WORDS = frozenset(stem(w) for w in _GRAFT_WORDS)
GRAFT = ["graft"]
SKIN_REPLACEMENT = "0HR"
SKIN = frozenset(stem(w) for w in ("skin", "stsg", "ftsg"))
GRAFTED = frozenset(
    stem(w) for w in ("graft", "grafts", "grafting", "grafted", "stsg", "ftsg", *_GRAFT_WORDS)
)
SPLIT = frozenset(stem(w) for w in ("split", "stsg"))
PARTIAL = frozenset({stem("partial")})
OTHER_SOURCE = frozenset(
    stem(w)
    for w in (
        "allograft",
        "allografts",
        "xenograft",
        "xenografts",
        "homograft",
        "cadaver",
        "cadaveric",
        "donor",
        "porcine",
        "bovine",
        "synthetic",
        "biologic",
        "biological",
        "substitute",
        "matrix",
        "nonautologous",
    )
)
AUTOLOGOUS = frozenset({stem("autologous")})


def graft_source_words(words: Sequence[str]) -> dict[str, list[str]]:
    """Each graft word named by its source ("autograft") read as the graft it is, for the PCS Index walk."""
    return {w: GRAFT for w in words if stem(w) in GRAFT_WORDS}


def skin_graft_words(table: str, query_stems: frozenset[str]) -> frozenset[str]:
    """The words a skin graft's source and thickness say of the Replacement of Skin table's device and
    qualifier ("split thickness": partial; no other source said: autologous); nothing for another table."""
    if not table.upper().startswith(SKIN_REPLACEMENT) or not query_stems & GRAFTED or not query_stems & SKIN:
        return frozenset()
    said: set[str] = set()
    if query_stems & SPLIT:
        said |= PARTIAL
    if not query_stems & OTHER_SOURCE:
        said |= AUTOLOGOUS
    return frozenset(said)


# A graft from another individual or animal ("donor nerve graft", "cadaver bone", "porcine graft"): the
# Nonautologous Tissue Substitute of any table that offers both sources. A skin graft's "donor" is most often
# the patient's own donor site, so there only the words of another individual or animal say it.
DONORS = frozenset(
    stem(w)
    for w in (
        "donor",
        "cadaver",
        "cadaveric",
        "allograft",
        "allografts",
        "homograft",
        "xenograft",
        "xenografts",
        # an animal's tissue (a xenograft: "Xenograft - use Zooplastic Tissue" in the heart valves' tables,
        # elsewhere Nonautologous Tissue Substitute): bovine pericardium, porcine dermis, equine pericardium
        "porcine",
        "bovine",
        "equine",
    )
)
SKIN_DONORS = DONORS - {stem("donor")}
NONAUTOLOGOUS = frozenset({stem("nonautologous")})


def donor_graft_words(table: str, query_stems: frozenset[str]) -> frozenset[str]:
    """The Nonautologous source's word when the query says a graft or tissue from a donor, else nothing."""
    donors = SKIN_DONORS if table.upper().startswith(SKIN_REPLACEMENT) else DONORS
    return NONAUTOLOGOUS if query_stems & donors else frozenset()
