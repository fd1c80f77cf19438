"""The Body Part Key names the body part value, not the qualifier (completion.complete_pcs): "Uterine artery - use
Internal Iliac Artery" sends the uterine artery to the Internal Iliac Artery's rows, where the Occlusion table's
qualifier names the branch itself (Uterine Artery, Prostatic Artery). A qualifier the query's own word names
comes before one only the key's words, or the words of an Index line the query did not say, name."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_the_branch_the_query_names_is_the_occlusions_qualifier(codebook: CodeBook) -> None:
    # 04L: Occlusion of Left Internal Iliac Artery, qualifier U Uterine Artery, Left (not Z, the trunk itself)
    assert _first(codebook, "percutaneous embolization of left uterine artery with coils") == "04LF3DU"
    # "Prostatic artery - use Internal Iliac Artery"; qualifier W Prostatic Artery, Left - not the Uterine
    # Artery of the Index line "Uterine artery embolization (UAE)" the walk reads "artery embolization" from
    assert _first(codebook, "prostatic artery embolization left, percutaneous") == "04LF3ZW"
