"""Who may see which nominal, and the record of every look. Every page, API endpoint, export
and PDF asks here.

Police and probation staff (other than managers), co-ordinators and administrators of a scheme
see all its nominals. Everyone else sees the nominals whose case team they are on: a guardian
object permission "iom.view_nominal" held by the nominal's case-team group (iom.case_teams).
A nominal a user may not see is a 404, never a 403 that confirms it exists. Opening one writes
one access-log row with its justification (audit.log). See docs/access.md.
"""

import time

from django.apps import apps
from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.http import Http404
from guardian.models import GroupObjectPermission

from iom.codes import CORE_AGENCY_KINDS, AgencyKind, EventKind, HandlingCode, Role
from iom.models import Nominal, StaffProfile

SCHEME_WIDE_ROLES = {Role.COORDINATOR, Role.ADMINISTRATOR}
# Roles allowed to create and edit nominals and record events.
RECORDING_ROLES = {
    Role.PRACTITIONER,
    Role.OFFENDER_MANAGER,
    Role.POLICE_OFFICER,
    Role.COORDINATOR,
    Role.ADMINISTRATOR,
}
BREAK_GLASS_SESSION_KEY = "iom_break_glass"
BREAK_GLASS_DEFAULT_MINUTES = 60
# The user -> staff reverse relation: its cache on the user object is where `user.staff` looks.
_STAFF_RELATION = StaffProfile._meta.get_field("user").remote_field


def staff_of(user):
    """The user's StaffProfile, or None for users who are not partnership staff. Read once per
    user object (a request's user) with its agency and scheme, which most rules here ask."""
    if not user.is_authenticated or not user.is_active:
        return None
    if hasattr(user, "_state") and not _STAFF_RELATION.is_cached(user):
        staff = (
            StaffProfile.objects.select_related("agency", "scheme").filter(user_id=user.pk).first()
        )
        _STAFF_RELATION.set_cached_value(user, staff)
    return getattr(user, "staff", None)


def sees_whole_scheme(staff) -> bool:
    return staff.role in SCHEME_WIDE_ROLES or (
        staff.agency.kind in CORE_AGENCY_KINDS and staff.role != Role.MANAGER
    )


def case_team_grants(user):
    """Guardian group grants of "iom.view_nominal" on the outer nominal to one of the user's
    groups: one indexed subquery (content type, object pk), for Exists(...)."""
    return GroupObjectPermission.objects.filter(
        content_type__app_label="iom",
        content_type__model="nominal",
        permission__codename="view_nominal",
        object_pk=Cast(OuterRef("pk"), output_field=CharField()),
        group__user__pk=user.pk,
    )


def nominals_for_user(user, queryset=None):
    """The nominals this user may see, as a queryset to filter further."""
    staff = staff_of(user)
    if staff is None:
        return Nominal.objects.none()
    base = queryset if queryset is not None else Nominal.objects.all()
    visible = base.filter(scheme_id=staff.scheme_id)
    if sees_whole_scheme(staff):
        return visible
    return visible.filter(Exists(case_team_grants(user)))


def visible_through(user, relation="nominal") -> Q:
    """The rule of nominals_for_user as a filter on rows that point at a nominal by `relation`.

    For staff who see their whole scheme it is a join on the nominal's scheme: the equivalent
    `relation IN (SELECT id FROM nominal WHERE scheme = …)` makes PostgreSQL read every nominal
    of the scheme (tens of thousands) to find a few hundred members."""
    staff = staff_of(user)
    if staff is None:
        return Q(pk__in=[])
    if sees_whole_scheme(staff):
        return Q(**{f"{relation}__scheme_id": staff.scheme_id})
    return Q(**{f"{relation}__in": nominals_for_user(user).values("pk")})


# --- break glass -----------------------------------------------------------------------------


def may_break_glass(user) -> bool:
    """Police and probation staff (not managers) may ask for a nominal of another scheme."""
    staff = staff_of(user)
    return (
        staff is not None and staff.agency.kind in CORE_AGENCY_KINDS and staff.role != Role.MANAGER
    )


def break_glass_minutes() -> int:
    return int(getattr(settings, "IOM_BREAK_GLASS_MINUTES", BREAK_GLASS_DEFAULT_MINUTES))


def grant_break_glass(request, nominal, reason):
    """Open this nominal to this session only, for a limited time."""
    grants = dict(request.session.get(BREAK_GLASS_SESSION_KEY, {}))
    grants[str(nominal.pk)] = {"until": time.time() + break_glass_minutes() * 60, "reason": reason}
    request.session[BREAK_GLASS_SESSION_KEY] = grants


def break_glass_reason(request, pk):
    """The reason given when this session broke the glass on nominal `pk`, while it lasts.
    Break glass opens a record to read: it never lets anyone change it."""
    if request is None or request.method not in ("GET", "HEAD"):
        return None
    if not may_break_glass(request.user):
        return None
    session = getattr(request, "session", None)
    if session is None:
        return None
    grant = session.get(BREAK_GLASS_SESSION_KEY, {}).get(str(pk))
    if not grant or grant.get("until", 0) < time.time():
        return None
    return grant.get("reason") or ""


# --- opening one nominal, and logging it -----------------------------------------------------


def _meeting_id(request, nominal):
    """?from_meeting=ID on a link from an agenda, when it names a meeting of the scheme."""
    text = request.GET.get("from_meeting", "") if hasattr(request, "GET") else ""
    if not (text.isascii() and text.isdigit()):
        return None
    try:
        meeting = apps.get_model("tasking", "Meeting")
    except LookupError:
        return None
    if meeting.objects.filter(pk=int(text), scheme_id=nominal.scheme_id).exists():
        return int(text)
    return None


def justification(request, nominal, *, on_case_team, break_glass=None):
    """(kind, text): on what grounds this user may open this nominal."""
    from audit.models import JustificationKind as Kind

    if break_glass is not None:
        return Kind.BREAK_GLASS, f"break glass: {break_glass}"
    meeting_id = _meeting_id(request, nominal)
    if meeting_id is not None:
        return Kind.MEETING, f"meeting {meeting_id}"
    if on_case_team:
        return Kind.CASE_TEAM, "case team"
    return Kind.AREA_SCHEME, "scheme-wide role"


def log_nominal_access(
    request, nominal, *, action="view", subject=None, description="", on_case_team=None
):
    """One access-log row for opening this nominal (or a record of it, `subject`)."""
    from audit.log import record_access

    if on_case_team is None:
        on_case_team = (
            Nominal.objects.filter(pk=nominal.pk)
            .filter(Exists(case_team_grants(request.user)))
            .exists()
        )
    kind, text = justification(
        request,
        nominal,
        on_case_team=on_case_team,
        break_glass=getattr(nominal, "_break_glass_reason", None),
    )
    return record_access(
        request,
        action=action,
        nominal=nominal,
        subject=subject,
        description=description,
        justification=text,
        justification_kind=kind,
    )


def nominal_for_user(
    user, pk, *, request=None, action="view", subject=None, description="", queryset=None
):
    """The nominal, or Http404 when it does not exist or this user may not see it.

    With `request`, fetching is logging: the access is written to the access log with its
    justification (case team, scheme-wide role, meeting, break glass) in the same step."""
    base = queryset if queryset is not None else Nominal.objects.all()
    on_team = base.annotate(_on_case_team=Exists(case_team_grants(user)))
    try:
        nominal = nominals_for_user(user, on_team).get(pk=pk)
    except (Nominal.DoesNotExist, ValueError, TypeError):
        reason = break_glass_reason(request, pk)
        if reason is None:
            raise Http404("No such nominal") from None
        try:
            nominal = on_team.get(pk=pk)
        except (Nominal.DoesNotExist, ValueError, TypeError):
            raise Http404("No such nominal") from None
        nominal._break_glass_reason = reason
    if request is not None:
        log_nominal_access(
            request,
            nominal,
            action=action,
            subject=subject,
            description=description,
            on_case_team=nominal._on_case_team,
        )
    return nominal


def log_search(request, query="", *, action="search", description="Nominal search"):
    """One access-log row for a search or list of nominals, on the grounds the user sees them."""
    from audit.log import record_access
    from audit.models import JustificationKind as Kind

    staff = staff_of(request.user)
    whole = staff is not None and sees_whole_scheme(staff)
    return record_access(
        request,
        action=action,
        query=query,
        description=description,
        justification="scheme-wide role" if whole else "case team nominals only",
        justification_kind=Kind.AREA_SCHEME if whole else Kind.CASE_TEAM,
    )


# --- what a user may do ----------------------------------------------------------------------


def can_record(user) -> bool:
    staff = staff_of(user)
    return staff is not None and staff.role in RECORDING_ROLES


def is_coordinator(user) -> bool:
    staff = staff_of(user)
    return staff is not None and staff.role in SCHEME_WIDE_ROLES


def is_administrator(user) -> bool:
    staff = staff_of(user)
    return staff is not None and staff.role == Role.ADMINISTRATOR


def can_read_intelligence_text(user, event) -> bool:
    """Police read every record; other agencies read `P` records, and of `C` records only that
    the intelligence exists (date, grade): the handling conditions bind police sharing."""
    if event.kind != EventKind.INTELLIGENCE or event.handling_code != HandlingCode.C:
        return True
    staff = staff_of(user)
    return staff is not None and staff.agency.kind == AgencyKind.POLICE
