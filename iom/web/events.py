"""Recording an event in a nominal's history: first the kind, then that kind's form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format

from iom.access import can_record, log_nominal_access, nominal_for_user
from iom.codes import EventKind
from iom.forms.events import HINTS, TITLES, EventForm
from iom.services.events import record_event


def _nominal_to_record_for(request, pk):
    nominal = nominal_for_user(request.user, pk)
    if not can_record(request.user):
        raise PermissionDenied("Your role cannot record events")
    log_nominal_access(
        request,
        nominal,
        description=f"Record an event for nominal {nominal.pk}",
        on_case_team=nominal._on_case_team,
    )
    return nominal


def event_choose(request, pk):
    nominal = _nominal_to_record_for(request, pk)
    error = None
    chosen = request.POST.get("kind", "")
    if request.method == "POST":
        if chosen in EventKind.values:
            return redirect("event-create", nominal.pk, chosen)
        error = "Select the kind of event to record"
    kinds = [{"value": kind.value, "label": kind.label, "hint": HINTS[kind]} for kind in EventKind]
    return render(
        request,
        "iom/event_choose.html",
        {"nominal": nominal, "kinds": kinds, "error": error, "chosen": chosen},
    )


def event_create(request, pk, kind):
    nominal = _nominal_to_record_for(request, pk)
    if kind not in EventKind.values:
        raise Http404("No such kind of event")
    form = EventForm(request.POST if request.method == "POST" else None, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            event = record_event(by=request.user, nominal=nominal, kind=kind, values=form.values())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            when = date_format(event.date, "j F Y")
            messages.success(request, f"{event.get_kind_display()} on {when} recorded")
            return redirect("nominal-detail", nominal.pk)
    return render(
        request,
        "iom/event_form.html",
        {"nominal": nominal, "form": form, "title": f"Record {TITLES[form.kind]}"},
    )
