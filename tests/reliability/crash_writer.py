"""Child process of the crash scenario: writes through ClarificationService until it is killed.

    python -m tests.reliability.crash_writer DB_PATH_OR_POSTGRESQL_URL RUN_ID SEED

Prints `ready` once the database is open, then one line per write *after* it committed (flushed at once):
`asked <id>`, `answered <id>`, `reply <reply id> <event id>`, `more_info <reply id>`, `resolved <id>`,
`closed <id>`. A line on stdout is therefore a promise: the parent checks every one survived the SIGKILL.

The crash scenario (tests/reliability/scenarios.py) starts each writer with `run_forked`: a process forked from a
multiprocessing fork server that imported this module once, its stdout and stderr the pipes the parent reads.
Each writer is still its own process opening its own connections; it no longer spends about half a second of
CPU importing Python modules first (200 writers in the slow test).
"""

from __future__ import annotations

import os
import random
import sys
from multiprocessing.connection import Connection

from bot.relay.service import Actor, ClarificationService
from bot.relay.work_calendar import preload
from storage.clarifications import ANSWERED_OUTCOMES, Answer, ReplySide
from tests.reliability.world import (
    CLINICAL_OPTIONS,
    Organisation,
    Store,
    ask_one,
    count,
    rows,
    store_from_arg,
    utc_now,
)


def _pick(store: Store, states: tuple[str, ...], rng: random.Random) -> tuple[int, int, Actor] | None:
    """A random clarification in one of `states`: (id, office id, asker)."""
    marks = ", ".join("?" for _ in states)
    found = count(store, f"SELECT count(*) FROM clarifications WHERE state IN ({marks})", states)
    if not found:
        return None
    [row] = rows(
        store,
        f"SELECT id, office_id, asker_id, asker_team FROM clarifications WHERE state IN ({marks}) "
        "ORDER BY id LIMIT 1 OFFSET ?",
        [*states, rng.randrange(found)],
    )
    return int(row[0]), int(row[1]), Actor(str(row[2]), str(row[3]))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> None:
    store, run_id, seed = store_from_arg(argv[0]), argv[1], int(argv[2])
    rng = random.Random(seed)
    service = ClarificationService(store.factory(), utc_now)
    preload()  # as bot.services.build_relay does when a server starts
    db = store.connect()
    org = Organisation.load(db)
    db.close()
    say("ready")
    operations = ["ask"] * 4 + ["answer"] * 2 + ["reply"] * 3 + ["more_info", "resolve", "close"]
    for n in range(1_000_000):
        key = f"{run_id}-{n}"
        operation = rng.choice(operations)
        if operation == "ask":
            say(f"asked {ask_one(service, org, rng, key)}")
            continue
        states = {"answer": ("open",), "more_info": ("open",), "close": ("open",), "resolve": ("answered",)}
        picked = _pick(store, states.get(operation, ("open", "answered")), rng)
        if picked is None:
            continue
        cid, office_id, asker = picked
        staff = rng.choice(org.staff[office_id])
        if operation == "answer":
            service.answer(cid, staff, Answer(choice=rng.choice(CLINICAL_OPTIONS)), key)
            say(f"answered {cid}")
        elif operation == "reply":
            side = rng.choice(list(ReplySide))
            author = asker if side is ReplySide.ASKER else staff
            event_id = f"Ev{key}"
            reply = service.add_reply(cid, side, author, f"Reply {key}: see the progress note", event_id)
            if reply is not None:
                say(f"reply {reply.id} {event_id}")
        elif operation == "more_info":
            info = service.request_more_info(cid, staff, f"Need the operative note ({key})", key)
            say(f"more_info {info.id}")
        elif operation == "resolve":
            service.resolve(cid, asker, rng.choice(ANSWERED_OUTCOMES))
            say(f"resolved {cid}")
        else:
            service.close_unanswered(cid, asker, f"No answer after two follow-ups ({key})")
            say(f"closed {cid}")


def run_forked(stdout: Connection, stderr: Connection, argv: list[str]) -> None:
    """`main(argv)` in a process forked from the fork server, writing to the parent's pipes (see the docstring)."""
    os.dup2(stdout.fileno(), 1)
    os.dup2(stderr.fileno(), 2)
    stdout.close()
    stderr.close()
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 - the process's own stdout, for its life
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
    main(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
