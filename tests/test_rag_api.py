"""GET and POST /api/v1/nominals/{id}/rag/."""

from datetime import date, timedelta

import pytest
from rest_framework.test import APIClient

from iom.services.events import record_event
from rag.models import RagChange, RagStatus
from rag.services import confirm_status

TODAY = date.today()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def nominal(make_nominal, police):
    nominal = make_nominal()
    record_event(
        by=police, nominal=nominal, kind="intelligence",
        values={"date": TODAY - timedelta(days=10), "grade": "1A", "handling_code": "P",
                "suggests_offending": True},
    )  # fmt: skip
    return nominal


def url(nominal):
    return f"/api/v1/nominals/{nominal.pk}/rag/"


def test_get_returns_the_stored_suggestion_and_no_confirmation(api, police, nominal):
    api.force_authenticate(police)
    body = api.get(url(nominal)).json()
    assert body["suggested"] == "amber"
    assert body["reasons"] == ["intelligence"]
    assert body["response"] == "Prioritisation of resources / joint working"
    assert body["as_of"] == TODAY.isoformat()
    assert body["confirmed"] is None and body["confirmed_at"] is None
    assert body["confirmed_by"] is None and body["version"] == 0


def test_as_of_computes_the_suggestion_for_that_date(api, police, nominal):
    api.force_authenticate(police)
    later = TODAY + timedelta(days=19)  # 29 days after the intelligence: out of the window
    assert api.get(url(nominal), {"as_of": later.isoformat()}).json()["suggested"] == "green"
    edge = TODAY + timedelta(days=18)
    body = api.get(url(nominal), {"as_of": edge.isoformat()}).json()
    assert (body["suggested"], body["as_of"]) == ("amber", edge.isoformat())
    before = TODAY - timedelta(days=11)
    assert api.get(url(nominal), {"as_of": before.isoformat()}).json()["suggested"] == "green"


def test_bad_as_of_is_a_400_naming_the_field(api, police, nominal):
    api.force_authenticate(police)
    response = api.get(url(nominal), {"as_of": "30/06/2024"})
    assert response.status_code == 400
    assert response.json() == {"as_of": ["Enter the date as YYYY-MM-DD"]}


def test_get_shows_who_confirmed(api, police, coordinator, nominal):
    confirm_status(by=coordinator, nominal=nominal, status="amber")
    api.force_authenticate(police)
    body = api.get(url(nominal)).json()
    assert body["confirmed"] == "amber" and body["version"] == 1
    assert body["confirmed_by"] == {"id": coordinator.pk, "name": coordinator.get_full_name()}
    assert body["confirmed_at"]


def test_coordinator_confirms(api, coordinator, nominal):
    api.force_authenticate(coordinator)
    response = api.post(
        url(nominal),
        {"status": "amber_alert", "reason": "Seen with known burglars", "expected_version": 0,
         "meeting_id": 4},
        format="json",
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    assert response.json()["confirmed"] == "amber_alert"
    assert response.json()["version"] == 1
    assert RagChange.objects.get().meeting_id == 4


@pytest.mark.parametrize("who", ["police", "probation"])
def test_others_are_refused_with_403(api, request, who, nominal):
    api.force_authenticate(request.getfixturevalue(who))
    response = api.post(url(nominal), {"status": "amber"}, format="json")
    assert response.status_code == 403
    assert not RagStatus.objects.exists()


def test_invisible_nominal_is_404(api, partner, nominal):
    api.force_authenticate(partner)
    assert api.get(url(nominal)).status_code == 404
    assert api.post(url(nominal), {"status": "amber"}, format="json").status_code == 404


def test_anonymous_is_refused(api, nominal):
    assert api.get(url(nominal)).status_code in (401, 403)


def test_bad_status_is_a_400_naming_the_field(api, coordinator, nominal):
    api.force_authenticate(coordinator)
    response = api.post(url(nominal), {"status": "purple"}, format="json")
    assert response.status_code == 400
    assert "status" in response.json() and "purple" in response.json()["status"][0]


def test_missing_reason_when_departing_from_the_suggestion_is_a_400(api, coordinator, nominal):
    api.force_authenticate(coordinator)
    response = api.post(url(nominal), {"status": "green"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "reason": ["Give a reason for confirming Green when the facts suggest Amber"]
    }


def test_concurrent_change_is_a_409(api, coordinator, nominal):
    api.force_authenticate(coordinator)
    first = api.post(url(nominal), {"status": "amber", "expected_version": 0}, format="json")
    assert first.status_code == 200
    second = api.post(
        url(nominal), {"status": "red", "reason": "Warrant", "expected_version": 0}, format="json"
    )
    assert second.status_code == 409
    body = second.json()
    assert "changed while you were deciding" in body["detail"]
    assert body["confirmed"] == "amber" and body["version"] == 1
    assert RagStatus.objects.get().status == "amber"
