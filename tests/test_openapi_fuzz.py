"""Schemathesis against the app's own schema, as a co-ordinator with an API token: no 5xx, and
every answer's status code and body are the ones the schema documents."""

from datetime import date, timedelta

import pytest
import schemathesis
from django.core.signals import request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from iom.codes import EventKind
from iom.services.events import record_event
from iom.services.memberships import start_membership
from iom.wsgi import application
from performance.report_data import ReportFilters
from performance.reports import request_report
from referrals.services import submit_referral
from tasking.services import add_attendance, create_meeting

METHODS = {"get", "post", "put", "patch", "delete"}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def cohort(scheme, agencies, coordinator, police, probation, make_nominal):
    """A little of everything, so lists answer real rows."""
    today = date.today()
    for n in range(3):
        nominal = make_nominal(first_names=f"Fuzz{n}", last_name="Example", pnc_id=None)
        start_membership(
            by=coordinator,
            nominal=nominal,
            scheme=scheme,
            level=scheme.levels.get(code="iom"),
            start=today - timedelta(days=400),
        )
        record_event(
            by=police,
            nominal=nominal,
            kind=EventKind.ARREST,
            values={"date": today - timedelta(days=30), "offence": "burglary-dwelling"},
        )
    meeting = create_meeting(by=coordinator, scheme=scheme, kind="daily", date=today)
    add_attendance(by=coordinator, meeting=meeting, user=police, agency=agencies["police"])
    referred = make_nominal(first_names="Fuzz", last_name="Referred")
    referral = submit_referral(
        by=police,
        nominal=referred,
        data={
            "referral_date": today,
            "current_offence_details": "Burglary of a dwelling",
            "previously_on_panel": False,
            "ogrs_2yr": 85,
        },
    )
    report, _ = request_report(
        by=coordinator,
        scheme=scheme,
        filters=ReportFilters(today - timedelta(days=90), today, level=None, area=None),
    )
    return {
        "nominal": nominal.pk,
        "meeting": meeting.pk,
        "membership": nominal.memberships.get().pk,
        "referral": referral.pk,
        "report": report.pk,
    }


@pytest.fixture
def token(coordinator, cohort):
    return Token.objects.create(user=coordinator).key


def operations():
    """(method, path) of every operation, from the same generator the schema view uses."""
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    return sorted((m.upper(), p) for p, item in paths.items() for m in item if m in METHODS)


@pytest.fixture
def api_schema(token):
    # As Django's test client does: keep the test's transaction open across requests.
    request_started.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/schema/", application, headers={"Authorization": f"Token {token}"}
        )
    finally:
        request_started.connect(close_old_connections)


@pytest.mark.parametrize(("method", "path"), operations())
def test_the_api_keeps_to_its_schema(api_schema, token, method, path):
    operation = api_schema[path][method]
    headers = {"Authorization": f"Token {token}"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def keeps_to_schema(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    keeps_to_schema()


# Random ids are mostly unknown (404), so the bodies of real records are checked here.
REAL_RECORDS = [
    ("/api/v1/nominals/{id}/", "nominal", {}),
    ("/api/v1/nominals/{nominal_pk}/events/", "nominal", {}),
    ("/api/v1/nominals/{id}/matrix/", "nominal", {}),
    ("/api/v1/nominals/{id}/rag/", "nominal", {}),
    ("/api/v1/nominals/{id}/rag/", "nominal", {"as_of": "2024-03-27"}),
    ("/api/v1/memberships/{id}/", "membership", {}),
    ("/api/v1/meetings/{id}/", "meeting", {}),
    ("/api/v1/meetings/{id}/attendees/", "meeting", {}),
    ("/api/v1/meetings/{id}/agenda/", "meeting", {}),
    ("/api/v1/meetings/{id}/decisions/", "meeting", {}),
    ("/api/v1/referrals/{id}/", "referral", {}),
    ("/api/v1/performance/reports/{id}/", "report", {}),
    ("/api/v1/performance/caseload/", None, {"scheme": "testshire", "dates": "2024-03-27"}),
    (
        "/api/v1/performance/needs/",
        None,
        {"scheme": "testshire", "from": "2024-01-01", "to": "2024-12-31"},
    ),
    ("/api/v1/performance/reoffending-aligned/", None, {"scheme": "testshire"}),
]


@pytest.mark.parametrize(("path", "record", "query"), REAL_RECORDS)
def test_real_records_keep_to_the_schema(api_schema, token, cohort, path, record, query):
    name = "nominal_pk" if "{nominal_pk}" in path else "id"
    ids = {name: cohort[record]} if record else {}
    case = api_schema[path]["GET"].Case(path_parameters=ids, query=query)
    response = case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
    assert response.status_code == 200


# What the fuzzing found, kept as plain regression tests.
def test_a_nul_character_in_the_search_is_not_a_server_error(client, coordinator, cohort):
    client.force_login(coordinator)
    response = client.get("/api/v1/nominals/", {"q": "Fuzz\x00"})
    assert response.status_code == 400
    assert response.json() == {"q": ["Remove the null character from the search"]}


def test_a_nul_character_in_the_scheme_filter_is_not_a_server_error(client, coordinator, cohort):
    client.force_login(coordinator)
    response = client.get("/api/v1/memberships/", {"scheme": "testshire\x00"})
    assert response.status_code == 400
    assert response.json() == {"scheme": ["Enter the scheme's slug"]}


def test_a_meeting_without_a_kind_is_a_daily_tasking(client, coordinator, cohort):
    client.force_login(coordinator)
    response = client.post(
        "/api/v1/meetings/", {"date": "2000-01-01"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "daily"
