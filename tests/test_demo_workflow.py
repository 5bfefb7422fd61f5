"""seed_demo's workflow: a fresh demo shows every capability with real content."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from iom.access import nominals_for_user
from iom.demo.build import build_demo
from iom.models import Event, Membership, Scheme
from matrix.selectors import candidates
from performance.report_models import PerformanceReport
from performance.selectors import needs_due
from rag.models import RagChange, RagStatus
from rag.selectors import differences
from referrals.models import Referral, Status
from tasking.agenda import build_agenda
from tasking.models import Action, Decision, ExitReview, Meeting
from tasking.selectors import attendances, quorum_of, weekly_frequency

NOMINALS = 60  # enough never-members for every referral and matrix candidate


@pytest.fixture
def fast(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path


def _seed(*options):
    call_command(
        "seed_demo", "--nominals", str(NOMINALS), "--seed", "7", *options, stdout=StringIO()
    )
    return get_user_model().objects.get(username="demo.coordinator")


@pytest.fixture
def seeded(db, fast):
    return _seed("--no-report")


def test_todays_tasking_is_quorate_with_an_agenda_to_decide(seeded):
    today = timezone.localdate()
    meeting = Meeting.objects.get(kind=Meeting.Kind.DAILY, date=today)
    assert quorum_of(meeting, attendances(meeting)).met
    assert not meeting.decisions.exists()
    sections = {s.key: s.items for s in build_agenda(meeting, seeded).sections}
    awaiting = [i for i in sections["referrals"] if i.decisions]
    assert len(awaiting) >= 3
    assert sections["accepted-automatically"]
    assert any(i.decisions for i in sections["rag"])
    proposals = {i.obj.proposal for i in sections["exit-reviews"] if i.decisions}
    assert proposals == {ExitReview.Proposal.EXIT, ExitReview.Proposal.RETAIN}
    assert sections["overdue-actions"]


def test_past_meetings_are_quorate_minuted_and_decided_on_their_day(seeded):
    today = timezone.localdate()
    past = Meeting.objects.filter(date__lt=today)
    daily = past.filter(kind=Meeting.Kind.DAILY)
    assert daily.count() >= 12
    assert past.filter(kind=Meeting.Kind.PANEL, date__gte=today - timezone.timedelta(14)).exists()
    upcoming = Meeting.objects.get(kind=Meeting.Kind.PANEL, date__gt=today)
    assert (upcoming.date - today).days <= 6
    for meeting in past:
        assert quorum_of(meeting, attendances(meeting)).met, meeting
        assert meeting.notes
        assert meeting.created_at.date() <= meeting.date
    assert all(d.decided_at.date() == d.meeting.date for d in Decision.objects.select_related())
    kinds = set(Decision.objects.values_list("kind", flat=True))
    assert kinds == set(Decision.Kind.values)
    last_week, this_week = weekly_frequency(meeting.scheme, today)[::-1]
    assert last_week.meetings == 2 and last_week.short
    assert Action.objects.filter(completed_at__isnull=False).exists()
    assert Action.objects.filter(completed_at__isnull=True, due_date__lt=today).exists()


def test_rag_confirmed_at_meetings_with_differences_and_history(seeded):
    members = Membership.objects.filter(end__isnull=True)
    confirmed = RagStatus.objects.filter(nominal__in=members.values("nominal"))
    assert confirmed.count() >= 0.8 * members.count()
    assert not RagChange.objects.filter(meeting_id__isnull=True).exists()
    departed = differences(seeded).filter(rag_status__isnull=False)
    assert departed.exists()
    assert all(n.rag_status.reason for n in departed)
    changed = RagChange.objects.values("nominal").annotate(n=Count("id")).filter(n__gt=1)
    assert changed.exists()


def test_referrals_in_every_state_from_police_probation_and_partners(seeded):
    referrals = Referral.objects.select_related("referring_agency")
    assert set(referrals.values_list("status", flat=True)) == {
        Status.AWAITING_DECISION,
        Status.ACCEPTED,
        Status.REJECTED,
        Status.WITHDRAWN,
    }
    assert {r.referring_agency.kind for r in referrals} >= {
        "police",
        "probation-nps",
        "housing",
        "substance-misuse",
    }
    assert set(referrals.values_list("decision", flat=True)) == {
        "automatic",
        "tier_2",
        "not_eligible",
        "excluded",
    }
    assert all(r.transitions.last().reason for r in referrals.exclude(status=Status.ACCEPTED))
    for referral in referrals.filter(status=Status.ACCEPTED):
        assert referral.membership.start <= timezone.localdate()
        assert referral.membership.start >= referral.referral_date


def test_candidates_needs_reviews_and_report(db, fast):
    seeded = _seed()
    today = timezone.localdate()
    scheme = Scheme.objects.get(slug="demoshire")
    found = list(candidates(scheme, nominals_for_user(seeded), 80))
    assert len(found) >= 2
    due = list(needs_due(seeded, today))
    assert due and any(m.overdue for m in due)
    assert Membership.objects.filter(needs_assessments__isnull=False).distinct().count() >= 0.8 * (
        Membership.objects.count()
    )
    retained = ExitReview.objects.filter(status=ExitReview.Status.RETAINED).exclude(reason="")
    assert retained.exists()
    assert ExitReview.objects.filter(status=ExitReview.Status.EXITED).exists()
    report = PerformanceReport.objects.get()
    assert report.status == PerformanceReport.Status.DONE and report.file


def _fingerprint():
    pnc = dict(Event.objects.values_list("nominal_id", "nominal__pnc_id").distinct())
    return (
        sorted(
            (pnc.get(r.nominal_id, ""), str(r.referral_date), r.status, r.decision)
            for r in Referral.objects.all()
        ),
        sorted(Meeting.objects.values_list("kind", "date", "notes")),
        sorted(Decision.objects.values_list("kind", "meeting__date", "nominal__pnc_id", "reason")),
        sorted(RagStatus.objects.values_list("nominal__pnc_id", "status", "reason")),
        sorted(Action.objects.values_list("description", "due_date")),
        sorted(ExitReview.objects.values_list("membership__nominal__pnc_id", "due_date", "status")),
        Event.objects.count(),
    )


def _build(seed):
    with transaction.atomic():
        build_demo(nominals=30, seed=seed, password="x", today=timezone.localdate(), report=False)
        found = _fingerprint()
        transaction.set_rollback(True)
    return found


def test_the_same_seed_gives_the_same_workflow(db, fast):
    first = _build(3)
    assert first == _build(3)
    assert first != _build(4)


def test_the_smallest_demo_still_builds(db, fast):
    call_command("seed_demo", "--nominals", "5", "--no-report", stdout=StringIO())
    assert Meeting.objects.filter(date=timezone.localdate()).exists()
    assert not PerformanceReport.objects.exists()
