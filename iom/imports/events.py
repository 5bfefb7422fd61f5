"""Importing events. Events are history: a row whose ref is already recorded must match what
was recorded (it is then skipped as unchanged); a different row under a known ref is an error.

Rows are written with PostgreSQL COPY (iom/imports/copy.py), so a daily extract of 100,000
events takes seconds.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from iom.event_rules import ALL_EVENT_FIELDS, validate_event
from iom.imports.copy import copy_rows
from iom.imports.lookup import NOMINAL_COLUMNS, chunks, resolve_nominals
from iom.imports.parsing import CellError, Column, RowError, check_length, parse_bool, parse_date
from iom.models import Event
from iom.signals import events_recorded

COLUMNS = [
    Column("ref"),
    *(Column(name) for name in NOMINAL_COLUMNS),
    Column("kind", required=True),
    Column("date", required=True),
    *(Column(name) for name in ALL_EVENT_FIELDS if name != "date"),
]
ONE_OF = NOMINAL_COLUMNS
DATES = {"date", "end_date", "offence_date", "expected_release"}
BOOLEANS = {"suggests_offending", "statutory"}
UPPER = {"grade", "handling_code"}
CODES = {"offence", "outcome", "wanted_type", "service", "status"}
LIMITS = {"order_type": 80}
# What an event is, for comparing a row with the event recorded under the same ref.
CONTENT = ("nominal_id", "kind", *ALL_EVENT_FIELDS)


@dataclass
class Plan:
    rows: list[tuple] = field(default_factory=list)  # CONTENT + ref, ready to copy
    unchanged: int = 0

    def counts(self) -> tuple[int, int, int]:
        """(created, updated, unchanged)"""
        return len(self.rows), 0, self.unchanged


def _typed(row, errors) -> tuple[dict, set]:
    """The row's event fields as typed values, and the names of the cells that could not be read."""
    values, failed = {}, set()
    for name in ALL_EVENT_FIELDS:
        text = row.get(name)
        try:
            if name in DATES:
                values[name] = parse_date(text)
            elif name in BOOLEANS:
                values[name] = parse_bool(text)
            else:
                text = text.upper() if name in UPPER else text.lower() if name in CODES else text
                values[name] = check_length(text, LIMITS[name]) if name in LIMITS else text
        except CellError as exc:
            errors.append(RowError(row.line, name, str(exc)))
            failed.add(name)
            values[name] = None
    return values, failed


def _recorded(refs) -> dict[str, tuple]:
    recorded = {}
    for part in chunks(refs):
        for values in Event.objects.filter(ref__in=part).values("ref", *CONTENT):
            recorded[values["ref"]] = tuple(values[name] for name in CONTENT)
    return recorded


def validate(table, *, scheme, today, errors) -> Plan:
    nominal_of = resolve_nominals(table.rows, scheme, today, errors)
    plan = Plan()
    candidates = []
    first_line: dict = {}
    for row in table.rows:
        kind = row.get("kind").lower()
        values, failed = _typed(row, errors)
        ok = not failed
        for name, reason in validate_event(kind, values, today).items():
            if name not in failed:
                errors.append(RowError(row.line, name, reason))
                ok = False
        ref = row.get("ref") or None
        if ref and len(ref) > 80:
            errors.append(RowError(row.line, "ref", "Too long: at most 80 characters"))
            ok = False
        if not ok or row.line not in nominal_of:
            continue
        content = (nominal_of[row.line], kind, *(values[n] for n in ALL_EVENT_FIELDS))
        key = ("ref", ref) if ref else ("content", content)
        if key in first_line:
            what = f"Reference {ref}" if ref else "The same event"
            errors.append(RowError(row.line, "ref", f"{what} is also on line {first_line[key]}"))
            continue
        first_line[key] = row.line
        candidates.append((row.line, ref, content))
    recorded = _recorded({ref for _, ref, _ in candidates if ref})
    for line, ref, content in candidates:
        if ref not in recorded:
            plan.rows.append((*content, ref))
        elif recorded[ref] == content:
            plan.unchanged += 1
        else:
            errors.append(
                RowError(
                    line,
                    "ref",
                    f"Event {ref} is already recorded with different details; events are "
                    "history and are not changed by an import",
                )
            )
    return plan


def write(plan: Plan, user) -> tuple[int, int, int]:
    if not plan.rows:
        return plan.counts()
    meta = Event._meta
    names = [*CONTENT, "ref", "recorded_at", "recorded_by"]
    columns = [meta.get_field(n.removesuffix("_id")).column for n in names]
    now, user_id = timezone.now(), getattr(user, "pk", None)
    copy_rows(Event, columns, [(*row, now, user_id) for row in plan.rows])
    nominal_ids = sorted({row[0] for row in plan.rows})
    events_recorded.send(sender=Event, nominal_ids=nominal_ids)
    return plan.counts()
