"""An abscess drained from a body region is a Drainage of its subcutaneous tissue and fascia.

An incision and drainage of a skin abscess ("I&D abscess left axilla", "buttock abscess drained") opens the
collection under the skin: ICD-10-PCS codes it to Drainage, Subcutaneous Tissue and Fascia (table 0J9) for the
region, not to the anatomical region's own Drainage table (0X9 "Axilla", 0Y9 "Buttock"), which is for a
region's deeper spaces, nor to Skin (0H9). The PCS Index sends "Incision, abscess" to Drainage and its region
lines are what the words reach first, so here the code is re-read in 0J9 when the query says "abscess" and the
Drainage found is of a region or of skin. A body cavity (peritoneal, pleural, pelvic) or an organ keeps its
own Drainage code, and so does an organ the query names; a Drainage of a part the query does not name (the
words reached no region line) is re-read the same way. Regions the 0J9 body parts name by their limb segment are read through the Body Part Key's
words ("axillary fascia" -> Upper Arm; the thigh is the upper leg, the forearm the lower arm, the calf the
lower leg).
"""

from __future__ import annotations

import sqlite3

from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.words import content_stems, stem

SUBCUTANEOUS_DRAINAGE = "0J9"
# Drainage of anatomical regions (general, upper and lower extremities) and of skin.
REGION_DRAINAGE = ("0W9", "0X9", "0Y9", "0H9")
DEEP_SPACES = frozenset(stem(w) for w in ("cavity", "mediastinum", "retroperitoneum", "cranial"))
ABSCESS = frozenset(stem(w) for w in ("abscess", "abscesses", "furuncle", "carbuncle", "boil"))
# A region named otherwise than the 0J9 body part that holds it.
REGION_SEGMENTS = {
    "axilla": "upper arm",
    "armpit": "upper arm",
    "axillary": "upper arm",
    "thigh": "upper leg",
    "forearm": "lower arm",
    "calf": "lower leg",
    "shin": "lower leg",
    "abdominal": "abdomen",
    "gluteal": "buttock",
}
_SEGMENT_OF = {stem(w): frozenset(content_stems(s)) for w, s in REGION_SEGMENTS.items()}
_TISSUE = frozenset(content_stems("subcutaneous tissue and fascia"))
DRAINAGE = "9"
OWN_WORDS = frozenset(content_stems("drainage of left right"))


def region_words(said: frozenset[str]) -> frozenset[str]:
    """`said` with a region's limb segment added ("axilla" -> upper arm)."""
    added = [segment for word, segment in _SEGMENT_OF.items() if word in said]
    return said.union(*added) if added else said


def subcutaneous_drainage(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    region_title: str,
    memo: dict[object, object],
) -> Completion | None:
    """The 0J9 code for the region an abscess was drained from, when the Drainage found is of a region, of skin
    or of a part the query does not name; None when it does not apply or no 0J9 body part names the region."""
    code = done.code
    if len(code) != 7 or code[:3] == SUBCUTANEOUS_DRAINAGE or not query_stems & ABSCESS:
        return None
    if code[0] != "0" or code[2] != DRAINAGE or content_stems(region_title) & DEEP_SPACES:
        return None
    drained = content_stems(region_title.split(",")[0]) - OWN_WORDS
    if not code.startswith(REGION_DRAINAGE) and drained & query_stems:
        return None  # an organ the query names ("liver abscess drainage") keeps its own Drainage code
    said = region_words(query_stems)
    found = complete_pcs(conn, SUBCUTANEOUS_DRAINAGE, said, "", memo)
    if found is None:
        return None
    part = content_stems(found.how.split(",")[0]) - _TISSUE - OWN_WORDS
    if not part & said:
        return None
    return Completion(found.code, found.title, found.billable, f"abscess under the skin: {found.how}")
