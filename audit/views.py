"""Administrators' pages: the access log (with CSV export) and the break-glass list.

Anyone else gets 403: the pages are about the service, and refusing them confirms nothing
about any nominal."""

import csv
from datetime import UTC
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from audit import selectors
from audit.forms import AccessLogFilterForm
from audit.log import record_access
from audit.models import Action, JustificationKind
from iom.access import is_administrator, staff_of

PAGE_SIZE = 50
CSV_COLUMNS = [
    "at_utc",
    "username",
    "action",
    "object_type",
    "object_id",
    "description",
    "nominal",
    "query",
    "justification_kind",
    "justification",
    "path",
    "ip",
]


def _administrator_scheme(request):
    if not is_administrator(request.user):
        raise PermissionDenied("Only administrators may read the access log.")
    return staff_of(request.user).scheme


def _filters(request):
    form = AccessLogFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, data


def _filter_query(data):
    return urlencode({k: v for k, v in data.items() if v not in (None, "")})


def access_log(request):
    scheme = _administrator_scheme(request)
    form, data = _filters(request)
    entries = selectors.log_for_scheme(scheme.pk)
    if form.is_bound and not form.is_valid():
        entries = entries.none()
    page = Paginator(selectors.filtered(entries, data), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/access_log.html",
        {
            "form": form,
            "page": page,
            "scheme": scheme,
            "filter_query": _filter_query(data),
        },
    )


def access_log_csv(request):
    """The filtered log as CSV; the export is itself logged."""
    scheme = _administrator_scheme(request)
    form, data = _filters(request)
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "audit/access_log.html",
            {"form": form, "page": None, "scheme": scheme, "filter_query": ""},
            status=400,
        )
    record_access(
        request,
        action=Action.EXPORT,
        description="Access log CSV",
        query=_filter_query(data),
        justification="administrator review of the access log",
        justification_kind=JustificationKind.REPORT,
    )
    entries = selectors.filtered(selectors.log_for_scheme(scheme.pk), data)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for entry in entries.iterator(chunk_size=2000):
        writer.writerow(
            [
                entry.at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                entry.username,
                entry.action,
                entry.object_type,
                entry.object_id,
                entry.description,
                entry.nominal_id or "",
                entry.query,
                entry.justification_kind,
                entry.justification,
                entry.path,
                entry.ip or "",
            ]
        )
    return response


def break_glass_list(request):
    """Every break-glass access touching the scheme, newest first, with the reason given."""
    scheme = _administrator_scheme(request)
    page = Paginator(selectors.break_glass_entries(scheme.pk), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "audit/break_glass_list.html", {"page": page, "scheme": scheme})
