"""Queries the meeting pages, PDFs and API need, each in a fixed number of round trips."""

from datetime import timedelta

from django.db.models import Q
from django.http import Http404

from iom.access import nominals_for_user, staff_of, visible_through
from iom.models import Agency, Level, StaffProfile
from tasking import rules
from tasking.models import Action, Attendance, ExitReview, Meeting


def meetings_for_user(user):
    """Meetings of the user's scheme: every member of staff may read them."""
    staff = staff_of(user)
    if staff is None:
        return Meeting.objects.none()
    return Meeting.objects.filter(scheme_id=staff.scheme_id).select_related("scheme", "chair")


def meeting_for_user(user, pk) -> Meeting:
    try:
        return meetings_for_user(user).get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404("No such meeting") from None


def weekly_frequency(scheme, today, weeks=2) -> list[rules.WeekCount]:
    """Daily tasking meetings in this week and the previous one, against the scheme's policy."""
    first_monday = rules.week_start(today) - timedelta(weeks=weeks - 1)
    dates = Meeting.objects.filter(
        scheme=scheme,
        kind=Meeting.Kind.DAILY,
        date__gte=first_monday,
        date__lte=rules.week_start(today) + timedelta(days=6),
    ).values_list("date", flat=True)
    return rules.weekly_frequency(dates, today, scheme.tasking_meetings_per_week, weeks)


def attendances(meeting):
    return list(meeting.attendances.select_related("user", "agency"))


def quorum_of(meeting, attendance_list) -> rules.Quorum:
    return rules.quorum(
        [(a.agency_id, a.agency.name) for a in attendance_list], meeting.scheme.quorum_agencies
    )


def decisions_for_user(meeting, user):
    """Decisions of the meeting about nominals this user may see."""
    return list(
        meeting.decisions.filter(visible_through(user)).select_related(
            "nominal", "decided_by", "exit_review"
        )
    )


def actions_for_user(meeting, user):
    """Actions raised at the meeting: general ones, and those about nominals the user may see."""
    return list(
        meeting.actions.filter(Q(nominal__isnull=True) | visible_through(user)).select_related(
            "nominal", "owner", "agency", "completed_by"
        )
    )


def scheme_staff(scheme):
    """Everyone who may attend or own an action, with their agency (one query)."""
    return list(
        StaffProfile.objects.filter(scheme=scheme, user__is_active=True)
        .select_related("user", "agency")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def scheme_agencies(scheme):
    return list(Agency.objects.filter(scheme=scheme).order_by("name"))


def scheme_levels(scheme):
    return list(Level.objects.filter(scheme=scheme).order_by("order", "name"))


def exit_reviews_for_user(user, status=None):
    staff = staff_of(user)
    if staff is None:
        return ExitReview.objects.none()
    reviews = ExitReview.objects.filter(
        visible_through(user, "membership__nominal"),
        membership__scheme_id=staff.scheme_id,
    )
    if status:
        reviews = reviews.filter(status=status)
    return reviews.select_related("membership__nominal").order_by("due_date", "id")


def attendance_for_meeting(meeting, pk) -> Attendance:
    try:
        return meeting.attendances.select_related("meeting").get(pk=pk)
    except (Attendance.DoesNotExist, ValueError):
        raise Http404("No such attendance") from None


def action_for_user(user, pk) -> Action:
    visible = nominals_for_user(user).values("pk")
    staff = staff_of(user)
    if staff is None:
        raise Http404("No such action")
    try:
        return Action.objects.select_related("meeting").get(
            Q(nominal__isnull=True) | Q(nominal__in=visible),
            meeting__scheme_id=staff.scheme_id,
            pk=pk,
        )
    except (Action.DoesNotExist, ValueError):
        raise Http404("No such action") from None
