"""Meeting rules that need no database: quorum, weekly frequency, review dates, lead suggestion.

Pure functions over plain values so they can be tested with tables of cases (DOMAIN.md,
Meetings; London steps 6–7 for the lead agency).
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Quorum:
    met: bool
    present: int
    required: int
    agencies: tuple[str, ...]
    message: str


def quorum(attendee_agencies: Iterable[tuple[int, str]], required: int) -> Quorum:
    """Quorum counts different agencies, not people: two officers of one force count once."""
    names: dict[int, str] = {}
    for agency_id, name in attendee_agencies:
        names.setdefault(agency_id, name)
    agencies = tuple(sorted(names.values()))
    present = len(agencies)
    met = present >= required
    listed = f" ({', '.join(agencies)})" if agencies else ""
    noun = "agency" if present == 1 else "agencies"
    if met:
        message = f"Quorum met: {present} {noun} present{listed}."
    else:
        message = (
            f"Quorum not met: {present} {noun} present{listed}. At least {required} different "
            "agencies must attend before a decision can be recorded; notes can still be taken."
        )
    return Quorum(met, present, required, agencies, message)


def week_start(day: date) -> date:
    """The Monday of the Monday–Sunday week holding `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekCount:
    start: date
    end: date
    meetings: int
    required: int
    current: bool

    @property
    def short(self) -> bool:
        return self.meetings < self.required

    @property
    def message(self) -> str:
        noun = "meeting" if self.meetings == 1 else "meetings"
        when = "This week" if self.current else "The week"
        so_far = " so far" if self.current else ""
        return (
            f"{when} from Monday {self.start.day} {self.start:%B %Y} to Sunday "
            f"{self.end.day} {self.end:%B %Y} has {self.meetings} daily tasking {noun}{so_far}; "
            f"the scheme's policy is at least {self.required} a week."
        )


def weekly_frequency(
    meeting_dates: Iterable[date], today: date, required: int, weeks: int = 2
) -> list[WeekCount]:
    """Daily tasking meetings in the current week and the ones before it, newest first."""
    this_monday = week_start(today)
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks)]
    counts = dict.fromkeys(mondays, 0)
    for day in meeting_dates:
        monday = week_start(day)
        if monday in counts:
            counts[monday] += 1
    return [
        WeekCount(m, m + timedelta(days=6), counts[m], required, m == this_monday) for m in mondays
    ]


def add_months(day: date, months: int) -> date:
    """Same day N months on, clamped to the month's end (31 Aug + 6 months = 28/29 Feb), as
    PostgreSQL's date + interval does, so Python and the SQL job agree."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due_date(spell_start: date, last_retained: date | None, months: int) -> date:
    """Due six months (policy) after the start of the spell, or after the last retain decision."""
    clock_from = max(spell_start, last_retained) if last_retained else spell_start
    return add_months(clock_from, months)


PROBATION = "probation"
SUBSTANCE_MISUSE = "substance-misuse"


@dataclass(frozen=True)
class LeadSuggestion:
    agency: str | None  # PROBATION, SUBSTANCE_MISUSE, or None: the meeting chooses
    reason: str


def suggest_lead(*, statutory: bool, primary_substance: str) -> LeadSuggestion:
    """London steps 6–7: probation for statutory cases, substance misuse for non-statutory
    addiction-driven cases, otherwise the best-placed agency as the meeting chooses."""
    if statutory:
        return LeadSuggestion(PROBATION, "Statutory case: under current statutory supervision")
    if (primary_substance or "").strip():
        return LeadSuggestion(
            SUBSTANCE_MISUSE,
            f"Non-statutory, addiction-driven case (primary substance: {primary_substance})",
        )
    return LeadSuggestion(None, "Non-statutory and not addiction-driven: choose the best placed")
