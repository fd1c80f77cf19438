"""A tissue layer said over an anatomical region: the body part is the layer's, not the region's.

ICD-10-PCS guideline B2.1a: the Anatomical Regions body systems (General, Upper Extremities, Lower Extremities:
tables 0W, 0X, 0Y) "can be used when the procedure is performed on an anatomical region rather than a specific
body part, or on the rare occasion when no information is available to support assignment of a code to a
specific body part". A query that names the layer the procedure was done in ("excision of lipoma from upper
back, subcutaneous", "extensor tendon repair right index finger", "excision of abdominal skin") gives that
information: the body part is the layer's value for the region (Back Subcutaneous Tissue and Fascia, Hand
Tendon, Abdomen Skin), in the same root operation's table of the layer's body system.

A layer's body system is read from the tables themselves: the Medical and Surgical body system in which most
body-part values name the layer's word (Subcutaneous Tissue and Fascia: "... Subcutaneous Tissue and Fascia";
Muscles: "... Muscle"; Tendons: "... Tendon"; Skin and Breast: "... Skin"). The word must be said as the value
says it (its stem): "fascial dehiscence" is no layer said. The region's own words must still be said by the
layer's value (the back, the abdomen, the hand), read through the regions' segment names (the thigh is the
upper leg) and the completion's Body Part Key.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from bot.lookups import data_version
from bot.lookups.index.completion import Completion, complete_pcs, value_words
from bot.lookups.index.pcs_abscess import region_words
from bot.lookups.index.words import content_stems

MEDICAL_SURGICAL = "0"
REGIONS = frozenset({"0W", "0X", "0Y"})
MOST = 0.5  # a layer's word names more than this share of its body system's body-part values ...
MIN_VALUES = 10  # ... of at least this many values
# The words of a region's value that name the side or the joining, and of a title that name the operation.
SIDE_WORDS = frozenset(content_stems("right left bilateral"))

Layers = tuple[dict[str, str], dict[str, frozenset[str]]]
_LAYERS: dict[str, Layers] = {}  # the data stamp -> the layer words, and each system's shared words


def layers(conn: sqlite3.Connection, memo: dict[object, object]) -> Layers:
    """Each word that names most body-part values of one Medical and Surgical body system, with that system
    ("subcutaneous" -> 0J, "muscle" -> 0K, "tendon" -> 0L, "skin" -> 0H); and for each system, the words most
    of its values share ("Subcutaneous Tissue and Fascia")."""

    def build() -> Layers:
        values: dict[str, set[str]] = {}
        for tbl, meaning in conn.execute(
            "SELECT DISTINCT tbl, meaning FROM pcs_axes WHERE position = 4 AND tbl LIKE '0%'"
        ):
            values.setdefault(str(tbl)[:2], set()).add(str(meaning))
        # (a substitute's word - "Autologous Tissue Substitute" - says the material, not the layer)
        devices = frozenset(
            s
            for (m,) in conn.execute(
                "SELECT DISTINCT meaning FROM pcs_axes WHERE position = 6 AND meaning LIKE '%Substitute%'"
            )
            for s in content_stems(str(m))
        )
        named: dict[str, set[str]] = {}
        shared: dict[str, frozenset[str]] = {}
        for system, meanings in values.items():
            if system in REGIONS or len(meanings) < MIN_VALUES:
                continue
            counts = Counter(s for m in meanings for s in content_stems(m) - SIDE_WORDS)
            shared[system] = frozenset(w for w, n in counts.items() if n > MOST * len(meanings))
            for word in shared[system] - devices:
                named.setdefault(word, set()).add(system)
        # a word naming the values of two body systems (Upper and Lower Arteries) names neither alone
        return {word: next(iter(systems)) for word, systems in named.items() if len(systems) == 1}, shared

    return data_version.kept(conn, memo, ("pcs layers",), _LAYERS, build)


def layer_for_region(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    memo: dict[object, object],
) -> Completion | None:
    """The code of the same root operation in the body system of a tissue layer the query names, for the
    region the reached Anatomical Regions code is of; None when it does not apply."""
    code = done.code
    if len(code) != 7 or code[0] != MEDICAL_SURGICAL or code[:2] not in REGIONS:
        return None
    layer, shared = layers(conn, memo)
    systems = {system for word, system in layer.items() if word in query_stems}
    if len(systems) != 1:
        return None  # no layer said, or two (the words do not choose)
    system = systems.pop()
    said = region_words(query_stems)
    found = complete_pcs(conn, system + code[2], said, "", memo)
    if found is None or not found.billable:
        return None
    # the value's place words (its layer's own words aside) must all be said, or read through the Body Part
    # Key ("index finger" -> Hand)
    place = content_stems(found.title.split(",")[0].split(" of ", 1)[-1]) - SIDE_WORDS
    place = place - shared.get(system, frozenset())
    if not place or not place <= said | value_words(conn, said, memo):
        return None
    how = f"the layer said, not the region (guideline B2.1a): {found.how}"
    return Completion(found.code, found.title, found.billable, how)
