"""A stoma made from one organ opens it to the skin: the Bypass's qualifier is Cutaneous.

An "-ostomy" formed from one organ's name (colostomy, ileostomy, jejunostomy, cecostomy, ureterostomy,
vesicostomy) is an opening of that organ through the abdominal wall: ICD-10-PCS codes its creation to Bypass
(the PCS Index: "Colostomy - see Bypass, Gastrointestinal System 0D1"), the body part the organ, the qualifier
(where the route ends) Cutaneous - "Bypass Ileum to Cutaneous, Open Approach" 0D1B0Z4 for a loop ileostomy.
Read literally, the organ's word also names the qualifier of the same organ ("Ileum to Ileum"), which is an
anastomosis within it, not a stoma. An "-ostomy" joining two organs ("gastrojejunostomy",
"choledochojejunostomy") names its own end and is left as it is.
"""

from __future__ import annotations

from bot.lookups.index.words import stem

STOMA_SUFFIX = "ostomy"
SINGLE_FORM = 7  # letters of one organ's combining form ("sigmoid", "esophag"); two joined are longer
CUTANEOUS = frozenset({stem("cutaneous")})
STOMA_STEMS = frozenset(stem(w) for w in ("stoma", "ostomy"))


def stoma_qualifier_words(table: str, query_stems: frozenset[str]) -> frozenset[str]:
    """The Cutaneous qualifier's words when the table is a Medical and Surgical Bypass and the query says a
    stoma made from one organ ("end colostomy", "loop ileostomy"); nothing otherwise."""
    if len(table) < 3 or table[0] != "0" or table[2] != "1":
        return frozenset()
    for said in query_stems:
        if said in STOMA_STEMS:
            return CUTANEOUS
        form = said[: -len(STOMA_SUFFIX)] if said.endswith(STOMA_SUFFIX) else ""
        if form and len(form) <= SINGLE_FORM:
            return CUTANEOUS
    return frozenset()
