"""The generated agenda of a meeting, as of its date, in sections from a registry.

Each section is built by a function registered here; the built-in ones are in
tasking/agenda_sections.py. Other apps plug their sections in from their AppConfig.ready():

    from tasking.agenda import AgendaItem, register_section

    @register_section("referrals", "Referrals awaiting decision", order=REFERRALS_ORDER)
    def referrals_awaiting_decision(ctx):
        return [AgendaItem(...) for referral in ...]

Sections registered by other apps:
- referrals/agenda.py: "Referrals awaiting decision" (REFERRALS_ORDER, decision kinds
  ACCEPT_REFERRAL / REJECT_REFERRAL) and "Accepted automatically" (REFERRALS_ORDER + 1).
- rag/agenda.py: "RAG suggestions that differ from confirmed" (RAG_ORDER, CONFIRM_RAG) and,
  for panels, "Critical cases" (RAG_ORDER + 1).
Their decisions are recorded by tasking/workflow.py. Items may carry extra["links"] (label,
url pairs) and extra["data"] (JSON-safe facts for the API).

A builder must filter by ctx.members (current members visible to the user, built on
iom.access.visible_through) and make a fixed number of queries whatever the cohort size.

A section that can run long registers with cuttable=True: its builder takes a Cut (None for
every item, as the API and the PDF want) and returns a Part, reading only the rows the meeting
page shows and the count of all of them (`take` does both in one query).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Window
from django.db.models.expressions import RawSQL

from iom.access import visible_through
from iom.models import Membership
from tasking.models import Meeting

REFERRALS_ORDER = 10
EVENTS_ORDER = 20
RELEASES_ORDER = 25
RAG_ORDER = 30
EXIT_REVIEWS_ORDER = 40
ACTIONS_ORDER = 50
LEADS_ORDER = 60
FIRST_MEETING_DAYS = 7
ALL_KINDS = (Meeting.Kind.DAILY, Meeting.Kind.PANEL)


@dataclass
class AgendaItem:
    key: str  # unique in the agenda, e.g. "event-12"; anchors and forms use it
    nominal: Any  # iom.models.Nominal, or None for items about no one in particular
    title: str
    date: date | None = None
    detail: str = ""
    obj: Any = None  # the record behind the item (Event, ExitReview, Action, Membership …)
    decisions: tuple[str, ...] = ()  # Decision.Kind values that may be recorded against it
    extra: dict = field(default_factory=dict)


@dataclass
class AgendaSection:
    key: str
    title: str
    items: list[AgendaItem]
    empty: str


@dataclass(frozen=True)
class AgendaContext:
    meeting: Meeting
    user: Any
    as_of: date
    since: date  # events after this date (exclusive) up to as_of (inclusive) are new
    previous: Meeting | None
    members: Any  # Membership queryset: spells covering as_of, of nominals the user may see


@dataclass(frozen=True)
class Cut:
    """What of a section the meeting page shows: the first `rows` items, and any item whose
    key is in `keep` (a decision form re-shown with its errors stays on the page)."""

    rows: int
    keep: frozenset[str] = frozenset()

    def kept_ids(self, prefix: str) -> set[int]:
        ids = (key.removeprefix(prefix) for key in self.keep if key.startswith(prefix))
        return {int(pk) for pk in ids if pk.isdigit()}


@dataclass
class Part:
    items: list[AgendaItem]
    total: int  # items in the whole section, shown or not


def take(queryset, cut: Cut | None, prefix: str) -> tuple[list, int]:
    """The rows of an ordered queryset that the page shows, and how many rows there are in all,
    in one query (a window count over the whole set). Rows kept by the cut beyond its first
    rows (keys `prefix` + pk) cost a second query, only when there are some."""
    if cut is None:
        rows = list(queryset)
        return rows, len(rows)
    rows = list(queryset.annotate(agenda_total=Window(Count("*")))[: cut.rows])
    total = rows[0].agenda_total if rows else 0
    missing = cut.kept_ids(prefix) - {row.pk for row in rows}
    if missing and len(rows) == cut.rows:
        rows += list(queryset.filter(pk__in=missing))
    return rows, total


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    order: int
    kinds: tuple[str, ...]
    build: Callable[..., Any]  # (ctx) -> list[AgendaItem], or (ctx, cut) -> Part if cuttable
    empty: str
    cuttable: bool = False

    def part(self, ctx: AgendaContext, cut: Cut | None = None) -> Part:
        """The section's items: cut short by the builder when it can, else all of them."""
        if self.cuttable:
            return self.build(ctx, cut)
        items = self.build(ctx)
        return Part(items, len(items))


_REGISTRY: dict[str, SectionSpec] = {}


def register_section(
    key, title, *, order, kinds=ALL_KINDS, empty="Nothing to discuss.", cuttable=False
):
    """Add a section builder to every agenda of the given meeting kinds."""

    def decorator(build):
        _REGISTRY[key] = SectionSpec(key, title, order, tuple(kinds), build, empty, cuttable)
        return build

    return decorator


def registered_sections(kind: str) -> list[SectionSpec]:
    specs = [spec for spec in _REGISTRY.values() if kind in spec.kinds]
    return sorted(specs, key=lambda spec: (spec.order, spec.key))


@dataclass
class Agenda:
    meeting: Meeting
    since: date
    previous: Meeting | None
    sections: list[AgendaSection]

    @property
    def first_day(self) -> date:
        return self.since + timedelta(days=1)


def previous_meeting(meeting: Meeting) -> Meeting | None:
    earlier = Meeting.objects.filter(scheme_id=meeting.scheme_id, kind=meeting.kind).exclude(
        pk=meeting.pk
    )
    earlier = earlier.filter(date__lt=meeting.date) | earlier.filter(
        date=meeting.date, pk__lt=meeting.pk or 0
    )
    return earlier.order_by("-date", "-pk").first()


def agenda_context(meeting: Meeting, user) -> AgendaContext:
    """Since the previous meeting of the same kind; a scheme's first meeting looks back a week
    (D − 7 days to D, both ends included, as DOMAIN.md reads a window of days)."""
    previous = previous_meeting(meeting)
    since = previous.date if previous else meeting.date - timedelta(days=FIRST_MEETING_DAYS + 1)
    visible = Membership.objects.filter(
        visible_through(user), scheme_id=meeting.scheme_id, start__lte=meeting.date
    ).exclude(end__lt=meeting.date)
    # Read once here and passed on as one array: otherwise every section's subquery repeats
    # the visibility join, and the planner, misjudging it, may hash all the scheme's nominals.
    ids = list(visible.values_list("pk", flat=True))
    members = Membership.objects.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,)))
    return AgendaContext(
        meeting=meeting,
        user=user,
        as_of=meeting.date,
        since=since,
        previous=previous,
        members=members,
    )


def build_agenda(meeting: Meeting, user) -> Agenda:
    ctx = agenda_context(meeting, user)
    sections = [
        AgendaSection(spec.key, spec.title, spec.part(ctx).items, spec.empty)
        for spec in registered_sections(meeting.kind)
    ]
    return Agenda(meeting, ctx.since, ctx.previous, sections)
