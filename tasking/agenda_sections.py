"""The built-in agenda sections (DOMAIN.md, Meetings). One query each, whatever the cohort."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from types import SimpleNamespace

from django.db.models import Exists, OuterRef, Q

from iom.access import can_read_intelligence_text
from iom.codes import OFFENCES, PROBATION_KINDS, AgencyKind, EventKind
from iom.models import Agency, Event, Nominal
from tasking import rules
from tasking.agenda import (
    ACTIONS_ORDER,
    EVENTS_ORDER,
    EXIT_REVIEWS_ORDER,
    LEADS_ORDER,
    RELEASES_ORDER,
    AgendaItem,
    Part,
    register_section,
    take,
)
from tasking.models import Action, Decision, ExitReview, Meeting

DAILY, PANEL = Meeting.Kind.DAILY, Meeting.Kind.PANEL
NEW_EVENT_KINDS = (
    EventKind.ARREST,
    EventKind.CHARGE,
    EventKind.CONVICTION,
    EventKind.INTELLIGENCE,
    EventKind.WANTED,
    EventKind.BREACH,
    EventKind.RECALL,
)
DAILY_RELEASE_DAYS = 7
PANEL_RELEASE_DAYS = 28


def _labels(name) -> dict:
    return {str(value): str(label) for value, label in Event._meta.get_field(name).flatchoices}


# Choice labels looked up once: get_FOO_display() costs ~40 µs a call, and an agenda has a
# thousand events. An unknown code shows as itself, as get_FOO_display() does.
LABELS = {name: _labels(name) for name in ("kind", "offence", "outcome", "wanted_type")}


def _label(event, name) -> str:
    value = getattr(event, name)
    return LABELS[name].get(value, value)


def _event_detail(event, ctx) -> str:
    """Works on an Event or on any object with its fields (the page reads plain rows)."""
    parts = []
    if event.offence:
        parts.append(_label(event, "offence"))
    if event.offence_date:
        parts.append(f"offence committed {event.offence_date:%d %b %Y}")
    if event.outcome:
        parts.append(_label(event, "outcome"))
    if event.wanted_type:
        parts.append(_label(event, "wanted_type"))
    if event.grade:
        parts.append(f"grade {event.grade}, handling {event.handling_code}")
        if event.suggests_offending:
            parts.append("suggests further offending")
    if not can_read_intelligence_text(ctx.user, event):
        parts.append("text withheld: handling code C, ask the police")
    elif event.summary:
        parts.append(event.summary)
    return "; ".join(parts)


@register_section(
    "events",
    "Events since the previous meeting",
    order=EVENTS_ORDER,
    empty="No arrests, charges, convictions, intelligence, wanted markers, breaches or recalls.",
)
def events_since_previous(ctx):
    events = (
        _new_events(ctx)
        .select_related("nominal")
        .order_by("date", "nominal__last_name", "nominal__first_names", "id")
    )
    return [
        AgendaItem(
            key=f"event-{e.pk}",
            nominal=e.nominal,
            title=e.get_kind_display(),
            date=e.date,
            detail=_event_detail(e, ctx),
            obj=e,
        )
        for e in events
    ]


# The meeting page shows events one row per nominal: counts by kind and the newest few.
LATEST_PER_NOMINAL = 3


@dataclass
class NominalEvents:
    """A nominal's events since the previous meeting, for one row of the meeting page."""

    nominal: object
    total: int
    counts: list  # (label, count), most frequent first
    newest: object  # date of the newest
    ctx: object = None
    rows: list = field(default_factory=list)  # the newest LATEST_PER_NOMINAL, as event_of gave

    @property
    def summary(self):
        return ", ".join(f"{count} {label.lower()}" for label, count in self.counts)

    @cached_property
    def latest(self) -> list:
        """The newest few as items, built only for the rows the page shows."""
        return [
            AgendaItem(
                key=f"event-{event.pk}",
                nominal=self.nominal,
                title=_label(event, "kind"),
                date=event.date,
                detail=_event_detail(event, self.ctx),
                obj=event,
            )
            for event in self.rows
        ]


def _new_events(ctx):
    return Event.objects.filter(
        kind__in=NEW_EVENT_KINDS,
        date__gt=ctx.since,
        date__lte=ctx.as_of,
        nominal__in=ctx.members.values("nominal_id"),
    )


# What the page reads of each event: plain rows, so a thousand events build no model objects;
# only the few shown per nominal become Events.
PAGE_EVENT_FIELDS = (
    "id",
    "nominal_id",
    "kind",
    "date",
    "end_date",
    "offence",
    "offence_date",
    "outcome",
    "wanted_type",
    "grade",
    "handling_code",
    "suggests_offending",
    "summary",
    "expected_release",
)


NOMINAL_FIELDS = ["id", "first_names", "last_name"]


def _release_item(event):
    return AgendaItem(
        key=f"release-{event.pk}",
        nominal=event.nominal,
        title="Release due",
        date=event.expected_release,
        detail=f"In custody since {event.date:%d %b %Y}",
        obj=event,
    )


def _due_for_release(ctx, days):
    return Q(
        kind=EventKind.CUSTODY,
        end_date__isnull=True,
        expected_release__gt=ctx.as_of,
        expected_release__lte=ctx.as_of + timedelta(days=days),
    )


def events_by_nominal(ctx, release_days):
    """For the meeting page, in one query: the events section grouped by nominal (busiest
    first, each with the kinds of all its events and the newest few as items), and the items
    of the releases section (custody ending in the next `release_days` days)."""
    rows = Event.objects.filter(nominal__in=ctx.members.values("nominal_id")).values_list(
        *PAGE_EVENT_FIELDS, "nominal__first_names", "nominal__last_name"
    )
    # UNION ALL rather than OR, so each half has its index: new events by event_timeline
    # (nominal, date), releases by event_nominal_kind_date (nominal, custody).
    new = rows.filter(kind__in=NEW_EVENT_KINDS, date__gt=ctx.since, date__lte=ctx.as_of)
    due = rows.filter(_due_for_release(ctx, release_days))
    rows = new.order_by().union(due.order_by(), all=True).order_by("-date", "-id")
    groups, kinds, releases, nominals = {}, {}, [], {}

    def event_of(row):
        """The row as an object with an Event's fields and its nominal (not a model: cheap)."""
        nominal = nominals.get(row[1])
        if nominal is None:
            nominal = Nominal.from_db("default", NOMINAL_FIELDS, (row[1], row[-2], row[-1]))
            nominals[row[1]] = nominal
        event = SimpleNamespace(**dict(zip(PAGE_EVENT_FIELDS, row, strict=False)))
        event.pk, event.nominal = event.id, nominal
        return event

    for row in rows:
        kind, nominal_id = row[2], row[1]
        if kind not in NEW_EVENT_KINDS:
            releases.append(event_of(row))
            continue
        group = groups.get(nominal_id)
        if group is None:
            event = event_of(row)
            group = groups[nominal_id] = NominalEvents(event.nominal, 0, [], event.date, ctx)
            kinds[nominal_id] = Counter()
        group.total += 1
        kinds[nominal_id][LABELS["kind"][kind]] += 1
        if len(group.rows) < LATEST_PER_NOMINAL:
            group.rows.append(event_of(row))
    for pk, group in groups.items():
        group.counts = kinds[pk].most_common()
    ordered = sorted(
        groups.values(),
        key=lambda g: (-g.total, g.nominal.last_name, g.nominal.first_names, g.nominal.pk),
    )
    releases.sort(key=lambda e: (e.expected_release, e.nominal.last_name, e.pk))
    return ordered, [_release_item(e) for e in releases]


def _releases(ctx, days):
    custody = (
        Event.objects.filter(
            _due_for_release(ctx, days), nominal__in=ctx.members.values("nominal_id")
        )
        .select_related("nominal")
        .order_by("expected_release", "nominal__last_name", "id")
    )
    return [_release_item(e) for e in custody]


@register_section(
    "releases",
    "Releases due in the next 7 days",
    order=RELEASES_ORDER,
    kinds=(DAILY,),
    empty="No releases expected in the next 7 days.",
)
def releases_next_week(ctx):
    return _releases(ctx, DAILY_RELEASE_DAYS)


@register_section(
    "upcoming-releases",
    "Upcoming releases (next 28 days)",
    order=RELEASES_ORDER,
    kinds=(PANEL,),
    empty="No releases expected in the next 28 days.",
)
def releases_next_four_weeks(ctx):
    return _releases(ctx, PANEL_RELEASE_DAYS)


def offence_text(found: dict) -> str:
    """One charge or conviction an exit review found, as the review stored it."""
    offence = OFFENCES.get(found.get("offence") or "", "offence not recorded")
    return (
        f"{found['kind'].capitalize()} on {found['date']}: {offence}, "
        f"committed {found['offence_date']}"
    )


def _reviews(ctx, cut, proposal=None):
    """Open reviews due by the meeting, and those this meeting already decided (for minutes)."""
    decided_here = Decision.objects.filter(exit_review=OuterRef("pk"), meeting=ctx.meeting)
    reviews = ExitReview.objects.filter(
        Q(status=ExitReview.Status.OPEN) | Exists(decided_here),
        due_date__lte=ctx.as_of,
        membership__in=ctx.members.values("pk"),
    )
    if proposal:
        reviews = reviews.filter(proposal=proposal)
    reviews = reviews.select_related("membership__nominal").order_by(
        "due_date", "membership__nominal__last_name", "id"
    )
    reviews, total = take(reviews, cut, "review-")
    items = []
    for review in reviews:
        offences = "; ".join(offence_text(o) for o in review.offences)
        items.append(
            AgendaItem(
                key=f"review-{review.pk}",
                nominal=review.membership.nominal,
                title=f"Exit review: proposes {review.proposal}",
                date=review.due_date,
                detail=offences or "No charge or conviction for an offence in the period",
                obj=review,
                decisions=(
                    (Decision.Kind.EXIT, Decision.Kind.RETAIN)
                    if review.status == ExitReview.Status.OPEN
                    else ()
                ),
                extra=(
                    {}
                    if review.status == ExitReview.Status.OPEN
                    else {"decided": review.get_status_display()}
                ),
            )
        )
    return Part(items, total)


@register_section(
    "exit-reviews",
    "Exit reviews due",
    order=EXIT_REVIEWS_ORDER,
    kinds=(DAILY,),
    empty="No exit reviews due.",
    cuttable=True,
)
def exit_reviews_due(ctx, cut=None):
    return _reviews(ctx, cut)


@register_section(
    "removals",
    "Removals: exit reviews proposing exit",
    order=EXIT_REVIEWS_ORDER,
    kinds=(PANEL,),
    empty="No exit reviews propose removal.",
    cuttable=True,
)
def removals(ctx, cut=None):
    return _reviews(ctx, cut, ExitReview.Proposal.EXIT)


@register_section(
    "retentions",
    "Exit reviews proposing retention (re-offended)",
    order=EXIT_REVIEWS_ORDER + 1,
    kinds=(PANEL,),
    empty="No exit reviews propose retention.",
    cuttable=True,
)
def retentions(ctx, cut=None):
    return _reviews(ctx, cut, ExitReview.Proposal.RETAIN)


@register_section(
    "overdue-actions",
    "Overdue actions",
    order=ACTIONS_ORDER,
    empty="No overdue actions.",
    cuttable=True,
)
def overdue_actions(ctx, cut=None):
    actions = (
        Action.objects.filter(
            Q(nominal__isnull=True) | Q(nominal__in=ctx.members.values("nominal_id")),
            meeting__scheme_id=ctx.meeting.scheme_id,
            completed_at__isnull=True,
            due_date__lt=ctx.as_of,
        )
        .select_related("nominal", "owner", "agency", "meeting")
        .order_by("due_date", "id")
    )
    actions, total = take(actions, cut, "action-")
    items = [
        AgendaItem(
            key=f"action-{a.pk}",
            nominal=a.nominal,
            title="Overdue action",
            date=a.due_date,
            detail=(
                f"{a.description} — {a.owner.get_full_name() or a.owner.username}, {a.agency}; "
                f"raised at the {a.meeting.get_kind_display().lower()} of "
                f"{a.meeting.date:%d %b %Y}"
            ),
            obj=a,
            extra={"completable": True},
        )
        for a in actions
    ]
    return Part(items, total)


def _agency_for(suggestion, agencies):
    wanted = {
        rules.PROBATION: PROBATION_KINDS,
        rules.SUBSTANCE_MISUSE: {AgencyKind.SUBSTANCE_MISUSE},
    }.get(suggestion.agency, set())
    return next((a for a in agencies if a.kind in wanted), None)


@register_section(
    "leads",
    "Members without a lead agency, lead professional or police officer",
    order=LEADS_ORDER,
    kinds=(PANEL,),
    empty="Every member has a lead agency, a lead professional and a police officer.",
)
def members_without_lead(ctx):
    statutory = Event.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=ctx.as_of),
        nominal=OuterRef("nominal_id"),
        kind=EventKind.SUPERVISION,
        statutory=True,
        date__lte=ctx.as_of,
    )
    members = (
        ctx.members.filter(
            Q(lead_agency__isnull=True)
            | Q(lead_professional__isnull=True)
            | Q(police_officer__isnull=True)
        )
        .annotate(statutory=Exists(statutory))
        .select_related("nominal", "lead_agency", "lead_professional", "police_officer")
        .order_by("nominal__last_name", "nominal__first_names", "id")
    )
    members = list(members)
    agencies = list(Agency.objects.filter(scheme_id=ctx.meeting.scheme_id)) if members else []
    items = []
    for m in members:
        suggestion = rules.suggest_lead(
            statutory=m.statutory, primary_substance=m.nominal.primary_substance
        )
        suggested = m.lead_agency or _agency_for(suggestion, agencies)
        missing = [
            label
            for label, value in (
                ("lead agency", m.lead_agency_id),
                ("lead professional", m.lead_professional_id),
                ("police officer", m.police_officer_id),
            )
            if not value
        ]
        items.append(
            AgendaItem(
                key=f"lead-{m.pk}",
                nominal=m.nominal,
                title="Lead not set",
                date=m.start,
                detail=f"No {', '.join(missing)}. Suggested lead: "
                f"{suggested or 'choose the best placed agency'} ({suggestion.reason}).",
                obj=m,
                decisions=(Decision.Kind.SET_LEAD,),
                extra={"suggested_agency": suggested, "suggestion": suggestion},
            )
        )
    return items
