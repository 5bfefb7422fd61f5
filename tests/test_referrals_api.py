"""POST /api/v1/referrals/ and GET /api/v1/referrals/{id}/."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from iom.codes import EventKind
from iom.models import Event
from referrals.models import Referral


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def nominal(make_nominal, today):
    nominal = make_nominal()
    Event.objects.create(
        nominal=nominal,
        kind=EventKind.CONVICTION,
        date=today - timedelta(days=20),
        offence="robbery",
    )
    return nominal


def body(who, today, **changes):
    return {
        "nominal": who.pk,
        "referral_date": today.isoformat(),
        "current_offence_details": "Street robbery",
        "previously_on_panel": False,
        "ogrs_1yr": 80,
        "ogrs_2yr": 91,
        **changes,
    }


def post(client, data):
    return client.post("/api/v1/referrals/", data, content_type="application/json")


def test_post_returns_201_with_eligibility(police_client, nominal, today):
    response = post(police_client, body(nominal, today))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["eligibility"] == {"decision": "automatic", "tier": 1, "reasons": ["ogrs_90_plus"]}
    assert data["status"] == "accepted" and data["membership"] is not None
    assert data["referred_by"] == "police"
    assert [t["to_status"] for t in data["transitions"]] == ["submitted", "accepted"]
    again = police_client.get(f"/api/v1/referrals/{data['id']}/")
    assert again.status_code == 200 and again.json()["eligibility"] == data["eligibility"]


def test_partner_route_over_the_api_reports_needs(police_client, nominal, today):
    data = post(police_client, body(nominal, today, ogrs_2yr=70, needs=["drugs", "alcohol"])).json()
    # A police referrer does not take the partner route.
    assert data["eligibility"] == {
        "decision": "not_eligible",
        "tier": None,
        "reasons": ["ogrs_below_threshold"],
    }
    assert data["status"] == "awaiting_decision"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nominal": 999999}, "nominal"),
        ({"nominal": "abc"}, "nominal"),
        ({"ogrs_2yr": 100}, "ogrs_2yr"),
        ({"ogrs_1yr": -1}, "ogrs_1yr"),
        ({"referral_date": "2999-01-01"}, "referral_date"),
        ({"referral_date": "15/07/2024"}, "referral_date"),
        ({"needs": ["housing"]}, "needs"),
        ({"current_offence_details": ""}, "current_offence_details"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(police_client, nominal, today, changes, field):
    response = post(police_client, body(nominal, today, **changes))
    assert response.status_code == 400
    assert field in response.json()
    assert not Referral.objects.exists()


def test_missing_panel_answer_is_a_400(police_client, nominal, today):
    data = body(nominal, today)
    del data["previously_on_panel"]
    response = post(police_client, data)
    assert response.status_code == 400 and "previously_on_panel" in response.json()


def test_invisible_nominal_is_a_400_on_nominal(partner, nominal, today):
    client = Client()
    client.force_login(partner)
    response = post(client, body(nominal, today))
    assert response.status_code == 400
    assert response.json()["nominal"] == [f"No nominal you can see has id {nominal.pk}."]
    assert not Referral.objects.exists()


def test_open_referral_is_a_400_with_a_link(police_client, nominal, today):
    first = post(police_client, body(nominal, today, ogrs_2yr=85)).json()
    response = post(police_client, body(nominal, today, ogrs_2yr=85))
    assert response.status_code == 400
    assert "already has an open referral" in response.json()["nominal"][0]
    assert response.json()["link"] == f"/referrals/{first['id']}/"


def test_manager_may_not_post(manager, nominal, today):
    client = Client()
    client.force_login(manager)
    assert post(client, body(nominal, today)).status_code == 403


def test_anonymous_is_refused(client, nominal, today):
    assert post(client, body(nominal, today)).status_code in (401, 403)
    assert client.get("/api/v1/referrals/1/").status_code in (401, 403)


def test_unknown_referral_is_404(police_client, db):
    assert police_client.get("/api/v1/referrals/424242/").status_code == 404
