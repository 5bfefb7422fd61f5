"""Cohort spells through the API: co-ordinators start and end them; reads follow access."""

from datetime import date, timedelta

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from iom.codes import Role
from iom.models import Agency, Membership

LIST = "/api/v1/memberships/"
# Session auth comes first in DEFAULT_AUTHENTICATION_CLASSES, so anonymous requests get 403.
ANONYMOUS_STATUS = 401
TOMORROW = (date.today() + timedelta(days=1)).isoformat()


def api_for(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def detail(spell):
    return f"{LIST}{spell.pk}/"


def end_of(spell):
    return f"{LIST}{spell.pk}/end/"


def spell_for(nominal, start=date(2024, 1, 1), end=None, **extra):
    return Membership.objects.create(
        nominal=nominal,
        scheme=nominal.scheme,
        level=nominal.scheme.levels.get(code="iom"),
        start=start,
        end=end,
        exit_reason="moved-area" if end else "",
        **extra,
    )


@pytest.fixture
def nominal(make_nominal):
    return make_nominal()


@pytest.fixture
def start_data(nominal, agencies, probation, police):
    return {
        "nominal": nominal.pk,
        "level": "ppo",
        "start": "2025-02-03",
        "area": "S",
        "lead_agency": agencies["probation"].pk,
        "lead_professional": "probation",
        "police_officer": "police",
    }


def test_coordinator_starts_a_spell(coordinator, nominal, start_data, scheme):
    client = api_for(coordinator)

    response = client.post(LIST, start_data, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["scheme"] == "testshire"
    assert (body["level"], body["start"], body["area"]) == ("ppo", "2025-02-03", "S")
    assert (body["lead_professional"], body["police_officer"]) == ("probation", "police")
    assert body["end"] is None and body["created_by"] == "coordinator"
    spell = Membership.objects.get(pk=body["id"])
    assert spell.scheme == scheme and spell.nominal == nominal
    current = client.get(f"/api/v1/nominals/{nominal.pk}/").json()["current_membership"]
    assert current == {"id": spell.pk, "level": "ppo", "start": "2025-02-03"}


def test_area_defaults_to_the_nominals(coordinator, nominal):
    response = api_for(coordinator).post(
        LIST, {"nominal": nominal.pk, "level": "iom", "start": "2025-01-01"}, format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["area"] == nominal.area.code


def test_second_open_spell_is_400(coordinator, nominal, start_data):
    spell_for(nominal)

    response = api_for(coordinator).post(LIST, start_data, format="json")

    assert response.status_code == 400
    assert "already a member" in response.json()["nominal"][0]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"level": "gold"}, "level", "No level with code 'gold' in your scheme"),
        ({"area": "Z"}, "area", "No area with code 'Z' in your scheme"),
        ({"lead_agency": 999999}, "lead_agency", "No agency with id 999999 in your scheme"),
        ({"lead_agency": "probation"}, "lead_agency", "Enter the agency id as a number"),
        ({"lead_professional": "nobody"}, "lead_professional", "No member of staff"),
        ({"police_officer": "probation"}, "police_officer", "No police officer"),
        ({"nominal": 999999}, "nominal", "No nominal with id 999999"),
        ({"start": "03/02/2025"}, "start", "Date has wrong format"),
        ({"start": None}, "start", "may not be null"),
        ({"lead_officer": "police"}, "lead_officer", "Unknown field"),
    ],
)
def test_bad_start_is_400_naming_the_field(coordinator, start_data, changes, field, message):
    response = api_for(coordinator).post(LIST, {**start_data, **changes}, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert not Membership.objects.exists()


def test_agency_and_staff_of_another_scheme_are_refused(
    coordinator, start_data, other_scheme, make_user
):
    agency = Agency.objects.create(scheme=other_scheme, name="Elsewhere police", kind="police")
    make_user(other_scheme, agency, Role.POLICE_OFFICER, "farcop")

    response = api_for(coordinator).post(
        LIST, {**start_data, "lead_agency": agency.pk, "police_officer": "farcop"}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"lead_agency", "police_officer"}


def test_coordinator_ends_a_spell(coordinator, nominal):
    spell = spell_for(nominal)

    response = api_for(coordinator).post(
        end_of(spell),
        {"end": "2025-06-30", "exit_reason": "not-reoffended", "exit_notes": "Six-month review"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["end"] == "2025-06-30"
    assert response.json()["exit_reason"] == "not-reoffended"
    spell.refresh_from_db()
    assert (spell.end, spell.exit_notes) == (date(2025, 6, 30), "Six-month review")


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"end": "2025-06-30", "exit_reason": "bored"}, "exit_reason", "Unknown exit reason"),
        ({"end": "2025-06-30"}, "exit_reason", "required"),
        ({"end": "2023-12-31", "exit_reason": "other"}, "end", "on or after the start"),
        ({"end": TOMORROW, "exit_reason": "other"}, "end", "cannot be in the future"),
        ({"end": "soon", "exit_reason": "other"}, "end", "Date has wrong format"),
    ],
)
def test_bad_end_is_400_naming_the_field(coordinator, nominal, data, field, message):
    spell = spell_for(nominal)

    response = api_for(coordinator).post(end_of(spell), data, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert message in response.json()[field][0]
    spell.refresh_from_db()
    assert spell.end is None


def test_ending_an_ended_spell_is_400(coordinator, nominal):
    spell = spell_for(nominal, end=date(2024, 6, 1))

    response = api_for(coordinator).post(
        end_of(spell), {"end": "2024-07-01", "exit_reason": "other"}, format="json"
    )

    assert response.status_code == 400
    assert "already ended on 01 Jun 2024" in response.json()["end"][0]


@pytest.mark.parametrize("who", ["police", "probation", "partner", "manager"])
def test_only_coordinators_start_and_end_spells(request, who, nominal, make_nominal, start_data):
    other = make_nominal("Not", "Yet")
    spell = spell_for(nominal)
    client = api_for(request.getfixturevalue(who))

    response = client.post(LIST, {**start_data, "nominal": other.pk}, format="json")
    assert response.status_code == 403
    assert "co-ordinators" in response.json()["detail"]
    response = client.post(end_of(spell), {"end": "2024-06-01", "exit_reason": "other"})
    assert response.status_code == 403
    assert list(Membership.objects.values_list("pk", "end")) == [(spell.pk, None)]


def test_filters(police, make_nominal):
    first, second = make_nominal("First", "One"), make_nominal("Second", "Two")
    closed = spell_for(first, start=date(2020, 1, 1), end=date(2021, 1, 1))
    open_first = spell_for(first, start=date(2024, 1, 1))
    open_second = spell_for(second)
    client = api_for(police)

    def ids(params):
        response = client.get(LIST, params)
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    assert ids({}) == {closed.pk, open_first.pk, open_second.pk}
    assert ids({"nominal": first.pk}) == {closed.pk, open_first.pk}
    assert ids({"open": "true"}) == {open_first.pk, open_second.pk}
    assert ids({"open": "false"}) == {closed.pk}
    assert ids({"nominal": first.pk, "open": "true"}) == {open_first.pk}
    assert ids({"scheme": "testshire"}) == {closed.pk, open_first.pk, open_second.pk}
    assert ids({"scheme": "elsewhere"}) == set()


@pytest.mark.parametrize(
    "params, field", [({"open": "perhaps"}, "open"), ({"nominal": "abc"}, "nominal")]
)
def test_bad_filter_is_400(police, params, field):
    response = api_for(police).get(LIST, params)

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_partner_sees_only_spells_of_their_cases(partner, agencies, make_nominal):
    theirs = spell_for(make_nominal("Their", "Case"), lead_agency=agencies["housing"])
    other = spell_for(make_nominal("Other", "Case"), lead_agency=agencies["probation"])
    client = api_for(partner)

    assert [row["id"] for row in client.get(LIST).json()["results"]] == [theirs.pk]
    assert client.get(LIST, {"nominal": other.nominal_id}).json()["results"] == []
    assert client.get(detail(theirs)).status_code == 200
    assert client.get(detail(other)).status_code == 404


def test_coordinator_cannot_start_a_spell_for_another_schemes_nominal(
    coordinator, make_nominal, other_scheme
):
    elsewhere = make_nominal("Far", "Away", scheme=other_scheme, area=None)

    response = api_for(coordinator).post(
        LIST, {"nominal": elsewhere.pk, "level": "iom", "start": "2025-01-01"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"nominal": [f"No nominal with id {elsewhere.pk}"]}


@pytest.mark.parametrize(
    "method, path",
    [("get", LIST), ("post", LIST), ("get", "detail"), ("post", "end")],
)
def test_anonymous_is_refused(nominal, method, path):
    spell = spell_for(nominal)
    path = {"detail": detail(spell), "end": end_of(spell)}.get(path, path)

    response = getattr(APIClient(), method)(path, {"end": "2025-01-01", "exit_reason": "other"})

    assert response.status_code == ANONYMOUS_STATUS
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    spell.refresh_from_db()
    assert spell.end is None


@pytest.mark.parametrize("count", [3, 30])
def test_list_makes_fixed_number_of_queries(
    coordinator, make_nominal, agencies, police, probation, django_assert_max_num_queries, count
):
    for n in range(count):
        spell_for(
            make_nominal("Sam", f"Member{n:02d}"),
            lead_agency=agencies["probation"],
            lead_professional=probation,
            police_officer=police,
            created_by=coordinator,
        )
    client = api_for(coordinator)

    # token, staff profile, agency, count, page
    with django_assert_max_num_queries(5):
        response = client.get(LIST, {"open": "true"})

    rows = response.json()["results"]
    assert len(rows) == count
    assert all(row["police_officer"] == "police" and row["level"] == "iom" for row in rows)
