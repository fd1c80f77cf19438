"""HCPCS lines that report, not bill: the I/OCE status indicator M.

The CMS Integrated Outpatient Code Editor gives every HCPCS Level II code an OPPS status indicator; M is
"items and services not billable to the MAC". Most of its 1,384 current codes are quality-data lines (G8xxx,
G9xxx, M1xxx: "Patient had only urgent care visits during the performance period", "A finding of an
incidental pulmonary nodule"), reported beside a claim's real lines to tell a measure's numerator or
exclusion. A coder never reports one for a diagnosis, an item or a service the query asks for: the condition
goes to ICD-10-CM, the item or service to its billable line. So when such a line leads only because it says
the query's words (its descriptor restates a condition: "39 weeks" in "Del < 39 weeks gest"), the first later
answer that reads as much of the query leads instead. A query quoting the measure itself ("performance met
multimodal pain management was used") is read best by its own line, which stays first; so are the lines of
M that bill another contractor (inhalation drugs through DME, J76xx) when nothing else reads as much.

The status comes from the I/OCE file's own column (scripts/build_code_data.py stores it, `code_status`).
"""

from __future__ import annotations

from collections.abc import Sequence

NOT_BILLABLE_TO_MAC = "M"  # the OPPS status indicator of items and services not billable to the MAC


def reading_instead(first_unread: int, later: Sequence[tuple[int, bool]]) -> int | None:
    """Which later answer leads instead of a reporting-only first one: the first that may answer (a
    billable code, not another reporting-only line) and leaves no more of the query's words unread than the
    first does; `later` holds (words it leaves unread, whether it may answer) in order. None: the first
    stays (it reads the query better than every other answer: the query asks for it - a measure quoted,
    "patient care survey was not completed by patient", or a drug billed to another contractor).

    A condition's code leaving one word more unread than the line restating it is not preferred: its
    reading is then no more the query's than the line's ("albuterol neb solution" is no poisoning)."""
    for n, (unread, may_answer) in enumerate(later):
        if may_answer and unread <= first_unread:
            return n
    return None
