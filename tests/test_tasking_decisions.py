from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from iom.codes import ExitReason, Role
from tasking import services
from tasking.decisions import QuorumNotMet, decide_exit, decide_retain, set_lead
from tasking.exit_reviews import run_exit_reviews
from tasking.models import Decision, ExitReview
from tests.tasking_fixtures import *  # noqa: F403 (shared fixtures)

DAY = date(2025, 3, 10)


@pytest.fixture
def review(make_member):
    member = make_member(start=date(2024, 9, 2))
    run_exit_reviews(DAY)
    return ExitReview.objects.get(membership=member)


def test_two_agencies_are_refused_three_accepted(
    make_meeting, attend, agencies, coordinator, review
):
    meeting = make_meeting(DAY)
    attend(meeting, agencies["police"], agencies["probation"])
    with pytest.raises(QuorumNotMet) as refused:
        decide_exit(
            by=coordinator, meeting=meeting, exit_review=review,
            exit_reason=ExitReason.NOT_REOFFENDED,
        )  # fmt: skip
    assert "Quorum not met: 2 agencies present" in refused.value.message
    assert not Decision.objects.exists()
    review.refresh_from_db()
    assert review.status == "open" and review.membership.end is None

    attend(meeting, agencies["housing"])
    decision = decide_exit(
        by=coordinator, meeting=meeting, exit_review=review, exit_reason=ExitReason.NOT_REOFFENDED
    )
    assert decision.kind == "exit" and decision.decided_by == coordinator


def test_two_people_of_one_agency_count_once(
    make_meeting, attend, agencies, coordinator, police, probation, review
):
    meeting = make_meeting(DAY)
    services.add_attendance(by=coordinator, meeting=meeting, user=police)
    services.add_attendance(by=coordinator, meeting=meeting, user=coordinator)  # also police
    services.add_attendance(by=coordinator, meeting=meeting, user=probation)
    assert services.meeting_quorum(meeting).present == 2
    with pytest.raises(QuorumNotMet):
        decide_retain(by=coordinator, meeting=meeting, exit_review=review, reason="Intelligence")


def test_notes_and_actions_need_no_quorum(make_meeting, coordinator, probation):
    meeting = make_meeting(DAY)
    services.update_notes(by=coordinator, meeting=meeting, notes="Only two agencies today")
    action = services.add_action(
        by=coordinator, meeting=meeting, description="Visit", owner=probation, due_date=DAY
    )
    assert action.agency == probation.staff.agency  # the owner's agency by default


def test_exit_ends_the_spell_and_closes_the_review(make_meeting, quorate, coordinator, review):
    meeting = quorate(make_meeting(DAY))
    decide_exit(
        by=coordinator, meeting=meeting, exit_review=review,
        exit_reason=ExitReason.NOT_REOFFENDED, reason="No offending since September",
    )  # fmt: skip
    review.refresh_from_db()
    member = review.membership
    assert (member.end, member.exit_reason) == (DAY, "not-reoffended")
    assert member.exit_notes == "No offending since September"
    assert (review.status, review.decided_by) == ("exited", coordinator)
    decision = Decision.objects.get()
    assert decision.exit_review == review and decision.details["exit_reason"] == "not-reoffended"


def test_exit_with_a_chosen_reason_and_no_review(make_meeting, quorate, coordinator, make_member):
    member = make_member(start=date(2024, 12, 1))
    meeting = quorate(make_meeting(DAY))
    decide_exit(
        by=coordinator, meeting=meeting, membership=member, exit_reason=ExitReason.MOVED_AREA
    )
    member.refresh_from_db()
    assert member.exit_reason == "moved-area"
    with pytest.raises(ValidationError, match="already ended"):
        decide_exit(
            by=coordinator, meeting=meeting, membership=member, exit_reason=ExitReason.OTHER
        )


def test_retain_needs_a_reason_and_sets_the_next_review(make_meeting, quorate, coordinator, review):
    meeting = quorate(make_meeting(DAY))
    with pytest.raises(ValidationError) as refused:
        decide_retain(by=coordinator, meeting=meeting, exit_review=review, reason=" ")
    assert "reason" in refused.value.message_dict
    decision = decide_retain(
        by=coordinator, meeting=meeting, exit_review=review, reason="Police intelligence"
    )
    review.refresh_from_db()
    assert review.status == "retained" and review.reason == "Police intelligence"
    assert decision.details == {"next_review_due": "2025-09-10"}
    with pytest.raises(ValidationError, match="already decided"):
        decide_retain(by=coordinator, meeting=meeting, exit_review=review, reason="Again")


def test_set_lead_records_previous_and_new(
    make_meeting, quorate, coordinator, make_member, agencies, probation, police
):
    member = make_member()
    meeting = quorate(make_meeting(DAY))
    decision = set_lead(
        by=coordinator, meeting=meeting, membership=member, lead_agency=agencies["probation"],
        lead_professional=probation, police_officer=police, reason="Statutory case",
    )  # fmt: skip
    member.refresh_from_db()
    assert (member.lead_agency, member.lead_professional, member.police_officer) == (
        agencies["probation"], probation, police,
    )  # fmt: skip
    assert decision.details["previous"]["lead_agency"] is None
    assert decision.details["lead_agency"] == "Testshire probation"


def test_police_officer_must_be_police(make_meeting, quorate, coordinator, make_member, probation):
    meeting = quorate(make_meeting(DAY))
    with pytest.raises(ValidationError) as refused:
        set_lead(
            by=coordinator, meeting=meeting, membership=make_member(), police_officer=probation
        )
    assert "is not a police officer" in refused.value.message_dict["police_officer"][0]


@pytest.mark.parametrize("who", ["police", "probation", "partner", "manager"])
def test_only_coordinators_run_meetings(request, who, make_meeting, quorate, review, scheme):
    user = request.getfixturevalue(who)
    meeting = quorate(make_meeting(DAY))
    with pytest.raises(PermissionDenied):
        decide_retain(by=user, meeting=meeting, exit_review=review, reason="x")
    with pytest.raises(PermissionDenied):
        services.update_notes(by=user, meeting=meeting, notes="x")
    with pytest.raises(PermissionDenied):
        services.create_meeting(by=user, scheme=scheme, kind="daily", date=DAY)


def test_coordinator_of_another_scheme_is_refused(make_user, other_scheme, make_meeting):
    from iom.models import Agency

    agency = Agency.objects.create(scheme=other_scheme, name="Elsewhere police", kind="police")
    outsider = make_user(other_scheme, agency, Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        services.update_notes(by=outsider, meeting=make_meeting(DAY), notes="x")


def test_attendance_rules(make_meeting, coordinator, police, agencies, other_scheme):
    meeting = make_meeting(DAY)
    services.add_attendance(by=coordinator, meeting=meeting, user=police)
    with pytest.raises(ValidationError, match="already recorded as present"):
        services.add_attendance(by=coordinator, meeting=meeting, user=police)
    services.add_attendance(
        by=coordinator, meeting=meeting, name="A Guest", agency=agencies["housing"]
    )
    with pytest.raises(ValidationError, match="already recorded as present"):
        services.add_attendance(
            by=coordinator, meeting=meeting, name="a guest", agency=agencies["housing"]
        )
    with pytest.raises(ValidationError, match="Choose a person"):
        services.add_attendance(by=coordinator, meeting=meeting)
    with pytest.raises(ValidationError, match="Choose the agency"):
        services.add_attendance(by=coordinator, meeting=meeting, name="No Agency")


def test_completing_an_action(make_meeting, coordinator, probation, partner, add_event):
    meeting = make_meeting(DAY)
    action = services.add_action(
        by=coordinator, meeting=meeting, description="Home visit", owner=probation, due_date=DAY
    )
    with pytest.raises(PermissionDenied):
        services.complete_action(by=partner, action=action)
    services.complete_action(by=probation, action=action)  # the owner may
    action.refresh_from_db()
    assert action.completed_by == probation and action.completed_at is not None
    with pytest.raises(ValidationError, match="already completed"):
        services.complete_action(by=coordinator, action=action)
