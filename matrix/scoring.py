"""The Derbyshire IOM matrix (Strategy Appendix B) as a pure function: settings and events in,
the full breakdown out, so every row, count and window can be shown and checked.

No Django here: the page, the API and the tests call it; the bulk SQL in matrix/rescoring.py
must agree with it (tests/test_matrix_rescoring.py holds them to that).
"""

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

NOT_ELIGIBLE = "not_eligible"
PROFESSIONAL_DISCRETION = "professional_discretion"
TO_PANEL = "to_panel"
DECISION_LABELS = {
    NOT_ELIGIBLE: "Not eligible for panel",
    PROFESSIONAL_DISCRETION: "Professional discretion",
    TO_PANEL: "To panel",
}

OFFENCE_KINDS = ("arrest", "conviction")
COMPLIANCE_KINDS = ("breach", "recall")
# 5x5x5: source A or B and information 1 or 2; 3x5x2: source 1 and intelligence A or B.
HIGH_GRADE = re.compile(r"^([AB][12]|1[AB])$")


@dataclass(frozen=True)
class OffenceWeight:
    code: str
    label: str
    heading: str
    weight: int


@dataclass(frozen=True)
class MatrixSettings:
    """One scheme's matrix policy; every number is data (matrix.models.MatrixSettings)."""

    offences: tuple[OffenceWeight, ...]
    offence_window_months: int = 24
    intelligence_recent_days: int = 28
    intelligence_older_days: int = 56
    high_grade_score: int = 5
    other_grade_score: int = 3
    arrest_window_months: int = 12
    arrest_score: int = 6
    compliance_window_months: int = 24
    compliance_lower_threshold: int = 3
    compliance_lower_score: int = 5
    compliance_upper_threshold: int = 6
    compliance_upper_score: int = 10
    discretion_from: int = 80
    panel_from: int = 90


@dataclass(frozen=True)
class MatrixEvent:
    kind: str
    date: date
    offence: str = ""
    grade: str = ""


@dataclass(frozen=True)
class Window:
    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class OffenceRow:
    code: str
    label: str
    heading: str
    weight: int
    convictions: int
    arrests: int
    score: int


@dataclass(frozen=True)
class UnmatchedOffence:
    code: str
    convictions: int
    arrests: int


@dataclass(frozen=True)
class IntelligenceBand:
    band: str
    label: str
    window: Window
    high_grade: int
    other: int
    score: int


@dataclass(frozen=True)
class ComplianceRow:
    label: str
    threshold: int
    weighting: int
    applies: bool
    score: int


@dataclass(frozen=True)
class MatrixBreakdown:
    settings: MatrixSettings
    as_of: date
    offence_window: Window
    offences: tuple[OffenceRow, ...]
    unmatched: tuple[UnmatchedOffence, ...]
    offences_score: int
    intelligence: tuple[IntelligenceBand, ...]
    intelligence_score: int
    arrest_window: Window
    arrests_12m: int
    arrests_score: int
    compliance_window: Window
    breaches_24m: int
    compliance: tuple[ComplianceRow, ...]
    compliance_score: int
    total: int
    decision: str

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS[self.decision]


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier; the month's last day when it is shorter (31 Mar → 28/29
    Feb), which is also what PostgreSQL's date - interval does."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_window(as_of: date, months: int) -> Window:
    return Window(months_before(as_of, months), as_of)


def is_high_grade(grade: str) -> bool:
    return bool(HIGH_GRADE.match((grade or "").strip().upper()))


def decide(total: int, settings: MatrixSettings) -> str:
    if total >= settings.panel_from:
        return TO_PANEL
    if total >= settings.discretion_from:
        return PROFESSIONAL_DISCRETION
    return NOT_ELIGIBLE


def _offences(settings, events, window):
    counts = Counter(
        (e.offence, e.kind) for e in events if e.kind in OFFENCE_KINDS and e.date in window
    )
    rows = tuple(
        OffenceRow(
            code=o.code,
            label=o.label,
            heading=o.heading,
            weight=o.weight,
            convictions=counts[(o.code, "conviction")],
            arrests=counts[(o.code, "arrest")],
            score=o.weight * (counts[(o.code, "conviction")] + counts[(o.code, "arrest")]),
        )
        for o in settings.offences
    )
    known = {o.code for o in settings.offences}
    unmatched = tuple(
        UnmatchedOffence(code, counts[(code, "conviction")], counts[(code, "arrest")])
        for code in sorted({code for code, _ in counts} - known)
        if code
    )
    return rows, unmatched


def _intelligence(settings, events, as_of):
    recent, older = settings.intelligence_recent_days, settings.intelligence_older_days
    bands = (
        (f"0-{recent}", f"Intelligence 0 to {recent} days old", 0, recent),
        (
            f"{recent + 1}-{older}",
            f"Intelligence {recent + 1} to {older} days old",
            recent + 1,
            older,
        ),
    )
    received = [e for e in events if e.kind == "intelligence"]
    result = []
    for band, label, youngest, oldest in bands:
        window = Window(as_of - timedelta(days=oldest), as_of - timedelta(days=youngest))
        grades = [is_high_grade(e.grade) for e in received if e.date in window]
        high = sum(grades)
        other = len(grades) - high
        score = high * settings.high_grade_score + other * settings.other_grade_score
        result.append(IntelligenceBand(band, label, window, high, other, score))
    return tuple(result)


def _compliance(settings, breaches):
    rows = []
    for threshold, weighting in (
        (settings.compliance_lower_threshold, settings.compliance_lower_score),
        (settings.compliance_upper_threshold, settings.compliance_upper_score),
    ):
        applies = breaches > threshold
        rows.append(
            ComplianceRow(
                label=f"Over {threshold} breaches or recalls",
                threshold=threshold,
                weighting=weighting,
                applies=applies,
                score=weighting if applies else 0,
            )
        )
    return tuple(rows)


def score(settings: MatrixSettings, events, as_of: date) -> MatrixBreakdown:
    """The matrix as of `as_of`; events dated after it are ignored."""
    events = [e for e in events if e.date <= as_of]
    offence_window = month_window(as_of, settings.offence_window_months)
    offences, unmatched = _offences(settings, events, offence_window)
    offences_score = sum(row.score for row in offences)

    intelligence = _intelligence(settings, events, as_of)
    intelligence_score = sum(band.score for band in intelligence)

    arrest_window = month_window(as_of, settings.arrest_window_months)
    arrests = sum(1 for e in events if e.kind == "arrest" and e.date in arrest_window)
    arrests_score = arrests * settings.arrest_score

    compliance_window = month_window(as_of, settings.compliance_window_months)
    breaches = sum(1 for e in events if e.kind in COMPLIANCE_KINDS and e.date in compliance_window)
    compliance = _compliance(settings, breaches)
    compliance_score = sum(row.score for row in compliance)

    total = offences_score + intelligence_score + arrests_score + compliance_score
    return MatrixBreakdown(
        settings=settings,
        as_of=as_of,
        offence_window=offence_window,
        offences=offences,
        unmatched=unmatched,
        offences_score=offences_score,
        intelligence=intelligence,
        intelligence_score=intelligence_score,
        arrest_window=arrest_window,
        arrests_12m=arrests,
        arrests_score=arrests_score,
        compliance_window=compliance_window,
        breaches_24m=breaches,
        compliance=compliance,
        compliance_score=compliance_score,
        total=total,
        decision=decide(total, settings),
    )
