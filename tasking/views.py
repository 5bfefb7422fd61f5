"""Tasking and panel pages. Every member of staff reads their scheme's meetings (the agenda is
filtered by iom.access.nominals_for_user); only co-ordinators change them."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.log import record_access
from audit.models import Action as LogAction
from audit.models import JustificationKind
from iom.access import is_coordinator, nominal_for_user, staff_of
from iom.models import Agency
from tasking import decisions, selectors, services
from tasking.decisions import QuorumNotMet
from tasking.forms import (
    ActionForm,
    AttendanceForm,
    LeadForm,
    MeetingForm,
    NotesForm,
    ReviewDecisionForm,
    staff_choices,
)
from tasking.models import ExitReview
from tasking.page import can_run, error_summary, meeting_context, page_choices

PAGE_SIZE = 25
User = get_user_model()


def _scheme_staff_user(meeting, pk):
    if not pk:
        return None
    return get_object_or_404(User, pk=pk, staff__scheme_id=meeting.scheme_id)


def _scheme_agency(meeting, pk):
    if not pk:
        return None
    return get_object_or_404(Agency, pk=pk, scheme_id=meeting.scheme_id)


def _add_service_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, messages_ in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, exc.messages)


def tasking_home(request, form=None, status=200):
    """The scheme's meetings, with a warning for a week short of daily tasking meetings."""
    staff = staff_of(request.user)
    if staff is None:
        raise Http404("You are not linked to a scheme")
    page = Paginator(selectors.meetings_for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    coordinator = is_coordinator(request.user)
    if coordinator and form is None:
        choices = {"staff": staff_choices(selectors.scheme_staff(staff.scheme))}
        form = MeetingForm(choices=choices, initial={"date": timezone.localdate()})
    context = {
        "scheme": staff.scheme,
        "page": page,
        "weeks": selectors.weekly_frequency(staff.scheme, timezone.localdate()),
        "form": form,
        "errors": error_summary(form) if form is not None and form.is_bound else [],
        "can_create": coordinator,
    }
    return render(request, "tasking/home.html", context, status=status)


@require_POST
def meeting_create(request):
    if not is_coordinator(request.user):
        raise PermissionDenied("Only IOM co-ordinators can arrange meetings.")
    scheme = staff_of(request.user).scheme
    choices = {"staff": staff_choices(selectors.scheme_staff(scheme))}
    form = MeetingForm(request.POST, choices=choices)
    if form.is_valid():
        data = form.cleaned_data
        chair = User.objects.filter(pk=data["chair"]).first() if data["chair"] else None
        try:
            meeting = services.create_meeting(
                by=request.user, scheme=scheme, kind=data["kind"], date=data["date"], chair=chair
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, f"{meeting} arranged.")
            return redirect("tasking:meeting", pk=meeting.pk)
    return tasking_home(request, form=form, status=400)


def log_meeting_access(request, meeting, *, action=LogAction.VIEW, what="page"):
    """One access-log row for a meeting's agenda (page, PDF, API), not one per nominal: the
    agenda lists only nominals_for_user, and the meeting is the ground for seeing them."""
    return record_access(
        request,
        action=action,
        subject=meeting,
        description=f"{meeting} ({what})",
        justification=f"meeting {meeting.pk}",
        justification_kind=JustificationKind.MEETING,
    )


def meeting_detail(request, pk):
    meeting = selectors.meeting_for_user(request.user, pk)
    context = meeting_context(request, meeting)
    log_meeting_access(request, meeting)
    return render(request, "tasking/meeting_detail.html", context)


def _rerender(request, meeting, key, form):
    context = meeting_context(request, meeting, bound={key: form}, errors=error_summary(form))
    log_meeting_access(request, meeting)
    return render(request, "tasking/meeting_detail.html", context, status=400)


def _writable_meeting(request, pk):
    meeting = selectors.meeting_for_user(request.user, pk)
    if not can_run(request.user, meeting):
        raise PermissionDenied("Only the scheme's IOM co-ordinators can change meetings.")
    return meeting


@require_POST
def attendance_add(request, pk):
    meeting = _writable_meeting(request, pk)
    form = AttendanceForm(request.POST, choices=page_choices(meeting))
    if form.is_valid():
        data = form.cleaned_data
        try:
            attendance = services.add_attendance(
                by=request.user,
                meeting=meeting,
                user=_scheme_staff_user(meeting, data["user"]),
                name=data["name"],
                agency=_scheme_agency(meeting, data["agency"]),
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, f"{attendance} recorded as present.")
            return redirect("tasking:meeting", pk=meeting.pk)
    return _rerender(request, meeting, "attendance", form)


@require_POST
def attendance_remove(request, pk, attendance_pk):
    meeting = _writable_meeting(request, pk)
    attendance = selectors.attendance_for_meeting(meeting, attendance_pk)
    services.remove_attendance(by=request.user, attendance=attendance)
    messages.success(request, f"{attendance} removed from the attendance.")
    return redirect("tasking:meeting", pk=meeting.pk)


@require_POST
def notes_update(request, pk):
    meeting = _writable_meeting(request, pk)
    form = NotesForm(request.POST)
    if form.is_valid():
        services.update_notes(by=request.user, meeting=meeting, notes=form.cleaned_data["notes"])
        messages.success(request, "Notes saved.")
        return redirect("tasking:meeting", pk=meeting.pk)
    return _rerender(request, meeting, "notes", form)


def _decide(request, meeting, key, form, record):
    """Run a decision service; quorum and validation problems come back on the form."""
    try:
        decision = record()
    except QuorumNotMet as exc:
        form.add_error(None, exc.message)
    except ValidationError as exc:
        _add_service_errors(form, exc)
    else:
        messages.success(request, f"Decision recorded: {decision}.")
        return redirect(f"{meeting_url(meeting)}#{key}")
    return _rerender(request, meeting, key, form)


def meeting_url(meeting):
    return reverse("tasking:meeting", kwargs={"pk": meeting.pk})


@require_POST
def review_decide(request, pk, review_pk):
    meeting = _writable_meeting(request, pk)
    review = get_object_or_404(
        ExitReview.objects.select_related("membership"),
        pk=review_pk,
        membership__scheme_id=meeting.scheme_id,
    )
    nominal_for_user(request.user, review.membership.nominal_id)
    key = f"review-{review.pk}"
    form = ReviewDecisionForm(request.POST, prefix=key)
    if not form.is_valid():
        return _rerender(request, meeting, key, form)
    data = form.cleaned_data
    if data["decision"] == "exit":
        record = lambda: decisions.decide_exit(  # noqa: E731
            by=request.user,
            meeting=meeting,
            exit_review=review,
            exit_reason=data["exit_reason"],
            reason=data["reason"],
        )
    else:
        record = lambda: decisions.decide_retain(  # noqa: E731
            by=request.user, meeting=meeting, exit_review=review, reason=data["reason"]
        )
    return _decide(request, meeting, key, form, record)


@require_POST
def lead_decide(request, pk, membership_pk):
    meeting = _writable_meeting(request, pk)
    membership = get_object_or_404(
        meeting.scheme.memberships.select_related("nominal"), pk=membership_pk
    )
    nominal_for_user(request.user, membership.nominal_id)
    key = f"lead-{membership.pk}"
    form = LeadForm(request.POST, prefix=key, choices=page_choices(meeting))
    if not form.is_valid():
        return _rerender(request, meeting, key, form)
    data = form.cleaned_data
    return _decide(
        request,
        meeting,
        key,
        form,
        lambda: decisions.set_lead(
            by=request.user,
            meeting=meeting,
            membership=membership,
            lead_agency=_scheme_agency(meeting, data["lead_agency"]),
            lead_professional=_scheme_staff_user(meeting, data["lead_professional"]),
            police_officer=_scheme_staff_user(meeting, data["police_officer"]),
            reason=data["reason"],
        ),
    )


@require_POST
def action_add(request, pk):
    meeting = _writable_meeting(request, pk)
    form = ActionForm(request.POST, choices=page_choices(meeting))
    if form.is_valid():
        data = form.cleaned_data
        nominal = nominal_for_user(request.user, data["nominal"]) if data["nominal"] else None
        try:
            services.add_action(
                by=request.user,
                meeting=meeting,
                description=data["description"],
                owner=_scheme_staff_user(meeting, data["owner"]),
                agency=_scheme_agency(meeting, data["agency"]),
                due_date=data["due_date"],
                nominal=nominal,
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, "Action added.")
            return redirect(f"{meeting_url(meeting)}#actions")
    return _rerender(request, meeting, "action", form)


@require_POST
def action_complete(request, action_pk):
    action = selectors.action_for_user(request.user, action_pk)
    back = selectors.meeting_for_user(
        request.user, request.POST.get("meeting") or action.meeting_id
    )
    try:
        services.complete_action(by=request.user, action=action)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Action marked complete: {action}.")
    return redirect(meeting_url(back))
