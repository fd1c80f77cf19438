"""`find_codes(book, query)`: the codes a coder would pick for a query, each with why, plus a notice.

A code (or its start, dotted or not) answers directly. Words are understood (bot.lookups.index.query),
matched against the Alphabetic Indexes and completed in the Tabular (bot.lookups.index.lookup); titles and
inclusion terms (SQLite FTS5) answer what the Indexes do not hold, such as HCPCS items, and fill the list.
A word found in no title, index term, vocabulary term or English word is corrected to the nearest known word
(rapidfuzz). CPT codes and services, and queries nothing answers, get a notice instead of unrelated codes.
"""

from __future__ import annotations

import contextvars
import re
import sqlite3
import threading
import unicodedata
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Container, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.lookups import derived
from bot.lookups.codebook import Code, CodeBook
from bot.lookups.derived import EnglishWords
from bot.lookups.derived_tables import (
    BODY_SITES,
    DRUG_LINES,
    PROCEDURE_WORDS,
    build_body_sites,
    build_drug_lines,
    build_procedure_words,
    decode_drug_lines,
)
from bot.lookups.doses import (
    GIVEN,
    INJECTED_TITLE,
    ROUTE_FIT,
    STUDY_WORDS,
    amount_said,
    clipped_lines,
    dose_fit,
    dose_text,
    drug_line_score,
    drug_of,
    is_dose,
    line_adds,
    names_drug_use,
    names_product,
    opps_only,
    other_route,
    product_words,
    route_said,
    said_dose_fit,
    said_drug_key,
    says_outpatient,
)
from bot.lookups.drug_given import given_not_poisoned, purpose_only, service_unsaid
from bot.lookups.errors import QueryError
from bot.lookups.filler import (
    FILLER,
    LINKING,
    ROOT_SHARE,
    SIDE_WORDS,
    WHO_WORDS,
    Core,
    _same_root,
    answer_stems,
    content_words,
    denies,
    denies_every_finding,
    incidental,
    main_term_adds,
    main_term_unsaid,
    medical_core,
    mostly_answered,
    path_adds,
    says_negation,
    seen_on_study,
    unused_words,
    without_circumstance,
    without_denied,
    words_not_used,
)
from bot.lookups.hcpcs_items import (
    BILLING_WORDS,
    DROPPED_COST,
    HEAD_CREDIT,
    HEAD_SHARE,
    ITEM_LEAD,
    KIND_NOUNS,
    NUMBER_WORDS,
    PACKAGE_WORDS,
    REORDER_WORDS,
    begins_with,
    descriptor_forms,
    head_noun,
    head_readings,
    item_part,
    item_phrase,
    item_short_name,
    lay_readings,
    names_the_item,
    names_typed_item,
    read_as_item,
    spelled_count,
    title_head_names,
    typed_item_forms,
    with_lay_names,
)
from bot.lookups.index.absence_class import Absences, acquired_absence
from bot.lookups.index.accident_checked import examination_words, injury_ruled_out
from bot.lookups.index.activity_kinds import ActivityKinds, ActivityRead, may_read_activity
from bot.lookups.index.adjectives import noun_forms, without_size_prefix
from bot.lookups.index.adverse_notes import (
    drug_lines_to,
    names_drugs,
    noted_in_category,
    skips_a_condition,
    stands_for,
)
from bot.lookups.index.aftercare_systems import named_line, read_aftercare, system_code
from bot.lookups.index.age_agreement import AGED_SYSTEMS, code_age, other_stage_first, told_age
from bot.lookups.index.ancillary_sections import ancillary_section, says_stay
from bot.lookups.index.antenatal_screening import antenatal_line, may_read_antenatal
from bot.lookups.index.birth_outcomes import index_subterms, may_read_birth, read_birth
from bot.lookups.index.birth_weight import may_read_birth_weight, read_birth_weight
from bot.lookups.index.brand_items import (
    BRAND_ITEM_PREFIXES,
    BRAND_LINES_MAX,
    brand_candidates,
    brand_lines,
    item_by_head,
    object_without_event,
)
from bot.lookups.index.burn_depth import read_burn_depth
from bot.lookups.index.by_site_with import may_read as may_read_by_site
from bot.lookups.index.by_site_with import read_by_site
from bot.lookups.index.by_site_with import readings as by_site_readings
from bot.lookups.index.category_detail import (
    CodeReading,
    detail_choice,
    negates_words,
    negation_choice,
    query_refuses,
    says_every_word,
    tabular_choice,
)
from bot.lookups.index.cause_after_condition import condition_before_cause, is_external_cause
from bot.lookups.index.cause_intents import intent_reading, may_read_intent, read_intent, reading_intent
from bot.lookups.index.cause_lines import cause_lines, symptom_said, told_cause
from bot.lookups.index.cause_parts import (
    cause_parts,
    is_mechanism,
    is_named_setting,
    may_read_parts,
    setting_read,
    told_mechanism,
)
from bot.lookups.index.changed_findings import may_read_change, read_change
from bot.lookups.index.chart_findings import read_chart
from bot.lookups.index.chart_frames import Frame, read_frame
from bot.lookups.index.chat_only import chat_only, places_of
from bot.lookups.index.clipped_words import (
    anatomy_letters,
    capitalized,
    clipped_shape,
    joined_words,
    other_words,
    printed_seldom,
    read_clipped,
    rewrite,
    segments,
    vowelless,
)
from bot.lookups.index.clipped_words import begins as clipped_begins
from bot.lookups.index.completion import (
    ENCOUNTER_WORDS as ENCOUNTER_NAMES,
)
from bot.lookups.index.completion import (
    QUERY_NEGATIONS,
    affirms_what_is_negated,
    complete_cm,
    negates_as_asked,
    other_approach,
    other_encounter,
    query_negated,
    range_fit,
    read_both_ways,
    said_approaches,
    said_hours,
    unsaid_intent,
)
from bot.lookups.index.condition_beside_drug import PILLS, intent_swapped, read_beside_drug, with_drug_subterm
from bot.lookups.index.condition_named import condition_line
from bot.lookups.index.course_words import course_said
from bot.lookups.index.cpt_kinds import condition_beside_service, cpt_kind, names_procedure, service_word
from bot.lookups.index.culture_growth import may_read_growth, read_growth
from bot.lookups.index.cut_contact import (
    TOUCH_WORDS,
    TOUCHED,
    contact_words,
    heat_told,
    inanimate_contact,
    may_read_touch,
    read_cut_contact,
)
from bot.lookups.index.descriptor_heads import head_nouns, heads_item, item_line, names_in_complement
from bot.lookups.index.descriptor_reading import (
    DESCRIPTOR_INDEX,
    MIN_COVERED,
    SHORT_FORMS,
    DescriptorIndex,
    ShortForms,
    build_descriptor_index,
    build_short_forms,
    decode_short_forms,
    read_words,
)
from bot.lookups.index.descriptor_reading import Word as DescriptorWord
from bot.lookups.index.dominant_side import dominance_note, other_titles
from bot.lookups.index.drug_induced import may_read as may_read_induced
from bot.lookups.index.drug_induced import (
    may_read_after,
    may_read_named_cause,
    read_after_drug,
    read_induced,
    read_named_cause,
)
from bot.lookups.index.drug_rows import (
    BROADER_DEPTH,
    MAX_ROWS,
    row_of_path,
    said_row,
    table_path,
    told_story,
)
from bot.lookups.index.drug_stems import stem_class
from bot.lookups.index.eponyms import load_eponyms, unread_eponym
from bot.lookups.index.everyday_talk import MIN_WORDS as MIN_TALK_WORDS
from bot.lookups.index.everyday_talk import everyday_talk, talk_words
from bot.lookups.index.fears import may_read_fear, read_fear
from bot.lookups.index.found_on import without_test
from bot.lookups.index.frame_things import frame_thing
from bot.lookups.index.framing_words import without_framing
from bot.lookups.index.gestation import pregnancy_time, says_when, trimester_said
from bot.lookups.index.gloss_descriptions import read_by_gloss
from bot.lookups.index.history_classes import personal_history
from bot.lookups.index.induced_lines import induced_code
from bot.lookups.index.initialisms import (
    SAID_SO,
    Reading,
    ReadInitialism,
    guess_initialism,
    guess_may_lead,
    read_initialism,
    stored_readings,
)
from bot.lookups.index.injury_first import injury_clause, told_without_cause
from bot.lookups.index.key_words import LOOKED_AT, definitive_diagnosis, dominating, uses_only_sites
from bot.lookups.index.kind_check import (
    asks_procedure,
    condition_unread,
    said_before_purpose,
    said_outside,
    said_outside_circumstance,
)
from bot.lookups.index.kinds import kind_words, read_kind
from bot.lookups.index.lab_values import COMBINED_FINDINGS, read_levels
from bot.lookups.index.lay_descriptions import describe, missed_description, reads_description, refine
from bot.lookups.index.lay_sentences import (
    answers_meaning,
    read_lay_sentence,
    told_by_patient,
    without_concession,
)
from bot.lookups.index.lay_shapes import IndexWords, may_read_lay_shape, read_lay_shape, subterm_words
from bot.lookups.index.life_stage import LOOKED_AT as LOOKED_AT_STAGE
from bot.lookups.index.life_stage import stage_sibling
from bot.lookups.index.long_term import long_term_line
from bot.lookups.index.lookup import Found, index_hits
from bot.lookups.index.main_term_walk import (
    adverb_bases,
    everyday_around,
    in_compound,
    site_kinds,
    unread_words,
    walk_note,
    walks,
)
from bot.lookups.index.medicine_kinds import names_medicine
from bot.lookups.index.national_codes import national_first
from bot.lookups.index.no_stems import compact, kept
from bot.lookups.index.office_talk import office_talk
from bot.lookups.index.one_path import on_one_path
from bot.lookups.index.one_side import main_term, may_say_unilateral, says_unilateral
from bot.lookups.index.past_states import (
    FRAMES,
    KIND_KEYED,
    SAID_KINDS,
    PastState,
    may_read_past_state,
    read_past_state,
)
from bot.lookups.index.pcs_administration import ADMINISTRATION_CUE, GIVING, Administration, administration
from bot.lookups.index.pcs_approach import approach_only
from bot.lookups.index.pcs_asked import (
    ROOT_NAME_STEMS,
    Scored,
    asks_cm_reading,
    device_value_names,
    head_words,
    procedure_first,
    procedure_main_term,
)
from bot.lookups.index.pcs_condition_adds import procedure_before_added_condition, procedure_term
from bot.lookups.index.pcs_device_put import names_device_by_key, puts_device_in
from bot.lookups.index.pcs_drains import drain_verbs_as_drainage
from bot.lookups.index.pcs_operations import operation_readings
from bot.lookups.index.pcs_perineal import CUE as PERINEAL_CUE
from bot.lookups.index.pcs_perineal import LayerRepair, perineal_repair
from bot.lookups.index.pcs_roots import procedure_reading, reads_procedure_word
from bot.lookups.index.pcs_said_approach import procedure_by_said_approach, said_as_approach
from bot.lookups.index.pcs_setting import procedures_before_services, without_setting
from bot.lookups.index.pcs_unasked import (
    names_a_procedure,
    names_main_term,
    unasked_title,
    unused_condition_words,
)
from bot.lookups.index.pcs_ventilation import read_ventilation
from bot.lookups.index.per_lookup import ASKED, memo, one_lookup
from bot.lookups.index.place_prefixes import PlaceWords, may_place, place_words
from bot.lookups.index.pregnancy_supervision import may_read_supervision, read_supervision
from bot.lookups.index.principal_clause import Answered, line_clauses, principal, principal_note
from bot.lookups.index.procedure_suffixes import formed_procedure
from bot.lookups.index.query import Understood, side_letters, understand
from bot.lookups.index.rare_main_terms import (
    MainLine,
    RareWord,
    adds_unsaid,
    capitals,
    line_code,
    main_lines,
    rare_words,
    said_stems,
    word_stem,
)
from bot.lookups.index.real_word_typos import one_letter_variants, read_real_word_typo
from bot.lookups.index.reasons import (
    HISTORY_FAMILY,
    LONG_TERM_MAIN,
    drug_classes,
    long_term_classes,
    read_values,
)
from bot.lookups.index.removal_told import REMOVAL_NOT_INSERTION, asks_only_taking_out, leaves_device_in
from bot.lookups.index.reporting_lines import NOT_BILLABLE_TO_MAC, reading_instead
from bot.lookups.index.retained_fragments import RETAINED, may_read_retained, read_retained
from bot.lookups.index.said_axis import axis_choice, path_words
from bot.lookups.index.said_ends import said_at_both_ends
from bot.lookups.index.said_inclusion import Sibling, inclusion_choice
from bot.lookups.index.said_siblings import (
    Line,
    Node,
    adds_unsaid_condition,
    may_add_unsaid,
    said_sibling,
    sibling_words,
)
from bot.lookups.index.senses import part_words, read_data_sense, read_sense, title_words
from bot.lookups.index.sequela_lines import CUE as SEQUELA_CUE
from bot.lookups.index.sequela_lines import read_sequela, sequela_line
from bot.lookups.index.service_titles import (
    SERVICE_DESCRIPTOR,
    ServiceTitles,
    leads,
    names_service,
    query_words,
    said_words,
)
from bot.lookups.index.services import (
    LAB_METHODS,
    SPECIMENS,
    analyte_lines,
    cpt_number,
    is_shorthand,
    names_analyte,
    names_service_act,
    names_service_noun,
    says_finding,
    without_place,
)
from bot.lookups.index.setting_after import SETTING_CATEGORIES, event_before_setting
from bot.lookups.index.setting_readings import read_bare_setting
from bot.lookups.index.short_forms import clipped_forms, clipped_tokens
from bot.lookups.index.sibling_qualifiers import read_qualifiers, said_numerals
from bot.lookups.index.side_clauses import joined_sides
from bot.lookups.index.site_parts import related_sites
from bot.lookups.index.spelled_out import line_reads, spelled_out
from bot.lookups.index.stem_prefixes import by_prefix
from bot.lookups.index.store import BOOK_NAMES, TABLE_COLUMNS
from bot.lookups.index.stories import (
    is_adverse_or_underdosing,
    is_drug_code,
    is_poisoning,
    tells_taking,
    title_reaction,
    unsaid_underdosing,
)
from bot.lookups.index.story_encounter import with_told_encounter
from bot.lookups.index.sub_queries import (
    NARRATORS,
    POSITIONAL,
    is_qualifier,
    negated_stems,
    only_qualifiers_left,
    said_in_another_form,
    without_negated,
    without_sides,
)
from bot.lookups.index.substance_contact import is_toxic_effect, nonmedicinal_use
from bot.lookups.index.substance_stories import (
    SubstanceStory,
    may_tell_story,
    read_substance_story,
    table_substances,
    without_modifiers,
)
from bot.lookups.index.substance_use import (
    SubstanceClasses,
    drug_broader,
    drug_table_titles,
    may_tell_use,
    read_substance_use,
    substance_classes,
)
from bot.lookups.index.tabular_classes import GENERIC as CLASS_GENERIC
from bot.lookups.index.tabular_classes import PREGNANCY_CUE, pregnancy_condition, pregnancy_line
from bot.lookups.index.thing_did import ThingDid, may_read_did
from bot.lookups.index.thing_kinds import CUT_WORDS, KIND_SHOWN, ThingKinds, may_read_kind
from bot.lookups.index.time_spans import without_span
from bot.lookups.index.tree import COLUMN_LABELS, IndexTree
from bot.lookups.index.tree import Node as TableRow
from bot.lookups.index.unread_path import PathReading, reads_unread
from bot.lookups.index.unsaid_words import index_path, says_less_first
from bot.lookups.index.use_additional import Note, load_notes, named_by
from bot.lookups.index.vague import (
    OFFICE_WORDS,
    closest_main_terms,
    foreign_and_stretched,
    says_nothing,
    stretched_reading,
    unknown_subject,
)
from bot.lookups.index.value_bands import BandFamilies, band_families, values_said
from bot.lookups.index.venom import may_tell_venom, read_venom, venom_animals
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.index.word_forms import (
    HYPHEN_FORMS,
    agent_bases,
    american_forms,
    build_hyphen_forms,
    decode_hyphen_forms,
    derived_forms,
    hyphen_key,
    joined_pairs,
    possessive_of,
    practitioner,
    without_side_prefix,
)
from bot.lookups.index.word_kin import WordKin
from bot.lookups.index.words import WORD_CACHE, content_stems, stem
from bot.lookups.index.z_by_class import agent_class_code, class_code, in_target
from bot.lookups.index.z_lines import ZLines, may_lead, reads_word, words_told
from bot.lookups.index.z_unread_siblings import CHAPTER as Z_CHAPTER
from bot.lookups.index.z_unread_siblings import unread_sibling
from bot.lookups.item_beside import beside_words, by_words_beside
from bot.lookups.item_heads import ITEM_HEADS, build_item_heads, item_head_phrase, postposed_heads
from bot.lookups.measures import (
    measure_fit,
    rank_phrases,
    said_as_ambulance_level,
    spaced_ranks,
    stated_measures,
    stated_ranks,
    without_measures,
)
from bot.lookups.schema import (
    ROOT_OPERATIONS_KEY,
    STOPWORDS,
    WORD,
    normalise,
    read_root_operations,
    unaccented,
    words,
)
from bot.lookups.shortest import sizes_for
from bot.lookups.sounds import SILENT_STARTS, consonant_key, sound_key, vowel_distance
from bot.lookups.systems import SYSTEM_NAMES, SYSTEMS, display, undot
from bot.lookups.thin_titles import QUALITY_DATA, WEAK_SHARE, names_head, one_word_answer, thin_title_match
from bot.lookups.wordnet import WordNet
from bot.lookups.wordnet import reader as wordnet_reader
from storage.db_problems import DatabaseBusy, is_busy

ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third"}  # a trimester as charts write it


_INDEX_MAIN = re.compile(r"^Index: ([^,>(]+)")  # an answer's Index main term
# the same, also of the answer to one clause of the query ("clause “...”: Index: Laryngitis -> ...")
_CLAUSE_MAIN = re.compile(r"^(?:clause “[^”]*”: )?Index: ([^,>(]+)")
_ANY_INDEX_PATH = re.compile(r"Index: ([^>(]+)")  # an answer's Index (or External Cause Index) path
_NOTES = re.compile(r"\((?:not used|word form|vocabulary|read):[^)]*\)")  # an answer's notes on the words
SAME_START = 6  # letters two forms of a word share ("hypothyroid", "hypothyroidism")
MAX_QUERY = 200
WORDS_AHEAD = (
    2  # an answer reading this many more of the query's words keeps its place before a rare word's line
)
_CLASS_READ = re.compile(
    r"; \S+ is one: "
)  # the class a "with" line names holds the other condition (classes)
MOST_EDITS = 2  # a rare word's spelling correction read as its main term at most this far from it
OFFICE_TALK = "No confident match: office talk, not a condition, procedure or item."
MAX_TALK_WORDS = 12  # (office talk is a line; a longer text is a note to read, not chatter)
MAX_LIMIT = 100
SETTING_DEPTH = 10  # answers read for a PCS one to put before the HCPCS ones (bot.lookups.index.pcs_setting)
UNSAID_WITHOUT_COST = 50.0  # a HCPCS title "without" a part unsaid: below its sibling, not out of reach
_NEGATED_PART = re.compile(
    r"(?i)\b(?<!with or )without\s+([^,;()]+)"
)  # what a title's "without" clause names


PART_WORDS = 3  # a part a title's "without" names is a short noun phrase ("without knee joint")


def _parts_denied(title: str) -> bool:
    """Whether every "without" clause of a title names a part, a short noun phrase ("without side rails"),
    not a long condition ("without requiring a previously scheduled appointment")."""
    parts = _NEGATED_PART.findall(title)
    return bool(parts) and all(len(WORD.findall(part)) <= PART_WORDS for part in parts)


def _negates_said(title: str, said_stems: frozenset[str]) -> bool:
    """Whether a title's "without ..." clause names a word said ("without myocardial infarction" for "heart
    attack" read as myocardial infarction): the title then denies what was asked. The clause's words the
    title prints outside it are the item's own ("Knee orthosis, without knee joint": knee), no part denied."""
    for match in _NEGATED_PART.finditer(title):
        outside = title[: match.start()] + " " + title[match.end() :]
        own = {stem(w) for w in WORD.findall(outside.lower())}
        if said_stems & ({stem(w) for w in WORD.findall(match.group(1).lower())} - own):
            return True
    return False


# A descriptor's material class named by what it is not ("Crutches underarm, other than wood"): the clause
# up to the next comma, semicolon or parenthesis; a material said that it does not except is the class's.
_OTHER_THAN = re.compile(r"\bother than ([^,;()]+)")
SUBSTANCE = "noun.substance"  # WordNet's lexicographer file of materials and substances
OTHER_THAN_CREDIT = 40.0


def _substance(wordnet: WordNet, word: str) -> bool:
    """Whether WordNet files a word's first noun sense as a substance or material ("wood", "aluminum")."""
    senses = wordnet.senses(word) if word.isalpha() else ()
    return bool(senses) and senses[0].kind == SUBSTANCE


# A HCPCS descriptor whose opening words are the query's, in the order typed ("skilled services of a licensed
# practical nurse in the ..." -> G0496 "Skilled services of a licensed practical nurse (lpn), in the ..."): the
# coder copied the descriptor's own words; a sibling holding the same words elsewhere ("Direct skilled nursing
# services of a licensed practical nurse ...") says something else first. Asked of three words or more (a
# noun alone opens many descriptors: "Cane, ...").
OPENING_WORDS = 3
OPENING_CREDIT = 20.0
# A query word only a code's context holds (its group, what it is used with, its 2020 wording:
# bot.lookups.loaders.hcpcs_context) counts this much of a word its descriptor prints.
CONTEXT_WEIGHT = 0.5
_PARENTHESIS = re.compile(r"\([^)]*\)")


def _opens_with(title: str, opening: tuple[str, ...]) -> bool:
    """Whether a title's words begin with the query's words, in the order typed (its parentheses and the
    words a search reads past left out). Not cached: a title lacking one of the words is refused by a substring
    test, and a cache of every HCPCS title's words met cost about 7 MB over the unseen queries."""
    lowered = title.lower()
    if not all(word in lowered for word in opening):
        return False
    words = [w for w in WORD.findall(_PARENTHESIS.sub(" ", lowered)) if w not in STOPWORDS]
    return len(words) >= len(opening) and tuple(words[: len(opening)]) == opening


def _without_cost(title: str, said_stems: frozenset[str], refused: frozenset[str]) -> float:
    """What a HCPCS title's "without" clauses cost when the query negates a part too ("hospital bed no side
    rails w mattress"): a clause denying a part the query says and does not negate ("..., without mattress")
    denies what was asked; one denying only what the query negates ("without side rails") says it as asked;
    one denying a part the query says nothing of is the plain item, a little less (`UNSAID_WITHOUT_COST`)."""
    cost = 0.0
    for match in _NEGATED_PART.finditer(title):
        outside = title[: match.start()] + " " + title[match.end() :]
        own = {stem(w) for w in WORD.findall(outside.lower())}
        part = {stem(w) for w in WORD.findall(match.group(1).lower())} - own
        if part & (said_stems - refused):
            return 150.0
        if not part & refused and len(WORD.findall(match.group(1))) <= PART_WORDS:
            cost = UNSAID_WITHOUT_COST
        elif not part & refused:
            cost = 150.0
    return cost


_NEGATION = re.compile(
    r"(?i)\b(?:(?<!with or )without|not resulting in|not associated with)\b"
)  # ("with or without": no negation)
STRONG_SHARE = 0.75  # an index path using this share of the words needs no title search beside it
CLAUSE_SHARE = 0.6  # below this share of the words used by one path, a clause may answer better
# Words a story puts between the taking and what followed ("ran out of metoprolol now tachycardic"), and
# how long it went on ("skipped her warfarin for a week"): no condition.
TOLD_BETWEEN = frozenset(
    {"now", "then", "and", "so", "since", "became", "becoming", "got", "is", "was", "has", "had"}
    | {"for", "a", "an", "the", "over", "past", "last", "few", "couple", "several", "ago", "about", "almost"}
    | {"day", "days", "week", "weeks", "wk", "wks", "month", "months", "year", "years", "hour", "hours"}
    | {"today", "yesterday", "one", "two", "three", "four", "five", "six", "seven", "ten"}
)
# An Index path joining two conditions ("Diabetes, with, foot ulcer", "Ascites, due to, cirrhosis").
_LINKED_PATH = re.compile(r", (?:with|due to|in|in \(due to\)|secondary to|complicated by), ")
EVENT_LOOKED_AT = 3  # the answers to an accident's story its external cause is looked for in
CLAUSE_SCORE = 800.0  # a clause answered by a path holding most of its words
INJURY_LETTERS = frozenset("ST")  # chapter 19, Injury, poisoning and certain other consequences
LEFT_OUT_TRIES = 3  # readings of a query without one word a coder reads past (Searcher._readings)
# Words that may tell a contact or a family history (a cheap test before the query is read for one).
_CLASS_CUE = re.compile(
    r"\b(?:family|fam|fhx|fh|contact|exposed|exposure|roommate|coworker|co-worker|classmate|partner|spouse|"
    r"wife|husband|boyfriend|girlfriend|friend|housemate|teacher|neighbou?r)\b"
)
# A screening said (guideline I.C.21.c.5), and the condition looked for: after "screening for", or before the
# word ("hep C screening"), in its clause.
_SCREENING_CUE = re.compile(r"\bscreen(?:ing|ed|s)?\b")
_SCREENED_FOR = re.compile(r"\bscreen(?:ing|ed|s)?\b(?:\s+[\w']+){0,2}?\s+for\s+(?P<condition>[^,;.]+)")
_SCREENED_BEFORE = re.compile(r"(?:^|[,;.]\s*)(?P<condition>[^,;.]+?)\s+screen(?:ing|ed|s)?\b")
# Where the condition looked for ends: the setting, the reason or the person told after it.
_SCREENED_END = re.compile(
    r"\s+(?:at|in|on|with|because|due|since|after|before|during|per|given|as|who|whose|no)\b.*$"
)
# A screen's result ("newborn screen positive", "failed hearing screen") is a finding, not the encounter.
_SCREEN_RESULT = re.compile(
    r"\bscreen(?:ing)?\s+(?:test\s+)?(?:was\s+|is\s+|came\s+back\s+)?"
    r"(?:positive|negative|pos|neg|abnormal|failed|elevated|high|low|\+)|"
    r"\b(?:positive|negative|abnormal|failed|fail|elevated)\s+(?:[\w-]+\s+){0,2}screen"
)
SCREENED_WORDS = 4  # a condition told before "screening" is a short name ("hep C", "LDCT for lung ca")
# A screening told in words: a check for a condition in a patient without symptoms (guideline I.C.21.c.5:
# testing for disease in a seemingly well person).
_CHECKED_FOR = re.compile(
    r"\b(?:check(?:ing|ed)?|test(?:ing|ed)?|look(?:ing)?)\s+(?:(?!positive|negative)[\w']+\s+){0,3}?for\s+"
    r"(?P<condition>[^,;.]+)"
)
_NO_SYMPTOMS = re.compile(r"\b(?:no symptoms|asymptomatic|without symptoms|no complaints|no problems)\b")
_SCREENED_LEAD = re.compile(r"^(?:(?:encounter|visit|routine|annual|yearly|for|a|an|the)\s+)+")
# The person screened, said after "for" ("lead screening for toddler"): no condition looked for.
_SCREENED_PERSON = re.compile(
    r"^(?:(?:a|an|the|my|his|her|our|this)\s+)?(?:\d+\s*(?:yo|y/o|years?|yrs?|months?|mos?)\s+(?:old\s+)?)?"
    r"(?P<who>[a-z]+)(?:\s+.*)?$"
)
# (the people a query names, filler's, with the stages of life a screening is told for)
_SCREENED_PEOPLE = WHO_WORDS | frozenset({"newborn", "teen", "teenager", "adolescent", "adult"})


def _screened_person(told: str) -> bool:
    """Whether what a screening is "for" is a person ("lead screening for toddler"), not a condition."""
    person = _SCREENED_PERSON.match(told)
    return person is not None and (
        person.group("who") in _SCREENED_PEOPLE or person.group("who").removesuffix("s") in _SCREENED_PEOPLE
    )


# What is measured of a substance looked for ("lead level screening"), not the substance.
_SCREENED_MEASURE = re.compile(
    r"^(?:blood|serum|urine|venous|capillary)\s+|\s+(?:levels?|exposure|test(?:ing)?|poisoning|toxicity)$"
)
# A device or a procedure's result the patient has now, told without the word "status" (guideline
# I.C.21.c.3): "has a left elbow replacement", "VP shunt in place", "on an insulin pump".
_HAS_NOW = re.compile(
    r"^(?:(?:pt|patient|he|she|i|they)\s+)?(?:has|have|with|on)\s+(?:an?\s+|his\s+|her\s+|my\s+)?"
    r"(?P<has>[^,;.]+?)\s*(?:[,;.]|$)|^(?P<placed>[^,;.]+?)\s+(?:in\s+place|in\s+situ)\b"
)
# A procedure done or to be done, not one the patient lives with.
_DONE_NOW = re.compile(
    r"\b(?:placed|placement|inserted|insertion|implanted|implantation|put|removed|removal|replaced|today|"
    r"yesterday|scheduled|planned|needs?|getting|for|check|checked|adjust\w*|change\w*|fitting|fitted|"
    r"malfunction\w*|broken|failed|failure|infected|infection|fracture\w*|revision|complication\w*)\b"
)
# Words that may tell the patient's own history (a cheap test before the query is read for one).
_HISTORY_CUE = re.compile(r"\b(?:history|hx|h/o|pmh)\b")
# The personal history categories whose code is chosen by the condition's class (Z85-Z87).
_PERSONAL_HISTORY = ("Z85", "Z86", "Z87")
# An aftercare visit after surgery or a transplant may be told (bot.lookups.index.aftercare_systems).
_AFTERCARE_CUE = re.compile(r"\b(?:surgery|operation|procedure|transplant\w*)\b")
# A contact told by the patient's exposure ("exposed to measles on a flight").
_EXPOSED = re.compile(
    r"\b(?:exposed|exposure)\s+to\b|\b(?:roommate|coworker|co-worker|classmate|partner|spouse|wife|husband|"
    r"boyfriend|girlfriend|friend|housemate|teacher|neighbou?r)\s+(?:has|had|with|got|caught|"
    r"tested\s+positive\s+for|diagnosed\s+with)\b"
)
# The people and verbs of a contact's story, beside the disease ("roommate has meningococcal meningitis").
_CONTACT_WORDS = frozenset(
    re.findall(
        r"\S+",
        """roommate coworker co-worker classmate partner spouse wife husband boyfriend girlfriend friend housemate
        teacher neighbor neighbour has had got caught tested positive for diagnosed needs prophylaxis i me pt
        patient""",
    )
)
# The reading's own words and the relatives a family history names, beside the condition.
_READING_WORDS = frozenset(
    re.findall(
        r"\S+",
        """history family contact of in on the a an his her my their with and mother father mom dad brother
        sister sibling siblings son daughter parent parents grandmother grandfather grandma grandpa aunt uncle
        cousin maternal paternal side both twin exposed exposure to was were""",
    )
)
CONFIDENT_SHARE = 0.4  # below this share of the query's words used, the answer is "no confident match"
PLAIN_MARGIN = 0.15  # the plain-English reading of an abbreviation must hold this much more of the query
# Set while the condition beside an adverse effect is searched on its own ("serotonin syndrome" of "serotonin
# syndrome from SSRI"): that search may read an adverse effect by its title again, and must not recurse.
_READING_REACTION: contextvars.ContextVar[bool] = contextvars.ContextVar("reading_reaction", default=False)
# An abbreviation in capitals an answer left unread ("(not used: lch)").
_TWO_CAPITALS = re.compile(r"[A-Z][A-Z]")
_ROMAN_WORD = re.compile(r"[IVX]+")
# A word typed with two capitals or more: an abbreviation ("MGUS", "IgG").
_CAPITALS_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?![A-Za-z])")
UNREAD_SHARE = 2  # a real-word typo is looked for where the answer left half the query's words unused
_THREE_CAPITALS = re.compile(r"(?<![\w/+-])[A-Z]{3,6}(?![\w/+-])")
_RESPELLED = re.compile(
    r"spelling: ([a-z'-]+) \u2192 "
)  # a word the answer read as another ("caplan → captan")
_DENIED_SPAN = re.compile(r"\b(?:no|not|without|denies|negative for)\b[^,;.]*")  # what a query denies
# A word written with its capital after the query's first word (a name: "..., Plummer-Vinson").
_CAPITALIZED_AFTER_START = re.compile(r"\S\s+[A-Z][a-z]")
_WHY_NOTES = re.compile(
    r"\s*\([^()]*: [^()]*\)"
)  # a why's notes ("(side: L -> left)"); a line's modifiers hold no ": "
_WHY_NOTE = re.compile(r"\(((?:vocabulary|spelling|word form|dipstick): [^)]*)\)")  # a why's reading notes
SHORT_WORD = 3  # a word shorter than this is not measured as typed (bot.lookups.filler.words_not_used)
_PARENTHESIZED = re.compile(r"\([^)]*\)")
_DEFAULT_WORDS = frozenset({"nos", "nec"})  # the Index's marks of a default line
_ITEM_LABEL = re.compile(r"^(?:item|trade name) “[^”]*”[^:]*: ")
_NOT_USED_NOTE = re.compile(r"not used: [^;()]*")  # an answer's list of the words it did not use
_READ_NOTE = re.compile(r"\(read: [^()]*?-> ([^()]*)\)")  # an abbreviation's reading on an answer's why
_CODE_LIKE = re.compile(r"^[A-Z0-9][0-9A-Z]{1,2}(?:\.[0-9A-Z-]*|-)?$")  # a code printed on a path ("H66.9-")
_SUGGESTED = re.compile(r"^(?:suggested with [^:]+: )+")
_LEFT_UNREAD = re.compile(r"(?:\(|; )not used: ([^)]*)\)")
THING_KINDS = frozenset({"noun.plant", "noun.food", "noun.substance", "noun.artifact"})  # what is taken
_TRIMESTER_SAID = re.compile(
    r"\b(?:first|second|third|1st|2nd|3rd)\s+(?:trimester|tri)\b"
)  # a trimester named
_READ_DRUG = re.compile(r"read: ([a-z0-9-]+) -> drug or medicament")  # bot.lookups.index.lookup's note


def _index_path_within(shorter: str, longer: str) -> bool:
    """Whether the Index path of one hit's why is a strict beginning of the other's (same main term, fewer
    subterms): "Index: Examination, medical ->" within "Index: Examination, medical, immigration ->"."""
    paths = [re.match(r"Index: ([^>]+?) ->", why) for why in (shorter, longer)]
    if paths[0] is None or paths[1] is None:
        return False
    above = [part.strip().lower() for part in paths[0].group(1).split(",")]
    below = [part.strip().lower() for part in paths[1].group(1).split(",")]
    return len(above) < len(below) and below[: len(above)] == above


def _left_unread(hit: Hit) -> list[str]:
    """The query's words a hit says it did not use."""
    return [w for m in _LEFT_UNREAD.finditer(hit.why) for w in m.group(1).split(",")]


def _reads_more(guessed: Hit, typed: Hit, term: str, known: Callable[[str], bool]) -> bool:
    """The answer to a guessed reading uses most of the guessed term's words and leaves no more of the query's other words
    unread than the answer as typed left (the abbreviation among them)."""
    words = set(term.lower().split())
    left = {w.strip() for w in _left_unread(guessed)}
    if 2 * len(words & left) > len(words):
        return False  # (most of the guessed term unread: "alcoholic cerebellar ataxia" for a cerebral artery)
    if any(known(w) for w in left - words):
        return False  # (a vocabulary term the answer as typed read: "AST 4x ULN" is no nevus unius lateris)
    return len(left - words) <= len({w.strip() for w in _left_unread(typed)})


def _term_left_unread(hit: Hit, term: str) -> bool:
    """Whether a hit says a word of an abbreviation's term unused ("(not used: allograft, vasculopathy)")."""
    return bool({w.strip() for w in _left_unread(hit)} & set(term.lower().split()))


def _said_after_another(query: str, token: str) -> bool:
    """Whether another abbreviation in capitals comes before the token in the query: a note names its
    condition first ("MGUS, IgG kappa": the gammopathy, then what the immunoglobulin showed; "LTBI, QFT
    pos")."""
    own = {part.rstrip("0123456789").lower() for part in token.split("/")}
    for match in _CAPITALS_WORD.finditer(query):
        if match.group(0).lower() in own:
            return False
        if not _ROMAN_WORD.fullmatch(match.group(0)):
            return True
    return False


def _unused_token(token: str, unused: str) -> bool:
    words = {w.strip().lower() for w in unused.split(",")}
    return any(part.lower() in words for part in token.split("/")) or token.lower() in words


INITIALISMS_CACHED = 5_000  # initialisms (and their readings' words) remembered between queries
UNKNOWN_SHARE = 0.3  # a query with this share of words known nowhere ...
UNKNOWN_CONFIDENCE = 0.6  # ... needs an answer holding this share of it
ADDS_UNSAID = 0.5  # ... or an index line that adds no word of its own
_CONNECTING = frozenset(
    {"with", "due", "to", "on", "of", "and", "in", "the", "a", "an", "by", "for", "at", "from"}
)
NO_CONFIDENT_MATCH = "No confident match"
STATE_SENSES = (
    3  # a word's first WordNet noun senses read for a state (a condition) when a main term is opened
)
INTEGRAL_MARK = "definitive diagnosis, "
INTEGRAL_SYMPTOM = INTEGRAL_MARK + "{code} integral to it: "  # guideline I.B.5 (bot.lookups.index.key_words)
CLINICAL_WORD_COUNT = 100  # a word this common in titles and index terms is a clinical word
CLIPPED_CANDIDATES = 6  # Index words a chart's short form may stand for, weighed by the query's words
_SHORT_SEGMENT = re.compile(r"[a-z]+")
PATHS_HELD = 20_000  # sets of stems asked whether one Index path holds them (~2 MB), cleared when full
MAX_HEARD_MAINS = 8  # main terms of a neighbouring word searched for a sound-alike's line
# Word shapes (first letter, length) whose candidate lists `near` keeps: each list holds ~50 KB of words (the
# words a few letters longer or shorter too); a process answering every bench set met ~220 shapes (~12 MB),
# and 64 kept (with their one_letter_off indexes) held ~7 MB after 500 queries (tracemalloc): 32 kept.
NEAR_SHAPES = 32
HEARD_WORD_COUNT = 5  # an English word is read as the clinical word it sounds like only if titles print it
_CLAUSE_WHY = re.compile(r"^clause “([^”]*)”: ")
PAST_STATE_LOOKED_AT = 3  # answers of a past state's frame reading looked at for the frame's Z code
SCREENINGS = frozenset({"Z11", "Z12", "Z13"})  # encounters for screening
CPT_SAID = re.compile(r"\bCPT\b")
CPT_CODE = re.compile(r"^[0-9]{4}[0-9ftu]$")
UNKNOWN_BESIDE_SERVICE = 1 / 3  # the share of a service's words that may be unknown names ("Epley maneuver")
CPT_NOTE = (
    "{what}: CPT is licensed by the AMA and not bundled; import your licensed CPT file "
    "(`codedesk import cpt.csv`). HCPCS or ICD-10-PCS equivalents, if any, follow."
)
QUESTION_MARKS = re.compile(r"[?!]+(?=\s|$)")
CODE_TOKEN = re.compile(r"^(?=[0-9a-z.]*[0-9])[0-9a-z][0-9a-z.]{1,7}$")
OR_ROWS = 4000  # titles holding any of the query's words: more than this is no answer
FEW_DOCUMENTS = 4000  # matches sorted shortest first; past this many the first 200 found are read
VISIT_SERVICE_COST = 450.0  # a service code when the query names the reason for a visit
SOURCE_WEIGHT = {"title": 0.9, "inclusion": 0.82}
AXIS_FAMILIES = 256  # the categories whose codes the axis reading keeps (bot.lookups.index.said_axis)
LOOKED_AT_DOMINANCE = 5  # the answers whose dominant or nondominant side the query's words may change


_VOCABULARY_READ = re.compile(r"\(vocabulary: ([^)]*?) -> ")


def _read_by_vocabulary(why: str) -> frozenset[str]:
    """The stems of the query words a why says the vocabulary read into its path ("vocabulary: esbl -> ...")."""
    return frozenset(t for said in _VOCABULARY_READ.findall(why) for t in content_stems(said))


@dataclass(frozen=True)
class Hit:
    code: str  # official display form
    system: str  # display name: ICD-10-CM, ICD-10-PCS, HCPCS, CPT
    title: str
    billable: bool
    status: str  # billable | header | deleted | table | modifier
    why: str
    score: float

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "system": self.system,
            "title": self.title,
            "billable": self.billable,
            "status": self.status,
            "why": self.why,
        }


def validate_query(query: str) -> str:
    """The query as searched (normalised), or a QueryError saying plainly what is wrong with it."""
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t" for ch in query):
        raise QueryError("The query contains control characters; type plain words or a code.")
    text = unaccented(" ".join(unicodedata.normalize("NFKC", query).split()))
    # "E11.9?", "is this a header?": asked, not typed as part of the query
    text = QUESTION_MARKS.sub("", text).strip()
    if not text:
        raise QueryError("Type some words or a code to look up, for example `heart attack` or `E11.9`.")
    if len(text) > MAX_QUERY:
        raise QueryError(f"Queries are limited to {MAX_QUERY} characters (this one has {len(text):,}).")
    if not WORD.search(text.lower()):
        raise QueryError(
            "No words or codes in that query; type a term such as `pneumonia` or a code such as `J18.9`."
        )
    return text


@lru_cache(maxsize=WORD_CACHE)
def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "al", "ic"):
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_words = words


def _alternative_stem(word: str) -> str:
    """A query word's stem; an alternative of several words (a descriptor's phrase) stems word by word."""
    return " ".join(_stem(w) for w in word.split()) if " " in word else _stem(word)


def _group_in(group: frozenset[str], doc: frozenset[str]) -> bool:
    """Whether a title's stems hold a query word or one of its alternatives (a word a title begins with the
    stem of counts: "pneumo" in "pneumonia"); an alternative of several words - the phrase a HCPCS descriptor
    spells for an abbreviation, "cpap" -> "positive airway pressure" - counts when the title holds each word."""
    if group & doc or any(d.startswith(q) for q in group for d in doc):
        return True
    return any(" " in q and all(w in doc for w in q.split()) for q in group)


class _GroupTest:
    """`_group_in` for one group, made once for every title a search reads: a title stem beginning with any
    alternative (one `str.startswith` with them all, an alternative equal to the stem among them), or every
    word of an alternative of several words."""

    __slots__ = ("group", "phrases", "starts")

    def __init__(self, group: frozenset[str]) -> None:
        self.group = group
        self.starts = tuple(group)
        self.phrases = tuple(tuple(q.split()) for q in group if " " in q)

    def held_by(self, doc: frozenset[str]) -> bool:
        if not self.group.isdisjoint(doc):
            return True  # (a stem equal to an alternative, as most titles a search reads hold: no loop)
        starts = self.starts
        for d in doc:
            if d.startswith(starts):
                return True
        return any(all(w in doc for w in phrase) for phrase in self.phrases)


@lru_cache(maxsize=8192)  # bounded (a few MB): keyed by the titles, inclusion terms and answers met
def _doc_stems(text: str) -> frozenset[str]:
    return compact(frozenset(_stem(w) for w in _words(text)))


Group = tuple[str, ...]  # one query word and its alternatives (synonyms, spelling corrections)


KNOWN_WORDS = 30_000  # words' counts kept (cleared when full): ~5 MB at 16,000 queries kept to 100,000


class WordCounts:
    """How often each word occurs in titles and index terms, read from the code database as needed."""

    def __init__(self, book: CodeBook) -> None:
        self.book = book
        self._known: dict[str, int] = {}

    def get(self, word: str, default: int = 0) -> int:
        found = self._known.get(word)
        if found is None:
            row = self.book.db.execute("SELECT freq FROM words WHERE word = ?", [word]).fetchone()
            found = int(row[0]) if row else 0
            if len(self._known) >= KNOWN_WORDS:
                self._known.clear()
            self._known[word] = found
        return found or default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) > 0


class Searcher:
    """Per-codebook search state: the known words (for typo correction) and the curated vocabulary."""

    def __init__(self, book: CodeBook) -> None:
        self.book = book
        self.freq = WordCounts(book)
        self._near: OrderedDict[tuple[str, int], list[str]] = OrderedDict()  # least recently used first
        self._near_at: dict[tuple[str, int], tuple[list[str], dict[str, int], str]] = {}  # one_letter_off
        self._all_words: list[str] | None = None  # every word of the words table, in its order (`near`)
        self.vocabulary = Vocabulary.shipped()
        self.english = EnglishWords(book.db.execute)  # ordinary English words: never "corrected"
        self._local = threading.local()
        self._corrected: dict[str, Group] = {}
        self._sites: frozenset[str] | None = None
        self._roots: frozenset[str] | None = None
        self._root_stems: frozenset[str] | None = None  # stems of the root operations (condition_kind_first)
        self._procedure_prefixes: dict[str, tuple[str, ...]] | None = None  # (index.stem_prefixes)
        self._procedures: frozenset[str] | None = None
        self._drugs: dict[str, list[tuple[str, str]]] | None = None
        self._products: dict[str, str] | None = None  # product words printed by the drug lines
        # each chapter-21 category's billable codes as the Tabular prints them (bot.lookups.index.z_unread_siblings)
        self._z_categories: dict[str, tuple[CodeReading, ...]] = {}
        # a category's billable codes by 7th character, for the axis its first answer leaves open (said_axis)
        self._axis_families: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._drug_keys: frozenset[str] = frozenset()
        self._drug_codes: dict[str, str] = {}
        self._substances: dict[str, str] | None = None
        self._substance_classes: SubstanceClasses | None = None
        self._venom_animals: dict[str, str] | None = None
        self._thing_kinds = ThingKinds(self.wordnet(), book.db.execute, self.vocabulary.knows)
        self._cut_stems: frozenset[str] | None = (
            None  # (bot.lookups.index.cut_contact, read when first asked)
        )
        self._activity_kinds = ActivityKinds(self.wordnet(), book.db.execute)
        self._thing_did = ThingDid(self.wordnet(), book.db.execute)
        self._service_titles: ServiceTitles | None = None
        self._z_lines: ZLines | None = None
        self._absences: Absences | None = None
        self._value_bands: BandFamilies | None = None
        self._initialisms: dict[str, tuple[Reading, ...]] = {}
        self._initialism_words: dict[Reading, frozenset[str]] = {}
        self._sense_words: dict[str, frozenset[str]] = {}
        self._kin = WordKin(self.wordnet(), stem)  # a context word's kin (index.word_kin)
        self._kind_words: dict[str, tuple[str, ...]] = {}  # a thing's kinds an Index line holds (index.kinds)
        # (the Index's eponyms, bot.lookups.index.eponyms, and the "use additional code" notes,
        # bot.lookups.index.use_additional: read on need; a code -> the codes whose note names it)
        self._eponyms: dict[str, tuple[str, str]] | None = None
        self._additional: tuple[Note, ...] | None = None
        self._named_by: dict[str, tuple[str, ...]] = {}
        self._hyphen_forms: dict[str, str] | None = None
        self._apart: dict[tuple[str, str], bool] = {}
        self._forms: dict[str, str | None] = {}
        self._subterm_words: dict[str, frozenset[str]] = {}
        self._brands: dict[str, list[tuple[str, str]]] = {}  # trade name -> the HCPCS lines printing it
        self._cause_lines: dict[str, str] | None = None  # a symptom's "due to" line (index.cause_lines)
        self._place_words: PlaceWords | None = None  # prefix-of-place words (index.place_prefixes)
        self._learnt_abbreviations: ShortForms | None = None
        self._descriptors: DescriptorIndex | None = None  # index.descriptor_reading
        self._item_heads: frozenset[str] | None = None  # stems of the HCPCS descriptors' head words
        self._clipped: frozenset[str] | None = None  # the short descriptors' clipped words
        self._clipped_forms: dict[str, tuple[str, ...]] = {}
        self._pairs: dict[tuple[str, str], bool] = {}
        self._paths_held: dict[frozenset[str], bool] = {}  # bot.lookups.index.one_path, by the stems asked
        self._short_form_words: dict[str, tuple[tuple[str, int], ...]] = {}  # index.clipped_words
        self._vocabulary_phrase_words: frozenset[str] | None = None

    def near(self, word: str) -> list[str]:
        """Candidates for a misspelt word: same first letter (typos rarely hit it), length within 2, read
        from the word list the first time a word of that shape needs correcting."""
        key = (word[0], len(word))
        found = self._near.get(key)
        if found is not None:
            with suppress(KeyError):  # (another thread may have dropped it just now)
                self._near.move_to_end(key)
        else:
            # (a word spelt by ear may lose a silent first letter or letters the ear runs together:
            # "newmonia", "hemroids"; a long word may be three letters short.)
            longer = 3 if len(word) >= 7 else 2
            shortest, longest = max(3, len(word) - 2), len(word) + longer
            found = [
                w
                for start in (word[0], *SILENT_STARTS.get(word[0], ()))
                for w in self._words_from(start)
                if shortest <= len(w) <= longest
                and not w.isdigit()
                and (start == word[0] or w[:1] != word[0])
            ]
            self._near[key] = found = list(dict.fromkeys(found))
            if len(self._near) > NEAR_SHAPES:
                with suppress(KeyError):  # the least recently used shape's (read again when met)
                    self._near.popitem(last=False)
        return found

    def _words_from(self, start: str) -> list[str]:
        """The words of the titles and index terms (the words table) beginning with `start`, in the table's
        order: a slice of every word, read once (~31,000 words, ~2 MB; a shape's candidates were a range scan
        of a letter's words, ~2 ms, each time `near` met a shape it did not keep)."""
        if self._all_words is None:
            self._all_words = [
                str(w) for (w,) in self.book.db.execute("SELECT word FROM words ORDER BY word")
            ]
        words = self._all_words
        return words[bisect_left(words, start) : bisect_left(words, start + "\uffff")]

    def one_letter_off(self, word: str) -> list[str]:
        """The candidates of `near` one letter off the word (`one_letter_variants`), in `near`'s order."""
        found = self.near(word)
        key = (word[0], len(word))
        shape = self._near_at.get(key)
        if shape is None or shape[0] is not found:
            shape = (found, {w: n for n, w in enumerate(found)}, "".join(sorted(set("".join(found)))))
            if len(self._near_at) >= NEAR_SHAPES:
                self._near_at.clear()
            self._near_at[key] = shape
        _, at, letters = shape
        return sorted((w for w in one_letter_variants(word, letters) if w in at), key=at.__getitem__)

    def wordnet(self) -> WordNet:
        """This thread's WordNet reader (bot.lookups.wordnet; it caches senses between queries), on this thread's
        connection, as `index_tree` is: one reader and one cache for every reading that asks. Asked of
        `bot.lookups.wordnet.reader` every time (a dictionary look-up), never held here: a reader it let go (past
        READERS connections) must not live on in the searcher beside the connection's new one."""
        return wordnet_reader(self.book.db.conn)

    def pertainyms(self, word: str) -> list[str]:
        """The nouns WordNet says an adjective pertains to ("facial" -> face, "penile" -> penis)."""
        return [lemma for sense in self.wordnet().pertains(word) for lemma in sense.lemmas]

    @contextmanager
    def _reading(self, flag: str) -> Iterator[None]:
        """This thread's lookup marked as inside one reading of the query ("acting": the activity read,
        "screening", "beside_drug", ...) while the block runs: the searches it starts do not start that reading
        again. The mark is put back as it was, so a reading inside another keeps the outer one's."""
        before = getattr(self._local, flag, False)
        setattr(self._local, flag, True)
        try:
            yield
        finally:
            setattr(self._local, flag, before)

    def index_tree(self) -> IndexTree:
        """This thread's view of the index trees (it caches nodes and word look-ups between queries)."""
        tree: IndexTree | None = getattr(self._local, "tree", None)
        if tree is None or tree.conn is not self.book.db.conn:
            tree = IndexTree(self.book.db.conn)
            self._local.tree = tree
        return tree

    @property
    def drug_lines(self) -> dict[str, list[tuple[str, str]]]:
        """The HCPCS drug lines by their drug's key word (bot.lookups.doses.drug_key): code and title."""
        if self._drugs is None:
            conn = self.book.db.conn
            drugs = derived.stored_or_built(
                conn, DRUG_LINES, decode_drug_lines, lambda: build_drug_lines(conn)
            )
            self._drugs = drugs
            self._drug_keys = frozenset(drugs)
            self._drug_codes = {code: key for key, lines in drugs.items() for code, _ in lines}
        return self._drugs

    @property
    def drug_codes(self) -> dict[str, str]:
        """Each HCPCS drug line's code and its drug's key word (built with the drug lines)."""
        _ = self.drug_lines
        return self._drug_codes

    def _rare(self, word: str) -> bool:
        """A word seldom printed in titles and index terms: a maker's or a product's name."""
        return self.freq.get(word) <= PRODUCT_FREQ

    @property
    def drug_keys(self) -> frozenset[str]:
        """The drug lines' key words (built with them, once per searcher)."""
        _ = self.drug_lines
        return self._drug_keys

    # -- typo correction -------------------------------------------------------------------------------
    def corrections(self, word: str) -> Group:
        """The word itself when known; else the nearest known words (ties kept: diabetis -> diabetes/diabetic)."""
        found = self._corrected.get(word)
        if found is None:
            found = self._corrections(word)
            if len(self._corrected) > 50_000:
                self._corrected.clear()
            self._corrected[word] = found
        return found

    def _regular_verb_form(self, word: str) -> bool:
        """Whether a word is a verb WordNet knows with -ed or -ing added as English adds it ("resected" ->
        resect, "intubated" -> intubate): a real word, though no list prints that form, so it is read as typed,
        never turned into a nearer everyday word ("repeated"). A doubled consonant is not taken for a form:
        "dumpping" is a typo of dumping, not a form of dump."""
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and len(word) > len(suffix) + 3:
                base = word[: -len(suffix)]
                return base[-1] != base[-2] and any(self.wordnet().verbs(b) for b in (base, base + "e"))
        return False

    def _corrections(self, word: str) -> Group:
        if word in self.freq or self.vocabulary.knows(word) or len(word) < 5 or word.isdigit():
            # Short words are more often abbreviations than typos ("exac", "hx"): left as typed.
            return (word,)
        if word in self.english:
            return (word,)  # a real word ("planter") is read by sound only beside its Index line (_spelling)
        if self._regular_verb_form(word):
            return (word,)
        if _stem(word) in self.english or word.rstrip("s") in self.english:
            return self._heard_as(word)  # "scabbies": no word, though its stem is one
        if f"{word}'s" in self.freq:
            # "Warthin tumor": an eponym written without its possessive (as style guides now write it) is the
            # Index's "Warthin's tumor", not the nearer everyday word ("within")
            return (f"{word}'s",)
        candidates = self.near(word)
        allowed = 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3
        near = process.extract(
            word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=allowed + 1, limit=None
        )
        # A word spelt by its sound ("exema", "cirosis") is one edit further from the word it sounds like
        # than plain typos allow, and a rarer word may be nearer by letters (edema, crisis): the words that
        # sound the same win; then those whose consonants are the same ("hydroseal": hydrocele, not the
        # nearer hydrogel), unless a plain typo is nearer still by two edits.
        sound = sound_key(word)
        best = [m for m in near if sound_key(str(m[0])) == sound]
        if not best:
            plain = [m for m in near if m[1] <= allowed]
            nearest = min((m[1] for m in plain), default=allowed + 1)
            consonants = consonant_key(word)
            # (the ear keeps a word's start: "brocitis" is no bursitis)
            heard = [
                m
                for m in near
                if consonant_key(str(m[0])) == consonants
                and m[1] <= nearest + 1
                and sound_key(str(m[0]))[:2] == sound[:2]
            ]
            # (one edit further than the nearest typo only when no typo is one edit away and the vowels
            # differ by one at most: "hydroseal" is hydrocele, "athsma" is no autism, "ashma" no assam)
            best = [
                m for m in heard if m[1] <= nearest or (nearest >= 2 and vowel_distance(word, str(m[0])) <= 1)
            ] or plain
        if not best:
            return (word,)
        fewest = min(m[1] for m in best)
        close = sorted((m for m in best if m[1] == fewest), key=lambda m: -self.freq.get(m[0], 0))
        found = tuple(str(m[0]) for m in close[:3])
        tree = self.index_tree()
        typo = found if fewest <= 1 else ()  # (one letter off a main term: "histerectomy" is Hysterectomy)
        if reads_procedure_word(tree.conn, word, typo, self.vocabulary.body_part, tree.memo):
            return (word,)  # "mammolysis": a procedure word read from its parts, no typo of "mammoplasia"
        return found

    def _heard_as(self, word: str) -> Group:
        """A word no title or Index term prints, one letter from a clinical word that sounds the same
        ("scabbies", "planter"): the clinical word, spelt by ear; else the word as typed."""
        if len(word) < 6 or word in self.freq:
            return (word,)
        near = process.extract(word, self.near(word), scorer=DamerauLevenshtein.distance, score_cutoff=1)
        sound, consonants = sound_key(word), consonant_key(word)
        heard = [
            str(m[0])
            for m in near
            if self.freq.get(str(m[0])) >= HEARD_WORD_COUNT
            and (sound_key(str(m[0])) == sound or consonant_key(str(m[0])) == consonants)
        ]
        return (heard[0],) if len(heard) == 1 else (word,)

    def correct(self, word: str) -> str:
        return self.corrections(word)[0]

    # -- the search --------------------------------------------------------------------------------------
    def find(self, query: str, systems: Sequence[str] = SYSTEMS, limit: int = 10) -> Hits:
        # "testing 1 2 3": a line of chat words only, answered before a reading rewrites it (chat_only)
        if self._chat_line(query):
            return _with_notice([], OFFICE_TALK)
        # "pregnant again at 9 weeks, had a tubal pregnancy before": a prenatal visit and its risk, read whole
        # as the Index's supervision of a high-risk pregnancy (bot.lookups.index.pregnancy_supervision).
        if "cm" in systems and not getattr(self._local, "supervising", False) and may_read_supervision(query):
            supervised = self._supervised(query, systems, limit)
            if supervised is not None:
                return supervised
        # "growth ultrasound", "scan to screen the baby for heart defects": a prenatal test told by what it looks
        # for, the Index's antenatal screening line of it first (bot.lookups.index.antenatal_screening).
        if "cm" in systems and not getattr(self._local, "screening", False) and may_read_antenatal(query):
            screened = self._antenatal(query, systems, limit)
            if screened is not None:
                return screened
        # "quints born vaginally here at the hospital", "delivered twins, one stillborn": a birth told whole, read
        # as the Index's Newborn or Outcome of delivery line (bot.lookups.index.birth_outcomes).
        if "cm" in systems and not getattr(self._local, "birthing", False) and may_read_birth(query):
            birth = read_birth(query, lambda path: index_subterms(self.index_tree(), path))
            if birth is not None:
                told = self._reread(
                    birth.text,
                    birth.note,
                    systems,
                    limit,
                    lambda found: bool(found) and birth.used_by(found[0].code, found[0].why),
                    guard="birthing",
                )
                if told is not None:
                    return told
        # "iron shrapnel still in the leg": fragments that stayed, the Index's Retained, fragments line of their
        # material (bot.lookups.index.retained_fragments).
        if "cm" in systems and not getattr(self._local, "retaining", False) and may_read_retained(query):
            kept = read_retained(query, index_subterms(self.index_tree(), RETAINED), self._broader_words)
            if kept is not None:
                told = self._reread(
                    kept.text,
                    kept.note,
                    systems,
                    limit,
                    lambda found: bool(found) and kept.used_by(found[0].code),
                    guard="retaining",
                )
                if told is not None:
                    return told
        # "nose swab grew MRSA, no infection": a culture's growth told with a verb, the Index's Positive, culture
        # line of the specimen, kept when a carrier line answers (bot.lookups.index.culture_growth).
        if "cm" in systems and not getattr(self._local, "growing", False) and may_read_growth(query):
            grown = read_growth(query)
            if grown is not None:
                told = self._reread(
                    grown.text,
                    f"read: {query.strip()} -> Positive, culture, {grown.site}",
                    systems,
                    limit,
                    lambda found: bool(found) and grown.used_by(found[0].code, found[0].why),
                    guard="growing",
                )
                if told is not None:
                    return told
        # "assessment: CAP", "h/o DVT, now with new PE": a section label read past, the present condition
        # first and the past one's history code beside it (bot.lookups.index.chart_frames).
        frame = read_frame(query)
        if frame is not None:
            framed = self._framed(frame, systems, limit)
            if framed is not None:
                return framed
        # "Babinski upgoing on left", "bruit heard on exam", "urine output 200 mL in 24 h": the chart's
        # finding in the Index's words, before any reading of the words (bot.lookups.index.chart_findings).
        query = read_chart(query)
        # "EIN on endometrial bx", "AIN on renal biopsy": the test a finding was seen on is no word of the
        # finding; its body-part words stay (bot.lookups.index.found_on).
        query = without_test(query)
        # "incarcerated inguinal hernia": the adjective the Index sends to the site's "with" line
        # (bot.lookups.index.by_site_with).
        query = self._by_site_with(query)
        # "steroid-induced diabetes": the cause a word of its own (bot.lookups.index.drug_induced).
        if may_read_induced(query):
            query = read_induced(query) or query
        # "white count dropped on carbamazepine": the level the change left (bot.lookups.index.changed_findings).
        if "cm" in systems and may_read_change(query):
            query = read_change(query, self.vocabulary.knows, self._names_drug) or query
        # "rash after dicloxacillin": a reaction told by when it came, its drug the cause (the same module).
        if "cm" in systems and may_read_after(query):
            query = read_after_drug(query, self._names_drug) or query
        if "cm" in systems and may_read_named_cause(query):
            query = read_named_cause(query, self._names_drug) or query
        # "sunburn with blisters": a burn's depth said by how the skin looks (bot.lookups.index.burn_depth).
        query = read_burn_depth(query)
        # "terrified of bees", "too scared to get on a plane": a fear told in everyday words read as the
        # Index's Phobia line for the kind of thing feared (bot.lookups.index.fears).
        if "cm" in systems and may_read_fear(query):
            query = read_fear(query) or query
        # "my baby weighed 900 grams when she was born": the Index's birthweight band (bot.lookups.index.birth_weight).
        if "cm" in systems and may_read_birth_weight(query):
            query = read_birth_weight(query) or query
        # "jumped from a roof, not clear if intentional", "suspect shot by police": the intent told in plain words
        # read as the External Cause Index's main term of that intent, kept when the answer's Tabular title says
        # the intent (bot.lookups.index.cause_intents).
        if "cm" in systems and may_read_intent(query):
            intent = read_intent(query)
            if intent is not None:
                with intent_reading():
                    told = self._reread(
                        intent.text,
                        intent.note,
                        systems,
                        limit,
                        lambda found: (
                            bool(found)
                            and found[0].code[:1] in "VWXY"
                            and intent.used_by(found[0].title, found[0].why)
                        ),
                    )
                if told is not None:
                    return told
        # "cut my hand on the hedge trimmer", "stabbed my palm with a screwdriver": a cut told with what did it,
        # the Index's Cut, see Contact, with, by object line of the thing (bot.lookups.index.cut_contact).
        if "cm" in systems and not reading_intent() and may_read_kind(query):
            if self._cut_stems is None:
                self._cut_stems = contact_words(self.book.db.execute)
            cut = read_cut_contact(query, self._cut_stems, CUT_WORDS, self._thing_kinds.contact_thing)
            if cut is not None:
                told = self._reread(
                    cut.text,
                    cut.note,
                    systems,
                    limit,
                    lambda found: bool(found) and found[0].code[:1] == "W" and cut.used_by(found[0].why),
                )
                if told is not None:
                    return told
        # "kid put hand on hot stovetop", "stepped on a pitchfork": a thing touched, handled or stepped on,
        # the Index's Contact, with line of the thing (hot or not: X15-X17, W25-W29, W45)
        if "cm" in systems and not reading_intent() and may_read_touch(query):
            touch = read_cut_contact(
                query, frozenset(), TOUCH_WORDS, self._thing_kinds.contact_thing, TOUCHED
            )
            if touch is not None:
                told = self._reread(
                    touch.text,
                    touch.note,
                    systems,
                    limit,
                    lambda found: (
                        bool(found)
                        and inanimate_contact(found[0].code)
                        and heat_told(found[0].code, query)
                        and touch.reads_thing(found[0].why)
                    ),
                )
                if told is not None:
                    return told
        # "bitten by an iguana", "the couch caught fire": a thing the External Cause Index lists by its kind
        # or another word, read as it (Bite, lizard; Exposure, fire, sofa) (bot.lookups.index.thing_kinds).
        if "cm" in systems and may_read_kind(query):
            kinded = self._thing_kinds.read(query)
            if kinded is not None:
                told = self._reread(
                    kinded.text,
                    kinded.note,
                    systems,
                    limit,
                    lambda found: any(kinded.used_by(h.code, h.why) for h in found[:KIND_SHOWN]),
                )
                if told is not None:
                    return told
        # "the rototiller kicked back into my shin": a tool or machine told doing the harm, read as the Index's
        # Contact (or Explosion) line of it or its kind (bot.lookups.index.thing_did).
        # (not inside an intent's reading: "undetermined intent jumped ..." names no thing that jumped)
        if "cm" in systems and not reading_intent() and may_read_did(query):
            did = self._thing_did.read(query)
            if did is not None:
                told = self._reread(
                    did.text,
                    did.note,
                    systems,
                    limit,
                    lambda found: bool(found) and did.used_by(found[0].code, found[0].why),
                )
                if told is not None:
                    return told
        # "badminton game", "playing the sousaphone": an activity the Activity lines list by its kind (Activity,
        # racquetball; playing musical instrument, brass instrument) (bot.lookups.index.activity_kinds).
        if "cm" in systems and not getattr(self._local, "acting", False) and may_read_activity(query):
            active = self._activity_kinds.read(query)
            # ("sleepwalking" is WordNet's walking by one asleep, and the vocabulary's somnambulism: a condition)
            if active is not None and not self._read_as_condition(active.phrase):
                reread: list[Hits] = []

                def used(found: Hits) -> bool:
                    reread.append(found)
                    return bool(found) and active.used_by(found[0].code)

                told = self._reread(active.text, active.note, systems, limit, used)
                if told is not None:
                    told = self._titled_phrase(query, active, systems, limit) or told
                if told is None and not reread[0]:
                    # (the query in the line's words reads nothing: the line alone, if the query reads nothing)
                    told = self._activity_alone(query, active, systems, limit)
                if told is not None:
                    return told
            lenient = self._activity_kinds.read(query, lenient=True) if active is None else None
            if lenient is not None and not self._read_as_condition(lenient.phrase):
                told = self._activity_alone(query, lenient, systems, limit)
                if told is not None:
                    return told
        # "had his bladder taken out", "heart-lung transplant recipient", "asthma runs in my family": a story of
        # the past read in the Index's status frame, kept when a Z code of the frame answers it
        # (bot.lookups.index.past_states).
        if "cm" in systems and not getattr(self._local, "unframed", False) and may_read_past_state(query):
            framed_state = self._past_state(query, systems, limit)
            if framed_state is not None:
                return framed_state
        # "feels like my uterus is falling out", "my 2 year old isn't talking yet": a lay verb of position,
        # time or birth read as the Index's noun (bot.lookups.index.lay_shapes), kept when it answers.
        if "cm" in systems and not getattr(self._local, "unshaped", False) and may_read_lay_shape(query):
            shaped = self._lay_shape(query, systems, limit)
            if shaped is not None:
                return shaped
        # "little skin tag in front of my baby's ear": a place said by a preposition and a part, read as the
        # Index's word of a Latin prefix of place and the part (bot.lookups.index.place_prefixes), kept when
        # its answer uses that word.
        if "cm" in systems and not getattr(self._local, "placing", False) and may_place(query):
            placed = self._placed(query, systems, limit)
            if placed is not None:
                return placed
        # "knee aches no matter how much I rest it": what the patient concedes is no word of the complaint.
        conceded = without_concession(query)
        if conceded is not None:
            found = self.find(conceded[0], systems, limit)
            left = f"not used: {', '.join(conceded[1])}"
            return _with_notice([replace(h, why=f"{h.why} ({left})") for h in found], found.notice)
        if "pcs" in systems:
            # "vent for 5 days": a ventilation episode by its duration (bot.lookups.index.pcs_ventilation).
            query = read_ventilation(query)
        setting = without_setting(query) if "pcs" in systems else None
        if setting is not None:
            # "peritoneal dialysis exchange inpatient": the setting says the code set (bot.lookups.index.pcs_setting).
            found = self.find(setting, systems, max(limit, SETTING_DEPTH))
            order = procedures_before_services([h.system for h in found])
            return _with_notice([found[n] for n in order][:limit], found.notice)
        # "ICP at 35 weeks": an abbreviation of several senses read in the one the query is about.
        sense = read_sense(query, self.vocabulary.senses, self._sense_neighbourhood, stem)
        if (
            sense is None
            and "cm" in systems
            and _THREE_CAPITALS.search(query)
            and not any(self.index_tree().names_procedure(stem(w)) for w in WORD.findall(query.lower()))
        ):
            # "CAD, hemolysis worse in the cold": a sense the data spells, where the usual one fits no word;
            # never beside a procedure's name ("bronchoscopy with BAL": the lavage, no lymphoma).
            sense = read_data_sense(
                query,
                self._usual_senses,
                self._sense_neighbourhood,
                self._spelled,
                stem,
                self._together,
                self._kin,
                self._sense_on_path,
            )
        if sense is not None:
            found = self.find(sense.text, systems, limit)
            return _with_notice([replace(h, why=f"{h.why} ({sense.note})") for h in found], found.notice)
        kind = cpt_kind(query)
        initialism = None if kind else self._initialism(query)
        if initialism is None:  # (a CPT service told by its words' kinds: "celiac tTG IgA" is no initialism)
            found = self._find_all(query, systems, limit)
            return (
                found
                if kind
                else self._additional_first(
                    query,
                    self._named(
                        query,
                        self._kinded(query, self._guessed(query, found, systems, limit), systems, limit),
                        systems,
                    ),
                    systems,
                    limit,
                )
            )
        typed = None if initialism.sure else self._find_all(query, systems, limit)
        if typed is not None and ((typed and not typed.notice) or CPT_SAID.search(typed.notice)):
            unread = _LEFT_UNREAD.search(typed[0].why) if typed and not typed.notice else None
            token = initialism.note.removeprefix("read: ").split(" -> ")[0]
            if unread is None or not _unused_token(token, unread.group(1)):
                return typed  # (a CPT service told by its words' kinds is not read again as an initialism)
            # ("PVNS R shoulder" -> Fluoroscopy of Right Shoulder: an answer that leaves the abbreviation unread)
        # "DMDD, 10 yo": an abbreviation no vocabulary term holds, read as the Index term its initials spell.
        found = self._find_all(initialism.text, systems, limit)
        term = initialism.note.split(" -> ", 1)[-1]
        if (
            typed
            and not typed.notice
            and found
            and not _reads_more(found[0], typed[0], term, self.vocabulary.knows)
        ):
            return typed  # (the reading reads less of the query than the answer as typed)
        # (a sure reading's own line answers where the search of the term loses it, or finds nothing sure)
        # (or its answer leaves the term's own words unread: "CAV after heart transplant", read as cardiac
        # allograft vasculopathy, is no "Tamponade, heart" - the words around the abbreviation led it away)
        # (unless the note named another abbreviation's condition first: "MGUS, IgG kappa")
        token = initialism.note.removeprefix("read: ").split(" -> ")[0]
        term_unread = (
            bool(found)
            and not found.notice
            and _term_left_unread(found[0], term)
            and not _said_after_another(query, token)
        )
        lost = initialism.printed or not found or bool(found.notice) or term_unread
        named = self.book.get("cm", initialism.code) if initialism.sure and lost and initialism.code else None
        if (
            named is not None
            and named.billable
            and term_unread
            and undot(found[0].code) != undot(named.code)
            and any(undot(h.code) == undot(named.code) for h in found)
        ):
            # (the term's own line is among the answers, behind one that left the term unread: it leads)
            ahead = next(h for h in found if undot(h.code) == undot(named.code))
            top = max(h.score for h in found) + 1.0
            lead = replace(ahead, score=top, why=f"{ahead.why} ({initialism.note}; its own line leads)")
            return _with_notice([lead, *(h for h in found if h is not ahead)][:limit], "")
        if named is not None and named.billable and all(undot(h.code) != undot(named.code) for h in found):
            # ("FALD, teen s/p Fontan": the term the data prints the abbreviation for is on a line of its own
            # code; the words around it must not lead the search of the term elsewhere - "liver disease")
            top = max((h.score for h in found), default=0.0) + 1.0
            why = f"Index or Tabular term: {term} -> {named.display} ({initialism.note})"
            hit = self._hit(("cm", named.code), (top, why, named, named.title))
            return _with_notice([hit, *(found if not found.notice else ())][:limit], "")
        if found and not found.notice:
            return _with_notice([replace(h, why=f"{h.why} ({initialism.note})") for h in found], "")
        return typed if typed is not None else self._find_all(query, systems, limit)

    def _activity_alone(
        self, query: str, active: ActivityRead, systems: Sequence[str], limit: int
    ) -> Hits | None:
        """The Activity line alone, when the query tells an activity and no other word of it reaches any line
        ("got checked into the boards in hockey": the harm's words read nothing, the activity is Activity,
        hockey): the answer the query gets without the activity read is nothing, and the activity's own words
        reach its line."""
        with self._reading("acting"):
            unread = self.find(query, systems, limit)
            if unread or not unread.notice.startswith(NO_CONFIDENT_MATCH):
                return None  # (answered, or read as something with no code here: "test" is a CPT service)
            found = self.find(f"activity {active.line_words}", systems, limit)
        if not found or not active.used_by(found[0].code):
            return None
        note = f"{active.note}; no other word of the query reads a line"
        return _with_notice([replace(h, why=f"{h.why} ({note})") for h in found], found.notice)

    def _titled_phrase(
        self, query: str, active: ActivityRead, systems: Sequence[str], limit: int
    ) -> Hits | None:
        """The query's answer without its activity read, when that answer's first code is another than the
        Activity line and its title prints the activity phrase itself ("routine dental cleaning": Encounter
        for dental examination and cleaning Z01.20, not Activity, cleaning, floor Y93.E5;
        bot.lookups.index.activity_kinds.ActivityRead.printed_by)."""
        with self._reading("acting"):
            unread = self.find(query, systems, limit)
        if unread and not active.used_by(unread[0].code) and active.printed_by(unread[0].title):
            return unread
        return None

    def _read_as_condition(self, phrase: str) -> bool:
        """A phrase the vocabulary reads as an Index term that is no activity ("sleepwalking" -> somnambulism;
        "jogging" -> activity running is one)."""
        return self.vocabulary.knows(phrase) and not self.vocabulary.expand(phrase)[0].startswith("activity")

    def _reread(
        self,
        text: str,
        note: str,
        systems: Sequence[str],
        limit: int,
        accept: Callable[[Hits], bool],
        guard: str = "",
    ) -> Hits | None:
        """The answer to a query reread in the Index's words (`text`), each hit's why saying how (`note`), when
        `accept` finds the reading used; else None. `guard`: the name of this thread's flag held set while the
        reread runs, so that the same reading is not tried again inside it."""
        if guard:
            setattr(self._local, guard, True)
        try:
            found = self.find(text, systems, limit)
        finally:
            if guard:
                setattr(self._local, guard, False)
        if not accept(found):
            return None
        return _with_notice([replace(h, why=f"{h.why} ({note})") for h in found], found.notice)

    def _kinded(self, query: str, found: Hits, systems: Sequence[str], limit: int) -> Hits:
        """A thing the answer left unread that no Index line holds ("LSD abuse") read as the kind an Index line
        holds (bot.lookups.index.kinds), when that answer reads the kind and leaves fewer words unread."""
        if "cm" not in systems or not found:
            return found
        unread = _unused_words(found[0].why)
        reading = read_kind(query, unread, self._kinds) if unread else None
        if reading is None:
            return found
        text, note = reading
        answer = self._find_all(text, systems, limit)
        if not answer or answer.notice:
            return found
        left = _unused_words(answer[0].why)
        if note.rsplit(" ", 1)[-1] in left or (len(left) >= len(unread) and not found.notice):
            return found
        now = _ANY_INDEX_PATH.search(answer[0].why)
        kind = note.rsplit(" ", 1)[-1]
        if now is None or kind in now.group(1).split(",")[0].lower() or kind not in now.group(1).lower():
            # (the kind is a subterm of the Index line that answers: "Bite, dog"; not a main term - "parrot" is
            # no Parrot's disease - nor a word the line does not say: "salmon rash" is no food rash)
            return found
        return _with_notice([replace(h, why=f"{h.why} ({note})") for h in answer], "")

    def _named(self, query: str, found: Hits, systems: Sequence[str]) -> Hits:
        """A syndrome's name the answer left unread, written with its capital, answered first with the Index's
        eponym line ("esophageal web with iron deficiency anemia, Plummer-Vinson": the syndrome, its features
        integral; bot.lookups.index.eponyms); the answer as typed after it."""
        if (
            "cm" not in systems
            or not _CAPITALIZED_AFTER_START.search(query)
            or (found and found[0].system != SYSTEM_NAMES["cm"])
        ):
            return found
        unread = (
            _unused_words(found[0].why) if found and not found.notice else set(WORD.findall(query.lower()))
        )
        # (and a name the answer read as another word: "Caplan" spelled as captan, the fungicide)
        unread |= {m.group(1) for m in _RESPELLED.finditer(found[0].why)} if found else set()
        if not unread:
            return found
        if self._eponyms is None:
            self._eponyms = load_eponyms(self.book.db.conn)
        eponym = unread_eponym(query, unread, self._eponyms, lambda w: w in self.english)
        if eponym is None:
            return found
        named = self.book.get("cm", eponym.code.rstrip("-"))
        if named is None or not named.billable:
            return found  # (a category's line wants its other axes read: the answer as typed stands)
        top = max((h.score for h in found), default=0.0) + 1.0
        why = (
            f"Index: {eponym.term} -> {named.display} (the syndrome named beside its features: {eponym.name})"
        )
        hit = self._hit(("cm", named.code), (top, why, named, named.title))
        rest = [h for h in (found if not found.notice else ()) if h.code != hit.code]
        return _with_notice([hit, *rest][: max(len(found), 1)], "")

    def _additional_first(self, query: str, found: Hits, systems: Sequence[str], limit: int) -> Hits:
        """A first answer a Tabular "use additional code" note names (a BMI, Z68) that left the words of the note's
        condition unread ("BMI 27, overweight"): that condition first, the additional code after it
        (bot.lookups.index.use_additional)."""
        if "cm" not in systems or not found or found.notice or found[0].system != SYSTEM_NAMES["cm"]:
            return found
        unread = _unused_words(found[0].why)
        if not unread:
            return found
        first = undot(found[0].code)
        holders = self._named_by.get(first)
        if holders is None:
            if self._additional is None:
                self._additional = load_notes(self.book.db.conn)
            holders = self._named_by[first] = tuple(
                h for h in named_by(first, self._additional) if not first.startswith(h[:3])
            )
        if not holders:
            return found
        leads: list[Hit] = []
        for _ in range(2):
            # (and what the holder's answer left unread, when a holder names it: "overweight, counseled on
            # diet" is the overweight before the counseling, both before the BMI)
            # (never what the query denies: "nycturia, no other LUTS" is no prostate's symptoms)
            said = _DENIED_SPAN.sub(" ", query.lower())
            text = " ".join(w for w in WORD.findall(said) if w in unread)
            answer = self._find_all(text, systems, limit) if text else None
            if not answer or answer.notice or not any(undot(answer[0].code).startswith(h) for h in holders):
                break
            note = f"coded first: its note says use additional {found[0].code}"
            leads.insert(0, replace(answer[0], why=f"{answer[0].why} ({note})"))
            unread = _unused_words(answer[0].why)
        if not leads:
            return found
        rest = [h for h in found if all(h.code != lead.code for lead in leads)]
        return _with_notice([*leads, *rest][:limit], "")

    def _kinds(self, word: str) -> tuple[str, ...]:
        found = self._kind_words.get(word)
        if found is None:
            found = kind_words(
                word, self._kin.wordnet, lambda w: bool(self.index_tree().word_counts({stem(w)}))
            )
            if len(self._kind_words) > INITIALISMS_CACHED:
                self._kind_words.clear()
            self._kind_words[word] = found
        return found

    def _guessed(self, query: str, found: Hits, systems: Sequence[str], limit: int) -> Hits:
        """An abbreviation in capitals the answer as typed leaves unread (no confident answer, or one that did
        not use it: "LCH in a child" -> Timidity, child) read as the terms its initials spell, best first
        (bot.lookups.index.initialisms.guess_initialism); the answer as typed when there is no such reading."""
        if "cm" not in systems or not _TWO_CAPITALS.search(query) or CPT_SAID.search(found.notice):
            return found
        if found and not found.notice and found[0].system != SYSTEM_NAMES["cm"]:
            return found  # (a procedure or a supply: "VATS right upper lobectomy"; the guesses are diagnoses)
        unused = _LEFT_UNREAD.search(found[0].why) if found and not found.notice else None
        if found and not found.notice and unused is None:
            return found
        guess = guess_initialism(
            query,
            self._initialism_readings,
            self._initialism_unknown,
            self._initialism_context,
            stem,
            self._kin,
        )
        if guess is None or (unused is not None and not _unused_token(guess.token, unused.group(1))):
            return found
        if unused is None and not guess.borne_out:
            return found  # (nothing answered the query as typed, and nothing in it bears the guess out)
        hits: list[Hit] = []
        for n, (text, term) in enumerate(zip(guess.texts, guess.terms, strict=True)):
            named = self.book.get("cm", guess.codes[n]) if n and guess.codes[n] else None
            if named is not None and named.billable and hits:
                # (another guess's line holds a billable code: its answer without another search)
                why = f"Index or Tabular term: {term} -> {named.display}"
                hit = self._hit(("cm", named.code), (hits[0].score - n, why, named, named.title))
                if all(h.code != hit.code for h in hits):
                    hits.append(replace(hit, why=f"{hit.why} (read: {guess.token} -> {term}?)"))
                continue
            answer = self._find_all(text, systems, limit if n == 0 else 1)
            if not answer or answer.notice:
                if n == 0:
                    return found
                continue
            if (
                n == 0
                and unused is not None
                and not _reads_more(answer[0], found[0], term, self.vocabulary.knows)
            ):
                return (
                    found  # (the guess reads less of the query than the answer as typed: "DIE R uterosacral")
                )
            note = f"read: {guess.token} -> {term}?"
            for hit in answer if n == 0 else answer[:1]:
                if all(h.code != hit.code for h in hits):
                    hits.append(replace(hit, why=f"{hit.why} ({note})"))
        if not hits:
            return found
        # (the best guess's first answer, then each other guess's, then the best guess's next ones)
        first = [h for h in hits if h.why.endswith(f"-> {guess.terms[0]}?)")]
        others = [h for h in hits if h not in first]
        guessed = first[:1] + others + first[1:]
        if found and not found.notice and not guess_may_lead(query, guess.token, guess.terms[0], stem):
            # (a confident answer that read words naming something keeps first place: "DOT physical" is the
            # driving-licence examination, not "disorders of optic tracts"; the guesses follow it)
            kept = [found[0], *(h for h in guessed if h.code != found[0].code)]
            return _with_notice(kept[:limit], found.notice)
        return _with_notice(guessed[:limit], "")

    def _lay_shape(self, query: str, systems: Sequence[str], limit: int) -> Hits | None:
        """The query's lay shape read in the Index's words, when that answers with confidence - unless the query
        as typed answers with a line of the same main term as deep ("knee gives out": Instability, joint, knee;
        "depression keeps coming back" is read, Depression, recurrent)."""
        shaped = read_lay_shape(query, self.index_words())
        if shaped is None:
            return None
        found = self.find(shaped, systems, limit)
        if not found or found.notice:
            return None
        if shaped.startswith("newborn affected by maternal") and "(not used:" in found[0].why:
            return None  # what the mother took, when the Index's Newborn, affected by, maternal lines miss it
        low = " ".join(query.lower().replace("\u2019", "'").split())
        if any(word not in found[0].why.lower() for word in course_said(low)):
            return None  # a course the answer does not say ("sneezing that won't go away": no chronic line)
        said = set(query.lower().split())
        if any(w not in said for w in _unused_words(found[0].why)):
            return None  # the reading's own word unused ("sore arm postimmunization": no such line)
        with self._reading("unshaped"):
            typed = self.find(query, systems, limit)
        if _answers_as_deep(typed, found) and not _left_what_was_read(typed[0].why, shaped):
            return typed
        note = f"read: {query} -> {shaped}"
        return _with_notice([replace(h, why=f"{h.why} ({note})") for h in found], "")

    def _placed(self, query: str, systems: Sequence[str], limit: int) -> Hits | None:
        """The query with a place said by a preposition and a part read as the Index's one word ("in front of
        my baby's ear" -> preauricular), when that answers with confidence through the word - unless the query
        as typed answers with a line of the same main term as deep."""
        if self._place_words is None:
            self._place_words = PlaceWords(self.book.db.execute, self.wordnet())
        read = place_words(query, self._place_words)
        if read is None:
            return None
        text, word = read
        with self._reading("placing"):
            found = self.find(text, systems, limit)
            if not found or found.notice or not found[0].why.startswith("Index: "):
                return None
            if word in _unused_words(found[0].why) or word not in found[0].why.lower():
                return None  # (the Index's word unused: "pain interscapular" is no line)
            typed = self.find(query, systems, limit)
        if _answers_as_deep(typed, found):
            return typed
        note = f"read: {query} -> {text}"
        return _with_notice([replace(h, why=f"{h.why} ({note})") for h in found], "")

    def _past_state(self, query: str, systems: Sequence[str], limit: int) -> Hits | None:
        """The query's past state read in the Index's status frame, when a Z code of that frame answers it with
        confidence (bot.lookups.index.past_states); None otherwise."""
        state = read_past_state(
            query,
            lambda main, word: self.index_words().lists(main, word),
            self._drug_class_words,
            self._names_place,
        )
        if state is None:
            return None
        if state.frame in SAID_KINDS and self._reads_kind_already(query, systems, limit, state.frame):
            return None
        with self._reading("unframed"):
            found = self.find(state.text, ("cm",), max(limit, PAST_STATE_LOOKED_AT))
            found = self.z_line_unanswered(state.text, ("cm",), found)  # ("status tubal ligation")
        # (a kind said, "problems with transportation to appointments", keeps the closest situation line the
        # Z lines read below its frame: bot.lookups.index.z_lines)
        closest = state.frame in SAID_KINDS and "situation line" in found.notice
        if not found or (found.notice and not closest):
            return self._absence_of_kind(state, Hits(), limit)
        frames = [m.lower() for m in FRAMES[state.frame]]
        # the key's words as the vocabulary reads them too ("hep B": hepatitis B), less the words the key left out
        # ("lyme" -> "lyme disease": no History line is the Lyme disease's for its "disease")
        key = own = content_stems(state.key)
        key |= content_stems(self.vocabulary.expand(state.key)[0]) - content_stems(state.text)
        # the frame's own Index line first (its main term, or its word below another: "Tracheostomy, status"),
        # then the frame's Tabular note read for a condition no such line names ("had dengue last year")
        # (the note's line first when the search put it first: its History line only brushed the condition,
        # "History, personal, malignant neoplasm" for "gallbladder cancer")
        noted_first = state.over and found[0].why.lower().startswith("history, personal - ")
        for by_note in (True, False) if noted_first else (False, True):
            for hit in found[:PAST_STATE_LOOKED_AT]:
                path = hit.why.split(" -> ")[0].lower()
                if (
                    hit.code.startswith("Z")
                    and not (state.frame == "history" and hit.code.startswith(HISTORY_FAMILY))
                    # (a therapy said to be over is no Long-term (current) drug therapy)
                    and not (state.frame == "drug history" and ("long-term" in path or "long term" in path))
                    and (
                        path.startswith("index: ")
                        # (a note read from the condition's line: the Index's or, for a cancer, the Table's)
                        or (by_note and path.startswith("neoplasm table: "))
                        or (by_note and state.over and path.startswith("history, personal - "))
                    )
                    # ("stomach ulcer": History, personal, diabetic foot ulcer says "ulcer" only)
                    and not (state.over and 2 * len(key & _said_by(hit)) < len(own))
                    and (
                        any(f"; {m}, " in hit.why.lower() or path.startswith(f"{m}, ") for m in frames)
                        if by_note
                        else any(m in path for m in frames)
                    )
                    # ("appendix removed": Absence, thumb answers no word of the part)
                    and (
                        key & _said_by(hit)
                        # (a line naming the thing in the vocabulary's words: "ESBL" is "extended-spectrum
                        # beta-lactamase producing"; or by its kind, every word used: "Carrier, genetic")
                        or (
                            state.frame in KIND_KEYED
                            and (key & _read_by_vocabulary(hit.why) or "not used:" not in hit.why)
                        )
                    )
                ):
                    # (a congenital line said by "unilateral" above the acquired one the frame asks for)
                    ordered = [hit, *(h for h in found if h.code != hit.code)]
                    return _with_notice(
                        [replace(h, why=f"{h.why} ({state.note})") for h in ordered][:limit], ""
                    )
        return self._absence_of_kind(state, found, limit)

    def _reads_kind_already(self, query: str, systems: Sequence[str], limit: int, frame: str) -> bool:
        """Whether the query's own reading already answers on a named line below the kind's Index line ("long
        term oral metformin": Long-term drug therapy, oral, hypoglycemic): the query says the Index's words,
        and the kind's reading of it (bot.lookups.index.reason_kinds) is not needed. A line that only says
        "specified NEC" (guideline I.A.9) is no reading of the object, unless its Tabular sibling then says
        it, and the kind is read."""
        with self._reading("unframed"):
            own = self.find(query, systems, limit)
        if not own or own.notice or not own[0].code.startswith("Z"):
            return False
        path = _path_of(own[0].why).lower()
        # (a "specified NEC" line whose Tabular sibling then says the object, "long term use of steroid inhaler":
        # Z79.899 -> Tabular, within Z79: Z79.51, read the object: bot.lookups.index.z_unread_siblings)
        read = " nec" not in path or "tabular, within" in own[0].why.lower()
        return read and any(m.lower() in path for m in FRAMES[frame])

    def z_lines(self) -> ZLines:
        """The Z-line reader (bot.lookups.index.z_lines), built on first use."""
        if self._z_lines is None:
            self._z_lines = ZLines(self.book.db.conn)
        return self._z_lines

    def _absence_of_kind(self, state: PastState, found: Hits, limit: int) -> Hits | None:
        """A part taken out ("appendix removed", "s/p appendectomy": the part an -ectomy names) that no
        Absence or Status line of its own answers: the acquired Absence line of the part, or of the larger
        part the Tabular files its congenital absence under (bot.lookups.index.absence_class); None when
        none."""
        if state.frame == "absence":
            part, means = state.key, ""
        elif state.frame == "status" and formed_procedure(state.key) and state.key.endswith("ectomy"):
            named = self.vocabulary.body_part(state.key)
            if not named:
                return None
            part, means = named[0], " ".join(named[1:])
        else:
            return None
        if self._absences is None:
            self._absences = Absences.build(self.book.db.conn)
        read = acquired_absence(self.book.db.conn, self._absences, part, means)
        code = self.book.get("cm", read[0].code) if read else None
        if read is None or code is None or not code.billable:
            return None
        line, kind = read
        how = f"; {part} is filed under {kind}" if kind else ""
        why = f"Index: {line.path} -> {code.display} ({state.note}{how})"
        top = max((h.score for h in found), default=0.0) + 1.0
        hit = self._hit(("cm", code.code), (top, why, code, code.title))
        return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], "")

    def _names_place(self, words: str) -> bool:
        """Whether words name a place: WordNet's first sense of them is a location ("thailand", "west africa")."""
        senses = self.wordnet().senses(words)
        return bool(senses) and senses[0].kind == "noun.location"

    def _broader_words(self, word: str) -> tuple[str, ...]:
        """The words a word's first two WordNet senses are a kind of, two steps up at most, nearest first."""
        return tuple(w for sense, _ in self.wordnet().broader(word, depth=2, senses=2) for w in sense.lemmas)

    def _drug_class_words(self, word: str) -> str:
        """A drug's class as the Long-term drug therapy line of its class names it ("prednisone": steroids
        systemic), the frame words left out; "" when no one line names it (bot.lookups.index.long_term)."""
        frame = {"long-term", "long", "term", "current", "drug", "therapy", "use", "of", "prophylactic"}
        tree = self.index_tree()
        named = long_term_line(tree, word) or long_term_classes(tree, word)
        return " ".join(w for w in named if w not in frame)

    def index_words(self) -> IndexWords:
        """The Index's subterm words by main term, read through this searcher's cache (made per call: a stored
        bound method would be a reference cycle, and a dropped searcher must be freed without the collector)."""
        return IndexWords(self._subterms)

    def _subterms(self, main: str) -> frozenset[str]:
        found = self._subterm_words.get(main)
        if found is None:
            found = subterm_words(self.index_tree(), main)
            if len(self._subterm_words) >= INITIALISMS_CACHED:  # (~3 MB over 16,000 queries unbounded)
                self._subterm_words.clear()
            self._subterm_words[main] = found
        return found

    def _names_drug(self, word: str) -> bool:
        """Whether a word names a drug of the Drug Table, as typed or as its brand's generic ("zofran")."""
        tree = self.index_tree()
        if drug_classes(tree, word):
            return True
        expanded = self.vocabulary.expand(word)[0]
        return expanded != word and bool(drug_classes(tree, expanded.split()[0]))

    def _by_site_with(self, query: str) -> str:
        tree = self.index_tree()
        table = by_site_readings(tree.conn, tree.memo)
        if not may_read_by_site(query, table):
            return query
        return read_by_site(query, table) or query

    def _known_beside(self, frame: Frame, systems: Sequence[str], limit: int) -> Hits | None:
        """A known condition told beside what brings the patient in: the Index's "with" line joining them
        when it has one (bot.lookups.index.chart_frames), else the present condition first, the known one's
        code beside it; None when neither answers with confidence."""
        linked = self.find(f"{frame.known} with {frame.now}", systems, limit)
        if linked and not linked.notice and _LINKED_PATH.search(linked[0].why.split(" (")[0]):
            return linked
        now = self.find(frame.now, systems, limit)
        if not now or now.notice:
            return None
        known = self.find(frame.known, systems, 1)
        if not known or known.notice or known[0].code == now[0].code:
            return now
        hit = replace(
            known[0], why=f"suggested with {now[0].code}: clause “known {frame.known}”: {known[0].why}"
        )
        return _with_notice([now[0], hit, *(h for h in now[1:] if h.code != hit.code)][:limit], "")

    def _framed(self, frame: Frame, systems: Sequence[str], limit: int) -> Hits | None:
        """The present condition's answers, the past condition's history code second; None when the present
        condition finds no confident answer (the query is then read whole)."""
        if frame.known:
            return self._known_beside(frame, systems, limit)
        now = self.find(frame.now, systems, limit)
        if not frame.past:
            return now if now and not now.notice else None
        if not now or now.notice:
            return None
        told = f"history of {frame.past}"
        past = self.find(told, systems, 1)
        if not past or past.notice or past[0].code == now[0].code or not _names_history(past[0]):
            return now  # ("history of strep": no personal history line names it)
        hit = replace(past[0], why=f"suggested with {now[0].code}: clause “{told}”: {past[0].why}")
        return _with_notice([now[0], hit, *(h for h in now[1:] if h.code != hit.code)][:limit], "")

    def _find_all(self, query: str, systems: Sequence[str], limit: int) -> Hits:
        # "printer out of toner", "can you call me back" (bot.lookups.index.office_talk)
        if len(query) <= MAX_QUERY and (office_talk(query) or self._everyday_talk(query)):
            return _with_notice([], OFFICE_TALK)
        found = self._find_read(query, systems, limit)
        found = self._accident_checked(query, systems, limit, found)
        found = self._injury_before_cause(query, systems, limit, found)
        found = self._condition_before_cause(query, systems, limit, found)
        found = _residual_before_sequela(found)
        found = self._sequela_line_first(query, systems, limit, found)
        found = _condition_before_drug_story(found)
        found = _condition_of_adverse_effect(found)
        found = self._drug_line_first(query, systems, limit, found)
        found = self._substance_story_first(query, systems, limit, found)
        found = self._table_row_said(query, systems, found)
        found = self._drug_before_alcohol(query, systems, limit, found)
        found = self._substance_use_first(query, systems, limit, found)
        found = self._induced_line_first(found)
        found = self._condition_beside_drug(query, systems, limit, found)
        found = self._venom_first(query, systems, limit, found)
        found = self._item_first(query, systems, limit, found)
        found = self._brand_item_first(query, systems, limit, found)
        found = self._item_head_first(query, systems, limit, found)
        found = self._long_term_first(query, found)
        found = self._class_line_first(query, systems, limit, found)
        found = self._screening_class_first(query, systems, limit, found)
        found = self._status_said_first(query, systems, limit, found)
        found = self._personal_history_first(query, systems, limit, found)
        found = self._aftercare_system_first(query, systems, limit, found)
        found = self._pregnancy_class_first(query, systems, limit, found)
        found = self._payer_service_first(query, systems, limit, found)
        found = self._administration_first(query, systems, limit, found)
        found = self._service_title_first(query, systems, limit, found)
        found = self._rank_said_first(query, systems, found)
        found = self._unanswered_service(query, self._permanent_line_first(query, found))
        found = self._condition_beside_service(query, systems, limit, found)
        found = self._one_side_unilateral(query, systems, limit, found)
        found = _event_before_setting(query, found)
        found = self._dominance_said(query, found)
        found = self._said_sibling_first(query, found)
        found = self._unsaid_condition_last(query, found)
        found = self._category_detail_first(query, found)
        found = self._z_unread_sibling_first(query, found)
        return self._clipped_reading(query, systems, limit, self._cpt_kind_said(query, found))

    def _clipped_reading(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A query nothing answered, read again in the HCPCS short descriptors' clipped words ("disposable
        irrigation sleeve per month": "Irr supply sleev disp per mo"; bot.lookups.index.short_forms)."""
        if found or not found.notice.startswith(NO_CONFIDENT_MATCH) or "hcpcs" not in systems:
            return found
        if getattr(self._local, "clipped", False):
            return found
        said = [w for raw in query.lower().replace(",", " ").split() for w in _words(raw)]
        if not any(self.clipped_forms(w) for w in said):
            return found
        kept = memo()
        saved = dict(kept) if kept is not None else {}
        if kept is not None:
            kept.clear()  # (the words were searched without the clipped forms in this lookup)
        with self._reading("clipped"):
            try:
                again = self._find_read(query, ("hcpcs",), limit)
            except QueryError:
                return found
            finally:
                if kept is not None:
                    kept.clear()
                    kept.update(saved)
        if not again or again.notice:
            return found
        asked = {_stem(w) for w in said if w not in STOPWORDS}
        clipped = {form for w in said for form in self.clipped_forms(w)}
        printed = set(_words(f"{again[0].title} {again[0].why}".lower()))
        if not clipped & printed and 2 * len(asked & _doc_stems(again[0].title)) < len(asked):
            # (a long title reading no clipped form and under half the words is no such reading:
            # "therapy session for a child who was abused ...")
            return found
        return _with_notice(list(again), "")

    def descriptor_reading(self, query: str, systems: Sequence[str], found: Hits, limit: int) -> Hits:
        """A query nothing answered, read in the HCPCS descriptors' own words: the long descriptor holding
        every required word of it but one, each word read as the short descriptors abbreviate it (learnt by
        aligning each short descriptor with its long one), a closed compound as the descriptor's open one
        (bot.lookups.index.descriptor_reading). "speech device prerecorded msgs over 40 min" -> E2506."""
        if found or not found.notice.startswith(NO_CONFIDENT_MATCH) or "hcpcs" not in systems:
            return found
        if len(query) > MAX_QUERY or "office talk" in found.notice:
            return found
        hits = [hit for hit, _ in self._descriptor_lines(query, limit)]
        return _with_notice(hits, "") if hits else found

    def _descriptor_lines(
        self, query: str, limit: int, headed: bool = False
    ) -> list[tuple[Hit, tuple[int, int]]]:
        """The HCPCS lines whose descriptors read the query's required words all but one (three at least) -
        with `headed`, the item's head noun among them (the last required word before its purpose or an "of")
        - the most
        read first, each with (required words read, required words)."""
        read = self._descriptor_words(query)
        if sum(1 for w in read if w.required) < MIN_COVERED:
            return []
        head = ""
        if headed:
            # (the head of "X of Y" is X: "exam of a clinical trial participant")
            item = item_part(query.lower()).split(" of ", 1)[0]
            part = [w for raw in item.replace("/", "").split() for w in _words(raw)]
            required = {w.typed for w in read if w.required}
            head = next((w for w in reversed(part) if w in required), "")
        out: list[tuple[Hit, tuple[int, int]]] = []
        for n, (code, got, required_n) in enumerate(self._descriptor_index().ranked(read, limit, head)):
            line = self.book.get("hcpcs", code)
            if line is not None:
                why = f"descriptor: {got} of the query's words in it: {line.title}"
                out.append((self._hit(("hcpcs", code), (100.0 - n, why, line, "")), (got, required_n)))
        return out

    def _descriptor_words(self, query: str) -> list[DescriptorWord]:
        """The query's words, each with its readings in the HCPCS descriptors' words (index.descriptor_reading)."""
        said = [w for raw in query.lower().replace("/", "").split() for w in _words(raw)]
        abbreviations, initialisms = self._descriptor_abbreviations()
        return read_words(
            said,
            abbreviations,
            initialisms,
            lambda w: ("orthosis",) if w in KIND_NOUNS else self._descriptor_forms(w),
            lambda w: w in DESCRIPTOR_OPTIONAL or w in KIND_NOUNS,
            self._descriptor_index().prints,
        )

    def _descriptor_index(self) -> DescriptorIndex:
        """The current HCPCS codes' descriptor stems, as the data build stored them or built once a searcher
        (index.descriptor_reading)."""
        if self._descriptors is None:
            conn = self.book.db.conn
            self._descriptors = derived.stored_or_built(
                conn, DESCRIPTOR_INDEX, DescriptorIndex.decode, lambda: build_descriptor_index(conn)
            )
        return self._descriptors

    def _descriptor_forms(self, word: str) -> tuple[str, ...]:
        """The descriptors' spelling of a typed word (a unit, a count either way, a supplier's short name), or ().
        The vocabulary's lay words are no descriptor's ("physical" -> examination read "annual physical exam" as
        S0613, an annual gynecological examination)."""
        forms = typed_item_forms(word)
        if forms:
            return forms
        return (SPELLED_COUNTS[word],) if word in SPELLED_COUNTS else ()  # ("one piece": "(1 piece)")

    def hcpcs_before_condition(self, query: str, systems: Sequence[str], found: Hits, limit: int) -> Hits:
        """A supply, device, drug or service named in a HCPCS descriptor's words beside a condition ("extra
        depth diabetic shoes", "fecal immunochemical test screen"): when the first answer says it left words of
        the query unread (a condition's code two at least) and a HCPCS descriptor reads the required words all
        but fewer (three at least; beside a condition's code all of them), the item is what is billed and its
        line leads
        (bot.lookups.index.descriptor_reading); the condition's code follows. A procedure's PCS code stays
        first (the inpatient procedure, not its tray)."""
        if "hcpcs" not in systems or not found or found.notice or len(query) > MAX_QUERY:
            return found
        first = found[0]
        if first.system == SYSTEM_NAMES["pcs"]:
            return found
        unread = {w.strip() for w in _left_unread(first)} - DESCRIPTOR_OPTIONAL - KIND_NOUNS
        # (one word a condition leaves may be its own detail - a grade, a value: "prostate ca gleason 7" - two
        # are an item named beside it; a HCPCS line's one unread word is a part of the item it did not read)
        if len(unread) < (1 if first.system == SYSTEM_NAMES["hcpcs"] else CONDITION_UNREAD):
            return found
        lines = self._descriptor_lines(query, 1, headed=first.system != SYSTEM_NAMES["hcpcs"])
        if not lines or lines[0][0].code == first.code:
            return found
        hit, (got, required) = lines[0]
        # (beside a condition the descriptor reads every required word: "yearly DOT physical exam" is no S0613
        # "Annual gynecological examination", which reads three of its four words)
        beside = first.system != SYSTEM_NAMES["hcpcs"]
        if required - got >= len(unread) or (beside and got < required):
            return found
        hit = replace(
            hit, why=f"{hit.why} (before {first.code}, which leaves {', '.join(sorted(unread))} unread)"
        )
        return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], found.notice)

    def _descriptor_abbreviations(self) -> ShortForms:
        """The short descriptors' abbreviations and initialisms, learnt by aligning each HCPCS short descriptor
        with its own long descriptor: as the data build stored them or learnt once a searcher."""
        if self._learnt_abbreviations is None:
            conn = self.book.db.conn
            self._learnt_abbreviations = derived.stored_or_built(
                conn, SHORT_FORMS, decode_short_forms, lambda: build_short_forms(conn)
            )
        return self._learnt_abbreviations

    def real_word_typo(self, query: str, systems: Sequence[str], found: Hits, limit: int) -> Hits:
        """A word typed as another real word ("short statue", "cancer sore") that forms no Index line with the
        query's other words, read as the word one letter away that does, when the answer as typed found nothing
        or left words unused (bot.lookups.index.real_word_typos); kept when that answer reads the word."""
        if "cm" not in systems or len(query) > MAX_QUERY or CPT_SAID.search(found.notice):
            return found
        unused = _left_unread(found[0]) if found and not found.notice else None
        if found and not found.notice and not unused:
            return found
        # (a connective or a filler word keeps its place: "amputation in the past" says no "part" beside it)
        tokens = re.findall(r"[a-z]+|[,;:.]", query.lower())
        words = ["," if not w.isalpha() else "" if w in STOPWORDS or w in FILLER else w for w in tokens]
        if (
            unused is not None
            and not found[0].why.startswith("title:")
            and len(unused) * UNREAD_SHARE < sum(1 for w in words if w.isalpha())
        ):
            # (an Index answer that read most of the query: "scaphoid waist fracture" is no wrist's; a code
            # title met by the other words is no such reading: "wrist drip, right")
            return found
        typo = read_real_word_typo(words, self.one_letter_off, self._together, stem, self.vocabulary.knows)
        if typo is None:
            return found
        text = re.sub(rf"(?i)(?<![a-z]){typo.typed}(?![a-z])", typo.meant, query, count=1)
        again = self.find(text, systems, limit)
        if not again or again.notice:
            return found
        left = [w.strip().lower() for w in _left_unread(again[0])]
        if typo.meant in left or (unused is not None and len(left) >= len(unused)):
            return found  # (the reading must read more of the query than the answer as typed)
        if found and _index_path_within(again[0].why, found[0].why):
            return (
                found  # (a line above the typed answer's own: "green card medical exam" read by its purpose)
            )
        note = f"spelling: {typo.typed} → {typo.meant}, beside {typo.beside}"
        return _with_notice([replace(h, why=f"{h.why} ({note})") for h in again], "")

    def rare_main_term(self, query: str, systems: Sequence[str], found: Hits, limit: int) -> Hits:
        """ "erythromelalgia of feet, burning and red", "cirrhosis due to primary hemochromatosis": a word that is
        no English word and begins an Index main term is where a coder starts, the other words choosing its
        subterms (bot.lookups.index.rare_main_terms). Tried when the answer found nothing or says it left the
        word unread; answered by the main term's line (an Index path from it, or a code title it begins) when
        that reads more of the query's rare words (an abbreviation or drug name the vocabulary reads counts),
        or as many and more of its words, or as many of both and a word rarer in the Index."""
        if "cm" not in systems or len(query) > MAX_QUERY or CPT_SAID.search(found.notice):
            return found
        if "office talk" in found.notice:
            return found
        every = rare_words(
            query, self.english.__contains__, self.vocabulary.knows, self._index_form, SIDE_WORDS | FILLER
        )
        every += [RareWord(w.lower(), w.lower(), known=True) for w in capitals(query, every)]
        rare = [w for w in every if not w.known]
        first = found[0] if found and not found.notice else None
        if first is not None and first.system != "ICD-10-CM":
            return found  # (a procedure, item or drug asked for: the condition beside it is its reason)
        if first is not None and first.code.startswith("Z") and _frame_said(first, query):
            return found  # ("history of hyperemesis", "follow-up for cellulitis": the frame the query says)
        negated = without_negated(query)
        refused = negated_stems(negated.unused) if negated is not None else frozenset()
        if first is not None and _CLASS_READ.search(first.why):
            return found  # ("COPD with acute bronchiolitis": the with line's class holds the other condition)
        unread = [w for w in rare if not w.stems & refused and (first is None or _leaves_unread(first, w))]
        if not unread:
            return found
        said = said_stems(query)
        counts = self.index_tree().word_counts(s for w in every for s in w.stems)

        def weigh(hit: Hit | None) -> tuple[int, int, int]:
            if hit is None:
                return (0, 0, 0)
            read = [w for w in every if w.stems & _read_stems(hit)]
            # (a vocabulary term - an abbreviation the chart chose, a drug - is the rarest: "hx" frames the line)
            rarest = min((0 if w.known else min(counts.get(s, 0) for s in w.stems) for w in read), default=0)
            words = (said & _read_stems(hit)) | {word_stem(w.typed) for w in read}
            return (len(read), len(words), -rarest if read else -(10**9))

        best: tuple[tuple[int, int, int], Hits, Hit, str] | None = None
        sides = " ".join(w for w in WORD.findall(query.lower()) if w in SIDE_WORDS)
        for word in unread:
            for line in main_lines(self.index_tree(), word, said):
                rest = " ".join(
                    w
                    for w in WORD.findall(query.lower())
                    if word_stem(w) not in line.read and w not in STOPWORDS
                )
                for text in dict.fromkeys((f"{line.text} {rest}".strip(), f"{line.text} {sides}".strip())):
                    try:
                        again = self.find(text, systems, limit)
                    except QueryError:
                        continue
                    hit = next(
                        (h for h in again if not again.notice and _from_main_term(h, line, word, said)), None
                    )
                    if hit is None:
                        continue
                    weight = weigh(hit)
                    if best is None or weight > best[0]:
                        best = (weight, again, hit, line.label)
                    break
        held = weigh(first)
        if best is None or best[0] <= held or held[1] - best[0][1] >= WORDS_AHEAD:
            return (
                found  # (a line reading two more of the query's words stays: "sixth nerve palsy, esotropia")
            )
        _, again, hit, label = best
        left = [
            w
            for w in words_not_used(query, _used_stems(hit), self.body_sites(), self._clinical)
            if not any(w == r.typed.removesuffix("'s") for r in every if _reads_word(hit, r))
        ]
        note = f"main term: {label}" + (f"; not used: {', '.join(left)}" if left else "")
        why = _NOT_USED.sub("", hit.why).rstrip()
        lead = replace(hit, why=f"{why} ({note})", score=max([h.score for h in found] + [hit.score]) + 1.0)
        others = [h for h in (*again, *found) if h.code != hit.code]
        kept = [lead, *dict((h.code, h) for h in others).values()]
        return _with_notice(kept[: max(len(found), len(again), 1)], "")

    def main_term_walk(self, query: str, systems: Sequence[str], found: Hits, limit: int) -> Hits:
        """ "scuba diver with the bends", "kinking of the IVC on ultrasound": a query the lookup answered with
        nothing, opened at each of its words as an Index main term, its other words followed down the subterms
        (bot.lookups.index.main_term_walk); answered by the best path's line when it prints a code, else the
        answer as found (no confident match, the closest main terms named)."""
        if (
            "cm" not in systems
            or len(query) > MAX_QUERY
            or found
            or not found.notice.startswith(NO_CONFIDENT_MATCH)
        ):
            return found
        if CPT_SAID.search(found.notice) or "office talk" in found.notice:
            return found  # (a CPT question stays one; office talk gets no code)
        lowered = query.lower()
        understood = understand(lowered, self.vocabulary)
        negated = frozenset(stem(w) for w in understood.negated)
        # (the words as typed, then the vocabulary's reading of them: "tear" read as strain; "no goiter" opens
        # no Goiter)
        read = [w for w in understood.words for w in WORD.findall(w)]
        typed = [
            w
            for w in dict.fromkeys([*WORD.findall(lowered), *read])
            if w not in STOPWORDS
            and w not in FILLER
            and w not in SIDE_WORDS
            and w not in OFFICE_WORDS
            and stem(w) not in negated
        ]
        said = said_stems(query) | frozenset(stem(w) for w in read)
        said |= site_kinds([*WORD.findall(lowered), *read], self.wordnet()) | adverb_bases(
            typed, self.english.__contains__
        )
        sides = " ".join(w for w in WORD.findall(lowered) if w in SIDE_WORDS)
        encounter = ENCOUNTER_NAMES.get(understood.encounter, "") if understood.encounter_said else ""
        found_walks = walks(
            self.index_tree(),
            typed,
            self._other_forms,
            said,
            self._names_state,
            lambda word: word not in self.english,
            frozenset(read) - frozenset(WORD.findall(lowered)),
        )
        for walk in found_walks:
            if not self._only_states(walk.word.typed, walk.word.form) and everyday_around(
                unread_words(walk, typed), self.wordnet().senses
            ):
                continue  # ("cold brew coffee order": the rest is a food and talk, no patient's words)
            if in_compound(walk, WORD.findall(lowered), self.wordnet().senses):
                continue  # ("cold sweats": a compound names another thing than "cold")
            # (the line's words to look up: "NEC" and "NOS" say no word of it, and read as abbreviations)
            line = " ".join(w for w in walk.line.text.split() if w not in ("NEC", "NOS"))
            text = " ".join(t for t in (line, sides, encounter) if t)
            try:
                again = self.find(text, systems, limit)
            except QueryError:
                continue
            if again.notice:
                continue
            hit = next((h for h in again if _from_main_term(h, walk.line, walk.word, said)), None)
            if hit is None:
                continue
            used = walk.line.read | walk.word.stems
            left = [
                w
                for w in words_not_used(query, _used_stems(hit), self.body_sites(), self._clinical)
                if word_stem(w) not in used
                and not adverb_bases([w], self.english.__contains__) & used
                and not {stem(r) for r in understand(w, self.vocabulary).words} & used  # (malnourished)
            ]
            note = walk_note(walk) + (f"; not used: {', '.join(left)}" if left else "")
            why = _NOT_USED.sub("", hit.why).rstrip()
            lead = replace(hit, why=f"{why} ({note})")
            return _with_notice([lead, *(h for h in again if h.code != hit.code)][:limit], "")
        return found

    def _only_states(self, typed: str, form: str) -> bool:
        """Whether a word names nothing but a condition: no English word, or every WordNet noun sense of it
        (or of its Index form) a state ("sunburn", "bends"; not "cold", "burn", "rash")."""
        if typed not in self.english:
            return True
        senses = self.wordnet().senses(typed) or self.wordnet().senses(form)
        return bool(senses) and all(s.kind == "noun.state" for s in senses)

    def _names_state(self, typed: str, form: str) -> bool:
        """Whether a word may name a condition alone: no English word (a medical term, an eponym), or one
        of its first WordNet noun senses (or its Index form's) is a state ("seizure", "bends", "sunburn";
        not "scale", "brown")."""
        if typed not in self.english:
            return True
        wordnet = self.wordnet()
        return any(s.kind == "noun.state" for w in (typed, form) for s in wordnet.senses(w)[:STATE_SENSES])

    def _other_forms(self, word: str) -> list[str]:
        """The forms the Index may print a query's word in: its noun or other form (`_noun_of`: "torn" ->
        tear, "itchy" -> itch), an adjective's nouns (bot.lookups.index.adjectives)."""
        noun = self._noun_of(word)
        return [*([noun] if noun else []), *noun_forms(word)]

    def _index_form(self, word: str) -> str:
        """A word as the Index prints it: its noun or other form, else its spelling correction."""
        form = self._noun_of(word)
        if form is not None:
            return form
        corrected = self.correct(word)
        # (a correction further than two edits is another word: "syndesmosis" is no synostosis)
        return corrected if DamerauLevenshtein.distance(word, corrected) <= MOST_EDITS else word

    def _sense_on_path(self, sense: str, word_stem: str) -> bool:
        """Whether one Index path holds a sense's words and a stem of the query's (bot.lookups.index.one_path)."""
        return self._on_one_path(content_stems(sense) | {word_stem})

    def _on_one_path(self, stems: frozenset[str]) -> bool:
        """Whether one Index path (a line, its ancestors and one chain of its descendants) holds every stem
        (bot.lookups.index.one_path); kept per set of stems, cleared when full."""
        found = self._paths_held.get(stems)
        if found is None:
            found = on_one_path(self.index_tree(), stems)
            if len(self._paths_held) > PATHS_HELD:
                self._paths_held.clear()
            self._paths_held[stems] = found
        return found

    def _together(self, one: str, other: str) -> bool:
        """Whether an Index line holds both words, or a main term holding the one has a line below holding the
        other (kept per pair)."""
        key = (one, other)
        found = self._pairs.get(key)
        if found is None:
            tree = self.index_tree()
            found = False
            for first, second in ((stem(one), stem(other)), (stem(other), stem(one))):
                for main in tree.main_terms_holding(first)[:MAX_HEARD_MAINS]:
                    node = tree.node(main)
                    if node is None:
                        continue
                    own = {stem(w) for w in re.findall(r"[a-z]+", f"{node.term} {node.modifiers}".lower())}
                    if second in own or tree.within(node, [second], limit=1):
                        found = True
                        break
                if found:
                    break
            if len(self._pairs) > 50_000:
                self._pairs.clear()
            self._pairs[key] = found
        return found

    def z_line_unanswered(self, query: str, systems: Sequence[str], found: Hits) -> Hits:
        """A situation sentence nothing answered ("ongoing fights with her landlord"), or answered by a code
        that is no Z code while a Z line explains every word of it ("constant fights with her mother-in-law":
        no assault; a service reading some of the words: "adopted son" is no adoptive immunotherapy): the Z-code
        Index line whose subterms it says (bot.lookups.index.z_lines)."""
        if "cm" not in systems or len(query) > MAX_QUERY:
            return found
        unanswered = not found and found.notice.startswith(NO_CONFIDENT_MATCH)
        if unanswered and (CPT_SAID.search(found.notice) or "office talk" in found.notice):
            return found  # (a CPT question stays one; office talk gets no code)
        if not unanswered and (
            not found
            or (found[0].code.startswith("Z") and "not used:" not in found[0].why)
            or (found[0].system != "ICD-10-CM" and "not used:" not in found[0].why)
            or found[0].why.startswith(POISONING_STORY)
        ):
            return found  # (a poisoning story read whole is its Table line: "gardener exposed to simazine")
        # the sentence's own words the answer left unread (none for a Z answer: weighed by its own reading)
        unread = [] if unanswered else [w.strip() for w in _left_unread(found[0])]
        answer_left = 0 if unanswered or found[0].code.startswith("Z") else words_told(unread)
        leads = unanswered or may_lead(query)
        if not leads and not answer_left:
            return found
        if not unanswered and found[0].system == "ICD-10-PCS":
            said = frozenset(stem(w) for w in WORD.findall(query.lower()))
            if not asks_cm_reading(said) and procedure_term(found[0].why, self.procedure_words(), said):
                return found  # "deceased donor pancreas transplant": the procedure asked, not the status
        # (a word read as the kind the Index names only where no Z line of the search's own answered)
        reading = self.z_lines().read(query, kinds=True)
        if reading is None and unanswered:
            return self._frame_thing(query, found)
        if reading is None or (
            not unanswered
            and (reading.left or not leads)
            and (
                reading.left >= answer_left
                or not reading.framed
                or not (reading.undone or any(reads_word(reading.line, w) for w in unread))
            )
        ):
            # (a Z line that leaves fewer of the sentence's own words unread than an answer of another chapter
            # is the closer reading, I.A: the statement is read whole: "lives by the highway, breathes bad air
            # pollution" is Contact, air pollution, not bad breath leaving four words; the search's own Z
            # answer is weighed by its own reading, which tells family from personal history; a line whose
            # frame only the reading supplies, "Lack of, sleep" for "sleepy all day", does not lead, nor one
            # reading none of the words the answer left unread: "missing doses of insulin" stays underdosing)
            return found
        if (
            not unanswered
            and found[0].code.startswith("Z")
            and found[0].code[:3] == reading.line.code[:3]
            and "unspecified" not in found[0].title.lower()
        ):
            return found  # (the search's own Z answer of the same category is the closer reading)
        named = self.book.get("cm", reading.line.code)
        if named is None:
            return found
        why = f"Index: {reading.line.path} -> {named.display} (a situation told by its subterms)"
        top = max((h.score for h in found), default=0.0) + 1.0
        hit = self._hit(("cm", named.code), (top, why, named, named.title))
        # (a line leaving some words unread is offered as the closest, not as a confident answer)
        notice = f"{found.notice} Closest situation line: {reading.line.path}." if reading.left else ""
        return _with_notice([hit, *(h for h in found if h.code != hit.code)][: max(len(found), 1)], notice)

    def _frame_thing(self, query: str, found: Hits) -> Hits:
        """A sentence nothing answered that says a frame listing things (Contact, Exposure) and names a thing
        no Z line names: the frame's subterm naming the thing's kind (bot.lookups.index.frame_things), offered
        as the closest line."""
        frames, told = self.z_lines().frames_said(query)
        thing = frame_thing(self.index_tree(), self.wordnet(), query.lower(), frames, told)
        named = self.book.get("cm", thing.code) if thing is not None else None
        if thing is None or named is None:
            return found
        why = f"Index: {thing.path} -> {named.display} (a thing below its frame by its kind: {thing.word})"
        hit = self._hit(("cm", named.code), (1.0, why, named, named.title))
        return _with_notice([hit], f"{found.notice} Closest situation line: {thing.path}.")

    def value_band_said(self, query: str, systems: Sequence[str], found: Hits) -> Hits:
        """A measured value said as a number ("BMI 39.4", "peds BMI 96th percentile", "burns 45% TBSA, 20% third
        degree"): the code whose title's band holds it (bot.lookups.index.value_bands). An answer of a band
        family is replaced by the family's member that holds the value; an answer of none gets the member the
        query's words name, first when the query says nothing else, else after the condition it goes with
        ("BMI 28.6, overweight": Overweight, then the BMI)."""
        if "cm" not in systems or len(query) > MAX_QUERY or not values_said(query):
            return found
        if self._value_bands is None:
            self._value_bands = band_families(self.book.db.conn)
        bands = self._value_bands
        lowered = query.lower()
        said = content_stems(lowered) | content_stems(self.vocabulary.expand(lowered)[0])
        at = next((i for i, h in enumerate(found) if bands.family_of(h.code) is not None), None)
        reading = bands.read(query, said, bands.family_of(found[at].code) if at is not None else None)
        if reading is None:
            return found
        named = self.book.get("cm", reading.code)
        if named is None:
            return found
        if at is not None and undot(found[at].code) == reading.code:
            return found
        # (the family's answer replaced in its place; else first, or after the condition the query also says)
        place = at if at is not None else 0 if not reading.unread or not found else 1
        score = found[place].score if place < len(found) else 0.0
        hit = self._hit(("cm", named.code), (score, reading.note, named, named.title))
        rest = [h for i, h in enumerate(found) if i != at and undot(h.code) != reading.code]
        return _with_notice([*rest[:place], hit, *rest[place:]][: max(len(found), 1)], found.notice)

    def _dominance_said(self, query: str, found: Hits) -> Hits:
        """ "left hemiplegia", "... in a right-handed patient": the dominant or nondominant side as the
        guideline reads the side and the hand (bot.lookups.index.dominant_side)."""
        if not any("dominant side" in h.title for h in found[:LOOKED_AT_DOMINANCE]):
            return found
        out: list[Hit] = []
        for n, hit in enumerate(found):
            titles = other_titles(hit.title, query) if n < LOOKED_AT_DOMINANCE else ()
            row = (
                self.book.db.execute(
                    "SELECT code FROM codes INDEXED BY codes_parent WHERE system = 'cm' AND parent = "
                    "(SELECT parent FROM codes WHERE system = 'cm' AND code = ?) AND title IN "
                    f"({', '.join('?' * len(titles))})",
                    [hit.code.replace(".", ""), *titles],
                ).fetchone()
                if titles
                else None
            )
            sibling = self.book.get("cm", str(row[0])) if row else None
            if sibling is None:
                out.append(hit)
                continue
            why = f"{hit.why} -> {dominance_note(query)}"
            out.append(replace(hit, code=sibling.display, title=sibling.title, why=why))
        kept: dict[str, Hit] = {}
        for hit in out:
            kept.setdefault(hit.code, hit)  # (the sibling listed below as well: once, where the side led)
        return _with_notice(list(kept.values()), found.notice)

    def _service_title_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A service asked in the words of a Medicare service code's descriptor ("intensive cardiac rehab
        session with exercise", "rapid HIV antibody screening test"; bot.lookups.index.service_titles): the
        code leads when it explains more of the query than the answer found, which follows it."""
        if "hcpcs" not in systems or len(query) > MAX_QUERY or not names_service(query):
            return found
        if self._service_titles is None:
            self._service_titles = ServiceTitles(self.book.db.conn)
        words = query_words(query)
        line = self._service_titles.best(words, query)
        if line is None:
            return found
        first = found[0] if found else None
        if first is not None and first.code.replace(".", "") == line.code:
            return found
        titles = self._service_titles
        said = said_words(words)
        held = titles.covered(first.code, said) if first is not None and first.system == "HCPCS" else None
        if first is not None and held and len(held) >= len(line.covered):
            # Another service code explaining as many words: the one printing them side by side ("type B
            # ED visit level 3": "Level 3 hospital emergency department visit ...", not "Level 1 ...").
            if titles.pairs_held(line.code, words) <= titles.pairs_held(first.code, words):
                return found
        else:
            answer = f"{first.title} {first.why.split(' (')[0]}" if first is not None else ""
            reason = first is not None and first.system == "ICD-10-CM" and first.code.startswith("Z")
            if not leads(line, query, answer, reason):
                return found
        code = self.book.get("hcpcs", line.code)
        if code is None:
            return found
        top = max((h.score for h in found), default=0.0) + 1
        why = f"{SERVICE_DESCRIPTOR} {len(line.covered)} of the query's words in the title"
        lead = self._hit(("hcpcs", code.code), (top, why, code, ""))
        return _with_notice([lead, *(h for h in found if h.code != lead.code)][:limit], "")

    def _one_side_unilateral(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """ "left renal agenesis": one side named where the Index line the answer stands on has a "unilateral"
        line below it (bot.lookups.index.one_side) - one more search, only when the answer says no side."""
        if not found or found.notice or not may_say_unilateral(query, found[0].title, found[0].why):
            return found
        sided = self._find_all(f"{query} unilateral", systems, limit)
        if (
            sided
            and not sided.notice
            and says_unilateral(sided[0].why)
            and main_term(sided[0].why) == main_term(found[0].why)
        ):
            return sided
        return found

    def _condition_beside_service(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A condition told beside the test or study done for it ("chest xray pneumonia", "mammogram breast
        lump"; bot.lookups.index.cpt_kinds.condition_beside_service): when the answer lost it to the study's
        code, a screening the words do not say, or nothing, the condition (an ICD-10-CM code outside the
        injury, external cause and encounter chapters, answered with confidence) comes first."""
        if "cm" not in systems:
            return found
        first = found[0] if found else None
        if first is not None and first.why.startswith(SERVICE_DESCRIPTOR):
            return found  # (the service told in a Medicare descriptor's words: "HPV high risk DNA test screening")
        lost = (
            first is None
            or first.system != "ICD-10-CM"
            or (first.code[:3] in SCREENINGS and "screen" not in query.lower())
        )
        rest = condition_beside_service(query) if lost else ""
        if not rest:
            return found
        try:
            condition = self._find(rest, ("cm",), limit)
        except QueryError:
            return found
        if not condition or condition.notice or condition[0].code[:1] in "STVWXYZ":
            return found
        lead = condition[0]
        why = lead.why.removeprefix("Index: ")
        main = why.split(" -> ")[0].split(",")[0].strip().lower()
        if (
            why == lead.why
            or "(not used" in why
            or "(word form" in why
            or stem(main) not in {stem(w) for w in rest.split()}
        ):
            return found  # (the condition is the Index's main term the words say, used whole)
        top = max((h.score for h in found), default=lead.score)
        lead = replace(
            lead, score=max(lead.score, top + 1), why=f"{lead.why} (the condition beside the service)"
        )
        return _with_notice([lead, *(h for h in found if h.code != lead.code)][:limit], found.notice)

    def _cpt_kind_said(self, query: str, found: Hits) -> Hits:
        """A query whose words are a CPT service's kinds (a laboratory test by its analyte, a study by its
        instrument, a procedure in CPT's descriptor words, a drug's administration with no drug;
        bot.lookups.index.cpt_kinds) gets the CPT notice; the HCPCS and ICD-10-PCS equivalents and any
        encounter reason (Z) found stay below it, a diagnosis the words do not tell does not."""
        if CPT_SAID.search(found.notice) or "cpt" in self.book.systems_loaded():
            return found
        kind = cpt_kind(query)
        if not kind or self._encounter_titled(query, found):
            return found
        kept = [h for h in found if h.system != "ICD-10-CM" or h.code.startswith("Z")]
        return _with_notice(kept, CPT_NOTE.format(what=f"That is a CPT service ({kind})"))

    def _encounter_titled(self, query: str, found: Hits) -> bool:
        """Whether the first answer is an encounter code (Z) whose Tabular title says every word of the query,
        read through the vocabulary ("suture removal": Z48.02 Encounter for removal of sutures; "IUD removal":
        Z30.432): the query names the encounter's reason in the code's own words, which is the answer, not a
        CPT service to notice above it. A status the patient has (Z67 "Unspecified blood type, Rh positive",
        whose title holds "blood type and rh") is no encounter's reason: the test asked is the CPT service."""
        first = found[0] if found and not found.notice else None
        if first is None or first.system != "ICD-10-CM" or not first.code.startswith("Z"):
            return False
        if not _ENCOUNTER_TITLE.search(first.title):
            return False
        said = content_stems(self.vocabulary.expand(query.lower())[0])
        return bool(said) and said <= content_stems(first.title)

    def _injury_before_cause(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """An injury told with its cause ("spleen laceration from MVC"): the injury's code first, the
        external cause's beside it (guideline I.C.20; bot.lookups.index.injury_first)."""
        if "cm" not in systems or not found or found[0].code[:1] in INJURY_LETTERS:
            return found
        sites = self.body_sites()
        clause = injury_clause(query, lambda w: stem(w) in sites)
        if clause is None:
            return found
        try:
            injury = self.find(clause, systems, limit)
        except QueryError:
            return found
        if not injury or injury.notice or injury[0].code[:1] not in INJURY_LETTERS:
            return found
        if injury[0].score < CLAUSE_SCORE:
            return found
        lead = [
            replace(injury[0], why=f"clause “{clause}”: {injury[0].why}"),
            replace(found[0], why=f"suggested with {injury[0].code}: {found[0].why}"),
        ]
        listed: dict[tuple[str, str], Hit] = {}
        for h in [*lead, *injury[1:3], *found[1:], *injury[3:]]:
            listed.setdefault((h.system, h.code), h)
        return _with_notice(list(listed.values())[:limit], "")

    def _begins_cause_term(self, word_stem: str) -> bool:
        """Whether a stem is the first word of a main term of the External Cause Index ("cut", "burn", "fall")."""
        tree = self.index_tree()
        key = ("begins_cause_term", word_stem)
        kept = tree.memo.get(key)
        if isinstance(kept, bool):
            return kept
        begins = False
        for main in tree.main_terms_holding(word_stem):
            node = tree.node(main)
            if node is not None and node.book == "ext":
                first = WORD.findall(node.term.lower())[:1]
                begins = begins or (bool(first) and stem(first[0]) == word_stem)
        tree.memo[key] = begins
        return begins

    def _accident_checked(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """An accident told with no injury found ("exam after car accident no injury found"): the Index's
        Examination, following, accident line of its kind first (Z04.1-Z04.3), the event's external cause
        beside it (guideline I.C.20; bot.lookups.index.accident_checked)."""
        if "cm" not in systems or getattr(self._local, "checking", False):
            return found
        told = injury_ruled_out(query)
        if told is None:
            return found
        with self._reading("checking"):
            try:
                event = self.find(told, systems, limit)
                # (the event's cause, first or beside the encounter the sentence names: "exam after car accident")
                cause = next(
                    (
                        h
                        for h in event[:EVENT_LOOKED_AT]
                        if h.system == SYSTEM_NAMES["cm"]
                        and is_external_cause(h.code)
                        and h.code[:3] not in SETTING_CATEGORIES
                    ),
                    None,
                )
                if event.notice or cause is None or (cause is not event[0] and event[0].code[:1] != "Z"):
                    return found
                words = examination_words(cause.code, query)
                exam = self.find(words, ("cm",), limit)
            except QueryError:
                return found
        if not exam or exam.notice or not exam[0].code.startswith("Z04"):
            return found
        lead = replace(exam[0], why=f"{exam[0].why} (read: {told}, no injury found -> {words})")
        rest = [h for h in event if h is not cause]
        return _with_notice(_cause_beside(lead, cause, [*rest, *found])[:limit], "")

    def _condition_before_cause(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """An external cause answered first beside a condition the query names that the cause's line does not
        hold ("traumatic pneumothorax after being kicked by a horse"): the condition first - an answer below
        it, or the answer to the query told without its cause - and the cause beside it (guideline I.C.20;
        bot.lookups.index.cause_after_condition)."""
        if "cm" not in systems or not found or found.notice or found[0].system != SYSTEM_NAMES["cm"]:
            return found
        if not is_external_cause(found[0].code):
            return found
        sites = self.body_sites()
        answers = [(h.code if h.system == SYSTEM_NAMES["cm"] else "", h.why) for h in found]
        at = condition_before_cause(answers, query, lambda w: w in sites, self._begins_cause_term)
        if at is not None:
            return _with_notice(_cause_beside(found[at], found[0], found), "")
        told = told_without_cause(query)
        if told is None or getattr(self._local, "uncaused", False):
            return found
        with self._reading("uncaused"):
            try:
                condition = self.find(told, systems, limit)
            except QueryError:
                return found
        if not condition or condition.notice or condition[0].system != SYSTEM_NAMES["cm"]:
            return found
        if condition[0].score < CLAUSE_SCORE:
            return found
        lead = replace(condition[0], why=f"clause “{told}”: {condition[0].why}")
        pair = [answers[0], (lead.code, lead.why)]
        if condition_before_cause(pair, query, lambda w: w in sites, self._begins_cause_term) is None:
            return found
        return _with_notice(_cause_beside(lead, found[0], [*found, *condition[1:3]])[:limit], "")

    def _administration_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A substance given by a route ("tPA via peripheral IV for stroke", "2 units PRBC through central line"):
        the ICD-10-PCS Administration code its route and class say leads (bot.lookups.index.pcs_administration);
        a repaired perineal laceration of a degree: the Repair of the layer it tears (bot.lookups.index.
        pcs_perineal)."""
        if "pcs" not in systems:
            return found
        given: Administration | LayerRepair | None = None
        if ADMINISTRATION_CUE.search(query):
            given = administration(self.book.db.conn, self.index_tree(), query)
        if given is None and PERINEAL_CUE.search(query):
            given = perineal_repair(self.book.db.conn, query, self.index_tree().memo)
        named = self.book.get("pcs", given.code) if given is not None else None
        if given is None or named is None:
            return found
        top = max((h.score for h in found), default=0.0) + 1.0
        hit = self._hit(("pcs", named.code), (top, given.why, named, named.title))
        return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], "")

    def _pregnancy_class_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """ "hypothyroid in pregnancy 2nd trimester": "Pregnancy, complicated by, endocrine diseases NEC"
        (O99.28-, its trimester) first, the condition's own code beside it (bot.lookups.index.tabular_classes)
        - when the first answer left the condition's words unused."""
        if "cm" not in systems or not PREGNANCY_CUE.search(query):
            return found
        if found and found[0].system != SYSTEM_NAMES["cm"]:
            return found  # ("termination of pregnancy vacuum": a procedure)
        condition = pregnancy_condition(query)
        if not condition or condition == " ".join(query.lower().split()):
            return found
        read = f"{condition} {self.vocabulary.expand(condition.lower())[0]}"  # ("GERD": gastro-esophageal reflux)
        if found and found[0].code.startswith("O"):
            path = f"{found[0].title} {_NOTES.sub(' ', found[0].why)}".lower()
            if any(w in path for w in condition.lower().split()) or content_stems(read) - content_stems(
                condition
            ) & content_stems(path):
                # "anemia complicating pregnancy": the Index's own line (O99.01-); "PE in pregnancy": its
                # reading's (Embolism, obstetric, pregnancy, O88.21-)
                return found
        if "pregnan" not in query.lower() and not getattr(self._local, "restated", False):
            # "PE diagnosed at 22 weeks gestation": the pregnancy told by its weeks or trimester; the
            # condition's own line for a pregnancy ("Embolism, obstetric, pregnancy") is looked up as a coder
            # does, before the class line of "Pregnancy, complicated by".
            lowered = query.lower()
            when = _TRIMESTER_SAID.findall(lowered) or [trimester_said(lowered) or ""]
            with self._reading("restated"):
                try:
                    own = self.find(f"{condition} in pregnancy {' '.join(when)}", ["cm"], limit)
                except QueryError:
                    own = None
            if own and not own.notice and own[0].code.startswith("O"):
                path = f"{own[0].title} {_NOTES.sub(' ', own[0].why)}".lower()
                if (content_stems(read) - CLASS_GENERIC) & content_stems(path):
                    shown = {h.code for h in own}
                    return _with_notice([*own, *(h for h in found if h.code not in shown)][:limit], "")
        told = self.find(condition, ["cm"], 1)
        if (
            not told
            or told.notice
            or told[0].status != "billable"
            or _unused_words(told[0].why) - _dropped(told[0].why)
        ):
            return found
        main = _INDEX_MAIN.match(told[0].why)
        if main is None or not any(
            a[:SAME_START] == b[:SAME_START]
            for a in content_stems(main.group(1))
            for b in content_stems(read)
        ):
            return found  # ("pregnant 22 weeks, normal": Hydrocephalus, normal pressure is no condition said)
        tree = self.index_tree()
        line = pregnancy_line(tree, undot(told[0].code), content_stems(condition))
        if line is None:
            return found
        said = " ".join(ORDINALS.get(w, w) for w in query.lower().split())
        stems = frozenset(
            content_stems(f"{said} {trimester_said(query.lower()) or ''}")
        )  # "10 weeks pregnant"
        done = complete_cm(tree.conn, line[0].code, stems, "A", frozenset(), tree.memo)
        named = self.book.get("cm", done.code) if done is not None and done.billable else None
        if named is None:
            return found
        path = ", ".join(n.term for n in tree.path(line[0].id))
        why = f"Index: {path} -> {line[0].code}" + (
            f"; {told[0].code} is one: Tabular: {line[1]}" if line[1] else f"; {told[0].code} beside it"
        )
        top = max((h.score for h in found), default=0.0) + 1.0
        hit = self._hit(("cm", named.code), (top, why, named, named.title))
        beside = replace(told[0], score=top - 0.1, why=f"suggested with {hit.code}: {told[0].why}")
        rest = [h for h in found if h.code not in {hit.code, beside.code}]
        return _with_notice([hit, beside, *rest][:limit], "")

    def _class_line_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A contact or a family history of a condition no Index line names ("partner has hepatitis B, pt
        exposed", "fam hx hypothyroidism"): the Z code of the class the Tabular files the condition under
        (bot.lookups.index.z_by_class) leads, unless an Index path of the reading answered already."""
        lowered = query.lower()
        if "cm" not in systems or not _CLASS_CUE.search(lowered):
            return found
        understood = understand(lowered, self.vocabulary)
        kind = (
            "family"
            if "family" in understood.kinds
            else "contact"
            if understood.words[:1] == ["contact"] or _EXPOSED.search(lowered)
            else ""
        )
        condition = [
            w
            for w in understood.words
            if w not in _READING_WORDS and (kind != "contact" or w not in _CONTACT_WORDS)
        ]
        if not kind or (
            found
            and in_target(kind, found[0].code)
            and found[0].why.startswith("Index:")
            # ("exposed to measles": "Exposure, German measles" is another disease)
            and (kind != "contact" or content_stems(found[0].title) & content_stems(" ".join(condition)))
        ):
            return found
        if not condition or (kind == "contact" and found and found[0].system != SYSTEM_NAMES["cm"]):
            return found  # ("contact radiation trachea": a procedure)
        try:
            answer = self._find(" ".join(condition), ("cm",), 3)
        except QueryError:
            return found
        first = answer[0] if answer and not answer.notice else None
        if (
            first is None
            or first.code.startswith("Z")
            or not first.why.startswith(("Index:", "title:", "inclusion term:"))
        ):
            return found
        code = class_code(self.book.db.conn, kind, first.code.replace(".", ""))
        agent = f"{first.code} {first.title}"
        if code is None and kind == "contact":
            # a disease filed by its site is a contact with its infectious agent ("strep throat": Streptococcal
            # pharyngitis; Infection, streptococcal NEC A49.1; bot.lookups.index.z_by_class.agent_class_code)
            by_agent = agent_class_code(self.book.db.conn, kind, first.title)
            if by_agent is not None:
                code, line, line_code = by_agent
                agent = f"{first.code} {first.title}: Index: {line} -> {line_code}"
        named = self.book.get("cm", code) if code else None
        if named is None:
            return found
        top = max((h.score for h in found), default=0.0) + 1.0
        why = f"Tabular: {agent} is filed in the class {named.display} names ({first.why})"
        hit = self._hit(("cm", named.code), (top, why, named, named.title))
        return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], "")

    def _screened_substance(self, condition: str) -> Hit | None:
        """A substance chiefly nonmedicinal looked for ("lead screening", "blood mercury level screen"): the
        Table of Drugs and Chemicals files its poisoning as a toxic effect (T51-T65), so the screening is the
        Index's "Screening, poisoning" line (Z13.88, disorder due to exposure to contaminants); None when the
        words name no such substance."""
        substance = _SCREENED_MEASURE.sub("", condition).strip()
        if not substance or len(substance.split()) > SCREENED_WORDS:
            return None
        try:
            read = self.find(f"{substance} poisoning", ("cm",), 1)
        except QueryError:
            return None
        if not read or read.notice or not is_toxic_effect(read[0].code) or "not used:" in read[0].why:
            return None
        # (the Table's line names every word of the substance: "food insecurity" is no noxious foodstuff)
        if not content_stems(substance) <= content_stems(read[0].why.split(" (")[0]):
            return None
        try:
            line = self.find("screening poisoning", ("cm",), 1)
        except QueryError:
            return None
        if not line or line.notice or not in_target("screening", line[0].code):
            return None
        return replace(line[0], why=f"{line[0].why} (Table: {read[0].code} is a toxic effect)")

    def _screening_class_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A screening for a condition no Index Screening line names ("screening for chlamydia and
        gonorrhea", "hep C screening", "LDCT lung ca screen"): the Z11-Z13 code of the class the Tabular files
        the condition under (bot.lookups.index.z_by_class, guideline I.C.21.c.5) leads, unless an Index
        Screening line named a class already; a screen's result is a finding."""
        lowered = " ".join(query.lower().split())
        if "cm" not in systems or _SCREEN_RESULT.search(lowered) or getattr(self._local, "screening", False):
            return found
        with self._reading("screening"):
            return self._screening_read(lowered, limit, found)

    def _screening_read(self, lowered: str, limit: int, found: Hits) -> Hits:
        """`_screening_class_first` once the query is known to tell a screening (its parts searched apart)."""
        if _SCREENING_CUE.search(lowered):
            told = _SCREENED_FOR.search(lowered)
            if told and _screened_person(told.group("condition").strip()):
                told = None  # ("lead screening for toddler": the person, the condition said before)
            before = None if told else _SCREENED_BEFORE.search(lowered)
        elif _NO_SYMPTOMS.search(lowered):
            told, before = _CHECKED_FOR.search(lowered), None
        else:
            return found
        condition = (told or before).group("condition") if (told or before) else ""  # type: ignore[union-attr]
        condition = _SCREENED_LEAD.sub("", _SCREENED_END.sub("", condition)).strip()
        if before is not None:
            condition = condition.rsplit(" for ", 1)[-1]  # ("LDCT for lung ca screen")
        if (
            not condition
            or _SCREENING_CUE.search(condition)
            or (before is not None and len(condition.split()) > SCREENED_WORDS)
        ):
            return found  # ("counseling visit to discuss need for lung cancer screening": a service)
        said = content_stems(condition)
        if any(
            in_target("screening", h.code)
            and "unspecified" not in h.title.lower()
            and (h is found[0] or said & content_stems(f"{h.why.split(' (')[0]} {h.title}"))
            # ("arsenic screening for a child": Screening, infant or child leaves the substance unread)
            and not said & content_stems(" ".join(_left_unread(h)))
            for h in found
        ):
            return found  # ("screening for high cholesterol": Cholesterol, elevated, screening for)
        try:
            line = self.find(f"screening {condition}", ("cm",), 3)
        except QueryError:
            line = None
        top = max((h.score for h in found), default=0.0) + 1.0
        if (
            line
            and not line.notice
            and in_target("screening", line[0].code)
            and line[0].why.startswith("Index:")
            and "unspecified" not in line[0].title.lower()
            and "not used:" not in line[0].why
        ):
            hit = replace(line[0], score=top, why=f"Screening for {condition}: {line[0].why}")
            return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], "")
        toxic = self._screened_substance(condition)
        if toxic is not None:
            hit = replace(toxic, score=top, why=f"Screening for {condition}: {toxic.why}")
            return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], "")
        try:
            answer = self.find(condition, ("cm",), 3)  # read whole: its note says a word left unread
        except QueryError:
            return found
        first = answer[0] if answer and not answer.notice else None
        if (
            first is None
            or first.code.startswith(("V", "W", "X", "Y", "Z"))
            or not first.why.startswith(("Index:", "title:", "inclusion term:", "Neoplasm Table:"))
            or "not used:" in first.why  # ("chromosome problems": Tantrum, child problem)
        ):
            return found
        code = class_code(self.book.db.conn, "screening", first.code.replace(".", ""))
        named = self.book.get("cm", code) if code else None
        if named is None:
            return found
        why = (
            f"Screening for {condition}: Tabular: {first.code} {first.title} is filed in the class "
            f"{named.display} names ({first.why})"
        )
        hit = self._hit(("cm", named.code), (top, why, named, named.title))
        return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], "")

    def _status_said_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A device or a procedure's result the patient has now, told without the word "status" ("has a
        left elbow replacement", "VP shunt in place"), first answered by the procedure or the supply item:
        the Index's Status / Presence line of the same words leads (guideline I.C.21.c.3), when it reads
        every word; a procedure done, due or gone wrong is left to its own answers."""
        lowered = " ".join(query.lower().split())
        if "cm" not in systems or not found or found[0].system == SYSTEM_NAMES["cm"]:
            return found
        told = _HAS_NOW.search(lowered)
        if told is None or _DONE_NOW.search(lowered):
            return found
        device = (told.group("has") or told.group("placed") or "").strip()
        if not device or getattr(self._local, "status_said", False):
            return found
        with self._reading("status_said"):
            try:
                line = self.find(f"{device} status", ("cm",), 3)
            except QueryError:
                return found
        first = line[0] if line and not line.notice else None
        if (
            first is None
            or not first.code.startswith("Z")
            or not first.why.startswith("Index:")
            or "not used:" in first.why
            or not re.search(
                r"\b(?:status|presence|absence)\b", f"{first.why.split(' -> ')[0]} {first.title}".lower()
            )
        ):
            return found
        top = max((h.score for h in found), default=0.0) + 1.0
        hit = replace(first, score=top, why=f"status told as had now (“{device}”): {first.why}")
        return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], "")

    def _condition_named(self, words: str) -> Hits:
        """The ICD-10-CM answers of a condition's words; a one-word disease the Index lacks read by WordNet's
        usual name of it ("polio": poliomyelitis)."""
        answer = self._find(words, ("cm",), 3)
        if (not answer or answer.notice) and " " not in words:
            usual = self.wordnet().senses(words)
            if usual and usual[0].kind == "noun.state" and usual[0].lemmas[0] != words:
                answer = self._find(usual[0].lemmas[0], ("cm",), 3)
        return answer

    def _sequela_line_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """ "seizures as a late effect of old encephalitis", "late effects of polio, leg weakness": the residual
        first, the Index's "Sequelae (of)" line of the past condition beside it (guideline I.B.10); the line
        alone when no residual is named (bot.lookups.index.sequela_lines). An injury's sequela is left to
        the Tabular's 7th character."""
        lowered = query.lower()
        if "cm" not in systems or not SEQUELA_CUE.search(lowered):
            return found
        told = read_sequela(lowered)
        if told is None:
            return found
        try:
            past = self._condition_named(told.past)
        except QueryError:
            return found
        condition = past[0] if past and not past.notice else None
        if (
            condition is None
            or condition.code[:1] in INJURY_LETTERS
            or condition.code.startswith(("V", "W", "X", "Y", "Z"))
        ):
            return found
        said = content_stems(f"{told.past} {self.vocabulary.expand(told.past)[0]} {condition.title}")
        tree = self.index_tree()
        residual_said = content_stems(f"{told.residual} {self.vocabulary.expand(told.residual)[0]}")
        line = sequela_line(tree, said | residual_said, condition.code.replace(".", ""))
        if line is None:
            return found
        # ("aphasia as late effect of stroke": Sequelae, infarction, cerebral, aphasia I69.320)
        last_term = content_stems(line[-1].term)
        combined = bool(told.residual) and last_term <= residual_said and not last_term <= said
        done = complete_cm(
            tree.conn, line[-1].code.replace(".", "").rstrip("-"), said, "A", frozenset(), tree.memo
        )
        named = self.book.get("cm", done.code) if done is not None and done.billable else None
        if named is None:
            return found
        top = max((h.score for h in found), default=0.0) + 1.0
        path = ", ".join(n.term for n in line)
        why = f"Index: {path} -> {named.display} ({told.past}: {condition.code} {condition.title})"
        sequela = self._hit(("cm", named.code), (top, why, named, named.title))
        lead = [sequela]
        if told.residual and not combined:
            try:
                answer = self._find(told.residual, ("cm",), 3)
            except QueryError:
                answer = None
            residual = answer[0] if answer and not answer.notice else None
            if (
                residual is not None
                and residual.code[:1] not in INJURY_LETTERS
                and not residual.code.startswith(("V", "W", "X", "Y", "Z"))
                and residual.why.startswith(("Index:", "title:", "inclusion term:"))
                and residual.code != named.display
            ):
                first = replace(
                    residual,
                    score=top + 1.0,
                    why=f"residual of {told.past} (guideline I.B.10): {residual.why}",
                )
                lead = [first, replace(sequela, why=f"suggested with {residual.code}: {why}")]
        codes = {h.code for h in lead}
        return _with_notice([*lead, *(h for h in found if h.code not in codes)][:limit], "")

    def _personal_history_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """ "history of epididymitis", "history of polio", "history of retinal detachment": where no Index
        History, personal line names the condition, the Z85-Z87 code of the class the Tabular files the
        condition's own code under leads (bot.lookups.index.history_classes)."""
        lowered = query.lower()
        if "cm" not in systems or not found or not _HISTORY_CUE.search(lowered):
            return found
        understood = understand(lowered, self.vocabulary)
        if "history" not in understood.kinds or "family" in understood.kinds:
            return found
        condition = [
            w
            for w in understood.words
            if w not in _READING_WORDS and w not in understood.negated and w not in {"personal", "not", "no"}
        ]
        if not condition:
            return found
        named_as = " ".join(condition)
        own = content_stems(named_as)
        said = own | content_stems(self.vocabulary.expand(named_as)[0])
        first = found[0]
        path = first.why.split(" -> ")[0].lower()
        line = path.startswith("index: history, personal") and bool(
            said & content_stems(f"{path} {first.title}")
        )
        neoplasm_code = first.code.replace(".", "").startswith(("Z85", "Z860"))
        neoplasm_line = neoplasm_code and self._neoplasm_line_names_it(first, path, condition, said)
        if neoplasm_line or (not neoplasm_code and line and 2 * len(own & _unread(first.why)) <= len(own)):
            # the Index's own History line names the condition ("History, personal, nephrotic syndrome" leaves
            # "prune belly" unread); a cancer's site is the Neoplasm Table's and the History lines', unless the
            # line left the site unread ("History, personal, malignant neoplasm" for "penile cancer")
            return found
        if first.code.startswith("Z") and not (
            first.code.replace(".", "").startswith(_PERSONAL_HISTORY) or path.startswith("index: history")
        ):
            return found  # (another frame's line: status, long-term therapy, allergy)
        try:
            answer = self._condition_named(named_as)
        except QueryError:
            return found
        told = answer[0] if answer and not answer.notice else None
        if (
            told is None
            or told.code.startswith("Z")
            or (neoplasm_code and not _NEOPLASM_CODE.match(told.code))  # (a cancer's history is a neoplasm's)
            or told.status != "billable"
            or not told.why.startswith(("Index:", "title:", "inclusion term:", "Neoplasm Table:"))
        ):
            return found
        code = personal_history(self.book.db.conn, self.index_tree().memo, told.code.replace(".", ""))
        named = self.book.get("cm", code) if code else None
        if named is None or named.display == first.code:
            return found
        by_note = "; History, personal: Tabular" in first.why
        same = first.code.replace(".", "")[:4] == named.code[:4]
        if (same and first.why.startswith("Index:") and not by_note) or (by_note and not same):
            # ("h/o CVA no residuals": the Index's line in the same category says more; "history of PIN": the
            # note read the condition's own words, another reading of them is no better)
            return found
        top = max((h.score for h in found), default=0.0) + 1.0
        # (the condition as said first: a reading in the History frame keeps an answer that names it)
        why = (
            f"History, personal - {named_as}: {told.why.split(' (')[0]}; Tabular: {named.display} "
            f"holds {told.code} {told.title} by its note and class -> {named.display}"
        )
        hit = self._hit(("cm", named.code), (top, why, named, named.title))
        return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], "")

    def _neoplasm_line_names_it(
        self, first: Hit, path: str, condition: Sequence[str], said: frozenset[str]
    ) -> bool:
        """Whether a neoplasm's History line names the site and kind said, no more ("neoplasia, vulvar
        intraepithelial, III" only brushed "vulvar cancer"): a line naming a site keeps its reading, one naming
        none ("History, personal, malignant neoplasm" for "gallbladder cancer") only when every word is its own."""
        line_words = content_stems(path.split("history, personal", 1)[-1]) - _NEOPLASM_LINE_WORDS
        unnamed = [
            w
            for w in condition
            if not content_stems(f"{w} {self.vocabulary.expand(w)[0]}") & (line_words | _NEOPLASM_LINE_WORDS)
        ]
        described = frozenset(s for d in _DESCRIBED_AS.findall(first.why) for s in content_stems(d))
        return not line_words - said - described and (bool(line_words) or not unnamed)

    def _antenatal(self, query: str, systems: Sequence[str], limit: int) -> Hits | None:
        """The antenatal screening line the test looks for first, the query's own answers after it; None when
        no line is told or the query's own first answer is that line already."""
        code = antenatal_line(query, self.book.db.conn, self.wordnet())
        named = self.book.get("cm", code) if code else None
        if named is None:
            return None
        with self._reading("screening"):
            found = self.find(query, systems, limit)
        if found and found[0].code == named.display:
            return found
        top = max((h.score for h in found), default=0.0) + 1.0
        why = (
            f"Index: Encounter, antenatal screening -> {named.display} (the test's worry in the line's words)"
        )
        hit = self._hit(("cm", named.code), (top, why, named, named.title))
        return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], "")

    def _supervised(self, query: str, systems: Sequence[str], limit: int) -> Hits | None:
        """ "pregnant again at 9 weeks, had a tubal pregnancy before", "IVF pregnancy, prenatal visit": the
        Index's "Pregnancy, supervision of, high-risk" line of the risk told, with the weeks told
        (bot.lookups.index.pregnancy_supervision); None when no risk is told or no O09 line answers it."""
        said = read_supervision(
            query, self.book.db.conn, self.wordnet(), lambda text: self.vocabulary.expand(text)[0]
        )
        if said is None:
            return None
        with self._reading("supervising"):
            try:
                answer = self.find(said, ("cm",), limit)
            except QueryError:
                return None
        first = answer[0] if answer and not answer.notice else None
        if first is None or not first.code.startswith("O09") or "Pregnancy, supervision" not in first.why:
            return None
        note = f"(read: {' '.join(query.split())} -> {said})"
        return _with_notice([replace(h, why=f"{h.why} {note}") for h in answer][:limit], "")

    def _aftercare_system_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """ "aftercare after brain surgery", "follow up after oral surgery", "follow-up care after kidney and
        pancreas transplant": the "Aftercare, following surgery" line of the organ's body system or transplant
        leads (bot.lookups.index.aftercare_systems), unless an Aftercare line naming the organ answered already."""
        if "cm" not in systems or not _AFTERCARE_CUE.search(query.lower()):
            return found
        told = read_aftercare(query)
        if told is None:
            return found
        if (
            found
            and found[0].code.startswith(("Z47", "Z48"))
            and "not used:" not in found[0].why
            and (told.transplant or "transplant" not in found[0].why)  # ("after heart surgery")
        ):
            return found
        conn = self.book.db.conn
        code = named_line(conn, told, self.wordnet())
        why = f"Index: Aftercare, following surgery -> the line of {told.organ}"
        if code is None and not told.transplant:
            try:
                answer = self._find(f"disease {told.organ}", ("cm",), 1)
            except QueryError:
                return found
            first = answer[0] if answer and not answer.notice else None
            if first is None or first.code.startswith("Z") or not first.why.startswith("Index: Disease"):
                return found
            code = system_code(conn, first.code.replace(".", ""))
            why = (
                f"Index: Aftercare, following surgery, by body system: Tabular files {first.code} {first.title} "
                f"({first.why}) in the system it names"
            )
        named = self.book.get("cm", code) if code else None
        if named is None:
            return found
        top = max((h.score for h in found), default=0.0) + 1.0
        hit = self._hit(("cm", named.code), (top, why, named, named.title))
        return _with_notice([hit, *(h for h in found if h.code != hit.code)][:limit], "")

    def _initialism(self, query: str) -> ReadInitialism | None:
        """The query's unknown initialism read as the term its initials spell (bot.lookups.index.initialisms)."""
        return read_initialism(
            query,
            self._initialism_readings,
            self._initialism_unknown,
            self._initialism_context,
            stem,
            self._kin,
        )

    def _sense_neighbourhood(self, means: str) -> frozenset[str]:
        """The stems of a sense's words, of the titles of the category its Index path leads to, and the plain
        words of that category's part of the classification (bot.lookups.index.senses); kept per sense."""
        found = self._sense_words.get(means)
        if found is None:
            answer = self._find_all(means, ("cm",), 1)
            code = answer[0].code.replace(".", "") if answer else ""
            titles = [means]
            if code:
                titles += [
                    str(t)
                    for (t,) in self.book.db.conn.execute(
                        "SELECT title FROM codes WHERE system = 'cm' AND code >= ? AND code < ? LIMIT 200",
                        [code[:3], code[:3] + "~"],
                    )
                ]
            found = title_words(titles, stem) | part_words(code)
            # (and the nouns its titles' adjectives pertain to: "cutaneous" is of the skin)
            found |= {stem(n) for w in found for n in self._kin.pertained(w)}
            self._sense_words[means] = found
        return found

    def usual_senses(self, key: str) -> tuple[str, ...]:
        """An abbreviation's vocabulary senses, its usual sense first (one for most; none for a word the
        vocabulary does not read as an abbreviation)."""
        return self._usual_senses(key)

    def _usual_senses(self, key: str) -> tuple[str, ...]:
        """An abbreviation's vocabulary senses, its usual sense first (one for most)."""
        senses = self.vocabulary.senses(key)
        if senses:
            return senses
        term = self.vocabulary.terms.get(key)
        return (term.means,) if term is not None and term.kind == "abbreviation" else ()

    def _spelled(self, key: str) -> tuple[tuple[str, str, frozenset[str]], ...]:
        """The terms an abbreviation's letters spell as the data says them, with their codes and the stems of
        their codes' titles (bot.lookups.index.senses.read_data_sense)."""
        return tuple(
            (r.term, r.code, self._initialism_context(r))
            for r in self._initialism_readings(key)
            if r.code and "-" not in r.code and r.source & SAID_SO
        )

    def _initialism_readings(self, key: str) -> tuple[Reading, ...]:
        found = self._initialisms.get(key)
        if found is None:
            found = stored_readings(self.book.db.conn, key)
            if len(self._initialisms) > INITIALISMS_CACHED:
                self._initialisms.clear()
            self._initialisms[key] = found
        return found

    def _initialism_unknown(self, word: str, capitals: bool) -> bool:
        """No vocabulary term, and (unless written in capitals: "GAVE", "BED", "hEDS") no word a title, an index
        line or the dictionary holds."""
        if self.vocabulary.knows(word):
            return False
        return capitals or (word not in self.english and word not in self.freq and not self._indexed(word))

    def _initialism_context(self, reading: Reading) -> frozenset[str]:
        """Stems of a reading's words and of the titles of its code and the codes below it (and the Roman
        numerals they say: "type I")."""
        found = self._initialism_words.get(reading)
        if found is None:
            titles = [reading.term]
            if reading.code:
                titles += [
                    str(t)
                    for (t,) in self.book.db.conn.execute(
                        "SELECT title FROM codes WHERE system = 'cm' AND code >= ? AND code < ? LIMIT 60",
                        [reading.code, reading.code + "~"],
                    )
                ]
                # (and the Tabular's inclusion terms: "Socialized conduct disorder", "Conduct disorder, group type")
                titles += [
                    str(t)
                    for (t,) in self.book.db.conn.execute(
                        "SELECT text FROM notes WHERE system = 'cm' AND code >= ? AND code < ? "
                        "AND kind = 'inclusion' LIMIT 40",
                        [reading.code, reading.code + "~"],
                    )
                ]
                # (and its category's title: "HELLP syndrome" is filed under pre-eclampsia)
                titles += [
                    str(t)
                    for (t,) in self.book.db.conn.execute(
                        "SELECT title FROM codes WHERE system = 'cm' AND code = ?", [reading.code[:3]]
                    )
                    if len(reading.code) > 3
                ]
            said = [w for t in titles for w in re.findall(r"[a-z]{3,}|\b[ivx]{1,4}\b", t.lower())]
            # (a time of life is said of the person: "childhood" is a child's, "adulthood" an adult's)
            said += [w.removesuffix("hood") for w in said if w.endswith("hood") and len(w) > 7]
            # (and the words a note uses about the code's part of the classification: "psych", "preemie", "OD")
            found = frozenset(w if len(w) < 3 else stem(w) for w in said) | {
                stem(w) for w in part_words(reading.code)
            }
            if len(self._initialism_words) > INITIALISMS_CACHED:
                self._initialism_words.clear()
            self._initialism_words[reading] = found
        return found

    @staticmethod
    def _shorthand(query: str) -> bool:
        """Whether the query, and the query as typed, is a coder's shorthand, no sentence
        (bot.lookups.index.services.is_shorthand; every word read: `_words` leaves out "the")."""
        kept = memo()
        asked = str(kept.get(ASKED, query)) if kept is not None else query
        return is_shorthand(f"{query} {asked}")

    def _act_named(self, query: str, said: list[str]) -> bool:
        """Whether the words name a service by CPT's act noun in shorthand, the query as typed no sentence
        either (a sentence's clause read alone - "interpretation" of "interpretation of the new policy" - is
        still talk; bot.lookups.index.services.names_service_act)."""
        return names_service_act(said) and self._shorthand(query)

    def _unanswered_service(self, query: str, found: Hits) -> Hits:
        """A query nothing answers that names a service by its noun, every word known ("psychiatric
        diagnostic eval", "patch testing 30 allergens"), gets the CPT notice: what it asks for is CPT's."""
        if found or not found.notice.startswith(NO_CONFIDENT_MATCH) or "cpt" in self.book.systems_loaded():
            return found
        told = without_place(query.lower())  # ("formaldehyde exposure in the anatomy lab": where, no service)
        said = [w for raw in told.replace(",", " ").split() for w in _words(raw) if not w.isdigit()]
        # A word naming a procedure or study by its suffix ("gonioscopy", "nystagmography") is a service noun
        # by how it is formed, known or not to the code data (bot.lookups.index.procedure_suffixes).
        formed = [w for w in said if formed_procedure(w)]
        # A lone "test" names no service: the noun and what it tests, evaluates or visits for.
        # A word the code data does not print but English or a CPT service's word classes know ("drawing",
        # "maneuver", "pcr") is no gibberish; one word in three unknown still ("Epley") is a name beside the
        # service noun.
        uncoded = [w for w in said if w not in formed and self._unknown_share([w])]
        unknown = [w for w in uncoded if w not in self.english and not service_word(w)]
        if (
            (len(set(said)) < 2 and not formed)
            or not (
                names_service_noun(said) or self._act_named(query, said) or names_procedure(said) or formed
            )
            or (uncoded and not self._shorthand(query))  # (a sentence's words the codes lack: read on)
            or len(unknown) > len(said) * UNKNOWN_BESIDE_SERVICE
        ):
            return found
        return _with_notice([], CPT_NOTE.format(what="That looks like a CPT service"))

    def _payer_service_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A service said with its payer ("PSA screening medicare", "medicare colonoscopy screen not high
        risk") asks for the payer's service code: when the first answer is an encounter (a Z code) and the
        words less the payer are answered by a HCPCS title using every word, that title leads and the
        encounter follows."""
        if "hcpcs" not in systems or not found or found[0].system != "ICD-10-CM" or found[0].code[:1] != "Z":
            return found
        words = [w for raw in query.lower().replace(",", " ").split() for w in _words(raw)]
        rest = [w for w in words if w not in PAYERS]
        if not rest or len(rest) == len(words):
            return found
        if {_stem(w) for w in words if w in PAYERS} & _doc_stems(found[0].why.split(" (")[0]):
            return found  # "life insurance physical": the reason's own Index word (Examination, insurance)
        try:
            service = self._find(" ".join(rest), ("hcpcs",), limit)
        except QueryError:
            return found
        # A coder's word about the request ("code", "year") is no word of the service.
        said = frozenset(_stem(w) for w in rest if w not in STOPWORDS and w not in FILLER)
        named = [h for h in service if said <= _doc_stems(f"{h.title} {h.why.split(' (')[0]}")]
        if not named:  # then through what read the words into the title ("awv -> annual wellness visit")
            named = [h for h in service if said <= _doc_stems(f"{h.title} {_NOT_USED.sub('', h.why)}")]
        if service.notice or not named:
            named = self._service_as_typed(rest, said, limit)
        if not named:
            return found
        top = max(h.score for h in found) + DRUG_LINE_LEAD - named[0].score
        lines = [replace(h, score=h.score + top, why=f"payer's service: {h.why}") for h in named]
        lines = lines[:DRUG_LINES_SHOWN]
        shown = {h.code for h in lines}
        return _with_notice((lines + [h for h in found if h.code not in shown])[:limit], "")

    def _service_as_typed(self, words: list[str], said: frozenset[str], limit: int) -> list[Hit]:
        """The HCPCS titles holding a payer's service by its words as typed ("screening pap smear obtaining
        specimen" -> Q0091 "Obtaining screen pap smear"; the vocabulary reads "pap smear" as the Index's
        Screening, neoplasm, cervix): every word said in the title itself, or all but one of four or more
        (a word of the request's own, "specimen")."""
        if len(said) < 2:
            return []
        scored: dict[tuple[str, str], tuple[float, str, Code | None, str]] = {}

        def add(code: Code | None, key: tuple[str, str], score: float, why: str, title: str = "") -> None:
            if key not in scored or scored[key][0] < score:
                scored[key] = (score, why, code, title)

        kept = [w for w in words if w not in STOPWORDS and w not in FILLER]
        groups = list(dict.fromkeys((w, *descriptor_forms(w)) for w in kept))
        self._text_matches(groups, ("hcpcs",), add, [], broad=len(said) >= 4, items=False)
        spare = 1 if len(said) >= 4 else 0
        named = []
        for hit in self._ranked(scored, limit):
            own = _doc_stems(f"{hit.title} {hit.why.split(' (')[0].removeprefix('title: ')}")
            missing = [w for w in said if w not in own and not any(o.startswith(w) for o in own)]
            if len(missing) <= spare:
                named.append(hit)
        return named

    def _rank_said_first(self, query: str, systems: Sequence[str], found: Hits) -> Hits:
        """A first HCPCS line numbering another rank than the one said ("ALS level 2 ambulance": "Ambulance
        service, advanced life support, emergency transport, level 1 (als 1 - emergency)") gives way to the line
        printing the rank said ("Advanced life support, level 2 (als 2)"): of the HCPCS lines printing it, the
        one sharing a word of the query besides the rank and most words of the query and the first line's
        title (its family) (bot.lookups.measures)."""
        if "hcpcs" not in systems or not found:
            return found
        ranks = stated_ranks(query)
        if not ranks:
            return found
        if found[0].system != "HCPCS":
            # "ALS1 emergency run": the ambulance level numbered in the descriptors' own short name ("level 1
            # (als 1 - emergency)") says the HCPCS sense of ALS; another rank beside a condition ("stage 3
            # pressure ulcer") stays the condition's.
            if not said_as_ambulance_level(query):
                return found
        elif measure_fit(found[0].title, ranks) >= 0:
            return found
        phrases = rank_phrases(ranks)
        rank_words = frozenset(_stem(w) for p in phrases for w in p.split()) - {_stem("als")}
        said = _doc_stems(spaced_ranks(query)) - rank_words
        family = (_doc_stems(found[0].title) - rank_words) if found[0].system == "HCPCS" else frozenset()
        rows = self.book.db.execute(
            "SELECT DISTINCT code FROM search WHERE search MATCH ? AND system = 'hcpcs' LIMIT 400",
            [" OR ".join(f'"{p}"' for p in phrases)],
        ).fetchall()
        best: tuple[int, int, int, str] | None = None
        for (code,) in rows:
            line = self.book.get("hcpcs", str(code))
            if line is None or not line.current or measure_fit(line.title, ranks) <= 0:
                continue
            own = _doc_stems(line.title)
            if not own & said:
                continue
            key = (-(len(own & said) + len(own & family)), len(own - said), len(line.title), line.code)
            best = key if best is None or key < best else best
        line = self.book.get("hcpcs", best[3]) if best is not None else None
        if line is None:
            return found
        why = f"{phrases[0]} said: title: {line.shown_title}"
        hit = self._hit(("hcpcs", line.code), (found[0].score + 1.0, why, line, ""))
        return _with_notice([hit, *(h for h in found if h.code != hit.code)], found.notice)

    def _permanent_line_first(self, query: str, found: Hits) -> Hits:
        """A C drug line (hospital outpatient pass-through only) goes after the J or Q line of the same drug
        found with it ("avastin": J9035 before C9257), unless the query says the outpatient setting."""
        if says_outpatient(query) or not any(h.system == "HCPCS" and opps_only(h.code) for h in found):
            return found
        ranked = list(found)
        for hit in list(ranked):
            drug = self.drug_codes.get(hit.code) if hit.system == "HCPCS" and opps_only(hit.code) else None
            if not drug:
                continue
            at = ranked.index(hit)
            later = [
                i
                for i, h in enumerate(ranked)
                if i > at
                and h.system == "HCPCS"
                and not opps_only(h.code)
                and self.drug_codes.get(h.code) == drug
            ]
            if later:
                after = ranked[later[0]].score
                ranked.insert(later[0], replace(ranked.pop(at), score=after))
        if ranked == list(found):
            return found
        return _with_notice(ranked, found.notice)

    def _find_read(self, query: str, systems: Sequence[str], limit: int) -> Hits:
        found = self._find(query, systems, limit)
        # "itchy rash on my scalp from hair dye": a symptom told with its cause, read at the "due to" line the
        # Index sends the symptom's causes to (Rash, food - see Dermatitis, due to, food).
        caused = self._caused(query, systems, limit, found)
        if caused is not None:
            return caused
        if found and found[0].system == "ICD-10-PCS" and not found.notice:
            # "cardiomegaly on cxr", "nodule noted on CT": the study is where the finding was seen, not a
            # procedure asked for; the finding, when the Index answers it, comes first.
            core = medical_core(query)
            if core is not None and seen_on_study(core.unused):
                answer = self._core_answer(core, systems, limit, index_only=True)
                if answer and answer[0].system == "ICD-10-CM":
                    return answer
        if found and not found.notice and len(query.split()) > 1:
            # "corners of my mouth are cracked and sore": a lay phrase said loosely, which the answer missed.
            lay = self._lay_sentence(query, systems, limit, missed_by=found[0])
            if lay is not None:
                return self._described(query, systems, limit, missed_by=lay[0]) or lay
            # A partial answer says the words it did not use ("hair falling out in patches": patches).
            found = _with_notice([self._saying_unused(query, hit) for hit in found], found.notice)
            # "pain on the inside of my left elbow since I started golfing": the described condition a
            # partial answer missed (Pain, elbow; not used: golfing).
            described = self._described(query, systems, limit, missed_by=found[0])
            return described or self._glossed(query, systems, limit, missed_by=found[0]) or found
        if found or not found.notice.startswith(NO_CONFIDENT_MATCH):
            return found
        # A condition told as a sentence ("cough that won't go away", "rash on my son"): the words a coder
        # reads past are left out, and the rest answered when it answers with confidence (one more search);
        # then a word a coder cannot place, or a side, left out too (a few more).
        answer = self._said_before_circumstance(query, systems, limit)
        negated = without_negated(query)
        refused = negated_stems(negated.unused) if negated is not None else frozenset()
        for core in self._readings(query) if answer is None else ():
            # A reading without a word is answered only by an Index path ("high complexity" is no title).
            answer = self._core_answer(core, systems, limit, index_only=not core.filler, refused=refused)
            if answer is not None:
                break
        # "I get up four times a night to pee": the lay phrase said loosely (Nocturia).
        lay = self._lay_sentence(query, systems, limit, missed_by=answer[0] if answer else None)
        if lay:
            return self._described(query, systems, limit, missed_by=lay[0]) or lay
        # "my fingernails curve up like little spoons": a condition described, the Index line saying it.
        described = self._described(query, systems, limit, missed_by=answer[0] if answer else None)
        # "my lower jaw sticks out too far": the condition a dictionary definition says (Prognathism), when
        # nothing else answered.
        return (
            described
            or answer
            or self._key_main_term(query, systems, limit)
            or self._glossed(query, systems, limit)
            or found
        )

    def _caused(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits | None:
        """A symptom the sentence names by its Index main term, told with a cause the answer left unused, read at
        the "due to" line the Index's own cross-reference sends the symptom's causes to
        (bot.lookups.index.cause_lines): "itchy rash where my belt buckle touches, nickel allergy" -> Rash,
        food - see Dermatitis, due to -> Dermatitis, contact, allergic, due to, nickel L23.0. Kept only when
        the answer's Index path runs through that line's main term and reads a word of the cause."""
        if "cm" not in systems or getattr(self._local, "causing", False):
            return None
        cause = told_cause(query)
        if not cause:
            return None
        if self._cause_lines is None:
            self._cause_lines = cause_lines(self.book.db.execute)
        term = symptom_said(query, self._cause_lines)
        if term is None:
            return None
        if (
            found
            and not found.notice
            and not set(cause) & _unused_words(self._saying_unused(query, found[0]).why)
        ):
            return None  # (the answer read the cause: "rash from phenytoin", Dermatitis, due to, drugs)
        line = self._cause_lines[term]
        main = line.split(",")[0].strip().lower()
        text = " ".join([*line.replace(",", " ").split(), *cause])
        with self._reading("causing"):
            try:
                answer = self.find(text, systems, limit)
            except QueryError:
                return None
        if not answer or answer.notice or not answer[0].why.startswith("Index: "):
            return None
        path = answer[0].why[7:].split(" -> ")
        through = [p.lower() for p in path[:-1] if "," in p or p.lower().startswith(("see ", main))]
        if not any(p.removeprefix("see ").startswith(f"{main},") for p in through):
            return None
        if set(cause) <= _unused_words(answer[0].why) | {"due"}:
            return None  # (no word of the cause read: the main term alone)
        note = f"read: {term} with its cause -> {line}: {' '.join(cause)}"
        return _with_notice([replace(h, why=f"{h.why} ({note})") for h in answer], "")

    def _key_main_term(self, query: str, systems: Sequence[str], limit: int) -> Hits | None:
        """ "bysinosis in a cotton mill worker", "hematospermia x 2 episodes": nothing answers the words
        together, but one of them, in its form or spelling, is a medical word (no ordinary English word) that
        is an Index main term of its own with a code, the only such word said: the coder answers by that main
        term, the other words said as not used (bot.lookups.index.word_forms)."""
        said = [w for w in dict.fromkeys(WORD.findall(query.lower())) if w.isalpha() and len(w) > 3]
        medical = [
            w for w in said if w not in self.english and w not in FILLER and not self.vocabulary.knows(w)
        ]
        if len(medical) != 1:
            return None
        typed = medical[0]
        word = self._noun_of(typed) or self.correct(typed)
        if (word in self.english and word != typed) or not self._coded_main_term([word]):
            return None
        answer = self._find(word, systems, limit)
        if not answer or answer.notice or not answer[0].why.lower().startswith(f"index: {word}"):
            return None
        left = ", ".join(w for w in WORD.findall(query.lower()) if w != typed and w not in STOPWORDS)
        return _with_notice([replace(h, why=f"{h.why} (not used: {left})") for h in answer], "")

    def _described(
        self, query: str, systems: Sequence[str], limit: int, missed_by: Hit | None = None
    ) -> Hits | None:
        """A condition the sentence describes without naming it, looked up as the Index line whose words it
        says (bot.lookups.index.lay_descriptions), with the sides said; the describing words the line
        does not use said as not used. `missed_by`: the answer the sentence as typed found, which the line
        replaces only in a patient's sentence when it left a word the line says unused, or answered with the
        external cause of what the patient describes; or which a subterm of its Index line the unused words
        say refines (in any sentence)."""
        if "cm" not in systems or not reads_description(query):
            return None
        sites: Callable[[str], bool] = lambda word: stem(word) in self.body_sites()  # noqa: E731
        # "my back is curved" answered by an item's title (Special base curve): a patient tells of her body,
        # not of a supply, so the described condition replaces an item found by its title's words.
        # An item the sentence names by its title's head ("a finger splint for my curved pinky") stays.
        item = (
            missed_by is not None
            and missed_by.system == "HCPCS"
            and missed_by.why.startswith("title:")
            and not content_stems(missed_by.title.split(",")[0]) <= content_stems(query)
        )
        if missed_by is None:
            read = describe(query, self.index_tree(), self.vocabulary, sites, alone=True)
        elif not (missed_description(missed_by.why) or item):
            return None
        else:
            read = (
                describe(query, self.index_tree(), self.vocabulary, sites) if told_by_patient(query) else None
            )
            if read is None or not (item or read.beats(missed_by.why)):
                # "newborn skin and eyes look yellow": Jaundice (not used: newborn) -> Jaundice, newborn.
                read = refine(query, self.index_tree(), self.vocabulary, sites, missed_by.why)
        if read is None:
            return None
        if read.alone:
            # "sarcopinia in elderly pt, weak grip": a medical word's own main term before a state said alone
            key = self._key_main_term(query, systems, limit)
            if key is not None:
                return key
        try:
            answer = self._find(" ".join([read.lookup, *read.sides]), systems, limit)
        except QueryError:
            return None
        if not answer or answer.notice:
            return None
        # The line itself first ("Jaundice, newborn" before "Jaundice, nuclear, newborn").
        answer = _with_notice(sorted(answer, key=lambda h: not read.is_line(h.why)), "")
        if not read.answered_by(answer[0].why):
            return None
        said = f"described: {', '.join(read.said)} -> {read.path}"
        left = [w for w in read.unused if w not in read.lookup.split()]
        said += f"; not used: {', '.join(left)}" if left else ""
        return _with_notice([replace(h, why=f"{h.why} ({said})") for h in answer], "")

    def _glossed(
        self, query: str, systems: Sequence[str], limit: int, missed_by: Hit | None = None
    ) -> Hits | None:
        """A condition the sentence describes in the words of its dictionary definition, looked up by the
        Index term WordNet names it by (bot.lookups.index.gloss_descriptions): "my lower jaw sticks out too
        far" -> "prognathism: the condition of having a projecting jaw" -> Index: Prognathism. `missed_by`:
        the answer the sentence as typed found, which the definition replaces only in a patient's sentence
        answered by an Index path (never a Drug Table or External Cause Index one) when the answer left unused half of its describing words or more, and the definition says one of
        them that is no body part ("his lower jaw juts forward": Osteoradionecrosis, jaw; not used: juts,
        forward)."""
        if "cm" not in systems or not reads_description(query):
            return None
        if missed_by is not None and not (told_by_patient(query) and missed_by.why.startswith("Index:")):
            return None  # (a Drug Table or External Cause answer tells a story, no condition described)
        kept = memo()
        if kept is None or " ".join(str(kept.get(ASKED, "")).split()) != " ".join(query.split()):
            return None  # the sentence as the user typed it, never a clause or a reading of it
        read = read_by_gloss(query, self.wordnet(), lambda word: stem(word) in self.body_sites())
        if read is None:
            return None
        if missed_by is not None:
            left = {stem(w) for found in _LEFT_UNUSED.findall(missed_by.why) for w in found.split(", ")}
            unused = [w for w in (*read.said, *read.unused) if stem(w) in left]
            sites = self.body_sites()
            if 2 * len(unused) < len(read.said) + len(read.unused) or not any(
                stem(w) not in sites for w in set(read.said) & set(unused)
            ):
                return None
        try:
            answer = self._find(read.term, systems, limit)
        except QueryError:
            return None
        if not answer or answer.notice or not answers_meaning(read.term, answer[0].why):
            return None
        said = f"said: {', '.join(read.said)}"
        said += f"; not used: {', '.join(read.unused)}" if read.unused else ""
        return _with_notice([replace(h, why=f"{read.why} -> {h.why} ({said})") for h in answer], "")

    def _lay_sentence(
        self, query: str, systems: Sequence[str], limit: int, missed_by: Hit | None = None
    ) -> Hits | None:
        """A patient's sentence read as the lay phrase its words say in any order, a body part said beside
        it as the Index's subterm (bot.lookups.index.lay_sentences), when an Index path through the
        phrase's meaning answers it; the words not read said as not used. `missed_by`: the answer the
        sentence as typed found, which a phrase of two words or more beats when it missed the meaning."""
        if missed_by is not None and not told_by_patient(query):
            return None
        read = read_lay_sentence(query, self.vocabulary, lambda word: stem(word) in self.body_sites())
        if read is None or (missed_by is not None and not read.missed_by(missed_by.why)):
            return None
        for reading in read.readings():
            try:
                answer = self._find(reading, systems, limit)
            except QueryError:
                continue
            if answer and not answer.notice and answers_meaning(read.means, answer[0].why):
                said = f"read: {read.term} -> {read.means}"
                left = [w for w in (*read.unused, *read.sites) if w not in reading.split()]
                said += f"; not used: {', '.join(left)}" if left else ""
                return _with_notice([replace(h, why=f"{h.why} ({said})") for h in answer], "")
        return None

    def _typed_stems(self, text: str) -> frozenset[str]:
        """The stems of this search's words that the user typed (in the outermost lookup's query), no reading
        of them ("sent by patient" read as a personal history says no "history")."""
        kept = memo()
        asked = str(kept.get(ASKED, text)) if kept is not None else text
        typed = frozenset(stem(w) for w in WORD.findall(asked.lower()) if w not in STOPWORDS)
        return typed & frozenset(stem(w) for w in WORD.findall(text.lower()))

    def _said_before_circumstance(self, query: str, systems: Sequence[str], limit: int) -> Hits | None:
        """The complaint as said before the clause telling what sets it off ("bulge at my navel when i
        cough"), when it is answered as confidently as if typed alone; the clause's words said as not used."""
        trigger = without_circumstance(query)
        if trigger is None or says_negation(trigger.text):
            return None
        try:
            answer = self._find(trigger.text, systems, limit)
        except QueryError:
            return None
        if not answer or answer.notice:
            return None
        left = ", ".join(trigger.unused)
        return _with_notice([replace(h, why=f"{h.why} (not used: {left})") for h in answer], "")

    def _readings(self, query: str) -> Iterator[Core]:
        """The query read past its filler (bot.lookups.filler.medical_core), then without one word a coder
        reads past when nothing else answers: a side or a bilateral word, which a code without laterality
        does not use ("toenail fungus both feet"), or an English word no Index line or vocabulary term holds
        ("PTSD chronic, combat vet"; a word no dictionary holds, "fracture zorblat", is no word to read past). A query saying a negation is read only past its filler."""
        core = medical_core(query)
        if core is not None:
            yield core
        # "my jaw clicks when I chew": the complaint without what sets it off, read past its filler too.
        trigger = without_circumstance(query)
        if trigger is not None and not says_negation(trigger.text):
            read = medical_core(trigger.text)
            if read is not None:
                yield Core(read.text, (*read.unused, *trigger.unused))
        if core is None and says_negation(query):
            # "ecchymoses on arms with no trauma": what the chart rules out read past whole, the rest answered.
            negated = without_negated(query)
            if negated is None or self.vocabulary.may_name_brand(query):
                return  # "Darzalex IV (not Faspro)": the drug line picks by what is negated (_drug_line_first)
            read = medical_core(negated.text)
            core = Core(read.text, (*negated.unused, *read.unused)) if read is not None else negated
            yield core
        base = core or Core(" ".join(query.lower().replace("\u2019", "'").split()), (), filler=False)
        clauses = [clause.split() for clause in base.text.split(", ")]
        said = content_words(base.text)
        if len(said) < 2:
            return
        placed = {
            w: w in SIDE_WORDS
            or w in NARRATORS
            or (len(w) > 1 and w in self.english and not self._indexed(w))
            or self._person(w)
            for w in dict.fromkeys(said)
        }
        readings: list[Core] = []
        sideless = without_sides(base.text, SIDE_WORDS)
        if sideless is not None:
            # "costochondritis on left side of sternum": every side word at once.
            readings.append(Core(sideless.text, (*base.unused, *sideless.unused), filler=False))
        if len(clauses) > 1:
            # A clause holding a word a coder cannot place ("PTSD chronic, combat vet") left out whole.
            for n, clause in enumerate(clauses):
                if any(placed.get(w) for w in clause):
                    text = ", ".join(" ".join(c) for m, c in enumerate(clauses) if m != n)
                    readings.append(Core(text, (*base.unused, *clause), filler=False))
        sites = frozenset(w for w in said if stem(w) in self.body_sites() or w in SIDE_WORDS)
        siteless = without_sides(base.text, sites, least=1) if len(sites) < len(set(said)) else None
        if siteless is not None and siteless.text != (sideless.text if sideless else ""):
            # "ecchymoses on legs": a code that does not subdivide by the site uses none of its words.
            # (read past like filler: the site's words are no words of the condition, so a title may answer)
            readings.append(Core(siteless.text, (*base.unused, *siteless.unused)))
        dropped = [w for w, left_out in placed.items() if left_out and w not in SIDE_WORDS]
        if len(dropped) > 1:
            # "husband snores loud but doctor says": every word a coder cannot place at once.
            kept = [" ".join(w for w in clause if w not in dropped) for clause in clauses]
            text = ", ".join(c for c in kept if c)
            readings.append(Core(text, (*base.unused, *dropped), filler=False))
        for word, left_out in placed.items():
            if left_out:
                kept = [" ".join(w for w in clause if w != word) for clause in clauses]
                text = ", ".join(c for c in kept if c)
                readings.append(Core(text, (*base.unused, word), filler=False))
        # A lone word left is no reading of the query ("my laptop is slow" is no "Slowing, urinary stream"),
        # unless the vocabulary knows it as a complaint ("snores").
        people = frozenset(w for w in said if w in NARRATORS or self._person(w))
        yield from [
            r
            for r in readings
            if self._reading_left(content_words(r.text))
            or (set(r.unused) - set(base.unused) <= people and self._coded_main_term(content_words(r.text)))
        ][:LEFT_OUT_TRIES]

    def _coded_main_term(self, said: list[str]) -> bool:
        """ "farmer with a cough", "singer who is aphonic": the one word left beside who has it is an Index
        main term (in its own or another form) giving a code of its own, which a coder answers by."""
        if len(said) != 1:
            return False
        word = self._noun_of(said[0]) or said[0]
        tree = self.index_tree()
        lines = sorted({node for _, node, _, _ in tree.matches([0], {stem(word)})})
        return any(_main_word(n.term) == word and n.code for n in tree.nodes(lines))

    def _person(self, word: str) -> bool:
        """ "singer", "welder", "pianist": who has the complaint, by trade or pastime - an agent noun of an
        English verb, or a practitioner by its ending, that is no body site and no Index main term of its own
        ("smoker", "shoulder" stay; bot.lookups.index.word_forms)."""
        if word not in self.english or stem(word) in self.body_sites():
            return False
        if not practitioner(word) and not any(b in self.english for b in agent_bases(word)):
            return False
        return not self._main_terms(self.index_tree(), word)

    def _reading_left(self, said: list[str]) -> bool:
        """Whether the words left make a reading: two or more, or one the vocabulary knows or no ordinary
        English word ("ecchymoses"; "slow" is no reading of "my laptop is slow")."""
        if len(said) != 1:
            return len(said) > 1
        word = said[0]
        return self.vocabulary.knows(word) or (
            word not in self.english and (word in self.freq or self._indexed(word))
        )

    def _core_answer(
        self,
        core: Core,
        systems: Sequence[str],
        limit: int,
        index_only: bool,
        refused: frozenset[str] = frozenset(),
    ) -> Hits | None:
        """The core's answer, saying the words it did not use, when it answers the core with confidence
        (`index_only`: through an Index path) and names nothing the query negated (`refused`: "no apnea")."""
        try:
            answer = self._find(core.text, systems, limit)
        except QueryError:
            return None
        # A definitive diagnosis put before its symptom is judged by the symptom's answer ("shingles rash").
        judged = answer[1] if answer and answer[0].why.startswith(INTEGRAL_MARK) and len(answer) > 1 else None
        if not answer or not self._answers_core(core.text, judged or answer[0]):
            return None
        first = answer[0]
        if affirms_what_is_negated(f"{first.title}, {_CLAUSE_WHY.sub('', first.why)}", refused):
            return (
                None  # "snoring but no apnea" is no apnea; "gauze, no border" may be "... without ... border"
            )
        if index_only and main_term_adds(core.text, _CLAUSE_WHY.sub("", answer[0].why)) is None:
            return None
        shown = []
        for hit in answer:
            used = _used_stems(hit)
            said = [
                w
                for w in unused_words(core.text, used, frozenset(), lambda _: False)
                if not said_in_another_form(w, used)
            ]
            left = [w for w in core.unused if w not in LINKING] + said
            shown.append(replace(hit, why=f"{hit.why} (not used: {', '.join(left)})"))
        return _with_notice(shown, answer.notice)

    def _drug_line_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A query naming an injectable drug ("avastin for colon ca", "zoledronic acid 5 mg IV yearly") asks
        for the drug's HCPCS line: the line the other words choose (bot.lookups.doses.drug_line_score) leads,
        and what the words found follows. Named beside a poisoning or a history it is the ICD-10-CM code's."""
        if "hcpcs" not in systems:
            return found
        typed = [w for raw in query.lower().split() for w in _words(raw)]
        product = self._product_key(typed)  # "synvisc", "kyleena": a product a drug line prints
        if (
            not product
            and not self.vocabulary.may_name_brand(query)
            and not said_drug_key([], typed, self.drug_keys, self.english)
        ):
            return found  # no brand can be read and no drug's key word is typed: no drug named
        understood = understand(query.lower(), self.vocabulary)  # "depo-testosterone" whole
        if not understood.brands:
            understood = understand(" ".join(typed), self.vocabulary)  # "kenalog-40" as "kenalog 40"
        read = [w for w in understood.words if w not in typed]
        said = [*typed, *read]
        # A brand a title prints ("Inj, abilify maintena") before its generic ("aripiprazole").
        printed = [b for b in understood.brands if self._prints_brand(b)]
        brand_read = [*(w for b in printed for w in _words(b)), *understood.words]
        brand_read = brand_read if understood.brands else []
        heads = [
            _words(self.vocabulary.terms[b].means)[:1]
            for b in understood.brands
            if b in self.vocabulary.terms
        ]
        key = said_drug_key(brand_read, typed, self.drug_keys, self.english, [h[0] for h in heads if h])
        key = key or product
        # ("bone mets" reads as the Neoplasm Table's "secondary": a site's behaviour, not "secondary to" a drug)
        use = set(typed) | (set(read) - {"secondary"}) | set(re.findall(r"[a-z0-9-]+", query.lower()))
        # "gadavist contrast for MRI": a study said as what the drug is for is no study asked (the imaging
        # study a drug is named beside - "MRI brain with gadolinium" - is) (bot.lookups.drug_given).
        if not key or names_drug_use(use - (STUDY_WORDS if purpose_only(query, STUDY_WORDS) else set())):
            return found
        if names_device_by_key(self.book.db.conn, self.index_tree().memo, query, key):
            return found  # "paclitaxel-eluting coronary stent": the Device Key's stent (pcs_device_put)
        family = [line for k, lines in self.drug_lines.items() if _same_drug(k, key) for line in lines]
        family += [line for line in self._clipped_lines(key) if line not in family]
        path = (
            found[0].why.lower().split(" (")[0] if found else ""
        )  # the Index path, not the vocabulary's note
        if found and is_adverse_or_underdosing(found[1].code if len(found) > 1 else ""):
            # "ran out of metoprolol now tachycardic": the condition, then the drug's underdosing beside it.
            path = found[1].why.lower().split(" (")[0]
        # (a PCS path naming the drug is its administration's procedure, not what a brand asks for)
        named = found and found[0].system != "ICD-10-PCS" and key in found[0].title.lower() + path
        # (a cut short descriptor names the drug in the words it was read as or its 2020 long descriptor:
        # "Ext wear ost skn barr" is an "Ostomy skin barrier")
        named = named or bool(found and key in " ".join(_DESCRIPTOR_READ.findall(found[0].why.lower())))
        # A Medical and Surgical code whose device value prints the word ("Replacement ... with Autologous Tissue
        # Substitute") names no drug: the word is the device's (bot.lookups.index.pcs_asked).
        named = named or bool(found and device_value_names(found[0].code, found[0].title, key))
        # "implantation of single lead pacemaker into chest": a device put in is its Insertion, no drug given
        # ("Injection/implantation of bulking ... material" prints the word) (bot.lookups.index.pcs_device_put).
        named = named or bool(found and found[0].system == "ICD-10-PCS" and self._puts_device_in(query))
        # "decadron tabs 4 mg po", "vivitrol naltrexone monthly injection": a drug given, with its dose or
        # route and no story of what happened, is no poisoning the Drug Table's default column would code
        # (bot.lookups.drug_given).
        named = named and not (found and given_not_poisoned(query, typed, found[0].code, found[0].why))
        # "Vivitrol": a drug named alone is its drug line, not a service line printing the drug ("Medication
        # assisted treatment, naltrexone; weekly bundle ...") when no word of the service is said.
        named = named and not (
            found
            and found[0].system == "HCPCS"
            and found[0].code.startswith("G")  # a G code: a professional service
            and found[0].code not in self.drug_codes
            and service_unsaid(found[0].title, typed, [*read, key])
        )
        # "neulasta", "alimta pemetrexed": one of the drug's lines found already (by the brand the title prints,
        # or the words as typed) - the drug-line reading still picks among the drug's lines, below.
        in_family = bool(found) and found[0].code in {c for c, _ in family}
        if named and not in_family:
            # "heparin induced thrombocytopenia": a condition the drug names.
            return found
        scored: list[tuple[float, Code]] = []
        outpatient = says_outpatient(query)
        for code_text, title in family:
            code = self.book.get("hcpcs", code_text)
            if code is not None:
                fit = drug_line_score(title, said, understood.negated, dose_text(query))
                fit -= (0 if code.current else 60) + (
                    OPPS_ONLY_COST if opps_only(code.code) and not outpatient else 0
                )
                scored.append((fit, code))
        if not scored:
            return found
        scored.sort(key=lambda fc: (-fc[0], fc[1].code))
        if in_family and not _better_line(scored, found[0].code, said, understood.negated, query):
            return found  # the line found first is as good as the drug-line reading's
        top = max((h.score for h in found), default=0.0) + DRUG_LINE_LEAD
        best = scored[0][0]
        brands = f" (brand: {', '.join(understood.brands)})" if understood.brands else ""
        lines = [
            self._hit(
                ("hcpcs", code.code),
                (top + fit - best, f"drug line: {drug_of(code.title)}{brands}", code, ""),
            )
            for fit, code in scored[:limit]
        ]
        shown = {h.code for h in lines}
        rest = [h for h in found if h.code not in shown]
        return _with_notice((lines[:DRUG_LINES_SHOWN] + rest + lines[DRUG_LINES_SHOWN:])[:limit], "")

    def _puts_device_in(self, query: str) -> bool:
        """Whether the query tells a device put in (bot.lookups.index.pcs_device_put)."""
        return puts_device_in(self.book.db.conn, self.index_tree().memo, query, GIVING.fullmatch)

    def _induced_line_first(self, found: Hits) -> Hits:
        """A condition found by a line with no drug subterm while the query names its drug as the cause
        ("scleroderma from bleomycin": Scleroderma M34.9, the drug unused): the same code's drug-induced line
        elsewhere in the Index (Sclerosis, systemic, drug-induced M34.2; bot.lookups.index.induced_lines)."""
        first = found[0] if found and not found.notice else None
        if first is None or first.system != SYSTEM_NAMES["cm"] or not first.why.startswith("Index:"):
            return found
        drug = _READ_DRUG.search(first.why)
        unused = _LEFT_UNREAD.search(first.why)
        if drug is None or unused is None or drug.group(1) not in unused.group(1).split(", "):
            return found
        induced = induced_code(self.book.db.conn, first.code)
        named = self.book.get("cm", induced) if induced else None
        if named is None or not named.billable:
            return found
        why = f"Index: the drug-induced line of {first.code} -> {named.display} ({drug.group(0)})"
        hit = self._hit(("cm", named.code), (first.score + 1.0, why, named, named.title))
        rest = [h for h in found if h.code != hit.code]
        if len(rest) > 1 and rest[1].code.startswith("T"):
            rest = [rest[1], rest[0], *rest[2:]]  # (the drug's adverse effect stays beside the condition)
        return _with_notice([hit, *rest][: len(found)], found.notice)

    def _condition_beside_drug(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """ "hives after aztreonam infusion", "hemolysis from dapsone", "stopped clozapine, schizophrenia
        symptoms back": a drug's T code or HCPCS line first while the query also names a condition - the
        condition, read alone (an adverse effect's own Index subterm first: "Urticaria, due to, drugs"), first
        and the drug's adverse effect or underdosing T code after it (guideline I.C.19.e.5.a and c;
        bot.lookups.index.condition_beside_drug). A poisoning keeps its T code first (I.C.19.e.5.b)."""
        if "cm" not in systems or not found or found.notice or getattr(self._local, "beside_drug", False):
            return found
        first = found[0]
        drug_t = first.system == SYSTEM_NAMES["cm"] and is_drug_code(first.code)
        if _condition_code(first) and len(found) > 1 and _adverse_beside(found[1], first.code):
            return self._drug_subterm_first(query, limit, found)
        if _condition_code(first) and first.why.startswith("Index:") and self._drug_left_unread(first, query):
            return self._drug_subterm_first(query, limit, found, self._drug_or_medicine_word)
        # (T88.7 "Reaction, drug NEC" is the adverse effect whose nature is not said: a nature said beside it,
        # "rash from amoxicillin adverse reaction", is coded instead, the drug's own T code after it)
        unspecified = first.system == SYSTEM_NAMES["cm"] and first.code.startswith(_UNSPECIFIED_ADVERSE)
        if (
            not drug_t
            and not unspecified
            and not (first.system == SYSTEM_NAMES["hcpcs"] and _DRUG_LINE_WHY.match(first.why))
        ):
            return found
        told_underdosing = (
            bool(drug_t) and is_adverse_or_underdosing(first.code) and "underdosing" in first.title.lower()
        )
        reading = read_beside_drug(
            query,
            self._drug_word,
            told_underdosing,
            side_by_side=bool(drug_t) and _intent_of(first.code) == "1",
        )
        if reading is None:
            return found
        with self._reading("beside_drug"):
            try:
                if reading.side_by_side and self._condition_alone(reading.condition, True, limit) is None:
                    return found  # (no condition's own line beside the drug: "daily marijuana" is its use)
                condition = self._condition_alone(reading.condition, reading.underdosing, limit)
                if condition is None:
                    return found
                intent = "6" if reading.underdosing else "5"
                t_hit = (
                    self._adverse_effect_line(reading.drugs, limit)
                    if unspecified
                    else self._drug_t_hit(first, reading.drugs, reading.column, intent, limit)
                )
            except QueryError:
                return found
        rule = (
            "I.C.19.e.5.c: the condition underdosing let relapse"
            if reading.underdosing
            else ("I.C.19.e.5.a: the nature of the adverse effect")
        )
        lead = [replace(condition, why=f"condition first ({rule}), read without the drug: {condition.why}")]
        if t_hit is not None:
            lead.append(replace(t_hit, why=f"suggested with {condition.code}: {t_hit.why}"))
        shown = {h.code for h in lead}
        return _with_notice([*lead, *(h for h in found if h.code not in shown)][: len(found)], found.notice)

    def _drug_subterm_first(
        self, query: str, limit: int, found: Hits, names_drug: Callable[[str], bool] | None = None
    ) -> Hits:
        """ "BP dropped after nitro, taken correctly": a condition found with its adverse effect's T code beside
        it, while the Index prints the condition's own drug subterm ("Hypotension, drug-induced" I95.2): that
        line first (guideline I.C.19.e.5.a), the T code beside it. `names_drug`: which words name a drug
        (`_drug_word` unless told)."""
        reading = read_beside_drug(query, names_drug or self._drug_word)
        if reading is None or reading.underdosing:
            return found
        path = _path_of(found[0].why).lower()
        if any(re.search(rf"\b{re.escape(drug)}\b", path) for drug in reading.drugs):
            return found  # (a line naming the drug itself: "Thrombocytopenia, heparin induced" D75.829)
        if _CLASS_INDUCED.search(path) and not _DRUG_PATH.search(path):
            return found  # (or its class, chosen by it: "Dystonia, neuroleptic induced" G24.02)
        with self._reading("beside_drug"):
            try:
                sub = self._drug_subterm(reading.condition, limit)
            except QueryError:
                return found
        noted = sub is None
        if noted:
            beside = found[1] if len(found) > 1 and _adverse_beside(found[1], found[0].code) else None
            beside = beside or self._adverse_effect_line(reading.drugs, limit)
            said = content_stems(f"{reading.condition} {_readings_of(found[0].why)}")
            sub = self._noted_adverse_line(found, beside.code, said) if beside is not None else None
        if sub is None or sub.code == found[0].code:
            return found
        # the same condition, said more exactly: its code is of the first answer's category ("Hypotension"
        # I95.9 -> "Hypotension, drug-induced" I95.2; not type 2 diabetes E11.649 -> drug-induced E09.649)
        if (
            not noted
            and sub.code[:3] != found[0].code[:3]
            and (
                _main_term(sub.why) != _main_term(found[0].why)
                or self._says_own_category(query, found[0], sub)
            )
        ):
            return found
        said_as = "its adverse-effect code" if noted else "its drug subterm"
        lead = replace(sub, why=f"condition first (I.C.19.e.5.a), {said_as}: {sub.why}")
        if len(found) > 1 and _adverse_beside(found[1], found[0].code):
            t_hit: Hit | None = replace(
                found[1], why=f"suggested with {sub.code}: {found[1].why.split(': ', 1)[1]}"
            )
        else:  # (the drug left unread by the condition's line: its adverse effect's line, when the Table has it)
            t_hit = self._adverse_effect_line(reading.drugs, limit)
            t_hit = t_hit and replace(t_hit, why=f"suggested with {sub.code}: {t_hit.why}")
        lead_hits = [lead] if t_hit is None else [lead, t_hit]
        shown = {h.code for h in lead_hits}
        return _with_notice(
            [*lead_hits, *(h for h in found if h.code not in shown)][: max(len(found), len(lead_hits))],
            found.notice,
        )

    def _noted_adverse_line(
        self, found: Hits, drug_code: str, said: frozenset[str] = frozenset()
    ) -> Hit | None:
        """ "coagulopathy due to coumadin", "hearing loss from gentamicin": a condition whose Index lines
        print no drug subterm, found in a category whose one code the Tabular marks as a drug's adverse
        effect ("Use additional code for adverse effect ... to identify drug": D68.32, H91.0-;
        bot.lookups.index.adverse_notes) - that code, completed as the condition's own code of the category
        is (its laterality), under guideline I.C.19.e.5.a. Only codes the condition's own Index main term
        reached count (reading every word the first answer reads), only when they point to one marked code,
        and only when the note's codes hold the drug's adverse effect (`drug_code`: Reye's syndrome G93.7 is
        marked for salicylates alone)."""
        main = _main_term(found[0].why)
        unread = _unread_words(found[0].why)
        picks: dict[str, Hit] = {}
        for hit in found[:5]:
            if not main or not _condition_code(hit) or _main_term(hit.why) != main:
                continue
            if not _unread_words(hit.why) <= unread:
                continue
            marked = noted_in_category(self.book.db.conn, hit.code, drug_code)
            if marked:
                picks.setdefault(marked, hit)
        if len(picks) != 1:
            return None
        marked, via = next(iter(picks.items()))
        code = self._completed_like(marked, via)
        conn = self.book.db.conn
        if code is None or not (
            stands_for(via.title, code.title, names_drugs(conn, marked))
            or any(content_stems(line) <= said for line in drug_lines_to(self.index_tree(), code.display))
        ):
            return (
                None  # (the marked code is another condition: nor does an Index drug line say it is this one)
            )
        why = (
            f"Tabular: {code.display} is {undot(via.code)[:3]}'s code the note \"use additional code for adverse "
            f'effect ... to identify drug" marks, for {via.code} ({_path_of(via.why)})'
        )
        return self._hit(("cm", code.code), (via.score + 1.0, why, code, code.title))

    def _completed_like(self, marked: str, like: Hit) -> Code | None:
        """The billable code at or below `marked` that says what `like`'s title says after its last comma
        (its side: "Unspecified hearing loss, bilateral" -> "Ototoxic hearing loss, bilateral"), or the only
        one; None when neither decides."""
        below = [c for c in self.book.with_prefix("cm", marked, 40) if c.billable]
        if len(below) == 1:
            return below[0]
        tail = like.title.rsplit(",", 1)[-1].strip().lower() if "," in like.title else ""
        same = [c for c in below if tail and c.title.rsplit(",", 1)[-1].strip().lower() == tail]
        return same[0] if len(same) == 1 else None

    def _says_own_category(self, query: str, first: Hit, other: Hit) -> bool:
        """Whether the query says a word of the first answer's category title, its Index main term's aside, that
        the other's category title does not ("hypoglycemia from glipizide in T2DM": type 2 is E11's, not the
        drug-induced E09's; "rash after his seizure meds": the rash is the main term, R21 gives way to L27.0)."""
        head, there = self.book.get("cm", undot(first.code)[:3]), self.book.get("cm", undot(other.code)[:3])
        if head is None or there is None:
            return False
        lowered = query.lower()
        said = content_stems(lowered) | content_stems(self.vocabulary.expand(lowered)[0])
        own = content_stems(head.title) - content_stems(there.title) - content_stems(_main_term(first.why))
        return bool(own & said)

    def _drug_left_unread(self, first: Hit, query: str = "") -> bool:
        """Whether the words a condition's Index line left unread name a drug ("aplastic anemia from
        statin", "rash after his seizure meds": the cause of the condition, not a word of it), alone or with
        the query's word beside them as one Table substance ("hearing loss after ethacrynic acid")."""
        unread = _unread_words(first.why)
        if bool(unread & PILLS) or any(self._drug_or_medicine_word(w) for w in unread if w.isalpha()):
            return True
        said = query.lower().split()
        return any((a in unread or b in unread) and self._drug_word(f"{a} {b}") for a, b in pairwise(said))

    def _adverse_effect_line(self, drugs: Sequence[str], limit: int) -> Hit | None:
        """The drugs' adverse effect line of the Table of Drugs and Chemicals (T36-T50, 6th character 5)."""
        with self._reading("beside_drug"):
            try:
                table = self.find(f"{' '.join(drugs)} adverse effect", ("cm",), limit)
            except QueryError:
                return None
        if (
            table
            and not table.notice
            and is_adverse_or_underdosing(table[0].code)
            and table[0].why.startswith("Drug Table:")
            and not {
                w
                for w in _unread_words(table[0].why).intersection(drugs)
                if f"vocabulary: {w} -> " not in table[0].why
            }
        ):
            return table[0]  # (a brand the vocabulary read as its generic is read: "eliquis" -> apixaban)
        return None

    def _drug_subterm(self, condition: str, limit: int) -> Hit | None:
        """The condition's adverse-effect subterm line ("Urticaria, due to, drugs"): a path through a
        "drug-induced" / "due to drugs" / "medicament" line that reads every other word, or None."""
        sub = self.find(with_drug_subterm(condition), ("cm",), limit)
        if (
            sub
            and not sub.notice
            and _condition_code(sub[0])
            and sub[0].code[:1] not in _OTHER_DRUG_CHAPTERS
            and sub[0].why.startswith(("Index:", "title:"))
            and _DRUG_PATH.search(_path_of(sub[0].why))
            and not _unread_words(sub[0].why) - _SUBTERM_WORDS
            and not skips_a_condition(
                _path_of(sub[0].why), content_stems(f"{condition} {_readings_of(sub[0].why)}"), content_stems
            )
        ):
            return sub[0]
        return None

    def _condition_alone(self, condition: str, underdosing: bool, limit: int) -> Hit | None:
        """The condition's own answer: its adverse-effect subterm's line when the Index prints one (a path
        through a "drug-induced" / "due to drugs" / "medicament" line reading every other word), else its line
        read alone when that reads most of its words; None when neither is a condition's code."""
        sub = None if underdosing else self._drug_subterm(condition, limit)
        if sub is not None:
            return sub
        alone = self.find(condition, ("cm",), limit)
        if (
            not alone
            or alone.notice
            or not _condition_code(alone[0])
            or not alone[0].why.startswith("Index:")
        ):
            return None
        return alone[0] if 2 * len(_unread_words(alone[0].why)) < len(condition.split()) else None

    def _drug_t_hit(
        self, first: Hit, drugs: Sequence[str], column: str, intent: str, limit: int
    ) -> Hit | None:
        """The drug's T code in the story's column: the T code found first with its intent character swapped
        (the same drug's adverse effect or underdosing line), or the Drug Table line of the drug named."""
        if first.system == SYSTEM_NAMES["cm"]:
            swapped = self.book.get("cm", undot(intent_swapped(first.code, intent)))
            if swapped is not None and swapped.billable:
                why = (
                    first.why
                    if swapped.display == first.code
                    else f"{first.why} -> {column}: {swapped.display}"
                )
                return replace(first, code=swapped.display, title=swapped.title, why=why)
            return None
        table = self.find(f"{' '.join(drugs)} {column}", ("cm",), limit)
        if table and not table.notice and is_adverse_or_underdosing(table[0].code):
            return table[0]
        return None

    def _drug_word(self, word: str) -> bool:
        # (two words the Drug Table names as one substance: "sodium oxybate", "ethacrynic acid")
        if " " in word:
            if self._substances is None:
                self._substances = table_substances(self.book.db.conn)
            return word in self._substances
        return self._drug_said(word)

    def _drug_or_medicine_word(self, word: str) -> bool:
        """A drug's word (`_drug_word`), or a medicine WordNet names that the Drug Table lacks or names by
        its class."""
        return self._drug_word(word) or (" " not in word and self._medicine_said(word))

    def _medicine_said(self, word: str) -> bool:
        """A drug named by its class or by a name the Drug Table lacks ("statin", "antibiotics",
        "gemfibrozil"): WordNet files it as a kind of medicine (bot.lookups.index.medicine_kinds), and the
        ICD-10-CM Index prints it seldom ("serotonin" names a syndrome there)."""
        return names_medicine(self.wordnet(), word) and (
            _cm_index_uses(self.index_tree(), word) <= DRUG_WORD_IN_INDEX
        )

    def _drug_said(self, word: str) -> bool:
        """Whether a typed word names a drug: a brand or generic the vocabulary reads as its drug, a HCPCS drug
        line's key that is no English word, or a Drug Table main term's that is no ordinary word of the Index's
        conditions ("blood", "steroid" are)."""
        english = word in self.english
        if word in self.drug_keys and not english:
            return True
        tree = self.index_tree()
        brand = self.vocabulary.expand(word, kinds=("brand",), chain_brands=True)[0]
        if brand != word:
            return True  # a brand or generic the vocabulary reads as its drug or the drug's class
        if not drug_classes(tree, word):
            return False
        if not english or word in self.drug_keys:
            return True
        return _cm_index_uses(tree, word) <= DRUG_WORD_IN_INDEX

    def _thing_names(self, phrase: str) -> tuple[str, ...]:
        """A plant's, food's or substance's other names in WordNet (every such sense: "jack-in-the-pulpit"
        is also cuckoopint), for a thing the Drug Table lists by another name (bot.lookups.wordnet)."""
        return tuple(
            lemma
            for sense in self.wordnet().senses(phrase)
            if sense.kind in THING_KINDS
            for lemma in sense.lemmas
            if lemma != phrase
        )

    def _substance_story_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A poisoning told as a story ("toddler bit into a benzonatate capsule", "bad LSD trip at a party")
        asks for the substance's Drug Table line in the column the intent words choose, coded first
        (bot.lookups.index.substance_stories); what the words found follows it."""
        if "cm" not in systems or not may_tell_story(query):
            return found  # (the Table's names are read at the first story, not at the first lookup)
        if self._substances is None:
            self._substances = table_substances(self.book.db.conn)
        story = read_substance_story(
            query,
            self._substances,
            lambda text: self.vocabulary.expand(text, kinds=("brand", "lay"), chain_brands=True)[0],
            self._thing_names,
            lambda term: nonmedicinal_use(self.book.db.execute, term),
            lambda name: name in self.english,
        )
        if story is not None:
            story = self._story_row_said(query, story)
        if story is not None and story.contact:
            exposure = self.z_lines().read(query, kinds=False)
            if exposure is not None and story.names_in(exposure.line.path):
                return (
                    found  # ("asbestos exposure": the Index's own Exposure / Contact line of the substance)
                )
        if story is None or (found and story.answered_by(found[0].title, found[0].why)):
            return found  # no story, or its Table line read already ("Paint NEC, fumes NEC")
        if (
            found
            and is_poisoning(found[0].code)
            and story.kept(found[0].code, found[0].title, found[0].why, query)
        ):
            return found  # no story, or its Table line read already ("Paint NEC, fumes NEC")
        try:
            table = self._find(with_told_encounter(story.query, query), ("cm",), limit)
        except QueryError:
            return found
        # (the Table line that names the story's substance: "Formaldehyde, gas or vapor", not "Kiln gas or vapor")
        table = _with_notice(sorted(table, key=lambda h: not story.names(h.why)), table.notice)
        if not table or not is_poisoning(table[0].code) or "table of drugs" in table[0].title.lower():
            return found
        if story.contact and not is_toxic_effect(table[0].code):
            return found  # (a medicine or a germ "exposed to" is no toxic effect: Z20, Z77, its Index line)
        if found and found[0].code == table[0].code:
            return found  # the Table line read already
        top = max((h.score for h in found), default=table[0].score) + DRUG_LINE_LEAD
        line = replace(table[0], score=top, why=f"{POISONING_STORY}{table[0].why}")
        return _with_notice([line, *(h for h in found if h.code != line.code)][:limit], "")

    def _table_row_said(self, query: str, systems: Sequence[str], found: Hits) -> Hits:
        """A Drug Table answer read at the indented row the story names under its substance's row, in the same
        column with the same seventh character ("CO poisoning from car running in garage" -> Carbon,
        monoxide, exhaust gas not in transit, motor vehicle: T58.01XA; bot.lookups.index.drug_rows)."""
        if "cm" not in systems or not found or found[0].system != SYSTEM_NAMES["cm"]:
            return found
        first = found[0]
        cited = table_path(first.why, _DRUG_LABELS)
        raw = undot(first.code)
        if cited is None or len(raw) != 7:
            return found
        path, column = cited
        tree = self.index_tree()
        row = row_of_path(path, self._drug_mains, tree.children)
        if row is None:
            return found
        top = row
        parent = tree.node(row.parent) if row.parent else None
        if parent is not None and not any(parent.cells):
            top = parent  # (an indented row under one of no code: its siblings are read too, "Camphor")
        below = self._indented_rows(top)
        label = COLUMN_LABELS[column]
        told = told_story(query, path, self._kinds_of_thing, re.findall(r"[a-z]+", label))
        chosen = said_row(top, below, told, column)
        if chosen is None or chosen.id == row.id or chosen.cell(column) == row.cell(column):
            return found
        new = undot(chosen.cell(column)).ljust(6, "X") + raw[-1]
        code = self.book.get("cm", new)
        if code is None or not code.billable:
            return found
        why = f"{first.why} -> the Table's row the story names: {chosen.term} -> {code.display}"
        hit = replace(first, code=code.display, title=code.title, why=why)
        return _with_notice(
            [hit, *(h for h in found if h.code != hit.code)][: max(len(found), 1)], found.notice
        )

    def _drug_before_alcohol(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """ "took diazepam with whiskey to end her life", "overdose of oxycodone with alcohol": a drug taken
        with alcohol is a poisoning by each (guideline I.C.19.e.5.b(iv): the interaction of a drug and alcohol
        is classified as poisoning), the drug's Table line (T36-T50) in the column the story chose first and
        the alcohol's toxic effect (T51) beside it. The drug's line is the one suggested beside the alcohol's,
        or the drug word the alcohol's line left unread looked up in the same column."""
        if "cm" not in systems or not found or found.notice or not found[0].code.startswith("T51"):
            return found
        first = found[0]
        drug: Hit | None = None
        if (
            len(found) > 1
            and is_drug_code(found[1].code)
            and is_poisoning(found[1].code)
            and found[1].why.startswith(f"suggested with {first.code}: ")
        ):
            drug = replace(found[1], why=found[1].why.split(": ", 1)[1])
        cited = table_path(first.why, _DRUG_LABELS)
        if drug is None and cited is not None:
            label = COLUMN_LABELS[cited[1]]
            for word in sorted(_unread_words(first.why)):
                if not word.isalpha() or not self._drug_word(word):
                    continue
                try:
                    table = self.find(f"{word} {label}", ("cm",), limit)
                except QueryError:
                    continue
                if (
                    table
                    and not table.notice
                    and is_drug_code(table[0].code)
                    and is_poisoning(table[0].code)
                    and table[0].code[-1] == first.code[-1]
                    and _intent_of(table[0].code) == _intent_of(first.code)
                    and word not in _unread_words(table[0].why)
                ):
                    drug = table[0]
                    break
        if drug is None:
            return found
        lead = replace(
            drug,
            score=first.score,
            why=f"drug taken with alcohol, each a poisoning (I.C.19.e.5.b): {drug.why}",
        )
        beside = replace(first, score=first.score - 0.1, why=f"suggested with {drug.code}: {first.why}")
        shown = {lead.code, beside.code}
        return _with_notice([lead, beside, *(h for h in found if h.code not in shown)][:limit], found.notice)

    def _story_row_said(self, query: str, story: SubstanceStory) -> SubstanceStory | None:
        """A story's substance whose Table row has no code of its own ("Camphor") read at the indented row the
        story names ("camphor rub": medicinal; bot.lookups.index.drug_rows); None when it names none."""
        rows = self._drug_mains(story.substance.split(" (")[0])
        if not rows or any(rows[0].cells):
            return story
        row = rows[0]
        column = story.column.replace(" ", "_").replace("-", "_")
        below = self._indented_rows(row)
        told = told_story(query, story.substance, self._kinds_of_thing, story.column.split())
        chosen = said_row(row, below, told, column)
        if chosen is None:
            return None
        name = without_modifiers(story.substance)
        return replace(story, query=story.query.replace(name, f"{name} {chosen.term}", 1))

    def _indented_rows(self, row: TableRow) -> list[TableRow]:
        """The Drug Table rows indented under `row`, in the Table's order (at most MAX_ROWS)."""
        return self.index_tree().nodes(range(row.id + 1, min(row.last, row.id + MAX_ROWS) + 1))

    def _drug_mains(self, term: str) -> list[TableRow]:
        """The Drug Table's main terms printed as `term`."""
        rows = self.book.db.conn.execute(
            "SELECT id FROM index_nodes WHERE term = ? AND book = 'drug' AND depth = 0", [term]
        ).fetchall()
        return self.index_tree().nodes([r[0] for r in rows])

    def _kinds_of_thing(self, word: str) -> tuple[str, ...]:
        """What a thing (a plant, food, substance or artifact, its first WordNet sense) is a kind of: "car" ->
        motor vehicle, self-propelled vehicle, ... (bot.lookups.wordnet)."""
        wordnet = self.wordnet()
        senses = wordnet.senses(word)
        if not senses or senses[0].kind not in THING_KINDS:
            return ()
        return tuple(s.lemmas[0] for s, _ in wordnet.broader(word, depth=BROADER_DEPTH))

    def _substance_use_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A substance's use, abuse or dependence told in users' words ("benzo dependent, now withdrawing
        with delirium", "hooked on percocet") asks for its class's F10-F18 line, read again in the Index's
        words (bot.lookups.index.substance_use); what the words found follows it."""
        if "cm" not in systems or not may_tell_use(query):
            return found
        if self._substance_classes is None:
            self._substance_classes = substance_classes(self.book.db.conn)
        conn = self.book.db.conn
        told = read_substance_use(
            query,
            self._substance_classes,
            lambda text: self.vocabulary.expand(text, kinds=("brand", "lay"), chain_brands=True)[0],
            lambda word: drug_table_titles(conn, word),
            lambda word: drug_broader(self.wordnet(), word),
        )
        if told is None or " ".join(query.lower().split()) == told.query:
            return found
        try:
            read = self.find(told.query, ("cm",), limit)  # (its clauses read as a whole query's are)
        except QueryError:
            return found
        lines = [h for h in read if h.code.startswith(told.category)]
        # (the line of the mode said, "cocaine dependence ... anxiety disorder" read as abuse's line otherwise)
        first = next((h for h in lines if told.mode in h.title.lower()), lines[0] if lines else None)
        if first is None or (found and found[0].code == first.code):
            return found
        top = max((h.score for h in found), default=first.score) + DRUG_LINE_LEAD
        line = replace(
            first, score=top, why=f"substance use in the Index's words ({told.query}): {first.why}"
        )
        return _with_notice([line, *(h for h in found if h.code != line.code)][:limit], "")

    def _said_sibling_first(self, query: str, found: Hits) -> Hits:
        """An unspecified line answered where the query says the sibling the Tabular prints beside it
        ("dislocated right knee, tibia went back": posterior, S83.12-; bot.lookups.index.said_siblings)."""
        if not found or found[0].system != SYSTEM_NAMES["cm"] or "unspecified" not in found[0].title.lower():
            return found

        def node(raw: str) -> Node | None:
            code = self.book.get("cm", raw)
            return None if code is None else Node(code.title, code.parent, code.billable)

        def children(raw: str) -> list[Line]:
            # (by the code's prefix, on the table's key: no scan of every line's parent)
            return [Line(c.code, c.title) for c in self.book.with_prefix("cm", raw, 400) if c.parent == raw]

        # (the words as the vocabulary reads them too: "SCC" says squamous cell carcinoma)
        said = sibling_words(query) | sibling_words(self.vocabulary.expand(query.lower())[0])
        told = said_sibling(found[0].code.replace(".", ""), said, node, children)
        code = self.book.get("cm", told.code) if told else None
        if code is None:
            return found
        return _first_replaced(found, code, f"Tabular: the sibling the words say -> {code.display}")

    def _unsaid_condition_last(self, query: str, found: Hits) -> Hits:
        """A first answer whose title adds a condition the query does not say, where an answer of the same
        category after it adds none ("recurrent major depression, severe": F33.2 without psychotic features,
        not F33.3; bot.lookups.index.said_siblings.adds_unsaid_condition)."""
        if len(found) < 2 or found[0].system != SYSTEM_NAMES["cm"]:
            return found
        first = found[0]
        path = first.why.split(" (")[0]
        same = [
            h
            for h in found[1:5]
            if h.system == first.system
            and h.code[:3] == first.code[:3]
            and h.billable
            and h.code != first.code
            and may_add_unsaid(first.title, h.title, path)
        ]
        if not same:
            return found
        # the query's words, and what the vocabulary read them as ("bleeding ulcer -> ... with hemorrhage")
        notes = " ".join(re.findall(r"vocabulary: ([^()]*)", first.why))
        # (and a value read as its finding: "glucose in the 400s" is hyperglycemia)
        lowered = query.lower()
        read = read_levels(read_values(lowered)) if any(c.isdigit() for c in lowered) else ""
        said = content_stems(f"{query} {self.vocabulary.expand(lowered)[0]} {notes} {read}")

        pertains = self.pertainyms

        other = next(
            (h for h in same if adds_unsaid_condition(first.title, h.title, said, path, pertains)), None
        )
        if other is None:
            return found
        # a word of the query neither title holds may be what the first answer was read for ("MS murmur on
        # echo, rheumatic": the murmur, I05.2 with insufficiency): no reading then
        printed = {w[:5] for w in re.findall(r"[a-z]+", f"{first.title} {other.title} {notes}".lower())}
        if any(w[:5] not in printed for w in content_stems(query)):
            return found
        hit = replace(other, score=first.score, why=f"{other.why} (the first answer adds what is not said)")
        return _with_notice([hit, *(h for h in found if h.code != hit.code)], found.notice)

    def unread_path_first(self, query: str, found: Hits) -> Hits:
        """A later answer of the first one's category whose Index path reads the words the first's path left
        unread, and adds nothing the first's did not ("HSV iridocyclitis left eye": B00.51 by "Herpes,
        iridocyclitis", not B00.50 by "Herpes, eye, simplex"; bot.lookups.index.unread_path). Read on the final
        answer: an abbreviation's reading joins its answers to the query's own after the lookup."""
        if not found or found.notice or found[0].system != SYSTEM_NAMES["cm"]:
            return found
        first = found[0]
        if not _left_unread(first) or "a combination code" in first.why:
            # (a combination line reads two conditions' paths, I.A.15: what it marks unread is no measure)
            return found
        siblings = [
            hit
            for hit in found[1:LOOKED_AT]
            if hit.system == first.system
            and hit.code[:3] == first.code[:3]
            and hit.code != first.code
            and hit.billable
            and not hit.why.startswith("suggested")
        ]
        if not siblings:
            return found
        # a word too short to be measured ("wt") is measured by what the vocabulary reads it as ("wt loss":
        # weight loss, which "Loss, appetite" does not read)
        _, readings = self.vocabulary.expand(query.lower())
        short = [term for phrase, term, _ in readings if any(len(w) < SHORT_WORD for w in _words(phrase))]
        measured = " ".join([query, *short])
        read_first = self._path_reading(query, measured, first)
        for hit in siblings:
            if reads_unread(read_first, self._path_reading(query, measured, hit)):
                moved = replace(
                    hit,
                    score=first.score,
                    why=f"{hit.why} (within {first.code[:3]}: its path reads what {first.code}'s left unread)",
                )
                return _with_notice([moved, *(h for h in found if h.code != hit.code)], found.notice)
        return found

    def condition_kind_first(self, query: str, found: Hits) -> Hits:
        """A first answer of ICD-10-PCS or HCPCS that leaves unread the condition a later ICD-10-CM answer's
        Index main term reads, where the query names no procedure or item that answer reads: the query tells
        a condition, coded with ICD-10-CM ("new onset hoarseness x 3 wk": R49.0 by "Hoarseness", not G2193
        "<6yr new onset hd ache"; bot.lookups.index.kind_check)."""
        if not found or found.notice or found[0].system == SYSTEM_NAMES["cm"]:
            return found
        first = found[0]
        if first.why.startswith(SERVICE_DESCRIPTOR):
            return found  # (a service told in a Medicare descriptor's own words)
        first_unread = self._kind_unread(query, first)
        if not first_unread:
            return found
        first_says = answer_stems(first.title, _ITEM_LABEL.sub("", _NOT_USED_NOTE.sub("", first.why)))
        # (a procedure named anywhere in the query asks for one; an item or service, when the first reads it)
        pcs = first.system == SYSTEM_NAMES["pcs"]
        read = [w for w in _words(query.lower()) if pcs or w not in first_unread]
        if pcs:
            # (the query's words as the vocabulary reads them: "FNA" is a fine needle aspiration, a Drainage)
            text = self.vocabulary.expand(query.lower())[0]
            expanded = said_outside_circumstance(text, _words(text))
            if operation_readings(expanded) or asks_procedure(expanded, self._procedure_word):
                return found  # ("I&D of abscess ..." reads "incision drainage": a Drainage asked for)
            read = [*read, *expanded]
        if asks_procedure(
            said_outside_circumstance(query, read),
            lambda w: (
                self._procedure_word(w)
                or self._drug_said(w)  # (a drug's HCPCS line, or its administration in ICD-10-PCS)
                or (first.system == SYSTEM_NAMES["hcpcs"] and self._made_thing(w))
            ),
        ):
            return found  # (the query asks for the procedure, item or drug it names)
        head = said_before_purpose(query)
        for hit in found[1:LOOKED_AT]:
            if (
                hit.system != SYSTEM_NAMES["cm"]
                or not hit.billable
                or hit.why.startswith("suggested")
                or hit.code.startswith("Z")  # (a reason for the encounter goes with a service, I.C.21)
            ):
                continue
            main = self._cm_main_term(hit)
            if not main or self._main_term_adds(query, main, hit.why):
                continue  # (a main term naming more than the query says is no reading of it: "Infusion complication")
            main_stems = content_stems(_PARENTHESIZED.sub(" ", main).lower())
            if main_stems & first_says:
                continue  # (the first's title says the main term: "B12 shot" is J3420 ... injection, no Injection)
            if any(self._procedure_word(w) for w in main_stems):
                continue  # (a main term naming a procedure, "Insertion", reads no condition of the query)
            condition = said_outside(head, self._main_term_reads(query, main, hit.why))
            if not condition or not condition_unread(condition, first_unread):
                continue
            adds = self._unread_adds(query, hit) or []
            if len(adds) > len(_words(query.lower())) - len(self._kind_unread(query, hit)):
                continue  # (its path says more the query does not than it reads: "Labor -> see Delivery, ...")
            moved = replace(
                hit,
                score=max(hit.score, first.score),
                why=f"{hit.why} (a condition: {first.code} leaves {', '.join(condition)} unread)",
            )
            return _with_notice([moved, *(h for h in found if h is not hit)], found.notice)
        return found

    def reporting_line_yields(self, query: str, found: Hits) -> Hits:
        """A first HCPCS answer the I/OCE marks not billable to the MAC (status M: mostly quality-data lines)
        gives first place to the first later billable answer that reads as much of the query ("39 weeks":
        Z3A.39, not M1444 "Del < 39 weeks gest"); a query quoting the measure keeps its line
        (bot.lookups.index.reporting_lines)."""
        if not found or found.notice or found[0].system != SYSTEM_NAMES["hcpcs"]:
            return found
        reporting = self.book.with_status("hcpcs", NOT_BILLABLE_TO_MAC)
        first = found[0]
        if first.code not in reporting:
            return found
        later = found[1:LOOKED_AT]
        said = _doc_stems(query)
        if _NEGATION_SAID.search(query.lower()):
            said = frozenset()  # ("without ESRD": the query denies a word itself; a "non-" line may be it)
        route = route_said(set(_words(query.lower())))
        chosen = reading_instead(
            len(self._kind_unread(query, first)),
            [
                (
                    len(self._kind_unread(query, hit)),
                    hit.billable
                    and not hit.why.startswith("suggested")
                    and hit.code not in reporting
                    # ("pentamidine inhalation, compounded": J7676's compounded product, billed through DME,
                    # not J2545's "fda-approved final product, non-compounded": a line denying a word said)
                    and not _says_not(hit.title, said)
                    # ("pentamidine nebulized": J2516 "Inj, pentamidine isethionate" is the drug by another route)
                    and not (route and other_route(route, hit.title)),
                )
                for hit in later
            ],
        )
        if chosen is None:
            return found
        hit = later[chosen]
        moved = replace(
            hit,
            score=max(hit.score, first.score),
            why=f"{hit.why} (reads as much as {first.code}, a line the I/OCE marks not billable: status M)",
        )
        return _with_notice([moved, *(h for h in found if h is not hit)], found.notice)

    def item_head_agrees(self, query: str, systems: Sequence[str], found: Hits) -> Hits:
        """A first HCPCS answer whose descriptor's head noun is not the item the query names at its head gives
        its place to a line whose head noun is ("alternating pressure pad with pump": E0181 "... mattress
        overlay/pad, alternating, with pump", not E0182 "Pump for alternating pressure pad"; "hospital bed incl
        mattress": a bed, not E0271 "Mattress, innerspring"): first a later answer reading as much of the
        query, else the lines the item phrase alone finds, the words said beside the item picking among them
        (bot.lookups.index.descriptor_heads). Only when the first answer's line names the item as what it is
        for or comes with, or its own head is a word the query says beside the item: a line naming the item
        otherwise is no other item."""
        if "hcpcs" not in systems or not found or found.notice or found[0].system != SYSTEM_NAMES["hcpcs"]:
            return found
        read = item_head_phrase(query)
        if read is None:
            return found
        phrase, head = read
        first = found[0]
        if first.code in self.drug_codes or first.code.startswith("J"):
            return found  # (a drug's descriptor heads its form: "Injection, vitamin b-12 cyanocobalamin")
        other = head_nouns(first.title)
        if not other:
            return found
        beside = beside_words(query, phrase)
        said_beside = {_stem(w) for w in beside} & {_stem(w) for w in other}
        first_unread: int | None = None  # (the query's words the first answer leaves unread: counted once)
        item: list[Hit] | None = None  # (the lines the item phrase alone finds: looked up once)
        # The phrase's last word first; then an earlier one, when the query puts the item's attributes after
        # it as the descriptors do ("ostomy barrier extended wear": "Ostomy skin barrier, ..., extended wear").
        for noun in postposed_heads(phrase, head):
            if heads_item(first.title, noun):
                return found
            if not (said_beside and noun == head) and not names_in_complement(first.title, noun, phrase):
                continue  # (the line names the item no other way: another reading of the words)
            later = [
                h
                for h in found[1:LOOKED_AT]
                if h.system == first.system and h.billable and item_line(h.code) and heads_item(h.title, noun)
            ]
            if first_unread is None:
                first_unread = len(self._kind_unread(query, first))
            chosen = next((h for h in later if len(self._kind_unread(query, h)) <= first_unread), None)
            if chosen is None:
                if item is None:
                    try:
                        item = list(self._find(phrase, ("hcpcs",), RANKED_DEPTH))
                    except QueryError:
                        return found
                lines = [
                    h
                    for h in item
                    if h.system == first.system
                    and h.billable
                    and item_line(h.code)
                    and heads_item(h.title, noun)
                    and len(self._kind_unread(query, h)) <= first_unread
                ]
                if not lines:
                    continue
                chosen = by_words_beside(lines, beside, lambda h: h.title, _doc_stems, query, phrase)[0][0]
            heads = "/".join(sorted(other))
            moved = replace(
                chosen,
                score=max(chosen.score, first.score),
                why=f"{chosen.why} (the item “{phrase}”: {first.code}'s descriptor heads “{heads}”)",
            )
            return _with_notice([moved, *(h for h in found if h.code != chosen.code)], found.notice)
        return found

    def age_agreeing_first(self, query: str, found: Hits) -> Hits:
        """A first ICD-10-CM or HCPCS answer for the other stage of life than the patient's the query tells (by
        the MCE age edit or the title's words) gives its place to the first of the next answers for the
        patient's stage that reads as much of the query ("pyloric stenosis in a baby": Q40.0, not K31.1 "Adult
        hypertrophic pyloric stenosis"; "plaster long leg cast supplies for a child": Q4031 "..., pediatric
        (0-10 years), plaster", not Q4029 "..., adult (11 years +), plaster"; bot.lookups.index.age_agreement)."""
        if len(found) < 2 or found.notice or found[0].system not in AGED_SYSTEMS:
            return found
        told = told_age(query, self._person_kinds)
        if told is None:
            return found
        first = found[0]
        if not other_stage_first(told, [self._code_age(first)]):
            return found
        unread = len(self._kind_unread(query, first))
        for hit in found[1:LOOKED_AT]:
            if (
                hit.system != first.system
                or not hit.billable
                or hit.why.startswith("suggested")
                or self._code_age(hit) not in (None, told)
                or len(self._kind_unread(query, hit)) > unread
            ):
                continue
            moved = replace(
                hit, score=max(hit.score, first.score), why=f"{hit.why} (the patient's age: {told})"
            )
            return _with_notice([moved, *(h for h in found if h is not hit)], found.notice)
        return found

    def national_item_first(self, query: str, found: Hits) -> Hits:
        """A first HCPCS S line (a private payers' temporary code) gives its place to a permanent item line of
        the same head noun that reads as much of the query ("peak flow meter": A4614 "Peak expiratory flow
        rate meter, hand held", not S8096 "Portable peak flow meter"; bot.lookups.index.national_codes)."""
        if found.notice:
            return found
        place = national_first(found, lambda hit: len(self._kind_unread(query, hit)))
        if place is None:
            return found
        hit, first = found[place], found[0]
        why = f"{hit.why} (a national code: {first.code} is a private payers' S code)"
        moved = replace(hit, score=max(hit.score, first.score), why=why)
        return _with_notice([moved, *(h for h in found if h is not hit)], found.notice)

    def _code_age(self, hit: Hit) -> str | None:
        """The stage of life an ICD-10-CM code is for: its current MCE age edit, or its title's words (a HCPCS
        line's: its descriptor's age band)."""
        if hit.system != SYSTEM_NAMES["cm"]:
            return code_age(frozenset(), hit.title)  # (a HCPCS descriptor's age band)
        spans = self.book.spans("cm", hit.code)
        return code_age(spans[-1].flags if spans else frozenset(), hit.title)

    def _person_kinds(self, word: str) -> frozenset[str]:
        """The first lemmas of a word's first noun sense, when a person (noun.person), and of each sense it is a
        kind of; empty otherwise."""
        senses = [s for s in self.wordnet().senses(word) if s.kind.startswith("noun.")]
        if not senses or senses[0].kind != "noun.person":
            return frozenset()
        return frozenset(
            [senses[0].lemmas[0], *(sense.lemmas[0] for sense, _ in self.wordnet().broader(word, senses=1))]
        )

    def _kind_unread(self, query: str, hit: Hit) -> list[str]:
        """The query's typed words an answer does not read, body sites included (bot.lookups.index.kind_check)."""
        why = _ITEM_LABEL.sub(
            "", _NOT_USED_NOTE.sub("", hit.why)
        )  # (what the search took as an item is no reading)
        return words_not_used(query, answer_stems(hit.title, why), frozenset(), lambda _: False)

    @staticmethod
    def _cm_main_term(hit: Hit) -> str:
        """The Alphabetic Index main term an ICD-10-CM answer's path starts at, or "" when none did."""
        label, _, rest = (index_path(hit.why) or "").partition(": ")
        if label != BOOK_NAMES["cm"] or not rest:
            return ""
        return rest.split(" -> ")[0].split(",")[0].strip()

    def _main_term_reads(self, query: str, main: str, why: str) -> list[str]:
        """The query's typed words an Index main term reads (the why's spelling and vocabulary readings
        counted): the condition the query names (guideline I.A.1-3)."""
        notes = " ".join(f"({note})" for note in _WHY_NOTE.findall(why))
        unread = words_not_used(query, answer_stems(main, notes), frozenset(), lambda _: False)
        return [
            w
            for w in _words(query.lower())
            if len(w) >= 3
            and w.isalpha()
            and w not in unread
            and w not in FILLER
            and w not in LINKING
            and w not in _CONNECTING
        ]

    @staticmethod
    def _main_term_adds(query: str, main: str, why: str) -> frozenset[str]:
        """The stems of an Index main term that the query does not say, as typed or as the why's readings put
        it (parenthesized words aside)."""
        said = content_stems(query.lower()) | content_stems(" ".join(_WHY_NOTE.findall(why)).lower())
        return content_stems(_PARENTHESIZED.sub(" ", main).lower()) - said - _DEFAULT_WORDS

    def _procedure_word(self, word: str) -> bool:
        """Whether a word names an ICD-10-PCS procedure: a root operation, or a one-word PCS Index main term
        that is one or sends to one (procedure_words)."""
        if self._root_stems is None:
            self._root_stems = frozenset(stem(r) for r in self.root_operations())
        said = stem(word)
        procedures = self.procedure_words()
        if self._procedure_prefixes is None:  # (only the stems beginning as the word does can be its form)
            self._procedure_prefixes = by_prefix(
                (*self._root_stems, *procedures), min(ROOT_SHARE, VERB_LEAST)
            )
        return (
            said in procedures
            or said in self._root_stems
            or self.index_tree().names_procedure(said)  # ("biopsy": the PCS Index's main term alone)
            # ("removed": Removal; "cauterizing": Cauterization)
            or any(
                _same_root(said, r) or _verb_of(said, r)
                for r in self._procedure_prefixes.get(said[: min(ROOT_SHARE, VERB_LEAST)], ())
            )
        )

    def _made_thing(self, word: str) -> bool:
        """Whether a word's first WordNet noun sense is a made thing (noun.artifact): an item asked for."""
        senses = [s for s in self.wordnet().senses(word) if s.kind.startswith("noun.")]
        return bool(senses) and senses[0].kind == "noun.artifact"

    def _path_reading(self, query: str, measured: str, hit: Hit) -> PathReading:
        """What an answer reads of the query (bot.lookups.index.unread_path): `measured` is the query with the
        readings of its short words."""
        path = (index_path(hit.why) or "").partition(": ")[2]
        lines = _WHY_NOTES.sub("", path).split(" -> Tabular")[0]
        return PathReading(self._typed_unread(measured, hit), self._unread_adds(query, hit), hit.title, lines)

    def _typed_unread(self, query: str, hit: Hit) -> list[str]:
        """The query's words as typed an answer does not read, body sites aside - a word common in the titles
        too, which an answer's "not used" leaves out ("contrast" of "contrast-induced nephropathy from
        fibrinogen" is read by N14.11, not by N14.2 "induced by unspecified drug")."""
        why = _NOT_USED_NOTE.sub("", hit.why)  # (the words it names are the ones not read)
        return words_not_used(query, answer_stems(hit.title, why), self.body_sites(), lambda _: False)

    @staticmethod
    def _unread_adds(query: str, hit: Hit) -> list[str] | None:
        """The words an answer's Index path adds to the query, the lines a "see" reference leads to included,
        less those an abbreviation's reading said ("read: TTH -> tension type headache?"); None when no Index
        path answered."""
        label, _, rest = (index_path(hit.why) or "").partition(": ")
        if not rest or label == BOOK_NAMES["neoplasm"]:
            # (the Neoplasm Table's column, not a line, reads the behaviour words its "not used" names)
            return None
        # (every line of the path, a "see" reference's target lines too; not the codes or the Tabular's step)
        lines = [
            p.removeprefix("see ")
            for p in _WHY_NOTES.sub("", rest).split(" -> ")
            if not _CODE_LIKE.match(p) and not p.startswith(("Tabular", "PCS table"))
        ]
        notes = "".join(f" ({note})" for note in _WHY_NOTE.findall(hit.why))
        adds = path_adds(query, f"{label}: {', '.join(lines)} ->{notes}")
        if adds is None:
            return None
        read = {_stem(w) for note in _READ_NOTE.findall(hit.why) for w in _words(note.lower())}
        return [w for w in adds if _stem(w) not in read]

    def _category_detail_first(self, query: str, found: Hits) -> Hits:
        """A later answer of the first one's category that reads as many of the query's words and whose Tabular
        words (title, inclusion terms) say what the query says where the first's do not, or add no detail the
        query does not say where the first's do ("acute otitis media right ear": H66.91, not H66.001
        suppurative; "UC pancolitis": K51.00; bot.lookups.index.category_detail)."""
        if not found or found[0].system != SYSTEM_NAMES["cm"] or not found[0].billable:
            return found
        first = found[0]
        same = [
            n
            for n, h in enumerate(found[1:LOOKED_AT], start=1)
            if h.system == first.system
            and h.billable
            and h.code[:3] == first.code[:3]
            and h.code != first.code
            and not h.why.startswith("suggested")
        ]

        def reading(hit: Hit) -> CodeReading:
            raw = hit.code.replace(".", "")
            inclusions = tuple(t for k, t in self.book.notes("cm", raw) if k == "inclusion")
            unused = frozenset(w.strip().lower() for w in _left_unread(hit))
            path = (index_path(hit.why) or "").split(" (")[0]
            if not path and hit.why.startswith("inclusion term: "):
                # (found by an inclusion term: the Tabular put what it names under this code)
                term = content_stems(hit.why.removeprefix("inclusion term: ").split(" (")[0])
                return CodeReading(hit.code, hit.title, inclusions, unused, term, frozenset(), term)
            if not path:
                return CodeReading(hit.code, hit.title, inclusions, unused)
            # (the Index lines of the path: not the codes, nor the Tabular's completion after them)
            segments = path.partition(": ")[2].split(" -> ")
            lines = [
                p.removeprefix("see ")
                for p in segments
                if not _CODE_LIKE.match(p) and not p.startswith(("Tabular", "PCS table"))
            ]
            printed = content_stems(" ".join(lines))
            given = content_stems(" ".join(re.findall(r"\bsee ([^>]*?)(?: ->|$)", path)))
            chosen = content_stems(" ".join(line.partition(",")[2] for line in lines))
            loose = self._path_modifiers(hit.why)
            return CodeReading(hit.code, hit.title, inclusions, unused, printed, given, chosen, loose)

        pertains = self.pertainyms

        read_first = reading(first)
        if not same and (read_first.unused or len(first.code.replace(".", "")) < 4):
            return found  # (no later answer of the category, and no Tabular step for this first one)
        lowered = query.lower().replace("w/o", "without").replace("w/", "with ")
        for typed, meant in re.findall(r"spelling: ([a-z]+) → ([a-z]+)", first.why):
            lowered = re.sub(rf"\b{typed}\b", meant, lowered)
        notes = " ".join(re.findall(r"(?:->|→) ([^;()]*)", first.why.partition(" (")[2]))
        said = content_stems(f"{lowered} {self.vocabulary.expand(lowered)[0]} {notes}")
        said |= said_numerals(lowered)  # ("grade 2": the title's "grade II" is said)
        refused = query_refuses(lowered, lambda text: self.vocabulary.expand(text)[0])
        words = [w for w in content_words(lowered) if w not in FILLER and not w.isdigit()]
        notes_read = re.findall(
            r"(?:vocabulary|side|level|spelling|word form): ([^;()]*?) (?:->|→) ([^;()]*)", first.why
        )
        says_all = bool(words) and says_every_word(read_first, words, notes_read, pertains)
        choice = (
            detail_choice(said, refused, read_first, [reading(found[n]) for n in same], pertains, says_all)
            if same
            else None
        )
        if choice is None and not says_all and not same:
            return self._negated_detail(said, refused, read_first, found)
        if choice is None:
            return self._tabular_detail(said, refused, read_first, found, pertains) if says_all else found
        other = found[same[choice.position]]
        hit = replace(
            other, score=first.score, why=f"{other.why} (Tabular, within {first.code[:3]}: {choice.reason})"
        )
        return _with_notice([hit, *(h for h in found if h.code != hit.code)], found.notice)

    def _z_unread_sibling_first(self, query: str, found: Hits) -> Hits:
        """A Z code answered whose reading left a query word unread, where another code of its category says
        the word in the Tabular ("virus is resistant to the antiviral meds": Z16.33, not Z16.30; "hx of
        bariatric surgery": Z98.84, not Z98.890; bot.lookups.index.z_unread_siblings)."""
        if not found or found.notice or found[0].system != SYSTEM_NAMES["cm"]:
            return found
        first = found[0]
        raw = first.code.replace(".", "")
        unread = _left_unread(first)
        if not raw.startswith(Z_CHAPTER) or not unread:
            return found
        lowered = query.lower()
        said = content_stems(f"{lowered} {self.vocabulary.expand(lowered)[0]}")
        refused = query_refuses(lowered, lambda text: self.vocabulary.expand(text)[0])

        def reading(code: str, title: str) -> CodeReading:
            inclusions = tuple(t for k, t in self.book.notes("cm", code) if k == "inclusion")
            return CodeReading(code, title, inclusions, frozenset())

        pertains = self.pertainyms

        siblings = self._z_categories.get(raw[:3])
        if siblings is None:
            siblings = tuple(
                reading(c.code, c.title) for c in self.book.with_prefix("cm", raw[:3], 400) if c.billable
            )
            self._z_categories[raw[:3]] = siblings
        choice = unread_sibling(
            said, content_stems(lowered), refused, unread, reading(raw, first.title), siblings, pertains
        )
        code = self.book.get("cm", choice.code) if choice else None
        if code is None or choice is None:
            return found
        return _first_replaced(
            found,
            code,
            f"Tabular, within {raw[:3]}: the code that says {', '.join(choice.words)} -> {code.display}",
        )

    def said_axis_first(self, query: str, found: Hits) -> Hits:
        """A first answer whose title leaves an axis unspecified (a site, a side, a level) where the query says
        the value a code of its category prints ("facial cellulitis": L03.211, not L03.90 "Cellulitis,
        unspecified"; bot.lookups.index.said_axis). Read on the final answer, the whole query's words (a side
        said in another clause: "R ear pain ..., otitis externa swimmer type")."""
        if not found or found[0].system != SYSTEM_NAMES["cm"] or not found[0].billable:
            return found
        first = found[0]
        if not re.search(r"(?i)\bunspecified\b|\bwithout complications?\b", first.title):
            return found
        raw = first.code.replace(".", "")
        lowered = side_letters(query.lower().replace("w/o", "without").replace("w/", "with "))
        for typed, meant in re.findall(r"spelling: ([a-z]+) → ([a-z]+)", first.why):
            lowered = re.sub(rf"\b{typed}\b", meant, lowered)
        notes = " ".join(re.findall(r"(?:->|→) ([^;()]*)", first.why.partition(" (")[2]))
        typed_words = [w for w in content_words(lowered) if w not in FILLER and not w.isdigit()]
        nouns = " ".join(lemma for w in typed_words for lemma in self.pertainyms(w))
        expanded, readings = self.vocabulary.expand(lowered)
        said = content_stems(f"{lowered} {expanded} {notes} {nouns}")
        refused = query_refuses(lowered, lambda text: self.vocabulary.expand(text)[0])
        chosen = path_words(first.why)
        family = self._axis_family(raw)
        told = axis_choice((raw, first.title), family, said, refused, chosen)
        read_as: frozenset[str] = frozenset()
        if told is None:
            # the sites the Index's references read the said sites its path left unread as ("sigmoid": large
            # intestine; site_parts)
            tree = self.index_tree()
            unread = [w for w in typed_words if not content_stems(w) & chosen]
            unread_nouns = " ".join(lemma for w in unread for lemma in self.pertainyms(w))
            read_as = related_sites(
                tree.conn, tree.memo, content_stems(f"{lowered} {expanded} {unread_nouns}") - refused - chosen
            )
            if read_as:
                told = axis_choice((raw, first.title), family, said | read_as, refused, chosen)
        code = self.book.get("cm", told.code) if told else None
        if code is None or told is None:
            # (a phrase the vocabulary read as a term says that term, not its own words: "scaly plaques on
            # knees" is psoriasis, no "Plaque psoriasis")
            pairs = [(phrase, term) for phrase, term, _ in readings]
            pairs += re.findall(r"vocabulary: ([^;()]*?) -> ([^;()]*)", first.why)
            described = content_stems(" ".join(phrase for phrase, _ in pairs))
            meant = content_stems(" ".join(term for _, term in pairs))
            typed = content_stems(f"{lowered} {nouns}")  # (a new value is the query's own word)
            return self._said_inclusion(
                (raw, first.title), family, found, typed - (described - meant), refused
            )
        index_read = [w for w in told.words if content_stems(w) <= read_as]
        how = f" ({', '.join(index_read)}: the Index's site for a part said)" if index_read else ""
        return _first_replaced(
            found,
            code,
            f"Tabular, within {raw[:3]}: the value said ({', '.join(told.words)}){how} -> {code.display}",
        )

    def _said_inclusion(
        self,
        first: tuple[str, str],
        family: list[tuple[str, str]],
        found: Hits,
        said: frozenset[str],
        refused: frozenset[str],
    ) -> Hits:
        """The code of the first answer's category (`family`: `_axis_family`) one of whose Tabular inclusion
        terms the query says whole, where the first's title leaves the value open ("vaginal yeast infection":
        B37.31 by its inclusion term "Candidiasis of vulva and vagina NOS", not B37.9;
        bot.lookups.index.said_inclusion)."""
        raw = first[0]
        codes = [code for code, _ in family if code != raw]
        if not codes:
            return found
        terms: dict[str, list[str]] = {}
        rows = self.book.db.execute(
            "SELECT code, text FROM notes WHERE system = 'cm' AND kind = 'inclusion' AND code IN "
            f"({', '.join('?' for _ in codes)}) ORDER BY code, seq",
            codes,
        ).fetchall()
        for code, text in rows:
            terms.setdefault(str(code), []).append(str(text))
        siblings = [Sibling(code, name, tuple(terms.get(code, ()))) for code, name in family]
        chosen = inclusion_choice(first, siblings, said, refused)
        hit = self.book.get("cm", chosen.code) if chosen else None
        if hit is None or chosen is None:
            return found
        return _first_replaced(
            found,
            hit,
            f"Tabular, within {raw[:3]}: inclusion term {chosen.term} -> {hit.display}",
        )

    def _axis_family(self, raw: str) -> list[tuple[str, str]]:
        """The billable codes of a code's category of its length class and its 7th character (undotted, with
        their titles), kept for the categories asked most (bot.lookups.index.said_axis)."""
        seventh = raw[6] if len(raw) == 7 else ""
        key = (raw[:3], seventh)
        kept = self._axis_families.get(key)
        if kept is None:
            rows = self.book.db.execute(
                "SELECT code, title FROM codes WHERE system = 'cm' AND code >= ? AND code < ? AND current = 1 "
                "AND billable = 1 AND (length(code) = 7) = ? AND (? = '' OR substr(code, 7, 1) = ?)",
                [raw[:3], raw[:3] + "\uffff", int(bool(seventh)), seventh, seventh],
            ).fetchall()
            kept = [(str(code), str(title)) for code, title in rows]
            if len(self._axis_families) >= AXIS_FAMILIES:
                self._axis_families.clear()
            self._axis_families[key] = kept
        return kept

    def _tabular_detail(
        self,
        said: frozenset[str],
        refused: frozenset[str],
        first: CodeReading,
        found: Hits,
        pertains: Callable[[str], list[str]],
    ) -> Hits:
        """The code of the first answer's category that says what the query says and adds nothing, where the
        first's title says every word of the query and a detail more (bot.lookups.index.category_detail)."""
        if first.unused or len(first.code.replace(".", "")) < 4:
            return found
        told = tabular_choice(said, refused, first, self._billable_in_category(first.code), pertains)
        return self._category_code_first(found, first.code, told, "the code that adds nothing unsaid")

    def _negated_detail(
        self, said: frozenset[str], refused: frozenset[str], first: CodeReading, found: Hits
    ) -> Hits:
        """The code of the first answer's category that says what the first's title negates and the query says
        ("angiodysplasia of colon with hemorrhage": K55.21, not K55.20; bot.lookups.index.category_detail)."""
        if not negates_words(first.title):
            return found  # (nothing the title negates: no sibling to read)
        told = negation_choice(said, refused, first, self._billable_in_category(first.code))
        return self._category_code_first(found, first.code, told, "the code that says what the query says")

    def _billable_in_category(self, code: str) -> list[tuple[str, str]]:
        """The billable codes of a code's category (undotted, with their titles)."""
        category = code.replace(".", "")[:3]
        return [(c.code, c.title) for c in self.book.with_prefix("cm", category, 400) if c.billable]

    def _category_code_first(
        self, found: Hits, first: str, told: tuple[str, str] | None, reason: str
    ) -> Hits:
        """The answer with the code of its category a Tabular reading chose (`told`) first, why it in its why."""
        code = self.book.get("cm", told[0]) if told else None
        if code is None:
            return found
        category = first.replace(".", "")[:3]
        return _first_replaced(found, code, f"Tabular, within {category}: {reason} -> {code.display}")

    def _product_key(self, typed: Sequence[str]) -> str:
        """The drug key of a product or brand name typed that a drug line prints beside its drug ("synvisc
        knee injection": hyaluronan; bot.lookups.doses.product_words), or ""."""
        if self._products is None:
            self._products = product_words(self.drug_lines)
        for word in typed:
            key = self._products.get(word, "")
            # (a maker's or product's name is rare: "sacroiliac" of "Injection procedure for sacroiliac
            # joint" is an Index word, no product)
            if key and word not in self.drug_keys and word not in self.english and self._rare(word):
                return key
        return ""

    def _clipped_lines(self, key: str) -> list[tuple[str, str]]:
        """The drug lines whose short descriptor clips the drug said (J0741 "Inj, cabote rilpivir" for
        cabotegravir; bot.lookups.doses.clipped_lines)."""
        return [
            (code, title)
            for code, title in clipped_lines(key, self.drug_lines)
            if "short" in getattr(self.book.get("hcpcs", code), "title_source", "")
        ]

    def _venom_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A venomous animal's bite or sting ("scorpion sting on foot", "bitten by a copperhead") asks for the
        animal's Drug Table line (T63) first, the wound the words found after it (bot.lookups.index.venom)."""
        if "cm" not in systems or not may_tell_venom(query):
            return found  # (the Table's animals are read at the first bite or sting)
        if found and found[0].code.startswith("Y"):
            return found  # "stepped on a jellyfish at the beach, place": the setting asked for
        if self._venom_animals is None:
            self._venom_animals = venom_animals(self.book.db.conn)
        told = read_venom(query, self._venom_animals)
        if told is None:
            return found
        animal = told.split(" poisoning ")[0].split()[-1]
        if found and found[0].code.startswith("T63") and animal in found[0].why.lower().split(" -> ")[0]:
            return found  # the animal's toxic effect read already ("Sting, ... Jellyfish")
        try:
            table = self._find(told, ("cm",), limit)
        except QueryError:
            return found
        if not table or not table[0].code.startswith("T63"):
            return found
        top = max((h.score for h in found), default=table[0].score) + DRUG_LINE_LEAD
        line = replace(table[0], score=top, why=f"venomous bite or sting: {table[0].why}")
        return _with_notice([line, *(h for h in found if h.code != line.code)][:limit], "")

    def _prints_brand(self, brand: str) -> bool:
        """Whether a drug line keyed by the brand's first word prints the brand whole ("Inj, abilify maintena";
        no line prints "depo provera": "depo-estradiol" is another drug)."""
        spelled = " ".join(_words(brand))
        lines = self.drug_lines.get(spelled.split()[0] if spelled else "", [])
        return any(spelled in " ".join(_words(title.lower())) for _, title in lines)

    def _long_term_first(self, query: str, found: Hits) -> Hits:
        """A drug the patient is on ("on enbrel injections for her arthritis", "chronic prednisone use",
        "taking lupron shots"): the Long-term (current) drug therapy line of the drug or its class leads over
        the drug's HCPCS line - a drug taken over time is the patient's long-term therapy (guideline
        I.C.21.c.3; the Index's main term Long-term drug therapy), not a dose given at this visit."""
        if not found or found.notice or found[0].code not in self.drug_codes:
            return found  # ("on insulin pump": an item the patient has, not a drug's line)
        line = next((h for h in found[1:] if h.why.startswith(f"Index: {LONG_TERM_MAIN}, ")), None)
        if line is None or "longterm" not in understand(query.lower(), self.vocabulary).kinds:
            return found
        hit = replace(line, score=max(h.score for h in found) + 1.0)
        return _with_notice([hit, *(h for h in found if h.code != line.code)], "")

    def _item_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A HCPCS item named before its purpose or billing ("CPAP device for OSA", "standard wheelchair
        rental"): when the item phrase alone is answered by a HCPCS item first, that item leads and what the
        whole query found follows (the condition it is for is not what is asked)."""
        phrase = item_phrase(query)
        if "hcpcs" not in systems or not phrase or (found and found[0].why.startswith("drug line")):
            return found
        if found and (LONG_TERM_MAIN in found[0].why or _circumstance_read(found[0])):
            return found  # "takes ibuprofen daily", "needs a note for work": a drug taken, a visit's reason
        if found.notice.startswith("That is a CPT"):  # "anesthesia for knee arthroscopy": a CPT service
            return found
        if found and found[0].system == "HCPCS" and _restriction_said(found[0].title, query):
            return found  # "glucose strips for dialysis": the purpose is the line's own restriction
        try:
            item = self._find(phrase, systems, limit)
        except QueryError:
            return found
        if (
            not item
            or item.notice
            or not (names_the_item(item[0].title, phrase) or self._drug_named(item[0], phrase))
        ):
            return found
        top = max((h.score for h in found), default=0.0) + DRUG_LINE_LEAD - item[0].score
        # "portable gaseous oxygen system rental", "static progressive stretch device for toe": the words left
        # out of the item's name pick among its lines (bot.lookups.item_beside).
        chosen = by_words_beside(
            [h for h in item if h.system == "HCPCS"],
            beside_words(query, phrase),
            lambda h: h.title,
            _doc_stems,
            query,
            phrase,
        )
        lines = [
            replace(
                h,
                score=top + item[0].score - rank,
                why=f"item “{phrase}”" + (f", {', '.join(said)}" if said else "") + f": {h.why}",
            )
            for rank, (h, said) in enumerate(chosen[:DRUG_LINES_SHOWN])
        ]
        shown = {h.code for h in lines}
        return _with_notice((lines + [h for h in found if h.code not in shown])[:limit], "")

    def item_head_words(self) -> frozenset[str]:
        """Stems of the words the current HCPCS descriptors print in their heads (bot.lookups.item_heads)."""
        if self._item_heads is None:
            conn = self.book.db.conn
            self._item_heads = derived.stored_or_built(
                conn, ITEM_HEADS, derived.decode_words, lambda: build_item_heads(conn)
            )
        return self._item_heads

    def _item_head_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """An item named at the head of the query ("finger stick lancets refill", "tube feeding pump with
        alarm", "food thickener, oral") whose first answer - a diagnosis, a procedure, another HCPCS line
        ("Emergent cases" for "basic life support ambulance, non emergent") - leaves the item's head noun
        unread (Z76.0 for the refill): the HCPCS lines the item phrase alone finds first, naming it, lead;
        the words beside the item pick among them (bot.lookups.item_heads)."""
        if "hcpcs" not in systems:
            return found
        if found.notice and (found or not found.notice.startswith(NO_CONFIDENT_MATCH)):
            return found  # a CPT service, office talk ...; an item may answer what nothing else did
        if found and found[0].why.startswith(("drug line", "trade name", "item ")):
            return found  # a drug, a trade name or an item read already
        read = item_head_phrase(query)
        if read is None or stem(read[1]) not in self.item_head_words():
            return found
        phrase, head = read
        first = found[0] if found else None
        if first and stem(head) in {
            stem(w) for w in WORD.findall(f"{first.title} {_path_of(first.why)}".lower())
        }:
            return found  # the answer reads the item's noun ("walker" in a fall from a walker)
        if phrase == " ".join(WORD.findall(query.lower())):
            return found  # nothing around the item: the query's own answers stand
        try:
            item = self._find(phrase, systems, limit)
        except QueryError:
            return found
        if not item or item.notice or item[0].system != "HCPCS" or not names_the_item(item[0].title, phrase):
            return found
        said = content_stems(query)
        if first and len(said & answer_stems(item[0].title, item[0].why)) < len(
            said & content_stems(f"{first.title} {_path_of(first.why)}")
        ):
            return found  # the item reads fewer of the words than the answer ("fentanyl laced pills, accidental")
        chosen = by_words_beside(
            [h for h in item if h.system == "HCPCS" and names_the_item(h.title, phrase)],
            beside_words(query, phrase),
            lambda h: h.title,
            _doc_stems,
            query,
            phrase,
        )
        top = max((h.score for h in found), default=item[0].score) + DRUG_LINE_LEAD
        lines = [
            replace(
                h,
                score=top - rank,
                why=f"item “{phrase}”" + (f", {', '.join(said)}" if said else "") + f": {h.why}",
            )
            for rank, (h, said) in enumerate(chosen[:DRUG_LINES_SHOWN])
        ]
        shown = {h.code for h in lines}
        return _with_notice((lines + [h for h in found if h.code not in shown])[:limit], "")

    def _drug_named(self, hit: Hit, words: str) -> bool:
        """Whether a HCPCS answer is the line of a drug the words named ("fomepizole", "CroFab vials"): a drug
        line read, or a line of the drug lines whose key its title prints and the words say ("treated" is no
        drug for "Inj onase abepar-xioi treat") (bot.lookups.drug_given)."""
        if hit.system != "HCPCS":
            return False
        if hit.why.startswith("drug line"):
            return True
        key = self.drug_codes.get(hit.code, "")
        told = f"{words} {self.vocabulary.expand(words)[0]}"  # (a brand read as its generic: "crofab")
        said = _doc_stems(told) | frozenset(_words(told.lower()))
        return (
            bool(key) and key in _doc_stems(hit.title) | frozenset(_words(hit.title.lower())) and key in said
        )

    def _brand_rows(self, word: str) -> list[tuple[str, str]]:
        """The current HCPCS lines printing a word no other code set prints, when few (a trade name), or []."""
        rows = self._brands.get(word)
        if rows is None:
            rows = []
            if 0 < self.freq.get(word) <= 4 * BRAND_LINES_MAX:
                found = self.book.db.execute(
                    "SELECT DISTINCT system, code FROM search WHERE search MATCH ? LIMIT ?",
                    [f'"{word}"', 4 * BRAND_LINES_MAX],
                ).fetchall()
                codes = {code for system, code in found if system == "hcpcs"}
                if codes and len(codes) == len(found) and len(codes) <= BRAND_LINES_MAX:
                    items = (self.book.get("hcpcs", code) for code in sorted(codes))
                    rows = [
                        (c.code, c.title)
                        for c in items
                        if c is not None and c.current and c.code.startswith(BRAND_ITEM_PREFIXES)
                    ]
            if len(self._brands) < 10_000:
                self._brands[word] = rows
        return rows

    def _brand_item_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """A trade name a few HCPCS lines print, wrapped in the kind's generic words ("Biobrane skin
        substitute per sq cm", "Matriderm dermal matrix"): those lines lead, the one sharing most other
        words first (bot.lookups.index.brand_items); an object said with no event ("hot water bottle") is
        the item its head noun names rather than an external cause."""
        if "hcpcs" not in systems or found.notice.startswith("That is a CPT"):
            return found
        if found and found[0].why.startswith("drug line") and found[0].status != "modifier":
            return found  # a drug named ("Gvoke glucagon prefilled"): its drug line
        words = [w for raw in query.lower().replace(",", " ").split() for w in _words(raw)]
        brand = next((w for w in brand_candidates(words, self._brand_known) if self._brand_rows(w)), "")
        if not brand and (not found or found[0].system != SYSTEM_NAMES["cm"]):
            # "Amyvid PET agent", "Lymphoseek sentinel node injection": a brand the vocabulary's list reads as its
            # generic, whose own word only a few HCPCS lines print (a radiopharmaceutical's, a biological's:
            # A9586 "Florbetapir f18, diagnostic, ...") - the generic is the trade name's line; never over a
            # diagnosis the words found (a poisoning or a reaction to the drug is the condition's code).
            brand, generic = self._generic_of_brand(query, words)
            # (the generic's other words pick among its lines: "lutetium dotatate")
            words = [*words, *generic]
        if not brand:
            return self._object_item_first(query, systems, limit, found)
        if found and found[0].system == "HCPCS" and brand in _doc_stems(found[0].title):
            return found
        if found and f"short form: {brand} →" in found[0].why:
            return found  # (the answer read it as a chart word cut short: "vert a." is a vertebral artery)
        said = frozenset(_stem(w) for w in words if w != brand)
        lines = brand_lines(self._brand_rows(brand), said, _doc_stems)
        top = max((h.score for h in found), default=0.0) + DRUG_LINE_LEAD
        hits = []
        for rank, (code, _) in enumerate(lines[:DRUG_LINES_SHOWN]):
            item = self.book.get("hcpcs", code)
            if item is not None:
                why = f"trade name “{brand}”: title: {item.shown_title}"
                hits.append(self._hit(("hcpcs", code), (top - rank, why, item, "")))
        shown = {h.code for h in hits}
        return _with_notice((hits + [h for h in found if h.code not in shown])[:limit], "")

    def _generic_of_brand(self, query: str, words: Sequence[str]) -> tuple[str, list[str]]:
        """The word of a brand's generic (the vocabulary's brand list, injectable_brands.tsv) that only a few
        HCPCS lines print and the query does not say itself, with the generic's words; or ("", [])."""
        if not self.vocabulary.may_name_brand(query):
            return "", []
        for brand in understand(query.lower(), self.vocabulary).brands:
            term = self.vocabulary.terms.get(brand)
            if term is None:
                continue
            generic = _words(term.means.lower())
            for word in generic:
                if (
                    len(word) >= 5
                    and word not in words
                    and not self._brand_known(word)
                    and self._brand_rows(word)
                ):
                    return word, generic
        return "", []

    def _brand_known(self, word: str) -> bool:
        """Whether a word is no trade name: an English or vocabulary word, or a word of the Index of
        diseases, the External Cause Index, the Drug or the Neoplasm Table (the ICD-10-PCS Index prints
        devices' trade names: "Kerecis")."""
        if word in self.english or self.vocabulary.knows(word):
            return True
        row = self.book.db.execute(
            "SELECT 1 FROM index_words w JOIN index_nodes n ON n.id = w.node"
            " WHERE w.word = ? AND n.book != 'pcs' LIMIT 1",
            [stem(word)],
        ).fetchone()
        return row is not None

    def _object_item_first(self, query: str, systems: Sequence[str], limit: int, found: Hits) -> Hits:
        """An object said with no event whose first answer is an external cause ("hot water bottle" ->
        Contact with hot tap-water): the HCPCS item its head noun names leads."""
        if not found or found[0].code[:1] not in {"V", "W", "X", "Y"} or found[0].system != "ICD-10-CM":
            return found
        if not object_without_event(query):
            return found
        said = [w for w in _words(query.lower()) if w not in STOPWORDS]
        if not 2 <= len(said) <= 4:
            return found
        rows = self.book.db.execute(
            "SELECT DISTINCT code, title FROM search WHERE search MATCH ? AND system = 'hcpcs' LIMIT 400",
            [f'"{said[-1]}"'],
        ).fetchall()
        lines = item_by_head(said, [(str(c), str(t)) for c, t in rows], _doc_stems)
        top = max(h.score for h in found) + DRUG_LINE_LEAD
        hits: list[Hit] = []
        for code, _ in lines[:DRUG_LINES_SHOWN]:
            item = self.book.get("hcpcs", code)
            if item is not None and item.current:
                why = f"item “{' '.join(said)}”: title: {item.shown_title}"
                hits.append(self._hit(("hcpcs", code), (top - len(hits), why, item, "")))
        if not hits:
            return found
        shown = {h.code for h in hits}
        return _with_notice((hits + [h for h in found if h.code not in shown])[:limit], "")

    def _saying_unused(self, query: str, hit: Hit) -> Hit:
        if "(not used: " in hit.why:  # a clause's answer already says it
            return hit
        left = words_not_used(query, answer_stems(hit.title, hit.why), self.body_sites(), self._clinical)
        return replace(hit, why=f"{hit.why} (not used: {', '.join(left)})") if left else hit

    def _answers_core(self, core: str, first: Hit) -> bool:
        """Only the filler is read past: the core's first answer uses every other word but a body site, a
        word common in the code titles ("intermittent") or fewer incidental words than it uses (a qualifier
        or a word in no Index line: "unintended wt loss", said as not used), through an Index path that adds no word of its own
        ("i need a mirror" is no "Mirror writing"), or a title when the core is more than a lone word the
        vocabulary does not know ("i need a bicycle" is no "Explosion of bicycle tire")."""
        clause = _CLAUSE_WHY.match(first.why)
        why = first.why
        if clause is not None:  # the best-answered clause: judged on its own words
            core, why = clause.group(1), why[clause.end() :]
        said = content_words(core)
        used = _used_stems(first)
        left = unused_words(core, used, self.body_sites(), self._clinical)
        # "persisting": Persistent cough; "around", "down": where, said around the site
        left = [w for w in left if not said_in_another_form(w, used) and w not in POSITIONAL]
        # A qualifier or an ordinary word in no Index line may be left, and said as not used (find).
        if not said or not all(incidental(w, self._indexed) or is_qualifier(w) for w in left):
            return False
        if not mostly_answered(said, left) and not only_qualifiers_left(said, left):
            return False
        adds = main_term_adds(core, why)
        if adds is not None:
            # A body site the path adds is where the core's qualifier left unused puts the finding ("digital
            # clubbing" -> Clubbing of finger); a word of another kind is another condition ("mirror" is no
            # Mirror writing), and a site beside no qualifier is another finding ("tender points" is no
            # Pointed ear).
            # A preposition of the path ("Fall, from, off, out of, tree") adds no concept.
            adds = [w for w in adds if w not in POSITIONAL]
            sited = only_qualifiers_left(said, left) and all(stem(w) in self.body_sites() for w in adds)
            return not adds or sited
        return self._reading_left(said)  # "ecchymoses" alone, not "bicycle" ("Explosion of bicycle tire")

    def _clinical(self, word: str) -> bool:
        return self.freq.get(word) >= CLINICAL_WORD_COUNT

    def body_sites(self) -> frozenset[str]:
        """Stems of the body part values of the ICD-10-PCS Medical and Surgical tables (and the sides)."""
        if self._sites is None:
            conn = self.book.db.conn
            self._sites = derived.stored_or_built(
                conn, BODY_SITES, derived.decode_words, lambda: build_body_sites(conn)
            )
        return self._sites

    def root_operations(self) -> frozenset[str]:
        """The names of the ICD-10-PCS root operations (third character), lower case: as the data build
        stored them (bot.lookups.schema.read_root_operations), or read now from a database built before."""
        if self._roots is None:
            row = self.book.db.execute(
                "SELECT value FROM meta WHERE key = ?", [ROOT_OPERATIONS_KEY]
            ).fetchone()
            self._roots = frozenset(str(row[0]).split()) if row else read_root_operations(self.book.db.conn)
        return self._roots

    def procedure_words(self) -> frozenset[str]:
        """Stems of the one-word ICD-10-PCS Index main terms that are a root operation or send to one
        ("Amputation" -> see Detachment; "Hysterectomy", total -> see Resection)."""
        if self._procedures is None:
            conn = self.book.db.conn
            self._procedures = derived.stored_or_built(
                conn,
                PROCEDURE_WORDS,
                derived.decode_words,
                lambda: build_procedure_words(conn, self.root_operations()),
            )
        return self._procedures

    def _find(self, query: str, systems: Sequence[str], limit: int) -> Hits:
        """The search for a query's words (`_search`), run once per lookup for the same words: a clause,
        a sentence's core or a reading of the query is often searched again by another reading of it."""
        kept = memo()
        if kept is None:
            return self._search(query, systems, limit)
        key = ("find", id(self), query, tuple(systems), limit)
        found = kept.get(key)
        if not isinstance(found, Hits):
            found = kept[key] = self._search(query, systems, limit)
        return _with_notice(list(found), found.notice)  # a copy: a caller may reorder its list

    def _search(self, query: str, systems: Sequence[str], limit: int) -> Hits:
        text = validate_query(query)
        if not 1 <= limit <= MAX_LIMIT:
            raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}.")
        wanted = tuple(s for s in systems if s in SYSTEMS) or SYSTEMS
        lowered = text.lower()
        scored: dict[tuple[str, str], tuple[float, str, Code | None, str]] = {}

        def add(code: Code | None, key: tuple[str, str], score: float, why: str, title: str = "") -> float:
            if key[0] not in wanted:
                return score
            if code is not None:
                score += 4 if code.billable else -25  # a header never beats a reportable code
                score -= 60 if not code.current else 0
                if hours and key[0] == "pcs":
                    score += range_fit(code.title, hours)  # "ventilator 18 hours": Less than 24
                if measures and key[0] == "hcpcs":
                    score += measure_fit(code.title, measures)  # "30-40 mmHg": not "18-30 mmhg"
            if key not in scored or scored[key][0] < score:
                scored[key] = (score, why, code, title)
            return score  # as weighed: a header, a retired code, a measure that does not fit

        tokens = lowered.replace(",", " ").split()
        hours = said_hours(frozenset(stem(t) for t in tokens))
        measures = stated_measures(lowered)
        lowered = without_measures(lowered) if measures else lowered
        code_like = len(tokens) == 1 and CODE_TOKEN.match(tokens[0])
        # "DM2" is a vocabulary term and also the start of PCS codes: the term wins unless it is a code.
        as_code = code_like and (not self.vocabulary.knows(tokens[0]) or self.book.find(tokens[0]))
        if as_code and self._code_matches(tokens[0], add):
            return _with_notice(self._ranked(scored, limit), "")
        if code_like and CPT_CODE.match(tokens[0]) and "cpt" not in self.book.systems_loaded():
            return _with_notice([], CPT_NOTE.format(what=f"{tokens[0]} is a CPT code"))
        number = "" if code_like or "cpt" in self.book.systems_loaded() else cpt_number(lowered)
        if number:  # "bill 99215?", "99233 hospital f/u": the question is about a CPT code
            return _with_notice([], CPT_NOTE.format(what=f"{number} is a CPT code"))
        lowered = spelled_count(later_visit(read_both_ways(" ".join(self._split_levels(lowered.split())))))
        if "pcs" in wanted:
            lowered = drain_verbs_as_drainage(lowered)  # "to drain": Drainage, no device (pcs_drains)
        # "moya moya", "burnout": a compound as the Index prints it (bot.lookups.index.word_forms).
        lowered, joined = self._compounds(lowered)
        # "degen", "periton", "dmg": a chart word cut short, read as the Index word (bot.lookups.index.clipped_words).
        lowered, clipped = self._short_forms(lowered, text)
        joined = joined + clipped
        understood = understand(lowered, self.vocabulary)
        # "chux", "omnipod": an item's trade name no title prints is a word known (bot.lookups.hcpcs_items).
        trade_name = "hcpcs" in wanted and with_lay_names(_words(lowered))[1]
        if not trade_name and (
            says_nothing(understood.words)
            or (not understood.notes and unknown_subject(understood.words, self._known, self._indexed))
        ):
            # "see attached", "foo bar baz": nothing a coder could code; the closest main terms, no codes.
            closest = ", ".join(closest_main_terms(self.index_tree(), understood.words))
            return _with_notice(
                [], "No confident match." + (f" Closest Index main terms: {closest}." if closest else "")
            )
        if understood.words and not trade_name and self._recognised(understood.words) < CONFIDENT_SHARE:
            # Most words are in no title, no index term, no vocabulary: "purple monkey dishwasher".
            if understood.brands and "hcpcs" in wanted:
                # "Invega Sustenna": the generic's words are in no title, the brand's are.
                self._literal_titles(lowered, understood.words, add)
                if scored:
                    return _with_notice(self._ranked(scored, limit), "")
            clause = self._by_clause(text, wanted, limit, [])
            if clause is not None:
                return clause
            return _with_notice([], "No confident match: the words are not in the code titles or the Index.")
        corrected, notes = self._spelling(understood.words, lowered)
        notes = understood.notes + joined + notes
        found = index_hits(self, understood, corrected, wanted, notes)
        plain = self._plain_reading(text, lowered, understood, wanted, found.coverage)
        if plain is None:
            plain = self._subterm_reading(lowered, understood, wanted, found.coverage)
        as_abbreviated = understood, corrected  # the procedure a word's vocabulary reading names ("detox")
        if plain is not None:
            understood, corrected, notes, found = plain
        if _lab_test(understood, found.coverage) and not self._names_condition(understood.words):
            understood.kinds.add("cpt")
        elif "cpt" not in understood.kinds and self._names_analyte(understood.words):
            understood.kinds.add("cpt")  # "ABG arterial blood gas", "prothrombin time": the test
        for hit in found.hits:
            add(hit.code, (hit.code.system, hit.code.code), hit.score, hit.why)
        groups, _ = self._expand(" ".join(corrected))
        if understood.encounter_said and understood.encounter in ORDINAL_WORDS and groups:
            # "annual wellness visit subsequent": the service's title says which visit (G0439 "...,
            # subsequent visit"), as an injury's title says which encounter; the Index reads it as the 7th
            # character, a title search by the word itself.
            groups = list(dict.fromkeys([*groups, (ORDINAL_WORDS[understood.encounter],)]))
        item = _names_item(corrected)
        if item:
            # "nebulizer machine", "cpap device": the item's HCPCS title need not say "machine"; the
            # procedure using it (ICD-10-PCS Assistance ...) is not what is asked for.
            groups = [g for g in groups if g[0] not in ITEM_WORDS] or groups
            for key, (score, why, code, title) in list(scored.items()):
                if key[0] == "pcs":
                    scored[key] = (score - ITEM_PROCEDURE_COST, why, code, title)
        if groups and (found.coverage < STRONG_SHARE or len(scored) < 3 or item):
            # Titles and inclusion terms: HCPCS items, and what the Index does not hold.
            encounter = understood.encounter
            # (the drug story's words too: "took the pills on purpose" says intentional self-harm)
            said_words = frozenset(
                [*(w for raw in lowered.replace(",", " ").split() for w in _words(raw)), *understood.words]
            )

            def add_title(
                code: Code | None, key: tuple[str, str], score: float, why: str, title: str = ""
            ) -> None:
                if key[0] == "cm" and code is not None and other_encounter(code.title, encounter):
                    score -= OTHER_ENCOUNTER_COST  # "bit by a dog": W54.0XXA before W54.0XXS
                if key[0] == "cm" and code is not None and unsaid_intent(code.title, said_words):
                    score -= OTHER_ENCOUNTER_COST  # "aspirin poisoning": accidental, not assault
                if key[0] == "cm" and code is not None and unsaid_underdosing(code.code, said_words):
                    score -= OTHER_ENCOUNTER_COST  # "dizzy from amlodipine": no underdosing told
                add(code, key, score, why, title)

            complete = self._text_matches(
                groups,
                wanted,
                add_title,
                notes,
                broad=found.coverage < 0.5,
                items=not understood.parts and read_as_item(lowered),
                negated_words=understood.negated,
            )
        else:
            complete = 0.0
        named_visit = complete >= 1.0 and found.coverage < STRONG_SHARE and not _names_reason(lowered)
        if "visit" in understood.kinds and not named_visit:
            # (A title holding every word the Index does not, "welcome to medicare visit" -> G0402, names
            # the visit itself: it is the service asked for.)
            # "here for chemo infusion", "dx for flu shot visit": the reason for the encounter, an ICD-10-CM
            # code, before the service's HCPCS or PCS code.
            for key, (score, why, code, title) in list(scored.items()):
                if key[0] != "cm":
                    scored[key] = (score - VISIT_SERVICE_COST, why, code, title)
        literal = False
        if "hcpcs" in wanted and (
            understood.brands or self._abbreviation_in_context(lowered, understood, found)
        ):
            before = len(scored)
            self._literal_titles(lowered, understood.words, add)
            # "invega sustenna 1 mg": a title prints the brand as typed, so the generic's words (in no
            # title) are no unknown words.
            literal = bool(understood.brands) and len(scored) > before
        if "pcs" in wanted and not {"visit", "status"} & understood.kinds:
            # "sleeve gastrectomy for morbid obesity": the procedure named, not why it was done.
            said = frozenset(stem(w) for w in [*WORD.findall(lowered), *corrected])
            procedures = self.procedure_words() | ROOT_NAME_STEMS
            if not any(key[0] == "pcs" for key in scored) and said & procedures:
                # "below knee amputation left": the ICD-10-CM path used every word, the PCS one is walked too.
                for hit in index_hits(self, understood, corrected, ("pcs",), []).hits:
                    add(hit.code, (hit.code.system, hit.code.code), hit.score, hit.why)
            elif plain is not None and not any(key[0] == "pcs" for key in scored):
                # "alcohol detox": the plain English reading of a word ("detox") left out the procedure its
                # vocabulary reading names (Detoxification Services); that reading's PCS path is walked too.
                read, words = as_abbreviated
                if frozenset(stem(w) for w in words) & procedures:
                    for hit in index_hits(self, read, words, ("pcs",), read.notes).hits:
                        add(hit.code, (hit.code.system, hit.code.code), hit.score, hit.why)
                    said = said | frozenset(stem(w) for w in words)
            procedure_first(scored, self.root_operations(), said, head_words(lowered))
            # "taking out the small ear bones on the left, open": the approach said as an approach
            procedure_by_said_approach(scored, lowered, said, said_approaches)
            # "amputation right great toe": not the traumatic amputation the query never said
            procedure_before_added_condition(scored, lowered, self.procedure_words(), said, self.body_sites())
        typed = self._descriptor_groups(lowered) if "hcpcs" in wanted else []
        if typed:
            # "cpap tubing", "tens unit 4 lead": the item by the words as typed, each short name read as the
            # descriptors print it ("Tubing used with positive airway pressure device"); only a HCPCS title
            # holding every word (the vocabulary's reading, "continuous positive airway pressure", is the
            # Index's and the procedure's, not the supply's descriptor).
            named: dict[tuple[str, str], float] = {}  # the titles naming the item: their score as typed
            # The item's head noun (its last word) or the short name itself ("tens 4 lead unit": a TENS device).
            heads = [typed[-1], *(g for g in typed if item_short_name(g[0]))]
            alone = len(typed) == 1  # "neb machine": the titles that name the item first ("Nebulizer, ...")

            def add_item(
                code: Code | None, key: tuple[str, str], score: float, why: str, title: str = ""
            ) -> None:
                score = add(code, key, score, why, title)
                said = title or (code.title if code else "")
                if any(names_typed_item(said, head, first=alone) for head in heads):
                    named[key] = max(score, named.get(key, score))

            held = self._text_matches(
                typed, ("hcpcs",), add_item, notes, broad=False, items=False, negated_words=understood.negated
            )
            complete = max(complete, held)
            if held >= 1.0 and named and read_as_item(item_part(lowered)):
                # The item named by its head noun leads, in the order its words as typed give ("4 lead":
                # four leads): the Index's procedure or condition sharing the short name ("CPAP" ->
                # Assistance with Respiratory Ventilation) is not the supply asked for.
                lead = max(score for score, *_ in scored.values()) + ITEM_LEAD - max(named.values())
                readings = lay_readings(typed)  # "knee scooter" read as "crutch substitute": words used
                for key, typed_score in named.items():
                    _, why, code, title = scored[key]
                    why = f"{why} ({readings})" if readings else why
                    scored[key] = (typed_score + lead, why, code, title)
        hits = self._ranked(scored, limit, headers_below=True)
        hits = self._asked_procedures(hits, lowered, understood.words)
        reaction = found.reaction
        if (
            not reaction
            and hits
            and hits[0].why.startswith("title:")
            and is_adverse_or_underdosing(hits[0].code)
        ):
            # the drug's class found by the title's words: what they leave names the reaction
            drugs = self.vocabulary.expand(text.lower(), kinds=("brand",), chain_brands=True)[1]
            reaction = title_reaction(text, hits[0].title, {w for term, *_ in drugs for w in term.split()})
        if reaction and hits and is_adverse_or_underdosing(hits[0].code):
            condition = self._reaction_first(reaction, wanted, limit, hits)
            if condition is not None:
                return condition
        if (found.coverage < CLAUSE_SHARE or _reads_a_value_beside(text)) and "cpt" not in understood.kinds:
            # A chart line of several clauses ("unable to void, urinary retention"): no path holds them all,
            # so the clause a path answers whole comes first.
            clause = self._by_clause(text, wanted, limit, hits)
            if clause is not None:
                return clause
        if "cpt" in understood.kinds and "cpt" not in self.book.systems_loaded():
            return _with_notice(hits, CPT_NOTE.format(what="That is a CPT service"))
        unknown = self._unknown_share(understood.words)
        if (
            unknown >= UNKNOWN_SHARE
            and not literal
            and (complete < UNKNOWN_CONFIDENCE if found.coverage < complete else found.adds >= ADDS_UNSAID)
            and max(found.coverage, complete) < UNKNOWN_CONFIDENCE
        ) or (
            stretched_reading(unknown, found.adds, found.coverage >= complete)
            or (
                # ("chainsaw kickback cutting firewood": Cut -> see Contact, ..., chainsaw says no more than
                # the Index's headings between two words said; bot.lookups.index.said_ends)
                not said_at_both_ends(found.best_nodes, self._typed_stems(text))
                and foreign_and_stretched(
                    understood.words,
                    self.english.__contains__,
                    self._coded,
                    found.adds,
                    found.coverage >= complete,
                )
            )
        ):
            # "purple monkey dishwasher", "banana phone": a third of the words are in no title, index term or
            # vocabulary, and the rest found only a title sharing one word, or an index line that says more
            # than the query ("Monkey malaria"): no confident match.
            return _with_notice([], "No confident match: some words are not in the code titles or the Index.")
        if (
            max(found.coverage, complete) < CONFIDENT_SHARE
            and not literal
            and not self._names_procedure(scored, lowered)
        ):
            # Nothing the Index or a title says answers the query: say so, and give no unrelated codes.
            closest = ", ".join(found.closest[:5])
            return _with_notice(
                [], "No confident match." + (f" Closest Index main terms: {closest}." if closest else "")
            )
        if (
            "cm" in wanted
            and found.coverage < CONFIDENT_SHARE
            and hits
            and self._thin_title(lowered, hits[0])
        ):
            # "lunch order for staff" -> a long quality-data descriptor sharing "staff": no confident match.
            return _with_notice([], "No confident match: the words are not in the code titles or the Index.")
        if found.coverage < WEAK_SHARE and hits and self._one_word_answer(lowered, hits[0], found.adds > 0):
            # "fasting lipids" -> Fast pulse, "coffee machine broken" -> a fracture: one word of several.
            return _with_notice([], "No confident match: the words are not in the code titles or the Index.")
        lead = self._dominating_answer(text, hits)
        if lead:
            # "swollen gland under arm": the Index's Swollen, glands before "Arm rest", leaving "swollen".
            why = hits[lead].why
            if hits[0].code[:1] == "R" and hits[0].system == "ICD-10-CM":
                why = f"{INTEGRAL_SYMPTOM.format(code=hits[0].code)}{why}"
            hits = [replace(hits[lead], score=hits[0].score + 1, why=why), *hits[:lead], *hits[lead + 1 :]]
        else:
            # "coloboma of the iris right eye": the Index's Coloboma (Q13.0), not a title naming a site the
            # query does not say ("Coloboma of optic disc, right eye"; bot.lookups.index.unsaid_words). The
            # answer's own why says its path; the score moves only to keep the order.
            lead = self._says_less_answer(text, hits)
            if not lead and hits and not is_poisoning(hits[0].code):
                # (a poisoning is coded first, its manifestations after it: guideline I.C.19.e.5.b)
                lead = condition_line(
                    text, [(h.system, h.title, h.why) for h in hits], path_adds, answer_stems
                )
            if lead:
                hits = [replace(hits[lead], score=hits[0].score + 1), *hits[:lead], *hits[lead + 1 :]]
        if not hits:
            # "right lower lobe pneumonia": every answer found was a PCS title no procedure asked for (found by
            # its body part's words, `_asked_procedures`): nothing answers with confidence, and the list says
            # so - the readings of the query past its sides and filler are tried next (`_find_read`).
            closest = ", ".join(found.closest[:5])
            return _with_notice(
                [], "No confident match." + (f" Closest Index main terms: {closest}." if closest else "")
            )
        return _with_notice(hits, "")

    def _says_less_answer(self, text: str, hits: list[Hit]) -> int:
        """The position of an Index answer reading as much of the query's content as the first answer and
        saying nothing it does not, where the first says a word the query does not (bot.lookups.index.
        unsaid_words), or 0; only an answer of the first one's code set leads."""
        if len(hits) < 2:
            return 0
        looked = hits[:LOOKED_AT]
        allowed = [
            n
            for n, h in enumerate(looked)
            if h.system == hits[0].system  # (a drug's HCPCS line is no poisoning)
            # (a code suggested beside another keeps its place after it: "T47.95XA suggested with R41.0")
            and not any(h.why.startswith(f"suggested with {other.code}") for other in looked[:n])
        ]
        return says_less_first(
            text,
            [(h.title, h.why) for h in looked],
            [_titled(h) for h in looked],
            allowed,
            self.body_sites(),
            self._path_modifiers,
            self._path_main_term,
        )

    def _path_modifiers(self, why: str) -> frozenset[str]:
        """The stems of the non-essential modifiers printed on an answer's Index path ("Uveitis (anterior)"),
        read from the Index tree; none when the answer came from no Index line."""
        label, _, rest = (index_path(why) or "").partition(": ")
        book = next((b for b, name in BOOK_NAMES.items() if name == label), None)
        if book is None:
            return frozenset()
        tree = self.index_tree()
        reference = tree.resolve(rest.split(" -> ")[0], book)
        if not reference.resolved or not reference.node:
            return frozenset()
        return frozenset(
            stem(w) for n in tree.path(reference.node) for w in WORD.findall(n.modifiers.lower())
        )

    def _path_main_term(self, why: str) -> str:
        """The main term of an answer's Index path as the Index prints it, its comma-separated forms whole
        ("Fragments, cataract"), read from the Index tree; "" when the answer came from no Index line."""
        label, _, rest = (index_path(why) or "").partition(": ")
        book = next((b for b, name in BOOK_NAMES.items() if name == label), None)
        if book is None:
            return ""
        reference = self.index_tree().resolve(rest.split(" -> ")[0], book)
        if not reference.resolved or not reference.node:
            return ""
        path = self.index_tree().path(reference.node)
        return path[0].term if path else ""

    def _dominating_answer(self, text: str, hits: list[Hit]) -> int:
        """The position of an answer to put first because it uses every word of the query the first answer
        uses and more (bot.lookups.index.key_words), or 0. Only over a first answer that is a title (a title
        sharing some words is weaker than an Index path reading more of them), or one using no word of the
        query but a body site ("ecchymoses on legs" is no "Lengthening, leg"); only a diagnosis or an answer
        of the first one's code set leads ("CHB needs pacer" asks for no procedure)."""
        if not hits or (hits[0].system == "ICD-10-PCS" and said_as_approach(text, said_approaches)):
            return 0  # "reimplanting ... into the bladder, open": a procedure, no "Wound, open" (pcs_said_approach)
        used = [answer_stems(h.title, h.why) for h in hits[:LOOKED_AT]]
        if hits[0].system == "ICD-10-CM" and hits[0].code[:1] == "R":
            diseases = [
                n
                for n, h in enumerate(hits[:LOOKED_AT])
                # (a code placed beside another on purpose, "suggested with ...", keeps its place)
                if h.system == "ICD-10-CM"
                and "A" <= h.code[:1] <= "Q"
                and not h.why.startswith("suggested")
                # (an Index path saying no more than the query: "fever and cough" is no pertussis, and a title
                # sharing the organism may name another disease, "enteroviral diarrhea" no encephalitis)
                and path_adds(text, h.why) == []
            ]
            found = definitive_diagnosis(text, used, diseases)
            if found:
                return found
        sites = self.body_sites()
        site_only = _unsaid_main_term(text, hits[0]) and uses_only_sites(text, used[0], sites)
        if not _titled(hits[0]) and not site_only:
            return 0
        allowed = [
            n
            for n, h in enumerate(hits[:LOOKED_AT])
            if (site_only or not _titled(h)) and h.system in ("ICD-10-CM", hits[0].system)
        ]
        return dominating(text, used, sites, allowed)

    def _thin_title(self, lowered: str, first: Hit) -> bool:
        """Whether the first answer is a quality-data code's title (no Index path, no item, no inclusion term)
        that shares only a small part of its words with the query and leaves a query word unused
        (bot.lookups.thin_titles)."""
        if (
            not first.why.startswith("title:")
            or first.system != "HCPCS"
            or not first.code.startswith(QUALITY_DATA)
        ):
            return False
        # The payer and a coder's words about the request ("medicare", "code") are no words of the service.
        said = [w for w in content_words(lowered) if w not in PAYERS and w not in FILLER]
        return thin_title_match(said, first.title, _used_stems(first))

    def _one_word_answer(self, lowered: str, first: Hit, adds: bool) -> bool:
        """Whether the first answer, an Index path or a title, says at most one of the query's words
        (bot.lookups.thin_titles.one_word_answer); an item named by its head noun ("four-point cane" ->
        "Cane, ...") is no weak answer."""
        # Only a G service's title: an Index path reads words through values, the vocabulary and the
        # encounter readings its why does not all print ("here for radiation treatment" -> Z51.0), and an
        # item's title is named by its short name or package ("neb machine", "lancets pack of 100").
        if not (first.why.startswith("title:") and first.system == "HCPCS" and first.code.startswith("G")):
            return False
        words = content_words(lowered)
        if any(w in PAYERS for w in words):
            return False  # "medicare AWV returning patient": the payer's service (_payer_service_first)
        said = [w for w in words if w not in FILLER]
        if said and names_head(first.title, stem(said[-1])):
            return False
        return one_word_answer(said, _used_stems(first), adds or first.why.startswith("title:"))

    def _asked_procedures(self, hits: list[Hit], lowered: str, words: Sequence[str]) -> list[Hit]:
        """ "RLL infiltrate": ICD-10-PCS codes found by their title's body part are no answer to a query
        naming no procedure (bot.lookups.index.pcs_unasked)."""
        if not any(h.system == "ICD-10-PCS" and h.why.startswith("title:") for h in hits):
            return hits
        said = [*WORD.findall(lowered), *words]
        if names_a_procedure(said, self.root_operations(), self.procedure_words()):
            return hits
        if said_as_approach(lowered, said_approaches):
            return hits  # "reimplanting the left ureter into the bladder, open" (pcs_said_approach)
        first = next(h for h in hits if h.system == "ICD-10-PCS")
        tree = self.index_tree()
        if not any(
            names_main_term(tree, w) and not tree.names_procedure(stem(w))
            for w in unused_condition_words(said, first.title)
        ):
            return hits  # ("ETT placed in ED": a device put in, no condition told)
        stems = frozenset(stem(w) for w in said)
        return [h for h in hits if h.system != "ICD-10-PCS" or not unasked_title(h.title, h.why, stems)]

    def _names_procedure(self, scored: Scored, lowered: str) -> bool:
        """Whether a PCS answer's path begins with a procedure main term the query says ("hemodialysis single
        session": Hemodialysis -> see Performance): the procedure is asked for, a word beside it the reading
        does not know is said as not used - unless the query asks for its status, history or encounter."""
        said = frozenset(stem(w) for w in WORD.findall(lowered))
        if asks_cm_reading(said):
            return False
        roots = self.root_operations()
        return any(
            key[0] == "pcs" and procedure_main_term(why, roots, said) is not None
            for key, (_, why, _, _) in scored.items()
        )

    def _split_levels(self, tokens: list[str]) -> list[str]:
        """ "als1 emergency", "ckd3": an abbreviation the vocabulary knows with its level run together, read
        apart ("als 1") when the run-together word is no vocabulary term itself ("dm2", "b12" stay)."""
        out: list[str] = []
        for token in tokens:
            parts = _split_digits(token)
            if len(parts) == 2 and not self.vocabulary.knows(token) and self.vocabulary.knows(parts[0]):
                out.extend(parts)
            else:
                out.append(token)
        return out

    @staticmethod
    def _abbreviation_in_context(lowered: str, understood: Understood, found: Found) -> bool:
        """An abbreviation said with words its reading leaves unexplained ("ALS emergency ambulance": the
        disease uses under 60% of the words): the service a title names by that abbreviation may be meant.
        Two words besides the abbreviation at least: "HCC", "T&A" alone are what the vocabulary reads."""
        typed = [w for raw in lowered.split() for w in _words(raw)]
        return bool(understood.applied) and found.coverage < CLAUSE_SHARE and len(typed) >= 3

    def _names_condition(self, said: list[str]) -> bool:
        """Whether a word of the query is itself a main term of the ICD-10-CM Index ("urine infection":
        Infection), so the query names a condition rather than what a test measures."""
        tree = self.index_tree()
        wanted = {stem(w) for w in said if w.isalpha() and w not in SPECIMENS and w not in LAB_METHODS}
        ids = sorted({node for _, node, word, essential in tree.matches([0], wanted) if essential})
        return any(n.book == "cm" and stem(_main_word(n.term)) in wanted for n in tree.nodes(ids))

    def _literal_titles(self, lowered: str, read: list[str], add: _Adder) -> None:
        """HCPCS titles holding the words as typed, before the vocabulary read them: a product's brand
        ("Injection, filgrastim-sndz, biosimilar, (zarxio)", "Inj, invega sustenna") or a service's own
        abbreviation ("Ambulance service, advanced life support ... (als 1 - emergency)") printed in the
        title names exactly what was asked for, above the generic drug or the disease the vocabulary reads.
        For an abbreviation this is asked only when the Index's reading leaves words unused ("ALS emergency
        ambulance"); a plain "ALS" stays the disease. A title combining the product with another drug
        ("Inj. herceptin hylecta": trastuzumab and hyaluronidase) gets no credit."""
        groups: list[Group] = [(w,) for raw in lowered.split() for w in _words(raw)]
        if not groups:
            return
        said = {g[0] for g in groups} | set(read)

        def credited(
            code: Code | None, key: tuple[str, str], score: float, why: str, title: str = ""
        ) -> None:
            combined = code is not None and _combination(f"{code.title} {why}", said, self.english)
            add(
                code,
                key,
                score + (-COMBINATION_COST if combined else LITERAL_CREDIT),
                f"{why} (as typed)",
                title,
            )

        # Every word as typed, the payer too: a title holding the rest ("Flu immunize no admin") is no literal
        # answer to "flu shot admin medicare".
        self._text_matches(groups, ("hcpcs",), credited, [], broad=False, payer_optional=False)

    def _reaction_first(
        self, reaction: list[str], systems: Sequence[str], limit: int, whole: list[Hit]
    ) -> Hits | None:
        """ "stopped taking his levothyroxine now hypothyroid": the condition an adverse effect or underdosing
        story names beside the drug, searched on its own and listed first, the T code beside it (guideline
        I.C.19.e.5.a and c); None when those words name no condition."""
        words = [w for w in reaction if w not in TOLD_BETWEEN and not w.isdigit()]
        if not words or _READING_REACTION.get():
            return None  # (the reaction's own search may find an adverse effect by its title again)
        token = _READING_REACTION.set(True)
        try:
            named = self.find(" ".join(words), systems, limit)
        except QueryError:
            return None
        finally:
            _READING_REACTION.reset(token)
        if not named or named.notice or named[0].system != "ICD-10-CM" or named[0].code[:1] in "STVWXY":
            return None
        story = whole[0]
        lead = [named[0], replace(story, why=f"suggested with {named[0].code}: {story.why}")]
        listed: dict[tuple[str, str], Hit] = {}
        for h in [*lead, *whole[1:], *named[1:]]:
            listed.setdefault((h.system, h.code), h)
        return _with_notice(list(listed.values())[:limit], "")

    def _in_pregnancy_time(self, clause: str, when: str, systems: Sequence[str], limit: int) -> Hits | None:
        """A clause answered by a chapter 15 code, read again with the trimester or puerperium the whole line
        tells ("polyhydramnios, AFI 28 at 32 weeks": O40.3XX0, not the unspecified trimester's code), or None
        when that reading is no chapter 15 code."""
        try:
            found = self.find(f"{clause} {when}", systems, limit)
        except QueryError:
            return None
        return found if found and not found.notice and found[0].code.startswith("O") else None

    def _by_clause(self, text: str, systems: Sequence[str], limit: int, whole: list[Hit]) -> Hits | None:
        """The answer for the best-answered clause of a query of several (split at commas and semicolons),
        when a path holds that clause whole and it beats the answer for the query as a whole."""
        clauses = joined_sides([c.strip() for c in re.split(r"[,;]", text) if WORD.search(c.lower())])
        if len(clauses) < 2:
            return None
        clauses = [c for c in clauses if not denies(c)]  # "denies SI, reports anhedonia": not SI
        # "PDA ligation with clip, open": the approach of the procedure before it (bot.lookups.index.pcs_approach)
        asked = [c for c in clauses if not approach_only(c, said_approaches)]
        if len(asked) < len(clauses) and len(asked) < 2:
            return None  # the procedure and how it was done: the query as a whole
        clauses = asked
        best: tuple[Hits, str] | None = None
        poisoning: tuple[Hits, str] | None = None
        drug_story: tuple[Hits, str] | None = None  # an adverse effect or underdosing T code
        condition: tuple[Hits, str] | None = None  # the best-answered clause naming a condition
        loose: tuple[Hits, str] | None = None  # the first clause naming a condition, however surely
        answered: list[Hits] = []
        # "polyhydramnios, AFI 28 at 32 weeks", "preeclampsia mild, 5 days postpartum": when in the pregnancy
        # is a fact of the whole line; a clause naming the condition alone is read with it (the chapter 15
        # codes' trimester or puerperium axis, guideline I.C.15.a.3).
        when = pregnancy_time(text.lower())
        for clause in clauses:
            try:
                found = self.find(clause, systems, limit)
            except QueryError:
                continue
            if when is not None and found and found[0].code.startswith("O") and not says_when(clause.lower()):
                found = self._in_pregnancy_time(clause, when, systems, limit) or found
            if not found or found.notice:
                continue
            answered.append(found)
            # A clause typing one half of a compound main term ("controlled" of "Temperature-controlled
            # sEEG ...") is not answered whole: it never leads (filler.main_term_unsaid).
            partial = main_term_unsaid(clause, found[0].why)
            if not partial and (best is None or found[0].score > best[0][0].score):
                best = (found, clause)
            if poisoning is None and is_poisoning(found[0].code):
                poisoning = (found, clause)
            if drug_story is None and is_adverse_or_underdosing(found[0].code):
                drug_story = (found, clause)
            elif _names_condition(found[0], clause) and (
                condition is None or found[0].score > condition[0][0].score
            ):
                condition = (found, clause)
            elif loose is None and _names_condition(found[0], clause, 0.0):
                loose = (found, clause)
        if whole and is_poisoning(whole[0].code):
            return None
        if drug_story is not None and condition is None:
            # "skipped his eliquis, now has a dvt": beside an adverse effect or underdosing told, a clause
            # naming a condition is that condition, however few of its words the path holds.
            condition = loose
        if poisoning is None and drug_story is not None and condition is not None:
            # "missed doses of tegretol, seizure": the condition the drug caused or underdosing let relapse
            # first, the adverse effect or underdosing T code beside it (guideline I.C.19.e.5.a and c).
            (named, said), (story, told) = condition, drug_story
            lead = [
                replace(named[0], why=f"clause “{said}”: {named[0].why}"),
                replace(story[0], why=f"suggested with {named[0].code}: clause “{told}”: {story[0].why}"),
            ]
            listed: dict[tuple[str, str], Hit] = {}
            for h in [*lead, *named[1:], *story[1:], *whole]:
                listed.setdefault((h.system, h.code), h)
            return _with_notice(list(listed.values())[:limit], "")
        if poisoning is not None:
            # "ate wild mushrooms, vomiting": the poisoning first, its manifestation beside it (guideline
            # I.C.19.e.5.b), whichever clause the Index answers more surely.
            hits, clause = poisoning
            lead = [replace(h, why=f"clause “{clause}”: {h.why}") for h in hits[:1]]
            kept: dict[tuple[str, str], Hit] = {}
            for h in [*lead, *(f[0] for f in answered if f is not hits), *hits[1:], *whole]:
                kept.setdefault((h.system, h.code), h)
            return _with_notice(list(kept.values())[:limit], "")
        measured = _measured_lead(clauses, answered, whole)
        if measured is not None:
            best = measured
        elif (
            best is None or best[0][0].score < CLAUSE_SCORE or (whole and whole[0].score >= best[0][0].score)
        ):
            return None
        hits, clause = best
        shown = [replace(h, why=f"clause “{clause}”: {h.why}") for h in hits]
        seen = {(h.system, h.code) for h in shown}
        shown += [h for h in whole if (h.system, h.code) not in seen]
        return _with_notice(shown[:limit], "")

    def _recognised(self, words: list[str]) -> float:
        """The share of the query's words that some title, index term or vocabulary term holds."""
        meaningful = [
            w for w in words if len(w) > 1 and w not in {"with", "due", "to", "on", "of", "and", "in"}
        ]
        # A measured value beside a word ("K 2.9", "A1c 6.1") is judged by the word it measures.
        meaningful = [w for w in meaningful if not _value(w) or w.isdigit()]
        if not meaningful:
            return 1.0
        known = 0.0
        for word in meaningful:
            parts = [p for p in word.split("-") if p]  # "covid-19": the titles hold "covid" and "19"
            whole = len(parts) > 1 and all(p in self.freq or p.isdigit() for p in parts)
            plural = word.endswith("s") and (word[:-1] in self.freq or _stem(word) in self.freq)
            if word in self.freq or self.vocabulary.knows(word) or _value(word) or whole or plural:
                known += 1
            elif descriptor_forms(word):
                known += 1  # "lr", "d5ns": the descriptors spell it ("ringers lactate")
            elif stem_class(word):
                known += 1  # "alendronate": a drug its name's stem classes (bot.lookups.index.drug_stems)
            elif self._noun_of(word) is not None:
                known += 1  # "dizzy": the Index's Dizziness
            elif word.isalpha() and self.corrections(word)[0] != word:
                known += 0.5  # a misspelling of a known word ("diabetis")
            elif reads_procedure_word(
                self.index_tree().conn, word, (), self.vocabulary.body_part, self.index_tree().memo
            ):
                known += 1  # "perineorrhaphy": a procedure word read from its parts (Repair, perineum)
        return known / len(meaningful)

    def _plain_reading(
        self, text: str, lowered: str, understood: Understood, wanted: tuple[str, ...], coverage: float
    ) -> tuple[Understood, list[str], list[str], Found] | None:
        """An abbreviation that is also an English word, typed in lower case ("scratched by pet cat", "cat
        scan" aside): the query read with those words as plain English, when the Index holds that reading
        clearly better than the abbreviations' ("pet" -> PET scan, "cat" -> cataract)."""
        typed = set(re.findall(r"[A-Za-z]+", text))
        ambiguous = frozenset(
            term
            for term in understood.applied
            if " " not in term and term in self.english and term.upper() not in typed
        )
        if not ambiguous:
            return None
        vocabulary = self.vocabulary.without(ambiguous)
        again = understand(lowered, vocabulary)
        corrected, notes = self._spelling(again.words, lowered)
        notes = again.notes + notes
        found = index_hits(self, again, corrected, wanted, notes)
        if found.coverage < coverage + PLAIN_MARGIN and not self._item_word(corrected, ambiguous):
            return None
        return again, corrected, notes, found

    def _subterm_reading(
        self, lowered: str, understood: Understood, wanted: tuple[str, ...], coverage: float
    ) -> tuple[Understood, list[str], list[str], Found] | None:
        """A word the vocabulary reads on its own ("alcoholic" -> alcohol dependence) said beside a condition
        whose Index main term prints it as a subterm ("alcoholic gastritis": Gastritis, alcoholic K29.20;
        "alcoholic cardiomyopathy": Cardiomyopathy, alcoholic I42.6): the query read with the word as the
        Index prints it, when that reading holds clearly more of the query."""
        if "cm" not in wanted or coverage >= 1.0:
            return None
        replaced = {
            note.removeprefix("vocabulary: ").split(" -> ")[0]
            for note in understood.notes
            if note.startswith("vocabulary: ")
        }
        typed = lowered.split()
        kept = frozenset(
            w
            for w in replaced
            if " " not in w
            and any(o != w and len(o) > 3 and w in self._subterms(o) for o in typed if o not in replaced)
        )
        if not kept:
            return None
        again = understand(lowered, self.vocabulary.without(kept))
        corrected, notes = self._spelling(again.words, lowered)
        found = index_hits(self, again, corrected, wanted, again.notes + notes)
        if found.coverage < coverage + PLAIN_MARGIN:
            return None
        return again, corrected, again.notes + notes, found

    def _item_word(self, words: list[str], ambiguous: frozenset[str]) -> bool:
        """Whether an abbreviation typed as a plain word ends the query as the last word of a HCPCS item's
        name, the word before it naming the item ("gauze pad", "sterile gauze 4x4 pad": "Gauze, ... pad
        size ..." - not PAD, peripheral arterial disease)."""
        if len(words) < 2 or words[-1] not in ambiguous:
            return False
        before = next((w for w in reversed(words[:-1]) if w.isalpha() and len(w) > 2), "")
        rows = self._query(self._match([(words[-1],), (before,)]), "'hcpcs'") if before else []
        return any(len(r[3]) == 5 and begins_with(r[5], before) for r in rows)

    def _unknown_share(self, words: list[str]) -> float:
        """The share of the query's words (connectors and single letters aside) that no title, index term or
        vocabulary term holds and that are no misspelling of one; a number counts as a word here."""
        meaningful = [w for w in words if len(w) > 1 and w not in _CONNECTING]
        if not meaningful:
            return 0.0
        unknown = sum(
            1
            for w in meaningful
            if _value(w)
            or (
                w.isalpha()
                and w not in self.freq
                and not self.vocabulary.knows(w)
                and not descriptor_forms(w)
                and self.corrections(w)[0] == w
                and self._noun_of(w) is None
                and not stem_class(w)  # ("alendronate": a drug its name's stem classes)
            )
        )
        known = len(meaningful) - unknown
        digits = sum(1 for w in meaningful if _value(w))
        # Numbers beside known words are stages, doses, levels ("CKD 3", "kenalog 40"): unknown only beside
        # words that are unknown too.
        if known > 0:
            unknown -= digits
        return unknown / len(meaningful)

    def _spelling(self, words: list[str], typed: str = "") -> tuple[list[str], list[str]]:
        """Words known nowhere (no title, index term, vocabulary term or English word) corrected."""
        out: list[str] = []
        notes: list[str] = []
        for word in words:
            alternatives = self.corrections(word) if word.isalpha() else (word,)
            if (bare := self._morphology_of(word)) is not None:
                alternatives = (bare,)
                notes.append(f"word form: {word} → {bare}")
            elif alternatives[0] != word and (form := self._other_form(word)) is not None:
                # "narcoleptic": the Index main term it is a form of (Narcolepsy), not the nearest spelling
                # (neuroleptic)
                alternatives = (form,)
                notes.append(f"word form: {word} → {form}")
            elif alternatives[0] != word:
                notes.append(f"spelling: {word} → {'/'.join(alternatives)}")
            elif (noun := self._noun_of(word)) is not None:
                alternatives = (noun,)
                notes.append(f"word form: {word} → {noun}")
            elif (heard := self._heard_beside(word, [*words, *_words(typed)])) is not None:
                alternatives = (heard,)
                notes.append(f"spelling: {word} → {heard}")
            out.append(alternatives[0])
        return out, notes

    def _heard_beside(self, word: str, words: list[str]) -> str | None:
        """A real English word spelt for the clinical word it sounds like ("planter wart": Wart, plantar), read
        so only when a main term holding another word of the query has a line saying the clinical word."""
        if not word.isalpha() or word not in self.english:
            return None
        heard = self._heard_as(word)[0]
        if heard == word:
            return None
        tree = self.index_tree()
        wanted = stem(heard)
        for other in words:
            if other == word or not other.isalpha() or other in STOPWORDS:
                continue
            for main in tree.main_terms_holding(stem(other))[:MAX_HEARD_MAINS]:
                node = tree.node(main)
                if node is not None and tree.within(node, [wanted], limit=1):
                    return heard
        return None

    def _names_analyte(self, words: list[str]) -> bool:
        """Whether the words name a laboratory test by the analyte the Index's findings name
        (bot.lookups.index.services.names_analyte)."""
        tree = self.index_tree()
        return names_analyte(words, analyte_lines(tree.conn, tree.memo))

    def _known(self, word: str) -> bool:
        """Whether a title, index term, vocabulary term or English word holds the word, or it is a
        misspelling or a word form of one, or a procedure word read from its parts."""
        if word in self.freq or self.vocabulary.knows(word) or word in self.english or descriptor_forms(word):
            return True
        if stem_class(word):
            return True  # "alendronate": a drug its name's stem classes (bot.lookups.index.drug_stems)
        if self.corrections(word)[0] != word or self._noun_of(word) is not None:
            return True
        tree = self.index_tree()  # "scapuloplasty": a procedure word the PCS tables' body parts read
        return procedure_reading(tree.conn, word, self.vocabulary.body_part, tree.memo) is not None

    def _everyday_talk(self, query: str) -> bool:
        """Office talk in everyday words WordNet tells from a coding question's (bot.lookups.index.everyday_talk)."""
        words = talk_words(query)
        if not MIN_TALK_WORDS <= len(words) <= MAX_TALK_WORDS or _TWO_CAPITALS.search(query):
            return False  # (an abbreviation typed in capitals is a coding question's shorthand: "POI at 35")
        return everyday_talk(words, self.wordnet().senses, self._coded)

    def _chat_line(self, query: str) -> bool:
        """A line of chat words only, no place and no body part said (bot.lookups.index.chat_only)."""
        words = talk_words(query)
        if len(words) > MAX_TALK_WORDS or _TWO_CAPITALS.search(query):
            return False
        return chat_only(words, places_of(self.index_tree()), self.wordnet().senses)

    def _indexed(self, word: str) -> bool:
        """Whether an index line or the vocabulary holds the word."""
        return self.vocabulary.knows(word) or bool(self.index_tree().word_counts({stem(word)}))

    def framing_data(self) -> tuple[Callable[[str], bool], IndexTree]:
        """What bot.lookups.index.framing_words asks of the data: whether a title, an Index line or the
        vocabulary holds a word, and the Index."""
        return self._coded, self.index_tree()

    def _coded(self, word: str) -> bool:
        """Whether a title, an index line or the vocabulary holds the word, or an Index line holds the class
        its name's stem tells ("alendronate": Long-term drug therapy, bisphosphonates; drug_stems)."""
        return word in self.freq or self._indexed(word) or bool(stem_class(word))

    def _morphology_of(self, word: str) -> str | None:
        """ "macroadenoma": a size-prefixed word no title, index line or vocabulary term holds, read as the
        Index main term its rest is (Adenoma; bot.lookups.index.adjectives.without_size_prefix)."""
        rest = without_size_prefix(word)
        if not rest or self._coded(word):
            return None
        tree = self.index_tree()
        lines = sorted({node for _, node, _, _ in tree.matches([0], {stem(rest)})})
        main = sorted(m for n in tree.nodes(lines) if (m := _main_word(n.term)) and m.lower() == rest)
        return main[0].lower() if main else None

    def _noun_of(self, word: str) -> str | None:
        """The Index's word for a word in another form: an adjective's noun (`_adjective_noun`), a British
        spelling or another part of speech (`_other_form`); None when the word is in its form."""
        if word in self._forms:
            return self._forms[word]
        found = self._adjective_noun(word)
        if found is None:
            found = self._other_form(word)
        if len(self._forms) > 50_000:
            self._forms.clear()
        self._forms[word] = found
        return found

    def _other_form(self, word: str) -> str | None:
        """ "oedema", "panicking", "aphonic": a word no title or Index main term holds as typed, read as its
        American spelling a title or index line prints, or as the Index main term's word it is a form of
        (bot.lookups.index.word_forms)."""
        if len(word) < 5 or not word.isalpha() or word in FILLER or self.vocabulary.knows(word):
            return None
        tree = self.index_tree()
        if (tree.word_counts({stem(word)}) or word in self.freq) and (
            not word.endswith(VERB_ENDINGS)
            or self.freq.get(word) > RARE_FORM
            or tree.main_terms_holding(stem(word))
        ):
            # The data says it so ("collapsed": Collapse; "radiologic", "hypotonic": subterms; "sexually
            # transmitted": titles): only a verb's form the data hardly prints and no main term holds is read
            # as the main term's noun ("exploded": Explosion).
            return None
        owner = possessive_of(word)
        if owner in self.freq:
            return owner  # "kawasakis syndrome": Kawasaki's syndrome
        site = without_side_prefix(word)
        if site and stem(site) in self.body_sites():
            return site  # "paralyzed hemidiaphragm": Paralysis, diaphragm
        spellings = [s for s in american_forms(word) if s != word]
        for spelled in spellings:
            if spelled in self.freq:
                return spelled
        for spelled in (word, *spellings):
            for form in derived_forms(spelled):
                if self._heads_main_term(tree, form):
                    return form
        return None

    def _heads_main_term(self, tree: IndexTree, word: str) -> bool:
        """Whether an Index main term begins with the word ("Disappearance of family member")."""
        lines = sorted({node for _, node, _, _ in tree.matches([0], {stem(word)})})
        return any(
            n.term.split(",")[0].split("(")[0].strip().lower().split(" ")[0] == word
            for n in tree.nodes(lines)
        )

    def hyphen_forms(self) -> dict[str, str]:
        """The Index's hyphenated words by their hyphen-free stem (stored by the data build)."""
        forms = self._hyphen_forms
        if forms is None:
            conn = self.book.db.conn
            forms = derived.stored_or_built(
                conn, HYPHEN_FORMS, decode_hyphen_forms, lambda: build_hyphen_forms(conn)
            )
            self._hyphen_forms = forms
        return forms

    def _compound_word(self, joined: str) -> bool:
        return joined in self.freq or bool(self.index_tree().word_counts({stem(joined)}))

    def _printed_apart(self, first: str, second: str) -> bool:
        """Whether a title, an inclusion term or an Index line prints the two words side by side."""
        key = (first, second)
        found = self._apart.get(key)
        if found is None and self.vocabulary.knows(f"{first} {second}"):
            found = True  # a vocabulary term ("cold sore") is read as the vocabulary says
        if found is None:
            db = self.book.db
            try:
                found = bool(
                    db.execute(
                        "SELECT 1 FROM search WHERE search MATCH ? LIMIT 1", [f'"{first} {second}"']
                    ).fetchone()
                )
            except sqlite3.OperationalError as error:
                _busy_is_no_answer(error)
                found = True
            found = found or bool(
                db.execute(
                    "SELECT 1 FROM index_nodes WHERE id IN (SELECT node FROM index_words WHERE word = ? INTERSECT "
                    "SELECT node FROM index_words WHERE word = ?) AND lower(term) LIKE ? LIMIT 1",
                    [stem(first), stem(second), f"%{first} {second}%"],
                ).fetchone()
            )
            # ... or as a main term and its subterm ("heat stroke": Stroke, heat)
            found = found or bool(
                db.execute(
                    "SELECT 1 FROM index_words w JOIN index_words p ON p.node = w.parent "
                    "WHERE w.word IN (?, ?) AND p.word IN (?, ?) AND w.word != p.word LIMIT 1",
                    [stem(first), stem(second), stem(first), stem(second)],
                ).fetchone()
            )
            if len(self._apart) > 50_000:
                self._apart.clear()
            self._apart[key] = found
        return found

    def _compounds(self, lowered: str) -> tuple[str, list[str]]:
        """ "moya moya", "small pox", "burnout": two words the data prints as one, and a hyphenated Index
        word typed without its hyphen, written as the data writes them (bot.lookups.index.word_forms)."""
        typed = lowered.split()
        bare = [t.strip(",.;:!?()") for t in typed]
        notes: list[str] = []
        for n, joined in reversed(joined_pairs(bare, self._compound_word, self._printed_apart)):
            end = typed[n + 1][len(typed[n + 1].rstrip(",.;:!?)")) :]
            written = self.hyphen_forms().get(hyphen_key(joined), joined)
            notes.insert(0, f"word form: {bare[n]} {bare[n + 1]} → {written}")
            typed[n : n + 2] = [written + end]
            bare[n : n + 2] = [joined]
        for n, word in enumerate(bare):
            if len(word) < MIN_HYPHEN_FREE or not word.isalpha() or word in self.freq or self._indexed(word):
                continue
            hyphened = self.hyphen_forms().get(hyphen_key(word))
            if hyphened is not None:
                typed[n] = typed[n].replace(word, hyphened)
                notes.append(f"word form: {word} → {hyphened}")
        return (" ".join(typed), notes) if notes else (lowered, notes)

    def _short_forms(self, lowered: str, typed: str) -> tuple[str, list[str]]:
        """The query with each chart word cut short ("degen", "periton", "dmg", "radial n.") written as the Index
        word it stands for, chosen by the query's other words (bot.lookups.index.clipped_words), and the notes
        saying so; a word typed with capitals inside ("DAT", "ReA") is an initialism, not a word cut short."""
        lowered, notes = anatomy_letters(lowered)
        initialisms = capitalized(typed)
        short = [
            (w, c)
            for w in segments(lowered)
            if w not in initialisms
            and not self._joined_to_unknown(w, lowered)
            and (c := self._short_form_candidates(w))
        ]
        readings: dict[str, str] = {}
        for _ in range(2 if len(short) > 1 else 1):
            # (a second pass reads each beside the others' readings: "acute pulm histo" - pulmonary, then
            # histoplasmosis, whose line says pulmonary)
            read: dict[str, str] = {}
            for word, candidates in short:
                text = rewrite(lowered, {w: m for w, m in readings.items() if w != word})
                meant = read_clipped(word, candidates, other_words(text, word, STOPWORDS), self._beside)
                if meant is not None:
                    read[word] = meant
            readings = read
        notes += [f"short form: {w} → {m}" for w, m in readings.items()]
        return rewrite(lowered, readings), notes

    def _phrase_words(self) -> frozenset[str]:
        """The words of the vocabulary's phrases ("ank spond", "nec fasc"): the vocabulary's to read."""
        if self._vocabulary_phrase_words is None:
            self._vocabulary_phrase_words = frozenset(
                w for term in self.vocabulary.terms if " " in term for w in term.split()
            )
        return self._vocabulary_phrase_words

    def _joined_to_unknown(self, word: str, lowered: str) -> bool:
        """Whether a word is hyphenated to a word no Index line holds ("Solu-Medrol", "depo-medrol": a name)."""
        tree = self.index_tree()
        return any(not tree.word_counts({stem(other)}) for other in joined_words(lowered, word))

    def _beside(self, one: str, other: str) -> int:
        """How closely the Index holds two words: 2 when a line holds both or holds one directly below a line
        holding the other, 1 when a main term holding the one has a line below holding the other (`_together`),
        else 0."""
        if self.index_tree().share_line(stem(one), stem(other)):
            return 2
        return 1 if self._together(one, other) else 0

    def _short_form_candidates(self, word: str) -> tuple[tuple[str, int], ...]:
        """The Index words a query word no Index line, vocabulary term or dictionary holds may be cut short
        from (those beginning with it, or a vowelless word's consonants), most printed first; kept per word."""
        found = self._short_form_words.get(word)
        if found is not None:
            return found
        found = ()
        if (
            clipped_shape(word)
            and not self.vocabulary.knows(word)
            and word not in self._phrase_words()
            and word not in self.english
            and not self.wordnet().senses(word)
            and printed_seldom(word, self.freq.get(word))
            and not self._indexed(word)
        ):
            db = self.book.db
            rows = db.execute(
                "SELECT word, freq FROM words WHERE word > ? AND word < ? ORDER BY freq DESC LIMIT 40",
                [word, word + "~"],
            ).fetchall()
            if vowelless(word):
                rows += db.execute(
                    "SELECT word, freq FROM words WHERE word > ? AND word < ?", [word[0], word[0] + "~"]
                ).fetchall()
            ranked = sorted(
                ((str(w), int(n)) for w, n in rows if clipped_begins(word, str(w))),
                key=lambda r: (-r[1], r[0]),
            )
            kept: list[tuple[str, int]] = []
            for candidate, count in ranked:
                if candidate not in STOPWORDS and self._indexed(candidate):
                    kept.append((candidate, count))
                if len(kept) >= CLIPPED_CANDIDATES:
                    break
            found = tuple(kept)
        if len(self._short_form_words) > INITIALISMS_CACHED:
            self._short_form_words.clear()
        self._short_form_words[word] = found
        return found

    def _adjective_noun(self, word: str) -> str | None:
        """ "itchy", "dizzy": an adjective no title or index line holds, read as the noun an Index main
        term holds (itch, dizziness; bot.lookups.index.adjectives)."""
        tree = self.index_tree()
        state = f"{word}ism"
        # "hypothyroid", "hyperparathyroid": a state's adjective no main term holds, read as the Index's "-ism"
        # noun (Hypothyroidism).
        if (
            state in self.freq
            and word.isalpha()
            and not self.vocabulary.knows(word)
            and not self._main_terms(tree, word)
            and self._main_terms(tree, state)
        ):
            return state
        forms = noun_forms(word)
        if not forms or self.vocabulary.knows(word):
            return None
        if word in self.freq and (word.endswith("y") or tree.main_terms_holding(stem(word))):
            # (a Greek adjective only a title prints, "cachectic", still reads as its main term's noun; one
            # the Index says itself, "with psychotic features", stays as typed)
            return None
        for form in forms:
            lines = sorted({node for _, node, _, _ in tree.matches([0], {stem(form)})})
            main = sorted(m for n in tree.nodes(lines) if (m := _main_word(n.term)) and stem(m) == stem(form))
            if main:
                return main[0]  # the Index's own word ("wheezy" -> wheezing)
        return None

    @staticmethod
    def _main_terms(tree: IndexTree, word: str) -> list[str]:
        """The Index main terms whose main word is the word."""
        lines = sorted({node for _, node, _, _ in tree.matches([0], {stem(word)})})
        return [n.term for n in tree.nodes(lines) if _main_word(n.term) == word]

    def _ranked(
        self,
        scored: dict[tuple[str, str], tuple[float, str, Code | None, str]],
        limit: int,
        headers_below: bool = False,
    ) -> list[Hit]:
        """Best first. For words (`headers_below`), a header found beside a reportable code under it
        comes after that code; a code typed is answered by itself first."""
        if headers_below:
            placed = _headers_below(scored)
            ranked = sorted(scored.items(), key=lambda kv: (-placed[kv[0]], kv[0][1]))
        else:
            ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0][1]))
        return [self._hit(key, value) for key, value in ranked[:limit]]

    def _code_matches(self, token: str, add: _Adder) -> bool:
        code = undot(token)
        found_any = False
        for found in self.book.find(code):
            add(found, (found.system, found.code), 1000, "exact code")
            found_any = True
        for system in ("cm", "pcs", "hcpcs", "cpt"):
            for rank, found in enumerate(self.book.with_prefix(system, code, 40)):
                if found.code != code:
                    add(
                        found,
                        (system, found.code),
                        800 - (len(found.code) - len(code)) * 8 - rank * 0.1,
                        f"code starts with {display(system, code)}",
                    )
                    found_any = True
        return found_any

    def _expand(self, lowered: str) -> tuple[list[Group], list[str]]:
        """Word groups to search for: abbreviations expanded, synonyms and spelling corrections as alternatives."""
        groups: list[Group] = []
        notes: list[str] = []
        for raw in lowered.split():
            for word in _words(raw):
                alternatives = self.corrections(word)
                if alternatives[0] != word:
                    notes.append(f"spelling: {word} → {'/'.join(alternatives)}")
                extra = [
                    *self.vocabulary.alternatives(word),
                    *descriptor_forms(word),
                    *(self.clipped_forms(word) if getattr(self._local, "clipped", False) else ()),
                ]
                groups.append(tuple(dict.fromkeys((*alternatives, *extra))))
        unique: dict[Group, None] = dict.fromkeys(groups)
        return list(unique), notes

    def clipped_forms(self, word: str) -> tuple[str, ...]:
        """The HCPCS short descriptors' clipped forms of a word typed in full (bot.lookups.index.short_forms)."""
        forms = self._clipped_forms.get(word)
        if forms is None:
            if self._clipped is None:
                rows = self.book.db.execute(
                    "SELECT title FROM codes WHERE system = 'hcpcs' AND title_source LIKE '%short%'"
                ).fetchall()
                self._clipped = clipped_tokens((str(r[0]) for r in rows), self.english.__contains__)
            forms = clipped_forms(word, self._clipped) if word not in self._clipped else ()
            if len(self._clipped_forms) < 50_000:
                self._clipped_forms[word] = forms
        return forms

    def _descriptor_groups(self, lowered: str) -> list[Group]:
        """The typed words as groups with the descriptors' spelling beside each short name a DME supplier or
        front desk says ("cpap" -> positive airway pressure, "o2" -> oxygen) and each lay or trade name of an
        item ("knee scooter" -> crutch substitute; bot.lookups.hcpcs_items), the item's purpose left out, or []
        when no word is one."""
        words = [w for raw in item_part(lowered).replace(",", " ").split() for w in _words(raw)]
        typed, lay = with_lay_names(words)
        if not lay and not any(item_short_name(w) for w in words):
            return []
        unsaid = STOPWORDS | BILLING_WORDS | REORDER_WORDS
        said = [g for g in typed if g[0] not in unsaid]
        kept = [g for g in said if g[0] not in ITEM_WORDS] or said  # "neb machine": the title need not say it
        groups = list(dict.fromkeys(g if len(g) > 1 else (g[0], *typed_item_forms(g[0])) for g in kept))
        # A short name alone ("ALS") is read by the vocabulary and the Index: the item is said by the short
        # name with its noun or modifier ("cpap tubing", "als emergency transport"), or as a machine or unit;
        # a lay name names the item alone ("knee scooter").
        return groups if lay or len(groups) >= 2 or len(kept) < len(said) else []

    def _text_matches(
        self,
        groups: list[Group],
        wanted: tuple[str, ...],
        add: _Adder,
        notes: list[str],
        penalty: float = 0.0,
        broad: bool = True,
        items: bool = True,
        payer_optional: bool = True,
        negated_words: frozenset[str] = frozenset(),
    ) -> float:
        """Add the title and inclusion-term matches; the share of the words the best title holds (`items`: a
        HCPCS item may be read by its head noun, as in a query that links no two concepts; `negated_words`: the
        words of the clauses the query negates, which the understanding read out of `groups`)."""
        systems = ",".join(f"'{s}'" for s in wanted)  # from the fixed SYSTEMS tuple, never user text
        rows = self._exact(normalise(" ".join(g[0] for g in groups)), systems)
        rows += self._query(self._match(groups), systems)
        unpaid = [g for g in groups if g[0] not in PAYERS]
        if payer_optional and unpaid and len(unpaid) < len(groups):
            # "medicare annual wellness", "PSA screening medicare": the payer says which code set, not what
            # was done; a title need not print it (and it counts for no title).
            known = set(rows)
            rows += [r for r in self._query(self._match(unpaid), systems) if r not in known]
            groups = unpaid
        complete = 1.0 if rows else 0.0
        undenied = [g for g in groups if g[0] not in QUERY_NEGATIONS and not set(g) & negated_words]
        if negated_words and "hcpcs" in wanted and 1 < len(undenied) < len(groups):
            # "sterile needles only no syringe": a HCPCS title need not print what the query denies (A4215
            # "Needle, sterile, any size"); one that affirms it ("Syringe with needle") pays for it below.
            denial_free, denial_share = self._undenied_rows(undenied, len(groups))
        else:
            denial_free, denial_share = [], 0.0
        excluded = _excluded(groups)
        if excluded and "hcpcs" in wanted:
            # "aranesp non dialysis": the title for the other use ("(non-esrd use)") need not say the word
            # excluded; one that says it without "non" ("for esrd on dialysis") is the use excluded.
            known = set(rows)
            kept = [g for g in groups if g[0] not in excluded]
            more = [r for r in self._query(self._match(kept), "'hcpcs'") if r not in known]
            if more and not rows:
                complete = len(kept) / len(groups)
            rows += more
        doses = [g for g in groups if is_dose(g)]
        amount = amount_said([g[0] for g in groups]) if doses and len(doses) < len(groups) else None
        # A dose with its unit or a route ("1000 ml", "inj") is read by its fit; a bare number ("BMI 30",
        # "kenalog 40") stays a word unless no title holds it (below).
        dosed = bool(doses) and len(doses) < len(groups) and any(not g[0].isdigit() for g in doses)
        if rows and dosed:
            # "normal saline 1000 ml", "kenalog 40": every title of the drug, whatever unit it prints (1000 cc,
            # 10 mg); the dose then picks the one whose billing unit fits (`dose_fit`).
            kept = [g for g in groups if not is_dose(g)]
            known = set(rows)
            drugs = "'hcpcs'" if "hcpcs" in wanted else ""  # drug titles with a billing unit are HCPCS
            if drugs:
                rows += [r for r in self._query(self._match(kept), drugs) if r not in known]
        if not rows and doses and len(doses) < len(groups):
            # "kenalog 40 inj", "rocephin 1 gm", "lasix iv": the drug's title, whatever dose, unit or route
            # is written with it (the HCPCS title's unit is the billing unit, not the dose given).
            kept = [g for g in groups if not is_dose(g)]
            rows = self._query(self._match(kept), systems)
            if rows:
                dosed = True
                penalty += DOSE_COST
                complete = len(kept) / len(groups) + DOSE_SHARE
        if not rows and len(groups) > 1 and broad:
            # Leave out one word at a time: a word no title holds first ("afib with rvr" -> without "rvr"),
            # then the commonest, which says least ("furosemide intravenous" -> without "intravenous").
            for left_out in sorted(groups, key=self._leave_out_order)[:4]:
                rows = self._query(self._match([g for g in groups if g != left_out]), systems)
                if rows:
                    penalty += 80
                    complete = (len(groups) - 1) / len(groups)
                    break
        if denial_free:
            if not rows:
                complete = denial_share
            known = set(rows)
            rows += [r for r in denial_free if r not in known]
        if not rows and len(groups) > 1 and broad and items and "hcpcs" in wanted:
            # "single point cane", "glucose test strips box of 50": no word left out alone gives a title;
            # the item by its head (hcpcs_items), a HCPCS code (no modifier) naming it.
            for reading, dropped in head_readings(groups):
                rows = [r for r in self._query(self._match(reading), "'hcpcs'") if len(r[3]) == 5]
                if dropped:
                    # With modifiers left out, only the titles that name the item first are the item.
                    noun = head_noun(reading)
                    rows = [r for r in rows if begins_with(r[5], noun)]
                if rows:
                    head_stems = frozenset(_stem(g[0]) for g in reading if not g[0].isdigit())
                    named = any(title_head_names(r[5], head_stems) for r in rows)
                    penalty += DROPPED_COST * dropped - (HEAD_CREDIT if named else 0.0)
                    complete = max(len(reading) / len(groups), HEAD_SHARE if named else 0.0)
                    break
        if not rows and len(groups) > 1 and broad:
            # Any of the words: only while that is a short list (thousands of titles holding "care" or
            # "first" say nothing about the query, and reading them costs tens of milliseconds).
            terms = [self._term(g) for g in groups]
            rows = [] if self._any_broad(terms) else self._query(" OR ".join(terms), systems, most=OR_ROWS)
            penalty += 150
        # With a dose read, the dose's words count through its fit with the title, not as words.
        said_words = {w for g in groups for w in g}
        every = [frozenset(map(_alternative_stem, g)) for g in groups]
        undosed = [
            frozenset(map(_alternative_stem, g)) for g in groups if not dosed or not is_dose(g)
        ] or every
        route = route_said({w for g in groups for w in g})
        # A drug given ("B12 injection 1000 mcg", "b12 shot") is not the deficiency it treats.
        given = dosed and (amount is not None or bool(said_words & GIVEN))
        note = f" ({', '.join(notes)})" if notes else ""
        query_stems = frozenset(next(iter(sorted(g))) for g in every)
        first_stems = frozenset(_stem(g[0]) for g in groups)
        negated = not any("without" in g for g in groups)
        if negated_words:
            # "2x2 sterile gauze, no border": the clause left the words, not the query's meaning; the
            # understanding read each negation to its clause's end or the next "with" ("no side rails w
            # mattress"), which the words' groups, "with" left out, no longer show.
            refused = query_negated("without " + " ".join(sorted(negated_words)))
        else:
            refused = query_negated(" ".join(g[0] for g in groups))
        suffixed = _suffixed_names(groups)
        # (the words as typed, in order: a descriptor's opening said word for word)
        opening = tuple(g[0] for g in groups) if len(groups) >= OPENING_WORDS else ()
        said = {w for g in groups for w in g}
        said_stems = frozenset(stem(w) for w in said)
        tests = {id(g): _GroupTest(g) for g in (*every, *undosed)}
        every_tests = [tests[id(g)] for g in every]
        undosed_tests = [tests[id(g)] for g in undosed]
        for text, extra, system, code, source, title, billable, label in rows:
            doc = _doc_stems(text)
            if not doc:
                continue
            optional = _doc_stems(extra) if extra else frozenset()
            stems = undosed if system == "hcpcs" else every
            matched = sum(1 for t in (undosed_tests if system == "hcpcs" else every_tests) if t.held_by(doc))
            bonus = (
                CONTEXT_WEIGHT * sum(1 for g in stems if not (g & doc) and g & optional) if optional else 0
            )
            score = (
                400 * SOURCE_WEIGHT.get(source, 0.8)
                + 220 * min(1.0, matched / len(doc))
                + 200 * (matched + bonus) / len(stems)
                - penalty
            )
            if system == "hcpcs" and refused and _NEGATION.search(label):
                score -= _without_cost(label, said_stems, refused)
            elif negated and _NEGATION.search(label):
                # "Ischemia ... without myocardial infarction" is not what "heart attack" means; a HCPCS item
                # "without" a part the query says nothing of is less: it may be the plain item ("Knee orthosis,
                # without knee joint, rigid, custom fabricated" for "custom rigid knee orthosis")
                said_part = system != "hcpcs" or not _parts_denied(label) or _negates_said(label, said_stems)
                score -= 150 if said_part else UNSAID_WITHOUT_COST
            if affirms_what_is_negated(label, refused) or (
                system == "hcpcs" and affirms_what_is_negated(title, refused)  # a short label abbreviates
            ):
                score -= (
                    150  # "asthma with status asthmaticus" is what "asthma without status asthmaticus" is not
                )
            if system == "hcpcs" and negates_as_asked(title, refused):
                score += 150  # "gauze, no border": "..., without adhesive border" says it too
            if _says_not(title, said_stems):
                score -= 150  # "Gauze, ..., non-sterile" is what "sterile gauze" is not
            if system == "hcpcs" and _accessory(title, said):
                score -= ACCESSORY_COST
            if system == "hcpcs" and _variant(title, said):
                score -= VARIANT_COST
            if system == "hcpcs" and code[:1] in DME_LETTERS:
                score += _item_name(title, query_stems)  # "walker": "Walker, folding ..." names the item
            if (
                system == "hcpcs"
                and _OTHER_THAN.search(title)
                and self._other_substance_said(title, groups, doc)
            ):
                score += OTHER_THAN_CREDIT
            if system == "hcpcs" and opening and _opens_with(title, opening):
                score += OPENING_CREDIT
            if system == "hcpcs" and code.startswith("S"):
                score -= S_CODE_COST
            # (one string for the title and its label: the caches it keys below hold it once, not a copy each)
            labelled = f"{title} {label}" if system == "hcpcs" else ""
            if system == "hcpcs" and _combination(labelled, said, self.english):
                score -= COMBINATION_COST
            if system == "hcpcs" and excluded and _says_unexcluded(labelled, excluded):
                score -= EXCLUDED_COST
            if system == "hcpcs" and amount is not None:
                score += dose_fit(amount, title)
            if system == "hcpcs" and _restricted(labelled, said):
                score -= RESTRICTED_COST
            if system == "hcpcs" and code in self.drug_codes and names_product(title, said, self._rare):
                score -= PRODUCT_COST
            if system == "hcpcs" and route and other_route(route, title):
                score -= ROUTE_COST
            elif system == "hcpcs" and route == "injected" and INJECTED_TITLE.search(title):
                score += ROUTE_FIT
            if system == "cm" and given:
                score -= ROUTE_COST  # a drug given ("B12 injection 1000 mcg") is not the deficiency it treats
            other = _suffixed_other(suffixed, label.lower()) if suffixed else None
            if other is not None and other.rsplit("-", 1)[1] not in said:
                score -= SUFFIXED_COST
            if doc in (first_stems, query_stems):
                score += 120
            if system == "pcs" and other_approach(code, said_stems):
                score -= OTHER_APPROACH_COST
            origin = {"title": "title", "inclusion": "inclusion term"}.get(source, source)
            add(
                Code(system, code, title, "", "code", bool(billable), True, ""),
                (system, code),
                score,
                f"{origin}: {label}{note}",
            )
        return complete

    def _undenied_rows(
        self, undenied: list[Group], said: int
    ) -> tuple[list[tuple[str, str, str, str, str, str, int, str]], float]:
        """The HCPCS item titles (supplies, DME, orthotics and prosthetics: a part is denied of an item) holding
        the words a query does not deny (else all of them but one), and the share of the query's words they
        hold."""
        rows = [r for r in self._query(self._match(undenied), "'hcpcs'") if item_line(r[3])]
        if rows or len(undenied) < 3:
            return rows, len(undenied) / said
        for left_out in sorted(undenied, key=self._leave_out_order)[:LEFT_OUT_TRIES]:
            rows = self._query(self._match([g for g in undenied if g != left_out]), "'hcpcs'")
            rows = [r for r in rows if item_line(r[3])]
            if rows:
                return rows, (len(undenied) - 1) / said
        return [], 0.0

    def _other_substance_said(self, title: str, groups: list[Group], doc: frozenset[str]) -> bool:
        """Whether a descriptor's material class "other than X" ("Crutches underarm, other than wood, ...")
        holds a material the query says and the title does not print ("aluminum underarm crutches"): a word
        WordNet files first as a substance (noun.substance), none of the substances the clause excepts."""
        excepted = {w for clause in _OTHER_THAN.findall(title.lower()) for w in WORD.findall(clause)}
        wordnet = self.wordnet()
        if not any(_substance(wordnet, w) for w in excepted):
            return False  # ("Stat laboratory request (situations other than s3601)": no material class)
        for group in groups:
            word = group[0]
            if word in excepted or _stem(word) in doc:
                continue
            if _substance(wordnet, word):
                return True
        return False

    def _leave_out_order(self, group: Group) -> tuple[int, int]:
        if group[0] in PAYERS:
            return (-1, 0)  # "flu shot admin medicare": the payer says which code set, not what was done
        count = self.freq.get(group[0], 0)
        return (1, -count) if count else (0, 0)

    def _term(self, group: Group) -> str:
        if len(group) == 1:
            word = group[0]
            prefix = "*" if word not in self.freq and len(word) >= 3 else ""  # still typing: "pneumo"
            return f'"{word}"{prefix}'
        return "(" + " OR ".join(f'"{w}"' for w in group) + ")"

    def _match(self, groups: list[Group]) -> str:
        return " AND ".join(self._term(g) for g in groups)

    def _any_broad(self, terms: list[str]) -> bool:
        """Whether a term alone matches more than OR_ROWS documents: then the terms joined by OR do too, and
        `_query(..., most=OR_ROWS)` finds no answer in them (the OR query, tens of ms for common words, is
        not run). A term in error is no answer here: the OR query itself says."""
        sizes = sizes_for(self.book.db, self._local)
        try:
            return any(sizes.more_than(term, OR_ROWS) for term in terms)
        except sqlite3.OperationalError as error:
            _busy_is_no_answer(error)
            return False

    def _exact(self, norm: str, systems: str) -> list[tuple[str, str, str, str, str, str, int, str]]:
        sql = (
            f"SELECT text, '', system, code, source, title, billable, text FROM exact_terms "
            f"WHERE norm = ? AND system IN ({systems}) LIMIT 50"
        )
        return [tuple(r) for r in self.book.db.execute(sql, [norm]).fetchall()]

    def _query(
        self, match: str, systems: str, most: int = 0
    ) -> list[tuple[str, str, str, str, str, str, int, str]]:
        """Documents holding every word; the shortest first (they match the query most closely).

        For a word found in thousands of documents ("fracture") sorting them all would cost tens of
        milliseconds, so only the first matches are taken: the exact-term table has already found the
        entry a coder means by such a word. Run once per lookup for the same words (a query's readings and
        clauses search some of its words again); each caller gets its own list.
        """
        kept = memo()
        if kept is None:
            return self._query_rows(match, systems, most)
        key = ("query", id(self), match, systems, most)
        rows = kept.get(key)
        if not isinstance(rows, list):
            rows = kept[key] = self._query_rows(match, systems, most)
        return list(rows)

    def _query_rows(
        self, match: str, systems: str, most: int
    ) -> list[tuple[str, str, str, str, str, str, int, str]]:
        db = self.book.db
        try:
            sizes = sizes_for(db, self._local)
            rowids = sizes.matching(match, max(most, FEW_DOCUMENTS))  # the query run once, at most 4,001 read
            if most and len(rowids) > most:
                return []
            if len(rowids) <= FEW_DOCUMENTS:
                return sizes.shortest_of(rowids, _system_names(systems), 200)
            runs = sizes.runs_of(_system_names(systems))
            if runs is not None:
                return sizes.first_in_runs(match, runs, 200)
            sql = (
                f"SELECT text, extra, system, code, source, title, billable, label FROM search "
                f"WHERE search MATCH ? AND system IN ({systems}) LIMIT 200"
            )
            return [tuple(r) for r in db.execute(sql, [match]).fetchall()]
        except sqlite3.OperationalError as error:  # an FTS syntax corner case must not break a lookup
            _busy_is_no_answer(error)
            return []

    def _hit(self, key: tuple[str, str], value: tuple[float, str, Code | None, str]) -> Hit:
        score, why, code, label = value
        system, raw = key
        if code is None:
            return Hit(raw, SYSTEM_NAMES[system], label, False, "table", why, score)
        status = (
            "deleted"
            if not code.current
            else "modifier"
            if code.kind == "modifier"
            else "billable"
            if code.billable
            else "header"
        )
        return Hit(
            code.display,
            code.system_name,
            code.shown_title,
            code.billable and code.current,
            status,
            why,
            score,
        )


def _busy_is_no_answer(error: sqlite3.OperationalError) -> None:
    """The title search swallows an FTS syntax corner case (a query of odd punctuation): no rows. A database
    busy or locked is no such case - answering from what else was found would be a wrong answer given silently -
    so it is raised as DatabaseBusy: the command line says so, Slack answers "try again"."""
    if is_busy(error):
        raise DatabaseBusy(f"the code database was busy ({error})") from error


def _answers_as_deep(typed: Hits, read: Hits) -> bool:
    """The query as typed answers with confidence by a line of the same Index main term as the reading's answer,
    at least as deep: then the typed answer stands and the reading adds nothing (a lay shape, a place word)."""
    return bool(
        typed
        and not typed.notice
        and read
        and _main_term_of(typed[0].why) == _main_term_of(read[0].why)
        and _path_depth(typed[0].why) >= _path_depth(read[0].why)
    )


def _main_term_of(why: str) -> str:
    """The Index main term an answer's path starts with ("Index: Instability, joint, knee -> ..." ->
    "instability"), or "" when no Index path answered."""
    found = _CLAUSE_MAIN.match(why)
    return found.group(1).strip().lower() if found else ""


_READ_AS = re.compile(r"vocabulary: ([^;)]*?) -> ([^;)]*)")
# The words a found short descriptor was read as, or its 2020 long descriptor (bot.lookups.schema).
_DESCRIPTOR_READ = re.compile(r"\((?:read|2020): ([^()]*(?:\([^()]*\)[^()]*)*)\)")


def _dropped(why: str) -> set[str]:
    """The words a vocabulary reading of the answer's own left out as adding nothing to what it keeps ("eczema
    flare -> eczema": flare), which the answer need not use."""
    out: set[str] = set()
    for before, after in _READ_AS.findall(why.lower()):
        kept = set(after.split())
        if kept and kept < set(before.split()):
            out |= set(before.split()) - kept
    return out


def _unused_words(why: str) -> set[str]:
    """The words an answer's reason says it did not use."""
    return {w for found in re.findall(r"not used: ([^;)]*)", why) for w in found.split(", ")}


def _left_what_was_read(why: str, read: str) -> bool:
    """Whether an answer left unused a word the reading put in the Index's words ("enlarged spleen since she
    was born" -> Splenomegaly, not used: since, she, was, born; the reading said congenital)."""
    return bool(_unused_words(why) - set(read.split()))


def _path_depth(why: str) -> int:
    """How many terms the answer's Index path says before its code ("Index: Instability, joint, knee -> ...": 3)."""
    found = _CLAUSE_MAIN.match(why)
    return why[found.start(1) :].split(" -> ")[0].count(", ") + 1 if found else 0


def _circumstance_read(hit: Hit) -> bool:
    """Whether an answer is an encounter's circumstance (a Z code) an Index path found using every word it
    needed: no item the sentence names is what it asks for."""
    return hit.system == "ICD-10-CM" and hit.code.startswith("Z") and hit.why.startswith("Index:")


def _headers_below(
    scored: dict[tuple[str, str], tuple[float, str, Code | None, str]],
) -> dict[tuple[str, str], float]:
    """Scores with each header kept just below the best reportable code under it in the list ("W32.0"
    after "W32.0XXA"): a header is where the code is found, not what is reported."""
    under: dict[tuple[str, str], float] = {}
    for (system, raw), (score, _, code, _) in scored.items():
        if code is not None and code.billable:
            for size in range(3, len(raw)):
                key = (system, raw[:size])
                under[key] = max(under.get(key, score), score)
    out: dict[tuple[str, str], float] = {}
    for key, (score, _, code, _) in scored.items():
        best = under.get(key) if code is not None and not code.billable else None
        out[key] = min(score, best - 0.01) if best is not None else score
    return out


def _is_reading(clause: str) -> bool:
    """Whether a clause is a measured value the chart gives ("plts 40k", "Na 124", "SpO2 86% RA")."""
    lowered = clause.lower().strip()
    read = read_levels(read_values(lowered))
    # A finding the Index combines with the diagnosis beside it ("T2DM, glucose 400s": with hyperglycemia)
    # is read with it.
    return read != lowered and not COMBINED_FINDINGS & set(read.split())


def _reads_a_value_beside(text: str) -> bool:
    """Whether a chart line gives a measured value in a clause of its own beside other clauses."""
    clauses = [c for c in re.split(r"[,;]", text) if WORD.search(c.lower())]
    readings = [_is_reading(c) for c in clauses]
    return len(clauses) > 1 and any(readings) and not all(readings)


def _measured_lead(clauses: list[str], answered: list[Hits], whole: list[Hit]) -> tuple[Hits, str] | None:
    """The clause to lead a chart line holding a measured value in a clause of its own and other clauses:
    a diagnosis another clause names, which the value confirms ("chronic ITP, plts 40k": the ITP, not
    Thrombocytopenia); else the value's finding over the symptoms beside it ("Na 124, pt confused":
    Hyponatremia - a symptom of a confirmed condition is not coded apart, guideline I.B.5)."""
    if len(answered) != len(clauses) or len(clauses) < 2:
        return None
    readings = [_is_reading(c) for c in clauses]
    if not any(readings) or all(readings):
        return None
    findings = {
        w
        for clause, reading in zip(clauses, readings, strict=True)
        if reading
        for w in read_levels(read_values(clause.lower().strip())).split()
    }
    path = whole[0].why.split(" (")[0].lower() if whole else ""
    if (
        whole
        and whole[0].code not in {found[0].code for found in answered}
        and findings & set(WORD.findall(path))
    ):
        return (
            None  # "CKD 4, hgb 8.9": the Index's combination (Anemia, in, chronic kidney disease) holds both
        )
    told = [
        (found, clause)
        for found, clause, reading in zip(answered, clauses, readings, strict=True)
        if not reading and found[0].system == "ICD-10-CM"
    ]
    # (a diagnosis the clause says itself: "asymptomatic" is no "Asymptomatic neurosyphilis")
    diagnoses = [
        (found, clause)
        for found, clause in told
        if not found[0].code.startswith("R") and path_adds(clause.lower(), found[0].why) == []
    ]
    if diagnoses:
        return max(diagnoses, key=lambda t: t[0][0].score)
    values = [
        (found, clause)
        for found, clause, reading in zip(answered, clauses, readings, strict=True)
        if reading and found[0].system == "ICD-10-CM"
    ]
    if values and len(told) == len(clauses) - len(values):
        return max(values, key=lambda t: t[0][0].score)
    return None


def _names_condition(hit: Hit, clause: str, surely: float = CLAUSE_SCORE) -> bool:
    """Whether a clause's first answer is a condition said surely (an ICD-10-CM code outside the injury,
    poisoning and external cause chapters, by a path holding most of the clause: a score of at least
    `surely`), not the taking told."""
    return (
        hit.system == "ICD-10-CM"
        and hit.code[:1] not in "STVWXY"
        and hit.score >= surely
        and not tells_taking(clause)
    )


def _lab_test(understood: Understood, coverage: float) -> bool:
    """A laboratory test named by its specimen or method ("serum ferritin", "vitamin D 25 hydroxy"): the
    specimen said first or a method word anywhere, no finding, and the Index's best path leaves part of the
    query unused ("serum sickness", "urine retention" are Index entries whole: diagnoses; "cloudy urine"
    names the specimen last, as a finding does)."""
    said = understood.words
    return (
        "cpt" not in understood.kinds
        and bool(said)
        and (said[0] in SPECIMENS or bool(LAB_METHODS.intersection(said)))
        and not says_finding(said)
        and coverage < STRONG_SHARE
    )


_MEASURED = re.compile(r"^[<>]?[0-9]+(?:\.[0-9]+)?$")


def _value(word: str) -> bool:
    """Whether a word is a number or a measured value ("3", "2.9", ">72"): a stage, dose or level."""
    return bool(_MEASURED.match(word))


def _main_word(term: str) -> str:
    """A main term's own word when it is one word ("Infection, infected, infective" -> infection)."""
    head = term.split(",")[0].split("(")[0].strip().lower()
    return head if " " not in head else ""


VERB_ENDINGS = ("ed", "ing")
RARE_FORM = 3  # a verb's form printed this seldom in titles and index terms is read as its main term's noun
MIN_HYPHEN_FREE = 6  # "burnout": shorter words typed as one are no hyphenated Index word
PRODUCT_COST = 15.0  # a drug line for a maker's or a product's version the query does not name
PRODUCT_FREQ = 12  # a word printed this seldom, in parentheses on a drug line, names a maker or product
OPPS_ONLY_COST = 3.0  # a C drug line below the J or Q line printing the same drug
DRUG_LINE_LEAD = 30.0  # the drug line named leads what the other words found
DRUG_LINES_SHOWN = 3  # the drug's best lines first; its others after what the other words found
LITERAL_CREDIT = 300.0  # a HCPCS title holding the words as typed (a brand, a service's abbreviation)
_LETTERS_DIGITS = re.compile(r"^([a-z]{2,})(\d{1,2})$")


# A Tabular title naming the encounter ("Encounter for removal of sutures", "Persons encountering health
# services for ..."), not a status the patient has.
_ENCOUNTER_TITLE = re.compile(r"(?i)\bencounter")


def _better_line(
    scored: Sequence[tuple[float, Code]], first: str, said: Sequence[str], negated: frozenset[str], query: str
) -> bool:
    """Whether the drug-line reading picks another of the drug's lines than the one the title words found
    first: it fits the words said better (bot.lookups.doses.drug_line_score) and either adds fewer words to
    what was asked - its added words a part of the first's ("Injection, daratumumab" before "Daratumumab,
    hyaluronidase"; a salt adds nothing) - or its billing unit fits the dose said better ("eligard 22.5": per
    7.5 mg, not per 1 mg). Otherwise the title search's own reading of the line stands (its variants: the
    "compounded" albuterol is no plain one)."""
    own_fit, own = next(((fit, code) for fit, code in scored if code.code == first), (0.0, None))
    best_fit, best = scored[0]
    if own is None or best.code == first or best_fit <= own_fit:
        return False
    typed = dose_text(query)
    if said_dose_fit(best.title, said, typed) > said_dose_fit(own.title, said, typed):
        return True
    return line_adds(best.title, said, negated) < line_adds(own.title, said, negated)


def _same_drug(key: str, said: str) -> bool:
    """Whether a drug line's key is the drug said, or its short title's clipping ("pegfilgrast")."""
    return key == said or (len(key) >= 8 and said.startswith(key))


def _split_digits(word: str) -> tuple[str, ...]:
    """ "als1", "bls2": an abbreviation with its level run together, as titles print them apart ("als 1")."""
    match = _LETTERS_DIGITS.match(word)
    return (match.group(1), match.group(2)) if match else (word,)


ORDINAL_WORDS = {"A": "initial", "D": "subsequent"}
# A title found by its words naming another encounter than the query's costs more than the title length
# gains a shorter title ("..., sequela" against "..., initial encounter").
OTHER_ENCOUNTER_COST = 60.0  # the encounter said, as a service's title prints it
# A visit said to come after the first ("yearly wellness, not the first one", "after the first"): subsequent.
_LATER_VISIT = re.compile(r"\b(?:not\s+the\s+first|after\s+the\s+first)(?:\s+(?:one|visit|time|year))?\b")


def later_visit(text: str) -> str:
    """The text with a visit said to come after the first written as the titles print it ("subsequent")."""
    return _LATER_VISIT.sub("subsequent", text)


_REASON_FOR = re.compile(r"\b(?:for|to have|reason)\b")  # "here for chemo": a reason, not a named visit
# The patient a visit is for, as the service descriptors word it ("in-home visit for a new patient", "home
# visit for an existing patient", "office visit for an established patient"): who is seen, no reason.
_PATIENT_KIND = re.compile(r"\bfor (?:a |an |the )?(?:new|existing|established) patients?\b")
_LAST_FOR = re.compile(r"\bfor\s*$")  # a "for" ending the text (a descriptor cut short) says no reason


def _names_reason(lowered: str) -> bool:
    """Whether a query says a reason for its visit ("here for chemo"), the patient the visit is for ("for a
    new patient") and a "for" with nothing after it being none."""
    return bool(_REASON_FOR.search(_LAST_FOR.sub(" ", _PATIENT_KIND.sub(" ", lowered))))


_NOT_USED = re.compile(r"\(not used: [^)]*\)")
_LEFT_UNUSED = re.compile(r"not used: ([^;)]*)")
_DESCRIBED = re.compile(r"\(described: [^)]*\)")
PAYERS = frozenset({"medicare", "medicaid", "cms", "commercial", "insurance", "payer"})
CONDITION_UNREAD = 2  # words a condition's code must leave unread for a HCPCS descriptor reading them to lead
# A count spelt out, as the descriptors print it in figures ("Ostomy pouch, ... (1 piece)", "2 lead").
SPELLED_COUNTS = {words[0]: digits for digits, words in NUMBER_WORDS.items()}
# Words of a query that say how an item is billed, packed, paid or where it is used, not what it is: a HCPCS
# descriptor need not print them (bot.lookups.index.descriptor_reading).
DESCRIPTOR_OPTIONAL = STOPWORDS | BILLING_WORDS | REORDER_WORDS | PACKAGE_WORDS | PAYERS | {"per"}
OTHER_APPROACH_COST = 40.0  # a PCS title whose approach is not the one the query's words name
SUFFIXED_COST = 10.0  # a title naming another product of the drug the query names


def _suffixed_names(groups: list[Group]) -> tuple[str, ...]:
    """The query's words that could be a drug name printed with a four-letter suffix (`_suffixed_other`)."""
    return tuple(sorted({w for g in groups for w in g if len(w) >= 6 and w.isalpha()}))


def _suffixed_other(names: tuple[str, ...], label: str) -> str | None:
    """A drug name the query says ("pegfilgrastim", from "neulasta") printed in a title with a four-letter
    suffix ("pegfilgrastim-bmez"): the FDA's name for another product of it (a biosimilar), which a title
    naming the drug itself ("pegfilgrastim, excludes biosimilar") comes before. The pattern is compiled
    only for a title that prints one of the names with a hyphen after it (most titles print none)."""
    if not any(name + "-" in label for name in names):
        return None
    found = _suffixed_pattern(names).search(label)
    return found.group() if found is not None else None


@lru_cache(maxsize=1024)  # the same drug names come back query after query
def _suffixed_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")-[a-z]{4}\b")


_DRUG_LABELS = {k: v for k, v in COLUMN_LABELS.items() if k in TABLE_COLUMNS["drug"]}
POISONING_STORY = "poisoning story: "  # the "why" of a poisoning story's Table line (_substance_story_first)


class Hits(list[Hit]):
    """The ranked hits, and `notice`: what the search says about the query as a whole ("that is a CPT
    service ...", "no confident match ..."), or ""."""

    notice: str = ""


# A supply that goes with an item ("Brake attachment for wheeled walker", "Handgrip for cane", "Wheelchair
# accessory, crutch and cane holder", "Replacement, handgrip, cane ...") is not the item the query names.
ACCESSORY = re.compile(
    r"(?i)\b(?:accessor(?:y|ies)|attachments?|replacement|holders?|handgrips?|supplies|supply)\b"
)
ACCESSORY_FOR = re.compile(r"(?i)^(.*?)\b(?:for use with|used with|for)\b(.*)$")
ACCESSORY_COST = 60.0


# A title's "non-" word ("non-sterile", "Non-ST elevation", "nonrubber"): the opposite of the word it prefixes.
_NON_WORD = re.compile(r"\bnon(?:[- ]([a-z]+)|([a-z]{4,}))")


_NEGATION_SAID = re.compile(r"\b(?:no|not|non|without|w/o)\b|\bnon-")


def _says_not(title: str, said_stems: frozenset[str]) -> bool:
    """Whether a title says "non-X" for an X the query says without its own "non" ("sterile gauze" is not
    "Gauze, non-impregnated, non-sterile"; "non-sterile gauze" still is)."""
    if "non" in said_stems:
        return False
    return not _non_stems(title).isdisjoint(said_stems)


@lru_cache(maxsize=8192)  # bounded: keyed by the titles met
def _non_stems(title: str) -> frozenset[str]:
    """The stems of the words a title says "non-" before."""
    return kept(frozenset(stem(spaced or closed) for spaced, closed in _NON_WORD.findall(title.lower())))


def _accessory(text: str, said: set[str]) -> bool:
    """Whether a HCPCS title describes an accessory of what the query names, not the thing itself: it says
    "accessory", "attachment", "replacement" ... which the query does not, or every query word it holds
    comes after its "for" ("Brake for wheeled walker")."""
    marks, split = _accessory_marks(text)
    if any(mark not in said for mark in marks):
        return True
    if split is None:
        return False
    before, after = split
    stems = {_stem(w) for w in said}
    return not (before & stems) and bool(after & stems)


@lru_cache(maxsize=8192)  # bounded: keyed by the HCPCS titles met (about 9,000)
def _accessory_marks(text: str) -> tuple[tuple[str, ...], tuple[frozenset[str], frozenset[str]] | None]:
    """A title's accessory words, and the stems before and after its "for" (None without one)."""
    marks = tuple(m.group().lower() for m in ACCESSORY.finditer(text))
    split = ACCESSORY_FOR.match(text)
    if split is None or not WORD.search(text):
        return marks, None
    before = frozenset(_stem(w.lower()) for w in WORD.findall(split.group(1)))
    after = frozenset(_stem(w.lower()) for w in WORD.findall(split.group(2)))
    return marks, (before, after)


# A special version of an item ("Walker, heavy duty ...", "Hospital bed, institutional type", "Ped hospital
# bed"): the base item, with no such option, is what an item named plainly means.
VARIANT = re.compile(
    r"(?i)\b(?:heavy[ -]?duty|heavyduty|extra[ -]wide|bariatric|pediatric|ped|institutional|deluxe|"
    r"battery|power(?:ed)?|electric|semi-electric|total electric|custom[ -]fabricated|custom|"
    r"preservative[ -]free|extended[ -]release|intraocular|intravitreal|ophthalmic|otic|intrathecal|implant|"
    r"non-?covered|(?<!non-)(?<!non)compounded)\b"
)
VARIANT_COST = 45.0
# Words naming an item rather than what it is ("nebulizer machine", "CPAP device"): DME is a HCPCS item.
ITEM_WORDS = frozenset(
    {"machine", "machines", "device", "devices", "equipment", "unit", "supplies", "supply"}
)
# Words naming an operation on an item: "insulin pump insertion" is a procedure, not the pump.
OPERATION_WORDS = frozenset(
    {
        "insertion",
        "insert",
        "inserted",
        "placement",
        "removal",
        "remove",
        "replacement",
        "implant",
        "implantation",
        "revision",
        "change",
        "exchange",
        "repair",
        "ventilation",
        "assistance",
    }
)
ITEM_PROCEDURE_COST = 120.0
# HCPCS durable medical equipment, orthotics and prosthetics (E, K, L codes): a title whose head (the words
# before its first comma) is the whole query names the item ("Walker, folding ...", "Crutches, forearm ..."),
# above an Index line holding the word inside another name ("Dandy-Walker syndrome", "Crutch paralysis").
DME_LETTERS = frozenset("EKL")
ITEM_NAME_CREDIT = 320.0
BASE_CREDIT = 30.0


BASE_WORDS = frozenset({"standard"})  # "Standard wheelchair": the base item, before its options


def _item_name(title: str, query: frozenset[str]) -> float:
    """The credit for a DME title whose head names the item the query is: "Walker, folding ..." for
    "walker"; "Standard wheelchair" a little more than "Wheelchair, detachable arms ..." for "wheelchair"."""
    head = _doc_stems(title.split(",")[0])
    base = head & BASE_WORDS
    if head - base != query or base & query:
        return 0.0
    return ITEM_NAME_CREDIT + (BASE_CREDIT if base else 0.0)


def _names_item(words: Sequence[str]) -> bool:
    """Whether the query names an item (a machine, a device, supplies) and no operation on it."""
    said = set(words)
    return bool(said & ITEM_WORDS) and not (said & OPERATION_WORDS)


def _variant(text: str, said: set[str]) -> bool:
    """Whether a HCPCS title is a special version of an item ("heavy duty", "pediatric") the query did not
    ask for."""
    return any(not (words & said) for words in _variant_words(text))


@lru_cache(maxsize=8192)  # bounded: keyed by the HCPCS titles met
def _variant_words(text: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(m.group().lower().replace("-", " ").split()) for m in VARIANT.finditer(text))


DOSE_COST = 20.0  # a title found once the dose, unit or route is left aside
DOSE_SHARE = 0.25  # the dose words count for part of an answer: the drug is what was asked for


ROUTE_COST = 50.0
# HCPCS S codes are temporary national codes for private payers (Medicare does not accept them): a
# permanent code of the same words comes first.
S_CODE_COST = 30.0
COMBINATION_COST = 30.0
_PAIRED = re.compile(r"(?i)\b([a-z]{4,})\s*(?:\band\b|/)\s*([a-z]{4,})\b")


# Two drug names listed ("Pertuzumab, trastuzumab, 10 mg", "rituximab 10 mg and hyaluronidase"): words of
# six letters or more that are no English word, joined by a comma or "and", a dose between them allowed.
_LISTED = re.compile(r"(?i)\b(?=([a-z]{6,})\s*,?(?:\s*[\d.]+\s*[a-z]*)?\s*(?:,|\band\b)\s*([a-z]{6,})\b)")


def _combination(title: str, said: set[str], english: Container[str] | None = None) -> bool:
    """Whether a HCPCS title is a combination of the drug said with another ("meperidine and promethazine"
    for "phenergan", "pertuzumab, trastuzumab" for "herceptin"): one of two names joined by "and" or "/"
    (or two drug names listed: words in no English word list `english`, when given) is said, the other
    is not."""
    paired, listed = _named_pairs(title)
    if any((first in said) != (second in said) for first, second in paired):
        return True
    if english is None:
        return False
    return any(
        (first in said) != (second in said)
        for first, second in listed
        if first not in english and second not in english
    )


@lru_cache(maxsize=8192)  # bounded: keyed by the HCPCS titles met
def _named_pairs(title: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """The names a title joins by "and" or "/", and the names it lists (lower case)."""
    found = (
        tuple((m.group(1).lower(), m.group(2).lower()) for m in _PAIRED.finditer(title)),
        tuple((m.group(1).lower(), m.group(2).lower()) for m in _LISTED.finditer(title)),
    )
    return found if found[0] or found[1] else _NO_PAIRS  # (most titles: one pair of empty tuples, shared)


_NO_PAIRS: tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = ((), ())


EXCLUDED_COST = 100.0  # a HCPCS title for the use the query excludes ("non dialysis": "for esrd on dialysis")


def _excluded(groups: list[Group]) -> frozenset[str]:
    """The words a query excludes with "non" ("non dialysis", "non-esrd" -> esrd)."""
    return frozenset(
        groups[i + 1][0] for i, g in enumerate(groups[:-1]) if g[0] == "non" and groups[i + 1][0].isalpha()
    )


def _says_unexcluded(title: str, excluded: frozenset[str]) -> bool:
    """Whether a title says a word the query excludes, itself not excluded there ("for esrd on dialysis";
    "(non-esrd use)" says "esrd" excluded, as the query does)."""
    lowered = title.lower()
    return any(re.search(rf"(?<!non-)(?<!non )\b{re.escape(w)}\b", lowered) for w in excluded)


RESTRICTED_COST = 40.0  # a HCPCS title for a use or coverage the query does not say
# A descriptor's use or coverage restriction ("Blood glucose test strips, for dialysis", "Noncovered ambulance
# mileage"): the line for that use, which the plain line ("... strips for home blood glucose monitor") comes
# before unless it is said. The negated form ("non-esrd use") is no restriction.
_RESTRICTION = re.compile(r"(?i)(?<![-\w])(dialysis|esrd|noncovered|non-covered)\b")


def _restricted(text: str, said: set[str]) -> bool:
    """Whether a HCPCS title says a use or coverage restriction that no word of the query says."""
    found = _restrictions(text)
    return bool(found) and not found & {w.replace("-", "") for w in said}


@lru_cache(maxsize=8192)  # bounded: keyed by the HCPCS titles met
def _restrictions(text: str) -> frozenset[str]:
    """The use or coverage restrictions a HCPCS title says ("dialysis", "noncovered")."""
    return kept(frozenset(m.group(1).lower().replace("-", "") for m in _RESTRICTION.finditer(text)))


def _restriction_said(title: str, query: str) -> bool:
    """Whether a HCPCS title's use or coverage restriction is one the query says."""
    found = _restrictions(title)
    return bool(found & {w.replace("-", "") for w in re.findall(r"[a-z-]+", query.lower())})


def _system_names(systems: str) -> frozenset[str]:
    """The names in an SQL list of quoted system names ("'cm','pcs'")."""
    return frozenset(name.strip().strip("'") for name in systems.split(","))


def _unsaid_main_term(text: str, hit: Hit) -> bool:
    """Whether an answer is an ICD-10-CM Index path, read with no vocabulary, whose main term is no word of
    the query ("Lengthening, leg" for "ecchymoses on legs"); a Neoplasm Table row, a procedure or a reading
    ("cancer" -> Neoplasm) names its main term through the words the query said."""
    if not hit.why.startswith("Index: ") or "(vocabulary:" in hit.why or "(read:" in hit.why:
        return False
    main = hit.why.removeprefix("Index: ").split(" -> ")[0].split(", ")[0]
    return not {stem(w) for w in WORD.findall(main.lower())} & {stem(w) for w in WORD.findall(text.lower())}


def _titled(hit: Hit) -> bool:
    """Whether an answer was found by a title or an inclusion term (no Index path)."""
    return hit.why.startswith(("title:", "inclusion term:"))


def _used_stems(hit: Hit) -> frozenset[str]:
    """The stems an answer says: its code's title and the path, vocabulary and spelling that led to it (not
    the words it says it did not use, nor the clause it answers as typed)."""
    why = _NOT_USED.sub(" ", _CLAUSE_WHY.sub("", hit.why))  # nor the clause's words as typed
    return frozenset(stem(w) for w in WORD.findall(f"{hit.title} {why}".lower()))


def _leaves_unread(hit: Hit, word: RareWord) -> bool:
    """Whether an answer says it left a word unread: as not used, or in a clause other than the one it
    answers (and nowhere in its path)."""
    left = {w.strip() for w in _left_unread(hit)}
    if word.typed.removesuffix("'s") in left or word.typed in left:
        return not _reads_word(hit, word)
    clause = _CLAUSE_WHY.match(hit.why)
    return clause is not None and not said_stems(clause.group(1)) & word.stems and not _reads_word(hit, word)


def _frame_said(hit: Hit, query: str) -> bool:
    """Whether a Z answer's Index path ("History, personal", "Examination, follow-up") says a word the query
    says: the encounter or status frame the query names, its condition the frame's reason."""
    if not hit.why.startswith("Index: "):
        return False
    path = hit.why.removeprefix("Index: ").split(" -> ")[0]
    return bool(said_stems(path) & said_stems(query))


def _from_main_term(hit: Hit, line: MainLine, word: RareWord, said: frozenset[str]) -> bool:
    """Whether an answer is the rare word's main term's line: within the code the line prints (completed by the
    Tabular), or, for a line printing none, an Index path from the main term that names no word the query does
    not say; never an organism's code "as the cause of diseases classified elsewhere", which a coder adds
    beside the condition (the Tabular's B95-B97)."""
    if "classified elsewhere" in hit.title or not _reads_word(hit, word):
        return False
    if not line.read - word.stems <= _read_stems(hit):
        return False  # (the line's subterm words said by the answer: "Cellulitis, leg" is no Cellulitis NOS)
    code = line_code(line)
    if code:
        return undot(hit.code).upper().startswith(code)
    head = line.main.term.split(",")[0].split("(")[0].split()[0].lower()
    path = hit.why.removeprefix("Index: ").split(" -> ")[0]
    return (
        hit.why.startswith("Index: ") and path.lower().startswith(head) and not adds_unsaid(path, line, said)
    )


def _reads_word(hit: Hit, word: RareWord) -> bool:
    """Whether an answer reads a query's word: its path, title or reading says the word's stem (a word it says it
    did not use aside), or a word of the same root ("periodontitis": Diabetes, with, periodontal disease)."""
    read = _read_stems(hit)
    return bool(word.stems & read) or any(_same_root(s, r) for s in word.stems for r in read)


def _read_stems(hit: Hit) -> frozenset[str]:
    """The stems an answer says (its title and path, a reading's words when the answer says what they were read
    as: bot.lookups.filler.answer_stems) but those of the words it says it did not use (a word form's note names
    the word as typed: "takayasus -> takayasu's", not used: takayasus)."""
    clause = _CLAUSE_WHY.match(hit.why)
    why = _DESCRIBED.sub(" ", _NOT_USED.sub(" ", _CLAUSE_WHY.sub("", hit.why)))
    said = answer_stems(hit.title, why) | (said_stems(clause.group(1)) if clause else frozenset())
    return said - {word_stem(w.strip()) for w in _left_unread(hit)}


def _said_by(hit: Hit) -> frozenset[str]:
    """The stems an answer's path and title say (its notes left out)."""
    return content_stems(f"{_path_of(hit.why)} {hit.title}")


# What a description reading made of the words ("(described: cancer, larynx -> ...)": "voice box" is larynx).
_DESCRIBED_AS = re.compile(r"\(described: ([^)]*?) -> ")
# A neoplasm's code: malignant C00-C96, in situ, benign and uncertain D00-D49.
_NEOPLASM_CODE = re.compile(r"^(?:C|D[0-4])")
# The words of a neoplasm's History line that say its kind, said of a cancer in any words ("ca", "tumor").
_NEOPLASM_LINE_WORDS = content_stems("malignant neoplasm benign in situ nec index cancer carcinoma tumor")


def _unread(why: str) -> frozenset[str]:
    """The stems of the words an answer's note says it left unread ("(not used: prune, belly)")."""
    return frozenset(s for m in _LEFT_UNREAD.findall(why) for s in content_stems(m))


def _names_history(hit: Hit) -> bool:
    """Whether an answer is a history line holding every word said ("History, personal, malignant neoplasm,
    breast", "Thrombosis, personal history"), not one the words only brushed ("History, personal, poor
    personal hygiene" for "strep")."""
    return "history" in f"{hit.why} {hit.title}".lower() and "not used:" not in hit.why


def _residual_before_sequela(found: Hits) -> Hits:
    """ "sequela of left wrist fracture, stiffness": the residual the query names beside the injury's sequela
    code (already suggested with it) first, the sequela S code after it (guideline I.C.19.a: the residual
    is sequenced first)."""
    if len(found) < 2 or found[0].code[:1] not in INJURY_LETTERS or not found[0].code.endswith("S"):
        return found
    residual = found[1]
    if residual.code[:1] in INJURY_LETTERS or not residual.why.startswith(f"suggested with {found[0].code}:"):
        return found
    lead = [
        replace(residual, why=residual.why.split(": ", 1)[1]),
        replace(found[0], why=f"suggested with {residual.code}: {found[0].why}"),
    ]
    return _with_notice([*lead, *found[2:]], found.notice)


def _cause_beside(condition: Hit, cause: Hit, rest: Sequence[Hit]) -> list[Hit]:
    """The condition first, the external cause beside it as its suggested pair, then the other answers."""
    # (a pair suggested before: the new lead names it, and the lead is no longer suggested with the cause)
    said = _SUGGESTED.sub("", cause.why)
    lead = [
        replace(condition, why=_SUGGESTED.sub("", condition.why)),
        replace(cause, why=f"suggested with {condition.code}: {said}"),
    ]
    listed: dict[tuple[str, str], Hit] = {}
    for h in [*lead, *rest]:
        listed.setdefault((h.system, h.code), h)
    return list(listed.values())


def _event_before_setting(query: str, found: Hits) -> Hits:
    """ "fell out of bed at nursing home": the fall (W06) first, the place (Y92.129) beside it - a place,
    activity or status code is never listed first beside its event (bot.lookups.index.setting_after)."""
    at = event_before_setting([(h.code if h.system == "ICD-10-CM" else "", h.why) for h in found], query)
    if at is None:
        return found
    event, setting = found[at], found[0]
    lead = [event, replace(setting, why=f"suggested with {event.code}: {setting.why}")]
    return _with_notice([*lead, *(h for h in found[1:] if h is not event)], found.notice)


DRUG_WORD_IN_INDEX = 3  # a drug's name printed this seldom in the ICD-10-CM Index is no condition's word
_DRUG_PATH = re.compile(r"(?i)\b(?:drugs?|medicaments?|medicinal)\b")
_CLASS_INDUCED = re.compile(r"(?i)\w[- ]induced\b")  # a line naming its cause's class ("neuroleptic induced")


# Chapters whose drug lines are no adverse effect of a drug taken: a use or dependence's (F), the pregnancy's
# or the newborn's (O, P), as bot.lookups.index.induced_lines reads them.
_OTHER_DRUG_CHAPTERS = ("F", "O", "P")
_DRUG_LINE_WHY = re.compile(r"(?:clause “[^”]*”: )?drug line")  # a HCPCS drug line, for the query or a clause
_UNSPECIFIED_ADVERSE = "T88.7"  # Unspecified adverse effect of drug or medicament ("Reaction, drug NEC")
_SUBTERM_WORDS = frozenset({"drug", "induced"})  # condition_beside_drug.DRUG_SUBTERM's words


def _intent_of(code: str) -> str:
    """A T36-T65 code's intent character (the sixth, or the fifth where the sixth is the placeholder X:
    T51.91XA), "" for a code too short."""
    plain = undot(code)
    if len(plain) < 6:
        return ""
    return plain[4] if plain[5] == "X" else plain[5]


def _unread_words(why: str) -> set[str]:
    """The words a why says it left unused."""
    unused = _LEFT_UNREAD.search(why)
    return set(unused.group(1).split(", ")) if unused else set()


def _adverse_beside(hit: Hit, code: str) -> bool:
    """Whether a hit is an adverse effect's T code suggested beside the code (6th character 5)."""
    return (
        is_adverse_or_underdosing(hit.code)
        and "underdosing" not in hit.title.lower()
        and hit.why.startswith(f"suggested with {code}: ")
    )


def _readings_of(why: str) -> str:
    """What a why's notes say the query's words were read as ("vocabulary: hives -> urticaria" -> urticaria)."""
    return " ".join(re.findall(r"(?:vocabulary|word form|read): [^;)]*?(?:->|→) ([^;)]*)", why))


def _path_of(why: str) -> str:
    """A why's Index path, without the notes in parentheses."""
    return why.split(" (")[0]


def _main_term(why: str) -> str:
    """The Index main term a why's path starts from ("Index: Rash, drug -> L27.0" -> rash), or "" for a
    path not read from the Index."""
    if not why.startswith("Index: "):
        return ""
    return re.split(r",| -> ", why.removeprefix("Index: "), maxsplit=1)[0].strip().lower()


def _condition_code(hit: Hit) -> bool:
    """An ICD-10-CM code of a condition: not an injury, poisoning or external cause (S-Y) nor a status or
    encounter (Z)."""
    return hit.system == SYSTEM_NAMES["cm"] and hit.code[:1] not in "STVWXYZ"


def _cm_index_uses(tree: IndexTree, word: str) -> int:
    """How many ICD-10-CM Index lines print the word (counted up to a few, kept in the tree's memo)."""
    key = ("cm-index-uses", word)
    kept = tree.memo.get(key)
    if isinstance(kept, int):
        return kept
    row = tree.conn.execute(
        "SELECT COUNT(*) FROM (SELECT 1 FROM index_words w JOIN index_nodes n ON n.id = w.node "
        "WHERE w.word = ? AND n.book = 'cm' LIMIT 10)",
        (stem(word),),
    ).fetchone()
    tree.memo[key] = int(row[0])
    return int(row[0])


def _condition_before_drug_story(found: Hits) -> Hits:
    """ "fixed drug eruption from bactrim": the condition the query names beside an adverse effect or
    underdosing T code (already suggested with it) first, the T code after it (guideline I.C.19.e.5.a and c:
    the nature of the adverse effect, or the condition underdosing let relapse, is sequenced first) - also when
    a word of the condition's own line ("Eruption, drug") was read as the drug."""
    if len(found) < 2 or not is_adverse_or_underdosing(found[0].code):
        return found
    condition = found[1]
    if (
        condition.system != "ICD-10-CM"
        or condition.code[:1] in "STVWXY"
        or not condition.why.startswith(f"suggested with {found[0].code}:")
    ):
        return found
    lead = [
        replace(condition, why=condition.why.split(": ", 1)[1]),
        replace(found[0], why=f"suggested with {condition.code}: {found[0].why}"),
    ]
    return _with_notice([*lead, *found[2:]], found.notice)


_VOCABULARY_NOTE = re.compile(r"vocabulary: ([^;()]+?) -> ([^;()]+?)(?=[;)])")
CONDITION_LOOKS = 5  # the answers a condition the adverse effect caused is looked for among


def _condition_of_adverse_effect(found: Hits) -> Hits:
    """ "low sodium from hctz", "potassium low from lasix": an adverse effect's T code first, and below it the
    condition's own Index line, which uses every word of the query but the drug's: the condition first, the T
    code beside it (guideline I.C.19.e.5.a: the nature of the adverse effect is sequenced first)."""
    if len(found) < 2 or found.notice or not is_adverse_or_underdosing(found[0].code):
        return found
    first = found[0]
    drugs = set(_READ_DRUG.findall(first.why))
    if not drugs:
        return found
    typed = {
        word
        for said, means in _VOCABULARY_NOTE.findall(first.why)
        if means.strip() in drugs
        for word in said.split()
    }
    drug_words = drugs | typed
    for n, hit in enumerate(found[1:CONDITION_LOOKS], start=1):
        if hit.system != SYSTEM_NAMES["cm"] or hit.code[:1] in "STVWXYZ" or not hit.why.startswith("Index:"):
            continue
        unused = _LEFT_UNREAD.search(hit.why)
        if unused is None or not set(unused.group(1).split(", ")) <= drug_words:
            continue
        lead = [hit, replace(first, why=f"suggested with {hit.code}: {first.why}")]
        rest = [h for m, h in enumerate(found) if m not in (0, n)]
        return _with_notice([*lead, *rest], found.notice)
    return found


VERB_ENDING = 2  # letters a root operation's noun may add to its verb's stem ("remov": "removal")
VERB_LEAST = 5  # the least stem read as a root operation's verb


def _verb_of(said: str, root: str) -> bool:
    """Whether a stem is the verb of a root operation's noun stem ("remov" of "removal")."""
    return len(said) >= VERB_LEAST and root.startswith(said) and len(root) - len(said) <= VERB_ENDING


def _stage_sibling_first(query: str, found: Hits) -> Hits:
    """A first answer of one stage of life where the query tells the event happened in the other, and the
    answer of that stage is among the next ("neglected as a kid": Z62.812, not Z91.412 adult neglect; "hx of
    physical abuse by ex-partner": Z91.410, not Z62.810 in childhood; bot.lookups.index.life_stage)."""
    if len(found) < 2 or found[0].system != SYSTEM_NAMES["cm"]:
        return found
    at = stage_sibling(query.lower(), [h.title for h in found[:LOOKED_AT_STAGE]])
    if at is None or found[at].system != found[0].system:
        return found
    hit = replace(found[at], why=f"{found[at].why} (the stage of life the query tells)")
    return _with_notice([hit, *(h for n, h in enumerate(found) if n != at)], found.notice)


def _first_replaced(found: Hits, code: Code, step: str) -> Hits:
    """The answer with its first hit replaced by `code` of the same category, the step said in its why."""
    hit = replace(found[0], code=code.display, title=code.title, why=f"{found[0].why} -> {step}")
    return _with_notice([hit, *(h for h in found if h.code != hit.code)], found.notice)


def _with_notice(hits: list[Hit], notice: str) -> Hits:
    found = Hits(hits)
    found.notice = notice
    return found


class _Adder(Protocol):  # the inner add() callback of Searcher.find
    def __call__(
        self, code: Code | None, key: tuple[str, str], score: float, why: str, title: str = ""
    ) -> object: ...


_searchers: dict[int, tuple[str, Searcher]] = {}
_lock = threading.Lock()


def searcher_for(book: CodeBook) -> Searcher:
    """The book's searcher, built anew when the data changed under it (an import: its data version moved),
    so no word count, spelling correction or index node read from the old data answers."""
    version = book.data_version()
    with _lock:
        kept = _searchers.get(id(book))
        if kept is None or kept[1].book is not book or kept[0] != version:
            kept = (version, Searcher(book))
            _searchers[id(book)] = kept
        return kept[1]


#: Every lookup ranks at least this many answers and cuts to what the caller asked, so the first answers do not
#: depend on how many the caller shows: Slack's first page asks for 11 (a page of 10 and one to know there is
#: more), the command line 10 by default, the benchmarks 5. Several readings reorder within the answers they
#: were given, so ranking 5 and ranking 11 could put different codes first.
RANKED_DEPTH = 11
DENIED_NOTICE = (
    'No code: the query only denies ("denies ..."), and a finding the patient does not have is not coded.'
    " Look up what was found instead."
)


def _also_not_used(why: str, words: Sequence[str]) -> str:
    """The why with words typed before the answered part said as not used, in one list with any it has."""
    said = ", ".join(w.strip(",;") for w in words)
    head, mark, rest = why.rpartition(" (not used: ")
    if mark and rest.endswith(")"):
        return f"{head} (not used: {said}, {rest}"
    return f"{why} (not used: {said})"


def find_codes(book: CodeBook, query: str, systems: Sequence[str] = SYSTEMS, limit: int = 10) -> Hits:
    """The codes a coder would pick for a query, each with why, and the notice above them (the lookup
    itself, `_find_codes`, then the CPT notice over an ancillary PCS answer with no stay said)."""
    # "left-sided", "without FB of nose": the qualifiers where the search reads them (sibling_qualifiers)
    query = read_qualifiers(query)
    found = _find_codes(book, query, systems, limit)
    if found and found.notice.startswith(NO_CONFIDENT_MATCH):
        # only the closest lines answered: a HCPCS descriptor reading the query's words all but one is the
        # item asked, before lines the search was not confident of (bot.lookups.index.descriptor_reading)
        with one_lookup():
            read = searcher_for(book).descriptor_reading(
                query, systems, _with_notice([], found.notice), max(limit, RANKED_DEPTH)
            )
        if read:
            found = read if len(read) <= limit else _with_notice(read[:limit], read.notice)
    if not found and found.notice.startswith(NO_CONFIDENT_MATCH):
        # nothing answered: each word of the query opened as an Index main term (bot.lookups.index.main_term_walk)
        with one_lookup():
            found = searcher_for(book).descriptor_reading(query, systems, found, max(limit, RANKED_DEPTH))
            found = searcher_for(book).main_term_walk(query, systems, found, max(limit, RANKED_DEPTH))
        found = found if len(found) <= limit else _with_notice(found[:limit], found.notice)
    elif found and not found.notice:
        # an item named in a HCPCS descriptor's words beside a condition (bot.lookups.index.descriptor_reading)
        with one_lookup():
            found = searcher_for(book).hcpcs_before_condition(query, systems, found, limit)
    return _ancillary_as_cpt(query, _no_device_left_for_removal(query, found))


def _no_device_left_for_removal(query: str, found: Hits) -> Hits:
    """A query asking only to take a device out keeps no ICD-10-PCS answer that leaves a device in
    (bot.lookups.index.removal_told: Removal vs Insertion, guideline B6.1a); when every answer does, none is
    given and the notice says why."""
    if not found or not asks_only_taking_out(query):
        return found
    kept = [h for h in found if h.system != SYSTEM_NAMES["pcs"] or not leaves_device_in(h.code, h.title)]
    if len(kept) == len(found):
        return found
    if kept:
        return _with_notice(kept, found.notice)
    return _with_notice([], f"{NO_CONFIDENT_MATCH}. {REMOVAL_NOT_INSERTION}")


def _ancillary_as_cpt(query: str, found: Hits) -> Hits:
    """A first answer from an ancillary ICD-10-PCS section ("caloric vestibular testing": F15Z08Z) with no
    inpatient stay said in the query as typed gets the CPT notice above it: outside a stay the service is
    billed with CPT, the PCS code is its inpatient equivalent (bot.lookups.index.ancillary_sections). The
    answers stay as found; a clause read inside the lookup is not noticed (its answer is weighed as found)."""
    first = found[0] if found and not found.notice else None
    if first is None or first.system != "ICD-10-PCS" or says_stay(query):
        return found
    section = ancillary_section(first.code)
    if not section:
        return found
    what = f"Outside an inpatient stay that is a CPT service (ICD-10-PCS {section} codes it inpatient)"
    return _with_notice(list(found), CPT_NOTE.format(what=what))


def _find_codes(book: CodeBook, query: str, systems: Sequence[str], limit: int) -> Hits:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}.")
    if denies_every_finding(query):
        # "pt denies chest pain": every clause says a finding is absent, and a denied finding is not coded
        return _with_notice([], DENIED_NOTICE)
    found_part = without_denied(query)
    if found_part is not None:
        # "denies fever but has cough", "pt denies nausea, reports heartburn": what is denied is not coded
        found = _find_codes(book, found_part[0], systems, limit)
        denied = found_part[1]
        return _with_notice([replace(h, why=_also_not_used(h.why, denied)) for h in found], found.notice)
    framing = without_framing(query, *searcher_for(book).framing_data())
    if framing is not None:
        # "pt reports central scotoma OD", "vancomycin allergy, per patient", "bone graft status - please code":
        # who tells it, when, and the request are no words of what is coded (bot.lookups.index.framing_words)
        found = _find_codes(book, framing.text, systems, limit)
        left = f"not used: {', '.join(framing.cut)}"
        return _with_notice([replace(h, why=f"{h.why} ({left})") for h in found], found.notice)
    span = without_span(query)
    if span is not None:
        # "cough for 2 weeks", "fever x3 days": the complaint, its span read past (bot.lookups.index.time_spans)
        found = _find_codes(book, span.text, systems, limit)
        if not found or found[0].system != "ICD-10-PCS":  # (a procedure's duration picks its code)
            left = f"not used: {', '.join(span.cut)}"
            return _with_notice([replace(h, why=f"{h.why} ({left})") for h in found], found.notice)
    depth = max(limit, RANKED_DEPTH)
    with one_lookup():
        kept = memo()
        if kept is not None:
            kept.setdefault(ASKED, query)  # the query as the user typed it (the outermost lookup's)
        searcher = searcher_for(book)
        found = searcher.real_word_typo(query, systems, searcher.find(query, systems, depth), depth)
        found = searcher.z_line_unanswered(query, systems, found)
        found = searcher.rare_main_term(query, systems, found, depth)
        found = searcher.value_band_said(query, systems, found)
        found = searcher.unread_path_first(query, found)
        found = searcher.condition_kind_first(query, found)
        found = searcher.reporting_line_yields(query, found)
        found = searcher.item_head_agrees(query, systems, found)
        found = searcher.age_agreeing_first(query, found)
        found = searcher.national_item_first(query, found)
        found = searcher.said_axis_first(query, found)
        found = _stage_sibling_first(query, found)
    if not found and found.notice.startswith(NO_CONFIDENT_MATCH):
        found = _spelled_out_answer(book, query, systems, depth, found)
    if not found and found.notice.startswith(NO_CONFIDENT_MATCH):
        found = _principal_clause_answer(book, query, systems, depth, found)
    found = _cause_parts_answer(book, query, systems, depth, found)
    return found if len(found) <= limit else _with_notice(found[:limit], found.notice)


_splitting = threading.local()  # inside a story's parts (_cause_parts_answer): its parts are not split again


def _cause_parts_answer(book: CodeBook, query: str, systems: Sequence[str], depth: int, found: Hits) -> Hits:
    """An injury story read in its parts (guideline I.C.20; bot.lookups.index.cause_parts): when the query
    read whole answers no mechanism line ("hit with baseball bat during game" -> Activity, baseball), the
    query without a setting clause that answers a mechanism line (Struck by, bat, baseball -> W21.11) leads,
    and the clause told as a setting alone, when it answers a Place of occurrence, Activity or External cause
    status line, is suggested beside it. A named injury first (S, T) is kept: it is sequenced before its
    cause (I.C.19, I.C.20), and so is a setting the query's whole reading put first beside a bare cause."""
    if "cm" not in systems or getattr(_splitting, "on", False) or not may_read_parts(query):
        return found
    if found and (
        found[0].system != "ICD-10-CM"
        or is_mechanism(undot(found[0].code))
        or found[0].code[:1] in "ST"
        or (is_named_setting(found[0].code) and read_bare_setting(query.lower()) is not None)
        or (not is_named_setting(found[0].code) and "(not used: " not in found[0].why)
    ):
        return found  # (a condition read whole, every word used, is no story misread: "lump in breast")
    _splitting.on = True
    try:
        for parts in cause_parts(query):
            cause = _find_codes(book, parts.cause, systems, depth)
            if not cause or cause.notice or not told_mechanism(undot(cause[0].code), cause[0].why):
                continue
            first = cause[0]
            setting = _find_codes(book, parts.setting, systems, depth)
            read = (
                bool(setting)
                and not setting.notice
                and is_named_setting(setting[0].code)
                and setting_read(setting[0].why, parts.clause)
            )
            beside = (
                [
                    replace(
                        setting[0],
                        score=first.score,
                        why=f"suggested with {first.code}: {setting[0].why} (setting: {parts.clause})",
                    )
                ]
                if read
                else []
            )
            if not beside and not (found and is_named_setting(found[0].code)):
                continue  # (a clause no setting reads is part of the story, unless the whole read a setting)
            told = "story in parts" if beside else "not used"
            lead = replace(first, why=f"{first.why} ({told}: {parts.clause})")
            rest = [h for h in cause[1:] if all(h.code != b.code for b in beside)]
            return _with_notice([lead, *beside, *rest], "")
    finally:
        _splitting.on = False
    return found


def _principal_clause_answer(
    book: CodeBook, query: str, systems: Sequence[str], depth: int, found: Hits
) -> Hits:
    """A chart line of several findings no path answers whole: the clause said first that its own lookup
    answers whole, a definitive diagnosis before a symptom (bot.lookups.index.principal_clause); else the
    answer as typed."""
    clauses = line_clauses(query)
    if not clauses:
        return found
    answers: dict[str, Hits] = {}
    read: list[Answered] = []
    for clause in clauses:
        try:
            hits = _find_codes(book, clause, systems, depth)
        except QueryError:
            continue
        if hits and not hits.notice:
            answers[clause] = hits
            adds = tuple(main_term_adds(clause, hits[0].why) or ())
            read.append(Answered(clause, hits[0].code, hits[0].system, hits[0].why, adds))
    chosen = principal(read)
    if chosen is None:
        return found
    note = principal_note(chosen.clause, clauses)
    return _with_notice([replace(h, why=f"{h.why} ({note})") for h in answers[chosen.clause]], "")


def _spelled_out_answer(book: CodeBook, query: str, systems: Sequence[str], depth: int, found: Hits) -> Hits:
    """A query finding no confident match asked again with its abbreviations written out, as the vocabulary
    reads them ("spontaneous SAH worst HA of life": subarachnoid hemorrhage, headache), when the answer's line
    reads one of them (bot.lookups.index.spelled_out); else the answer as typed."""
    spelled = spelled_out(query, searcher_for(book).usual_senses)
    if spelled is None:
        return found
    again = _find_codes(book, spelled.text, systems, depth)
    if not again or again.notice or not any(line_reads(again[0].why, means) for _, means in spelled.meanings):
        return found
    return _with_notice([replace(h, why=f"{h.why} ({spelled.note})") for h in again], "")
