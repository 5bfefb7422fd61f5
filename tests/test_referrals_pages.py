"""Referral pages: the form, the result, decisions, the list and who may see what."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from iom.case_teams import sync_case_team
from iom.codes import EventKind
from iom.models import Event, Membership
from referrals.models import Referral, Status
from referrals.services import decide_referral, submit_referral


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def convicted(make_nominal, today):
    counter = iter(range(1, 1000))

    def make(**extra):
        nominal = make_nominal(last_name=f"Example{next(counter)}", **extra)
        Event.objects.create(
            nominal=nominal,
            kind=EventKind.CONVICTION,
            date=today - timedelta(days=30),
            offence="shoplifting",
        )
        return nominal

    return make


def form_data(nominal, today, **changes):
    return {
        "nominal": nominal.pk,
        "referral_date": today.isoformat(),
        "current_offence_details": "Shoplifting spree",
        "previously_on_panel": "no",
        "ogrs_2yr": "85",
        **changes,
    }


def refer(user, nominal, today, **changes):
    data = {
        "referral_date": today,
        "current_offence_details": "Shoplifting",
        "previously_on_panel": False,
        "ogrs_2yr": 85,
    }
    return submit_referral(by=user, nominal=nominal, data={**data, **changes})


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_new_without_nominal_lets_the_user_search(police_client, convicted):
    nominal = convicted()
    page = police_client.get("/referrals/new/", {"q": nominal.last_name})
    assert page.status_code == 200
    assert f"/referrals/new/?nominal={nominal.pk}" in page.content.decode()


def test_form_shows_errors_field_by_field(police_client, convicted, today):
    nominal = convicted()
    page = police_client.post(
        "/referrals/new/",
        form_data(
            nominal,
            today,
            referral_date=(today + timedelta(days=1)).isoformat(),
            current_offence_details="",
            ogrs_2yr="100",
            ogrs_1yr="x",
            previously_on_panel="",
        ),
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    for message, anchor in [
        ("The date of referral cannot be in the future", "#id_referral_date"),
        ("Enter the details of the current offence", "#id_current_offence_details"),
        ("Enter the OGRS3 score as a whole number from 0 to 99", "#id_ogrs_2yr"),
        ("Select yes if the offender has been subject to the panel", "#id_previously_on_panel_0"),
    ]:
        assert message in html
        assert f'href="{anchor}"' in html
    assert not Referral.objects.exists()


def test_valid_submission_shows_the_result_with_reasons(police_client, convicted, today):
    nominal = convicted()
    response = police_client.post(
        "/referrals/new/", form_data(nominal, today, needs=["drugs", "ete"])
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and response.url == f"/referrals/{referral.pk}/"
    assert referral.needs == ["drugs", "ete"] and referral.previously_on_panel is False
    page = police_client.get(response.url)
    html = page.content.decode()
    assert "Tier 2: professional judgement at daily tasking" in html
    assert "OGRS3 2-year score from 80 to 89" in html
    assert "Awaiting decision" in html


def test_refusal_links_to_the_open_referral(police_client, police, convicted, today):
    referral = refer(police, convicted(), today)
    page = police_client.get("/referrals/new/", {"nominal": referral.nominal_id})
    html = page.content.decode()
    assert "already has an open referral" in html
    assert f'href="/referrals/{referral.pk}/"' in html
    page = police_client.post("/referrals/new/", form_data(referral.nominal, today))
    assert "already has an open referral" in page.content.decode()
    assert Referral.objects.count() == 1


def test_coordinator_accepts_at_a_level(police, coordinator, convicted, scheme, today):
    referral = refer(police, convicted(), today)
    client = signed_in(coordinator)
    assert "Accept onto the scheme" in client.get(f"/referrals/{referral.pk}/").content.decode()
    level = scheme.levels.get(code="iom")
    response = client.post(
        f"/referrals/{referral.pk}/decision/", {"action": "accept", "level": level.pk}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED and referral.membership.level == level


def test_reject_without_reason_shows_the_error(police, coordinator, convicted, today):
    referral = refer(police, convicted(), today)
    page = signed_in(coordinator).post(f"/referrals/{referral.pk}/decision/", {"action": "reject"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "Give the reason to reject the referral" in html
    assert 'href="#reject-id_reason"' in html and 'id="reject-id_reason"' in html
    referral.refresh_from_db()
    assert referral.status == Status.AWAITING_DECISION


def test_non_coordinator_sees_no_decision_and_is_refused(police, probation, convicted, today):
    referral = refer(police, convicted(), today)
    client = signed_in(probation)
    page = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "Accept onto the scheme" not in page and "Withdraw referral" not in page
    response = client.post(
        f"/referrals/{referral.pk}/decision/", {"action": "reject", "reason": "No"}
    )
    assert response.status_code == 403
    assert mail.outbox == []


def test_referrer_withdraws(police_client, police, convicted, today):
    referral = refer(police, convicted(), today)
    page = police_client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "Withdraw referral" in page and "Accept onto the scheme" not in page
    police_client.post(
        f"/referrals/{referral.pk}/decision/", {"action": "withdraw", "reason": "Moved away"}
    )
    referral.refresh_from_db()
    assert referral.status == Status.WITHDRAWN


def test_manager_may_not_open_the_form(manager, convicted):
    assert signed_in(manager).get("/referrals/new/").status_code == 403


def test_list_filters_by_status(police_client, police, coordinator, convicted, today):
    open_one = refer(police, convicted(), today)
    rejected = refer(police, convicted(), today)
    decide_referral(by=coordinator, referral=rejected, action="reject", reason="Low matrix")
    html = police_client.get("/referrals/", {"status": "rejected"}).content.decode()
    assert f"/referrals/{rejected.pk}/" in html and f"/referrals/{open_one.pk}/" not in html
    html = police_client.get("/referrals/").content.decode()
    assert f"/referrals/{rejected.pk}/" in html and f"/referrals/{open_one.pk}/" in html


@pytest.mark.parametrize("count", [2, 12])
def test_list_makes_a_fixed_number_of_queries(
    police_client, police, convicted, today, count, django_assert_max_num_queries
):
    for _ in range(count):
        refer(police, convicted(), today)
    with django_assert_max_num_queries(9):
        page = police_client.get("/referrals/")
    assert page.content.decode().count('href="/referrals/') >= count


@pytest.fixture
def case_team_referral(police, coordinator, convicted, agencies, today):
    """A referral of a nominal, accepted, whose current spell is led by the housing agency."""
    referral = decide_referral(
        by=coordinator, referral=refer(police, convicted(), today), action="accept"
    )
    Membership.objects.filter(pk=referral.membership_id).update(lead_agency=agencies["housing"])
    sync_case_team(referral.nominal)
    return referral


def test_partner_sees_only_referrals_of_their_cases(
    partner, police, convicted, today, case_team_referral
):
    outside = refer(police, convicted(), today)
    client = signed_in(partner)
    html = client.get("/referrals/").content.decode()
    assert f"/referrals/{case_team_referral.pk}/" in html
    assert f"/referrals/{outside.pk}/" not in html
    assert client.get(f"/referrals/{case_team_referral.pk}/").status_code == 200
    assert client.get(f"/referrals/{outside.pk}/").status_code == 404
    assert client.get(f"/api/v1/referrals/{outside.pk}/").status_code == 404
    assert client.get(f"/api/v1/referrals/{case_team_referral.pk}/").status_code == 200
    ids = [r["id"] for r in client.get("/api/v1/referrals/").json()["results"]]
    assert ids == [case_team_referral.pk]
    # Nor may they open the form for a nominal they cannot see, or decide its referral.
    assert client.get("/referrals/new/", {"nominal": outside.nominal_id}).status_code == 404
    response = client.post(
        f"/referrals/{outside.pk}/decision/", {"action": "withdraw", "reason": "x"}
    )
    assert response.status_code == 404


def test_tier_2_links_to_the_matrix_only_when_it_exists(police_client, police, convicted, today):
    from django.urls import NoReverseMatch, reverse

    referral = refer(police, convicted(), today)
    html = police_client.get(f"/referrals/{referral.pk}/").content.decode()
    try:
        matrix_url = reverse("matrix-nominal", args=[referral.nominal_id])
    except NoReverseMatch:
        assert "See the IOM matrix" not in html
    else:
        assert f'href="{matrix_url}"' in html
