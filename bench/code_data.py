"""Code data benchmark: first-run preparation of the code database, and the PCS titles derived from axes.

    python bench/code_data.py [--raw ../shared/data] [--sample 1500]

1. Prepares a fresh code database from the shipped data in a child process (as the first `codedesk` run
   does) and prints its wall time, the child's peak RSS, the database size and the shipped data size.
2. Leave-one-out check of the PCS title derivation (bot/lookups/loaders/pcs_titles.py): `--sample` codes
   whose official title is known are titled again from the others, in batches of 100; prints how many come
   out exactly right, wrong, or untitled. Needs the raw files (`--raw`); skipped without them.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.loaders.addenda import load_addenda  # noqa: E402
from bot.lookups.loaders.cms_files import load_codes_file  # noqa: E402
from bot.lookups.loaders.pcs_titles import derive_titles  # noqa: E402

PREPARE = "from pathlib import Path; import sys; from bot.lookups.codebook import prepare; prepare(Path(sys.argv[1]))"


def bench_prepare() -> None:
    with tempfile.TemporaryDirectory(prefix="codedesk-bench-") as folder:
        target = Path(folder) / "codes.sqlite"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", PREPARE, str(target)], check=True, cwd=ROOT)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mb = target.stat().st_size / 1_000_000
    data = ROOT / "bot" / "lookups" / "data"
    shipped_mb = (
        sum(p.stat().st_size for p in data.iterdir() if p.is_file() and p.suffix != ".py") / 1_000_000
    )
    print(
        f"first-run preparation: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB; "
        f"code database {size_mb:.0f} MB; shipped data {shipped_mb:.1f} MB"
    )


def bench_pcs_titles(raw: Path, sample: int) -> None:
    titled = {r.code: r.title for r in load_codes_file(raw / "icd10pcs/icd10pcs-codes-2024.txt.gz")}
    for r in load_codes_file(raw / "icd10pcs/icd10pcs_codes_apr2024_tuva.csv.gz"):
        titled.setdefault(r.code, r.title)
    for row in load_addenda(raw / "icd10pcs/fy2027/icd10pcs_codes_addenda_2027.transcribed.txt").rows:
        if row.action in {"add", "revise_to"}:
            titled[row.code] = row.title
    picked = random.Random(1).sample(sorted(titled), sample)
    right = wrong = untitled = 0
    started = time.perf_counter()
    for start in range(0, len(picked), 100):
        batch = set(picked[start : start + 100])
        derived = derive_titles({c: t for c, t in titled.items() if c not in batch}, batch)
        for code in batch:
            if code not in derived:
                untitled += 1
            elif derived[code].title == titled[code]:
                right += 1
            else:
                wrong += 1
    print(
        f"PCS titles from axis values, leave-one-out on {sample:,} titled codes: {right:,} exact, "
        f"{wrong:,} wrong, {untitled:,} left untitled ({time.perf_counter() - started:.0f} s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--raw", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sample", type=int, default=1500)
    args = parser.parse_args()
    bench_prepare()
    if (args.raw / "icd10pcs").is_dir():
        bench_pcs_titles(args.raw, args.sample)
    else:
        print(f"PCS title check skipped: no raw data at {args.raw}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
