"""app_manifest.yaml is valid for Slack, matches bot/ids.py, has a listener for everything, and is documented.

The schema is Slack's (github.com/slackapi/manifest-schema), copied into tests/data/manifest-schema; its
cross-file $refs are served from those copies, so the test never reaches the network.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from bot import ids
from tests.fake_slack import FakeSlack
from tests.scenario import Scenario
from tests.signing import block_actions_body, shortcut_body, slash_command_body, view_submission_body

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).parent / "data" / "manifest-schema"
REMOTE = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/"
MANIFEST: dict[str, Any] = yaml.safe_load((ROOT / "app_manifest.yaml").read_text())

# Which feature module owns each entry point: a listener is required once that module exists.
OWNER = {
    ids.CODE_COMMAND: "bot.commands.code",
    ids.CLARIFY_COMMAND: "bot.commands.clarify",
    ids.ADMIN_COMMAND: "bot.commands.admin",
    ids.ASK_OFFICE_ABOUT_MESSAGE: "bot.commands.clarify",
    ids.NEW_CLARIFICATION: "bot.commands.clarify",
    ids.SHARE_IN_CHANNEL: "bot.commands.code",
    ids.SHOW_MORE: "bot.commands.code",
    ids.SHOW_CHILDREN: "bot.commands.code",
    ids.PIN_CODE: "bot.commands.code",
    ids.ASK_OFFICE: "bot.commands.code",
    ids.CLARIFICATION_ANSWER: "bot.commands.clarify",
    ids.CLARIFICATION_MORE_INFO: "bot.commands.clarify",
    ids.CLARIFICATION_RESOLVE: "bot.commands.clarify",
    ids.CLARIFY_MODAL: "bot.commands.clarify",
    ids.ANSWER_MODAL: "bot.commands.clarify",
    ids.CLOSE_MODAL: "bot.commands.clarify",
    ids.ADMIN_ADD_OFFICE: "bot.commands.admin_modals",
    ids.ADMIN_EDIT_OFFICE: "bot.commands.admin_modals",
    ids.ADMIN_SCHEDULES: "bot.commands.admin_modals",
    ids.SCHEDULE_JOB: "bot.commands.admin_modals",
    ids.OFFICE_MODAL: "bot.commands.admin_modals",
    ids.SCHEDULE_MODAL: "bot.commands.admin_modals",
}


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text())
    return data


def _validator() -> jsonschema.Draft7Validator:
    registry: Registry = Registry().with_resources(
        (REMOTE + name, Resource.from_contents(_load(name), default_specification=DRAFT7))
        for name in ("manifest.schema.1.0.0.json", "manifest.schema.2.0.0.json")
    )
    return jsonschema.Draft7Validator(_load("manifest.schema.json"), registry=registry)


def _require_owner(name: str) -> None:
    module = OWNER[name]
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name != module:
            raise
        pytest.skip(f"{module} is not written yet; {name} needs a listener there")


def test_schema_copy_tells_valid_from_invalid() -> None:
    validator = _validator()
    assert list(validator.iter_errors(_load("v1_manifest.valid.json"))) == []
    assert list(validator.iter_errors(_load("v1_manifest.invalid.json"))) != []


def test_manifest_is_valid_for_slack() -> None:
    errors = sorted(_validator().iter_errors(MANIFEST), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_manifest_matches_ids() -> None:
    features = MANIFEST["features"]
    assert tuple(c["command"] for c in features["slash_commands"]) == ids.COMMANDS
    shortcuts = {s["callback_id"]: s["type"] for s in features["shortcuts"]}
    assert shortcuts == {ids.ASK_OFFICE_ABOUT_MESSAGE: "message", ids.NEW_CLARIFICATION: "global"}
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True


def test_event_scopes_are_granted() -> None:
    needs = {
        "message.channels": "channels:history",
        "message.groups": "groups:history",
        "message.im": "im:history",
    }
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    for event in MANIFEST["settings"]["event_subscriptions"]["bot_events"]:
        if event in needs:
            assert needs[event] in scopes, f"{event} needs the {needs[event]} scope"
    assert "chat:write.public" not in scopes  # least privilege: the bot posts only where it was invited


@pytest.mark.parametrize("command", ids.COMMANDS)
def test_every_command_has_a_listener(command: str, scenario: Scenario, fake_slack: FakeSlack) -> None:
    _require_owner(command)
    body = slash_command_body(command, "help", response_url=fake_slack.response_url("m"))
    assert scenario.run(body).response.status != 404


@pytest.mark.parametrize("callback_id", ids.SHORTCUTS)
def test_every_shortcut_has_a_listener(callback_id: str, scenario: Scenario) -> None:
    _require_owner(callback_id)
    kind = "message" if callback_id == ids.ASK_OFFICE_ABOUT_MESSAGE else "global"
    assert scenario.run(shortcut_body(callback_id, kind=kind)).response.status != 404


@pytest.mark.parametrize("action_id", ids.ACTIONS)
def test_every_action_has_a_listener(action_id: str, scenario: Scenario, fake_slack: FakeSlack) -> None:
    _require_owner(action_id)
    value = {ids.SHOW_MORE: '{"q":"x","o":10}', ids.SHARE_IN_CHANNEL: '{"t":"help","o":0}'}.get(
        action_id, "1"
    )
    body = block_actions_body(action_id, value, response_url=fake_slack.response_url("a"))
    assert scenario.run(body).response.status != 404


@pytest.mark.parametrize("callback_id", ids.VIEWS)
def test_every_modal_has_a_submission_listener(callback_id: str, scenario: Scenario) -> None:
    _require_owner(callback_id)
    assert scenario.run(view_submission_body(callback_id, {})).response.status != 404


def _readme() -> str:
    readme = ROOT / "README.md"
    assert readme.exists(), "README.md is missing"
    return readme.read_text()


def _env_variables() -> list[str]:
    text = (ROOT / ".env.example").read_text()
    return sorted(set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE)))


@pytest.mark.parametrize(
    "name",
    [*ids.COMMANDS, *ids.SHORTCUTS, *ids.ACTIONS, *ids.VIEWS, *_env_variables()],
)
def test_readme_documents(name: str) -> None:
    assert re.search(rf"(?<![\w/]){re.escape(name)}(?![\w-])", _readme()), (
        f"README.md does not mention {name}"
    )


def test_workflow_steps_match_ids_and_have_their_event() -> None:
    assert tuple(MANIFEST["functions"]) == ids.FUNCTIONS
    step = MANIFEST["functions"][ids.CHECK_CLAIM_CODES_STEP]
    assert set(step["input_parameters"]) == {"codes", "date_of_service"}
    assert set(step["output_parameters"]) == {"verdict", "findings"}
    assert "function_executed" in MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    assert MANIFEST["settings"]["function_runtime"] == "remote"
