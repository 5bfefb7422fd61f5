"""Decisions a meeting takes on another app's workflow: referrals and RAG status.

Each one checks the quorum first, then runs the owning app's service (so its rules, history and
notifications apply) and records the tasking Decision against the agenda item, all in one
transaction: a refusal anywhere leaves nothing half-written.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from iom.access import nominals_for_user
from iom.models import Level
from rag import services as rag_services
from rag.models import Colour, RagChange
from referrals import services as referral_services
from referrals.models import Referral
from tasking.decisions import quorate_meeting, record_decision
from tasking.models import Decision

REFERRAL_KINDS = {"accept": Decision.Kind.ACCEPT_REFERRAL, "reject": Decision.Kind.REJECT_REFERRAL}


def _visible_referral(by, meeting, referral) -> Referral:
    found = (
        Referral.objects.filter(
            pk=referral.pk,
            scheme_id=meeting.scheme_id,
            nominal__in=nominals_for_user(by).values("pk"),
        )
        .select_related("nominal")
        .first()
    )
    if found is None:
        raise ValidationError({"referral": "Choose a referral of this meeting's scheme"})
    return found


def _level(meeting, level, action) -> Level | None:
    if action != "accept":
        return None
    if level is None:
        raise ValidationError({"level": "Choose the level to manage the new member at"})
    if level.scheme_id != meeting.scheme_id:
        raise ValidationError({"level": f"{level} is not a level of this meeting's scheme"})
    return level


@transaction.atomic
def decide_referral(*, by, meeting, referral, action, level=None, reason="") -> Decision:
    """Accept (at the chosen level) or reject a referral; referrals notifies the referrer and
    the offender manager."""
    meeting = quorate_meeting(by, meeting)
    if action not in REFERRAL_KINDS:
        raise ValidationError({"decision": "Choose to accept or reject the referral"})
    referral = _visible_referral(by, meeting, referral)
    level = _level(meeting, level, action)
    reason = (reason or "").strip()
    try:
        referral = referral_services.decide_referral(
            by=by, referral=referral, action=action, reason=reason, level=level
        )
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        # "action" is the referrals page's field; at a meeting it is about the referral itself.
        raise ValidationError(
            {("referral" if k == "action" else k): v for k, v in exc.message_dict.items()}
        ) from None
    details = {
        "referral": referral.pk,
        "eligibility": referral.decision,
        "tier": referral.tier,
        "status": referral.status,
    }
    if level is not None:
        details |= {"level": level.code, "level_name": level.name}
    return record_decision(
        by=by,
        meeting=meeting,
        kind=REFERRAL_KINDS[action],
        nominal=referral.nominal,
        membership=referral.membership,
        reason=reason,
        details=details,
    )


@transaction.atomic
def confirm_rag(*, by, meeting, nominal, status, reason="", expected_version=None) -> Decision:
    """Confirm a RAG colour; the RAG history records this meeting. A stale expected_version
    raises rag.services.RagConflict."""
    meeting = quorate_meeting(by, meeting)
    visible = nominals_for_user(by).filter(pk=nominal.pk, scheme_id=meeting.scheme_id)
    if not visible.exists():
        raise ValidationError({"nominal": "Choose a nominal of this meeting's scheme"})
    record = rag_services.confirm_status(
        by=by,
        nominal=nominal,
        status=status,
        reason=reason,
        expected_version=expected_version,
        meeting_id=meeting.pk,
    )
    change = RagChange.objects.filter(nominal=nominal, meeting_id=meeting.pk).latest("id")
    return record_decision(
        by=by,
        meeting=meeting,
        kind=Decision.Kind.CONFIRM_RAG,
        nominal=nominal,
        reason=change.reason,
        details={
            "status": record.status,
            "status_label": Colour(record.status).label,
            "suggested": change.suggested,
            "suggested_label": Colour(change.suggested).label if change.suggested else "",
            "from_status": change.from_status,
            "from_label": Colour(change.from_status).label if change.from_status else "",
            "version": record.version,
        },
    )
