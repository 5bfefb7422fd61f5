"""The RAG sections of the tasking agenda, registered from RagConfig.ready().

The meeting's members (tasking.agenda.AgendaContext.members, visible to the user) with their
RAG rows, in one query each whatever the cohort size.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from iom.models import Nominal
from rag import rules, selectors
from rag.models import RagChange
from tasking.agenda import RAG_ORDER, AgendaItem, Part, register_section, take
from tasking.models import Decision, Meeting


def _rows(ctx, condition):
    """The meeting's members (ctx.members: visible to the user) with their RAG rows: only the
    joins the items use, since planning a wider join costs more than running it."""
    changed_here = RagChange.objects.filter(nominal=OuterRef("pk"), meeting_id=ctx.meeting.pk)
    return (
        Nominal.objects.filter(pk__in=ctx.members.values("nominal_id"))
        .select_related("rag_suggestion", "rag_status", "rag_status__confirmed_by")
        .annotate(changed_here=Exists(changed_here))
        .filter(condition)
        .order_by("last_name", "first_names", "pk")
    )


def _confirmed_text(status) -> str:
    if status is None:
        return "Not yet confirmed."
    who = status.confirmed_by.get_full_name() or status.confirmed_by.username
    when = timezone.localtime(status.confirmed_at)
    why = f": {status.reason}" if status.reason else ""
    return f"Confirmed {rules.LABELS[status.status]} by {who} on {when:%-d %b %Y}{why}."


def _data(nominal, window_days) -> dict:
    suggestion, status = selectors.suggestion_of(nominal), selectors.status_of(nominal)
    return {
        "suggested": suggestion.status if suggestion else None,
        "reasons": list(suggestion.reasons) if suggestion else [],
        "reason_texts": [rules.reason_text(c, window_days) for c in suggestion.reasons]
        if suggestion
        else [],
        "confirmed": status.status if status else None,
        "version": status.version if status else 0,
    }


def _item(ctx, nominal, key, title, decisions):
    data = _data(nominal, ctx.meeting.scheme.intelligence_window_days)
    status = selectors.status_of(nominal)
    reasons = "; ".join(data["reason_texts"])
    detail = f"Suggested {rules.LABELS.get(data['suggested'], 'nothing yet')}"
    detail += f" ({reasons}). " if reasons else ". "
    extra = {"data": data, "links": [("RAG status", reverse("rag:nominal", args=[nominal.pk]))]}
    if nominal.changed_here:
        extra["decided"] = f"Confirmed {rules.LABELS[status.status]}"
        decisions = ()
    return AgendaItem(
        key=key,
        nominal=nominal,
        title=title,
        detail=detail + _confirmed_text(status),
        obj=nominal,
        decisions=decisions,
        extra=extra,
    )


@register_section(
    "rag",
    "RAG suggestions that differ from confirmed",
    order=RAG_ORDER,
    empty="Every member's confirmed RAG status matches the suggestion.",
    cuttable=True,
)
def rag_differences(ctx, cut=None):
    """Members whose suggestion differs from the confirmed colour (or who have none yet), and
    those confirmed at this meeting (for the minutes)."""
    differs = Q(rag_suggestion__isnull=False) & (
        Q(rag_status__isnull=True) | ~Q(rag_status__status=F("rag_suggestion__status"))
    )
    nominals, total = take(_rows(ctx, differs | Q(changed_here=True)), cut, "rag-")
    items = []
    for nominal in nominals:
        suggestion, status = selectors.suggestion_of(nominal), selectors.status_of(nominal)
        suggested = rules.LABELS[suggestion.status] if suggestion else "nothing yet"
        confirmed = rules.LABELS[status.status] if status else "not confirmed"
        title = f"RAG: suggested {suggested}, {'confirmed ' if status else ''}{confirmed}"
        items.append(_item(ctx, nominal, f"rag-{nominal.pk}", title, (Decision.Kind.CONFIRM_RAG,)))
    return Part(items, total)


@register_section(
    "critical",
    "Critical cases (Red and Amber alert)",
    order=RAG_ORDER + 1,
    kinds=(Meeting.Kind.PANEL,),
    empty="No members are Red or Amber alert.",
    cuttable=True,
)
def critical_cases(ctx, cut=None):
    """Confirmed or suggested Red or Amber alert, with the response the colour calls for."""
    critical = Q(rag_status__status__in=rules.CRITICAL) | Q(
        rag_suggestion__status__in=rules.CRITICAL
    )
    nominals, total = take(_rows(ctx, critical), cut, "critical-")
    items = []
    for nominal in nominals:
        status = selectors.status_of(nominal)
        colour = selectors.board_colour(nominal)
        if colour not in rules.CRITICAL:  # confirmed lower than a critical suggestion
            colour = selectors.suggestion_of(nominal).status
        label = rules.LABELS[colour]
        state = "confirmed" if status and status.status == colour else "suggested"
        title = f"Critical: {label} ({state}), response: {rules.RESPONSES[colour].lower()}"
        items.append(_item(ctx, nominal, f"critical-{nominal.pk}", title, ()))
    return Part(items, total)
