"""A lobe said alone is the lung's lobe, whatever scope reached it.

ICD-10-PCS has two body parts of each lobe in the Respiratory System: the lobe's bronchus ("Right Lower Lobe
Bronchus", 0B_6) and the lung lobe itself ("Right Lower Lung Lobe", 0B_F). A coder reads "bronchoscopy with
biopsy right lower lobe", "bronch with BAL right lower lobe" or "transbronchial biopsy left upper lobe" as the
lung lobe: the bronchoscope is the way in (Via Natural or Artificial Opening Endoscopic), and a lavage or a
transbronchial biopsy samples the lobe's tissue, not its airway. The Index's lines for the lobes are under
"Bronchus" as well as "Lung", and a scope word beginning "bronch" reaches the bronchus's line; so where the code
reached is of a lobe's bronchus and the query says a lobe but no bronchus of its own ("bronchus", "bronchial"),
the same table completes the code for the lung lobe, as a coder turns from one row to the other.
"""

from __future__ import annotations

import sqlite3

from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.words import stem

RESPIRATORY = "0B"
# Each lobe's bronchus (fourth character) and the lung lobe it leads to.
LOBE_OF_BRONCHUS = {"4": "C", "5": "D", "6": "F", "8": "G", "9": "H", "B": "J"}
LOBE_STEMS = frozenset(stem(w) for w in ("lobe", "lobes", "lingula"))
# The airway said as a body part of its own (not as the scope: "bronchoscopy", "bronch", "transbronchial").
BRONCHUS_STEMS = frozenset(stem(w) for w in ("bronchus", "bronchi", "bronchial", "endobronchial"))
ALVEOLAR_STEMS = frozenset(stem(w) for w in ("alveolar", "alveoli", "bronchoalveolar"))


def lung_lobe_for_lobe(
    conn: sqlite3.Connection,
    done: Completion,
    said: frozenset[str],
    stems: frozenset[str],
    qualifier: str,
    memo: dict[object, object],
) -> Completion | None:
    """The code of the lung lobe when the code reached is of the lobe's bronchus and the query says (`said`:
    its words as typed) a lobe and no bronchus, completed from `stems` as the first code was; None when it
    does not apply or the table has no such lung lobe."""
    code = done.code
    lobe = LOBE_OF_BRONCHUS.get(code[3:4]) if len(code) == 7 and code.startswith(RESPIRATORY) else None
    if said & ALVEOLAR_STEMS:
        said = said - BRONCHUS_STEMS  # "bronchial alveolar lavage" (BAL): the alveoli are the lung's
    if lobe is None or not said & LOBE_STEMS or said & BRONCHUS_STEMS:
        return None
    table = code[:3] + lobe
    found = complete_pcs(conn, table, stems, qualifier, memo)
    if found is None or found.code[:4] != table:
        return None
    how = (
        f"a lobe said: the lung lobe, not its bronchus -> {found.how}"
        if found.how
        else "a lobe: the lung lobe"
    )
    return Completion(found.code, found.title, found.billable, how)
