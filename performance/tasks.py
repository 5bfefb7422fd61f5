"""Background generation of performance reports (Celery), safe to deliver twice.

A session-level advisory lock keyed on the report means a second delivery of the same task
(acks_late redelivery, or a user double-click) skips while the first is still working; a
report already done is never rebuilt. If a worker dies mid-way, its connection (and so its
lock) goes with it and the redelivered task starts again from the beginning.
"""

import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from iom.models import Scheme
from performance.pdf import render_report_pdf
from performance.report_data import ReportFilters, build_report, filters_for, last_month
from performance.report_models import PerformanceReport
from performance.reports import request_report

log = logging.getLogger(__name__)
LOCK_SPACE = 7_262_011  # first half of the advisory lock key: "performance reports"
Status = PerformanceReport.Status


def _try_lock(report_id) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE, report_id])
        return cursor.fetchone()[0]


def _unlock(report_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, report_id])


def _set(report_id, **fields):
    PerformanceReport.objects.filter(pk=report_id).update(**fields)


@shared_task(name="performance.generate_report", acks_late=True)
def generate_report(report_id: int) -> str:
    """Build the PDF for one report; returns what happened (for the worker log)."""
    if not _try_lock(report_id):
        return "skipped: another worker is generating it"
    try:
        report = PerformanceReport.objects.select_related("scheme", "requested_by").filter(
            pk=report_id
        )
        report = report.first()
        if report is None:
            return "skipped: no such report"
        if report.status == Status.DONE:
            return "skipped: already done"
        _set(report_id, status=Status.RUNNING, progress=5, started_at=timezone.now(), error="")
        try:
            _generate(report)
        except Exception as exc:
            log.exception("Performance report %s failed", report_id)
            _set(
                report_id,
                status=Status.FAILED,
                error=f"{type(exc).__name__}: {exc}"[:2000],
                finished_at=timezone.now(),
            )
            return "failed"
        return "done"
    finally:
        _unlock(report_id)


def _generate(report):
    def progress(done, total):
        _set(report.pk, progress=5 + int(75 * done / total))

    content = build_report(report.scheme, filters_for(report), progress=progress)
    pdf = render_report_pdf(content, report=report)
    _set(report.pk, progress=95)
    report.file.save(report.filename, ContentFile(pdf), save=False)
    _set(
        report.pk,
        file=report.file.name,
        status=Status.DONE,
        progress=100,
        finished_at=timezone.now(),
    )


@shared_task(name="performance.generate_monthly_reports")
def generate_monthly_reports(as_of: str | None = None) -> int:
    """Monthly: last month's report for every scheme; running it twice makes no second one."""
    from datetime import date

    today = date.fromisoformat(as_of) if as_of else timezone.localdate()
    start, end = last_month(today)
    created = 0
    for scheme in Scheme.objects.order_by("pk"):
        _report, new = request_report(by=None, scheme=scheme, filters=ReportFilters(start, end))
        created += new
    return created
