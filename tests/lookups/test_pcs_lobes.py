"""A lobe said alone is the lung's lobe, whatever scope reached it (bot.lookups.index.pcs_lobes): a biopsy or a
lavage through the bronchoscope samples the lung lobe; the lobe's bronchus is coded when the query says it."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("bronchoscopy with transbronchial biopsy left upper lobe", "0BBG8ZX"),
        ("bronchoscopy with BAL left lower lobe", "0B9J8ZX"),
        ("bronchoscopy with biopsy of lingula", "0BBH8ZX"),
        ("bronchoscopy with endobronchial biopsy right upper lobe bronchus", "0BB48ZX"),  # the bronchus said
    ],
)
def test_a_lobe_said_is_the_lung_lobe(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code
