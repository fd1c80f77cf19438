"""The Workflow Builder custom step "Check claim codes": the claim edits as a step teams put in their workflows.

Inputs `codes` (text: codes in claim order, spaces or commas) and `date_of_service` (a date; today in the team's
time zone when empty); outputs `verdict` (pass or fail) and `findings` (the findings as text, one a line).
Slack sends `function_executed`; Bolt acknowledges it and gives the listener `complete` and `fail`, which call
functions.completeSuccess / functions.completeError with the step's own token. Bad input fails the step with one
clear line, as everywhere else; text that looks like a patient identifier is refused and not echoed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from typing import Any

from slack_bolt import App
from slack_bolt.context.complete import Complete
from slack_bolt.context.fail import Fail

from bot import ids
from bot.commands import code as code_feature
from bot.commands.code_parse import Check, parse_code_command
from bot.lookups.errors import QueryError
from bot.relay.phi import contains_phi
from bot.services import Services

log = logging.getLogger(__name__)
MAX_INPUT = 500


def check_step_outputs(services: Services, inputs: Mapping[str, Any]) -> dict[str, str] | str:
    """The step's outputs, or the one-line reason it cannot run."""
    codes = " ".join(str(inputs.get("codes") or "").replace(",", " ").split())
    if not codes:
        return "Give the codes to check, in claim order (e.g. E11.9 I10)."
    if len(codes) > MAX_INPUT:
        return f"Give at most {MAX_INPUT} characters of codes."
    if contains_phi(codes):
        return "The codes look like they contain patient details; give codes only."
    raw_dos = str(inputs.get("date_of_service") or "").strip()
    command = parse_code_command(f"check {codes}" + (f" dos:{raw_dos}" if raw_dos else ""))
    if not isinstance(command, Check):
        return str(getattr(command, "message", "Those are not codes I can check."))
    dos: date = command.dos or services.today()
    try:
        result = code_feature.check_claim(services.codebook, command.codes, dos)
    except QueryError as error:
        return str(error)
    return {"verdict": result.verdict, "findings": result.report()}


class CheckClaimStep:
    def __init__(self, services: Services) -> None:
        self.services = services

    def on_executed(self, inputs: dict[str, Any], complete: Complete, fail: Fail) -> None:
        try:
            outputs = check_step_outputs(self.services, inputs)
        except Exception:
            log.error("the check claim codes step failed", exc_info=True)
            fail(error="CodeDesk could not check these codes; try again, or run /code check.")
            return
        if isinstance(outputs, str):
            fail(error=outputs)
        else:
            complete(outputs=outputs)


def register(app: App, services: Services) -> None:
    app.function(ids.CHECK_CLAIM_CODES_STEP)(CheckClaimStep(services).on_executed)
