"""Build the compact code data the product ships (bot/lookups/data/*.tsv.gz) from the raw official files.

    python scripts/build_code_data.py --raw ../shared/data [--tabular icd10c-tabular-April-1-2026.xml]

Without --tabular the CDC tabular XML for April 2026 is taken from the `simple-icd-10-cm==1.5.0` wheel
(downloaded with pip into a temporary folder). The output is deterministic (sorted rows, gzip mtime 0), so a
rebuild from the same inputs changes no byte.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.lookups.changes import ChangeEvent, SimpleSpan, release_label, span_changes  # noqa: E402
from bot.lookups.loaders.addenda import load_addenda  # noqa: E402
from bot.lookups.loaders.cdc_tabular import TabularRelease, load_tabular  # noqa: E402
from bot.lookups.loaders.cms_files import load_codes_file, load_order_file  # noqa: E402
from bot.lookups.loaders.hcpcs import HcpcsRow, load_hcpcs  # noqa: E402
from bot.lookups.loaders.hcpcs_context import (  # noqa: E402
    code_context,
    range_groups,
    read_betos_table,
    still_read_in,
)
from bot.lookups.loaders.indexes import load_xml_index_tree  # noqa: E402
from bot.lookups.loaders.ioce import QuarterRow, load_ioce_hcpcs, load_ioce_versions  # noqa: E402
from bot.lookups.loaders.mce import ValiditySpan, load_mce_master  # noqa: E402
from bot.lookups.loaders.pcs_titles import derive_titles  # noqa: E402
from bot.lookups.loaders.short_descriptors import Reader, learn_abbreviations, words_of  # noqa: E402
from scripts import build_ncci_data  # noqa: E402
from scripts.build_index_data import build as build_index_data  # noqa: E402

OUT = ROOT / "bot" / "lookups" / "data"
MCE = "mce_v44"
CM_FROM, CM_THROUGH = "2015-10-01", "2027-09-30"
FY2027_START = "2026-10-01"
FY2027 = date(2026, 10, 1)
CM_ADDENDA = "icd10cm/fy2027/icd10cm_order_addenda_2027.txt"
CM_DERIVED = "icd10cm/fy2027/icd10cm_codes_2027_derived.tsv.gz"
PCS_ADDENDA = "icd10pcs/fy2027/icd10pcs_codes_addenda_2027.transcribed.txt"
IOCE = "hcpcs/ioce/ioce_hcpcs_level2_2019Q3-2026Q2.tsv.gz"
IOCE_VERSIONS = "hcpcs/ioce/ioce_versions.tsv"
HCPCS_2020 = "hcpcs/2020/HCPC2020_ANWEB_w_disclaimer.txt.gz"
HCPCS_LAYOUT = "hcpcs/2019/HCPCS2019_recordlayout.txt"  # the annual file's layout, with its BETOS_TB table
NOT_BILLED = "M"  # the OPPS status indicator of items and services not billable to the MAC (quality data)
DRUG_TABLE = "icd10cm/tables/icd10cm-drug-April-2025.xml.gz"

# Where each title comes from: the key is stored per code, the wording is shown with it.
TITLE_SOURCES = {
    "cm-addenda-2027": "ICD-10-CM FY2027 order addenda (official)",
    "cm-tabular-2026": "ICD-10-CM tabular, April 2026 (official)",
    "cm-derived-2027": "FY2027 code list derived from the April 2026 titles and the FY2027 addenda (derived)",
    "cm-tabular-2025": "ICD-10-CM tabular, April 2025 (official)",
    "cm-codes-2025": "ICD-10-CM FY2025 codes list (official titles)",
    "cm-codes-2024": "ICD-10-CM FY2024 codes file (official)",
    "cm-order-2021": "ICD-10-CM order file, January 2021 (official)",
    "pcs-addenda-2027": "ICD-10-PCS FY2027 codes addenda (official)",
    "pcs-codes-2024": "ICD-10-PCS FY2024 codes file (official)",
    "pcs-codes-2024-april": "ICD-10-PCS FY2024 April update codes list (official titles)",
    "pcs-derived-axes": "derived from the titles of codes sharing its axis values (derived)",
    "none": "title not in the loaded data",
    "hcpcs-2020-long": "HCPCS 2020 annual file, long descriptor (official; short descriptor unchanged since)",
    "hcpcs-ioce-short": "CMS I/OCE quarterly HCPCS short descriptor (official)",
}
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


Source = Callable[[str], Path]


def validity_rows(spans: Iterable[ValiditySpan]) -> Iterable[tuple[str, str, str, str]]:
    return (
        (s.code, s.start.isoformat(), s.end.isoformat() if s.end else "", "|".join(sorted(s.flags)))
        for s in spans
    )


def by_code(spans: Iterable[ValiditySpan]) -> dict[str, list[SimpleSpan]]:
    grouped: dict[str, list[SimpleSpan]] = defaultdict(list)
    for s in spans:
        grouped[s.code].append(SimpleSpan(s.start, s.end))
    for code_spans in grouped.values():
        code_spans.sort(key=lambda x: x.start)
    return grouped


def valid_on(spans: Iterable[ValiditySpan], day: date) -> set[str]:
    return {s.code for s in spans if s.start <= day and (s.end is None or day <= s.end)}


@dataclass
class Built:
    rows: list[tuple[object, ...]] = field(default_factory=list)
    dated_titles: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    changes: list[ChangeEvent] = field(default_factory=list)
    derived: int = 0
    untitled: int = 0


def retitle(
    system: str, code: str, old: str, new: str, old_source: str, new_source: str
) -> tuple[ChangeEvent, list[tuple[str, str, str, str, str, str]]]:
    """A title revised on 2026-10-01: the change event and both dated titles."""
    before = (FY2027 - timedelta(days=1)).isoformat()
    event = ChangeEvent(system, FY2027, code, "retitled", old, new, (), new_source)
    return event, [
        (system, code, "", before, old, old_source),
        (system, code, FY2027_START, "", new, new_source),
    ]


def build_cm(tabular: TabularRelease, mce: list[ValiditySpan], src: Source) -> Built:
    """FY2027 ICD-10-CM: the April 2026 tabular with the official FY2027 addenda applied, every code's title
    from the newest official file that has it, and the codes no longer current with their last titles."""
    entries = {e.code: e for e in tabular.entries}
    addenda = load_addenda(src(CM_ADDENDA))
    if addenda.system != "cm" or addenda.new_year != 2027 or addenda.base_year != 2026:
        raise SystemExit(f"{CM_ADDENDA}: expected FY2026 -> FY2027 ICD-10-CM addenda")
    current: dict[str, list[object]] = {
        e.code: [e.title, e.parent or "", e.kind, int(e.billable), "cm-tabular-2026"] for e in tabular.entries
    }
    deleted: dict[str, tuple[str, str]] = {}
    built = Built()
    for row in addenda.rows:
        if row.action == "delete":
            old = current.pop(row.code, None)
            if old is None:
                raise SystemExit(f"{CM_ADDENDA}, line {row.line}: {row.code} is not an April 2026 code")
            deleted[row.code] = (str(old[0]), str(old[4]))
        elif row.action == "add":
            kind = "category" if len(row.code) == 3 else "code"
            current[row.code] = [row.title, "", kind, int(bool(row.billable)), "cm-addenda-2027"]
        elif row.action == "revise_to":
            old_title = str(current[row.code][0])
            current[row.code][0] = row.title
            current[row.code][4] = "cm-addenda-2027"
            event, dated = retitle("cm", row.code, old_title, row.title, "cm-tabular-2026", "cm-addenda-2027")
            built.changes.append(event)
            built.dated_titles.extend(dated)
    blocks = [(c, e) for c, e in entries.items() if e.kind == "block"]
    for code, value in current.items():
        if value[1] or (entries.get(code) is not None and entries[code].kind in {"chapter", "block"}):
            continue
        value[1] = next((code[:n] for n in range(len(code) - 1, 2, -1) if code[:n] in current), "")
        if not value[1] and len(code) == 3:
            value[1] = next((b for b, _ in blocks if b.split("-")[0] <= code <= b.split("-")[1]), "")
    # Deleted codes whose header is re-added the same day (D69.1 -> header over D69.11, D69.19) stay headers.
    for code in list(deleted):
        if code in current:
            del deleted[code]
    billable = {c for c, v in current.items() if v[3]}
    fy2027 = valid_on(mce, FY2027)
    if billable != fy2027:
        raise SystemExit(
            f"FY2027 billable codes differ from MCE v44: {len(billable - fy2027)} extra, {len(fy2027 - billable)} missing"
        )
    derived_titles = {}
    with gzip.open(src(CM_DERIVED), "rt", encoding="utf-8") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            derived_titles[record["code"]] = record["long_title"]
    for code in sorted(fy2027 - set(current)):  # none today: kept for a derived file that knows more
        current[code] = [derived_titles[code], "", "code", 1, "cm-derived-2027"]
    agree = sum(1 for c in billable if derived_titles.get(c) == current[c][0])
    print(
        f"  FY2027 CM: {len(billable):,} billable (= MCE v44 on {FY2027_START}); derived list agrees on {agree:,}"
    )

    # Titles of codes no longer current, newest source first.
    old_titles: dict[str, tuple[str, str]] = dict(deleted)
    older = load_tabular(src("icd10cm/codes/icd10cm-tabular-April-2025.xml.gz"))
    for entry in older.entries:
        if entry.code not in current and entry.kind in {"category", "code"}:
            old_titles.setdefault(entry.code, (entry.title, "cm-tabular-2025"))
    for rel, key in [
        ("icd10cm/codes/icd10cm_codes_fy2025_from_drg_pkg.csv.gz", "cm-codes-2025"),
        ("icd10cm/codes/icd10cm-codes-2024.txt.gz", "cm-codes-2024"),
    ]:
        for code_row in load_codes_file(src(rel)):
            if code_row.code not in current:
                old_titles.setdefault(code_row.code, (code_row.title, key))
    for code_row in load_order_file(src("icd10cm/codes/icd10cm-order-Jan-2021.txt.gz")):
        if code_row.code not in current:
            old_titles.setdefault(code_row.code, (code_row.title, "cm-order-2021"))
    spans = by_code(mce)
    for code, (title, parent, kind, is_billable, key) in sorted(current.items()):
        built.rows.append((code, title, parent, kind, is_billable, 1, "FY2027", key))
    for code, (title, key) in sorted(old_titles.items()):
        if code in spans:
            last = max((s.end for s in spans[code] if s.end), default=None)
            release = release_label("cm", last) if last else "FY2026"
            built.rows.append((code, title, "", "code", 1, 0, _fy_of(last) if last else release, key))
    titles = {str(r[0]): str(r[1]) for r in built.rows}
    built.changes.extend(span_changes("cm", spans, titles, date(2015, 10, 1), "mce-v44"))
    return built


def _fy_of(day: date) -> str:
    return f"FY{day.year + (1 if day.month >= 10 else 0)}"


def build_pcs(mce: list[ValiditySpan], src: Source) -> Built:
    """Every ICD-10-PCS code of the MCE v44 with the newest official title; titles no file has are derived
    from axis values where the rule in bot/lookups/loaders/pcs_titles.py allows, else left empty."""
    titles: dict[str, tuple[str, str]] = {}
    for code_row in load_codes_file(src("icd10pcs/icd10pcs-codes-2024.txt.gz")):
        titles[code_row.code] = (code_row.title, "pcs-codes-2024")
    for code_row in load_codes_file(src("icd10pcs/icd10pcs_codes_apr2024_tuva.csv.gz")):
        titles.setdefault(code_row.code, (code_row.title, "pcs-codes-2024-april"))
    addenda = load_addenda(src(PCS_ADDENDA))
    if addenda.system != "pcs" or addenda.new_year != 2027 or addenda.base_year != 2026:
        raise SystemExit(f"{PCS_ADDENDA}: expected FY2026 -> FY2027 ICD-10-PCS addenda")
    built = Built()
    for row in addenda.rows:
        if row.action == "add":
            titles[row.code] = (row.title, "pcs-addenda-2027")
        elif row.action == "revise_to":
            old = next(r.title for r in addenda.rows if r.action == "revise_from" and r.code == row.code)
            event, dated = retitle("pcs", row.code, old, row.title, "pcs-codes-2024", "pcs-addenda-2027")
            built.changes.append(event)
            built.dated_titles.extend(dated)
            titles[row.code] = (row.title, "pcs-addenda-2027")
    spans = by_code(mce)
    fy2027 = valid_on(mce, FY2027)
    wanted = sorted(set(spans) - set(titles))
    derived = derive_titles({c: t for c, (t, _) in titles.items()}, wanted)
    for code, found in derived.items():
        titles[code] = (found.title, "pcs-derived-axes")
    built.derived = len(derived)
    built.untitled = len(wanted) - len(derived)
    untitled_now = sum(1 for c in wanted if c not in derived and c in fy2027)
    print(
        f"  PCS: {len(wanted):,} codes without a title in any file; {len(derived):,} derived from axis values, "
        f"{built.untitled:,} left untitled ({untitled_now:,} of them valid on {FY2027_START})"
    )
    for code in sorted(set(spans) | set(titles)):
        title, key = titles.get(code, ("", "none"))
        last = max((s.end for s in spans.get(code, []) if s.end), default=None)
        current = int(code in fy2027)
        release = "FY2027" if current else (_fy_of(last) if last else "FY2024")
        built.rows.append((code, title, current, release, key))
    built.changes.extend(
        span_changes("pcs", spans, {c: t for c, (t, _) in titles.items()}, date(2015, 10, 1), "mce-v44", 4)
    )
    return built


@dataclass
class BuiltHcpcs(Built):
    spans: list[tuple[str, str, str]] = field(default_factory=list)
    covers: list[str] = field(default_factory=list)
    first_quarter: str = ""
    last_quarter: str = ""
    read: int = 0  # short descriptors read with their cut words written out
    context: int = 0  # codes with context words (bot/lookups/loaders/hcpcs_context.py)
    last_start: str = ""
    versions: str = ""


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def build_hcpcs(src: Source, titles_known: Iterable[str] = ()) -> BuiltHcpcs:
    """HCPCS Level II by quarter: each code's validity spans and its short descriptor on each date from the
    I/OCE; the long descriptor of the 2020 annual file where the short one has not changed since. A code
    known only by its short descriptor also gets it read with its cut words written out (`read_as`,
    bot/lookups/loaders/short_descriptors.py), and every code its OPPS status indicator in the newest I/OCE
    quarter holding it (`status`: M, not billable to the MAC, marks quality-data lines); `titles_known`: the ICD-10-CM and PCS titles, whose words
    count as whole words."""
    versions = load_ioce_versions(src(IOCE_VERSIONS))
    data_start = versions[0][1]
    last_start = versions[-1][1]
    data_end = date(
        last_start.year + (last_start.month + 2) // 12, (last_start.month + 2) % 12 + 1, 1
    ) - timedelta(days=1)
    quarters: dict[str, list[QuarterRow]] = defaultdict(list)
    for row in load_ioce_hcpcs(src(IOCE)):
        quarters[row.code].append(row)
    annual = {r.code: r for r in load_hcpcs(src(HCPCS_2020))}
    reader = descriptor_reader(annual.values(), titles_known, src)
    betos_names = read_betos_table(src(HCPCS_LAYOUT))
    ranges = range_groups(annual.values())
    range_words: dict[str, set[str]] = defaultdict(set)  # a range's long-descriptor words (A65xx)
    for c, r in annual.items():
        if not r.modifier:
            range_words[c[:3]].update(words_of(r.long_title))
    # (each code's words as the data reads them, for a descriptor naming the code it is used with)
    known_titles = {c: r.long_title for c, r in annual.items() if not r.modifier}
    for c, held in quarters.items():
        if c not in known_titles:
            short = held[-1].short_title
            known_titles[c] = reader.read(short, frozenset(range_words.get(c[:3], ()))) or short
    built = BuiltHcpcs(
        covers=[data_start.isoformat(), data_end.isoformat()],
        first_quarter=release_label("hcpcs", data_start),
        last_quarter=release_label("hcpcs", last_start),
        last_start=last_start.isoformat(),
        versions=f"v{versions[0][0].rsplit('.', 1)[0]}-v{versions[-1][0].rsplit('.', 1)[0]} "
        f"({data_start:%B %Y} - {last_start:%B %Y})",
    )
    spans: dict[str, list[SimpleSpan]] = {}
    titles: dict[str, str] = {}
    for code in sorted(set(quarters) | {c for c, r in annual.items() if not r.modifier}):
        rows = quarters.get(code, [])
        old = annual.get(code)
        merged: list[SimpleSpan] = []
        for r in rows:
            if merged and merged[-1].end is not None and merged[-1].end + timedelta(days=1) == r.start:
                merged[-1] = SimpleSpan(merged[-1].start, r.end)
            else:
                merged.append(SimpleSpan(r.start, r.end))
        if merged and old and old.added and merged[0].start == data_start and old.added < data_start:
            merged[0] = SimpleSpan(old.added, merged[0].end)  # valid before the I/OCE data begins
        if not merged and old:
            start = old.added or old.action_effective
            if start is None:
                continue
            merged = [SimpleSpan(start, old.terminated)]
        spans[code] = merged
        for s in merged:
            built.spans.append((code, s.start.isoformat(), s.end.isoformat() if s.end else ""))
        latest_short = rows[-1].short_title if rows else (old.short_title if old else "")
        read_as = ""
        old_long = ""
        if old and _same_words(old.short_title, latest_short):
            title, key = old.long_title, "hcpcs-2020-long"
        else:
            title, key = latest_short, "hcpcs-ioce-short"
            read_as = reader.read(latest_short, frozenset(range_words.get(code[:3], ())))
            built.read += bool(read_as)
            # Retitled since 2020, still the same item; not a quality-data code (status indicator M, not
            # billable to the MAC), whose sentence of a descriptor was rewritten with its measure.
            billed = not rows or rows[-1].status != NOT_BILLED
            if old and billed and still_read_in(latest_short, old.long_title):
                old_long = old.long_title
        context = code_context(code, (title, latest_short), annual, betos_names, ranges, known_titles)
        built.context += bool(context)
        titles[code] = title
        end = merged[-1].end
        current = int(end is None)
        added = merged[0].start.isoformat()
        release = release_label("hcpcs", last_start if end is None else end)
        built.rows.append(
            (
                code,
                title,
                latest_short,
                added,
                end.isoformat() if end else "",
                0,
                current,
                release,
                key,
                read_as,
                context,
                old_long,
                rows[-1].status if rows else "",
            )
        )
        for n, r in enumerate(rows):
            built.dated_titles.append(
                (
                    "hcpcs",
                    code,
                    r.start.isoformat(),
                    r.end.isoformat() if r.end else "",
                    r.short_title,
                    "hcpcs-ioce-short",
                )
            )
            before = rows[n - 1] if n else None
            if (
                before
                and before.end
                and before.end + timedelta(days=1) == r.start
                and not _same_words(before.short_title, r.short_title)
            ):
                built.changes.append(
                    ChangeEvent(
                        "hcpcs", r.start, code, "retitled", before.short_title, r.short_title, (), "ioce"
                    )
                )
    for code, r in sorted(annual.items()):
        if r.modifier:
            current = int(r.terminated is None)
            built.rows.append(
                (
                    code,
                    r.long_title,
                    r.short_title,
                    r.added.isoformat() if r.added else "",
                    r.terminated.isoformat() if r.terminated else "",
                    1,
                    current,
                    "2020" if current else release_label("hcpcs", r.terminated or data_start),
                    "hcpcs-2020-long",
                    "",
                    "",
                    "",
                    "",
                )
            )
    built.rows.sort(key=lambda row: str(row[0]))
    built.changes.extend(span_changes("hcpcs", spans, titles, data_start, "ioce", 3))
    in_data = [e for e in built.changes if data_start < e.effective <= data_end]
    built.changes = sorted(in_data, key=lambda e: (e.effective, e.code, e.change))
    print(f"  HCPCS: {len(spans):,} codes with validity spans; data {data_start} to {data_end}")
    print(f"  HCPCS: {built.read:,} short descriptors read with their cut words written out")
    print(f"  HCPCS: {built.context:,} codes with context words (their group, what they are used with)")
    return built


def descriptor_reader(annual: Iterable[HcpcsRow], titles_known: Iterable[str], src: Source) -> Reader:
    """What reads cut short-descriptor words: the abbreviations the 2020 annual file's own (short, long)
    pairs use; as whole words, those of its long descriptors, the code titles, the Table of Drugs and
    Chemicals, and the shipped English word list."""
    rows = [r for r in annual if not r.modifier]
    abbreviations = learn_abbreviations((r.short_title, r.long_title) for r in rows)
    clinical: set[str] = set()
    for r in rows:
        clinical.update(words_of(r.long_title))
    for title in titles_known:
        clinical.update(words_of(title))
    for node in load_xml_index_tree(src(DRUG_TABLE), 6):
        clinical.update(words_of(node.term))
    english = gzip.decompress((OUT / "english_words.txt.gz").read_bytes()).decode().split()
    return Reader.build(abbreviations, clinical, english, [r.long_title for r in rows])


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
    mce_cm = load_mce_master(src(f"mce/{MCE}_i10dx_master.tsv.gz"))
    cm = build_cm(tabular, mce_cm, src)

    print("writing", OUT)
    write_tsv(
        "cm_codes.tsv.gz",
        ["code", "title", "parent", "kind", "billable", "current", "release", "source"],
        cm.rows,
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
    write_tsv("cm_validity.tsv.gz", ["code", "start", "end", "flags"], validity_rows(mce_cm))

    print("ICD-10-PCS")
    mce_pcs = load_mce_master(src(f"mce/{MCE}_i10pcs_master.tsv.gz"))
    pcs = build_pcs(mce_pcs, src)
    write_tsv("pcs_codes.tsv.gz", ["code", "title", "current", "release", "source"], pcs.rows)
    write_tsv("pcs_validity.tsv.gz", ["code", "start", "end", "flags"], validity_rows(mce_pcs))

    print("HCPCS")
    hcpcs = build_hcpcs(src, [str(r[1]) for r in cm.rows] + [str(r[1]) for r in pcs.rows])
    write_tsv(
        "hcpcs_codes.tsv.gz",
        [
            "code",
            "title",
            "short_title",
            "added",
            "terminated",
            "modifier",
            "current",
            "release",
            "source",
            "read_as",
            "context",
            "older",
            "status",
        ],
        hcpcs.rows,
    )
    write_tsv("hcpcs_validity.tsv.gz", ["code", "start", "end"], hcpcs.spans)

    print("titles by date and changes between releases")
    write_tsv(
        "titles.tsv.gz",
        ["system", "code", "start", "end", "title", "source"],
        sorted([*cm.dated_titles, *pcs.dated_titles, *hcpcs.dated_titles]),
    )
    events = sorted(
        [*cm.changes, *pcs.changes, *hcpcs.changes], key=lambda e: (e.effective, e.system, e.code, e.change)
    )
    write_tsv(
        "changes.tsv.gz",
        ["system", "effective", "release", "code", "change", "title", "new_title", "replacements", "source"],
        (e.row() for e in events),
    )
    age_rel = f"mce/{MCE}_age_ranges.tsv"
    (OUT / "age_ranges.tsv").write_text((raw / age_rel).read_text())
    sources[age_rel] = sha256(raw / age_rel)

    covers = {"cm": [CM_FROM, CM_THROUGH], "pcs": [CM_FROM, CM_THROUGH], "hcpcs": hcpcs.covers}
    history = {  # every release the loaded data holds, from the first (the data's start) on
        system: sorted(
            {(release_label(system, e.effective), e.effective.isoformat()) for e in group}
            | {(release_label(system, date.fromisoformat(start)), start)}
        )
        for system, group, start in (
            ("cm", cm.changes, CM_FROM),
            ("pcs", pcs.changes, CM_FROM),
            ("hcpcs", hcpcs.changes, hcpcs.covers[0]),
        )
    }
    sources.update(build_index_data(raw, OUT))  # the indexes and tables as trees, the PCS axes
    sources.update(build_ncci_data.build(raw, OUT))  # HCPCS Level II NCCI PTP pairs
    manifest = {
        "releases": {
            "cm": {
                "name": "ICD-10-CM FY2027 (CMS MCE v44, FY2027 addenda)",
                "effective": FY2027_START,
                "detail": "validity and edit flags: CMS MCE v44 (FY2016-FY2027); titles: FY2027 order addenda "
                "(official) over the CDC tabular April 2026 (official); notes and 7th characters: April 2026",
            },
            "pcs": {
                "name": "ICD-10-PCS FY2027 (CMS MCE v44, FY2027 addenda)",
                "effective": FY2027_START,
                "detail": "validity and edit flags: CMS MCE v44 (FY2016-FY2027); titles: FY2027 codes addenda, "
                f"FY2024 codes files (official); {pcs.derived:,} titles derived from axis values (marked), "
                f"{pcs.untitled:,} codes without a title in the loaded data",
            },
            "hcpcs": {
                "name": f"HCPCS Level II {hcpcs.first_quarter} to {hcpcs.last_quarter} (CMS I/OCE quarterly)",
                "effective": hcpcs.last_start,
                "detail": f"validity and short descriptors by quarter: CMS I/OCE {hcpcs.versions}; "
                "long descriptors: HCPCS 2020 annual file (where the short descriptor is unchanged, or "
                "still read in it); groups: the 2020 file's BETOS field, named by its record layout",
            },
        },
        "covers": covers,
        "history": {system: [list(item) for item in items] for system, items in history.items()},
        "title_sources": TITLE_SOURCES,
        "sources": sources,
        # Every shipped data file, so a changed or damaged one is seen (terms.tsv is curated by hand).
        "outputs": {
            path.name: sha256(path)
            for path in sorted(OUT.iterdir())
            if path.is_file() and path.suffix in {".gz", ".tsv"}
        },
    }
    (OUT / "release.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    print("done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
