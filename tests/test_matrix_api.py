"""GET /api/v1/nominals/{id}/matrix/."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from iom.models import Event

TODAY = timezone.localdate()


@pytest.fixture
def nominal(make_nominal):
    nominal = make_nominal()
    Event.objects.bulk_create(
        [
            Event(nominal=nominal, kind="conviction", date=date(2024, 5, 1), offence="robbery"),
            Event(nominal=nominal, kind="arrest", date=date(2024, 6, 1), offence="other"),
            Event(nominal=nominal, kind="intelligence", date=date(2024, 6, 10), grade="B2"),
            Event(nominal=nominal, kind="intelligence", date=date(2024, 5, 10), grade="2A"),
            *[Event(nominal=nominal, kind="recall", date=date(2024, 1, d)) for d in range(1, 5)],
        ]
    )
    return nominal


def api(nominal_id):
    return f"/api/v1/nominals/{nominal_id}/matrix/"


def test_returns_the_breakdown_as_of_a_date(police_client, nominal):
    response = police_client.get(api(nominal.pk), {"as_of": "2024-06-15"})
    assert response.status_code == 200
    body = response.json()
    assert body["nominal"] == nominal.pk and body["as_of"] == "2024-06-15"
    assert len(body["offences"]) == 32
    assert body["offences"][0] == {
        "code": "burglary-aggravated", "weight": 10, "convictions": 0, "arrests": 0, "score": 0,
    }  # fmt: skip
    robbery = next(o for o in body["offences"] if o["code"] == "robbery")
    assert robbery == {"code": "robbery", "weight": 10, "convictions": 1, "arrests": 0, "score": 10}
    assert body["unmatched"] == [{"code": "other", "convictions": 0, "arrests": 1}]
    assert body["intelligence"] == [
        {"band": "0-28", "high_grade": 1, "other": 0, "score": 5},
        {"band": "29-56", "high_grade": 0, "other": 1, "score": 3},
    ]
    assert (body["arrests_12m"], body["arrests_score"]) == (1, 6)
    assert (body["breaches_24m"], body["compliance_score"]) == (4, 5)
    assert body["total"] == 10 + 8 + 6 + 5
    assert body["decision"] == "not_eligible"
    assert body["windows"]["offences"] == {"from": "2022-06-15", "to": "2024-06-15"}


def test_as_of_defaults_to_today(police_client, nominal):
    body = police_client.get(api(nominal.pk)).json()
    assert body["as_of"] == TODAY.isoformat()


@pytest.mark.parametrize(
    "value", ["yesterday", "2024-13-01", "2024-02-30", "20240601", "2024-W01-1", "15/06/2024"]
)
def test_as_of_that_is_not_a_date_is_400_naming_as_of(police_client, nominal, value):
    response = police_client.get(api(nominal.pk), {"as_of": value})
    assert response.status_code == 400
    assert list(response.json()) == ["as_of"]
    assert "YYYY-MM-DD" in response.json()["as_of"][0]


def test_as_of_in_the_future_is_400(police_client, nominal):
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    response = police_client.get(api(nominal.pk), {"as_of": tomorrow})
    assert response.status_code == 400
    assert response.json() == {"as_of": ["as_of cannot be in the future"]}


def test_unknown_nominal_is_404(police_client, db):
    assert police_client.get(api(999999)).status_code == 404


def test_nominal_the_user_may_not_see_is_404(client, partner, nominal):
    client.force_login(partner)
    assert client.get(api(nominal.pk)).status_code == 404


def test_anonymous_is_refused(client, nominal):
    assert client.get(api(nominal.pk)).status_code in (401, 403)


def test_user_without_staff_profile_is_refused(client, django_user_model, nominal):
    client.force_login(django_user_model.objects.create_user("stranger", password="x" * 14))
    assert client.get(api(nominal.pk)).status_code == 403
