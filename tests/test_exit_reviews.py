import threading
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from iom.codes import EventKind, ExitReason
from iom.services.memberships import end_membership
from tasking.decisions import decide_retain
from tasking.exit_reviews import run_exit_reviews
from tasking.models import ExitReview
from tasking.tasks import run_exit_reviews_task
from tests.tasking_fixtures import *  # noqa: F403 (shared fixtures)

START = date(2024, 9, 2)
DUE = date(2025, 3, 2)  # six months after START


@pytest.fixture
def member(make_member):
    return make_member(start=START)


def only_review(member):
    reviews = list(ExitReview.objects.filter(membership=member))
    assert len(reviews) == 1
    return reviews[0]


def test_review_falls_due_six_months_after_the_start_of_the_spell(member):
    assert run_exit_reviews(date(2025, 3, 1)) == []
    created = run_exit_reviews(DUE)
    review = only_review(member)
    assert created == [review.pk]
    assert (review.due_date, review.status, review.proposal) == (DUE, "open", "exit")
    assert review.offences == []


def test_due_date_is_clamped_to_the_end_of_a_short_month(make_member):
    member = make_member(start=date(2024, 8, 31))
    run_exit_reviews(date(2025, 2, 28))
    assert only_review(member).due_date == date(2025, 2, 28)


def test_the_period_is_the_schemes_policy(member, scheme):
    scheme.exit_review_months = 3
    scheme.save()
    run_exit_reviews(date(2024, 12, 2))
    assert only_review(member).due_date == date(2024, 12, 2)


@pytest.mark.parametrize(
    ("kind", "day", "offence_date", "proposal"),
    [
        (EventKind.CHARGE, date(2024, 10, 1), date(2024, 9, 1), "exit"),  # day before window
        (EventKind.CHARGE, date(2024, 10, 1), date(2024, 9, 2), "retain"),  # first day
        (EventKind.CONVICTION, date(2025, 3, 2), date(2025, 3, 2), "retain"),  # due date
        (EventKind.CONVICTION, date(2024, 11, 5), None, "retain"),  # no offence date: date
        (EventKind.CONVICTION, date(2024, 8, 20), None, "exit"),
        (EventKind.ARREST, date(2024, 12, 1), None, "exit"),  # an arrest is not a charge
    ],
)
def test_proposal_at_the_edges_of_the_six_months(
    member, add_event, kind, day, offence_date, proposal
):
    add_event(member.nominal, kind, day, offence="shoplifting", offence_date=offence_date)
    run_exit_reviews(date(2025, 3, 5))
    review = only_review(member)
    assert review.proposal == proposal
    if proposal == "retain":
        event = member.nominal.events.get()
        assert review.offences == [
            {
                "id": event.pk,
                "kind": kind,
                "offence": "shoplifting",
                "date": day.isoformat(),
                "offence_date": (offence_date or day).isoformat(),
            }
        ]


def test_offence_recorded_after_the_due_date_does_not_count(member, add_event):
    add_event(
        member.nominal, EventKind.CHARGE, date(2025, 3, 4), offence="fraud",
        offence_date=date(2025, 3, 3),
    )  # fmt: skip
    run_exit_reviews(date(2025, 3, 5))
    assert only_review(member).proposal == "exit"


def test_retain_lists_every_offence_in_order(member, add_event):
    add_event(member.nominal, EventKind.CONVICTION, date(2025, 2, 1), offence="robbery",
              offence_date=date(2024, 12, 24))  # fmt: skip
    add_event(member.nominal, EventKind.CHARGE, date(2024, 10, 10), offence="abh")
    run_exit_reviews(DUE)
    review = only_review(member)
    assert review.proposal == "retain"
    assert [o["offence"] for o in review.offences] == ["abh", "robbery"]


def test_a_custody_period_does_not_move_the_due_date_or_the_window(member, add_event):
    """Calendar months: custody in the period does not stretch it. A conviction while in custody
    for an offence committed before the period is not re-offending in it."""
    nominal = member.nominal
    add_event(nominal, EventKind.CUSTODY, date(2024, 10, 1), end_date=date(2025, 2, 1))
    add_event(nominal, EventKind.CONVICTION, date(2024, 12, 1), offence="burglary-dwelling",
              offence_date=date(2024, 6, 1))  # fmt: skip
    run_exit_reviews(DUE)
    review = only_review(member)
    assert (review.due_date, review.proposal) == (DUE, "exit")


def test_a_retain_decision_restarts_the_clock(
    member, make_meeting, quorate, coordinator, add_event
):
    run_exit_reviews(DUE)
    first = only_review(member)
    meeting = quorate(make_meeting(date(2025, 3, 10)))
    decide_retain(by=coordinator, meeting=meeting, exit_review=first, reason="Intelligence")
    # an offence before the retain meeting is not in the next period
    add_event(member.nominal, EventKind.CHARGE, date(2025, 3, 9), offence="theft-other")
    assert run_exit_reviews(date(2025, 9, 9)) == []
    assert len(run_exit_reviews(date(2025, 9, 10))) == 1
    second = ExitReview.objects.get(membership=member, status="open")
    assert (second.due_date, second.proposal) == (date(2025, 9, 10), "exit")


def test_an_open_review_is_not_repeated_while_it_waits_for_a_decision(member):
    run_exit_reviews(DUE)
    assert run_exit_reviews(date(2025, 6, 1)) == []
    assert run_exit_reviews(date(2026, 1, 1)) == []
    only_review(member)


def test_running_twice_creates_one_review(member):
    assert len(run_exit_reviews(DUE)) == 1
    assert run_exit_reviews(DUE) == []
    only_review(member)


def test_ended_spells_are_not_reviewed(member, police):
    end_membership(by=police, membership=member, end=date(2025, 1, 1), reason=ExitReason.MOVED_AREA)
    assert run_exit_reviews(DUE) == []


def test_one_run_covers_the_whole_cohort(make_member):
    members = [make_member(start=START, last_name=f"Member{n}") for n in range(5)]
    late = make_member(start=date(2024, 12, 1), last_name="Later")
    assert len(run_exit_reviews(DUE)) == 5
    assert ExitReview.objects.filter(membership__in=members).count() == 5
    assert not ExitReview.objects.filter(membership=late).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_create_one_review(member):
    barrier = threading.Barrier(2)
    results, failures = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(run_exit_reviews(DUE))
        except Exception as exc:  # reported below
            failures.append(exc)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert sorted(len(r) for r in results) == [0, 1]
    only_review(member)


def test_management_command(member, capsys):
    call_command("run_exit_reviews", "--as-of", "2025-03-02")
    assert "Created 1 exit review(s) due by 2025-03-02." in capsys.readouterr().out
    call_command("run_exit_reviews", "--as-of", "2025-03-02")
    assert "Created 0 exit review(s)" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--as-of must be a date"):
        call_command("run_exit_reviews", "--as-of", "2/3/2025")


def test_celery_task(member):
    assert run_exit_reviews_task.apply(args=["2025-03-02"]).get() == 1
    assert run_exit_reviews_task.apply(args=["2025-03-02"]).get() == 0
    assert run_exit_reviews_task.name == "tasking.run_exit_reviews"
