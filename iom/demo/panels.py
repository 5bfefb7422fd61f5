"""Monthly panels of the last five months and their six-month exit reviews.

Each panel runs the exit review job as of its date (tasking.exit_reviews) and decides what
fell due through tasking.decisions: retain when the member re-offended, exit or retain (with a
reason) when they did not. The last panel leaves a few reviews open, both proposals, for today.
"""

from datetime import time

from iom.codes import OFFENCES, ExitReason
from iom.demo.backdate import at
from iom.demo.meetings import GUESTS, PANEL_ATTENDEES
from tasking import decisions, services
from tasking.exit_reviews import run_exit_reviews
from tasking.models import Decision, ExitReview, Meeting

LEFT_OPEN_PER_PROPOSAL = 2
EXIT_NOTES = (
    "No charge or conviction in the six months; engaging with supervision and treatment.",
    "No re-offending in the period and settled in a tenancy; agreed to exit.",
)
KEEP_NOTES = (
    "No charge or conviction in the period, but police intelligence supports continued inclusion.",
    "Not re-offended, but still using daily with no settled address; review again in six months.",
)


def backdate_reviews(ids, backdater):
    for pk, due in ExitReview.objects.filter(pk__in=ids).values_list("pk", "due_date"):
        backdater.set(ExitReview, pk, "created_at", at(due, start=time(2, 0)))


def _retain_note(review) -> str:
    found = review.offences[-1]
    offence = OFFENCES.get(found.get("offence") or "", "an offence").lower()
    return f"Re-offended in the period ({offence}, {found['offence_date']}); remains a priority."


def _left_open(reviews):
    """The latest-due reviews of each proposal, kept for today's tasking to decide."""
    keep = set()
    for proposal in ExitReview.Proposal.values:
        same = [r for r in reviews if r.proposal == proposal]
        keep |= {r.pk for r in same[-LEFT_OPEN_PER_PROPOSAL:]}
    return keep


def hold_panels(rng, runner, cal, backdater) -> int:
    """Returns how many exit reviews the panels decided."""
    decided = 0
    by, scheme = runner.coordinator, runner.scheme
    for number, day in enumerate(cal.panels):
        meeting = runner.hold(
            Meeting.Kind.PANEL, day, attendees=PANEL_ATTENDEES, guests=GUESTS[: 1 + number % 3]
        )
        backdate_reviews(run_exit_reviews(day, scheme), backdater)
        reviews = list(
            ExitReview.objects.filter(
                status=ExitReview.Status.OPEN, due_date__lte=day, membership__scheme=scheme
            ).order_by("due_date", "id")
        )
        last = number == len(cal.panels) - 1
        open_for_today = _left_open(reviews) if last else set()
        exits = retains = 0
        exit_share = 0.3 if number == 0 else 0.5  # the first panel clears an older backlog
        for review in reviews:
            if review.pk in open_for_today:
                continue
            if review.proposal == ExitReview.Proposal.RETAIN:
                decisions.decide_retain(
                    by=by, meeting=meeting, exit_review=review, reason=_retain_note(review)
                )
                retains += 1
            elif rng.random() < exit_share:
                decisions.decide_exit(
                    by=by,
                    meeting=meeting,
                    exit_reason=ExitReason.NOT_REOFFENDED,
                    reason=rng.choice(EXIT_NOTES),
                    exit_review=review,
                )
                exits += 1
            else:
                decisions.decide_retain(
                    by=by, meeting=meeting, exit_review=review, reason=rng.choice(KEEP_NOTES)
                )
                retains += 1
            backdater.set(ExitReview, review.pk, "decided_at", at(day, 30 + exits + retains))
        for n, pk in enumerate(meeting.decisions.values_list("pk", flat=True)):
            backdater.set(Decision, pk, "decided_at", at(day, 30 + n))
        decided += exits + retains
        notes = (
            f"Monthly panel. Six-month exit reviews: {exits} exited, {retains} retained. "
            "Critical cases and upcoming releases discussed."
        )
        services.update_notes(by=by, meeting=meeting, notes=notes)
    return decided
