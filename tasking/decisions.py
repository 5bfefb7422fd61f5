"""Decisions a quorate meeting records against an agenda item, with who and why.

Without quorum every decision is refused (QuorumNotMet); notes and actions are still allowed.
Referral and RAG decisions, which feed those apps' workflows, are in tasking/workflow.py.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iom.access import nominals_for_user
from iom.codes import AgencyKind, ExitReason
from iom.history import history_context
from iom.models import Membership
from iom.services.memberships import end_membership
from tasking import rules
from tasking.models import Decision, ExitReview, Meeting
from tasking.services import meeting_quorum, require_coordinator, scheme_agency, scheme_staff


class QuorumNotMet(Exception):
    """A decision was attempted at a meeting without enough different agencies present."""

    def __init__(self, quorum: rules.Quorum):
        super().__init__(quorum.message)
        self.quorum = quorum
        self.message = quorum.message


def quorate_meeting(by, meeting) -> Meeting:
    """Lock the meeting (so attendance cannot change underneath) and check its quorum."""
    require_coordinator(by, meeting.scheme_id)
    meeting = Meeting.objects.select_for_update().select_related("scheme").get(pk=meeting.pk)
    quorum = meeting_quorum(meeting)
    if not quorum.met:
        raise QuorumNotMet(quorum)
    return meeting


def _member(by, meeting, membership, field="membership") -> Membership:
    if membership is None:
        raise ValidationError({field: "Choose the member this decision is about"})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    visible = nominals_for_user(by).filter(pk=membership.nominal_id).exists()
    if membership.scheme_id != meeting.scheme_id or not visible:
        raise ValidationError({field: "Choose a member of this meeting's scheme"})
    return membership


def _open_review(exit_review, field="exit_review") -> ExitReview:
    review = ExitReview.objects.select_for_update().get(pk=exit_review.pk)
    if review.status != ExitReview.Status.OPEN:
        raise ValidationError(
            {field: f"This exit review was already decided ({review.get_status_display()})"}
        )
    return review


@transaction.atomic
def record_decision(*, by, meeting, kind, nominal, membership=None, reason="", details=None):
    """The one way a Decision row is written: quorum first, then the record."""
    meeting = quorate_meeting(by, meeting)
    return Decision.objects.create(
        meeting=meeting,
        kind=kind,
        nominal=nominal,
        membership=membership,
        reason=reason or "",
        details=details or {},
        decided_by=by,
    )


@transaction.atomic
def decide_exit(*, by, meeting, exit_reason, reason="", membership=None, exit_review=None):
    """End the spell at the meeting's date and close its open exit reviews."""
    meeting = quorate_meeting(by, meeting)
    review = _open_review(exit_review) if exit_review is not None else None
    if review is not None:
        membership = review.membership
    membership = _member(by, meeting, membership)
    if exit_reason not in ExitReason.values:
        raise ValidationError({"exit_reason": "Choose the reason for exit"})
    with history_context(by, via="tasking decision"):
        end_membership(
            by=by, membership=membership, end=meeting.date, reason=exit_reason, notes=reason
        )
    now = timezone.now()
    membership.exit_reviews.filter(status=ExitReview.Status.OPEN).update(
        status=ExitReview.Status.EXITED, decided_by=by, decided_at=now, reason=reason or ""
    )
    return Decision.objects.create(
        meeting=meeting,
        kind=Decision.Kind.EXIT,
        nominal_id=membership.nominal_id,
        membership=membership,
        exit_review=review,
        reason=reason or "",
        details={"exit_reason": exit_reason, "end": meeting.date.isoformat()},
        decided_by=by,
    )


@transaction.atomic
def decide_retain(*, by, meeting, exit_review, reason):
    """Keep the member; the next review falls due exit_review_months after this meeting."""
    meeting = quorate_meeting(by, meeting)
    if exit_review is None:
        raise ValidationError({"exit_review": "Choose the exit review this decision answers"})
    review = _open_review(exit_review)
    membership = _member(by, meeting, review.membership)
    if not (reason or "").strip():
        raise ValidationError(
            {
                "reason": "Give the reason for retaining, for example police intelligence "
                "supports continued inclusion"
            }
        )
    review.status, review.decided_by = ExitReview.Status.RETAINED, by
    review.decided_at, review.reason = timezone.now(), reason.strip()
    review.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    next_due = rules.add_months(meeting.date, meeting.scheme.exit_review_months)
    return Decision.objects.create(
        meeting=meeting,
        kind=Decision.Kind.RETAIN,
        nominal_id=membership.nominal_id,
        membership=membership,
        exit_review=review,
        reason=reason.strip(),
        details={"next_review_due": next_due.isoformat()},
        decided_by=by,
    )


def _person(user):
    return {"id": user.pk, "name": user.get_full_name() or user.username} if user else None


@transaction.atomic
def set_lead(
    *,
    by,
    meeting,
    membership,
    lead_agency=None,
    lead_professional=None,
    police_officer=None,
    reason="",
):
    """Set who manages the member (London steps 6–7); a choice left empty stays as it was."""
    meeting = quorate_meeting(by, meeting)
    membership = _member(by, meeting, membership)
    if lead_agency is None and lead_professional is None and police_officer is None:
        raise ValidationError(
            {"lead_agency": "Choose a lead agency, a lead professional or a police officer"}
        )
    if lead_agency is not None:
        scheme_agency(lead_agency, meeting.scheme_id, "lead_agency")
    if lead_professional is not None:
        scheme_staff(lead_professional, meeting.scheme_id, "lead_professional")
    if police_officer is not None:
        staff = scheme_staff(police_officer, meeting.scheme_id, "police_officer")
        if staff.agency.kind != AgencyKind.POLICE:
            raise ValidationError({"police_officer": f"{police_officer} is not a police officer"})
    previous = {
        "lead_agency": membership.lead_agency and membership.lead_agency.name,
        "lead_professional": _person(membership.lead_professional),
        "police_officer": _person(membership.police_officer),
    }
    membership.lead_agency = lead_agency or membership.lead_agency
    membership.lead_professional = lead_professional or membership.lead_professional
    membership.police_officer = police_officer or membership.police_officer
    with history_context(by, via="tasking decision"):
        membership.save(update_fields=["lead_agency", "lead_professional", "police_officer"])
    return Decision.objects.create(
        meeting=meeting,
        kind=Decision.Kind.SET_LEAD,
        nominal_id=membership.nominal_id,
        membership=membership,
        reason=reason or "",
        details={
            "lead_agency": membership.lead_agency and membership.lead_agency.name,
            "lead_professional": _person(membership.lead_professional),
            "police_officer": _person(membership.police_officer),
            "previous": previous,
        },
        decided_by=by,
    )
