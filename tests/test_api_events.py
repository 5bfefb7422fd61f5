"""A nominal's events through the API: rules per kind, who reads intelligence text."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from iom.access import can_read_intelligence_text
from iom.codes import AgencyKind, Role
from iom.models import Event, Membership
from iom.services.events import record_event

# Session auth comes first in DEFAULT_AUTHENTICATION_CLASSES, so anonymous requests get 403.
ANONYMOUS_STATUS = 401
TODAY = date.today()
LAST_WEEK = (TODAY - timedelta(days=7)).isoformat()
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()
TOMORROW = (TODAY + timedelta(days=1)).isoformat()


def api_for(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def events_of(nominal):
    return f"/api/v1/nominals/{nominal.pk}/events/"


@pytest.fixture
def nominal(make_nominal):
    return make_nominal()


def put_on_case_team(nominal, agency):
    Membership.objects.create(
        nominal=nominal,
        scheme=nominal.scheme,
        level=nominal.scheme.levels.first(),
        start=date(2024, 1, 1),
        lead_agency=agency,
    )


def intelligence(nominal, by, handling_code, summary="Seen with stolen goods"):
    values = {"date": TODAY - timedelta(days=2), "grade": "B2", "handling_code": handling_code}
    return record_event(
        by=by, nominal=nominal, kind="intelligence", values={**values, "summary": summary}
    )


def test_police_record_an_arrest(police, nominal):
    response = api_for(police).post(
        events_of(nominal),
        {"kind": "arrest", "date": YESTERDAY, "offence": "burglary-dwelling", "outcome": "bailed"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind"] == "arrest"
    assert body["offence"] == "burglary-dwelling"
    assert body["recorded_by"] == "police"
    assert body["grade"] is None
    assert body["text_withheld"] is False
    event = Event.objects.get(pk=body["id"])
    assert event.nominal == nominal and event.recorded_by == police


def test_grade_and_handling_code_typed_in_lower_case(probation, nominal):
    response = api_for(probation).post(
        events_of(nominal),
        {"kind": "intelligence", "date": YESTERDAY, "grade": "1a", "handling_code": "p"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert (response.json()["grade"], response.json()["handling_code"]) == ("1A", "P")


def test_list_is_newest_first(police, nominal):
    client = api_for(police)
    for day, offence in ((LAST_WEEK, "shoplifting"), (YESTERDAY, "robbery")):
        client.post(
            events_of(nominal),
            {"kind": "conviction", "date": day, "offence": offence},
            format="json",
        )
    client.post(events_of(nominal), {"kind": "breach", "date": LAST_WEEK}, format="json")

    rows = client.get(events_of(nominal)).json()["results"]

    assert [(r["date"], r["kind"]) for r in rows] == [
        (YESTERDAY, "conviction"),
        (LAST_WEEK, "breach"),
        (LAST_WEEK, "conviction"),
    ]


@pytest.mark.parametrize(
    "data, messages",
    [
        ({"kind": "arrest", "date": YESTERDAY}, {"offence": "Enter the offence of the arrest"}),
        (
            {"kind": "arrest", "date": YESTERDAY, "offence": "theft-other", "grade": "B2"},
            {"grade": "An arrest does not have a grade"},
        ),
        (
            {"kind": "charge", "date": TOMORROW, "offence": "fraud"},
            {"date": "The date cannot be in the future"},
        ),
        (
            {"kind": "intelligence", "date": YESTERDAY, "grade": "Z9", "handling_code": "P"},
            {"grade": "Enter a grade as 5x5x5"},
        ),
        (
            {"kind": "conviction", "date": YESTERDAY, "offence": "jaywalking"},
            {"offence": "Unknown offence 'jaywalking'"},
        ),
        ({"kind": "picnic", "date": YESTERDAY}, {"kind": "Choose a kind of event"}),
        (
            {"kind": "wanted", "date": YESTERDAY, "wanted_type": "warrant", "end_date": LAST_WEEK},
            {"end_date": "must be the same as or after the date"},
        ),
        (
            {"kind": "charge", "date": LAST_WEEK, "offence": "abh", "offence_date": YESTERDAY},
            {"offence_date": "on or before the date of the charge"},
        ),
        (
            {"kind": "intelligence", "date": YESTERDAY, "grade": "B2", "handling_code": "X"},
            {"handling_code": "Unknown handling code 'X'"},
        ),
        (
            {"kind": "engagement", "date": YESTERDAY, "service": "treatment"},
            {"status": "Enter the status of the engagement"},
        ),
        ({"kind": "breach", "date": "31/12/2024"}, {"date": "Date has wrong format"}),
        ({"kind": "breach", "date": YESTERDAY, "offense": "abh"}, {"offense": "Unknown field"}),
        (
            {"kind": "supervision", "date": YESTERDAY, "order_type": "CO", "statutory": "maybe"},
            {"statutory": "Must be a valid boolean"},
        ),
        (
            {"kind": "arrest", "date": TOMORROW, "offence": "robbery", "outcome": "freed"},
            {
                "date": "cannot be in the future",
                "outcome": "Unknown outcome 'freed': use one of bailed, charged, nfa, rui",
            },
        ),
    ],
)
def test_bad_event_is_400_naming_each_field(police, nominal, data, messages):
    response = api_for(police).post(events_of(nominal), data, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == set(messages)
    for field, message in messages.items():
        assert message in errors[field][0]
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "reader, handling_code, sees_text",
    [
        ("police", "C", True),
        ("coordinator", "C", True),
        ("probation", "C", False),
        ("partner", "C", False),
        ("police", "P", True),
        ("probation", "P", True),
        ("partner", "P", True),
    ],
)
def test_intelligence_text_by_handling_code(
    request, police, agencies, nominal, reader, handling_code, sees_text
):
    put_on_case_team(nominal, agencies["housing"])
    intelligence(nominal, police, handling_code)

    row = api_for(request.getfixturevalue(reader)).get(events_of(nominal)).json()["results"][0]

    assert row["grade"] == "B2" and row["date"]
    assert row["text_withheld"] is (not sees_text)
    assert row["summary"] == ("Seen with stolen goods" if sees_text else None)


@pytest.mark.parametrize(
    "kind, handling_code, agency_kind, expected",
    [
        ("intelligence", "C", AgencyKind.POLICE, True),
        ("intelligence", "C", AgencyKind.PROBATION_NPS, False),
        ("intelligence", "C", AgencyKind.HOUSING, False),
        ("intelligence", "P", AgencyKind.HOUSING, True),
        ("arrest", "", AgencyKind.HOUSING, True),
        ("intelligence", "C", None, False),
    ],
)
def test_can_read_intelligence_text(kind, handling_code, agency_kind, expected):
    staff = (
        None if agency_kind is None else SimpleNamespace(agency=SimpleNamespace(kind=agency_kind))
    )
    user = SimpleNamespace(is_authenticated=True, is_active=True, staff=staff)
    event = SimpleNamespace(kind=kind, handling_code=handling_code)

    assert can_read_intelligence_text(user, event) is expected


def test_partner_off_the_case_team_gets_404(partner, police, nominal):
    intelligence(nominal, police, "P")
    client = api_for(partner)

    assert client.get(events_of(nominal)).status_code == 404
    response = client.post(events_of(nominal), {"kind": "breach", "date": YESTERDAY})
    assert response.status_code == 404
    assert Event.objects.count() == 1


def test_partner_on_the_case_team_may_record(partner, agencies, nominal):
    put_on_case_team(nominal, agencies["housing"])

    response = api_for(partner).post(
        events_of(nominal),
        {"kind": "engagement", "date": YESTERDAY, "service": "treatment", "status": "engaging"},
        format="json",
    )

    assert response.status_code == 201, response.json()


def test_manager_may_read_but_not_record(make_user, scheme, agencies, nominal):
    manager = make_user(scheme, agencies["housing"], Role.MANAGER)
    put_on_case_team(nominal, agencies["housing"])
    client = api_for(manager)

    assert client.get(events_of(nominal)).status_code == 200
    response = client.post(events_of(nominal), {"kind": "breach", "date": YESTERDAY})
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_unknown_nominal_is_404(police):
    assert api_for(police).get("/api/v1/nominals/999999/events/").status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_refused(nominal, method):
    response = getattr(APIClient(), method)(events_of(nominal))

    assert response.status_code == ANONYMOUS_STATUS
    assert response.json() == {"detail": "Authentication credentials were not provided."}


@pytest.mark.parametrize("count", [3, 30])
def test_list_makes_fixed_number_of_queries(
    probation, police, nominal, django_assert_max_num_queries, count
):
    for n in range(count):
        intelligence(nominal, police, "C" if n % 2 else "P", summary=f"Report {n}")
    client = api_for(probation)

    # token, staff profile, agency, nominal, access log, count, page (with who recorded each)
    with django_assert_max_num_queries(7):
        response = client.get(events_of(nominal), {"limit": 100})

    rows = response.json()["results"]
    assert len(rows) == count
    assert all(row["recorded_by"] == "police" for row in rows)
