"""The tables the data build stores for the lookups (bot.lookups.derived): what each is, how it is worked out
from the code data, and how it is written and read back. Each table's reader falls back on its builder when a
database was built before the table was stored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.lookups import derived, wordnet
from bot.lookups.doses import drug_key, drug_of, is_drug_title
from bot.lookups.index import (
    agents,
    descriptor_reading,
    induced_lines,
    initialisms,
    pcs_devices,
    pcs_roots,
    pcs_substance_sites,
    sequencing,
    service_titles,
    services,
    site_parts,
    substance_stories,
    thing_kinds,
    tree,
    use_additional,
    value_bands,
    word_forms,
    z_lines,
)
from bot.lookups.index.words import stem
from bot.lookups.item_heads import ITEM_HEADS, build_item_heads
from bot.lookups.schema import WORD, read_root_operations

DrugLines = dict[str, list[tuple[str, str]]]

DRUG_LINES = "hcpcs_drug_lines"
BODY_SITES = "pcs_body_sites"
PROCEDURE_WORDS = "pcs_procedure_words"


def build_drug_lines(conn: sqlite3.Connection) -> DrugLines:
    """The HCPCS drug lines by their drug's key word (bot.lookups.doses.drug_key): code and title."""
    drugs: DrugLines = {}
    rows = conn.execute(
        # Narrowed in SQL (LIKE folds ASCII case), then read exactly by is_drug_title.
        "SELECT code, title FROM codes WHERE system = 'hcpcs' AND (code LIKE 'J%' OR ltrim(title) LIKE 'inj%')"
    )
    for code, title in rows:
        if is_drug_title(str(code), str(title)):
            drugs.setdefault(drug_key(drug_of(str(title))), []).append((str(code), str(title)))
    return drugs


def decode_drug_lines(stored: dict[str, list[list[str]]]) -> DrugLines:
    return {key: [(code, title) for code, title in lines] for key, lines in stored.items()}


def build_body_sites(conn: sqlite3.Connection) -> frozenset[str]:
    """Stems of the body part values of the ICD-10-PCS Medical and Surgical tables (and the sides)."""
    rows = conn.execute(
        "SELECT DISTINCT meaning FROM pcs_axes WHERE position = 4 AND tbl LIKE '0%'"
    ).fetchall()
    return frozenset(stem(w) for (meaning,) in rows for w in WORD.findall(str(meaning).lower()))


def build_procedure_words(conn: sqlite3.Connection, roots: frozenset[str]) -> frozenset[str]:
    """Stems of the one-word ICD-10-PCS Index main terms that are a root operation (`roots`) or send to one
    ("Amputation" -> see Detachment; "Hysterectomy", total -> see Resection)."""
    rows = conn.execute(
        "SELECT n.term, n.see || ' | ' || coalesce(group_concat(c.see, ' | '), '') FROM index_nodes n"
        " LEFT JOIN index_nodes c ON c.parent = n.id WHERE n.book = 'pcs' AND n.depth = 0 GROUP BY n.id"
    ).fetchall()
    return frozenset(
        stem(str(term))
        for term, sees in rows
        if " " not in str(term).strip()
        and any(see.split(",")[0].strip().lower() in roots for see in str(sees).split("|"))
    )


@dataclass(frozen=True)
class Table:
    """One stored table: how it is worked out from the code data, written as JSON and read back."""

    name: str
    build: Callable[[sqlite3.Connection], Any]
    encode: Callable[[Any], object]
    decode: Callable[[Any], Any]


def _sorted(words: frozenset[str]) -> list[str]:
    return sorted(words)


TABLES = (
    Table(DRUG_LINES, build_drug_lines, lambda lines: lines, decode_drug_lines),
    Table(BODY_SITES, build_body_sites, _sorted, derived.decode_words),
    Table(
        PROCEDURE_WORDS,
        lambda conn: build_procedure_words(conn, read_root_operations(conn)),
        _sorted,
        derived.decode_words,
    ),
    Table(pcs_roots.PCS_FIRST_WORDS, pcs_roots.build_first_words, _sorted, derived.decode_words),
    Table(tree.PROCEDURE_STEMS, tree.build_procedure_stems, _sorted, derived.decode_words),
    Table(
        services.ANALYTE_LINES,
        services.build_analyte_lines,
        services.encode_analyte_lines,
        services.decode_analyte_lines,
    ),
    Table(
        sequencing.SUPPLEMENTARY_BLOCKS,
        sequencing.build_blocks,
        lambda blocks: blocks,
        sequencing.decode_blocks,
    ),
    Table(
        pcs_devices.DEVICE_NOUNS,
        pcs_devices.build_device_nouns,
        pcs_devices.encode_device_nouns,
        pcs_devices.decode_device_nouns,
    ),
    Table(
        service_titles.SERVICE_LINES,
        service_titles.build_service_lines,
        service_titles.encode_service_lines,
        service_titles.decode_service_lines,
    ),
    Table(z_lines.Z_LINES, z_lines.ZLines.build, z_lines.encode_z_lines, z_lines.decode_z_lines),
    Table(
        induced_lines.INDUCED_LINES,
        induced_lines.build_induced_lines,
        lambda lines: lines,
        derived.decode_names,
    ),
    Table(
        substance_stories.SUBSTANCES,
        substance_stories.build_table_substances,
        lambda names: names,
        derived.decode_names,
    ),
    Table(
        thing_kinds.INDEX_THINGS,
        thing_kinds.build_index_things,
        thing_kinds.encode_index_things,
        thing_kinds.decode_index_things,
    ),
    Table(agents.AGENT_NOTES, agents.build_agent_notes, agents.encode_agent_notes, agents.decode_agent_notes),
    Table(
        use_additional.ADDITIONAL_NOTES,
        use_additional.build_notes,
        use_additional.encode_notes,
        use_additional.decode_notes,
    ),
    Table(
        pcs_substance_sites.SUBSTANCE_SITES,
        pcs_substance_sites.build_substance_sites,
        pcs_substance_sites.encode_substance_sites,
        pcs_substance_sites.decode_substance_sites,
    ),
    Table(
        value_bands.BAND_TITLES,
        value_bands.build_band_titles,
        lambda titles: titles,
        value_bands.decode_band_titles,
    ),
    Table(
        word_forms.HYPHEN_FORMS,
        word_forms.build_hyphen_forms,
        lambda forms: forms,
        word_forms.decode_hyphen_forms,
    ),
    Table(ITEM_HEADS, build_item_heads, _sorted, derived.decode_words),
    Table(
        descriptor_reading.DESCRIPTOR_INDEX,
        descriptor_reading.build_descriptor_index,
        lambda index: index.encode(),
        descriptor_reading.DescriptorIndex.decode,
    ),
    Table(
        descriptor_reading.SHORT_FORMS,
        descriptor_reading.build_short_forms,
        descriptor_reading.encode_short_forms,
        descriptor_reading.decode_short_forms,
    ),
    Table(
        site_parts.SITE_PARTS,
        site_parts.build_relations,
        site_parts.encode_relations,
        site_parts.decode_relations,
    ),
)


def store_all(conn: sqlite3.Connection) -> None:
    """Work out and store every table (called by bot.lookups.schema.rebuild_search, after the index trees and
    the codes are in), and the English word list."""
    for table in TABLES:
        derived.store(conn, table.name, table.encode(table.build(conn)))
    derived.store_english(conn)
    wordnet.store_wordnet(conn)
    initialisms.store_initialisms(conn)
