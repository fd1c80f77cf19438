"""From understood query words to verified codes: match the index paths, complete the code in the
Tabular, say why, and offer the pair when a query holds two codable things.

Scores are on the search's scale: a path that uses every word of the query scores 1,000 (above any title
match), one that uses half of them 800; the words a path adds that the query did not say cost.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from bot.lookups.codebook import Code
from bot.lookups.index.agents import agent_path, asks_agent, is_agent, names_organism, title_names
from bot.lookups.index.asked_with import asked_twin
from bot.lookups.index.axes import other_value
from bot.lookups.index.cause_objects import cause_alternatives
from bot.lookups.index.classes import class_line
from bot.lookups.index.completion import (
    QUERY_NEGATIONS,
    affirms_what_is_negated,
    approach_abbreviations,
    complete_cm,
    complete_pcs,
    negated_words,
    negates_what_is_said,
    root_operation,
    said_approaches,
    split_negation,
    used_incision_words,
    used_key_words,
    value_words,
)
from bot.lookups.index.drug_class_lines import nec_below_class
from bot.lookups.index.external_causes import SETTING_OR
from bot.lookups.index.history_classes import personal_history, personal_history_head
from bot.lookups.index.injury_natures import other_than_traumatic
from bot.lookups.index.lab_results import result_alternatives
from bot.lookups.index.linked import already_linked, condition_head, hosts, links
from bot.lookups.index.long_term import long_term_line
from bot.lookups.index.matching import (
    COLUMN_STEMS,
    MODIFIER_SHARE,
    Matcher,
    PathMatch,
    QueryWord,
    alternatives_in_order,
    query_words,
    word_forms,
    word_weight,
)
from bot.lookups.index.nec_guess import NEC_GUESS_COST, guessed_nec
from bot.lookups.index.nec_lines import NEC_YIELD_COST, yielding
from bot.lookups.index.neoplasm_columns import neoplasm_alternatives
from bot.lookups.index.neoplasm_site_words import site_nouns
from bot.lookups.index.neoplasm_sites import column_by_part, sites_from_two_parts
from bot.lookups.index.neoplasm_spread import (
    SiteClause,
    named_site_line,
    names_other_line,
    spread_clauses,
    spread_prepositions,
    tells_spread,
)
from bot.lookups.index.other_cause_lines import names_other_cause
from bot.lookups.index.pcs_abscess import subcutaneous_drainage
from bot.lookups.index.pcs_alteration import alteration_for_appearance
from bot.lookups.index.pcs_anastomosis import (
    end_qualifier,
    joined_ends,
    joined_operation,
    said_route_end,
    used_end_words,
)
from bot.lookups.index.pcs_biopsy import excision_for_biopsy
from bot.lookups.index.pcs_body_part_key import body_part_key_words, key_note, lymph_node_words
from bot.lookups.index.pcs_coronary_procedures import coronary_procedure_words
from bot.lookups.index.pcs_definition_verbs import definition_note, definition_operations, names_body_part
from bot.lookups.index.pcs_device_put import device_echo, device_operations
from bot.lookups.index.pcs_devices import device_words, used_device_nouns, used_drain_words
from bot.lookups.index.pcs_diagnostic import used_study_words
from bot.lookups.index.pcs_dilation import dilation_for_device
from bot.lookups.index.pcs_drains import drainage_for_drain
from bot.lookups.index.pcs_forms import keyed_by_form, table_form_words
from bot.lookups.index.pcs_fracture_sites import fracture_site_words
from bot.lookups.index.pcs_fractures import fixation_words, fractured_bone_words, not_the_bone
from bot.lookups.index.pcs_grafts import graft_source_words
from bot.lookups.index.pcs_hernia import hernia_region_words, said_by_part
from bot.lookups.index.pcs_inspection import procedure_before_inspection
from bot.lookups.index.pcs_joints import dislocated_joint_words
from bot.lookups.index.pcs_lay_verbs import lay_verb_operations, verb_note
from bot.lookups.index.pcs_layers import layer_for_region
from bot.lookups.index.pcs_levels import level_words, ordinal_words, segment_words
from bot.lookups.index.pcs_lobes import lung_lobe_for_lobe
from bot.lookups.index.pcs_matter import (
    SCOPE_APPROACHES,
    extirpation_for_matter,
    matter_taking_words,
    things_said,
    used_matter_words,
)
from bot.lookups.index.pcs_operations import operation_readings
from bot.lookups.index.pcs_partial import excision_for_portion
from bot.lookups.index.pcs_procedure_names import procedure_name_alternatives
from bot.lookups.index.pcs_putting_in import keys_device_value, names_device_value, putting_in_readings
from bot.lookups.index.pcs_removal import resection_for_body_part, used_removal_words
from bot.lookups.index.pcs_roots import (
    pcs_main_first_words,
    read_procedure_words,
    roots_or_nouns,
    with_derived_parts,
)
from bot.lookups.index.pcs_said_part import body_part_said
from bot.lookups.index.pcs_section_words import used_section_words
from bot.lookups.index.pcs_spine import counted_joints, fusion_level_words
from bot.lookups.index.pcs_stoma import stoma_qualifier_words
from bot.lookups.index.pcs_substitutes import substitute_by_definition
from bot.lookups.index.pcs_subterm_roots import subterm_note, subterm_operation_readings
from bot.lookups.index.pcs_suffixes import SUFFIX_CREDIT, names_operation, suffix_operation
from bot.lookups.index.pcs_supplement import supplement_for_substitute
from bot.lookups.index.pcs_tubes import tube_tip_words
from bot.lookups.index.pcs_value_words import value_word_alternatives
from bot.lookups.index.pcs_vessels import clot_vessel_words
from bot.lookups.index.pcs_widening import dilation_for_balloon
from bot.lookups.index.per_lookup import ASKED, memo
from bot.lookups.index.query import LONG_TERM_ECHOES, Understood
from bot.lookups.index.ranges import contradicted, stated_numbers
from bot.lookups.index.reasons import (
    CAUSED_WORDS,
    HISTORY_FAMILY,
    drug_classes,
    drug_with,
    history_code,
    long_term_classes,
    residual_child,
)
from bot.lookups.index.see_forms import see_forms
from bot.lookups.index.sequencing import (
    LOOKED_AT,
    code_first_rank,
    complete_cited,
    supplementary,
    titled_by_note,
)
from bot.lookups.index.site_forms import with_site_forms
from bot.lookups.index.site_regions import limb_alternatives
from bot.lookups.index.store import book_of
from bot.lookups.index.stories import CONDITION_FIRST_COLUMNS, reaction_parts
from bot.lookups.index.tabular_classes import states_link, tabular_class_line
from bot.lookups.index.tree import SIDE_STEMS, IndexTree, Node, book_name
from bot.lookups.index.vague import ranked_main_terms
from bot.lookups.index.vocabulary import PROCEDURE_SUFFIX
from bot.lookups.index.words import content_stems, stem, tokens
from bot.lookups.systems import display

if TYPE_CHECKING:
    from bot.lookups.search import Searcher

CM_BOOKS = ("cm", "ext", "drug", "neoplasm")
STORY_LINE_CREDIT = 30.0
EXTERNAL_CAUSE_LETTERS = frozenset("VWXY")
NOISE_WEIGHT = 0.2
DRUG_DEFAULT_COST = 450.0
# the words a path holding only the cause says (bot.lookups.index.lookup.index_hits: "caused")
_CAUSE_LINKS = frozenset(stem(w) for w in (*CAUSED_WORDS, "associated", "related"))
DRUG_COLUMN_STEMS = frozenset(s for stems in COLUMN_STEMS["drug"].values() for s in stems)
REASON_KINDS = frozenset({"status", "history", "family", "allergy", "longterm", "aftercare"})
# Queries about a drug as a class the Index names: "allergic to amoxicillin" (History, personal, allergy,
# penicillin), "on coumadin" (Long-term drug therapy, anticoagulants), "myopathy due to lovastatin" (Myopathy,
# drug-induced).
DRUG_CLASS_KINDS = frozenset({"allergy", "longterm", "caused", "history"})
# A drug named before these words describes an organism (methicillin resistant, vancomycin susceptible), not
# a drug the patient took or is allergic to.
SENSITIVITY_WORDS = frozenset({"resistant", "resistance", "susceptible", "sensitive", "sensitivity"})
NEGATED_TITLE_COST = 150.0
OTHER_FORM_COST = 30.0  # an injury's main term form other than traumatic, not said (Fracture, pathological)
# Circumstances of the patient a coder codes only when documented: an Index line or title naming one the
# query does not say is a guess.
CIRCUMSTANCE_STEMS = frozenset(
    stem(w)
    for w in [
        "congenital",
        "newborn",
        "neonatal",
        "perinatal",
        "fetus",
        "fetal",
        "pregnancy",
        "puerperium",
        "puerperal",
        "childbirth",
        "transplanted",
        "postprocedural",
    ]
)
CIRCUMSTANCE_COST = 200.0
NOT_SAID_SHARE = 0.5  # a word the query negates and a code's title does not say: half said  # a code whose title negates what the query says
RANGE_COST = 300.0  # a line whose age / duration range holds none of the query's numbers
SPREAD_COVERAGE = 0.9  # a spread's sites read each in its own Table line (neoplasm_spread)
SPREAD_SITE_SHARE = 0.5  # of a clause's site words, the share its Table line must use
TABLE_BOOK = "neoplasm"
NOT_THE_BONE_COST = 20.0  # a fracture's Reposition of a body part that is no bone (pcs_fractures)
OTHER_SITE_COST = 20.0  # a Table line named only by a later form that is a site line of its own
TWO_SITES_COST = 300.0  # a Neoplasm Table site line named by words of two linked parts
SITE_GUESS_COST = 300.0  # an injury path through "by site" to a site the query did not name
NAMED_DRUG_CREDIT = 2.0  # a line naming the drug itself, against one naming its class
ALLERGY_STATUS_COST = 300.0  # an allergy named as a status: not an adverse effect happening now
HISTORY_NOTE_COST = 30.0
NAMED_HISTORY = 900.0  # an Index History line this good names the condition itself
FULL_SHARE = 0.999  # a condition's Index line that says every word of it
HISTORY_STEMS = frozenset(
    stem(w) for w in ["personal", "family", "history", "of", "other", "disease", "with", "without"]
)  # a history code by the Tabular's note, below an Index line that names it all
REASON_PCS_COST = 450.0
OTHER_HISTORY_COST = 500.0  # a family history answered by another code, or a personal one by a family code
NONTRAUMATIC = re.compile(r"\bnon-?traumatic\b", re.IGNORECASE)  # a title denying an injury event told
ALL_SAID = 0.999  # a coverage reading every word of the query
NEW_TECHNOLOGY_COST = 300.0  # a section X path whose words the query did not all say
# A state the patient is in, not an injury being treated; an allergy told with no reaction is its status
# ("allergic to bee stings": History, personal, allergy, insect, bee Z91.030, not the sting's toxic effect
# T63.44- the Index's "Allergy, bee sting (anaphylactic shock)" codes).
STATE_KINDS = frozenset({"status", "history", "allergy"})
INJURY_LETTERS = frozenset("ST")
ECHO_COVERAGE = 0.85  # echo words count only on a path using this share of the query's words
ECHO_CREDIT = 30.0  # per weight of an echo word a path uses (an unsaid path word costs 20)


def _as_typed(text: str) -> str:
    """The query as the user typed it (kept by the lookup under way; bot.lookups.search.ASKED), or `text`: a
    reading of a clause or core leaves out the function words a verb's grammar is read by ("is closed")."""
    kept = memo()
    asked = kept.get(ASKED) if kept is not None else None
    return asked if isinstance(asked, str) else text


def _reads_operation(why: str, told: dict[str, str]) -> bool:
    """Whether a PCS path begins with a root operation noun a verb of the query was read as."""
    first = why.partition(": ")[2].split(",")[0].split(" ")[0].lower()
    return first in told.values()


@dataclass(frozen=True)
class IndexHit:
    code: Code
    score: float
    why: str
    nodes: tuple[int, ...] = ()  # the Index path's line ids, when the hit is a path's
    unsaid: float = 0.0  # the weight of the path's words the query did not say


@dataclass
class Found:
    hits: list[IndexHit] = field(default_factory=list)
    coverage: float = 0.0  # the share of the query's words the best path used
    closest: list[str] = field(default_factory=list)  # main terms near the query, for "no confident match"
    adds: float = 0.0  # words the best path says that the query did not
    best_nodes: tuple[Node, ...] = ()  # the lines of the best path, main term first (said_ends)
    # The words naming the condition an adverse effect or underdosing story tells beside the drug, when the
    # Index paired no code with them ("missed dilantin doses breakthrough seizure": breakthrough seizure).
    reaction: list[str] = field(default_factory=list)


def index_hits(
    searcher: Searcher,
    understood: Understood,
    words: Sequence[str],
    systems: Sequence[str],
    notes: Sequence[str],
) -> Found:
    tree = searcher.index_tree()
    conn = tree.conn
    matcher = Matcher(tree)
    if "pcs" in systems and not understood.kinds & REASON_KINDS:
        # ("presence of coronary stent", "history of CABG": the state, a Z code, not the procedure)
        words = coronary_procedure_words(words)
    words, operations, forms = read_procedure_words(
        conn, list(words), searcher.vocabulary.body_part, tree.memo
    )
    # "pyloromyotomy", "dacryocystorhinostomy": a word read by its parts says how (pcs_form_nouns)
    told_forms = "; ".join(forms.values())
    if "pcs" in systems:
        # "gastrojejunostomy": the organ the anastomosis ends in is its Bypass's qualifier (pcs_anastomosis)
        understood.joined_ends = joined_ends(
            words, roots_or_nouns(conn, searcher.vocabulary.body_part, tree.memo)
        )
    subterm_read: dict[str, list[str]] = {}
    verb_read: dict[str, str] = {}
    defined: dict[str, list[str]] = {}
    device_named = device_told = False
    if "pcs" in systems:
        # "fine needle aspiration of thyroid": a root operation the Index has no main term for (Drainage).
        operations = {**operation_readings(list(words), tree.names_procedure), **operations}
        # "sutured the right upper eyelid": Suture sends on by its subterms only (Repair, Occlusion)
        subterm_read = subterm_operation_readings(conn, list(words), tree.memo, searcher.root_operations())
        operations = {**subterm_read, **operations}
        # "took out the plate from the right collarbone": the verb's root operation noun (pcs_lay_verbs)
        first_words = pcs_main_first_words(conn, tree.memo)
        verb_read = lay_verb_operations(
            searcher.wordnet(), words, searcher.root_operations() & first_words, first_words.__contains__
        )
        verb_read = {w: noun for w, noun in verb_read.items() if w not in operations}
        # "PICC placement", "ICD implant": a device put in is Insertion (pcs_putting_in)
        said_stems = frozenset(stem(w) for w in words)
        key_values = value_words(conn, said_stems, tree.memo)
        device_named = bool(
            key_values
            or device_words(conn, said_stems, tree.memo)
            or names_device_value(conn, said_stems, tree.memo)
        )
        # (a device, not a body part the Body Part Key names: "great saphenous vein")
        device_told = device_named and (
            keys_device_value(key_values, conn, tree.memo)
            or bool(device_words(conn, said_stems, tree.memo))
            or names_device_value(conn, said_stems, tree.memo)
        )
        for w, noun in putting_in_readings(searcher.wordnet(), words, device_named).items():
            if w not in operations and w not in verb_read:
                verb_read[w] = noun
        operations = {**{w: [noun] for w, noun in verb_read.items()}, **operations}
        # "freed up scarred flexor tendons", "skin flap moved on the chest": a verb of the root operations'
        # definitions ("Freeing a body part ...": Release; "Moving ...": Reposition, Transfer; pcs_definition_verbs)
        wordnet = searcher.wordnet()
        defined = {
            w: nouns
            for w, nouns in definition_operations(
                wordnet,
                words,
                searcher.root_operations() & first_words,
                first_words.__contains__,
                lambda w: names_body_part(wordnet, w),
                tokens(_as_typed(understood.text)),
            ).items()
            if w not in operations
        }
        operations = {**defined, **operations}
    alternatives = {w: [*searcher.vocabulary.alternatives(w), *operations.get(w, [])] for w in words}
    if "pcs" in systems:
        # "facelift", "tummy tuck": the clinical name a dictionary gives (Rhytidectomy; pcs_procedure_names)
        indexed = lambda w: bool(tree.word_counts({stem(w)}))  # noqa: E731
        names = procedure_name_alternatives(
            conn, searcher.wordnet(), words, tree.memo, indexed, searcher.vocabulary.knows
        )
        for w, more in names.items():
            if w in alternatives:
                alternatives[w] = [*alternatives[w], *more]
    if "pcs" in systems and (
        operations
        or any(tree.names_procedure(stem(w)) for w in words)
        or said_approaches(frozenset(stem(w) for w in words))
    ):
        # "screw in the left cheekbone", "femur shaft": the tables' anatomical words (pcs_value_words)
        for w, more in value_word_alternatives(conn, searcher.wordnet(), words, tree.memo).items():
            if w in alternatives:
                alternatives[w] = [*alternatives[w], *more]
    for w, mains in result_alternatives(tree, words).items():
        alternatives[w] = [*alternatives[w], *mains]  # "elevated lipase": Abnormal, serum level, lipase
    for w, limb in limb_alternatives(tree, words, alternatives).items():
        alternatives[w] = [*alternatives[w], limb]  # "boil on my thigh": Furuncle, leg (any part)
    for w, mains in cause_alternatives(tree, words).items():
        alternatives[w] = [*alternatives[w], *mains]  # "injured by a rototiller": Contact, with, rototiller
    forms = see_forms(conn, tree.memo)
    for w in words:
        if w in forms:
            alternatives[w] = [*alternatives[w], forms[w]]  # "embolus": Embolus - see Embolism
    for w, table in neoplasm_alternatives(words).items():
        alternatives[w] = [*alternatives[w], table]  # "retrobulbar mass, uncertain behavior": Neoplasm
    for w, site in site_nouns(conn, tree.memo, words, alternatives, pertains=searcher.pertainyms).items():
        alternatives[w] = [*alternatives[w], site]  # "vulvar cancer": Neoplasm, vulva
    named: set[str] = set()  # stems of drugs the query names, which a line naming the drug itself uses
    class_said: set[str] = set()  # the class of a drug told as a cause (its Table class: "neuroleptics")
    if understood.kinds & DRUG_CLASS_KINDS:
        # "adrenal metastases from lung carcinoma": a spread's site (a Neoplasm Table line) is no substance
        # its "from" tells was taken (bot.lookups.index.neoplasm_spread)
        sites = {
            w
            for clause in spread_clauses(words, spread_prepositions(tree))
            for w in clause.words
            if named_site_line(tree, [w], alternatives)
        }
        for i, w in enumerate(words):
            if w in sites:
                continue
            if i + 1 < len(words) and words[i + 1] in SENSITIVITY_WORDS:
                continue  # "methicillin susceptible staphylococcus aureus": an organism's sensitivity, no drug taken
            # ("clozapine-induced agranulocytosis" reaches here as two words: bot.lookups.index.drug_induced;
            # a substance use disorder's "cocaine-induced" compound is left whole, as its F1- lines print it)
            classes = drug_classes(tree, w)
            if classes and i and drug_with(tree, words[i - 1], w):
                # "rash from sulfamethoxazole trimethoprim": one line of the Table ("Sulfamethoxazole, with
                # trimethoprim"), named by the first drug; the second's own classes would make a class line
                # (Antiparasitic drug) hold both words and come before the reaction's "Rash, drug".
                named.add(stem(w))
                continue
            if "longterm" in understood.kinds:
                # (the one line the Tabular names the drug's class by, when it names one: "ibuprofen" ->
                # anti-inflammatory, non-steroidal, not the Table's "Analgesic" beside it)
                line = long_term_line(tree, w)
                classes = line or (*classes, *long_term_classes(tree, w))
            if classes:
                named.add(stem(w))
                caused = CAUSED_WORDS if "caused" in understood.kinds else ()
                alternatives[w] = [*alternatives[w], *classes, *caused]
                if caused:
                    # (said in the answer's reason: the drug chose the condition's "drug-induced" line)
                    notes = [*notes, f"read: {w} -> drug or medicament"]
                    # (the Table's classes, the broadest - its T code's block, "psychotropic" - left out)
                    class_said.update(stem(c) for c in (classes[:-1] if len(classes) > 1 else classes))
    kept, refused = _refused(words, understood.negated)
    qwords = query_words(words, alternatives)
    if not qwords:
        return Found()
    # "Ewing sarcoma of pelvis": the Table's "pelvis, pelvic" makes the pelvis of Neoplasm, bone, pelvic
    qwords = with_site_forms(qwords, conn, tree.memo)
    required = len(qwords)  # the words a path must cover; after them the echoes, which a path may use
    # "percutaneous pinning right distal radius fracture": the hardware names the fixation, whose words
    # (Fixation, bone, Internal, ...) a path may use as it uses the vocabulary's (pcs_fractures)
    fixing = fixation_words(conn, list(words), tree.memo) if "pcs" in systems else {}
    fixed = [w for said in fixing.values() for w in said]
    # "revision of bone screw in facial bone": a device the Device Key names is the "device" of the Index's
    # "Revision of device in" / "Removal of device from" lines (pcs_device_put.DEVICE_ECHO)
    said_operations = [*words, *(noun for nouns in operations.values() for noun in nouns)]
    fixed += device_echo(device_told, said_operations, device_operations(tree))
    qwords += [e for e in query_words([*understood.echoes, *fixed]) if e.text not in words]
    counts = tree.word_counts({s for w in qwords for s in w.stems})
    qwords = [QueryWord(w.text, w.stems, _weight_of(w, counts, searcher.freq)) for w in qwords]
    qwords = qwords[:required] + [w for w in qwords[required:] if any(counts.get(s) for s in w.stems)]
    total = sum(w.weight for w in qwords[:required])
    # "cisplatin induced nausea": "induced" after the drug named links it to the condition as "due to" does -
    # no word a path must hold (each path is credited with it), one a line printing it may.
    linking = (
        {i for i in range(required) if _links_drug(qwords, i, named)}
        if "caused" in understood.kinds and named
        else set()
    )
    books = [b for b in CM_BOOKS if "cm" in systems] + (["pcs"] if "pcs" in systems else [])
    matches = matcher.match(qwords, books, limit=14)
    if "caused" not in understood.kinds and any(
        taken_part(tree, understood.text, part) is not None for part in understood.parts[1:]
    ):
        # "htn on lisinopril": the drug is taken, the condition is the answer (its pair the Long-term line);
        # the Drug Table's poisoning default is no reading of it.
        undrugged = [m for m in matches if not (m.book == "drug" and m.defaulted)]
        matches = undrugged or matches
    if "caused" in understood.kinds and named:
        # "cisplatin-induced nausea": a path holding only the cause's words ("Drug, induced fever";
        # "Pseudo-Cushing's syndrome, alcohol-induced") reads no condition; the condition's path is the answer
        # and the drug's adverse effect its pair.
        condition = [m for m in matches if m.book != "cm" or not _cause_only(m, qwords[:required], named)]
        matches = condition or matches
        # "hearing loss from gentamicin": the drug's link word "induced" is no "noise-induced" (Deafness,
        # noise-induced H83.3): a line naming a cause of its own the query does not say is no drug's line
        cause_stems = frozenset(s for w in qwords for s in w.stems)
        drug_words = {*CAUSED_WORDS, "medication", "chemical"}
        own_cause = [
            m
            for m in matches
            if m.book != "cm"
            or not names_other_cause(
                (n.term for n in m.nodes), cause_stems, drug_words, lambda w: bool(drug_classes(tree, w))
            )
        ]
        matches = own_cause or matches
    if len(understood.parts) > 1:
        # "mets to bone from breast cancer": the bone's column is the one its own part says (secondary).
        matches = [column_by_part(m, qwords, understood.parts) for m in matches]
    story_line = 0  # the External Cause Index line a story names, whose paths come first
    if understood.story_line and "ext" in books:
        story_line, matches = _with_story_line(tree, matcher, matches, qwords, understood.story_line)
    if refused:
        # "GERD w/o esophagitis", "lac finger without nail damage": the paths for the words outside the
        # negation too (Disease, gastroesophageal reflux -> K21.9), beside the Index's own "without" lines;
        # the Tabular's "without esophagitis" then holds the negated words, and a title saying them costs.
        # A path using a negated word on no "without" line ("Loss, consciousness ..." for "no LOC") is the
        # path of what is negated: left out.
        negated = set(words) - set(kept)
        outside = [QueryWord(w.text, frozenset(), w.weight) if w.text in negated else w for w in qwords]
        matches = [m for m in matches if not _affirms(m, qwords, refused)]
        have = {(m.book, m.code) for m in matches}
        extra = [m for m in matcher.match(outside, books, limit=8) if (m.book, m.code) not in have]
        matches = sorted(matches + extra, key=lambda m: (-m.score, len(m.nodes), m.code))
    named_parts = with_derived_parts(
        conn, list(words), understood.alternatives, searcher.vocabulary.body_part, tree.memo
    )
    keyed: dict[str, list[str]] = {}
    taking: dict[str, list[str]] = {}
    tubes: dict[str, list[str]] = {}
    levels: dict[str, list[str]] = {}
    if "pcs" in books:
        # "left Achilles tendon": the body part value the Body Part Key codes it to (Lower Leg Tendon).
        operated = any(tree.names_procedure(stem(w)) for w in words)
        keyed = body_part_key_words(conn, list(words), tree.memo, operated, pertains=searcher.pertainyms)
        # "ORIF left hip fracture": the bone the CM Index sends the site to ("Fracture, traumatic, hip - see
        # Fracture, femur, neck"), read through the Body Part Key (Upper Femur; pcs_fracture_sites).
        fracture_sites = fracture_site_words(conn, list(words), tree.memo)
        for site, bone in fracture_sites.items():
            if site not in keyed:
                values = body_part_key_words(conn, list(bone), tree.memo, operated).values()
                keyed[site] = [w for value in values for w in value] or list(bone)
        # "umbilical hernia repair": the region the hernia comes through (Abdominal Wall).
        # (the region only: "ventral" names no other body part beside a hernia)
        named_parts.update(hernia_region_words(list(words)))
        # "closed reduction left elbow dislocation": a dislocation is of a joint (Reposition, Joint, Elbow).
        named_parts.update(dislocated_joint_words(list(words)))
        # "closed reduction of nasal fracture": a fracture is of a bone (Reposition, Bone, Nasal).
        # ("collar bone fracture": the site's own "bone" is read as the clavicle, the fracture still as a bone)
        named_parts.update(fractured_bone_words([w for w in words if w not in fracture_sites]))
        # "right femoral thrombectomy": the clot is in the artery (Extirpation, Artery, Femoral), not the bone.
        named_parts.update(clot_vessel_words(list(words)))
        # "removal of foreign body from right Achilles tendon": the taking is an Extirpation (pcs_matter).
        # (a procedure or scope word said beside it, "ERCP with stone removal", "cystoscopic stone removal",
        # is walked as it is: pcs_matter turns its path to the Extirpation)
        taking = matter_taking_words(list(words), things_said(conn, understood.words, tree.memo))
        if (
            any(tree.names_procedure(stem(w)) for w in words if w not in taking)
            or said_approaches(frozenset(stem(w) for w in words)) & SCOPE_APPROACHES
        ):
            taking = {}
        named_parts.update(taking)
        # "skin autograft": a graft (Graft - see Replacement), its source the device.
        named_parts.update(graft_source_words(list(words)))
        # "skin graft to left forearm": the segment the tables name (Left Lower Arm Skin).
        named_parts.update(segment_words(list(words)))
        # "amputation of left fifth toe": the tables' "5th Toe"
        named_parts.update(ordinal_words(list(words)))
        # "lumbar fusion L2-L5": three joints (Fusion, Lumbar Vertebral, 2 or more); "interbody": the anterior column.
        typed = [w for said, _ in understood.replaced for w in said] + [
            w for t in understood.applied for w in t.split()
        ]
        levels = fusion_level_words(list(words), typed)
        named_parts.update(levels)
        # "NG feeding tube placement": the body part the tube's tip lies in (Stomach), through the nose.
        tubes = tube_tip_words(list(words), searcher.vocabulary.body_part)
        named_parts.update(tubes)
        for word, value in keyed.items():
            named_parts[word] = [*named_parts.get(word, []), *value]
        # "right axillary lymph nodes": the Lymphatic body part of that region (pcs_body_part_key).
        nodes = lymph_node_words(list(words))
        for word, value in nodes.items():
            named_parts[word] = [*named_parts.get(word, []), *value]
    # A body part's adjective ("ureteral", "renal") names the part of a procedure the query names
    # ("cystoscopic ureteral stent"); alone ("renal failure") it names no procedure's body part.
    asks_procedure = (
        any(PROCEDURE_SUFFIX.search(w) for w in named_parts)
        or any(tree.names_procedure(stem(w)) for w in words)
        or bool(operations)  # "aspiration of right prepatellar bursa": a word read as a root operation
        or bool(tubes)
        or bool(levels)
        or bool(taking)
        or bool(fixing)
    )
    understood = replace(understood, alternatives=named_parts if asks_procedure and "pcs" in books else {})
    if understood.alternatives and "pcs" in books:
        # A procedure word's body part and approach ("colonoscopy": colon, endoscopic) help in the PCS
        # Index only; in the diagnosis indexes they would read as findings.
        procedure = [
            QueryWord(w.text, w.stems | {stem(a) for a in understood.alternatives.get(w.text, [])}, w.weight)
            for w in qwords
        ]
        matches = sorted(
            [m for m in matches if m.book != "pcs"] + matcher.match(procedure, ["pcs"], limit=8),
            key=lambda m: (-m.score, len(m.nodes), m.code),
        )
    if (
        "pcs" in books
        and len(books) > 1
        and (
            _asks_procedure(tree, qwords[:required])
            or (device_told and bool(operations or {w.lower() for w in words} & searcher.root_operations()))
        )
    ):
        # "ORIF left femoral shaft fracture": the procedure's own index (Reduction, Fracture -> see
        # Reposition) is walked apart, so a diagnosis path holding the same site does not bound it away; so is
        # a device the query names with a root operation read ("IUD removal with strings via speculum":
        # Contraceptive Device, Removal of device from, Uterus and Cervix; pcs_device_parts).
        have = {(m.book, m.code) for m in matches}
        extra = [m for m in matcher.match(qwords, ["pcs"], limit=8) if (m.book, m.code) not in have]
        if extra:
            matches = sorted(matches + extra, key=lambda m: (-m.score, len(m.nodes), m.code))
    found = Found()
    if not matches:
        found.closest = _closest(tree, qwords)
        return found
    stems = frozenset(s for w in qwords for s in w.stems) | (refused | {"without"} if refused else refused)
    # What a procedure word says of its body part and approach ("colonoscopy": colon, endoscopic) also
    # completes its PCS code.
    procedure_stems = frozenset(stem(a) for named in understood.alternatives.values() for a in named)
    # (of those, the body part a procedure word itself names: "tonsillectomy" -> tonsil, not "cervical" -> cervix)
    named_by_procedure = frozenset(
        stem(a)
        for w, named in understood.alternatives.items()
        if PROCEDURE_SUFFIX.search(w) or tree.names_procedure(stem(w))
        for a in named
    )
    note = f" ({'; '.join(notes)})" if notes else ""
    best_coverage = 0.0
    hit_of: dict[int, IndexHit] = {}  # a match's rank -> the hit it gave
    said_numbers = stated_numbers(" ".join(words))
    # ("gastrojejunostomy": a route between two organs, the Index's Bypass before its Drainage)
    suffixed = suffix_operation(words) or joined_operation(understood.joined_ends) if "pcs" in books else ""
    ends = [w for end in understood.joined_ends.values() for w in end]
    seen: set[str] = set()
    nec_yield = yielding(matches)  # "Nevus, specified site NEC - see ..." below "Nevus, skin, face"
    class_yield = nec_below_class(matches, class_said)  # (bot.lookups.index.condition_drug_words)
    for rank, match in enumerate(matches):
        if "caused" in understood.kinds:
            match = _as_adverse(match)
        told = stems | procedure_stems if match.book == "pcs" else stems
        hit = _verify(tree, match, told | _path_stems(match), understood, told)
        if hit is None or hit[0].code in seen:
            continue
        code, how = hit
        seen.add(code.code)
        # Words the Tabular used to complete the code (the side, the encounter) count as used too.
        title = content_stems(code.title)
        if match.book == "pcs":
            title |= negated_words(conn, code.code, stems, tree.memo)  # "without contrast": the None value
            title |= used_study_words(code.title, stems)  # "for cytology": the Diagnostic qualifier
            title |= used_incision_words(code.code, stems)  # "via laparotomy": the Open approach
            # "stone extraction", "bead removal": Extirpation of Matter
            title |= used_matter_words(code.code, stems, things_said(conn, understood.words, tree.memo))
            title |= used_drain_words(code.code, stems)  # "nephrostomy tube": the Drainage Device
            title |= used_device_nouns(conn, code.code, code.title, stems, tree.memo)  # "patch": Substitute
            title |= used_key_words(conn, code.code, stems, tree.memo)  # "loop recorder": Monitoring
            title |= used_removal_words(code.code, stems, how)  # "removal of thyroid": its Resection
            title |= used_end_words(conn, code.code, ends, tree.memo)  # "gastrojejunostomy": to Jejunum
            title |= used_section_words(code.code, stems)  # "crisis intervention, mental health": section G
            # "umbilical hernia": a word read as a body part (its region, its key value, a procedure word's
            # part) is used by a title naming all of that part.
            title |= said_by_part(understood.alternatives, qwords[:required], title)
        tabular = sum(
            w.weight for i, w in enumerate(qwords[:required]) if i not in match.covered and w.stems & title
        )
        if refused:
            # A negated word the title does not say either ("Unspecified asthma, uncomplicated" for "asthma
            # without status asthmaticus"): half said; a title negating it ("... without ...") says it whole.
            tabular += NOT_SAID_SHARE * sum(
                w.weight
                for i, w in enumerate(qwords[:required])
                if i not in match.covered and w.stems & refused and not w.stems & title
            )
        # (half said by a path not printing it: the line or title that prints it is the drug-caused form)
        tabular += NOT_SAID_SHARE * sum(
            qwords[i].weight for i in linking if i not in match.covered and not qwords[i].stems & title
        )
        echoed = sum(qwords[i].weight for i in match.covered if i >= required)
        meant = _phrase_said(understood, qwords, required, match)
        # (an echo comes off what the path said as much as it added there: held only in a line's modifiers,
        # "Gout, gouty (acute) (attack) (flare)" for "gout flare", it added MODIFIER_SHARE of its weight - when
        # the query says the whole of its parenthesis: one word of a phrase, "(with or without presence of
        # antibiotic-impregnated cement spacer)", is no reading of it)
        echo_said = echoed - (1.0 - MODIFIER_SHARE) * sum(
            qwords[i].weight
            for i in match.weak
            if i >= required and i in match.covered and _whole_modifier(match.nodes, qwords[i].stems, stems)
        )
        coverage = min(1.0, (match.said - echo_said + tabular + meant) / total)
        if meant:
            echoed = 0.0  # the phrase stood for its meaning: no credit besides
        if coverage > best_coverage:
            found.adds = match.unsaid  # what the best path says beyond the query ("Monkey malaria")
            found.best_nodes = match.nodes  # its main term and last line: said_ends
        best_coverage = max(best_coverage, coverage)
        # 1,000 for a path that uses every word; a partial path falls fast below a full title match.
        # ("end colostomy": its "to Cutaneous" is what the stoma says)
        # ("tonsillectomy": the Tonsils its word names are said, as the path's "Adenoids" is for "adenoidectomy")
        said_by_title = (
            stems
            | named_by_procedure
            | stoma_qualifier_words(code.code, stems)
            | used_end_words(conn, code.code, ends, tree.memo)
            if match.book == "pcs"
            else stems
        )
        score = (
            400
            + 600 * coverage**2
            - 40 * match.unsaid
            - _title_unsaid(code, said_by_title, match)
            - rank * 0.5
        )
        if coverage >= ECHO_COVERAGE:
            # Between paths that use (nearly) every word, one that also holds a word the vocabulary replaced
            # ("Screening, neoplasm, breast, routine mammogram") is the line the query names.
            score += ECHO_CREDIT * echoed
        if match.book == "pcs" and code.code.startswith("X") and match.unsaid > 0:
            # ICD-10-PCS section X, New Technology: reported only when that technology is what was done;
            # a path naming it with words the query did not say ("Intracardiac Pacemaker, Dual-Chamber"
            # for "dual chamber pacemaker insertion") comes after the ordinary procedure.
            score -= NEW_TECHNOLOGY_COST
        if match.book == "pcs" and understood.kinds & REASON_KINDS:
            # "status post knee replacement", "history of appendectomy": the state the patient is in
            # (a Z code), not the procedure done before.
            score -= REASON_PCS_COST
        if match.book != "pcs" and _other_history(code.code, understood.kinds):
            # "family history of stroke": "History, family - see also History, personal" leads to
            # "History, personal, cerebral infarction" (Z86.73), which holds the vocabulary's reading of the
            # word; a relative's condition is coded from Z80-Z84 (guideline I.C.21.c.4), the patient's own past
            # never is.
            score -= OTHER_HISTORY_COST
        if understood.kinds & STATE_KINDS and code.code[:1] in INJURY_LETTERS:
            # "status post amputation of right great toe": the state after it (Amputation, see also Absence,
            # by site, acquired -> Z89.411), not the injury being treated (Amputation, traumatic -> S98.111A).
            score -= REASON_PCS_COST
        if _circumstance_unsaid(match, stems):
            # "SBO": "Obstruction, intestine, congenital" holds one more word of the query (Q41.9 "small
            # intestine"), but a congenital, newborn, pregnancy or transplant code needs the chart to say so.
            score -= CIRCUMSTANCE_COST
        if "traumatic" in understood.kinds and NONTRAUMATIC.search(code.title):
            # "SDH after fall": an injury event is told, so "Nontraumatic subdural hemorrhage" (I62.00, the
            # Index's default line) denies the story; the "traumatic" line (see Injury, intracranial) is it.
            score -= NEGATED_TITLE_COST
        if match.book == "cm" and other_than_traumatic(match.nodes[0].term, understood.echoes, stems):
            # "broken left ankle": a fracture no disease is told of is the Index's Fracture, traumatic
            # (guideline I.C.13.c), not "Fracture, pathological" though its Tabular title says less.
            score -= OTHER_FORM_COST
        if negates_what_is_said(code.title, stems):
            # "hypertension with heart failure": a reference led to "... without heart failure".
            score -= NEGATED_TITLE_COST
        if other_value(code.title, stems):
            # "bipolar currently depressed, moderate": a title saying "severe" and not "moderate".
            score -= NEGATED_TITLE_COST
        if affirms_what_is_negated(code.title, _refused_on(match, refused)):
            # "GERD w/o esophagitis": the path through "with esophagitis" holds the word the query negates.
            score -= NEGATED_TITLE_COST
        if contradicted(said_numbers, [*(n.term for n in match.nodes), code.title]):
            # "newborn check 5 days old": "Newborn, examination, 8 to 28 days old" says every word, but not 5.
            score -= RANGE_COST
        if sites_from_two_parts(match, qwords, understood.parts):
            # "liver mets from colon ca": "Neoplasm, intestine, large, hepatic flexure" is neither site; the
            # secondary's site (liver, C78.7) and the primary's (colon, C18.9) are coded apart.
            score -= TWO_SITES_COST
        if match.book == TABLE_BOOK and _names_other_site(tree, match, qwords):
            # "RCC right kidney": "Neoplasm, calyx, renal" holds "renal" only as the qualifier of the calyx;
            # the Table's own "renal" / "kidney" line (C64.-) is the site said (neoplasm_spread.names_other_line)
            score -= OTHER_SITE_COST
        if _site_guessed(match, stems):
            # "insect bite nonvenomous": "Bite, by site" leads to a site the query never named (scalp): an
            # injury code for a made-up site is no answer; the External Cause Index's line is.
            score -= SITE_GUESS_COST
        if match.book == "pcs" and not_the_bone(code.code, stems):
            # "closed reduction of nasal fracture": the bone's Reposition (Bone, Nasal), not the turbinate's.
            score -= NOT_THE_BONE_COST
        if match.book == "pcs" and names_operation(code.code, suffixed):
            # "right oophoropexy": Reposition, of the Index's Repair and Reposition (pcs_suffixes)
            score += SUFFIX_CREDIT
        if story_line and any(n.id == story_line for n in match.nodes):
            # "bus passenger hit by a car": the bus occupant's line, not the car occupant's that holds the
            # same words the other way round.
            score += STORY_LINE_CREDIT
        if named & _path_stems(match):
            score += NAMED_DRUG_CREDIT  # "Long-term drug therapy, insulin" before "..., oral hypoglycemic"
        if rank in class_yield:
            score -= NEC_GUESS_COST  # "Dystonia, drug induced NEC" below "..., neuroleptic induced"
        if match.book == "drug" and "allergy" in understood.kinds:
            # "allergic to penicillin", "latex allergy": the allergy status (History, personal, allergy),
            # not an adverse effect being treated.
            score -= ALLERGY_STATUS_COST
        if rank in nec_yield:
            score -= NEC_YIELD_COST  # bot.lookups.index.nec_lines
        if guessed_nec(match, coverage >= ALL_SAID):
            # "osteoporosis with pathological fracture left femur": no kind said for "specified type NEC"
            score -= NEC_GUESS_COST  # bot.lookups.index.nec_guess
        if match.book == "drug" and match.defaulted:
            # A drug named with no poisoning, adverse effect or underdosing: the Drug Table's default
            # column is a guess, below a HCPCS title holding the drug ("lovenox" -> J1650 enoxaparin).
            score -= DRUG_DEFAULT_COST
        why = match.describe(book_name(match.nodes[0].book))
        if how:
            why += f" -> {how}"
        if match.book == "pcs" and keyed:
            why += key_note(keyed, code.title)
        if match.book == "pcs" and subterm_read:
            why += subterm_note(subterm_read)  # "(read: sutured -> Repair | Occlusion)"
        if match.book == "pcs" and verb_read and _reads_operation(why, verb_read):
            why += verb_note(verb_read)  # "(read: took -> Removal)"
        if match.book == "pcs" and defined:
            why += definition_note(why, defined)  # "(read by definition: freed -> Release)"
        if match.book == "pcs" and told_forms:
            why += f" (read: {told_forms})"  # "(read: pyloromyotomy -> pyloro- + Myotomy)"
        path_ids = tuple(n.id for n in match.nodes)
        found.hits.append(IndexHit(code, score, why + note, path_ids, match.unsaid))
        hit_of[rank] = found.hits[-1]
    if understood.kinds & {"history", "family"}:
        noted = _history_by_note(matcher, understood, alternatives, books, found.hits)
        if noted is not None:
            # its path read the vocabulary's words as every other Index hit did ("blood clot in leg"); it stands
            # for the same code reached by a History line of other words
            found.hits = [h for h in found.hits if h.code.code != noted.code.code]
            found.hits.append(replace(noted, why=noted.why + note))
            found.hits.sort(key=lambda h: -h.score)
            seen.add(noted.code.code)
            best_coverage = max(best_coverage, 0.75)
    lead = _combination_lead(matches, qwords, understood)
    if lead in hit_of and negates_what_is_said(hit_of[lead].code.title, stems):
        # "chronic systolic heart failure with hypertension": "Failure, heart, with, hypertension" sends to
        # "Hypertension, heart" (I11.9 "... without heart failure"): no combination of what is said.
        lead = 0
    if lead and lead in hit_of:
        # "type 2 diabetes with CKD stage 4": the Index's "with" line linking both concepts (E11.22) is the
        # combination code, first; what it leaves (stage 4 -> N18.4) is its pair - not the single concept
        # that happened to hold one more word.
        combined = hit_of[lead]
        found.hits = [h for h in found.hits if h is not combined]
        top = max((h.score for h in found.hits), default=combined.score)
        found.hits.insert(0, IndexHit(combined.code, max(combined.score, top + 0.5), combined.why))
    best = matches[lead or 0]
    if not understood.parts and best.book == "drug" and "allergy" not in understood.kinds:
        # "nausea side effect of metformin": the reaction, then the adverse effect (stories.reaction_parts).
        used = {qwords[i].text for i in best.covered if i < len(qwords)}
        parts = reaction_parts(words, used, best.column, DRUG_COLUMN_STEMS)
        understood = replace(understood, parts=parts)
        found.reaction = parts[0] if parts else []
    pair = None
    if named and "caused" in understood.kinds and "drug" in books and best.book != "drug":
        # "cough due to lisinopril": the drug's own line, not a class's or "Drug NEC".
        pair = _drug_pair(matcher, understood, [w for w in words if stem(w) in named])
    if pair is None or (found.hits and pair[0].code == found.hits[0].code.code):
        pair = _pair(matcher, conn, best, qwords, books, understood, alternatives, counts)
    if pair is not None and pair[3] and set(pair[3]) <= understood.negated:
        pair = None  # "hypokalemia, not on warfarin": what the query negates is no second code
    if pair is not None and found.hits and _titled_by_first(found.hits[0], pair[3], best, qwords):
        # "puncture wound with glass stuck in left pinky": "Puncture, finger, little, left, with, foreign
        # body" leaves "wound" to no line, but its code's title (S61.247A "Puncture wound with foreign body
        # of left little finger") says it: no second concept ("Wound, open, breast, puncture") is left.
        pair = None
    # A "pair" whose other code is the first hit itself is no pair.
    if pair is not None and found.hits and pair[0].code != found.hits[0].code.code:
        found.reaction = []
        first = found.hits[0]
        code, why, said, pair_words = pair
        found.hits = [h for h in found.hits if h.code.code != code.code]
        # "EGD with band ligation of varices": the procedure, not the Inspection done to reach it (B3.11a).
        procedure_first = code.system == "pcs" and procedure_before_inspection(code.code, first.code.code)
        if not procedure_first and (
            _part_of(understood, pair_words) < _part_of(understood, {qwords[i].text for i in best.covered})
            or (
                best.book == "drug"
                and best.column in CONDITION_FIRST_COLUMNS
                and not code.code.startswith("T")
            )
            or (first.code.system == "pcs" and procedure_before_inspection(first.code.code, code.code))
        ):
            # (The reaction to a drug properly taken, or the condition underdosing let relapse, is coded
            # first, the adverse effect or underdosing T code beside it.)
            # "afib on blood thinners": the concept named first is listed first.
            found.hits[0] = IndexHit(
                first.code, first.score - 0.2, f"suggested with {code.display}: {first.why}"
            )
            found.hits.insert(0, IndexHit(code, first.score, why + note))
        else:
            together = f"suggested with {first.code.display}: {why}"
            found.hits.insert(1, IndexHit(code, first.score - 0.1, together + note))
        link_said = NOT_SAID_SHARE * sum(qwords[i].weight for i in linking if i not in best.covered)
        best_coverage = min(1.0, (best.said + said + link_said) / total)
        linked = _class_combination(tree, best, code, pair_words, stems, understood)
        beside = IndexHit(code, 0.0, f"{why}{note}")
        if linked is None:
            # "T2DM with periodontitis": the Tabular files K05.3- under "periodontal diseases"
            by_class = _tabular_class_combination(
                matcher, best, first.code, code, pair_words, qwords, stems, understood
            )
            if by_class is not None:
                linked, member = by_class
                beside = beside if member == code.code else replace(first, why=_unpaired(first.why))
        if linked is not None:
            # "COPD with pneumonia": X's "with" line naming Y's class (J44.0), then Y (J18.9) beside it.
            top = max(h.score for h in found.hits)
            rest = [h for h in found.hits if h.code.code not in {linked.code.code, beside.code.code}]
            found.hits = [
                replace(linked, score=top + 0.5),
                replace(beside, score=top + 0.4, why=f"suggested with {linked.code.display}: {beside.why}"),
                *rest,
            ]
        else:
            first_path = tree.nodes(list(first.nodes))
            linked_line = (
                None
                if already_linked(first_path)
                else _linked_line(
                    matcher, best, code, pair_words, qwords, stems, understood, refused, searcher.pertainyms
                )
            )
            if linked_line is not None and linked_line[0].code.code not in {first.code.code, code.code}:
                combined, from_pair = linked_line
                # "acute on chronic diastolic CHF with HTN": Hypertension, with, heart failure -> I11.0 first,
                # then the two codes the parts gave (I50.33 says the heart failure's type).
                # Beside it the code of the condition whose main term does not hold the line (it says more).
                top = max(h.score for h in found.hits)
                specific = first.code.code if from_pair else code.code
                rest = [h for h in found.hits if h.code.code not in {combined.code.code, specific}]
                found.hits = [
                    replace(combined, score=top + 0.5),
                    *[replace(h, score=top + 0.4) for h in found.hits if h.code.code == specific],
                    *rest,
                ]
    spread = _spread_hits(matcher, words, alternatives, understood, note) if "neoplasm" in books else []
    if spread:
        # "liver mets from colon cancer": Metastasis, cancer, from / to specified site - each site its own
        # Table line in its own column, the site told first first (bot.lookups.index.neoplasm_spread)
        top = max((h.score for h in found.hits), default=1000.0)
        site_first, *spread_beside = spread
        spread_codes = {h.code.code for h in spread}
        found.hits = [
            replace(site_first, score=top + 0.5),
            *[
                replace(h, score=top + 0.4, why=f"suggested with {site_first.code.display}: {h.why}")
                for h in spread_beside
            ],
            *[h for h in found.hits if h.code.code not in spread_codes],
        ]
        best_coverage = max(best_coverage, SPREAD_COVERAGE)
    if "pcs" in books:
        composed = _with_qualifier(tree, found.hits, qwords, stems)
        if composed is not None:
            found.hits.insert(0, composed)
            best_coverage = max(best_coverage, 1.0)
    found.hits, agent_said = _with_agent(matcher, found.hits, qwords[:required], understood)
    if agent_said:  # the organism the agent's code names is said too
        best_coverage = min(1.0, best_coverage + agent_said / total)
    found.hits = _code_first(conn, tree.memo, found.hits, stems, _first_part(understood))
    found.hits = _asked_with(tree, found.hits, stems - frozenset(stem(w) for w in understood.negated))
    cause = next((h for h in found.hits if h.code.code[:1] in EXTERNAL_CAUSE_LETTERS), None)
    # "hurt while walking the dog": a story that answered with the setting's own line needs no other reading
    answered = bool(found.hits) and _setting_named(found.hits[0].code.code)
    if (
        understood.setting
        and "ext" in books
        and (cause is not None or understood.setting_first)
        and not answered
    ):
        top = max((h.score for h in found.hits), default=0.0)
        setting, below = _setting_hit(tree, matcher, understood, top)
        if setting is not None and all(h.code.code != setting.code.code for h in found.hits[:1]):
            found.hits = [h for h in found.hits if h.code.code != setting.code.code]
            if understood.setting_first and below:
                # "tripped at the zoo": the place the query tells first, the bare cause's line beside it
                found.hits.insert(0, replace(setting, score=top + 0.5))
                best_coverage = max(best_coverage, 1.0)
            elif cause is not None and not understood.setting_first and below:
                found.hits.insert(
                    1, replace(setting, why=f"suggested with {cause.code.display}: {setting.why}")
                )
    found.coverage = best_coverage
    if best_coverage < 0.5:
        found.closest = _closest(tree, qwords)
    return found


def _code_first(
    conn: sqlite3.Connection,
    memo: dict[object, object],
    hits: list[IndexHit],
    said: frozenset[str],
    first_part: frozenset[str] | None = None,
) -> list[IndexHit]:
    """ "covid-19 with pneumonia", "CKD 3b with anemia": the first answer's Tabular says "Code first" a code
    another answer completes (U07.1, N18.32): that one first, the first answer beside it. Not when the query
    names first (`first_part`, its first linked part's stems) the condition of a first answer whose title
    names the other ("anemia in CKD": D63.1, sequencing.titled_by_note) - unless the note's code is an
    infection, which the guidelines sequence first (I.C.1: sepsis, HIV, COVID-19)."""
    if len(hits) < 2 or hits[0].code.system != "cm":
        return hits
    # Not a reading of the same condition with words the query did not say ("Failure, heart, postprocedural"
    # -> I97.13- cited by I50) nor the first path's unspecified main term ("Hypertension" -> I10 cited by
    # "Hypertension, resistant" -> I1A.0): another condition the query names (a suggested pair is one).
    rest = [
        h
        for h in hits[1:]
        if h.code.system == "cm"
        and (not h.nodes or (h.unsaid < UNSAID_WORD and hits[0].nodes[: len(h.nodes)] != h.nodes))
    ]
    at = code_first_rank(conn, hits[0].code.code, [h.code.code for h in rest], said)
    if (
        at is not None
        and first_part
        and rest[at].code.code[:1] not in INFECTION_LETTERS
        and first_part & content_stems(hits[0].code.title) - content_stems(rest[at].code.title)
        and titled_by_note(conn, hits[0].code.code, hits[0].code.title, rest[at].code.code)
    ):
        return hits  # "anemia in CKD": D63.1 "Anemia in chronic kidney disease" is the Index's answer
    if at is None:
        hits, rest, at = _cited_complete(conn, hits, rest, said)
    if at is None and supplementary(conn, memo, hits[0].code.code):
        # "cellulitis of left foot due to MRSA": B95.62 is the additional code of the cellulitis (L03.116);
        # "pneumonia due to strep pneumo": the organism's pneumonia line (J13) is the condition.
        main = hits[0].nodes[:1]
        at = next(
            (
                i
                for i, h in enumerate(rest[:LOOKED_AT])
                if not supplementary(conn, memo, h.code.code) and (not h.nodes or h.nodes[:1] != main)
            ),
            None,
        )
    if at is None:
        return hits
    lead, first = rest[at], hits[0]
    others = [h for h in hits[1:] if h is not lead]
    return [
        IndexHit(
            lead.code, first.score + 0.5, f"{_unpaired(lead.why)} (code first: note of {first.code.display})"
        ),
        IndexHit(first.code, first.score, f"suggested with {lead.code.display}: {first.why}"),
        *others,
    ]


def _asked_with(tree: IndexTree, hits: list[IndexHit], said: frozenset[str]) -> list[IndexHit]:
    """ "BPH with nocturia": the first answer's "with" twin whose note asks for a condition the query names
    (bot.lookups.index.asked_with) in its place."""
    if not hits or hits[0].code.system != "cm":
        return hits
    first = hits[0]
    if negates_what_is_said(first.code.title, said):
        return hits  # "hypertension with heart failure": the query says what "without" denies; read apart
    others = [h.code.code for h in hits[1:LOOKED_AT]]
    found = asked_twin(tree.conn, tree.memo, first.code.code, first.code.title, said, others)
    if found is None:
        return hits
    code, title, line = found
    twin = Code("cm", code, title, "", "code", True, True, "")
    why = f"{_unpaired(first.why)} -> Tabular: {display('cm', code)} asks for {line.strip()}"
    old, new = f"suggested with {first.code.display}", f"suggested with {twin.display}"
    rest = [replace(h, why=h.why.replace(old, new)) for h in hits[1:] if h.code.code != code]
    return [IndexHit(twin, first.score + 0.5, why), *rest]


LINK_WORDS = frozenset({"in", "with", "w", "due", "secondary", "from", "on", "and", "caused", "associated"})


def _first_part(understood: Understood) -> frozenset[str]:
    """The stems of the concept a query names first: its first linked part, or its words before a link word
    ("anemia in CKD")."""
    words = understood.parts[0] if understood.parts else understood.words
    kept: list[str] = []
    for word in words:
        if word in LINK_WORDS:
            break
        kept.append(word)
    return frozenset(s for w in kept for s in content_stems(w))


INFECTION_LETTERS = frozenset("ABU")  # chapter 1 and the emergency codes (U07.1 COVID-19)


def _cited_complete(
    conn: sqlite3.Connection, hits: list[IndexHit], rest: list[IndexHit], said: frozenset[str]
) -> tuple[list[IndexHit], list[IndexHit], int | None]:
    """ "severe sepsis with septic shock": R65.21 says "Code first ... sepsis NOS (A41.9)", a line naming only
    what the query says: a sepsis code another answer gives (same category: A41.01 for MSSA), else A41.9
    itself, goes first (hits, the answers after the first, the rank in them of the code to put first)."""
    for code, title in complete_cited(conn, hits[0].code.code, said):
        at = next((i for i, h in enumerate(rest[:LOOKED_AT]) if h.code.code.startswith(code[:3])), None)
        if at is not None:
            return hits, rest, at
        cited = IndexHit(Code("cm", code, title, "", "code", True, True, ""), 0.0, f"Tabular: {title}")
        return [hits[0], cited, *hits[1:]], [cited, *rest], 0
    return hits, rest, None


UNSPECIFIED_ORGANISM = re.compile(r"(?i)\bunspecified organism\b")  # a title denying the organism said
AGENT_SHARE = 0.75  # the share of the condition's words (those not naming the organism) its path must use


def _with_agent(
    matcher: Matcher, hits: list[IndexHit], qwords: Sequence[QueryWord], understood: Understood
) -> tuple[list[IndexHit], float]:
    """ "pyelonephritis due to proteus", "klebsiella endocarditis" (bot.lookups.index.agents): the condition
    first, the organism's B95-B97 code beside it when the condition's Tabular asks for it; and the weight of
    the organism's words the agent's code says that the condition's path did not use."""
    if not hits or hits[0].code.system != "cm":
        return hits, 0.0
    conn = matcher.tree.conn
    organism = [w for w in qwords if names_organism(conn, w.stems)]
    if not organism:
        return hits, 0.0
    first = hits[0]
    if is_agent(first.code.code):
        agent_stems = frozenset(
            s for n in matcher.tree.nodes(list(first.nodes)) for s in content_stems(n.term)
        )
        rest = [w for w in qwords if w not in organism and not w.stems & agent_stems]
        total = sum(w.weight for w in rest)
        if not total or any(h.code.system == "cm" and not is_agent(h.code.code) for h in hits[1:3]):
            return hits, 0.0
        for match in matcher.match(rest, ["cm"], limit=3):
            if match.said < AGENT_SHARE * total or is_agent(match.code):
                continue
            hit = _verify(matcher.tree, match, frozenset(s for w in rest for s in w.stems), understood)
            if hit is None or UNSPECIFIED_ORGANISM.search(hit[0].title):
                continue  # ("E coli septicemia": not A41.9 "Sepsis, unspecified organism")
            code, how = hit
            why = match.describe(book_name("cm")) + (f" -> {how}" if how else "")
            return [
                IndexHit(
                    code, first.score + 0.5, f"{why} (the condition; its agent {first.code.display} beside)"
                ),
                IndexHit(first.code, first.score, f"suggested with {code.display}: {_unpaired(first.why)}"),
                *[h for h in hits[1:] if h.code.code != code.code],
            ], 0.0
        return hits, 0.0
    if not asks_agent(conn, first.code.code):
        return hits, 0.0
    unnamed = [w for w in organism if not title_names(first.code.title, w.text, w.stems)]
    if not unnamed:
        return hits, 0.0
    said = frozenset(s for w in qwords for s in w.stems)
    path = agent_path(matcher.tree, frozenset(s for w in unnamed for s in w.stems), said) or _agent_line(
        matcher, unnamed
    )
    if not path:
        return hits, 0.0
    done = complete_cm(conn, path[-1].code, said, understood.encounter, frozenset(), matcher.tree.memo)
    if done is None or not done.billable:
        return hits, 0.0
    code = Code("cm", done.code, done.title, "", "code", True, True, "")
    lines = ", ".join(_shown_line(n) for n in path)
    why = f"suggested with {first.code.display}: Index: {lines} -> {path[-1].code}"
    agent = IndexHit(code, first.score - 0.1, why)
    first_path = frozenset(s for n in matcher.tree.nodes(list(first.nodes)) for s in content_stems(n.term))
    told = sum(w.weight for w in unnamed if not w.stems & first_path)
    return [first, agent, *[h for h in hits[1:] if h.code.code != code.code]], told


AGENT_LINE_WORDS = ("cause", "classified", "elsewhere")  # "... as cause of disease classified elsewhere"
INFECTION_TERM = "Infection"  # whose organism lines hold the agents no main term of their own does


def _agent_line(matcher: Matcher, organism: list[QueryWord]) -> list[Node]:
    """The Index line of an organism's B95-B97 code found by its words and the agent line's own ("Infection,
    bacterial NOS, as cause of disease classified elsewhere, Enterococcus" -> B95.2), fewest words added."""
    told = set(range(len(organism)))
    words = organism + [QueryWord(w, frozenset({stem(w)}), NOISE_WEIGHT) for w in AGENT_LINE_WORDS]
    infection = matcher.tree.resolve(INFECTION_TERM, "cm").node
    under = matcher.tree.path(infection) if infection else []
    found = [
        m
        for m in [*matcher.match(words, ["cm"], limit=10), *matcher.match_under(words, under, limit=10)]
        if is_agent(m.code) and told <= m.covered
    ]
    best = min(found, key=lambda m: (m.unsaid, len(m.nodes)), default=None)
    return list(best.nodes) if best is not None else []


def _shown_line(node: Node) -> str:
    return node.term.split(",")[0] if node.depth == 0 else node.term


def _unpaired(why: str) -> str:
    """A reason without its "suggested with X: " lead."""
    return why.split(": ", 1)[1] if why.startswith("suggested with ") else why


def _linked_line(
    matcher: Matcher,
    best: PathMatch,
    other: Code,
    other_words: set[str],
    qwords: list[QueryWord],
    stems: frozenset[str],
    understood: Understood,
    refused: frozenset[str],
    pertains: Callable[[str], Sequence[str]] | None = None,
) -> tuple[IndexHit, bool] | None:
    """The combination line (bot.lookups.index.linked) under the main term of either condition a query links,
    completed in the Tabular, and whether it stands under the other condition's main term; or None."""
    if best.book != "cm" or other.system != "cm":
        return None
    tree = matcher.tree
    first = {i for i in best.covered if i < len(qwords)}
    second = {i for i, w in enumerate(qwords) if w.text in other_words and i not in first}
    if not second:
        return None
    mains = hosts(best.nodes)
    # (the guest condition's own path under each host: the other condition's, read from its own words)
    guests: dict[int, Sequence[Node]] = {}
    for found in matcher.match([w for i, w in enumerate(qwords) if i in second], ["cm"], limit=2):
        if mains:
            guests.setdefault(mains[0].id, found.nodes)
        for m in hosts(found.nodes):
            if m.id not in {n.id for n in mains}:
                mains.append(m)
                guests[m.id] = best.nodes
    said = frozenset(s for w in qwords for s in w.stems)
    chosen: tuple[float, IndexHit, bool] | None = None
    for main in mains:
        guest = frozenset(s for i in (second if main.id == mains[0].id else first) for s in qwords[i].stems)
        head = condition_head(guests.get(main.id, ()), pertains)
        for match in matcher.match_under(qwords, [main], limit=8):
            if not links(match, first, second, said, guest, head) or (
                refused and _affirms(match, qwords, refused)
            ):
                continue  # ("T1DM w/ DKA w/o coma": not "with, coma due to, ketoacidosis")
            hit = _verify(tree, match, stems | _path_stems(match), understood)
            if hit is None or negates_what_is_said(hit[0].title, stems):
                continue
            if contradicted(stated_numbers(understood.text), [*(n.term for n in match.nodes), hit[0].title]):
                continue
            why = match.describe(book_name("cm")) + (f" -> {hit[1]}" if hit[1] else "")
            if chosen is None or match.score > chosen[0]:
                line = IndexHit(hit[0], 0.0, f"{why} (a combination code: the Index links both)")
                chosen = (match.score, line, main.id != mains[0].id)
    return (chosen[1], chosen[2]) if chosen else None


def _class_combination(
    tree: IndexTree,
    best: PathMatch,
    other: Code,
    other_words: set[str],
    stems: frozenset[str],
    understood: Understood,
) -> IndexHit | None:
    """The "with" line under the best path whose class holds the other condition (bot.lookups.index.classes),
    completed in the Tabular, or None."""
    if best.book != "cm" or other.system != "cm":
        return None
    found = class_line(tree, best.nodes, other.code, frozenset(stem(w) for w in other_words))
    if found is None:
        return None
    line, member = found
    done = complete_cm(tree.conn, line.code, stems, understood.encounter, frozenset(), tree.memo)
    if done is None or not done.billable:
        return None
    path = ", ".join(n.term for n in tree.path(line.id))
    member_path = ", ".join(n.term for n in tree.path(member.id))
    why = f"Index: {path} -> {line.code}; {other.display} is one: Index: {member_path} -> {member.code}" + (
        f" -> {display('cm', done.code)}" if done.code != line.code.replace(".", "") else ""
    )
    return IndexHit(Code("cm", done.code, done.title, "", "code", True, True, ""), 0.0, why)


def _tabular_class_combination(
    matcher: Matcher,
    best: PathMatch,
    first: Code,
    other: Code,
    other_words: set[str],
    qwords: list[QueryWord],
    stems: frozenset[str],
    understood: Understood,
) -> tuple[IndexHit, str] | None:
    """The "with" line under either condition's path naming the Tabular class of the other's code
    (bot.lookups.index.tabular_classes), completed in the Tabular, and the code of the class's member; or
    None."""
    if best.book != "cm" or other.system != "cm" or first.system != "cm":
        return None
    if first.code[:3] == other.code[:3]:
        return None  # two readings of one condition ("alcoholic psychosis with paranoia"), not two linked
    tree = matcher.tree
    stated = states_link(understood.text)
    member = other
    found = tabular_class_line(tree, best.nodes, other.code, stated, said=stems)
    if found is not None and not found[1]:
        return None  # the line the query's own words name: the walk reads it
    if found is None:
        # "carpal tunnel syndrome in a type 2 diabetic": the line stands under the pair's main term
        member = first
        words = [w for w in qwords if w.text in other_words]
        for match in matcher.match(words, ["cm"], limit=1) if words else []:
            found = tabular_class_line(tree, match.nodes, first.code, stated)
    if found is None or found[0].code.replace(".", "")[:3] == member.code[:3]:
        return None  # (the line codes the member's own category: the member read again)
    line, title = found
    done = complete_cm(tree.conn, line.code, stems, understood.encounter, frozenset(), tree.memo)
    if done is None or not done.billable:
        return None
    path = ", ".join(n.term for n in tree.path(line.id))
    why = f"Index: {path} -> {line.code}; {member.display} is one: Tabular: {title}" + (
        f" -> {display('cm', done.code)}" if done.code != line.code.replace(".", "") else ""
    )
    return IndexHit(Code("cm", done.code, done.title, "", "code", True, True, ""), 0.0, why), member.code


def _with_story_line(
    tree: IndexTree, matcher: Matcher, matches: list[PathMatch], qwords: list[QueryWord], line: str
) -> tuple[int, list[PathMatch]]:
    """Beside the paths found from the main terms, those below the line a story names (a passenger's
    "Accident, transport, car occupant, passenger"), which the bounded walk from "Accident" may not reach."""
    reference = tree.resolve(line, "ext")  # as deep as the Index goes ("collision, streetcar" may be no line)
    if not reference.node:
        return 0, matches
    # A code reached below the line replaces the same code reached another way ("collision, bus" and
    # "collision, truck" both lead to V54.5): the story's path is the one that says why.
    extra = matcher.match_under(qwords, tree.path(reference.node))
    found = {(m.book, m.code) for m in extra}
    kept = [m for m in matches if (m.book, m.code) not in found]
    return reference.node, sorted(kept + extra, key=lambda m: (-m.score, len(m.nodes), m.code))


def _setting_named(code: str) -> bool:
    """Whether a code is a place, activity or status line below its main term (not Y92.9 / Y93.9 / Y99.9)."""
    return code[:3] in {"Y92", "Y93", "Y99"} and code not in {"Y929", "Y939", "Y999"}


def _setting_hit(
    tree: IndexTree, matcher: Matcher, understood: Understood, best: float
) -> tuple[IndexHit | None, bool]:
    """The place, activity or status code a story names beside its cause ("at work": External cause status,
    civilian activity done for income or pay -> Y99.0); and whether its path
    goes below the main term. Of a setting read several ways (setting_readings: "in the wrestling match" as a
    place and as an activity) the first reading reaching a line below its main term is kept."""
    first: IndexHit | None = None
    for reading in understood.setting.split(SETTING_OR):
        words = query_words(reading.split())
        for match in matcher.match(words, ["ext"], limit=3):
            hit = _verify(tree, match, frozenset(s for w in words for s in w.stems), understood)
            if hit is None:
                continue
            code, how = hit
            why = match.describe(book_name(match.nodes[0].book)) + (f" -> {how}" if how else "")
            found = IndexHit(code, best - 0.1, why)
            if len(match.nodes) > 1:
                return found, True
            first = first or found
    return first, False


def _refused(words: Sequence[str], clause: frozenset[str]) -> tuple[list[str], frozenset[str]]:
    """The query's words outside its negations, and the stems it negates with each negated word's adjective /
    noun form ("without psychosis" also refuses "psychotic")."""
    kept, refused = split_negation(words, clause)
    if not refused or not kept:
        return list(words), frozenset()
    return kept, refused | {f for w in words if stem(w) in refused for f in word_forms(w)}


def _circumstance_unsaid(match: PathMatch, stems: frozenset[str]) -> bool:
    """Whether a subterm of the path names a circumstance of the patient (congenital, newborn, pregnancy,
    transplanted organ, after a procedure) that the query does not say. (A main term or a title saying it
    is what the condition is: "Anomaly, tibia" -> Q74.2 "Other congenital malformations of lower limb".)"""
    said = {s for n in match.nodes if n.depth > 0 for s in content_stems(n.term)}
    return bool((said & CIRCUMSTANCE_STEMS) - stems)


def _refused_on(match: PathMatch, refused: frozenset[str]) -> frozenset[str]:
    """What the query negates, as a path reads it: through an Index line saying "without ..." the words that
    line negates ("without psychotic symptoms, mild": not "mild"); else all of it."""
    lines = [content_stems(n.term) for n in match.nodes if set(tokens(n.term)) & QUERY_NEGATIONS]
    if not lines:
        return refused
    return refused & frozenset(s for line in lines for s in line)


def _affirms(match: PathMatch, qwords: Sequence[QueryWord], refused: frozenset[str]) -> bool:
    """Whether a path uses a word the query negates with no line of it saying "without" / "no" / "not"."""
    uses = any(qwords[i].stems & refused for i in match.covered if i < len(qwords))
    return uses and not any(set(tokens(n.term)) & QUERY_NEGATIONS for n in match.nodes)


def _asks_procedure(tree: IndexTree, qwords: Sequence[QueryWord]) -> bool:
    """Whether a query word is a main term only the PCS Index has ("reduction", "appendectomy")."""
    return any(tree.names_procedure(s) for w in qwords for s in w.stems)


def _verify(
    tree: IndexTree,
    match: PathMatch,
    stems: frozenset[str],
    understood: Understood,
    own: frozenset[str] = frozenset(),
) -> tuple[Code, str] | None:
    """The code the path leads to, checked and completed in the Tabular (or the PCS tables)."""
    conn, memo = tree.conn, tree.memo
    if match.book == "pcs":
        # The lines read before a "see" reference name the part ("Phacoemulsification, lens"); the
        # reference names the table's body system ("see Replacement, Eye").
        before = match.nodes[: match.jumps[0][0]] if match.jumps else match.nodes
        nodes = frozenset(s for n in before for s in content_stems(n.term))
        table = match.code.replace(".", "")
        if level_words(stems) != stems:
            # "above knee amputation": the level names the segment beside the joint (Upper Leg), which the
            # path through the joint's own line (Detachment, Knee Region) cannot; the table chooses it.
            table = table[:3]
        # The words only a procedure word implies ("colectomy": large intestine, colon), not said in the query.
        implied = {stem(a) for named in understood.alternatives.values() for a in named}
        named = {stem(w) for w in understood.alternatives}
        stems = stems | approach_abbreviations(understood.applied)  # "PCNL": through the skin, with a scope
        # "iridectomy" (see Excision, Eye): the word's form names the table's Iris (pcs_forms)
        formed = table_form_words(conn, table, understood.words, memo)
        implied |= formed
        stems = stems | formed | keyed_by_form(conn, stems, frozenset(implied - named), memo)
        # "gastrojejunostomy": the route ends in the jejunum, the Bypass's qualifier (pcs_anastomosis)
        ends = [w for end in understood.joined_ends.values() for w in end]
        # "descending colon to rectum", "grafts from aorta": the route's end said after the titles' preposition
        end = (
            end_qualifier(conn, table, ends, memo)
            if ends
            else said_route_end(conn, table, understood.words, memo)
        )
        done = complete_pcs(
            conn, table, stems, match.qualifier, memo, nodes, frozenset(implied - named), end, own
        )
        if done is not None:
            done = dilation_for_device(conn, done, stems, memo) or done
            # "balloon venoplasty": the balloon is the widening, not a Repair (pcs_widening)
            done = dilation_for_balloon(conn, done, stems, memo) or done
            done = drainage_for_drain(conn, done, own or stems, memo) or done
            # "open biopsy of right proximal femur": Biopsy's Extraction send gives way to Excision (pcs_biopsy)
            done = excision_for_biopsy(conn, done, stems, _typed_stems(understood), match.via, memo) or done
            done = resection_for_body_part(conn, done, own or stems, memo) or done
            done = supplement_for_substitute(conn, done, stems, memo) or done
            # "trachea augmented with autograft": Supplement; "ACL reconstruction with autograft": Replacement
            done = substitute_by_definition(conn, done, stems, memo) or done
            # "left ovarian cystectomy": the root operation kept, the body part the words name (pcs_said_part)
            if len(table) < len(done.code):  # (a code the Index line prints whole is the Index's choice)
                read = [*understood.words, *(w for original, _ in understood.replaced for w in original)]
                done = body_part_said(conn, done, read, stems, match.qualifier, memo, nodes) or done
            # (the words as said: "microdiscectomy" is read as discectomy, its "micro" says a portion)
            said = stems | frozenset(stem(w) for w in understood.words)
            done = excision_for_portion(conn, done, said, match.qualifier, memo) or done
            # "otoplasty to pin back both ears, cosmetic": done for appearance, an Alteration (pcs_alteration)
            done = alteration_for_appearance(conn, done, said, memo) or done
            # "bronchoscopy with biopsy right lower lobe": the lung lobe, not the lobe's bronchus
            done = (
                lung_lobe_for_lobe(conn, done, _typed_stems(understood), stems, match.qualifier, memo) or done
            )
            things = things_said(conn, understood.words, memo)
            done = extirpation_for_matter(conn, done, own or stems, memo, things) or done
            # "lumbar fusion L2-L5": three joints, "2 or more Lumbar Vertebral Joints"
            done = counted_joints(conn, done, understood.words, stems, match.qualifier, memo) or done
            # (the query's own words: the path's "Drainage, Eye" is no region the query names)
            done = subcutaneous_drainage(conn, done, own or stems, done.title, memo) or done
            # "excision of lipoma from upper back, subcutaneous": the layer said, not the region (pcs_layers)
            done = layer_for_region(conn, done, own or stems, memo) or done
        system = "pcs"
    else:
        if understood.eye_side and _eye_chapter(match.code):
            # "nuclear cataract OS": the chart's eye abbreviation names the side the Tabular asks for.
            stems = stems | {understood.eye_side}
        elif understood.pair_side and not stems & SIDE_STEMS:
            # "my ears keep ringing": a pair named in the plural is both, where the Tabular asks for a side.
            stems = stems | {understood.pair_side}
        site_words = _path_stems(match, False)
        if match.book == "neoplasm":
            stems = stems - (_path_stems(match) - site_words - own)  # (the reference's column words)
        done = complete_cm(conn, match.code, stems, understood.encounter, site_words, memo)
        system = "cm"
    if done is None:
        return None
    code = Code(system, done.code, done.title, "", "code", done.billable, True, "")
    how = done.how
    if done.code != match.code.replace(".", "").rstrip("-") and not how:
        how = f"Tabular: {display(system, done.code)}"
    if how:
        how = f"{how} -> {display(system, done.code)}"
    return code, how


def _typed_stems(understood: Understood) -> frozenset[str]:
    """The stems of the words as typed: the query's words, those the vocabulary replaced given back
    ("BAL" said, not its reading "lavage bronchial alveolar")."""
    typed = {stem(w) for w in understood.words}
    for original, meaning in understood.replaced:
        typed -= {stem(w) for w in meaning}
        typed |= {stem(w) for w in original}
    return frozenset(typed)


_AGE_TOLD = re.compile(
    r"\b(?:at|by|before|after|around)\s+(?:the\s+)?(?:age\s+)?(?:of\s+)?\d{1,3}\b|\bage\s+\d{1,3}\b"
    r"|\bin\s+(?:his|her|their)\s+\d0s\b"
)


def _history_by_note(
    matcher: Matcher,
    understood: Understood,
    alternatives: dict[str, list[str]],
    books: list[str],
    hits: list[IndexHit],
) -> IndexHit | None:
    """ "family history of colon cancer": the Index's History lines stop at "malignant neoplasm" (Z80.9); the
    condition's own code (C18.9, from the Neoplasm Table) falls in the range of Z80.0's Tabular note
    "Conditions classifiable to C15-C26", which the coder reports."""
    family = "family" in understood.kinds
    # "mother had a heart attack at 50": the age the relative had it at says nothing of the condition.
    told = _AGE_TOLD.sub(" ", " ".join(understood.words[2:]))
    condition = [w for w in told.split() if w not in {"of", "the", "a", "an"}]
    words = query_words(condition, alternatives)
    if not words:
        return None
    tree = matcher.tree
    counts = tree.word_counts({s for w in words for s in w.stems})
    words = [
        QueryWord(w.text, w.stems, word_weight(max((counts.get(s, 1) for s in w.stems), default=1)))
        for w in words
    ]
    total = sum(w.weight for w in words)
    for match in matcher.match(words, [b for b in books if b != "pcs"], limit=3):
        share = match.said / total
        if share < 0.75 or match.nodes[0].term.lower().startswith("history"):
            continue
        done = _verify(tree, match, frozenset(s for w in words for s in w.stems), understood)
        if done is None or done[0].code.startswith("Z"):
            continue
        # (a personal one also by the category its block files under: C23 -> Z85.0)
        head = (
            history_code(tree.conn, tree.memo, done[0].code, family)
            if family
            else personal_history_head(tree.conn, tree.memo, done[0].code)
        )
        if head is None:
            return None
        stems = frozenset(s for w in words for s in w.stems) | content_stems(done[0].title)
        completed = complete_cm(tree.conn, head, stems, memo=tree.memo)
        if completed is None or not completed.billable:
            return None
        if any(h.score >= NAMED_HISTORY for h in hits):
            return None  # the Index's own History line names it
        by_class = None if family else personal_history(tree.conn, tree.memo, done[0].code)
        if (
            by_class
            and completed.code != head
            and not _own_words(tree.conn, completed.title, head) & stems - HISTORY_STEMS
        ):
            # no word of the code chosen below the note is the condition's ("unspecified female genital organ"
            # for "penile cancer"): the code of the condition's class (bot.lookups.index.history_classes)
            completed = complete_cm(tree.conn, by_class, frozenset(), memo=tree.memo) or completed
        if (
            by_class is None
            and completed.code != head
            and not content_stems(completed.title) & stems - HISTORY_STEMS
        ):
            # "dad had a heart attack": Z82.4's children name sudden cardiac death and "ischemic heart disease
            # and other diseases of the circulatory system"; a condition neither names goes to the "other" one.
            other = residual_child(tree.conn, head)
            if other is None:
                return None  # the note's header has no child saying what the condition is
            completed = replace(completed, code=other[0], title=other[1])
        score = 400 + 600 * share**2 - HISTORY_NOTE_COST
        if share >= FULL_SHARE:
            # every word of the condition is its Index line's: above a Z line that says none of them ("history
            # of lyme disease" is no "History, personal, Hodgkin disease")
            own = stems - HISTORY_STEMS  # (the condition's words and its line's title: "broke" is a fracture)
            score = max(
                [
                    score,
                    *(
                        h.score + 1
                        for h in hits
                        if h.code.code.startswith("Z")
                        and h.nodes
                        and not own & content_stems(" ".join(n.term for n in tree.path(h.nodes[-1])))
                    ),
                ]
            )
        which = "family" if family else "personal"
        why = (
            f"{match.describe(book_name(match.nodes[0].book))} -> {display('cm', done[0].code)}; History, "
            f'{which}: Tabular {display("cm", head)} "Conditions classifiable to" holds it -> '
            f"{display('cm', completed.code)}"
        )
        return IndexHit(Code("cm", completed.code, completed.title, "", "code", True, True, ""), score, why)
    return None


_LEVEL_WORDS = content_stems("other unspecified specified nec")  # a title's level, said of any condition


def _own_words(conn: sqlite3.Connection, title: str, head: str) -> frozenset[str]:
    """The stems of a code's title that its history header's title does not say ("unspecified female genital
    organ" below "genital organs")."""
    row = conn.execute("SELECT title FROM codes WHERE system = 'cm' AND code = ?", [head]).fetchone()
    return content_stems(title) - content_stems(str(row[0]) if row else "") - _LEVEL_WORDS


def _other_history(code: str, kinds: Container[str]) -> bool:
    """Whether the code is a history of the other person: not a family history code (Z80-Z84) for a family
    history, or a family history code for the patient's own."""
    family = code.startswith(HISTORY_FAMILY)
    if "family" in kinds:
        return not family
    return "history" in kinds and family


def _drug_pair(
    matcher: Matcher, understood: Understood, drugs: list[str]
) -> tuple[Code, str, float, set[str]] | None:
    """ "hypothyroidism due to amiodarone": the Index's "due to medicament" line codes the condition (E03.2)
    and its Tabular says to use an additional code for the adverse effect to identify the drug: the drug's
    adverse effect T-code from the Drug Table, as the pair."""
    words = query_words(drugs)
    for found in matcher.match(words, ["drug"], limit=2):
        match = _as_adverse(found)
        if match.column != "adverse_effect":
            continue
        hit = _verify(matcher.tree, match, frozenset(s for w in words for s in w.stems), understood)
        if hit is not None:
            code, how = hit
            why = match.describe(book_name("drug")) + (f" -> {how}" if how else "")
            return code, why, 0.0, {w.text for w in words}
    return None


def _links_drug(qwords: Sequence[QueryWord], i: int, named: set[str]) -> bool:
    """Whether the word at i is "induced" after a drug named by name ("cisplatin induced"; not "drug induced")."""
    before = qwords[i - 1].text if i else ""
    return qwords[i].text == "induced" and stem(before) in named and before not in CAUSED_WORDS


def _cause_only(match: PathMatch, qwords: Sequence[QueryWord], named: set[str]) -> bool:
    """Whether the path holds only words of the cause: the drugs named and the link words ("induced")."""
    held = [qwords[i] for i in match.covered if i < len(qwords)]
    return bool(held) and all(stem(w.text) in named or stem(w.text) in _CAUSE_LINKS for w in held)


def _as_adverse(match: PathMatch) -> PathMatch:
    """A drug the query says caused a condition ("hematuria due to coumadin"), with no poisoning word: the
    drug was taken as prescribed, so the Drug Table's adverse effect column (guideline I.C.19.e.5.a), not its
    poisoning default."""
    if match.book != "drug" or not match.defaulted:
        return match
    code = match.nodes[-1].cell("adverse_effect")
    if not code:
        return match
    return replace(match, code=code, column="adverse_effect", defaulted=False)


def _site_guessed(match: PathMatch, stems: frozenset[str]) -> bool:
    """Whether the path followed a "by site" reference ("see Bite, by site") to a site line none of whose
    words the query said."""
    for reference, (_, resume) in zip(match.via, match.jumps, strict=False):
        if "by site" not in reference.lower():
            continue
        below = (
            match.nodes[resume:]
            if reference.lower().rstrip().endswith("by site")
            else match.nodes[resume + 1 :]
        )
        site = next((n for n in below if not n.is_link), None)
        if site is not None and not content_stems(site.term) & stems:
            return True
    return False


def _eye_chapter(code: str) -> bool:
    """Whether an ICD-10-CM code is in chapter 7, Diseases of the eye and adnexa (H00-H59)."""
    return code[:1] == "H" and code[1:3].isdigit() and int(code[1:3]) <= 59


def _spread_hits(
    matcher: Matcher,
    words: Sequence[str],
    alternatives: dict[str, list[str]],
    understood: Understood,
    note: str,
) -> list[IndexHit]:
    """The Neoplasm Table line of each site a spread names, in the column its clause says, in the order told
    ([] when the query tells no spread: bot.lookups.index.neoplasm_spread)."""
    clauses = spread_clauses(words, spread_prepositions(matcher.tree))
    if not clauses:
        return []
    kept: list[SiteClause] = []
    hits: list[IndexHit] = []
    # (the Table's main term named, as a "see Neoplasm, ..., by site" reference would)
    table = query_words([TABLE_BOOK])
    for clause in clauses:
        site = query_words(clause.words, alternatives)
        if not site:
            continue
        # The Table's line the site is named by ("colon", not "intestine, intestinal": one code per path is
        # kept by the walk, in the column it reads, and both lines are D49.0 there), else the best path
        # through the Table.
        # A site of several words the walk reads by two or more ("popliteal lymph nodes": lymph, gland, popliteal)
        # before the line one of its words names.
        named = named_site_line(matcher.tree, clause.words, alternatives, whole=True)
        walked = [] if named else matcher.match([*site, *table], [TABLE_BOOK], limit=3)
        every = set(range(len(site)))
        walked = [m for m in walked if not _names_other_site(matcher.tree, m, site)]
        most = max((len(m.covered & every) for m in walked), default=0)
        named = named or [m for m in walked if len(m.covered & every) == most > 1][:1]
        named = named or named_site_line(matcher.tree, clause.words, alternatives, whole=False)
        for match in [*named, *walked]:
            if match not in named and (
                not match.covered & set(range(len(site))) or match.said - 1 < SPREAD_SITE_SHARE * len(site)
            ):
                continue  # (a walked path must use the clause's site words)
            code = match.nodes[-1].cell(clause.column)
            if not code:
                continue
            read = replace(match, code=code, column=clause.column)
            said = frozenset(s for w in query_words(clause.said, alternatives) for s in w.stems)
            hit = _verify(matcher.tree, read, said, understood)
            if hit is None:
                continue
            found, how = hit
            why = read.describe(book_name(TABLE_BOOK)) + (f" -> {how}" if how else "")
            if all(h.code.code != found.code for h in hits):
                kept.append(clause)
                hits.append(IndexHit(found, 0.0, f"{why} (read: {_spread_note(clause)}){note}"))
            break
    return hits if tells_spread(kept) else []


def _names_other_site(tree: IndexTree, match: PathMatch, qwords: Sequence[QueryWord]) -> bool:
    """Whether a Neoplasm Table path reaches a line by a later form that names another Table line
    (neoplasm_spread.names_other_line), by the query words the path uses."""
    said = frozenset(s for i in match.covered if i < len(qwords) for s in qwords[i].stems)
    return any(names_other_line(tree, n, said) for n in match.nodes if n.book == TABLE_BOOK)


def _spread_note(clause: SiteClause) -> str:
    column = "secondary" if clause.column == "malignant_secondary" else "malignant, primary"
    return f"{' '.join(w for w in clause.said if content_stems(w))} -> {column}"


def _pair(
    matcher: Matcher,
    conn: object,
    best: PathMatch,
    qwords: list[QueryWord],
    books: list[str],
    understood: Understood,
    alternatives: dict[str, list[str]],
    counts: dict[str, int],
) -> tuple[Code, str, float, set[str]] | None:
    """When the query links two concepts ("UTI due to E coli", "afib on blood thinners") and the best path
    codes only one, the best path for the other part, to report beside it as a suggested pair."""
    used = {qwords[i].text for i in best.covered}
    said_stems = frozenset(s for w in qwords for s in w.stems)
    for part in understood.parts:
        left = [w for w in part if w not in used and content_stems(w)]
        if not left:
            continue
        taken = None if "caused" in understood.kinds else taken_part(matcher.tree, understood.text, part)
        read = {**alternatives, **taken} if taken else alternatives
        told = [*part, *LONG_TERM_ECHOES] if taken is not None else part
        words = [
            QueryWord(w.text, w.stems, word_weight(max((counts.get(s, 1) for s in w.stems), default=1)))
            for w in query_words(told, read)
        ]
        if not words:
            continue
        new = {i for i, w in enumerate(words) if w.text in left}
        for found in matcher.match(words, books, limit=3):
            if taken is not None and found.book == "drug" and found.defaulted:
                continue  # "afib on warfarin": the drug taken long term (Z79.01), no poisoning
            match = _as_adverse(found) if "caused" in understood.kinds else found
            share = match.said / sum(w.weight for w in words)
            if share < 0.75 or match.unsaid > 1.0 or not match.covered & new:
                continue
            stems = frozenset(s for w in words for s in w.stems) | _path_stems(match)
            hit = _verify(matcher.tree, match, stems, understood)
            if hit is not None and negates_what_is_said(hit[0].title, said_stems):
                continue  # "BPH with LUTS": "Benign, prostatic hyperplasia" -> N40.0 "... without LUTS"
            if hit is not None:
                code, how = hit
                why = match.describe(book_name(match.nodes[0].book)) + (f" -> {how}" if how else "")
                said = sum(words[i].weight for i in match.covered if words[i].text in left)
                return code, why, said, {words[i].text for i in match.covered}
    return None


# "afib on warfarin", "htn on lisinopril": a drug the patient is on, the Index's Long-term drug therapy line
# of its class (guideline I.C.21.c.3), not the Drug Table's poisoning default.
_ON_DRUG = re.compile(r"(?:^|\s)(?:on|taking|takes)\s+(?P<first>\S+)")


def _titled_by_first(first: IndexHit, pair_words: set[str], best: PathMatch, qwords: list[QueryWord]) -> bool:
    """Whether every word a pair would add to the best path is a word of the first code's Tabular title."""
    new = pair_words - {qwords[i].text for i in best.covered if i < len(qwords)}
    title = content_stems(first.code.title)
    return bool(new) and all(content_stems(w) <= title for w in new)


def taken_part(tree: IndexTree, text: str, part: Sequence[str]) -> dict[str, list[str]] | None:
    """The Long-term drug therapy classes of the drugs a part names, when the part is told as taken ("on
    warfarin": {"warfarin": ["anticoagulants"]}); None when it is not."""
    if not part or not any(m.group("first") == part[0] for m in _ON_DRUG.finditer(text)):
        return None
    if not any(drug_classes(tree, w) for w in part):
        return None  # "psoriasis on elbows": no drug is named
    return {w: list(classes) for w in part if (classes := long_term_classes(tree, w))}


def _phrase_said(
    understood: Understood, qwords: Sequence[QueryWord], required: int, match: PathMatch
) -> float:
    """The weight of the vocabulary's words for a lay phrase that the path holds as the phrase itself
    ("Runny nose" for "rhinorrhea"; "scalded": External Cause Index "Scald"): the Index's own reading of
    the phrase is as good as the meaning. A single word counts only as the path's main term."""
    extra = 0.0
    covered = match.covered
    position = {w.text: i for i, w in enumerate(qwords)}
    for own, means in understood.replaced:
        at = [position.get(w, -1) for w in own]
        if any(i == -1 or i not in covered for i in at) or all(i < required for i in at):
            continue
        if len(own) == 1 and not qwords[at[0]].stems & _all_forms(match.nodes[0].term):
            continue
        extra += sum(
            qwords[i].weight
            for w in means
            if (i := position.get(w, -1)) != -1 and i < required and i not in covered
        )
    return extra


def _all_forms(term: str) -> frozenset[str]:
    return frozenset(s for form in term.split(",") for s in content_stems(form))


def _weight_of(word: QueryWord, counts: dict[str, int], known: Container[str]) -> float:
    """A word in no index term and no title ("my", "feeling", "pt") can neither be matched nor missed."""
    if not any(counts.get(s) for s in word.stems) and word.text not in known:
        return NOISE_WEIGHT
    return word_weight(max((counts.get(s, 1) for s in word.stems), default=1))


UNSAID_WORD = 1.0  # a path word the query did not say costs 1 (a number or a form of a word less)
COMBINATION_MARGIN = (
    0.9  # a path linking the query's parts leads when it scores within this share of the best
)


_MODIFIER = re.compile(r"\(([^()]*)\)")


def _whole_modifier(nodes: Sequence[Node], word: frozenset[str], said: frozenset[str]) -> bool:
    """Whether a parenthesised modifier of one of the lines holds the word and says nothing the query does not
    ("(flare)", not "(with or without presence of ... spacer)")."""
    for node in nodes:
        for group in _MODIFIER.findall(node.modifiers):
            held = content_stems(group)
            if held & word and held <= said:
                return True
    return False


def _combination_lead(
    matches: Sequence[PathMatch], qwords: Sequence[QueryWord], understood: Understood
) -> int:
    """The rank of a match that links the query's parts ("A with B": a path holding words of both) when the best
    match holds words of one part only and the linking one scores nearly as well; 0 otherwise."""
    if len(understood.parts) < 2 or not matches:
        return 0

    def parts_of(match: PathMatch) -> int:
        said = {qwords[i].text for i in match.covered if i < len(qwords)}
        return sum(1 for part in understood.parts if said & set(part))

    if parts_of(matches[0]) > 1:
        return 0
    floor = matches[0].score * COMBINATION_MARGIN
    for rank, match in enumerate(matches[1:6], start=1):
        if match.score < floor:
            break
        if match.book == matches[0].book and parts_of(match) > 1:
            return rank
    return 0


def _part_of(understood: Understood, words: set[str]) -> int:
    """Which of the query's linked parts these words mostly come from (0 the first)."""
    counts = [len(words & set(part)) for part in understood.parts] or [0]
    return max(range(len(counts)), key=lambda i: (counts[i], -i))


ENCOUNTER_STEMS = frozenset(
    # The 7th character's and the unspecified child's own wording ("initial encounter for closed
    # fracture", "unspecified part of"): the Tabular's defaults, not more said.
    stem(w)
    for w in ["initial", "subsequent", "sequela", "encounter", "unspecified", "other", "closed", "part"]
)


def _with_qualifier(
    tree: IndexTree, hits: list[IndexHit], qwords: list[QueryWord], stems: frozenset[str]
) -> IndexHit | None:
    """ "colonoscopy with biopsy": the PCS Index sends "Biopsy" to "Excision with qualifier Diagnostic" and
    names no body part; the procedure found for the other words (0DJD8ZZ, inspection of the lower intestinal
    tract, endoscopic) gives the body system, body part and approach of the excision."""
    if not any(h.code.system == "pcs" and len(h.code.code) == 7 for h in hits):
        return None  # no procedure found to give the body part and approach
    for word in qwords:
        for _, node_id, _, _ in tree.matches([0], word.stems):
            if book_of(node_id) != "pcs":
                continue  # (the book is in the line's id: no line read for the other books' main terms)
            node = tree.node(node_id)
            if node is None or node.book != "pcs":
                continue
            for reference in alternatives_in_order(tree.references(node_id), stems):
                if not reference.qualifier:
                    continue
                name = reference.text.split(",")[0].strip()
                base = next(
                    (
                        h
                        for h in hits
                        if h.code.system == "pcs" and len(h.code.code) == 7 and word.text not in h.why.lower()
                    ),
                    None,
                )
                if base is None:
                    continue
                code = base.code.code
                op = root_operation(tree.conn, code[:2], name, tree.memo)
                if not op:
                    continue
                axes = _axes_of(tree, code)
                done = complete_pcs(
                    tree.conn, code[:2] + op, stems | content_stems(axes), reference.qualifier, tree.memo
                )
                if done is None or done.code[:3] != code[:2] + op:
                    continue
                why = (
                    f"PCS Index: {node.term} -> see {reference.text} with qualifier {reference.qualifier}; "
                    f"body part and approach from {base.code.code} ({base.why.split(' (vocabulary')[0]}) -> "
                    f"{done.how} -> {done.code}"
                )
                return IndexHit(
                    Code("pcs", done.code, done.title, "", "code", True, True, ""), base.score + 1, why
                )
    return None


def _axes_of(tree: IndexTree, code: str) -> str:
    """The meanings of a complete PCS code's body part and approach characters."""
    rows = tree.conn.execute(
        "SELECT meaning FROM pcs_axes WHERE tbl = ? AND ((position = 4 AND char = ?) OR (position = 5 AND char = ?))",
        [code[:3], code[3], code[4]],
    ).fetchall()
    return " ".join(str(r[0]) for r in rows)


def _title_unsaid(code: Code, stems: frozenset[str], match: PathMatch) -> float:
    """The Tabular check: a code whose title says more than the query and the path ("Repeated falls" for
    "fall") ranks below one that says no more ("Unspecified fall")."""
    # A main term's other form the query did not say ("pathological" of "Fracture, pathological") is
    # not excused: the title saying it says more than the query.
    if match.book == "neoplasm" and match.column == "unspecified_behavior":
        # The Table's unspecified behavior codes name the body system their site is classified in ("Neoplasm
        # of unspecified behavior of digestive system" for the liver): the system is no word said beyond the
        # query.
        return 0.0
    main = match.nodes[0]
    unsaid_forms = {
        s for form in main.term.split(",") if not content_stems(form) & stems for s in content_stems(form)
    }
    extra = content_stems(code.title) - stems - (_path_stems(match) - unsaid_forms) - ENCOUNTER_STEMS
    return min(3, len(extra)) * 6.0


def _path_stems(match: PathMatch, columns: bool = True) -> frozenset[str]:
    """What the index path and its references say (site, type), which the Tabular's child titles repeat
    (without `columns`, less the Neoplasm Table's column a reference names: the completion's words)."""
    said = {s for n in match.nodes for s in content_stems(n.term)}
    referred = {s for reference in match.via for s in content_stems(reference.split("=")[0])}
    if match.book == "neoplasm" and not columns:
        # ("Tumor - see Neoplasm, unspecified behavior, by site": the reference's column is no word of the
        # site, whose Tabular child the query's side chooses - C40.12, not the "unspecified" C40.10)
        referred -= TABLE_COLUMN_WORDS
    return frozenset(said | referred)


# The Neoplasm Table's column headings as a reference names them ("Neoplasm, unspecified behavior, by site").
TABLE_COLUMN_WORDS = frozenset(
    s for stems in COLUMN_STEMS["neoplasm"].values() for s in stems
) | content_stems("behavior by site")


def _closest(tree: IndexTree, qwords: list[QueryWord]) -> list[str]:
    return ranked_main_terms(tree, [w.stems for w in qwords], most=8)
