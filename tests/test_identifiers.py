from datetime import date

import pytest

from iom.identifiers import IdentifierError, normalise_crn, normalise_pnc, pnc_check_letter

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "typed, canonical",
    [
        ("12/1H", "2012/0000001H"),
        ("2012/0000001H", "2012/0000001H"),
        ("2012/1h", "2012/0000001H"),
        ("120000001H", "2012/0000001H"),
        (" 12 / 1H ", "2012/0000001H"),
        ("99/123456X", f"1999/0123456{pnc_check_letter(1999, 123456)}"),
        ("26/5A", f"2026/0000005{pnc_check_letter(2026, 5)}"),  # this year's 2 digits: 20YY
        ("27/5A", f"1927/0000005{pnc_check_letter(1927, 5)}"),  # after this year: 19YY
    ],
)
def test_pnc_accepts_typed_forms(typed, canonical):
    # The check letter in the typed value must be right for the test rows that use a dummy.
    if typed.endswith(("X", "A")):
        typed = typed[:-1] + canonical[-1]
    assert normalise_pnc(typed, TODAY) == canonical


def test_pnc_check_letter_formula():
    # int("12" + "0000001") % 23 == 120000001 % 23 == 8 -> "H"
    assert 120000001 % 23 == 8
    assert pnc_check_letter(2012, 1) == "H"


@pytest.mark.parametrize(
    "typed, message",
    [
        ("12/1A", "should be H"),
        ("2012/0000001Z", "should be H"),
        ("12/12345678H", "Enter a PNC ID"),
        ("ABC", "Enter a PNC ID"),
        ("", "Enter a PNC ID"),
        ("2012/1", "Enter a PNC ID"),
        ("2030/1Z", "in the future"),
    ],
)
def test_pnc_rejects_with_reason(typed, message):
    with pytest.raises(IdentifierError, match=message):
        normalise_pnc(typed, TODAY)


@pytest.mark.parametrize(
    "typed, canonical", [("X552020", "X552020"), ("x552020", "X552020"), (" X 552020 ", "X552020")]
)
def test_crn_accepts(typed, canonical):
    assert normalise_crn(typed) == canonical


@pytest.mark.parametrize("typed", ["552020", "XX55202", "X55202", "X5520201", "1552020", ""])
def test_crn_rejects(typed):
    with pytest.raises(IdentifierError, match="one letter and six digits"):
        normalise_crn(typed)
