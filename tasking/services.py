"""Writes to meetings: each validates, runs in one transaction and records who did it.

Only the scheme's co-ordinators (and administrators) run meetings; decisions are in
tasking/decisions.py.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from iom.access import is_coordinator, nominals_for_user, staff_of
from iom.models import StaffProfile
from tasking import rules
from tasking.models import Action, Attendance, Meeting


def require_coordinator(by, scheme_id):
    staff = staff_of(by)
    if not is_coordinator(by) or staff.scheme_id != scheme_id:
        raise PermissionDenied("Only the scheme's IOM co-ordinators can change meetings.")


def meeting_quorum(meeting) -> rules.Quorum:
    pairs = meeting.attendances.values_list("agency_id", "agency__name")
    return rules.quorum(pairs, meeting.scheme.quorum_agencies)


def scheme_staff(user, scheme_id, field):
    """The user's StaffProfile, or a field error when they are not staff of this scheme."""
    staff = StaffProfile.objects.select_related("agency").filter(user=user).first()
    if staff is None or staff.scheme_id != scheme_id:
        raise ValidationError({field: f"{user} is not a member of staff of this scheme"})
    return staff


def scheme_agency(agency, scheme_id, field="agency"):
    if agency is None:
        raise ValidationError({field: "Choose the agency"})
    if agency.scheme_id != scheme_id:
        raise ValidationError({field: f"{agency} is not an agency of this scheme"})
    return agency


@transaction.atomic
def create_meeting(*, by, scheme, kind, date, chair=None, notes="") -> Meeting:
    require_coordinator(by, scheme.pk)
    if kind not in Meeting.Kind.values:
        raise ValidationError({"kind": "Choose daily tasking or panel"})
    if date is None:
        raise ValidationError({"date": "Enter the date of the meeting"})
    if chair is not None:
        scheme_staff(chair, scheme.pk, "chair")
    return Meeting.objects.create(
        scheme=scheme, kind=kind, date=date, chair=chair, notes=notes or "", created_by=by
    )


@transaction.atomic
def update_notes(*, by, meeting, notes) -> Meeting:
    """Notes are allowed with or without quorum."""
    require_coordinator(by, meeting.scheme_id)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.notes = notes or ""
    meeting.save(update_fields=["notes"])
    return meeting


@transaction.atomic
def add_attendance(*, by, meeting, user=None, name="", agency=None) -> Attendance:
    require_coordinator(by, meeting.scheme_id)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    name = (name or "").strip()
    if user is None and not name:
        raise ValidationError({"user": "Choose a person, or type the name of a guest"})
    if user is not None and name:
        raise ValidationError({"name": "Choose a person or type a guest's name, not both"})
    if user is not None:
        staff = scheme_staff(user, meeting.scheme_id, "user")
        agency = agency or staff.agency
    scheme_agency(agency, meeting.scheme_id)
    try:
        with transaction.atomic():
            return Attendance.objects.create(
                meeting=meeting, user=user, name=name, agency=agency, recorded_by=by
            )
    except IntegrityError:
        who = name or user.get_full_name() or user.username
        field = "name" if name else "user"
        raise ValidationError({field: f"{who} is already recorded as present"}) from None


@transaction.atomic
def remove_attendance(*, by, attendance) -> None:
    require_coordinator(by, attendance.meeting.scheme_id)
    Meeting.objects.select_for_update().get(pk=attendance.meeting_id)
    attendance.delete()


@transaction.atomic
def add_action(*, by, meeting, description, owner, due_date, agency=None, nominal=None) -> Action:
    """Actions, like notes, need no quorum: they are tasks, not decisions."""
    require_coordinator(by, meeting.scheme_id)
    errors = {}
    if not (description or "").strip():
        errors["description"] = "Describe the action"
    if due_date is None:
        errors["due_date"] = "Enter the date the action is due"
    if owner is None:
        errors["owner"] = "Choose who owns the action"
    if errors:
        raise ValidationError(errors)
    staff = scheme_staff(owner, meeting.scheme_id, "owner")
    agency = scheme_agency(agency or staff.agency, meeting.scheme_id)
    if nominal is not None and not nominals_for_user(by).filter(pk=nominal.pk).exists():
        raise ValidationError({"nominal": "Choose a nominal of this scheme"})
    return Action.objects.create(
        meeting=meeting,
        nominal=nominal,
        description=description.strip(),
        owner=owner,
        agency=agency,
        due_date=due_date,
        created_by=by,
    )


@transaction.atomic
def complete_action(*, by, action) -> Action:
    """The owner or a co-ordinator marks an action done."""
    if action.owner_id != by.pk:
        require_coordinator(by, action.meeting.scheme_id)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.completed_at is not None:
        raise ValidationError(
            {"action": f"This action was already completed on {action.completed_at:%d %b %Y}"}
        )
    action.completed_at, action.completed_by = timezone.now(), by
    action.save(update_fields=["completed_at", "completed_by"])
    return action
