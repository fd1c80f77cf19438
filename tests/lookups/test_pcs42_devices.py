"""A device named by its Device Key name and put in ("implantation of Virtuoso into chest subcutaneous tissue") is
an Insertion (Medical and Surgical, root operation H: "putting in a nonbiological appliance"), not an
Introduction of a substance by a subcutaneous route (section 3, "putting in ... a substance") nor the HCPCS line
whose title prints "implantation" (bot.lookups.index.pcs_device_put)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # ("Virtuoso (II) (DR) (VR) - use Defibrillator Generator in=0JH")
        ("open implantation of virtuoso into chest subcutaneous tissue and fascia", "0JH608Z"),
        # ("Intellis(tm) neurostimulator - use Stimulator Generator, Multiple Array Rechargeable in=0JH")
        (
            "open implantation of intellis neurostimulator into chest subcutaneous tissue and fascia",
            "0JH60EZ",
        ),
        # ("Single lead pacemaker (atrium)(ventricle) - use Pacemaker, Single Chamber in=0JH")
        (
            "percutaneous implantation of single lead pacemaker into chest subcutaneous tissue and fascia",
            "0JH634Z",
        ),
        # ("Tunneled central venous catheter - use Vascular Access Device, Tunneled in Subcutaneous Tissue ...")
        (
            "open tunneled central venous catheter implantation right lower arm subcutaneous tissue and fascia",
            "0JHG0XZ",
        ),
    ],
)
def test_a_device_implanted_is_its_insertion(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("insulin injection subcutaneous", "3E013VG"),  # a substance given: its Introduction still
        ("steroid injection via port", "3E0433Z"),  # "injection" puts in a substance, the port its route
    ],
)
def test_a_substance_given_stays_its_administration(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # ("Paclitaxel-eluting peripheral stent - use Intraluminal Device, Drug-eluting in Upper Arteries")
        ("dilation of right subclavian artery with paclitaxel-eluting peripheral stent open", "037304Z"),
        # ("Zotarolimus-eluting coronary stent - use Intraluminal Device, Drug-eluting in Heart and Great Vessels")
        ("open dilation of tricuspid valve with zotarolimus-eluting coronary stent", "027J04Z"),
        # ("Implantable cardioverter-defibrillator (ICD) - use Defibrillator Generator in=0JH")
        (
            "implantable cardioverter-defibrillator implantation chest subcutaneous tissue and fascia open",
            "0JH608Z",
        ),
    ],
)
def test_a_hyphened_device_key_name_is_said_by_its_halves(codebook: CodeBook, query: str, code: str) -> None:
    """The Key line's main term is said by a hyphened compound's parts (completion.with_halves), and the drug
    a stent elutes names the stent, not the drug's HCPCS line (pcs_device_put.names_device_by_key)."""
    assert find_codes(codebook, query)[0].code == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        (
            "open COGNIS CRT-D implantation chest subcutaneous tissue and fascia",
            "0JH609Z",
        ),  # no "crt" of CRT-P
        ("tracheostomy tube revision trachea open", "0BW10FZ"),  # no "vision" of the variant "re-vision"
        ("paclitaxel 175 mg/m2 IV", "J9267"),  # a drug given, no stent said: its drug line
    ],
)
def test_only_a_typed_compound_is_split(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # ("Bone screw (interlocking)(lag)(pedicle)(recessed) - use Internal Fixation Device ...")
        ("revision of bone screw in facial bone", "0NWWX4Z"),
        ("removal of bone screw from facial bone open", "0NPW04Z"),
        # ("Bovine pericardial valve - use Zooplastic Tissue in Heart and Great Vessels")
        ("percutaneous bovine pericardial valve revision tricuspid valve", "02WJ38Z"),
    ],
)
def test_a_device_named_by_its_key_reads_the_device_lines(codebook: CodeBook, query: str, code: str) -> None:
    """A device named by the Device Key is the "device" of the Index's "Revision of device in" and "Removal of
    device from" lines (pcs_device_put.device_echo), not a bone or nerve line the other words meet."""
    assert find_codes(codebook, query)[0].code == code


def test_the_device_echo_only_for_a_device_operation_of_a_device_not_said_as_device() -> None:
    from bot.lookups.index.pcs_device_put import device_echo

    operations = frozenset({"insertion", "removal", "revision", "change"})
    assert device_echo(True, ["revision", "of", "bone", "screw"], operations) == ["device"]
    assert device_echo(True, ["revision", "of", "device"], operations) == []
    assert device_echo(False, ["revision", "of", "facial", "bone"], operations) == []
    assert device_echo(True, ["placed", "insertion", "endotracheal", "tube"], operations) == []
    # ("reinforcement": Supplement, an operation no device line holds)
    assert device_echo(True, ["reinforcement", "supplement", "nonautologous", "tissue"], operations) == []


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("reinforcement of chest wall with nonautologous tissue open", "0WU80KZ"),
        ("reposition of left humeral shaft with sheffield ring external fixator percutaneous", "0PSG3CZ"),
    ],
)
def test_no_device_line_for_other_operations(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code
