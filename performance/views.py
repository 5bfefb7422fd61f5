"""Needs assessment pages: record one, a member's history (chart and table), and who is due."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format

from iom.access import can_record, log_search
from iom.codes import PATHWAYS
from performance.chart import needs_chart
from performance.forms import NeedsAssessmentForm
from performance.selectors import membership_for_user, needs_due, needs_history
from performance.services import record_needs_assessment


def needs_new(request, membership_id):
    if not can_record(request.user):
        raise PermissionDenied("Your role cannot record needs assessments")
    membership = membership_for_user(
        request.user,
        membership_id,
        request=request,
        description=f"Record a needs assessment for spell {membership_id}",
    )
    form = NeedsAssessmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = record_needs_assessment(
                by=request.user,
                membership=membership,
                date=form.cleaned_data["date"],
                scores=form.scores(),
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            when = date_format(assessment.date, "j F Y")
            messages.success(request, f"Needs assessment of {when} recorded")
            return redirect("needs-history", membership.pk)
    return render(request, "performance/needs/form.html", {"membership": membership, "form": form})


def needs_history_page(request, membership_id):
    membership = membership_for_user(
        request.user,
        membership_id,
        request=request,
        description=f"Needs history of spell {membership_id}",
    )
    assessments = list(needs_history(membership))
    rows = [
        {
            "assessment": a,
            "scores": [{s.pathway: s.score for s in a.scores.all()}.get(code) for code in PATHWAYS],
        }
        for a in assessments
    ]
    return render(
        request,
        "performance/needs/history.html",
        {
            "membership": membership,
            "nominal": membership.nominal,
            "pathways": list(PATHWAYS.values()),
            "rows": rows,
            "chart": needs_chart(assessments) if assessments else None,
            "can_record": can_record(request.user),
        },
    )


def needs_due_list(request):
    today = timezone.localdate()
    log_search(request, description="Needs assessments due")
    members = list(needs_due(request.user, today))
    return render(
        request,
        "performance/needs/due.html",
        {"members": members, "today": today, "can_record": can_record(request.user)},
    )
