"""A PCS Index reference that prints a table's code names a body system, not a body part line.

The ICD-10-PCS Index sends a procedure to a root operation and a body system where the body part is left to the
coder: "Endarterectomy - see Extirpation, Upper Arteries 03C; see Extirpation, Lower Arteries 04C". The three
characters printed (section, body system, root operation) are a table, and the coder picks the body part row
from what the record says ("left femoral": 04CL, Femoral Artery, Left). The body system's name can also spell
an Index line under the root operation ("Extirpation, Artery, Upper 03CY", the catch-all Upper Artery body
part); that line is not what the reference names. So a reference whose printed code is a table (three
characters) is completed from the table with the query's words, not from a body part line its words meet.
"""

from __future__ import annotations

from bot.lookups.index.tree import Node, Reference

TABLE_LENGTH = 3  # section, body system, root operation: "03C"


def names_body_system_line(reference: Reference, target: Node) -> bool:
    """Whether a PCS reference printing a table ("Extirpation, Upper Arteries=03C") resolved to a body part
    line of that table ("Artery, Upper 03CY") by its body system's words."""
    if reference.book != "pcs" or not target.code:
        return False
    table = reference.code.replace(".", "").upper()
    line = target.code.replace(".", "").upper()
    return len(table) == TABLE_LENGTH and len(line) > TABLE_LENGTH and line.startswith(table)
