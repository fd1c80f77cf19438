"""Build the shipped NCCI PTP table (bot/lookups/data/ncci_hcpcs.tsv.gz) from the raw I/OCE extract.

    python scripts/build_ncci_data.py --raw ../shared/data

Only pairs whose two codes are HCPCS Level II (a letter and four digits) are kept: pairs with a CPT code are AMA
material and come only from an NCCI file the user imports. Rows with indicator 9 (not applicable) are dropped.
The output is sorted and gzipped with mtime 0, so the same input gives the same bytes. `scripts/build_code_data.py`
calls `build()`; run alone, this script also records the source's hash in release.json.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.loaders.ncci import load_ncci_ptp  # noqa: E402

SOURCE = "ncci/ioce_ncci_ptp_outpatient_2019Q3-2026Q2.tsv.gz"
OUTPUT = "ncci_hcpcs.tsv.gz"
HCPCS_LEVEL_2 = re.compile(r"^[A-V][0-9]{4}$")


def build(raw: Path, out: Path) -> dict[str, str]:
    """Write ncci_hcpcs.tsv.gz; return {source path: hash} for release.json."""
    path = raw / SOURCE
    rows = sorted(
        {
            (
                r.column1,
                r.column2,
                int(r.modifier_allowed),
                r.start.isoformat(),
                r.end.isoformat() if r.end else "",
            )
            for r in load_ncci_ptp(path)
            if HCPCS_LEVEL_2.match(r.column1) and HCPCS_LEVEL_2.match(r.column2)
        }
    )
    target = out / OUTPUT
    with (
        target.open("wb") as raw_out,
        gzip.GzipFile(fileobj=raw_out, mode="wb", mtime=0, compresslevel=9) as gz,
    ):
        gz.write(b"column1\tcolumn2\tmodifier\tstart\tend\n")
        for row in rows:
            gz.write(("\t".join(str(v) for v in row) + "\n").encode())
    print(f"  {OUTPUT}: {len(rows):,} HCPCS Level II pairs, {target.stat().st_size / 1024:,.0f} KiB")
    return {SOURCE: hashlib.sha256(path.read_bytes()).hexdigest()[:16]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--raw", type=Path, required=True, help="the raw data folder (shared/data)")
    args = parser.parse_args(argv)
    out = ROOT / "bot" / "lookups" / "data"
    sources = build(args.raw, out)
    manifest_path = out / "release.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["sources"].update(sources)
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
