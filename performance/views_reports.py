"""Generated PDF reports: request one, follow its progress, list them, download them.

Managers, co-ordinators and administrators of the scheme only: other roles get 403, another
scheme's report is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from audit.models import Action
from performance.report_models import PerformanceReport
from performance.reports import (
    report_for_user,
    reports_for_user,
    request_report,
    require_report_reader,
)
from performance.views_dashboard import ReportFilterForm, log_report_access

PAGE_SIZE = 25


@require_POST
def request_pdf(request):
    staff = require_report_reader(request.user)
    form = ReportFilterForm(request.POST, scheme=staff.scheme)
    if form.is_valid():
        try:
            report, created = request_report(
                by=request.user,
                scheme=staff.scheme,
                filters=form.filters(),
                regenerate=request.POST.get("regenerate") == "yes",
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if created:
                messages.success(request, "Your report has been requested.")
            else:
                messages.info(request, "This report has already been requested: here it is.")
            return redirect("performance_reports:detail", pk=report.pk)
    return render(
        request,
        "performance/dashboard.html",
        {"scheme": staff.scheme, "form": form, "content": None, "sections": None},
        status=400,
    )


def report_list(request):
    staff = require_report_reader(request.user)
    page = Paginator(reports_for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    running = any(not report.is_finished for report in page.object_list)
    return render(
        request,
        "performance/report_list.html",
        {"scheme": staff.scheme, "page": page, "running": running},
    )


def report_detail(request, pk):
    report = report_for_user(request.user, pk)
    template = "performance/report_status.html"
    if not request.headers.get("HX-Request"):
        template = "performance/report_detail.html"
    return render(request, template, {"report": report})


def report_pdf_response(request, report):
    """The stored PDF as a download, logged; the page and the API both answer with it."""
    if report.status != PerformanceReport.Status.DONE or not report.file:
        raise Http404("This report is not ready yet")
    try:
        handle = report.file.open("rb")
    except FileNotFoundError:
        raise Http404("The report file is missing") from None
    response = FileResponse(
        handle, as_attachment=True, filename=report.filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "no-store"
    log_report_access(request, action=Action.PDF, subject=report, description=str(report))
    return response


def report_download(request, pk):
    return report_pdf_response(request, report_for_user(request.user, pk))
