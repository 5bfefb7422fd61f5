"""Submitting and deciding referrals (referrals/services.py)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from iom.codes import EventKind, Role
from iom.models import Event, Membership
from iom.services.memberships import start_membership
from referrals.models import Notification, Referral, Status
from referrals.services import ReferralRefused, decide_referral, submit_referral


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def convicted(make_nominal, today):
    """A nominal with a conviction last month: not excluded by the liberty rule."""

    def make(**extra):
        nominal = make_nominal(last_name=extra.pop("last_name", "Example"), **extra)
        Event.objects.create(
            nominal=nominal,
            kind=EventKind.CONVICTION,
            date=today - timedelta(days=30),
            offence="burglary-dwelling",
        )
        return nominal

    return make


def referral_data(today, **changes):
    return {
        "referral_date": today,
        "current_offence_details": "Burglary of a dwelling",
        "previously_on_panel": False,
        **changes,
    }


@pytest.fixture
def tier_2(police, convicted, today, probation):
    """A referral at OGRS 85 by a police officer, with a probation offender manager."""
    return submit_referral(
        by=police,
        nominal=convicted(),
        data=referral_data(today, ogrs_2yr=85, offender_manager=probation),
    )


def test_tier_2_referral_awaits_a_decision(tier_2, police):
    assert tier_2.decision == "tier_2" and tier_2.tier == 2
    assert tier_2.reasons == ["ogrs_80_89"]
    assert tier_2.status == Status.AWAITING_DECISION
    assert tier_2.referring_agency == police.staff.agency
    assert tier_2.offender_manager_name == tier_2.offender_manager.get_full_name()
    steps = list(tier_2.transitions.values_list("from_status", "to_status", "by"))
    assert steps == [("", "submitted", police.pk), ("submitted", "awaiting_decision", police.pk)]
    assert tier_2.membership is None
    assert not Membership.objects.filter(nominal=tier_2.nominal).exists()


def test_eligibility_reads_custody_and_convictions_from_history(police, make_nominal, today):
    nominal = make_nominal()
    # Convicted eight months ago, then three months in custody: still within six at liberty.
    Event.objects.create(
        nominal=nominal,
        kind=EventKind.CONVICTION,
        date=today - timedelta(days=240),
        offence="robbery",
    )
    Event.objects.create(
        nominal=nominal,
        kind=EventKind.CUSTODY,
        date=today - timedelta(days=150),
        end_date=today - timedelta(days=60),
    )
    referral = submit_referral(by=police, nominal=nominal, data=referral_data(today, ogrs_2yr=85))
    assert referral.decision == "tier_2"
    other = make_nominal(last_name="Other", dob=date(1985, 1, 1))
    Event.objects.create(
        nominal=other,
        kind=EventKind.CONVICTION,
        date=today - timedelta(days=240),
        offence="robbery",
    )
    excluded = submit_referral(by=police, nominal=other, data=referral_data(today, ogrs_2yr=85))
    assert excluded.decision == "excluded"
    assert excluded.reasons == ["no_conviction_6_months_at_liberty", "ogrs_80_89"]


def test_automatic_registration_is_accepted_at_once(police, probation, convicted, scheme, today):
    nominal = convicted(is_ppo=True)
    referral = submit_referral(
        by=police, nominal=nominal, data=referral_data(today, offender_manager=probation)
    )
    assert referral.decision == "automatic" and referral.tier == 1
    assert referral.reasons == ["ppo", "ogrs_below_threshold"]
    assert referral.status == Status.ACCEPTED
    assert referral.for_information is True
    spell = Membership.objects.get(nominal=nominal, end__isnull=True)
    assert referral.membership == spell
    assert spell.level == scheme.levels.order_by("order").first()
    assert spell.start == today and spell.created_by == police
    assert [t.to_status for t in referral.transitions.all()] == ["submitted", "accepted"]
    # The offender manager is told; the referrer, who acted, is not.
    assert list(Notification.objects.values_list("user", flat=True)) == [probation.pk]


def test_automatic_registration_at_a_chosen_level(police, convicted, scheme, today):
    level = scheme.levels.get(code="iom")
    referral = submit_referral(
        by=police, nominal=convicted(), data=referral_data(today, ogrs_2yr=95), level=level
    )
    assert referral.membership.level == level


def test_refused_when_already_a_member(police, convicted, scheme, today):
    nominal = convicted()
    start_membership(
        by=police, nominal=nominal, scheme=scheme, level=scheme.levels.first(), start=today
    )
    with pytest.raises(ReferralRefused) as refused:
        submit_referral(by=police, nominal=nominal, data=referral_data(today, ogrs_2yr=85))
    assert "already a member" in refused.value.message_text
    assert refused.value.link == f"/nominals/{nominal.pk}/"
    assert not Referral.objects.exists()


def test_refused_when_a_referral_is_open(tier_2, probation, today):
    with pytest.raises(ReferralRefused) as refused:
        submit_referral(
            by=probation, nominal=tier_2.nominal, data=referral_data(today, ogrs_2yr=90)
        )
    assert "already has an open referral" in refused.value.message_text
    assert refused.value.link == f"/referrals/{tier_2.pk}/"
    assert Referral.objects.count() == 1


def test_rereferral_allowed_after_rejection(tier_2, coordinator, police, today):
    decide_referral(by=coordinator, referral=tier_2, action="reject", reason="Matrix score 40")
    again = submit_referral(
        by=police, nominal=tier_2.nominal, data=referral_data(today, ogrs_2yr=88)
    )
    assert again.status == Status.AWAITING_DECISION


def test_future_date_and_bad_scores_are_refused(police, convicted, today):
    with pytest.raises(ValidationError) as error:
        submit_referral(
            by=police, nominal=convicted(), data=referral_data(today + timedelta(days=1))
        )
    assert "referral_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        submit_referral(
            by=police, nominal=convicted(last_name="Two"), data=referral_data(today, ogrs_2yr=100)
        )
    assert "ogrs_2yr" in error.value.message_dict
    assert not Referral.objects.exists()


def test_manager_may_not_refer(manager, convicted, today):
    with pytest.raises(PermissionDenied):
        submit_referral(by=manager, nominal=convicted(), data=referral_data(today))


def test_accept_creates_membership_notifies_and_emails(
    tier_2, coordinator, police, probation, scheme, django_capture_on_commit_callbacks
):
    level = scheme.levels.get(code="iom")
    with django_capture_on_commit_callbacks(execute=True):
        decide_referral(
            by=coordinator,
            referral=tier_2,
            action="accept",
            reason="Matrix 92 at tasking",
            level=level,
        )
    tier_2.refresh_from_db()
    assert tier_2.status == Status.ACCEPTED
    assert tier_2.membership.level == level and tier_2.membership.created_by == coordinator
    last = tier_2.transitions.last()
    assert (last.from_status, last.to_status, last.by, last.reason) == (
        "awaiting_decision",
        "accepted",
        coordinator,
        "Matrix 92 at tasking",
    )
    notified = set(Notification.objects.values_list("user", flat=True))
    assert notified == {police.pk, probation.pk}
    assert Notification.objects.filter(link=f"/referrals/{tier_2.pk}/").count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([police.email, probation.email])
    assert all(str(tier_2.pk) in m.subject and "accepted" in m.subject for m in mail.outbox)
    # No personal data leaves the system by email.
    assert all(tier_2.nominal.last_name not in m.body for m in mail.outbox)


def test_email_waits_for_commit(tier_2, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decide_referral(by=coordinator, referral=tier_2, action="reject", reason="Low matrix")
    assert mail.outbox == [] and len(callbacks) == 2


def test_reject_needs_a_reason(tier_2, coordinator):
    with pytest.raises(ValidationError) as error:
        decide_referral(by=coordinator, referral=tier_2, action="reject", reason=" ")
    assert "reason" in error.value.message_dict
    tier_2.refresh_from_db()
    assert tier_2.status == Status.AWAITING_DECISION


def test_referrer_may_withdraw(tier_2, police, probation):
    decide_referral(by=police, referral=tier_2, action="withdraw", reason="Moved to Wales")
    tier_2.refresh_from_db()
    assert tier_2.status == Status.WITHDRAWN
    assert tier_2.transitions.last().by == police
    # The offender manager is told; the referrer withdrew it, so is not.
    assert list(Notification.objects.values_list("user", flat=True)) == [probation.pk]


@pytest.mark.parametrize("action", ["accept", "reject", "withdraw"])
def test_others_may_not_decide(tier_2, probation, action):
    with pytest.raises(PermissionDenied):
        decide_referral(by=probation, referral=tier_2, action=action, reason="Because")
    tier_2.refresh_from_db()
    assert tier_2.status == Status.AWAITING_DECISION


def test_referrer_may_not_accept(tier_2, police):
    with pytest.raises(PermissionDenied):
        decide_referral(by=police, referral=tier_2, action="accept")


def test_coordinator_of_another_scheme_may_not_decide(tier_2, make_user, other_scheme):
    from iom.models import Agency

    agency = Agency.objects.create(scheme=other_scheme, name="Elsewhere police", kind="police")
    outsider = make_user(other_scheme, agency, Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        decide_referral(by=outsider, referral=tier_2, action="reject", reason="No")


def test_decided_referral_cannot_be_decided_again(tier_2, coordinator):
    decide_referral(by=coordinator, referral=tier_2, action="reject", reason="Low matrix")
    with pytest.raises(ValidationError, match="already rejected"):
        decide_referral(by=coordinator, referral=tier_2, action="accept")


def test_excluded_referral_cannot_be_accepted(police, coordinator, make_nominal, today):
    referral = submit_referral(
        by=police, nominal=make_nominal(), data=referral_data(today, ogrs_2yr=95)
    )
    assert referral.decision == "excluded"
    with pytest.raises(ValidationError, match="cannot be accepted"):
        decide_referral(by=coordinator, referral=referral, action="accept")
    assert not Membership.objects.exists()


def test_level_of_another_scheme_is_refused(tier_2, coordinator, other_scheme):
    with pytest.raises(ValidationError) as error:
        decide_referral(
            by=coordinator, referral=tier_2, action="accept", level=other_scheme.levels.first()
        )
    assert "level" in error.value.message_dict
    assert not Membership.objects.exists()


def test_tasking_sees_open_and_automatic_referrals(tier_2, police, convicted, today):
    from referrals.selectors import accepted_for_information, awaiting_decision

    automatic = submit_referral(
        by=police, nominal=convicted(last_name="Auto"), data=referral_data(today, ogrs_2yr=93)
    )
    assert list(awaiting_decision(police)) == [tier_2]
    since = today - timedelta(days=1)
    assert list(accepted_for_information(police, since, today)) == [automatic]
    assert list(accepted_for_information(police, today, today)) == []
