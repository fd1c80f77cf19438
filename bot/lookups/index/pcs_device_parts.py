"""A device put in, taken out, changed or revised with no body part said: the body part its body system allows.

The ICD-10-PCS Index lists each device under its own main term, with the device operations done with it and,
below each, the body parts the tables allow them in: "Tracheostomy Device - Change device in, Trachea 0B21XFZ";
"Contraceptive Device - Removal of device from - Subcutaneous Tissue and Fascia, Trunk 0JPT ...; Uterus and
Cervix 0UPD". The Index's Device Key sends a device's common name to that main term and names the body system
it is used in: "Tracheostomy tube - use Tracheostomy Device in Respiratory System", "Intrauterine device (IUD) -
use Contraceptive Device in Female Reproductive System". A record that says "tracheostomy tube change" or "IUD
removal" names no body part, because the device says where it is: a coder reads the device's line for the
operation, keeps the body parts of the body system the key names, and codes the one that is left (an IUD is
taken out of the uterus and cervix, not out of the subcutaneous tissue a contraceptive implant lies in).

Here, when an Index walk ends at a device main term's operation line ("... device in", "... device from": no
code, no reference, subterms with codes) and the query says none of the body parts below it, the body parts in
the body system of a Device Key line the query says (every word of its name) for this device are read, or all
of them when no said key line names a system; when exactly one is left, it is the walk's last line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.lookups.index.pcs_keys import key_name, names_key
from bot.lookups.index.store import pcs_use_lines
from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.words import content_stems, stem

DEVICE = stem("device")
# A Device Key line's value: "<device value> in <body system>" (a Body Part Key line names no system).
IN_SYSTEM = " in "
TABLE = re.compile(r"[0-9a-z]{3}")  # a key line naming a table, not a body system ("in **0JH**")
KeyLine = tuple[str, str, str]  # (the key line's term, the device value it sends to, the body system)


def _key_lines(tree: IndexTree, word: str) -> tuple[KeyLine, ...]:
    """The PCS Device Key lines holding a word in their main term whose value names a body system (kept per
    tree, in its bounded memo)."""
    key = ("device key systems", word)
    kept = tree.memo.get(key)
    if isinstance(kept, tuple):
        return kept
    found: list[KeyLine] = []
    for term, value in pcs_use_lines(tree.conn, word):
        if IN_SYSTEM in value:
            device, system = value.rsplit(IN_SYSTEM, 1)
            found.append((term, device.strip().lower(), system.replace("*", "").strip().lower()))
    out = tuple(found)
    tree.memo[key] = out
    return out


def _system_tables(tree: IndexTree, system: str) -> frozenset[str]:
    """The section and body system characters the PCS Index gives a body system's name ("Respiratory System"
    -> "0B"), read from its references printing a table ("see Bypass, Respiratory System 0B1"); kept per tree."""
    key = ("pcs body system", system)
    kept = tree.memo.get(key)
    if isinstance(kept, frozenset):
        return kept
    rows = tree.conn.execute(
        "SELECT DISTINCT substr(code, 1, 2) FROM index_refs "
        "WHERE book = 'pcs' AND length(code) = 3 AND lower(reference) LIKE ?",
        [f"%, {system}=%"],
    ).fetchall()
    out = frozenset(str(r[0]).upper() for r in rows)
    tree.memo[key] = out
    return out


def _coded_leaves(tree: IndexTree, line: Node) -> list[Node]:
    """The lines below `line` that print a code (a body part, or a body part's side)."""
    out: list[Node] = []
    stack = list(reversed(tree.children(line.id)))
    while stack:
        node = stack.pop()
        if node.code:
            out.append(node)
        elif node.last > node.id:
            stack.extend(reversed(tree.children(node.id)))
    return out


DevicePart = tuple[list[Node], frozenset[str]]


def device_body_part(tree: IndexTree, line: Node, by_stem: Mapping[str, object]) -> DevicePart | None:
    """The lines from `line` down to the one body part a device operation line leaves (see the module's
    docstring), with the query's stems that name the device by a Device Key line (read as said: the key says
    the name is that device); None when no one body part is left."""
    if line.book != "pcs" or line.code or line.depth == 0 or line.last <= line.id:
        return None
    if DEVICE not in content_stems(line.term):
        return None
    main = tree.path(line.id)[0]
    leaves = _coded_leaves(tree, line)
    if not leaves:
        return None
    said = frozenset(by_stem)
    below = {n.id: n for leaf in leaves for n in tree.path(leaf.id) if n.depth > line.depth}
    if any(content_stems(n.term) & said for n in below.values()):
        return None  # (a body part said is walked as it is)
    device = main.term.lower()
    keyed = [
        (system, key_name(term))
        for word in said
        for term, value, system in _key_lines(tree, word)
        if value.split(",")[0] == device and names_key(term, said)
    ]
    if not keyed and not content_stems(main.term) - {DEVICE} <= said:
        return None  # the device is said by its own name or by a key line's
    if keyed:
        # (a key line may name the table itself: "Activa PC neurostimulator - use Stimulator Generator, Multiple
        # Array in 0JH")
        tables = frozenset(
            t
            for system, _ in keyed
            for t in ((system.upper(),) if TABLE.fullmatch(system) else _system_tables(tree, system))
        )
        leaves = [leaf for leaf in leaves if any(leaf.code.upper().startswith(t) for t in tables)]
    if len(leaves) != 1:
        return None
    named = frozenset(s for _, name in keyed for s in name)
    return [n for n in tree.path(leaves[0].id) if n.depth > line.depth], named
