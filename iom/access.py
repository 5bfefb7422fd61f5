"""Who may see which nominal. Every page, API endpoint, export and PDF asks here.

Police and probation staff (and co-ordinators and administrators) of a scheme see all its
nominals. Staff of other agencies see the nominals whose current spell names their agency as
lead agency or them as lead professional or police officer. A nominal a user may not see is a
404, never a 403 that confirms it exists. See docs/access.md.
"""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from iom.codes import CORE_AGENCY_KINDS, AgencyKind, EventKind, HandlingCode, Role
from iom.models import Membership, Nominal

SCHEME_WIDE_ROLES = {Role.COORDINATOR, Role.ADMINISTRATOR}
# Roles allowed to create and edit nominals and record events.
RECORDING_ROLES = {
    Role.PRACTITIONER,
    Role.OFFENDER_MANAGER,
    Role.POLICE_OFFICER,
    Role.COORDINATOR,
    Role.ADMINISTRATOR,
}


def staff_of(user):
    """The user's StaffProfile, or None for users who are not partnership staff."""
    if not user.is_authenticated or not user.is_active:
        return None
    return getattr(user, "staff", None)


def sees_whole_scheme(staff) -> bool:
    return staff.role in SCHEME_WIDE_ROLES or (
        staff.agency.kind in CORE_AGENCY_KINDS and staff.role != Role.MANAGER
    )


def nominals_for_user(user):
    """The nominals this user may see, as a queryset to filter further."""
    staff = staff_of(user)
    if staff is None:
        return Nominal.objects.none()
    visible = Nominal.objects.filter(scheme_id=staff.scheme_id)
    if sees_whole_scheme(staff):
        return visible
    on_case_team = Membership.objects.filter(nominal=OuterRef("pk"), end__isnull=True).filter(
        Q(lead_agency_id=staff.agency_id)
        | Q(lead_professional_id=user.pk)
        | Q(police_officer_id=user.pk)
    )
    return visible.filter(Exists(on_case_team))


def nominal_for_user(user, pk):
    """The nominal, or Http404 when it does not exist or this user may not see it."""
    try:
        return nominals_for_user(user).get(pk=pk)
    except (Nominal.DoesNotExist, ValueError, TypeError):
        raise Http404("No such nominal") from None


def can_record(user) -> bool:
    staff = staff_of(user)
    return staff is not None and staff.role in RECORDING_ROLES


def is_coordinator(user) -> bool:
    staff = staff_of(user)
    return staff is not None and staff.role in SCHEME_WIDE_ROLES


def can_read_intelligence_text(user, event) -> bool:
    """Police read every record; other agencies read `P` records, and of `C` records only that
    the intelligence exists (date, grade): the handling conditions bind police sharing."""
    if event.kind != EventKind.INTELLIGENCE or event.handling_code != HandlingCode.C:
        return True
    staff = staff_of(user)
    return staff is not None and staff.agency.kind == AgencyKind.POLICE
