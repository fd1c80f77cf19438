"""A plain (non-editable) install carries every shipped data file, and release.json vouches for each of them.

`.ci/run` also builds the wheel, installs it into a fresh venv and runs `codedesk check` and `codedesk data`."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bot" / "lookups" / "data"


def test_package_data_declares_every_shipped_data_file() -> None:
    # Issue #11: `pip install .` left out release.json, so the installed `codedesk serve` crashed on first start.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["bot.lookups.data"]
    shipped = [p.name for p in DATA.iterdir() if p.is_file() and p.suffix != ".py"]
    missing = [name for name in shipped if not any(fnmatch.fnmatch(name, pattern) for pattern in patterns)]
    assert "release.json" in shipped and missing == []


def test_release_json_records_the_hash_of_every_shipped_file() -> None:
    manifest = json.loads((DATA / "release.json").read_text())
    shipped = {p.name for p in DATA.iterdir() if p.is_file() and p.suffix in {".gz", ".tsv"}}
    assert set(manifest["outputs"]) == shipped
    for name, digest in manifest["outputs"].items():
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest()[:16] == digest, name
    assert all(len(digest) == 16 for digest in manifest["sources"].values())
