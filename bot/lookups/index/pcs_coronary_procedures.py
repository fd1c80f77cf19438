"""A stent, PCI or CABG told with a coronary artery is read to the PCS Index's coronary lines.

A coder reads "DES x1 to LAD" as Dilation, Artery, Coronary, One Artery (027) with a Drug-eluting
Intraluminal Device, and "CABG LIMA to LAD" as Bypass, Artery, Coronary, One Artery (021) from the Left
Internal Mammary: a stent put in a coronary artery widens it (root operation Dilation, the stent its device),
and a graft routes blood around it (Bypass). The body part counts the arteries treated, not the stents or
grafts' names (guideline B4.4: "Coronary Artery, One Artery"; B3.6c: one artery, several grafts, one
body part each distinct site); a stent told alone is placed through the skin (Percutaneous), a
saphenous vein graft comes from the aorta. This reads those words beside the query's own (so the Index
walk and the table completion hear them); a query naming no coronary artery, or no stent or bypass word,
is left as it was.
"""

from __future__ import annotations

from collections.abc import Sequence

# The coronary arteries' chart abbreviations (the Body Part Key's branches of Coronary Artery).
BRANCH_ABBREVIATIONS = {
    "lad": ("left", "anterior", "descending"),
    "rca": ("right", "coronary"),
    "lcx": ("circumflex",),
    "lcf": ("circumflex",),
    "lm": ("left", "main", "coronary"),
}
BRANCHES = frozenset({"descending", "circumflex", "marginal", "diagonal", "ramus", "coronary"})
SIDES = frozenset({"anterior", "posterior", "obtuse", "main"})
BRANCH_NAMES = frozenset({"lad", "rca", "lcx", "lcf", "lm", "circumflex", "diagonal", "ramus", "marginal"})
GRAFT_SOURCES = {
    "lima": ("left", "internal", "mammary"),
    "rima": ("right", "internal", "mammary"),
}
DILATION_WORDS = frozenset(
    {
        "stent",
        "stents",
        "stenting",
        "stented",
        "des",
        "bms",
        "pci",
        "ptca",
        "angioplasty",
        "intervention",
        "balloon",
        "dilation",
        "eluting",
    }
)
BYPASS_WORDS = frozenset({"bypass", "cabg", "aortocoronary", "graft", "grafts", "grafting", "lima", "rima"})
DEVICE_WORDS = {
    "des": ("drug-eluting", "intraluminal", "device"),
    "eluting": ("drug-eluting", "intraluminal", "device"),
    "bms": ("intraluminal", "device"),
    "stent": ("intraluminal", "device"),
    "stents": ("intraluminal", "device"),
    "stenting": ("intraluminal", "device"),
}
COUNTS = {
    "x1": "one",
    "one": "one",
    "single": "one",
    "x2": "two",
    "two": "two",
    "double": "two",
    "x3": "three",
    "three": "three",
    "triple": "three",
    "x4": "four",
    "four": "four",
    "quadruple": "four",
}
# A stent or graft told as already there, or beside the disease it treats, is no procedure done now.
STATE_WORDS = frozenset({"presence", "prior", "previous", "old", "history", "status", "disease"})
OPEN_WORDS = frozenset({"open", "sternotomy", "thoracotomy"})
VENOUS = frozenset({"saphenous", "svg"})
GRAFT_WORDS = frozenset({"vein", "graft", "grafts", "reversed"})


def _split(words: Sequence[str]) -> list[str]:
    """The words, a pair joined by a hyphen ("lima-lad") read as its two words."""
    out: list[str] = []
    for word in words:
        parts = word.split("-")
        if len(parts) > 1 and all(p in BRANCH_ABBREVIATIONS or p in GRAFT_SOURCES for p in parts):
            out += parts
        else:
            out.append(word)
    return out


def coronary_procedure_words(words: Sequence[str]) -> list[str]:
    """`words` with the coronary procedure they tell read out ("des x1 to lad" -> ... "dilation",
    "coronary", "artery", "one", "drug-eluting", "intraluminal", "device", "percutaneous"); unchanged
    when they name no coronary artery or no stent, angioplasty or bypass."""
    said = _split(words)
    lowered = {w.lower() for w in said}
    named = lowered & (BRANCHES | set(BRANCH_ABBREVIATIONS) | {"aortocoronary", "cabg"})
    if not named or lowered & STATE_WORDS:
        return list(words)
    bypass = bool(lowered & BYPASS_WORDS)
    dilation = not bypass and bool(lowered & DILATION_WORDS)
    if not bypass and not dilation:
        return list(words)
    # The branch stented or grafted ("to LAD") is counted in the body part, its side and name choose no
    # other ("left anterior" is no Left Anterior Tibial); a graft's source is the qualifier.
    branch = BRANCHES | BRANCH_NAMES | SIDES
    source = [x for w in said for x in GRAFT_SOURCES.get(w.lower(), ())]
    kept = [
        w
        for i, w in enumerate(said)
        if w.lower() not in BRANCH_ABBREVIATIONS
        and w.lower() not in GRAFT_SOURCES
        and (w.lower() not in branch or w.lower() == "coronary")
        and not (w.lower() in ("left", "right") and i + 1 < len(said) and said[i + 1].lower() in branch)
    ]
    out = kept + [x for x in source if x not in kept]
    counts = [COUNTS[w] for w in lowered if w in COUNTS]
    branches = lowered & BRANCH_NAMES
    count = counts[0] if len(set(counts)) == 1 else ("two" if len(branches) == 2 else "one")
    if len(branches) > 2 and not counts:
        count = "three" if len(branches) == 3 else "four"
    extra = ["bypass" if bypass else "dilation", "coronary", "artery", count]
    if dilation:
        for w in said:
            extra += [x for x in DEVICE_WORDS.get(w.lower(), ()) if x not in extra]
        if not lowered & OPEN_WORDS:
            extra.append("percutaneous")
    elif lowered & VENOUS:
        # A saphenous vein graft is the device Autologous Venous Tissue (the Device Key's "use" line).
        out = [w for w in out if w.lower() not in VENOUS | GRAFT_WORDS]
        extra += ["autologous", "venous", "tissue"]
        if "aorta" not in lowered:
            extra.append("aorta")
    return out + [x for x in extra if x not in lowered]
