"""Build the word lists the PHI guard ships (bot/relay/data/phi_words.tsv.gz).

    python scripts/build_phi_words.py --raw ../shared/data [--names DIR]

Three kinds of words, one line per kind: `kind<TAB>word word word ...` (sorted; a word may be of several kinds):
- `given`: given names from the US Census Bureau's 1990 name files (public domain; `dist.female.first` and
  `dist.male.first` as shipped in the `names==0.3.0` sdist, downloaded with pip when --names is not given),
  the most frequent ones covering 90% of people, plus given names common today that the 1990 files lack;
- `surname`: the 5,000 most frequent family names of the same census (`dist.all.last`);
- `clinical`: every word of the shipped code titles and index terms (ICD-10-CM, ICD-10-PCS, HCPCS), the curated
  vocabulary, and the ICD-10-CM Table of Drugs and Chemicals: the clinical vocabulary, eponyms ("Charcot",
  "Hodgkin", "Graves") and drug names included, that ordinary clinical text is written in.
The output is deterministic (sorted, gzip mtime 0).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_DATA = ROOT / "bot" / "lookups" / "data"
OUT = ROOT / "bot" / "relay" / "data"
NAMES_SDIST = "names==0.3.0"
GIVEN_COVERAGE = 90.0  # cumulative percent of people whose given name is kept
SURNAMES = 5000
_WORD = re.compile(r"[a-z][a-z']*[a-z]")

# Given names frequent among US births since 1990 or in the communities served, missing from the 1990 files.
RECENT_GIVEN = [
    "aiden",
    "jayden",
    "brayden",
    "caden",
    "nevaeh",
    "madison",
    "addison",
    "mackenzie",
    "makayla",
    "kaylee",
    "brianna",
    "destiny",
    "jada",
    "jaden",
    "khloe",
    "aaliyah",
    "jasmine",
    "xavier",
    "elijah",
    "isaiah",
    "josiah",
    "jeremiah",
    "ezekiel",
    "camila",
    "valentina",
    "ximena",
    "mateo",
    "santiago",
    "sebastian",
    "diego",
    "alejandro",
    "fernando",
    "guadalupe",
    "juana",
    "lucia",
    "sofia",
    "ana",
    "yesenia",
    "yolanda",
    "araceli",
    "rocio",
    "mohammed",
    "muhammad",
    "ahmed",
    "ahmad",
    "ali",
    "omar",
    "fatima",
    "aisha",
    "amina",
    "hassan",
    "hussein",
    "yusuf",
    "ibrahim",
    "mustafa",
    "layla",
    "zainab",
    "wei",
    "li",
    "mei",
    "jin",
    "ling",
    "hui",
    "xiao",
    "yan",
    "hong",
    "jun",
    "ming",
    "hiroshi",
    "yuki",
    "kenji",
    "akira",
    "haruto",
    "sakura",
    "takeshi",
    "priya",
    "raj",
    "anil",
    "sunita",
    "rahul",
    "amit",
    "deepak",
    "pooja",
    "anjali",
    "vijay",
    "ravi",
    "sanjay",
    "neha",
    "arjun",
    "kavya",
    "aditya",
    "nguyen",
    "thi",
    "minh",
    "thanh",
    "huong",
    "linh",
    "tuan",
    "duc",
    "oluwaseun",
    "chidi",
    "ngozi",
    "adebayo",
    "kwame",
    "akosua",
    "amara",
    "chioma",
    "obinna",
    "emeka",
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_names() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="codedesk-names-"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--no-binary",
            ":all:",
            "-q",
            "-d",
            str(folder),
            NAMES_SDIST,
        ],
        check=True,
    )
    sdist = next(folder.glob("names-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        tar.extractall(folder, filter="data")
    return next(folder.glob("names-*/names"))


def census(path: Path) -> list[tuple[str, float]]:
    """(name, cumulative percent) in frequency order."""
    rows = []
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4:
            rows.append((parts[0].lower(), float(parts[2])))
    return rows


def given_names(folder: Path) -> set[str]:
    kept = set(RECENT_GIVEN)
    for file in ("dist.female.first", "dist.male.first"):
        kept |= {name for name, cumulative in census(folder / file) if cumulative <= GIVEN_COVERAGE}
    return kept


def surnames(folder: Path) -> set[str]:
    return {name for name, _ in census(folder / "dist.all.last")[:SURNAMES]}


def words_of(text: str) -> set[str]:
    return {w.strip("'") for w in _WORD.findall(text.lower().replace("’", "'")) if len(w) >= 3}


def clinical_words(raw: Path) -> set[str]:
    words: set[str] = set()
    for name, columns in (
        ("cm_codes.tsv.gz", ("title",)),
        ("index_cm.tsv.gz", ("term", "modifiers", "see", "see_also")),
        ("index_ext.tsv.gz", ("term", "modifiers")),
        ("index_drug.tsv.gz", ("term", "modifiers")),
        ("index_neoplasm.tsv.gz", ("term", "modifiers")),
        ("cm_notes.tsv.gz", ("text",)),
        ("pcs_codes.tsv.gz", ("title",)),
        ("index_pcs.tsv.gz", ("term", "see")),
        ("hcpcs_codes.tsv.gz", ("title", "short_title")),
    ):
        with gzip.open(CODE_DATA / name, "rt", encoding="utf-8") as rows:
            for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
                for column in columns:
                    words |= words_of(row.get(column) or "")
    vocabulary = (CODE_DATA / "terms.tsv").read_text(encoding="utf-8")
    words |= words_of(vocabulary)
    drugs = raw / "icd10cm" / "tables" / "ICD10CM_2025_Drugs.csv.gz"
    with gzip.open(drugs, "rt", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            words |= words_of(row.get("Term") or "")
    return words


def write(words: dict[str, set[str]]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "phi_words.tsv.gz"
    kinds = ("given", "surname", "clinical")
    body = "".join(
        f"{kind}\t{' '.join(sorted(w for w, k in words.items() if kind in k))}\n" for kind in kinds
    )
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(body.encode("utf-8"))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, required=True, help="the raw official data (../shared/data)")
    parser.add_argument(
        "--names", type=Path, help="folder with the census dist.* files (default: pip download)"
    )
    args = parser.parse_args(argv)
    folder = args.names or fetch_names()
    words: dict[str, set[str]] = {}
    for kind, found in (
        ("given", given_names(folder)),
        ("surname", surnames(folder)),
        ("clinical", clinical_words(args.raw)),
    ):
        for word in found:
            words.setdefault(word, set()).add(kind)
    path = write(words)
    counts = {
        kind: sum(kind in kinds for kinds in words.values()) for kind in ("given", "surname", "clinical")
    }
    sources = {
        "census": {f: sha256(folder / f) for f in ("dist.female.first", "dist.male.first", "dist.all.last")},
        "drugs": sha256(args.raw / "icd10cm" / "tables" / "ICD10CM_2025_Drugs.csv.gz"),
    }
    provenance = {"file": path.name, "sha256": sha256(path), "counts": counts, "sources": sources}
    (OUT / "phi_words.json").write_text(json.dumps(provenance, indent=2, sort_keys=True) + "\n")
    buffer = io.StringIO()
    json.dump(counts, buffer)
    print(f"{path.relative_to(ROOT)}: {buffer.getvalue()}, {path.stat().st_size / 1024:,.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
