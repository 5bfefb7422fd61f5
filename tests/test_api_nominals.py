"""The nominals API: list, search, create, read, update; who may do which."""

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from iom.codes import Role
from iom.identifiers import pnc_check_letter
from iom.models import Alias, Membership, Nominal

LIST = "/api/v1/nominals/"
# Session auth comes first in DEFAULT_AUTHENTICATION_CLASSES, so DRF has no WWW-Authenticate
# challenge to send and answers anonymous requests 403 rather than 401.
ANONYMOUS_STATUS = 401


def api_for(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def detail(nominal):
    return f"/api/v1/nominals/{nominal.pk}/"


def pnc(year, serial):
    return f"{year}/{serial:07d}{pnc_check_letter(year, serial)}"


def names(response):
    return [row["last_name"] for row in response.json()["results"]]


def join(nominal, level_code="iom", **team):
    return Membership.objects.create(
        nominal=nominal,
        scheme=nominal.scheme,
        level=nominal.scheme.levels.get(code=level_code),
        start=date(2024, 1, 1),
        **team,
    )


VALID = {
    "first_names": "Jordan Lee",
    "last_name": "Sample",
    "date_of_birth": "1991-05-04",
    "gender": "male",
    "pnc_id": "12/1H",
    "crn": "x552020",
    "area": "N",
    "aliases": ["JJ Sample", "Jordan Samples"],
    "is_ppo": True,
    "mappa_level": 1,
    "primary_substance": "Heroin",
}


def test_create_stores_canonical_identifiers_in_own_scheme(police, scheme):
    response = api_for(police).post(LIST, VALID, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["pnc_id"] == "2012/0000001H"
    assert body["crn"] == "X552020"
    assert body["area"] == "N"
    assert body["aliases"] == ["JJ Sample", "Jordan Samples"]
    assert body["current_membership"] is None
    assert body["is_ppo"] is True and body["mappa_level"] == 1
    nominal = Nominal.objects.get(pk=body["id"])
    assert nominal.scheme == scheme
    assert nominal.pnc_id == "2012/0000001H"
    assert nominal.created_by == police


def test_read_shows_model_fields_and_current_membership(police, make_nominal):
    nominal = make_nominal(pnc_id="12/1H", crn="X552020")
    Alias.objects.create(nominal=nominal, name="Al Example")
    spell = join(nominal, "ppo")

    body = api_for(police).get(detail(nominal)).json()

    assert body["id"] == nominal.pk
    assert body["first_names"] == "Alex" and body["last_name"] == "Example"
    assert body["date_of_birth"] == "1990-03-27"
    assert body["aliases"] == ["Al Example"]
    assert body["current_membership"] == {"id": spell.pk, "level": "ppo", "start": "2024-01-01"}
    assert set(body) >= {"gender", "address", "contact_number", "created_at", "updated_at"}


@pytest.mark.parametrize("typed", ["12/1H", "2012/0000001H", "120000001h", "2012/1H"])
def test_pnc_typed_short_is_stored_canonical_and_found_either_way(police, typed):
    client = api_for(police)
    created = client.post(LIST, {**VALID, "pnc_id": "12/1H"}, format="json").json()
    assert created["pnc_id"] == "2012/0000001H"

    response = client.get(LIST, {"q": typed})

    assert [row["id"] for row in response.json()["results"]] == [created["id"]]


def test_search_by_misspelt_name_alias_crn_and_dob(police, make_nominal):
    smith = make_nominal("John", "Smith", crn="X552020")
    make_nominal("Mary", "Jones", dob=date(1985, 1, 2))
    Alias.objects.create(nominal=smith, name="Johnny Blade")
    client = api_for(police)

    assert names(client.get(LIST, {"q": "Jon Smyth"})) == ["Smith"]
    assert names(client.get(LIST, {"q": "johnny blade"})) == ["Smith"]
    assert names(client.get(LIST, {"q": "x552020"})) == ["Smith"]
    assert names(client.get(LIST, {"dob": "1985-01-02"})) == ["Jones"]
    assert names(client.get(LIST)) == ["Jones", "Smith"]


def test_bad_dob_filter_is_400_naming_it(police):
    response = api_for(police).get(LIST, {"dob": "27/03/1990"})

    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["dob"][0]


def test_list_is_paginated(police, make_nominal):
    for n in range(3):
        make_nominal("Pat", f"Person{n}")

    body = api_for(police).get(LIST, {"limit": 2}).json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"pnc_id": "12/1A"}, "pnc_id", "should be H"),
        ({"pnc_id": "ABC"}, "pnc_id", "Enter a PNC ID"),
        ({"crn": "552020"}, "crn", "one letter and six digits"),
        ({"date_of_birth": "1990-02-30"}, "date_of_birth", "Date has wrong format"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth", "cannot be in the future"),
        ({"area": "Z"}, "area", "No area with code 'Z'"),
        ({"gender": "x"}, "gender", "not a valid choice"),
        ({"mappa_level": 5}, "mappa_level", "not a valid choice"),
        ({"last_name": ""}, "last_name", "may not be blank"),
        ({"aliases": "Just one"}, "aliases", "Expected a list"),
        ({"nick_name": "Al"}, "nick_name", "Unknown field"),
    ],
)
def test_create_rejects_bad_field(police, changes, field, message):
    response = api_for(police).post(LIST, {**VALID, **changes}, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert not Nominal.objects.exists()


def test_400_names_every_bad_field_at_once(police):
    data = {**VALID, "pnc_id": "12/1A", "date_of_birth": "not a date", "crn": "12"}
    del data["first_names"]

    errors = api_for(police).post(LIST, data, format="json").json()

    assert set(errors) == {"pnc_id", "date_of_birth", "crn", "first_names"}
    assert "should be H" in errors["pnc_id"][0]


def test_identifier_already_recorded_is_400(police, make_nominal):
    existing = make_nominal(pnc_id="2012/0000001H")

    response = api_for(police).post(LIST, {**VALID, "crn": ""}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "pnc_id": [f"PNC ID 2012/0000001H is already recorded for nominal {existing.pk}"]
    }


def test_patch_updates_fields_and_replaces_aliases(probation, make_nominal):
    nominal = make_nominal()
    Alias.objects.create(nominal=nominal, name="Old Name")

    response = api_for(probation).patch(
        detail(nominal),
        {"address": "1 New Street", "aliases": ["New Name"], "pnc_id": "12/1h", "area": "S"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    nominal.refresh_from_db()
    assert nominal.address == "1 New Street"
    assert nominal.pnc_id == "2012/0000001H"
    assert nominal.area.code == "S"
    assert nominal.updated_by == probation
    assert response.json()["aliases"] == ["New Name"]


def test_record_read_changed_and_put_back(police, make_nominal):
    nominal = make_nominal(pnc_id="12/1H")
    client = api_for(police)
    record = client.get(detail(nominal)).json()

    response = client.put(detail(nominal), {**record, "address": "2 Moved Road"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["address"] == "2 Moved Road"
    assert response.json()["pnc_id"] == "2012/0000001H"


def test_put_replaces_record_and_requires_names(police, make_nominal):
    nominal = make_nominal()
    client = api_for(police)

    assert (
        client.put(detail(nominal), {**VALID, "last_name": "Renamed"}, format="json").json()[
            "last_name"
        ]
        == "Renamed"
    )
    response = client.put(detail(nominal), {"address": "x"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"first_names", "last_name", "date_of_birth"}


def test_partner_off_the_case_team_cannot_find_the_nominal(partner, make_nominal):
    hidden = make_nominal("Hidden", "Person")
    client = api_for(partner)

    assert client.get(detail(hidden)).status_code == 404
    assert client.patch(detail(hidden), {"address": "x"}, format="json").status_code == 404
    assert client.get(LIST).json()["results"] == []
    assert client.get(LIST, {"q": "Hidden Person"}).json()["results"] == []


def test_partner_on_the_case_team_sees_the_nominal(partner, agencies, make_nominal):
    nominal = make_nominal("Shown", "Person")
    make_nominal("Hidden", "Person")
    join(nominal, lead_agency=agencies["housing"])
    client = api_for(partner)

    assert client.get(detail(nominal)).status_code == 200
    assert names(client.get(LIST, {"q": "person"})) == ["Person"]


def test_nominal_of_another_scheme_is_404(police, make_nominal, other_scheme):
    elsewhere = make_nominal("Far", "Away", scheme=other_scheme, area=None)

    assert api_for(police).get(detail(elsewhere)).status_code == 404


def test_manager_may_not_write(manager, make_nominal):
    nominal = make_nominal()
    client = api_for(manager)

    response = client.post(LIST, VALID, format="json")
    assert response.status_code == 403
    assert "may view records" in response.json()["detail"]
    assert client.patch(detail(nominal), {"address": "x"}, format="json").status_code == 403
    assert client.put(detail(nominal), VALID, format="json").status_code == 403
    assert Nominal.objects.count() == 1


@pytest.mark.parametrize(
    "method, path",
    [("get", LIST), ("post", LIST), ("get", "{}"), ("put", "{}"), ("patch", "{}")],
)
def test_anonymous_is_refused(db, make_nominal, method, path):
    path = path.format(detail(make_nominal()))

    response = getattr(APIClient(), method)(path, VALID, format="json")

    assert response.status_code == ANONYMOUS_STATUS
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_signed_in_user_without_staff_profile_is_refused(db):
    outsider = get_user_model().objects.create_user("outsider", password="x")

    response = api_for(outsider).get(LIST)

    assert response.status_code == 403
    assert "not linked to an agency" in response.json()["detail"]


def test_token_from_drf_create_token_authenticates(police, make_nominal):
    make_nominal()
    out = io.StringIO()

    call_command("drf_create_token", "police", stdout=out)

    key = out.getvalue().split()[2]
    assert Token.objects.get(user=police).key == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get(LIST)
    assert response.status_code == 200
    assert response.json()["count"] == 1
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(LIST).status_code == ANONYMOUS_STATUS


def _make_many(make_nominal, count, agencies):
    for n in range(count):
        nominal = make_nominal("Chris", f"Tester{n:02d}", pnc_id=pnc(2010, n + 1))
        Alias.objects.create(nominal=nominal, name=f"Alias Tester{n:02d}")
        join(nominal, lead_agency=agencies["housing"])


@pytest.mark.parametrize("params", [{}, {"q": "chris tester"}, {"dob": "1990-03-27"}])
@pytest.mark.parametrize("count", [3, 30])
def test_list_and_search_make_fixed_number_of_queries(
    police, make_nominal, agencies, django_assert_max_num_queries, params, count
):
    _make_many(make_nominal, count, agencies)
    client = api_for(police)

    # token, staff profile, agency, access log, count, page, current spells, aliases
    with django_assert_max_num_queries(8):
        response = client.get(LIST, params)

    assert response.json()["count"] == count
    assert all(row["current_membership"]["level"] == "iom" for row in response.json()["results"])
    assert all(row["aliases"] for row in response.json()["results"])


@pytest.mark.parametrize("count", [3, 30])
def test_partner_list_makes_fixed_number_of_queries(
    partner, make_nominal, agencies, django_assert_max_num_queries, count
):
    _make_many(make_nominal, count, agencies)
    client = api_for(partner)

    with django_assert_max_num_queries(8):
        response = client.get(LIST)

    assert response.json()["count"] == count


def test_roles_that_record_may_create(make_user, scheme, agencies):
    practitioner = make_user(scheme, agencies["substance"], Role.PRACTITIONER)

    response = api_for(practitioner).post(LIST, {**VALID, "pnc_id": "", "crn": ""}, format="json")

    assert response.status_code == 201
    assert response.json()["pnc_id"] is None
    assert Nominal.objects.get(pk=response.json()["id"]).created_by == practitioner


def test_unknown_id_is_404(police):
    assert api_for(police).get(f"{LIST}999999/").status_code == 404
    assert api_for(police).get(f"{LIST}abc/").status_code == 404


def test_date_of_birth_today_is_not_future(police):
    response = api_for(police).post(
        LIST, {**VALID, "date_of_birth": date.today().isoformat(), "pnc_id": ""}, format="json"
    )

    assert response.status_code == 201
