"""The referral sections of the tasking agenda, registered from ReferralsConfig.ready().

One query each, whatever the number of referrals; both go through referrals_for_user, so a
partner agency sees only referrals of nominals on its case team (iom.access).
"""

from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.urls import reverse

from referrals import selectors
from referrals.models import Decision as Eligibility
from referrals.models import Status
from referrals.services import ACCEPTABLE, policy_for
from referrals.wording import describe_reason
from tasking.agenda import REFERRALS_ORDER, AgendaItem, register_section
from tasking.models import Decision

REFERRAL_DECISIONS = (Decision.Kind.ACCEPT_REFERRAL, Decision.Kind.REJECT_REFERRAL)


def _links(referral) -> list[tuple[str, str]]:
    links = [(f"Referral {referral.pk}", referral.get_absolute_url())]
    if referral.decision == Eligibility.TIER_2:
        links.append(("IOM matrix", reverse("matrix-nominal", args=[referral.nominal_id])))
    return links


def _reasons(referral, policy) -> list[str]:
    return [describe_reason(code, policy) for code in referral.reasons]


def _data(referral, reasons) -> dict:
    return {
        "referral": referral.pk,
        "status": referral.status,
        "eligibility": referral.decision,
        "eligibility_label": referral.get_decision_display(),
        "tier": referral.tier,
        "reasons": list(referral.reasons),
        "reason_texts": reasons,
    }


def _awaiting_item(referral, policy) -> AgendaItem:
    reasons = _reasons(referral, policy)
    referrer = referral.referred_by.get_full_name() or referral.referred_by.username
    decided = referral.status != Status.AWAITING_DECISION
    if decided:
        decisions = ()
    elif referral.decision in ACCEPTABLE:
        decisions = REFERRAL_DECISIONS
    else:
        decisions = (Decision.Kind.REJECT_REFERRAL,)
    return AgendaItem(
        key=f"referral-{referral.pk}",
        nominal=referral.nominal,
        title=f"Referral: {referral.get_decision_display()}",
        date=referral.referral_date,
        detail=" ".join(reasons) + f" Referred by {referrer}, {referral.referring_agency}.",
        obj=referral,
        decisions=decisions,
        extra={
            "links": _links(referral),
            "data": _data(referral, reasons),
            **({"decided": referral.get_status_display()} if decided else {}),
        },
    )


@register_section(
    "referrals",
    "Referrals awaiting decision",
    order=REFERRALS_ORDER,
    empty="No referrals are waiting for a decision.",
)
def referrals_awaiting_decision(ctx):
    """Awaiting a decision on the meeting's date, and those this meeting decided (minutes)."""
    decided_here = (
        Decision.objects.filter(meeting=ctx.meeting, kind__in=REFERRAL_DECISIONS)
        .alias(referral_id=Cast(KT("details__referral"), IntegerField()))
        .filter(referral_id=OuterRef("pk"))
    )
    referrals = (
        selectors.referrals_for_user(ctx.user)
        .filter(
            Q(status=Status.AWAITING_DECISION) | Exists(decided_here),
            scheme_id=ctx.meeting.scheme_id,
            referral_date__lte=ctx.as_of,
        )
        .select_related("nominal", "referring_agency", "referred_by")
        .order_by("referral_date", "id")
    )
    policy = policy_for(ctx.meeting.scheme)
    return [_awaiting_item(referral, policy) for referral in referrals]


@register_section(
    "accepted-automatically",
    "Accepted automatically (for information)",
    order=REFERRALS_ORDER + 1,
    empty="No automatic registrations since the previous meeting.",
)
def accepted_automatically(ctx):
    referrals = (
        selectors.accepted_for_information(ctx.user, ctx.since, ctx.as_of)
        .filter(scheme_id=ctx.meeting.scheme_id)
        .select_related("referring_agency")
    )
    policy = policy_for(ctx.meeting.scheme)
    items = []
    for referral in referrals:
        reasons = _reasons(referral, policy)
        level = referral.membership.level
        items.append(
            AgendaItem(
                key=f"accepted-{referral.pk}",
                nominal=referral.nominal,
                title=f"Joined at {level.name}: automatic registration",
                date=referral.membership.start,
                detail=" ".join(reasons) + f" Referred by {referral.referring_agency}.",
                obj=referral,
                extra={"links": _links(referral), "data": _data(referral, reasons)},
            )
        )
    return items
