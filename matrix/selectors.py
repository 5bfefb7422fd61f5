"""Reading what the matrix needs from the database, in a fixed number of queries."""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef

from iom.codes import OFFENCES
from iom.models import Event, Membership, Scheme
from matrix import scoring
from matrix.models import MatrixSettings, MatrixSnapshot, OffenceWeight
from matrix.services import ensure_matrix_policy

MATRIX_KINDS = (*scoring.OFFENCE_KINDS, "intelligence", *scoring.COMPLIANCE_KINDS)
SETTINGS_FIELDS = (
    "offence_window_months",
    "intelligence_recent_days",
    "intelligence_older_days",
    "high_grade_score",
    "other_grade_score",
    "arrest_window_months",
    "arrest_score",
    "compliance_window_months",
    "compliance_lower_threshold",
    "compliance_lower_score",
    "compliance_upper_threshold",
    "compliance_upper_score",
    "discretion_from",
    "panel_from",
)


def matrix_settings(scheme_id) -> scoring.MatrixSettings:
    """The scheme's matrix policy as the pure scorer's input (two queries)."""
    row = MatrixSettings.objects.filter(scheme_id=scheme_id).first()
    if row is None:  # a scheme written around the post_save receiver (e.g. bulk_create)
        row = ensure_matrix_policy(Scheme.objects.get(pk=scheme_id))
    weights = OffenceWeight.objects.filter(scheme_id=scheme_id).order_by("position", "offence")
    offences = tuple(
        scoring.OffenceWeight(
            code=w.offence, label=OFFENCES.get(w.offence, w.offence), heading=w.heading,
            weight=w.weight,
        )
        for w in weights
    )  # fmt: skip
    return scoring.MatrixSettings(
        offences=offences, **{field: getattr(row, field) for field in SETTINGS_FIELDS}
    )


def earliest_day(settings: scoring.MatrixSettings, as_of: date) -> date:
    """The first day any part of the matrix looks at."""
    return min(
        scoring.months_before(as_of, settings.offence_window_months),
        scoring.months_before(as_of, settings.arrest_window_months),
        scoring.months_before(as_of, settings.compliance_window_months),
        as_of - timedelta(days=settings.intelligence_older_days),
    )


def matrix_events(nominal, settings: scoring.MatrixSettings, as_of: date):
    """The nominal's events the matrix counts, in one query."""
    rows = Event.objects.filter(
        nominal_id=nominal.pk,
        kind__in=MATRIX_KINDS,
        date__gte=earliest_day(settings, as_of),
        date__lte=as_of,
    ).values_list("kind", "date", "offence", "grade")
    return [scoring.MatrixEvent(kind, day, offence, grade) for kind, day, offence, grade in rows]


def nominal_matrix(nominal, as_of: date) -> scoring.MatrixBreakdown:
    """The nominal's matrix as of a date, with every row (three queries)."""
    settings = matrix_settings(nominal.scheme_id)
    return scoring.score(settings, matrix_events(nominal, settings, as_of), as_of)


def offence_label(code: str) -> str:
    return OFFENCES.get(code, code)


def candidates(scheme, visible_nominals, threshold: int, descending: bool = True):
    """Latest snapshots scoring `threshold` or more for nominals not currently on the cohort."""
    newer = MatrixSnapshot.objects.filter(nominal=OuterRef("nominal"), as_of__gt=OuterRef("as_of"))
    on_cohort = Membership.objects.filter(
        nominal=OuterRef("nominal"), scheme=scheme, end__isnull=True
    )
    order = ("-total" if descending else "total", "nominal__last_name", "nominal_id")
    return (
        MatrixSnapshot.objects.filter(
            scheme=scheme, nominal__in=visible_nominals, total__gte=threshold
        )
        .filter(~Exists(newer), ~Exists(on_cohort))
        .select_related("nominal")
        .order_by(*order)
    )
