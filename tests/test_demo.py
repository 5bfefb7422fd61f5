"""manage.py seed_demo: the synthetic Demoshire scheme that the launcher seeds on first start."""

import random
import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from iom.access import nominals_for_user
from iom.codes import AgencyKind, EventKind, Role
from iom.demo.history import make_history
from iom.demo.people import make_people
from iom.event_rules import ALL_EVENT_FIELDS, grading_system, validate_event
from iom.identifiers import normalise_crn, normalise_pnc
from iom.models import Alias, Event, Membership, Nominal, Scheme, StaffProfile

NOMINALS = 30
TODAY = date(2025, 6, 30)


@pytest.fixture
def seeded(db, settings, tmp_path):
    """Seed once per test; a fast hasher keeps seven password hashes cheap, and the demo's
    report PDF goes to a temporary folder."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("seed_demo", "--nominals", str(NOMINALS), "--seed", "7", "--no-report", stdout=out)
    return out.getvalue()


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Scheme, Nominal, Alias, Event, Membership, StaffProfile, get_user_model())
    }


def test_builds_the_demoshire_scheme_with_every_agency_kind(seeded):
    scheme = Scheme.objects.get(slug="demoshire")
    assert scheme.name == "Demoshire IOM"
    assert scheme.policy == Scheme.Policy.DERBYSHIRE_2015
    assert scheme.areas.count() == 4
    assert len(set(scheme.areas.values_list("code", flat=True))) == 4
    assert set(scheme.levels.values_list("code", flat=True)) == {"ppo", "iom"}
    assert set(scheme.agencies.values_list("kind", flat=True)) == set(AgencyKind.values)


def test_one_demo_user_per_role_and_a_housing_partner(seeded):
    profiles = StaffProfile.objects.filter(scheme__slug="demoshire").select_related(
        "user", "agency"
    )
    assert {p.role for p in profiles} == set(Role.values)
    admin = profiles.get(role=Role.ADMINISTRATOR).user
    assert admin.is_staff and admin.is_superuser
    assert not profiles.exclude(role=Role.ADMINISTRATOR).filter(user__is_superuser=True).exists()
    housing = profiles.filter(agency__kind=AgencyKind.HOUSING, role=Role.PRACTITIONER)
    assert housing.count() == 1


def test_prints_the_sign_ins_once_and_each_user_can_sign_in(seeded, client):
    password = re.search(r"^Password: (\S+)$", seeded, re.MULTILINE).group(1)
    assert len(password) >= 16
    assert seeded.count(password) == 1
    usernames = list(
        StaffProfile.objects.filter(scheme__slug="demoshire").values_list("user__username", "role")
    )
    assert len(usernames) == 7
    assert re.search(r"^\| Username\s+\| Role\s+\| Agency\s+\|$", seeded, re.MULTILINE)
    for username, role in usernames:
        assert re.search(rf"^\| {re.escape(username)}\s+\| {Role(role).label}\s+\|", seeded, re.M)
        client.logout()
        response = client.post("/sign-in/", {"username": username, "password": password})
        assert response.status_code == 302, f"{username} could not sign in"
        assert "/sign-in/" not in response["Location"]
    client.logout()
    refused = client.post(
        "/sign-in/", {"username": usernames[0][0], "password": "not-the-password-at-all"}
    )
    assert refused.status_code == 200 and "_auth_user_id" not in client.session


def test_nominals_have_canonical_identifiers_and_the_flags_that_exclude(seeded):
    nominals = list(Nominal.objects.all())
    assert len(nominals) == NOMINALS
    for nominal in nominals:
        assert normalise_pnc(nominal.pnc_id) == nominal.pnc_id
        assert re.fullmatch(r"\d{4}/\d{7}[A-Z]", nominal.pnc_id)
        if nominal.crn:
            assert normalise_crn(nominal.crn) == nominal.crn
        expected = f"{nominal.first_names} {nominal.last_name}".lower()
        assert nominal.search_name == expected  # computed by PostgreSQL
    assert any(n.is_ppo for n in nominals)
    assert any(n.mappa_level for n in nominals)
    assert any(n.current_sex_offender for n in nominals)
    today = timezone.localdate()
    eighteen_years_ago = today - timedelta(days=18 * 365)
    assert any(n.date_of_birth > eighteen_years_ago for n in nominals)
    assert Alias.objects.exists()


def test_histories_use_every_event_kind_within_the_rules(seeded):
    today = timezone.localdate()
    events = list(Event.objects.all())
    assert {e.kind for e in events} == set(EventKind.values)
    for event in events:
        values = {field: getattr(event, field) for field in ALL_EVENT_FIELDS}
        assert validate_event(event.kind, values, today) == {}, (event.kind, values)
        assert event.date >= today - timedelta(days=3 * 366)
    intelligence = [e for e in events if e.kind == EventKind.INTELLIGENCE]
    assert {grading_system(e.grade) for e in intelligence} == {"5x5x5", "3x5x2"}
    assert {e.handling_code for e in intelligence} == {"P", "C"}
    inside = [e for e in events if e.kind == EventKind.CUSTODY and e.end_date is None]
    assert any(today < e.expected_release <= today + timedelta(weeks=8) for e in inside)
    assert any(e.kind == EventKind.WANTED and e.end_date is None for e in events)


def test_cohort_spells_name_level_lead_and_police_officer(seeded):
    members = Nominal.objects.filter(memberships__isnull=False).distinct()
    referred = members.filter(memberships__referral__isnull=False).count()
    assert abs(members.count() - referred - round(NOMINALS * 2 / 3)) <= 2
    spells = Membership.objects.select_related("lead_professional__staff", "level")
    # Registered automatically today: the lead is for the next panel to set.
    awaiting_lead = spells.filter(start=timezone.localdate(), lead_agency__isnull=True)
    assert all(spell.referral.decision == "automatic" for spell in awaiting_lead)
    for spell in spells.exclude(pk__in=awaiting_lead.values("pk")):
        assert spell.lead_agency_id and spell.police_officer_id and spell.lead_professional_id
        assert spell.lead_professional.staff.agency_id == spell.lead_agency_id
        assert spell.police_officer.staff.role == Role.POLICE_OFFICER
        assert spell.level.code == ("ppo" if spell.nominal.is_ppo else "iom")
    excluded = members.filter(current_sex_offender=True) | members.filter(mappa_level__gte=2)
    assert not excluded.exists()
    assert spells.filter(end__isnull=False).exclude(exit_reason="").exists()
    assert spells.filter(end__isnull=True).exists()
    rejoined = Membership.objects.values("nominal").annotate(n=Count("id")).filter(n__gt=1)
    assert all(row["n"] == 2 for row in rejoined)


def test_every_demo_user_sees_pages_and_partners_see_only_their_cases(seeded, client):
    staff = StaffProfile.objects.filter(scheme__slug="demoshire").select_related("user")
    for profile in staff:
        client.force_login(profile.user)
        visible = nominals_for_user(profile.user)
        assert client.get("/").status_code == 200, profile.user.username
        first = visible.first()
        if first is not None:
            response = client.get(f"/nominals/{first.pk}/")
            assert response.status_code == 200, profile.user.username
    partner = staff.get(user__username="demo.housing").user
    assert 0 < nominals_for_user(partner).count() < NOMINALS


def test_if_empty_changes_nothing_and_a_second_plain_run_is_refused(seeded):
    before = _counts()
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "already exists; nothing to do" in out.getvalue()
    assert "Password" not in out.getvalue()
    with pytest.raises(CommandError, match="already exists"):
        call_command("seed_demo", stdout=StringIO())
    assert _counts() == before


def test_refuses_outside_demo_mode(db, settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="IOM_DEMO=1"):
        call_command("seed_demo", stdout=StringIO())
    assert not Scheme.objects.exists()


def _generate(seed, count=300):
    rng = random.Random(seed)
    people = make_people(rng, count, TODAY)
    return people, [make_history(rng, person, TODAY, "Northbrook") for person in people]


def test_the_same_seed_gives_the_same_people_and_histories():
    assert _generate(5, 40) == _generate(5, 40)
    assert _generate(5, 40) != _generate(6, 40)


def test_a_few_prolific_nominals_carry_most_offending():
    _, histories = _generate(1)
    offending = sorted(
        (sum(e["kind"] in ("arrest", "charge", "conviction") for e in h) for h in histories),
        reverse=True,
    )
    top_fifth = sum(offending[: len(offending) // 5])
    assert top_fifth > 0.5 * sum(offending)
