"""What each kind of event must carry. One rule set for forms, the API and imports."""

import re
from datetime import date

from iom.codes import (
    OFFENCES,
    ArrestOutcome,
    EngagementService,
    EngagementStatus,
    EventKind,
    HandlingCode,
    WantedType,
)

# Fields every event may carry, by kind: (required, optional).
EVENT_FIELDS = {
    EventKind.ARREST: (("date", "offence"), ("outcome", "summary")),
    EventKind.CHARGE: (("date", "offence"), ("offence_date", "summary")),
    EventKind.CONVICTION: (("date", "offence"), ("offence_date", "summary")),
    EventKind.INTELLIGENCE: (
        ("date", "grade", "handling_code"),
        ("suggests_offending", "summary"),
    ),
    EventKind.WANTED: (("date", "wanted_type"), ("end_date", "summary")),
    EventKind.CUSTODY: (("date",), ("end_date", "expected_release", "summary")),
    EventKind.BREACH: (("date",), ("summary",)),
    EventKind.RECALL: (("date",), ("summary",)),
    EventKind.SUPERVISION: (("date", "order_type"), ("end_date", "statutory", "summary")),
    EventKind.ENGAGEMENT: (("date", "service", "status"), ("summary",)),
}
ALL_EVENT_FIELDS = (
    "date",
    "end_date",
    "offence",
    "offence_date",
    "outcome",
    "grade",
    "handling_code",
    "suggests_offending",
    "summary",
    "wanted_type",
    "expected_release",
    "order_type",
    "statutory",
    "service",
    "status",
)
_CHOICES = {
    "offence": set(OFFENCES),
    "outcome": set(ArrestOutcome.values),
    "wanted_type": set(WantedType.values),
    "handling_code": set(HandlingCode.values),
    "service": set(EngagementService.values),
    "status": set(EngagementStatus.values),
}
GRADE_5X5X5 = re.compile(r"^[A-E][1-5]$")
GRADE_3X5X2 = re.compile(r"^[1-3][A-E]$")


def grading_system(grade: str) -> str | None:
    """'5x5x5' for legacy grades such as B2, '3x5x2' for current ones such as 1A."""
    if GRADE_5X5X5.match(grade or ""):
        return "5x5x5"
    if GRADE_3X5X2.match(grade or ""):
        return "3x5x2"
    return None


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _blank(value):
    return value is None or value == ""


def validate_event(kind: str, values: dict, today: date) -> dict[str, str]:
    """Return {field: message} for every problem; empty when the event may be recorded.

    Values are already typed (dates are dates, booleans are booleans).
    """
    if kind not in EVENT_FIELDS:
        return {"kind": f"Choose a kind of event: {', '.join(EventKind.values)}"}
    errors: dict[str, str] = {}
    required, optional = EVENT_FIELDS[kind]
    allowed = set(required) | set(optional)
    label = EventKind(kind).label.lower()
    for field in required:
        if _blank(values.get(field)):
            errors[field] = f"Enter the {field.replace('_', ' ')} of the {label}"
    for field in ALL_EVENT_FIELDS:
        if (
            field not in allowed
            and not _blank(values.get(field))
            and values.get(field) is not False
        ):
            errors[field] = f"{_a(label).capitalize()} does not have {_a(field.replace('_', ' '))}"
    for field, choices in _CHOICES.items():
        value = values.get(field)
        if field in allowed and not _blank(value) and value not in choices:
            errors[field] = f"Unknown {field.replace('_', ' ')} '{value}': use one of " + ", ".join(
                sorted(choices)
            )
    grade = values.get("grade")
    if "grade" in allowed and not _blank(grade) and grading_system(grade) is None:
        errors["grade"] = (
            "Enter a grade as 5x5x5 (source A–E then information 1–5, like B2) "
            "or 3x5x2 (source 1–3 then intelligence A–E, like 1A)"
        )
    for field in ("date", "offence_date", "end_date"):
        value = values.get(field)
        if isinstance(value, date) and value > today:
            errors.setdefault(field, f"The {field.replace('_', ' ')} cannot be in the future")
    start, end = values.get("date"), values.get("end_date")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors.setdefault("end_date", "The end date must be the same as or after the date")
    offence_date = values.get("offence_date")
    if isinstance(start, date) and isinstance(offence_date, date) and offence_date > start:
        errors.setdefault(
            "offence_date", f"The offence date must be on or before the date of the {label}"
        )
    return errors
