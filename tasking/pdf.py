"""Printed agenda and minutes (WeasyPrint), marked OFFICIAL-SENSITIVE on every page."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from audit.models import Action
from tasking import selectors
from tasking.agenda import build_agenda
from tasking.views import log_meeting_access


def _pdf_response(request, template, context, filename):
    context = {**context, "printed_at": timezone.localtime(), "printed_by": request.user}
    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _context(request, meeting):
    attendance_list = selectors.attendances(meeting)
    return {
        "meeting": meeting,
        "agenda": build_agenda(meeting, request.user),
        "attendances": attendance_list,
        "quorum": selectors.quorum_of(meeting, attendance_list),
    }


def agenda_pdf(request, pk):
    meeting = selectors.meeting_for_user(request.user, pk)
    name = f"{meeting.kind}-agenda-{meeting.date.isoformat()}.pdf"
    response = _pdf_response(request, "tasking/pdf/agenda.html", _context(request, meeting), name)
    log_meeting_access(request, meeting, action=Action.PDF, what="agenda PDF")
    return response


def minutes_pdf(request, pk):
    meeting = selectors.meeting_for_user(request.user, pk)
    context = {
        **_context(request, meeting),
        "decisions": selectors.decisions_for_user(meeting, request.user),
        "actions": selectors.actions_for_user(meeting, request.user),
    }
    name = f"{meeting.kind}-minutes-{meeting.date.isoformat()}.pdf"
    response = _pdf_response(request, "tasking/pdf/minutes.html", context, name)
    log_meeting_access(request, meeting, action=Action.PDF, what="minutes PDF")
    return response
