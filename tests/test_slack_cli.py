"""Slack CLI support: .slack/hooks.json through slack-cli-hooks, manifest.json equal to app_manifest.yaml, and
the start hook (what `slack run` runs) reaching `codedesk serve`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from slack_cli_hooks.hooks.get_hooks import hooks_payload
from slack_cli_hooks.hooks.get_manifest import get_manifest

from scripts.build_manifest import manifest_json

ROOT = Path(__file__).resolve().parents[1]


def test_hooks_json_asks_slack_cli_hooks_for_the_hooks() -> None:
    hooks = json.loads((ROOT / ".slack" / "hooks.json").read_text())
    assert hooks["hooks"]["get-hooks"] == "python3 -m slack_cli_hooks.hooks.get_hooks"
    assert "slack_cli_hooks.hooks.start" in hooks_payload["hooks"]["start"]
    assert json.loads((ROOT / ".slack" / "config.json").read_text())["manifest"]["source"] == "local"


def test_manifest_json_is_the_yaml_manifest() -> None:
    """`slack run` reads manifest.json (the get-manifest hook finds it); it must be app_manifest.yaml exactly."""
    shipped = (ROOT / "manifest.json").read_text(encoding="utf-8")
    assert shipped == manifest_json(), "run: python scripts/build_manifest.py"
    assert json.loads(get_manifest(str(ROOT))) == yaml.safe_load((ROOT / "app_manifest.yaml").read_text())


def test_the_start_hook_runs_codedesk_serve(tmp_path: Path) -> None:
    """The hook runs app.py, which is `codedesk serve` in Socket Mode: without the tokens the CLI provides it
    stops at once with the one-line settings error (a real token would connect to Slack)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CODEDESK_"))}
    env.update(CODEDESK_ENV_FILE="none", CODEDESK_DB=str(tmp_path / "db.sqlite"), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "slack_cli_hooks.hooks.start"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("error: SLACK_BOT_TOKEN is not set")
