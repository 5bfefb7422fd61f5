"""The performance API: who may read it, its parameters and its rows."""

from datetime import date

import pytest

from iom.codes import Role
from tests.test_performance_measures_fixtures import assessment, conviction, spell


@pytest.fixture
def reader(make_user, scheme, agencies):
    return make_user(scheme, agencies["police"], Role.COORDINATOR)


@pytest.fixture
def data(scheme, police):
    a = spell(scheme, "ppo", start=date(2014, 1, 1), dob=date(1995, 6, 1))
    conviction(a.nominal, date(2014, 5, 1))
    conviction(a.nominal, date(2014, 6, 1))
    conviction(a.nominal, date(2014, 7, 1))
    conviction(a.nominal, date(2015, 6, 1))
    assessment(a, date(2016, 1, 10), [6, None, 2, 9, None, None, 7], police)
    assessment(a, date(2016, 4, 10), [4, None, None, 8, 3, None, 7], police)
    return a


def get(client, user, path, **params):
    client.force_login(user)
    return client.get(f"/api/v1/performance/{path}/", params)


def test_reoffending_rows_with_overall(client, reader, data):
    response = get(
        client,
        reader,
        "reoffending",
        scheme="testshire",
        before_start="2014-04-01",
        after_start="2015-04-01",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    overall = body["rows"][-1]
    assert {k: overall[k] for k in ["group", "offenders", "before", "after", "change_pct"]} == {
        "group": "Overall",
        "offenders": 1,
        "before": 3,
        "after": 1,
        "change_pct": "-66.67",
    }
    assert body["columns"][0] == {"key": "group", "label": "Offender sample"}
    assert body["definition"]


def test_needs_rows(client, reader, data):
    response = get(client, reader, "needs", scheme="testshire", **{"from": "2016-01-01"},
                   to="2016-12-31")  # fmt: skip
    assert response.status_code == 200, response.json()
    first = response.json()["rows"][0]
    assert {k: first[k] for k in [
        "pathway", "assessments", "scored", "cumulative_average", "average_when_scored",
        "percent_identified"]} == {
        "pathway": "Accommodation", "assessments": 2, "scored": 2, "cumulative_average": "5.00",
        "average_when_scored": "5.00", "percent_identified": "100.00"}  # fmt: skip


def test_caseload_with_dates(client, reader, data):
    response = get(client, reader, "caseload", scheme="testshire", dates="2014-01-01,2015-01-01")
    assert response.status_code == 200, response.json()
    rows = response.json()["rows"]
    assert rows[-1]["group"] == "% change" and rows[-1]["total"] == "0.00"
    assert [r["date"] for r in rows[:2]] == ["2014-01-01", "2015-01-01"]


def test_aligned(client, reader, data):
    response = get(client, reader, "reoffending-aligned", scheme="testshire", as_of="2016-01-01")
    assert response.status_code == 200
    assert response.json()["rows"][-1]["members"] == 1


@pytest.mark.parametrize(
    "path,params,field",
    [
        (
            "reoffending",
            {"before_start": "2014-13-01", "after_start": "2015-04-01"},
            "before_start",
        ),
        ("reoffending", {"before_start": "2014-04-01"}, "after_start"),
        ("caseload", {"dates": "2015-04-01,01/04/2016"}, "dates"),
        ("needs", {"from": "2016-01-01", "to": "yesterday"}, "to"),
        ("needs", {"from": "2016-02-01", "to": "2016-01-01"}, "to"),
        ("needs", {"from": "2016-01-01", "to": "2016-02-01", "level": "nope"}, "level"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(client, reader, data, path, params, field):
    response = get(client, reader, path, scheme="testshire", **params)
    assert response.status_code == 400
    assert field in response.json()


def test_missing_scheme_is_400(client, reader):
    response = get(client, reader, "needs", **{"from": "2016-01-01", "to": "2016-02-01"})
    assert response.status_code == 400 and "scheme" in response.json()


def test_another_schemes_slug_is_404(client, reader, other_scheme):
    params = {"from": "2016-01-01", "to": "2016-02-01"}
    assert get(client, reader, "needs", scheme="elsewhere", **params).status_code == 404


@pytest.mark.parametrize("who", ["partner", "police", "probation"])
def test_practitioners_and_partners_are_refused(client, request, who, data):
    user = request.getfixturevalue(who)
    params = {"scheme": "testshire", "from": "2016-01-01", "to": "2016-02-01"}
    assert get(client, user, "needs", **params).status_code == 403


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMINISTRATOR])
def test_managers_and_administrators_may_read(client, make_user, scheme, agencies, role):
    user = make_user(scheme, agencies["probation"], role)
    params = {"scheme": "testshire", "from": "2016-01-01", "to": "2016-02-01"}
    response = get(client, user, "needs", **params)
    assert response.status_code == 200
    assert response.json()["note"] == "No data for this period"


def test_anonymous_is_refused(client):
    response = client.get("/api/v1/performance/needs/", {"scheme": "testshire"})
    assert response.status_code in (401, 403)
