"""A word WordNet files as a kind of medicine: a drug named by its class or by a name the Drug Table lacks.

Guideline I.C.19.e.5.a codes an adverse effect of a drug correctly taken by the nature of the effect first,
and the Index prints that nature under the condition's own "drug-induced" / "due to drugs" subterm
("Myopathy, drug-induced" G72.0; "Anemia, aplastic, drug-induced" D61.1). Users name the drug by its class
("statin myopathy", "thrush from antibiotics") or by a generic the Table of Drugs and Chemicals has no line for
("gemfibrozil"). WordNet 3.0's noun hierarchy (the shipped extract, bot.lookups.wordnet) files such words under
its synset *medicine, medication, medicament, medicinal drug*: "statin" -> lipid-lowering medicine ->
medicine; "antibiotic" -> antibacterial -> medicine; "gemfibrozil" -> medicine. `names_medicine` reads that
hierarchy, so no list of drug names is kept here.
"""

from __future__ import annotations

from bot.lookups.wordnet import WordNet

# The lemmas of WordNet's synset "medicine, medication, medicament, medicinal drug" (an agent used to treat
# disease): the sense every medicine's hypernyms reach.
MEDICINE_LEMMAS = frozenset({"medicine", "medication", "medicament", "medicinal drug"})
# How far a word's first sense may be from that synset ("ssri" -> antidepressant -> medicine: 2).
MEDICINE_DEPTH = 3


def names_medicine(wordnet: WordNet, word: str) -> bool:
    """Whether a typed word (or its plural's singular) is, in its first WordNet noun sense, a kind of
    medicine: "statin", "antibiotics", "ssri", "gemfibrozil"; not "tuna", "noise", "glue", nor the words
    "medicine" or "pill" themselves (a medicine's kind, not the synset)."""
    for form in _forms(word.lower()):
        senses = wordnet.senses(form)
        if not senses:
            continue
        if MEDICINE_LEMMAS.intersection(senses[0].lemmas):
            return False  # the word for medicine itself names no drug
        return any(
            MEDICINE_LEMMAS.intersection(sense.lemmas)
            for sense, distance in wordnet.broader(form, depth=MEDICINE_DEPTH)
            if distance <= MEDICINE_DEPTH
        )
    return False


def _forms(word: str) -> tuple[str, ...]:
    """The word as typed, then its singular ("antibiotics" -> antibiotic)."""
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return (word, word[:-1])
    return (word,)
