"""A morphology named with a site, read as a coder reads the Index: "Glioblastoma, specified site - see Neoplasm,
malignant, by site" leads to the Neoplasm Table line of the site said, in the column the reference names; a
behaviour the query does not state ("in situ") is not assumed; two linked neoplasms are two sites, each in the
column its own words say. Queries are written from the Index's and the Table's own words, not from the
benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def first(book: CodeBook, query: str) -> str:
    return find_codes(book, query, limit=1)[0].code


def codes(book: CodeBook, query: str) -> list[str]:
    return [h.code for h in find_codes(book, query, limit=5)]


def test_a_morphology_with_a_site_follows_its_specified_site_line(codebook: CodeBook) -> None:
    # "Astrocytoma, specified site NEC - see Neoplasm, malignant, by site"; "unspecified site C71.9" is for
    # the morphology named alone.
    assert first(codebook, "astrocytoma of cerebellum") == "C71.6"
    assert first(codebook, "glioblastoma of temporal lobe") == "C71.2"
    assert first(codebook, "glioblastoma") == "C71.9"
    # "Seminoma C62.9-, specified site - see Neoplasm, malignant, by site": the Table's undescended testis.
    assert first(codebook, "seminoma of undescended right testis") == "C62.01"


def test_the_column_a_reference_names_is_not_outvoted_by_the_morphologys_own_word(codebook: CodeBook) -> None:
    # "Tumor, Sertoli cell - see Neoplasm, benign, by site": "tumor" is the morphology's word, not a behaviour.
    assert first(codebook, "sertoli cell tumor of ovary") == "D27.9"
    # A behaviour word the query adds still chooses: "metastatic".
    assert first(codebook, "metastatic adenocarcinoma of liver") == "C78.7"


def test_in_situ_is_not_read_when_the_query_does_not_say_it(codebook: CodeBook) -> None:
    # "Melanoma, skin, back C43.59" before "Melanoma, in situ, back D03.59".
    assert first(codebook, "melanoma of the back") == "C43.59"
    assert first(codebook, "melanoma right forearm") == "C43.61"
    assert first(codebook, "melanoma in situ of the back") == "D03.59"


def test_two_linked_neoplasms_are_two_sites_each_in_its_own_column(codebook: CodeBook) -> None:
    # The secondary's site takes its own part's behaviour words ("secondary", "metastases"); the primary's
    # "cancer" / "carcinoma" (more words) do not pull the bone, liver or adrenal line into "malignant, primary".
    assert first(codebook, "secondary malignant neoplasm of bone from breast cancer") == "C79.51"
    assert first(codebook, "mets to liver from lung cancer") == "C78.7"
    assert first(codebook, "adrenal metastases from lung carcinoma") == "C79.70"


def test_pathology_shorthand_names_the_morphology_not_a_spelling_neighbour(codebook: CodeBook) -> None:
    # "adenoca" is adenocarcinoma (malignant), not "adenoma" (benign) by spelling; "DLBCL" and "NSHL" are the
    # Index's lymphoma lines.
    assert first(codebook, "adenoca of stomach") == "C16.9"
    assert first(codebook, "DLBCL") == "C83.30"
    assert first(codebook, "NSHL") == "C81.10"
    assert first(codebook, "cin 3") == "D06.9"


def test_the_morphology_sibling_of_an_unspecified_skin_line(codebook: CodeBook) -> None:
    # "Neoplasm, skin, limb, upper" prints C44.60- ("Unspecified malignant neoplasm ..."); its group "Other
    # and unspecified malignant neoplasm of skin of upper limb" holds the sibling the morphology names
    # (C44.62- "Squamous cell carcinoma ..."), as the vocabulary reads "SCC".
    assert first(codebook, "SCC of the skin of the left forearm") == "C44.629"
