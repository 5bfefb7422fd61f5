"""Queries the needs pages, the agenda and the API need, in a fixed number of round trips."""

from datetime import date

from django.db.models import (
    BooleanField,
    DateField,
    ExpressionWrapper,
    F,
    Func,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from iom.access import nominal_for_user, staff_of, visible_through
from iom.models import Membership
from performance.models import NeedsAssessment, NeedScore, NeedsPolicy


class AddMonths(Func):
    """date + n months in PostgreSQL (month ends clamp, as relativedelta does)."""

    output_field = DateField()

    def as_sql(self, compiler, connection):
        day_sql, day_params = compiler.compile(self.source_expressions[0])
        months_sql, months_params = compiler.compile(self.source_expressions[1])
        sql = f"(({day_sql}) + make_interval(months => ({months_sql})::int))::date"
        return sql, [*day_params, *months_params]


def with_needs_due(memberships, as_of: date):
    """Spells whose needs assessment is due by as_of, annotated with last_assessed, due and
    overdue, in the one query. Due on the spell start when never assessed in the spell (an
    assessment on entry), else scheme.needs_review_months after the latest; overdue when more
    than the scheme's NeedsPolicy.overdue_days late."""
    latest = (
        NeedsAssessment.objects.filter(membership=OuterRef("pk"), date__lte=as_of)
        .order_by()
        .values("membership")
        .annotate(latest=Max("date"))
        .values("latest")
    )
    grace = NeedsPolicy.objects.filter(scheme=OuterRef("scheme")).values("overdue_days")
    default_grace = NeedsPolicy._meta.get_field("overdue_days").default
    return (
        memberships.annotate(
            last_assessed=Subquery(latest, output_field=DateField()),
            grace_days=Coalesce(Subquery(grace), Value(default_grace)),
        )
        .annotate(
            due=Coalesce(
                AddMonths(F("last_assessed"), F("scheme__needs_review_months")), F("start")
            )
        )
        .filter(due__lte=as_of)
        .annotate(
            overdue_from=ExpressionWrapper(F("due") + F("grace_days"), output_field=DateField())
        )
        .annotate(overdue=ExpressionWrapper(Q(overdue_from__lt=as_of), output_field=BooleanField()))
    )


def current_members(user, as_of: date):
    """Spells of the user's scheme covering as_of, of nominals the user may see."""
    staff = staff_of(user)
    if staff is None:
        return Membership.objects.none()
    return Membership.objects.filter(
        visible_through(user), scheme_id=staff.scheme_id, start__lte=as_of
    ).exclude(end__lt=as_of)


def needs_due(user, as_of: date):
    """Current members visible to the user whose needs assessment is due, most overdue first."""
    return (
        with_needs_due(current_members(user, as_of), as_of)
        .select_related("nominal", "level", "area")
        .order_by("due", "nominal__last_name", "nominal__first_names", "pk")
    )


def membership_for_user(user, pk, *, request=None, description=""):
    """A spell of the user's scheme whose nominal the user may see (else 404); opening it is
    logged like opening the nominal."""
    staff = staff_of(user)
    try:
        membership = Membership.objects.select_related("scheme", "level", "area").get(
            pk=pk, scheme_id=getattr(staff, "scheme_id", None)
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404("No such member") from None
    membership.nominal = nominal_for_user(
        user, membership.nominal_id, request=request, description=description
    )
    return membership


def needs_history(membership):
    """The spell's assessments, oldest first, each with its scores and assessor: two queries."""
    return (
        NeedsAssessment.objects.filter(membership=membership)
        .select_related("assessor")
        .prefetch_related(Prefetch("scores", queryset=NeedScore.objects.order_by("pathway")))
        .order_by("date", "id")
    )
