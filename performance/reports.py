"""Requesting performance reports: who may, and the one-report-per-period rule.

A request for a scheme, period and filters that already has a report returns that report; only
an explicit regenerate makes a new generation. The generation number is taken under a
transaction-scoped advisory lock, and the unique constraint backs it up, so two people pressing
the button at once still get one report.
"""

import hashlib
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from iom.access import staff_of
from iom.codes import Role
from iom.models import Scheme
from performance.report_data import ReportFilters
from performance.report_models import PerformanceReport

REPORT_ROLES = {Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR}
EARLIEST = date(2000, 1, 1)


def can_see_reports(user) -> bool:
    staff = staff_of(user)
    return staff is not None and staff.role in REPORT_ROLES


def require_report_reader(user):
    """The user's StaffProfile; 403 for anyone who is not a manager, co-ordinator or admin."""
    if not can_see_reports(user):
        raise PermissionDenied(
            "Performance reports are for managers, IOM co-ordinators and administrators."
        )
    return staff_of(user)


def reports_for_user(user):
    """Reports of the user's own scheme (none for those who may not read reports)."""
    if not can_see_reports(user):
        return PerformanceReport.objects.none()
    return PerformanceReport.objects.filter(scheme_id=staff_of(user).scheme_id).select_related(
        "scheme", "requested_by"
    )


def report_for_user(user, pk):
    """403 for a role that may not read reports; 404 for another scheme's or a missing one."""
    require_report_reader(user)
    try:
        return reports_for_user(user).get(pk=pk)
    except (PerformanceReport.DoesNotExist, ValueError, TypeError):
        raise Http404("No such report") from None


def validate_period(period_start, period_end, today=None):
    today = today or timezone.localdate()
    errors = {}
    if period_start and period_start < EARLIEST:
        errors["period_start"] = f"The start date must be on or after {EARLIEST:%-d %B %Y}."
    if period_end and period_end > today:
        errors["period_end"] = "The end date must be today or in the past."
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = "The end date must be the same as or after the start date."
    if errors:
        raise ValidationError(errors)


def _lock(scheme_id, filters: ReportFilters):
    key = f"perf-report:{scheme_id}:{filters.period_start}:{filters.period_end}:{filters.key}"
    number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


def request_report(*, by, scheme: Scheme, filters: ReportFilters, regenerate=False):
    """(report, created). Enqueues generation after commit when a report is created or a failed
    one is retried."""
    if by is not None:
        staff = require_report_reader(by)
        if staff.scheme_id != scheme.pk:
            raise PermissionDenied("You can only request reports for your own scheme.")
    validate_period(filters.period_start, filters.period_end)
    for name in ("level", "area"):
        chosen = getattr(filters, name)
        if chosen is not None and chosen.scheme_id != scheme.pk:
            raise ValidationError({name: f"That {name} is not part of {scheme.name}."})
    with transaction.atomic():
        _lock(scheme.pk, filters)
        same = PerformanceReport.objects.filter(
            scheme=scheme,
            period_start=filters.period_start,
            period_end=filters.period_end,
            filters_key=filters.key,
        )
        latest = same.order_by("-generation").first()
        if latest and not regenerate:
            if latest.status != PerformanceReport.Status.FAILED:
                return latest, False
            # A failed report has no file: try it again rather than keep a dead row.
            latest.status, latest.progress, latest.error = PerformanceReport.Status.QUEUED, 0, ""
            latest.finished_at = None
            latest.save(update_fields=["status", "progress", "error", "finished_at"])
            _enqueue(latest)
            return latest, False
        generation = (same.aggregate(top=Max("generation"))["top"] or 0) + 1
        try:
            with transaction.atomic():
                report = PerformanceReport.objects.create(
                    scheme=scheme,
                    period_start=filters.period_start,
                    period_end=filters.period_end,
                    filters=filters.as_json(),
                    filters_key=filters.key,
                    generation=generation,
                    requested_by=by,
                )
        except IntegrityError:  # only without the lock (another database client)
            return same.order_by("-generation").first(), False
        _enqueue(report)
    return report, True


def _enqueue(report):
    from performance.tasks import generate_report

    report_id = report.pk
    transaction.on_commit(lambda: generate_report.delay(report_id))
