"""Case teams are guardian group permissions, kept in step with spells and named partners."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from guardian.models import GroupObjectPermission, UserObjectPermission

from iom.access import nominals_for_user
from iom.case_teams import add_partner, group_name, sync_case_team
from iom.codes import Role
from iom.services.memberships import end_membership, start_membership


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def fresh(user):
    """Guardian caches permissions on the user object: ask with a new one."""
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def nominal(make_nominal):
    return make_nominal("Casey", "Teamcase")


def test_a_partner_added_on_the_page_can_see_and_removed_cannot(
    client, coordinator, partner, nominal
):
    page = f"/nominals/{nominal.pk}/"
    assert client_for(partner).get(page).status_code == 404
    assert not fresh(partner).has_perm("iom.view_nominal", nominal)

    team = client_for(coordinator)
    response = team.post(f"{page}case-team/", {"action": "add", "user": partner.pk})
    assert response.status_code == 302
    group = Group.objects.get(name=group_name(nominal.pk))
    assert list(group.user_set.all()) == [partner]
    assert GroupObjectPermission.objects.filter(
        group=group, object_pk=str(nominal.pk), permission__codename="view_nominal"
    ).exists()
    assert not UserObjectPermission.objects.exists()  # granted to the group, never per user
    assert fresh(partner).has_perm("iom.view_nominal", nominal)
    assert client_for(partner).get(page).status_code == 200

    named = nominal.case_team_partners.get()
    response = team.post(f"{page}case-team/", {"action": "remove", "partner": named.pk})
    assert response.status_code == 302
    assert not group.user_set.exists()
    assert not fresh(partner).has_perm("iom.view_nominal", nominal)
    assert client_for(partner).get(page).status_code == 404


def test_a_whole_agency_joins_including_staff_who_join_later(
    coordinator, partner, agencies, make_user, scheme, nominal
):
    add_partner(by=coordinator, nominal=nominal, agency=agencies["housing"])
    assert nominals_for_user(partner).filter(pk=nominal.pk).exists()
    newcomer = make_user(scheme, agencies["housing"], Role.PRACTITIONER)
    assert nominals_for_user(newcomer).filter(pk=nominal.pk).exists()
    housing_manager = make_user(scheme, agencies["housing"], Role.MANAGER)
    assert nominals_for_user(housing_manager).filter(pk=nominal.pk).exists()
    other_partner = make_user(scheme, agencies["substance"], Role.PRACTITIONER)
    assert not nominals_for_user(other_partner).filter(pk=nominal.pk).exists()


def test_the_spells_lead_professional_and_police_officer_join_and_leave(
    coordinator, partner, manager, scheme, nominal
):
    spell = start_membership(
        by=coordinator,
        nominal=nominal,
        scheme=scheme,
        level=scheme.levels.first(),
        start=date(2024, 1, 1),
        lead_professional=partner,
        police_officer=manager,  # any user named on the spell, even a manager
    )
    for user in (partner, manager):
        assert nominals_for_user(user).filter(pk=nominal.pk).exists()
    end_membership(by=coordinator, membership=spell, end=date(2024, 6, 1), reason="other")
    for user in (partner, manager):
        assert not nominals_for_user(user).filter(pk=nominal.pk).exists()


def test_a_change_of_lead_professional_moves_the_case(
    coordinator, partner, make_user, scheme, agencies, nominal
):
    spell = start_membership(
        by=coordinator,
        nominal=nominal,
        scheme=scheme,
        level=scheme.levels.first(),
        start=date(2024, 1, 1),
        lead_professional=partner,
    )
    successor = make_user(scheme, agencies["substance"], Role.PRACTITIONER)
    spell.lead_professional = successor
    spell.save()
    assert nominals_for_user(successor).filter(pk=nominal.pk).exists()
    assert not nominals_for_user(partner).filter(pk=nominal.pk).exists()


def test_a_partner_agency_leading_the_spell_is_on_the_team(
    coordinator, partner, scheme, agencies, nominal
):
    start_membership(
        by=coordinator,
        nominal=nominal,
        scheme=scheme,
        level=scheme.levels.first(),
        start=date(2024, 1, 1),
        lead_agency=agencies["housing"],
    )
    assert nominals_for_user(partner).filter(pk=nominal.pk).exists()


def test_a_manager_sees_case_detail_only_when_named(coordinator, manager, nominal):
    client = client_for(manager)
    assert client.get(f"/nominals/{nominal.pk}/").status_code == 404
    add_partner(by=coordinator, nominal=nominal, user=manager)
    assert client.get(f"/nominals/{nominal.pk}/").status_code == 200


def test_only_coordinators_manage_the_case_team(police, partner, coordinator, nominal):
    url = f"/nominals/{nominal.pk}/case-team/"
    add_partner(by=coordinator, nominal=nominal, user=partner)
    for user in (police, partner):
        response = client_for(user).post(url, {"action": "add", "user": user.pk})
        assert response.status_code == 403
    assert nominal.case_team_partners.count() == 1


def test_the_case_team_form_explains_mistakes(coordinator, partner, agencies, nominal):
    client = client_for(coordinator)
    url = f"/nominals/{nominal.pk}/case-team/"
    both = client.post(url, {"action": "add", "user": partner.pk, "agency": agencies["housing"].pk})
    assert both.status_code == 400
    assert "Choose either a person or an agency to add" in both.content.decode()
    client.post(url, {"action": "add", "user": partner.pk})
    again = client.post(url, {"action": "add", "user": partner.pk})
    assert again.status_code == 400 and "already on the case team" in again.content.decode()
    gone = client.post(url, {"action": "remove", "partner": "999999"})
    assert gone.status_code == 400 and "not named on this case team" in gone.content.decode()
    page = client.get(url).content.decode()
    assert "Named partner" in page and partner.get_full_name() in page


def test_a_partner_of_another_scheme_cannot_be_named(coordinator, police_elsewhere_user, nominal):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        add_partner(by=coordinator, nominal=nominal, user=police_elsewhere_user)


@pytest.fixture
def police_elsewhere_user(make_user, other_scheme):
    from iom.models import Agency

    agency = Agency.objects.create(scheme=other_scheme, name="Far housing", kind="housing")
    return make_user(other_scheme, agency, Role.PRACTITIONER)


def test_sync_is_idempotent(coordinator, partner, nominal):
    add_partner(by=coordinator, nominal=nominal, user=partner)
    sync_case_team(nominal)
    sync_case_team(nominal)
    assert GroupObjectPermission.objects.filter(object_pk=str(nominal.pk)).count() == 1
    assert Group.objects.get(name=group_name(nominal.pk)).user_set.count() == 1


@pytest.mark.parametrize("teams", [2, 12])
def test_a_partners_search_makes_a_fixed_number_of_queries(
    teams, coordinator, partner, make_nominal, django_assert_num_queries
):
    for n in range(teams):
        add_partner(by=coordinator, nominal=make_nominal("Alex", f"Teamed{n}"), user=partner)
        make_nominal("Alex", f"Hidden{n}")
    partner = get_user_model().objects.select_related("staff__agency").get(pk=partner.pk)
    with django_assert_num_queries(1):
        names = list(nominals_for_user(partner).values_list("last_name", flat=True))
    assert len(names) == teams and all(name.startswith("Teamed") for name in names)


@pytest.mark.parametrize("count", [2, 20])
def test_bulk_sync_makes_a_fixed_number_of_queries(
    count, coordinator, partner, scheme, make_nominal, django_assert_max_num_queries
):
    """For imports: spells written in bulk (no signals) are brought into step in one call."""
    from iom.case_teams import sync_case_teams
    from iom.models import Membership

    nominals = [make_nominal("Bulk", f"Imported{n}") for n in range(count)]
    Membership.objects.bulk_create(
        Membership(
            nominal=n,
            scheme=scheme,
            level=scheme.levels.first(),
            start=date(2024, 1, 1),
            lead_professional=partner,
        )
        for n in nominals
    )
    assert not nominals_for_user(partner).exists()
    with django_assert_max_num_queries(12):
        sync_case_teams(nominals)
    assert nominals_for_user(partner).count() == count


def test_moving_agency_leaves_the_old_agencys_teams(coordinator, partner, agencies, nominal):
    add_partner(by=coordinator, nominal=nominal, agency=agencies["housing"])
    assert nominals_for_user(partner).filter(pk=nominal.pk).exists()
    partner.staff.agency = agencies["substance"]
    partner.staff.save()
    partner = get_user_model().objects.select_related("staff__agency").get(pk=partner.pk)
    assert not nominals_for_user(partner).filter(pk=nominal.pk).exists()
