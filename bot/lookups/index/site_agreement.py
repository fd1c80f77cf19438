"""The body part the query names, checked against the code's title: a shoulder is no knee.

Before accepting a code a coder reads its title against the record's site: "R shoulder popped out anteriorly"
is not S83.114A "Anterior dislocation of proximal end of tibia, right knee", however well the rest of its
words match. When the first answer's title names a body part the query does not and leaves one the query
names unsaid, the first of the next answers of its chapter that says the query's body parts (in its title or
Index path) and names fewer body parts the query does not say takes its place, if it reads as much of the
query (S43.004A "Unspecified dislocation of right shoulder joint").

The body parts are read from the data, not listed: a word is a body part when it is a word of an ICD-10-PCS
body part value (the Medical and Surgical tables' fourth axis) and its first WordNet noun sense is a part of
the body (noun.body: "knee", "shoulder", "cervix", "anus"; not "upper", "anterior", "right"); an adjective is
read by the noun WordNet says it pertains to ("anal" -> anus, "renal" -> kidney).
"""

from __future__ import annotations

from collections.abc import Collection


def site_contradicted(
    said: Collection[str], title_sites: Collection[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The body parts the query names that the first answer's title leaves unsaid, and those its title names
    that the query does not; both empty unless both are there (a title naming no other site, or saying all
    the query's, is no contradiction)."""
    unsaid = frozenset(said) - frozenset(title_sites)
    extra = frozenset(title_sites) - frozenset(said)
    if not unsaid or not extra:
        return frozenset(), frozenset()
    return unsaid, extra


def says_the_sites(
    unsaid: Collection[str],
    extra: Collection[str],
    said: Collection[str],
    sites: Collection[str],
    title_sites: Collection[str],
) -> bool:
    """Whether a later answer says the body parts the first left unsaid (`sites`: its title's and path's) and
    its title names fewer body parts the query does not say than the first's (`extra`)."""
    return not (frozenset(unsaid) - frozenset(sites)) and len(frozenset(title_sites) - frozenset(said)) < len(
        extra
    )
