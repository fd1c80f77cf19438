"""Reliability figures: the crash, rate-limit, duplicate-delivery and concurrency scenarios of
tests/reliability at a larger scale, one line each.

    python bench/reliability.py [--kills 300] [--messages 200] [--channels 5] [--events 1000]
                                [--threads 16] [--seconds 20] [--outages 5,30,120] [--questions 30]
                                [--backlog 3000] [--stop-cycles 10]
                                [--only crash,rate,duplicates,concurrency,outage,backlog,hung,stop]

Each line says what was done, how much (kills, messages, events, threads, seconds) and what was lost,
duplicated or half-written, which must be 0. The problems behind any non-zero figure are listed after the
figures and the exit status is 1. About 5 minutes on 2 cores with the defaults.

- crash: a writer process asks, answers, replies, resolves and closes through ClarificationService and is
  SIGKILLed at random moments; afterwards integrity_check, every acknowledged write, no half-written
  clarification, and the outbox drained by a restarted worker with each row sent once.
- rate limits: the outbox sends through a real WebClient to the fake Web API, which answers HTTP 429 with
  Retry-After in three storms (the last one of 12 answers in a row: a 429 is waited out, never counted
  towards giving up); the worker's clock is simulated, so waits cost nothing.
- duplicates: thread-message events, answer clicks and question submissions each delivered 4 times at once
  and once more after a restart (new service objects on the same file).
- concurrency: 16 threads of mixed reads and writes on one database file for 20 s.
- outage: Slack fails every call for 5, 30 and 120 minutes of a simulated clock (refused with 503, dropped,
  or posted and then answered 503 or dropped), while questions are asked before and during it; real HTTP,
  the real WebClient. After recovery every message must be in Slack exactly once and no row given up.
- backlog: 3,000 rows queued to one office's channel; while the server's outbox loop (real time, sender
  threads) works through them, new questions to another office must be posted within 2 s.
- hung: Slack takes an office post and then does not answer; the client gives up after its 10 s timeout.
  Meanwhile questions to another office must be posted within 2 s, and the hung post must be found in the
  channel on its retry, not posted twice.
- stop: `codedesk serve --http` (a real process) stopped by SIGTERM or SIGINT while it sends, 10 times, then
  a last run: each stop exits 0 within 10 s; every message in Slack exactly once. Builds the code database
  first (about 40 s).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_slack import FakeSlack  # noqa: E402
from tests.reliability.scenarios import (  # noqa: E402
    Storm,
    run_concurrency_scenario,
    run_crash_scenario,
    run_duplicate_scenario,
    run_rate_limit_scenario,
)
from tests.reliability.slack_faults import (  # noqa: E402
    run_backlog_scenario,
    run_hung_call_scenario,
    run_outage_scenario,
    run_stop_scenario,
)

STORMS = (
    Storm(at=5.0, count=5, retry_after=2),
    Storm(at=30.0, count=9, retry_after=3),
    Storm(at=70.0, count=12, retry_after=1),
)


class Result(Protocol):
    def line(self) -> str: ...
    def problems(self) -> list[str]: ...


class Results:
    """Several runs of one scenario (the outage at each length): a line each."""

    def __init__(self, results: list[Result]) -> None:
        self.results = results

    def line(self) -> str:
        return "\n".join(r.line() for r in self.results)

    def problems(self) -> list[str]:
        return [p for r in self.results for p in r.problems()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--channels", type=int, default=5)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--outages", default="5,30,120", help="outage lengths in simulated minutes")
    parser.add_argument("--questions", type=int, default=30, help="questions asked during each outage")
    parser.add_argument("--backlog", type=int, default=3000)
    parser.add_argument("--stop-cycles", type=int, default=10)
    parser.add_argument("--only", default="crash,rate,duplicates,concurrency,outage,backlog,hung,stop")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)  # the outbox's retry warnings are summed up in the figures
    logging.getLogger("slack_sdk").setLevel(logging.CRITICAL)  # each dropped connection, logged by the client

    def rate_limits(path: Path) -> Result:
        slack = FakeSlack()
        slack.start()
        try:
            return run_rate_limit_scenario(
                path, slack, messages=args.messages, channels=args.channels, storms=STORMS
            )
        finally:
            slack.stop()

    def with_slack(run: Callable[[Path, FakeSlack], Result]) -> Callable[[Path], Result]:
        def scenario(path: Path) -> Result:
            slack = FakeSlack()
            slack.start()
            try:
                return run(path, slack)
            finally:
                slack.stop()

        return scenario

    def outages(path: Path) -> Result:
        minutes = [float(m) for m in args.outages.split(",") if m.strip()]
        return Results(
            [
                with_slack(partial(run_outage_scenario, minutes=m, questions=args.questions))(
                    path.with_name(f"outage-{m:g}.sqlite")
                )
                for m in minutes
            ]
        )

    def stops(path: Path) -> Result:
        from bot.lookups.codebook import CodeBook

        codebook = CodeBook.open(path.with_name("codes.sqlite"))
        home = path.with_name("home")
        home.mkdir()
        return with_slack(partial(run_stop_scenario, codebook=codebook, home=home, cycles=args.stop_cycles))(
            path
        )

    scenarios: dict[str, Callable[[Path], Result]] = {
        "crash": lambda path: run_crash_scenario(path, kills=args.kills),
        "rate": rate_limits,
        "duplicates": lambda path: run_duplicate_scenario(path, events=args.events, copies=4, threads=4),
        "concurrency": lambda path: run_concurrency_scenario(
            path, threads=args.threads, seconds=args.seconds
        ),
        "outage": outages,
        "backlog": with_slack(partial(run_backlog_scenario, backlog=args.backlog)),
        "hung": with_slack(run_hung_call_scenario),
        "stop": stops,
    }
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(scenarios))
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)}")

    started = time.monotonic()
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="codedesk-reliability-") as tmp:
        for name in wanted:
            result = scenarios[name](Path(tmp) / f"{name}.sqlite")
            print(result.line(), flush=True)
            problems += [f"{name}: {problem}" for problem in result.problems()]
    print(f"total {time.monotonic() - started:.0f} s")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for problem in problems[:50]:
            print(f"  {problem}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
