"""The approach told in everyday words: the opening an instrument went in by, a scope said not used, a stab
incision, and a scope named by no opening.

ICD-10-PCS approach definitions, as a clinician says them:
- Via Natural or Artificial Opening (7), "entry of instrumentation through a natural or artificial external
  opening": "through the mouth", "via the nose", "per rectum", "transoral"; with a scope said it is Via Natural
  or Artificial Opening Endoscopic (8) - "through the mouth without a scope" is 7, the scope refused;
- Percutaneous (3), "entry, by puncture or minor incision, of instrumentation through the skin": "through stab
  incisions", "through a small incision", "by puncture";
- External (X), "procedures performed directly on the skin or mucous membrane and procedures performed
  indirectly by the application of external force through the skin or mucous membrane": "no incision",
  "without an incision", "incisionless" - nothing was cut or punctured to reach the site;
- Open (0), "cutting through the skin or mucous membrane and any other body layers necessary to expose the
  site": an *excisional* or *incisional* biopsy is the surgical one that cuts the tissue out, so its
  "biopsy" says no needle (Percutaneous, the reading of a biopsy told with no approach): its approach is that
  of any excision - Open for what is reached by cutting (a lymph node, a muscle), External for what is cut on
  the surface (the skin, the vulva);
- a scope named by no opening and no puncture ("through the scope", "endoscopic repair of anus") is 4 or 8,
  whichever the table offers; where it offers both - the digestive, respiratory, urinary and reproductive
  tracts, the ear, nose and sinuses, the lymph nodes seen from the airway - the scope of a tract went in by its
  opening (8): a scope through the skin is said by its own name ("laparoscopic", "thoracoscopic").
A reader of said stems (bot.lookups.index.completion.said_approaches); the stems come unordered, so a refusal
is read only of the scope itself ("without scope", "no endoscope").
"""

from __future__ import annotations

from bot.lookups.index.words import stem

NATURAL_OPENING = "7"
NATURAL_ENDOSCOPIC = "8"
PERCUTANEOUS = "3"
EXTERNAL = "X"
OPEN = "0"
THROUGH_SKIN_SCOPE = "4"
# The prepositions that say an instrument went in by a place ("through the mouth", "via nose", "per rectum").
THROUGH = frozenset(stem(w) for w in ("through", "thru", "via", "per"))
# The body's openings an instrument goes in by.
OPENINGS = frozenset(
    stem(w)
    for w in ("mouth", "oral", "nose", "nostril", "nasal", "urethra", "anus", "rectum", "vagina", "stoma")
)
# One word saying both ("transoral", "peroral", "transnasal").
OPENING_WORDS = frozenset(stem(w) for w in ("transoral", "peroral", "transnasal", "pernasal"))
# The generic scope words (a named scope - "colonoscopy", "bronchoscopy" - says its own approach).
SCOPE_PREFIXES = ("scop", "endoscop")
REFUSALS = frozenset({"without", "no", "non", "w/o"})
# "stab incisions", "small incision", "minor incision", "puncture": Percutaneous by its definition.
SMALL_CUTS = frozenset(stem(w) for w in ("stab", "small", "minor", "tiny", "mini"))
CUTS = frozenset(stem(w) for w in ("incision", "incisions", "cut", "cuts"))
INCISIONLESS = frozenset(stem(w) for w in ("incisionless", "nonincisional", "non-incisional"))
# The adjectives that say a specimen was cut out or cut into with a blade ("excisional biopsy"); said of a
# biopsy only ("incisional hernia" is a kind of hernia).
BLADE_CUTS = frozenset(stem(w) for w in ("excisional", "incisional"))
BIOPSY = stem("biopsy")


def generic_scope(query_stems: frozenset[str]) -> bool:
    """Whether the query says a scope by its generic word ("scope", "endoscopic")."""
    return any(w.startswith(SCOPE_PREFIXES) for w in query_stems)


def scope_refused(query_stems: frozenset[str]) -> bool:
    """Whether the query says a scope was not used ("without scope", "no endoscope")."""
    return bool(query_stems & REFUSALS) and generic_scope(query_stems)


def opening_said(query_stems: frozenset[str]) -> bool:
    """Whether the query says the opening an instrument went in by ("through the mouth", "transoral")."""
    return bool(query_stems & OPENING_WORDS) or bool(query_stems & THROUGH and query_stems & OPENINGS)


def small_incision(query_stems: frozenset[str]) -> bool:
    """Whether the query says a puncture or minor incision ("through stab incisions", "small incision")."""
    return bool(query_stems & SMALL_CUTS and query_stems & CUTS)


def cut_by_blade(query_stems: frozenset[str]) -> frozenset[str]:
    """The words by which the query says a biopsy cut the tissue ("excisional biopsy right inguinal lymph
    node"): its "biopsy" says no Percutaneous approach then. Empty when no biopsy is said."""
    if not any(w.startswith(BIOPSY) for w in query_stems):
        return frozenset()
    return query_stems & BLADE_CUTS


def incision_refused(query_stems: frozenset[str]) -> bool:
    """Whether the query says nothing was cut to reach the site ("no incision", "incisionless"), with no scope,
    opening or puncture said beside it."""
    said = bool(query_stems & INCISIONLESS) or bool(query_stems & REFUSALS and query_stems & CUTS)
    return said and not (generic_scope(query_stems) or opening_said(query_stems) or query_stems & SMALL_CUTS)


def everyday_approaches(query_stems: frozenset[str], said: frozenset[str]) -> frozenset[str]:
    """The approaches `said` (read from the approach words) corrected by the everyday words: a refused scope
    takes 4 and 8 away, an opening said gives 7 (8 with a scope), a small incision gives 3."""
    out = set(said)
    # (only a scope named by no procedure of its own is refused: "laparoscopic colpopexy without mesh")
    refused = bare_scope(said) and scope_refused(query_stems)
    if refused:
        out -= {THROUGH_SKIN_SCOPE, NATURAL_ENDOSCOPIC}
    if opening_said(query_stems):
        scoped = not refused and (generic_scope(query_stems) or NATURAL_ENDOSCOPIC in said)
        out.discard(NATURAL_OPENING if scoped else NATURAL_ENDOSCOPIC)
        out.add(NATURAL_ENDOSCOPIC if scoped else NATURAL_OPENING)
    if incision_refused(query_stems) and not out - {OPEN, EXTERNAL}:
        # "scrotum sewn back on, no incision": External (the word "incision" said no Open)
        return frozenset({EXTERNAL})
    if small_incision(query_stems) and not out - {PERCUTANEOUS, "0"}:
        out.discard("0")
        out.add(PERCUTANEOUS)
    return frozenset(out)


def bare_scope(said: frozenset[str]) -> bool:
    """Whether the approaches said are a scope named by no opening or puncture (4 or 8)."""
    return said == frozenset({THROUGH_SKIN_SCOPE, NATURAL_ENDOSCOPIC})


def without_refused_scope(query_stems: frozenset[str], said: frozenset[str]) -> frozenset[str]:
    """The stems with a refused scope's words taken out, so no approach value's "Endoscopic" is said
    (`said`: the approaches the query's words name, a refused scope's taken away)."""
    if not scope_refused(query_stems) or said & {THROUGH_SKIN_SCOPE, NATURAL_ENDOSCOPIC}:
        return query_stems
    return frozenset(w for w in query_stems if not w.startswith(SCOPE_PREFIXES))
