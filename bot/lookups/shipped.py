"""Fill a fresh code database from the compact data shipped inside the package."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

import sqlite_utils

from bot.lookups.index.store import INDEX_FILES, load_index_tables
from bot.lookups.schema import insert_rows, shipped_text, shipped_tsv

# Bump when the tables or the way they are filled change (databases made by another format rebuild):
# 16: search document sizes, value band titles, PCS substance sites, agent and use-additional notes stored;
# 17: the HCPCS item head stems stored; 18: the Index's site-part references stored; 19: the HCPCS codes'
# context words as the search documents' unindexed `extra`, their 2020 descriptors when retitled since; 20: the
# HCPCS codes' I/OCE status indicators (`code_status`: M, not billable to the MAC, marks quality-data lines).
DATABASE_FORMAT = "20"


def shipped_version() -> str:
    """A fingerprint of the shipped data and database format: a change makes existing databases rebuild."""
    data = resources.files("bot.lookups.data")
    digest = hashlib.sha256(data.joinpath("release.json").read_bytes())
    for name in INDEX_FILES:  # derived files: a rebuild of them changes no source hash in release.json
        digest.update(data.joinpath(name).read_bytes())
    return DATABASE_FORMAT + "-" + digest.hexdigest()[:16]


def shipped_through() -> str:
    """The last date of service the shipped data covers in any code set (ISO date, from release.json): of two
    builds with one DATABASE_FORMAT, the later data is the newer."""
    release = json.loads(resources.files("bot.lookups.data").joinpath("release.json").read_text())
    return max(span[1] for span in release["covers"].values())


def load_shipped(db: sqlite_utils.Database) -> None:
    insert_rows(
        db,
        "codes",
        (
            {
                "system": "cm",
                "code": r["code"],
                "title": r["title"],
                "short_title": "",
                "parent": r["parent"],
                "kind": r["kind"],
                "billable": int(r["billable"]),
                "current": int(r["current"]),
                "release": r["release"],
                "title_source": r["source"],
            }
            for r in shipped_tsv("cm_codes.tsv.gz")
        ),
    )
    insert_rows(
        db,
        "notes",
        (
            {"system": "cm", "code": r["code"], "kind": r["kind"], "seq": n, "text": r["text"]}
            for n, r in enumerate(shipped_tsv("cm_notes.tsv.gz"))
        ),
    )
    insert_rows(db, "seventh", shipped_tsv("cm_seventh.tsv.gz"))  # type: ignore[arg-type]
    for system in ("cm", "pcs"):
        insert_rows(
            db,
            "validity",
            ({"system": system, **r} for r in shipped_tsv(f"{system}_validity.tsv.gz")),
        )
    insert_rows(
        db,
        "validity",
        ({"system": "hcpcs", "flags": "", **r} for r in shipped_tsv("hcpcs_validity.tsv.gz")),
    )
    insert_rows(db, "titles", shipped_tsv("titles.tsv.gz"))  # type: ignore[arg-type]
    insert_rows(db, "code_changes", shipped_tsv("changes.tsv.gz"))  # type: ignore[arg-type]
    load_index_tables(db)  # the indexes and tables as trees (bot.lookups.index)
    insert_rows(
        db,
        "codes",
        (
            {
                "system": "pcs",
                "code": r["code"],
                "title": r["title"],
                "short_title": "",
                "parent": "",
                "kind": "code",
                "billable": 1,
                "current": int(r["current"]),
                "release": r["release"],
                "title_source": r["source"],
            }
            for r in shipped_tsv("pcs_codes.tsv.gz")
        ),
    )
    hcpcs = list(shipped_tsv("hcpcs_codes.tsv.gz"))  # read once: the codes and three tables by code
    insert_rows(
        db,
        "codes",
        (
            {
                "system": "hcpcs",
                "code": r["code"],
                "title": r["title"],
                "short_title": r["short_title"],
                "parent": "",
                "kind": "modifier" if r["modifier"] == "1" else "code",
                "billable": int(r["modifier"] != "1"),
                "current": int(r["current"]),
                "release": r["release"],
                "added": r["added"],
                "terminated": r["terminated"],
                "title_source": r["source"],
            }
            for r in hcpcs
        ),
    )
    # A code's reading of its cut words, its context words and its older long descriptor
    # (bot.lookups.loaders.short_descriptors, hcpcs_context): one table each, rows only where the column is filled.
    for table, column, with_short in (
        ("short_readings", "read_as", True),
        ("code_context", "context", False),
        ("older_descriptors", "older", True),
    ):
        insert_rows(
            db,
            table,
            (
                {
                    "system": "hcpcs",
                    "code": r["code"],
                    "text": r[column],
                    **({"short_title": r["short_title"]} if with_short else {}),
                }
                for r in hcpcs
                if r.get(column)
            ),
        )
    # A code's OPPS status indicator in the newest I/OCE quarter that holds it (the I/OCE file's own column).
    insert_rows(
        db,
        "code_status",
        ({"system": "hcpcs", "code": r["code"], "status": r["status"]} for r in hcpcs if r.get("status")),
    )
    load_shipped_ncci(db)
    lines = [line for line in shipped_text("age_ranges.tsv").splitlines()[1:] if line.strip()]
    insert_rows(
        db,
        "age_ranges",
        (
            {"age_group": g, "low": int(lo), "high": int(hi), "start": _iso(s), "end": _iso(e)}
            for g, lo, hi, s, e in ((line + "\t").split("\t")[:5] for line in lines)
        ),
    )
    manifest = json.loads(resources.files("bot.lookups.data").joinpath("release.json").read_text())
    for system, release in manifest["releases"].items():
        covers = manifest["covers"][system]
        db.conn.execute(
            "INSERT INTO releases (system, name, effective, covers_from, covers_through, source, detail) "
            "VALUES (?, ?, ?, ?, ?, 'shipped', ?)",
            [system, release["name"], release["effective"], covers[0], covers[1], release.get("detail", "")],
        )
    db.conn.executemany(
        "INSERT INTO release_history (system, label, effective, origin) VALUES (?, ?, ?, 'shipped')",
        (
            (system, label, effective)
            for system, items in manifest.get("history", {}).items()
            for label, effective in items
        ),
    )
    db.conn.executemany(
        "INSERT INTO title_sources (key, name) VALUES (?, ?)",
        sorted(manifest.get("title_sources", {}).items()),
    )


def load_shipped_ncci(db: sqlite_utils.Database) -> None:
    """The NCCI PTP pairs whose two codes are HCPCS Level II (CPT pairs come only from an imported file)."""
    insert_rows(
        db,
        "ncci_ptp",
        (
            {
                "column1": r["column1"],
                "column2": r["column2"],
                "modifier": int(r["modifier"]),
                "start": r["start"],
                "end": r["end"],
                "source": "shipped",
            }
            for r in shipped_tsv("ncci_hcpcs.tsv.gz")
        ),
    )


def _iso(yyyymmdd: str) -> str:
    v = yyyymmdd.strip()
    return f"{v[:4]}-{v[4:6]}-{v[6:8]}" if v else ""
