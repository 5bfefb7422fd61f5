"""The suggested RAG status (Strategy Appendix C with London's Blue), as a pure rule.

No Django here: facts in, a suggestion with its reasons out. rag/sql.py computes the same thing
for a whole cohort in one statement; tests check the two agree.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

BLUE, RED, AMBER_ALERT, AMBER, GREEN = "blue", "red", "amber_alert", "amber", "green"
# First match wins, in this order (DOMAIN.md).
PRECEDENCE = (BLUE, RED, AMBER_ALERT, AMBER, GREEN)
LABELS = {
    BLUE: "Blue",
    RED: "Red",
    AMBER_ALERT: "Amber alert",
    AMBER: "Amber",
    GREEN: "Green",
}
RESPONSES = {
    BLUE: "Custody: through-the-gate planning",
    RED: "Enforcement activity",
    AMBER_ALERT: "Proactive outreach / targeting",
    AMBER: "Prioritisation of resources / joint working",
    GREEN: "Offender / case management",
}
DESCRIPTIONS = {
    BLUE: "In custody",
    RED: "Circulated on PNC as wanted (warrant, crime, licence recall) or wanted for arrest",
    AMBER_ALERT: "Intelligence suggesting further offending and not engaging with supervision "
    "or treatment",
    AMBER: "Not complying with supervision or treatment, or intelligence suggesting further "
    "offending",
    GREEN: "No intelligence suggesting further offending; engaging with all relevant agencies",
}
CRITICAL = (RED, AMBER_ALERT)

NOT_COMPLYING, ENGAGING = "not-complying", "engaging"
WANTED_TYPES = ("warrant", "crime", "licence-recall")
UNSPECIFIED = "unspecified"

# Reason codes, stored with each suggestion; the text is for people.
REASON_TEXT = {
    "in_custody": "In custody",
    "wanted_warrant": "Wanted on warrant",
    "wanted_crime": "Wanted for crime",
    "wanted_licence_recall": "Wanted on licence recall",
    "wanted_unspecified": "Wanted",
    "intelligence": "Intelligence suggesting further offending received in the last {window} days",
    "supervision_not_complying": "Not complying with supervision",
    "treatment_not_complying": "Not complying with treatment",
    "no_concerns": "No intelligence suggesting further offending and no record of not complying",
}


def wanted_reason(wanted_type: str) -> str:
    return "wanted_" + (wanted_type or UNSPECIFIED).replace("-", "_")


def reason_text(code: str, window_days: int) -> str:
    return REASON_TEXT.get(code, code).format(window=window_days)


@dataclass(frozen=True)
class RagFacts:
    """What is true of a nominal on a date, as far as the RAG rule cares."""

    in_custody: bool = False
    wanted: str | None = None  # None, or the wanted type of the latest open wanted event
    intelligence_count: int = 0  # suggesting offending, received within the window
    supervision: str | None = None  # latest engagement with supervision: None/engaging/...
    treatment: str | None = None


@dataclass(frozen=True)
class Suggestion:
    status: str
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def response(self) -> str:
        return RESPONSES[self.status]


def suggest(facts: RagFacts) -> Suggestion:
    """The suggested colour, listing every fact that applied (not only the winning one)."""
    intelligence = facts.intelligence_count > 0
    not_complying = NOT_COMPLYING in (facts.supervision, facts.treatment)
    reasons = []
    if facts.in_custody:
        reasons.append("in_custody")
    if facts.wanted is not None:
        reasons.append(wanted_reason(facts.wanted))
    if intelligence:
        reasons.append("intelligence")
    if facts.supervision == NOT_COMPLYING:
        reasons.append("supervision_not_complying")
    if facts.treatment == NOT_COMPLYING:
        reasons.append("treatment_not_complying")
    if facts.in_custody:
        status = BLUE
    elif facts.wanted is not None:
        status = RED
    elif intelligence and not_complying:
        status = AMBER_ALERT
    elif intelligence or not_complying:
        status = AMBER
    else:
        status = GREEN
        reasons.append("no_concerns")
    return Suggestion(status, reasons)


@dataclass(frozen=True)
class EventRecord:
    """The parts of an iom Event the rule reads."""

    id: int
    kind: str
    date: date
    end_date: date | None = None
    wanted_type: str = ""
    suggests_offending: bool | None = None
    service: str = ""
    status: str = ""


def _open_on(event: EventRecord, as_of: date) -> bool:
    return event.date <= as_of and (event.end_date is None or event.end_date > as_of)


def _latest(events: list[EventRecord]) -> EventRecord | None:
    return max(events, key=lambda e: (e.date, e.id), default=None)


def derive_facts(events: Iterable[EventRecord], as_of: date, window_days: int) -> RagFacts:
    """Facts on `as_of` from a nominal's events. Intelligence counts when received from
    as_of − window_days to as_of, both ends included; the latest engagement per service stands."""
    events = [e for e in events if e.date <= as_of]
    window_start = as_of - timedelta(days=window_days)
    wanted = _latest([e for e in events if e.kind == "wanted" and _open_on(e, as_of)])
    supervision, treatment = (
        _latest([e for e in events if e.kind == "engagement" and e.service == service])
        for service in ("supervision", "treatment")
    )
    return RagFacts(
        in_custody=any(e.kind == "custody" and _open_on(e, as_of) for e in events),
        wanted=None if wanted is None else (wanted.wanted_type or UNSPECIFIED),
        intelligence_count=sum(
            1
            for e in events
            if e.kind == "intelligence" and e.suggests_offending and e.date >= window_start
        ),
        supervision=supervision.status if supervision else None,
        treatment=treatment.status if treatment else None,
    )
