"""PNC ID and CRN rules (pure Python): accept what people type, store one canonical form."""

import re
from datetime import date

PNC_CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
_PNC_RE = re.compile(r"^(?P<year>\d{2}|\d{4})/?(?P<serial>\d{1,7})(?P<check>[A-Z])$")
_CRN_RE = re.compile(r"^[A-Z]\d{6}$")


class IdentifierError(ValueError):
    """A typed identifier that cannot be accepted; the message says why, for the user."""


def pnc_check_letter(year: int, serial: int) -> str:
    return PNC_CHECK_LETTERS[int(f"{year % 100:02d}{serial:07d}") % 23]


def normalise_pnc(value: str, today: date | None = None) -> str:
    """`12/1H`, `2012/0000001H`, `120000001h` → `2012/0000001H`."""
    today = today or date.today()
    text = re.sub(r"\s+", "", value or "").upper()
    match = _PNC_RE.match(text)
    if not match:
        raise IdentifierError(
            "Enter a PNC ID like 2012/0000001H: a 2- or 4-digit year, a serial number of up to "
            "7 digits and a check letter"
        )
    year_text, serial = match["year"], int(match["serial"])
    if len(year_text) == 2:
        yy = int(year_text)
        year = 2000 + yy if yy <= today.year % 100 else 1900 + yy
    else:
        year = int(year_text)
    if year > today.year:
        raise IdentifierError(f"The PNC ID year {year} is in the future")
    expected = pnc_check_letter(year, serial)
    if match["check"] != expected:
        raise IdentifierError(
            f"The PNC ID check letter is wrong: for {year}/{serial:07d} it should be {expected}"
        )
    return f"{year}/{serial:07d}{expected}"


def normalise_crn(value: str) -> str:
    text = re.sub(r"\s+", "", value or "").upper()
    if not _CRN_RE.match(text):
        raise IdentifierError("Enter a CRN as one letter and six digits, like X552020")
    return text
