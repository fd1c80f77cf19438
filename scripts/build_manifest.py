"""Write manifest.json from app_manifest.yaml: the same manifest, as the Slack CLI reads it (`slack run`).

    python scripts/build_manifest.py          # writes manifest.json beside app_manifest.yaml
    python scripts/build_manifest.py --check  # exit 1 when manifest.json is out of date

app_manifest.yaml stays the one to edit (it carries comments); tests/test_slack_cli.py checks the two agree.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "app_manifest.yaml"
TARGET = ROOT / "manifest.json"


def manifest_json(source: Path = SOURCE) -> str:
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that manifest.json is current")
    args = parser.parse_args(argv)
    wanted = manifest_json()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != wanted:
            print("manifest.json is out of date: run python scripts/build_manifest.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(wanted, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
