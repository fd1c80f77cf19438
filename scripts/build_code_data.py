"""Build the compact code data the product ships (bot/lookups/data/*.tsv.gz) from the raw official files.

    python scripts/build_code_data.py --raw ../shared/data [--tabular icd10c-tabular-April-1-2026.xml]

Without --tabular the CDC tabular XML for April 2026 is taken from the `simple-icd-10-cm==1.5.0` wheel
(downloaded with pip into a temporary folder). The output is deterministic (sorted rows, gzip mtime 0), so a
rebuild from the same inputs changes no byte.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.loaders.cdc_tabular import load_tabular  # noqa: E402
from bot.lookups.loaders.cms_files import load_codes_file, load_order_file  # noqa: E402
from bot.lookups.loaders.hcpcs import load_hcpcs  # noqa: E402
from bot.lookups.loaders.mce import load_mce_master  # noqa: E402
from scripts import build_ncci_data  # noqa: E402
from scripts.build_index_data import build as build_index_data  # noqa: E402

OUT = ROOT / "bot" / "lookups" / "data"
TABULAR_WHEEL = "simple-icd-10-cm==1.5.0"
TABULAR_NAME = "icd10c-tabular-April-1-2026.xml"


def clean(value: object) -> str:
    return str(value if value is not None else "").replace("\t", " ").replace("\n", " ").strip()


def write_tsv(name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    path = OUT / name
    count = 0
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(("\t".join(header) + "\n").encode())
        for row in rows:
            gz.write(("\t".join(clean(v) for v in row) + "\n").encode())
            count += 1
    print(f"  {name}: {count:,} rows, {path.stat().st_size / 1024:,.0f} KiB")
    return count


def fetch_tabular() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="codedesk-tabular-"))
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), TABULAR_WHEEL],
        check=True,
    )
    wheel = next(folder.glob("*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        member = next(n for n in zf.namelist() if n.endswith(TABULAR_NAME))
        target = folder / TABULAR_NAME
        target.write_bytes(zf.read(member))
    return target


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--raw", type=Path, required=True, help="the raw data folder (shared/data)")
    parser.add_argument("--tabular", type=Path, help=f"CDC tabular XML ({TABULAR_NAME})")
    args = parser.parse_args(argv)
    raw: Path = args.raw
    tabular_path = args.tabular or fetch_tabular()
    OUT.mkdir(parents=True, exist_ok=True)
    sources: dict[str, str] = {}

    def src(rel: str) -> Path:
        path = raw / rel
        sources[rel] = sha256(path)
        return path

    print("ICD-10-CM tabular", tabular_path.name)
    sources[TABULAR_NAME] = sha256(tabular_path)
    tabular = load_tabular(tabular_path)
    current = {e.code for e in tabular.entries}
    mce_cm = load_mce_master(src("mce/mce_v431_i10dx_master.tsv.gz"))

    # Titles of codes no longer in the current release, newest source first.
    old_titles: dict[str, tuple[str, str]] = {}
    older = load_tabular(src("icd10cm/codes/icd10cm-tabular-April-2025.xml.gz"))
    for entry in older.entries:
        if entry.code not in current and entry.kind in {"category", "code"}:
            old_titles.setdefault(entry.code, (entry.title, "FY2025"))
    for rel, release in [
        ("icd10cm/codes/icd10cm_codes_fy2025_from_drg_pkg.csv.gz", "FY2025"),
        ("icd10cm/codes/icd10cm-codes-2024.txt.gz", "FY2024"),
    ]:
        for row in load_codes_file(src(rel)):
            if row.code not in current:
                old_titles.setdefault(row.code, (row.title, release))
    for row in load_order_file(src("icd10cm/codes/icd10cm-order-Jan-2021.txt.gz")):
        if row.code not in current:
            old_titles.setdefault(row.code, (row.title, "FY2021"))
    mce_codes = {span.code for span in mce_cm}

    print("writing", OUT)
    write_tsv(
        "cm_codes.tsv.gz",
        ["code", "title", "parent", "kind", "billable", "current", "release"],
        [
            *((e.code, e.title, e.parent, e.kind, int(e.billable), 1, "FY2026") for e in tabular.entries),
            *(
                (code, title, "", "code", 1, 0, release)
                for code, (title, release) in sorted(old_titles.items())
                if code in mce_codes
            ),
        ],
    )
    write_tsv(
        "cm_notes.tsv.gz",
        ["code", "kind", "text"],
        ((e.code, kind, text) for e in tabular.entries for kind, text in e.notes),
    )
    write_tsv(
        "cm_seventh.tsv.gz",
        ["code", "char", "meaning"],
        ((e.code, char, meaning) for e in tabular.entries for char, meaning in e.seventh),
    )
    write_tsv(
        "cm_validity.tsv.gz",
        ["code", "start", "end", "flags"],
        (
            (s.code, s.start.isoformat(), s.end.isoformat() if s.end else "", "|".join(sorted(s.flags)))
            for s in mce_cm
        ),
    )

    print("ICD-10-PCS")
    pcs = load_codes_file(src("icd10pcs/icd10pcs-codes-2024.txt.gz"))
    write_tsv("pcs_codes.tsv.gz", ["code", "title"], ((r.code, r.title) for r in pcs))
    mce_pcs = load_mce_master(src("mce/mce_v431_i10pcs_master.tsv.gz"))
    write_tsv(
        "pcs_validity.tsv.gz",
        ["code", "start", "end", "flags"],
        (
            (s.code, s.start.isoformat(), s.end.isoformat() if s.end else "", "|".join(sorted(s.flags)))
            for s in mce_pcs
        ),
    )
    print("HCPCS")
    hcpcs = load_hcpcs(src("hcpcs/2020/HCPC2020_ANWEB_w_disclaimer.txt.gz"))
    write_tsv(
        "hcpcs_codes.tsv.gz",
        ["code", "title", "short_title", "added", "action_effective", "terminated", "action", "modifier"],
        (
            (
                r.code,
                r.long_title,
                r.short_title,
                r.added or "",
                r.action_effective or "",
                r.terminated or "",
                r.action,
                int(r.modifier),
            )
            for r in hcpcs
        ),
    )
    age = (raw / "mce/mce_v431_age_ranges.tsv").read_text()
    sources["mce/mce_v431_age_ranges.tsv"] = sha256(raw / "mce/mce_v431_age_ranges.tsv")
    (OUT / "age_ranges.tsv").write_text(age)
    sources.update(build_index_data(raw, OUT))  # the indexes and tables as trees, the PCS axes

    sources.update(build_ncci_data.build(raw, OUT))  # HCPCS Level II NCCI PTP pairs
    manifest = {
        "releases": {
            "cm": {"name": f"ICD-10-CM FY{tabular.version} (April 2026)", "effective": "2026-04-01"},
            "pcs": {
                "name": "ICD-10-PCS titles FY2024, validity MCE v43.1 (to FY2026)",
                "effective": "2025-10-01",
            },
            "hcpcs": {"name": "HCPCS Level II 2020 annual file", "effective": "2020-01-01"},
        },
        "covers": {
            "cm": ["2015-10-01", "2026-09-30"],
            "pcs": ["2015-10-01", "2026-09-30"],
            "hcpcs": ["2020-01-01", "2020-12-31"],
        },
        "sources": sources,
    }
    (OUT / "release.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    print("done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
