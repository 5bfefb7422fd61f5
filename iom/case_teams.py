"""Case teams: one auth Group per nominal holding guardian's "iom.view_nominal" on it.

The group is derived, never edited by hand: its members are the current spell's lead
professional and police officer, the staff of the current spell's lead agency, and the
partners a co-ordinator named (audit.CaseTeamPartner: a person, or a whole agency whose staff
join). Staff who see the whole scheme anyway are left out of agency-wide additions.
sync_case_team rebuilds it after any change.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from guardian.models import GroupObjectPermission

from iom.codes import CORE_AGENCY_KINDS, Role
from iom.history import history_context
from iom.models import Membership, StaffProfile

VIEW_NOMINAL = "iom.view_nominal"


def group_name(nominal_id) -> str:
    return f"case-team-{nominal_id}"


def _agency_staff(agency_ids):
    """{agency id: user ids} of the agencies' active staff who need a case team to see a
    nominal: everyone but those who see the whole scheme anyway (police and probation
    practitioners, co-ordinators, administrators), so the groups stay small."""
    staff = {}
    if not agency_ids:
        return staff
    rows = (
        StaffProfile.objects.filter(agency_id__in=agency_ids, user__is_active=True)
        .exclude(role__in=[Role.COORDINATOR, Role.ADMINISTRATOR])
        .exclude(Q(agency__kind__in=CORE_AGENCY_KINDS) & ~Q(role=Role.MANAGER))
        .values_list("agency_id", "user_id")
    )
    for agency_id, user_id in rows:
        staff.setdefault(agency_id, set()).add(user_id)
    return staff


def _wanted(nominal_ids):
    """{nominal id: {user id: why}} for these nominals, in three queries."""
    from audit.models import CaseTeamPartner

    wanted = {pk: {} for pk in nominal_ids}
    spells = list(
        Membership.objects.filter(nominal_id__in=nominal_ids, end__isnull=True).values_list(
            "nominal_id", "lead_professional_id", "police_officer_id", "lead_agency_id"
        )
    )
    named = list(
        CaseTeamPartner.objects.filter(nominal_id__in=nominal_ids).values_list(
            "nominal_id", "user_id", "agency_id"
        )
    )
    agencies = _agency_staff({a for *_, a in spells if a} | {a for *_, a in named if a})
    for nominal_id, lead, officer, agency in spells:
        why = wanted[nominal_id]
        if lead:
            why.setdefault(lead, "lead professional")
        if officer:
            why.setdefault(officer, "police officer")
        for user_id in agencies.get(agency, ()):
            why.setdefault(user_id, "lead agency")
    for nominal_id, user_id, agency in named:
        why = wanted[nominal_id]
        if user_id:
            why.setdefault(user_id, "named partner")
        for member in agencies.get(agency, ()):
            why.setdefault(member, "named partner agency")
    return wanted


def wanted_members(nominal):
    """User ids the case team should hold now, with why: {user id: why}."""
    return _wanted([nominal.pk])[nominal.pk]


@transaction.atomic
def sync_case_teams(nominals):
    """Make the case-team groups of these nominals (or ids) match their current spells and
    named partners: a fixed number of queries however many, so bulk imports can call it."""
    ids = sorted({getattr(n, "pk", n) for n in nominals})
    if not ids:
        return {}
    names = {pk: group_name(pk) for pk in ids}
    Group.objects.bulk_create([Group(name=name) for name in names.values()], ignore_conflicts=True)
    groups = {g.name: g for g in Group.objects.filter(name__in=names.values())}
    permission = Permission.objects.select_related("content_type").get(
        content_type__app_label="iom", codename="view_nominal"
    )
    GroupObjectPermission.objects.bulk_create(
        [
            GroupObjectPermission(
                group=groups[names[pk]],
                permission=permission,
                content_type=permission.content_type,
                object_pk=str(pk),
            )
            for pk in ids
        ],
        ignore_conflicts=True,
    )
    wanted = _wanted(ids)
    through = Group.user_set.through
    group_ids = [groups[names[pk]].pk for pk in ids]
    through.objects.filter(group_id__in=group_ids).delete()
    through.objects.bulk_create(
        [
            through(group_id=groups[names[pk]].pk, user_id=user_id)
            for pk in ids
            for user_id in wanted[pk]
        ]
    )
    return {pk: groups[names[pk]] for pk in ids}


def sync_case_team(nominal) -> Group:
    """Make the nominal's case-team group match the current spell and the named partners."""
    return sync_case_teams([nominal])[nominal.pk]


def team_members(nominal):
    """Who is on the case team now and why, for the case-team page."""
    why = wanted_members(nominal)
    users = get_user_model().objects.filter(pk__in=why).select_related("staff__agency")
    return sorted(
        ((user, why[user.pk]) for user in users),
        key=lambda pair: (pair[0].last_name, pair[0].first_name, pair[0].username),
    )


def _check_partner_scheme(nominal, scheme_id):
    if scheme_id != nominal.scheme_id:
        raise ValidationError({"partner": "Choose someone from this nominal's scheme"})


@transaction.atomic
def add_partner(*, by, nominal, user=None, agency=None):
    """Name a person or a whole agency on the case team, and grant them the record."""
    from audit.models import CaseTeamPartner

    if (user is None) == (agency is None):
        raise ValidationError({"partner": "Choose one person or one agency to add"})
    if user is not None:
        staff = getattr(user, "staff", None)
        if staff is None:
            raise ValidationError({"user": "This account is not linked to an agency"})
        _check_partner_scheme(nominal, staff.scheme_id)
    else:
        _check_partner_scheme(nominal, agency.scheme_id)
    try:
        with transaction.atomic(), history_context(by, via="case team"):
            partner = CaseTeamPartner.objects.create(
                nominal=nominal, user=user, agency=agency, added_by=by
            )
    except IntegrityError:
        field = "user" if user is not None else "agency"
        raise ValidationError({field: f"{user or agency} is already on the case team"}) from None
    sync_case_team(nominal)
    return partner


@transaction.atomic
def remove_partner(*, by, nominal, partner_id):
    """Take a named person or agency off the case team; spell roles stay."""
    from audit.models import CaseTeamPartner

    with history_context(by, via="case team"):
        deleted, _ = CaseTeamPartner.objects.filter(nominal=nominal, pk=partner_id).delete()
    if not deleted:
        raise ValidationError({"partner": "That partner is not named on this case team"})
    sync_case_team(nominal)
