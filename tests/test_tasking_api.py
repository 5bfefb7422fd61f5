from datetime import date

import pytest
from rest_framework.test import APIClient

from iom.codes import EventKind
from tasking.exit_reviews import run_exit_reviews
from tasking.models import Decision, ExitReview, Meeting
from tests.tasking_fixtures import *  # noqa: F403 (shared fixtures)

DAY = date(2025, 3, 10)


@pytest.fixture
def api():
    def as_user(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return as_user


@pytest.fixture
def review(make_member):
    member = make_member(start=date(2024, 9, 2))
    run_exit_reviews(DAY)
    return ExitReview.objects.get(membership=member)


def test_coordinator_creates_and_reads_meetings(api, coordinator):
    client = api(coordinator)
    created = client.post("/api/v1/meetings/", {"kind": "daily", "date": "2025-03-10"})
    assert created.status_code == 201, created.json()
    meeting_id = created.json()["id"]
    listed = client.get("/api/v1/meetings/").json()
    assert [m["id"] for m in listed["results"]] == [meeting_id]
    detail = client.get(f"/api/v1/meetings/{meeting_id}/").json()
    assert detail["quorum"] == {
        "met": False, "present": 0, "required": 3, "agencies": [],
        "message": detail["quorum"]["message"],
    }  # fmt: skip


def test_bad_meeting_is_a_400_naming_each_field(api, coordinator):
    response = api(coordinator).post("/api/v1/meetings/", {"kind": "weekly", "date": "10/03/25"})
    assert response.status_code == 400
    assert set(response.json()) == {"kind", "date"}


def test_only_coordinators_create_meetings(api, police, partner):
    for user in (police, partner):
        response = api(user).post("/api/v1/meetings/", {"kind": "daily", "date": "2025-03-10"})
        assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_anonymous_and_unlinked_users_are_refused(make_meeting, db, django_user_model):
    meeting = make_meeting(DAY)
    assert APIClient().get(f"/api/v1/meetings/{meeting.pk}/agenda/").status_code in (401, 403)
    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_user("loose"))
    assert client.get(f"/api/v1/meetings/{meeting.pk}/agenda/").status_code == 403


def test_attendees_and_quorum(api, coordinator, make_meeting, police, probation, agencies):
    client = api(coordinator)
    meeting = make_meeting(DAY)
    url = f"/api/v1/meetings/{meeting.pk}/attendees/"
    assert client.post(url, {"user": police.pk}).status_code == 201
    assert client.post(url, {"user": coordinator.pk}).json()["quorum"]["present"] == 1
    again = client.post(url, {"user": police.pk})
    assert again.status_code == 400 and "already recorded" in again.json()["user"][0]
    client.post(url, {"user": probation.pk})
    guest = client.post(url, {"name": "Sam Support", "agency": agencies["housing"].pk})
    assert guest.json()["quorum"]["met"] is True
    body = client.get(url).json()
    assert len(body["results"]) == 4 and body["quorum"]["present"] == 3


def test_decision_without_quorum_is_a_409_with_the_reason(
    api, coordinator, make_meeting, attend, agencies, review
):
    meeting = make_meeting(DAY)
    attend(meeting, agencies["police"], agencies["police"], agencies["probation"])
    response = api(coordinator).post(
        f"/api/v1/meetings/{meeting.pk}/decisions/",
        {"kind": "exit", "exit_review": review.pk},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Quorum not met: 2 agencies present")
    assert not Decision.objects.exists()


def test_decisions_through_the_api(api, coordinator, make_meeting, quorate, review, probation):
    meeting = quorate(make_meeting(DAY))
    client = api(coordinator)
    url = f"/api/v1/meetings/{meeting.pk}/decisions/"
    refused = client.post(url, {"kind": "retain", "exit_review": review.pk}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    kept = client.post(
        url, {"kind": "retain", "exit_review": review.pk, "reason": "Intelligence"}, format="json"
    )
    assert kept.status_code == 201
    assert kept.json()["details"] == {"next_review_due": "2025-09-10"}
    lead = client.post(
        url,
        {"kind": "set_lead", "membership": review.membership_id, "lead_professional": probation.pk},
        format="json",
    )
    assert lead.status_code == 201
    assert [d["kind"] for d in client.get(url).json()["results"]] == ["retain", "set_lead"]
    assert api(probation).post(url, {"kind": "exit", "exit_review": review.pk}).status_code == 403


def test_agenda_is_filtered_for_partner_agencies(
    api, police, partner, make_meeting, make_member, add_event, agencies
):
    theirs = make_member(last_name="Housed", lead_agency=agencies["housing"])
    other = make_member(last_name="Other")
    add_event(theirs.nominal, EventKind.ARREST, DAY, offence="twoc")
    add_event(other.nominal, EventKind.ARREST, DAY, offence="twoc")
    meeting = make_meeting(DAY)
    url = f"/api/v1/meetings/{meeting.pk}/agenda/"

    def nominals(user):
        body = api(user).get(url).json()
        events = next(s for s in body["sections"] if s["key"] == "events")
        return sorted(item["nominal"]["id"] for item in events["items"])

    assert nominals(police) == sorted([theirs.nominal_id, other.nominal_id])
    assert nominals(partner) == [theirs.nominal_id]


def test_exit_reviews_filtered_by_status(api, police, partner, review):
    open_reviews = api(police).get("/api/v1/exit-reviews/?status=open").json()
    assert [r["id"] for r in open_reviews["results"]] == [review.pk]
    assert open_reviews["results"][0]["proposal"] == "exit"
    assert api(police).get("/api/v1/exit-reviews/?status=retained").json()["results"] == []
    assert api(partner).get("/api/v1/exit-reviews/").json()["results"] == []
    bad = api(police).get("/api/v1/exit-reviews/?status=closed")
    assert bad.status_code == 400 and "status" in bad.json()


def test_others_cannot_record_attendance(api, police, make_meeting, agencies):
    meeting = make_meeting(DAY)
    response = api(police).post(
        f"/api/v1/meetings/{meeting.pk}/attendees/",
        {"name": "Guest", "agency": agencies["police"].pk},
    )
    assert response.status_code == 403
    assert not meeting.attendances.exists()
