"""The agenda section "Needs assessments due", registered from PerformanceConfig.ready()."""

from django.urls import NoReverseMatch, reverse

from performance.selectors import with_needs_due
from tasking.agenda import EXIT_REVIEWS_ORDER, AgendaItem, Part, register_section, take
from tasking.models import Meeting

NEEDS_ORDER = EXIT_REVIEWS_ORDER + 5


def _links(membership_id):
    """Links to the needs pages, when performance.urls is mounted (the agenda works without)."""
    try:
        return [
            ("Needs history", reverse("needs-history", args=[membership_id])),
            ("Record a needs assessment", reverse("needs-new", args=[membership_id])),
        ]
    except NoReverseMatch:
        return []


@register_section(
    "needs-due",
    "Needs assessments due",
    order=NEEDS_ORDER,
    kinds=(Meeting.Kind.DAILY,),
    empty="No needs assessments are due.",
    cuttable=True,
)
def needs_assessments_due(ctx, cut=None):
    members = (
        with_needs_due(ctx.members, ctx.as_of)
        .select_related("nominal", "level")
        .order_by("due", "nominal__last_name", "nominal__first_names", "pk")
    )
    members, total = take(members, cut, "needs-")
    items = [
        AgendaItem(
            key=f"needs-{m.pk}",
            nominal=m.nominal,
            title="Needs assessment overdue" if m.overdue else "Needs assessment due",
            date=m.due,
            detail=(
                f"Last assessed {m.last_assessed:%d %b %Y}"
                if m.last_assessed
                else "Not yet assessed in this spell"
            ),
            obj=m,
            extra={
                "links": _links(m.pk),
                "data": {"overdue": m.overdue, "due": m.due.isoformat()},
            },
        )
        for m in members
    ]
    return Part(items, total)
