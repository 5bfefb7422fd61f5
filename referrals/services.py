"""Submitting and deciding referrals: validated, in one transaction, recording who and why."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from iom.access import can_record, is_coordinator, nominals_for_user, staff_of
from iom.codes import EventKind
from iom.models import Event, Membership, Nominal, StaffProfile
from iom.services.memberships import start_membership
from referrals import eligibility
from referrals.models import OPEN_STATUSES, Decision, Need, Referral, ReferralTransition, Status
from referrals.notifications import notify_decision

REFERRAL_FIELDS = (
    "referral_date",
    "current_offence_details",
    "relevant_factors",
    "offender_manager",
    "offender_manager_name",
    "offender_manager_phone",
    "ogrs_1yr",
    "ogrs_2yr",
    "current_orders",
    "previously_on_panel",
    "needs",
    "risk_to_community",
    "transfer_from_other_area",
    "exceptional_circumstances",
)
# Excluded and not eligible referrals may only be rejected or withdrawn (Strategy 4.2).
ACCEPTABLE = (Decision.AUTOMATIC, Decision.TIER_2)
ACTIONS = {"accept": Status.ACCEPTED, "reject": Status.REJECTED, "withdraw": Status.WITHDRAWN}


class ReferralRefused(ValidationError):
    """The nominal is already on the scheme or already referred; `link` shows where."""

    def __init__(self, message, link):
        super().__init__({"nominal": message})
        self.message_text = message
        self.link = link


def policy_for(scheme) -> eligibility.Policy:
    return eligibility.Policy(
        kind=scheme.policy,
        automatic_threshold=scheme.ogrs_automatic_threshold,
        discretion_threshold=scheme.ogrs_discretion_threshold,
        liberty_window_months=scheme.liberty_window_months,
    )


def assess_referral(referral: Referral) -> eligibility.Eligibility:
    """Eligibility from the referral and the nominal's recorded convictions and custody."""
    nominal, day = referral.nominal, referral.referral_date
    history = Event.objects.filter(nominal=nominal, date__lte=day)
    convictions = [
        eligibility.Conviction(e.date, e.offence, e.offence_date)
        for e in history.filter(kind=EventKind.CONVICTION).only("date", "offence", "offence_date")
    ]
    custody = [
        eligibility.CustodyPeriod(e.date, e.end_date)
        for e in history.filter(kind=EventKind.CUSTODY).only("date", "end_date")
    ]
    flags = eligibility.NominalFlags(
        is_ppo=nominal.is_ppo,
        mappa_level=nominal.mappa_level,
        current_sex_offender=nominal.current_sex_offender,
        yos_high_risk=nominal.yos_high_risk,
        date_of_birth=nominal.date_of_birth,
    )
    facts = eligibility.ReferralFacts(
        referral_date=day,
        ogrs_1yr=referral.ogrs_1yr,
        ogrs_2yr=referral.ogrs_2yr,
        referring_agency_kind=referral.referring_agency.kind,
        needs=frozenset(referral.needs),
        risk_to_community=referral.risk_to_community,
        exceptional_circumstances=referral.exceptional_circumstances,
        transfer_from_other_area=referral.transfer_from_other_area,
    )
    return eligibility.assess(flags, facts, convictions, custody, policy_for(referral.scheme))


def refuse_if_member_or_referred(nominal, scheme):
    """Raise ReferralRefused when the nominal is a current member or already referred."""
    spell = Membership.objects.filter(nominal=nominal, scheme=scheme, end__isnull=True).first()
    if spell is not None:
        raise ReferralRefused(
            f"{nominal} is already a member of {scheme} since {spell.start:%d %b %Y}",
            reverse("nominal-detail", args=[nominal.pk]),
        )
    open_referral = Referral.objects.filter(
        nominal=nominal, scheme=scheme, status__in=OPEN_STATUSES
    ).first()
    if open_referral is not None:
        raise ReferralRefused(
            f"{nominal} already has an open referral (referral {open_referral.pk}, "
            f"{open_referral.get_status_display().lower()})",
            open_referral.get_absolute_url(),
        )


def _validate(data, staff, today):
    errors = {}
    day = data.get("referral_date")
    if day is not None and day > today:
        errors["referral_date"] = "The date of referral cannot be in the future"
    unknown = set(data.get("needs") or ()) - set(Need.values)
    if unknown:
        errors["needs"] = f"Unknown needs: {', '.join(sorted(unknown))}"
    manager = data.get("offender_manager")
    if (
        manager is not None
        and not StaffProfile.objects.filter(user=manager, scheme_id=staff.scheme_id).exists()
    ):
        errors["offender_manager"] = "The offender manager must be a member of staff of the scheme"
    if errors:
        raise ValidationError(errors)


def _move(referral, to_status, by, reason, *, first=False):
    ReferralTransition.objects.create(
        referral=referral,
        from_status="" if first else referral.status,
        to_status=to_status,
        by=by,
        at=timezone.now(),
        reason=reason,
    )
    referral.status = to_status


@transaction.atomic
def submit_referral(*, by, nominal, data: dict, level=None) -> Referral:
    """Record a referral with its eligibility. Automatic registrations join the scheme at once
    (and go to the next tasking for information); the rest await a decision at tasking."""
    staff = staff_of(by)
    if staff is None or not can_record(by):
        raise PermissionDenied("Your role may not make referrals")
    if not nominals_for_user(by).filter(pk=nominal.pk).exists():
        raise PermissionDenied("No such nominal")
    nominal = Nominal.objects.select_for_update().get(pk=nominal.pk)  # one submission at a time
    scheme = staff.scheme
    today = timezone.localdate()
    _validate(data, staff, today)
    refuse_if_member_or_referred(nominal, scheme)
    referral = Referral(
        scheme=scheme,
        nominal=nominal,
        referred_by=by,
        referring_agency=staff.agency,
        **{key: data[key] for key in REFERRAL_FIELDS if key in data},
    )
    if referral.offender_manager and not referral.offender_manager_name:
        referral.offender_manager_name = referral.offender_manager.get_full_name()
    referral.needs = sorted(set(referral.needs or ()))
    referral.full_clean(exclude=["decision", "referred_by", "membership"])
    result = assess_referral(referral)
    referral.decision, referral.tier, referral.reasons = (
        result.decision,
        result.tier,
        list(result.reasons),
    )
    referral.for_information = result.decision == Decision.AUTOMATIC
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:  # a concurrent submission won the race
        raise ReferralRefused(
            f"{nominal} already has an open referral",
            reverse("nominal-detail", args=[nominal.pk]),
        ) from None
    _move(referral, Status.SUBMITTED, by, "Referral submitted", first=True)
    if result.decision == Decision.AUTOMATIC:
        _accept(referral, by, "Automatic registration under the scheme's policy", level)
        notify_decision(referral, actor=by)
    else:
        _move(referral, Status.AWAITING_DECISION, by, "For a decision at daily tasking")
    referral.save(update_fields=["status", "membership"])
    return referral


def _accept(referral, by, reason, level):
    scheme = referral.scheme
    level = level or scheme.levels.order_by("order", "name").first()
    if level is None:
        raise ValidationError({"level": f"{scheme} has no levels to register members at"})
    referral.membership = start_membership(
        by=by, nominal=referral.nominal, scheme=scheme, level=level, start=timezone.localdate()
    )
    _move(referral, Status.ACCEPTED, by, reason)


@transaction.atomic
def decide_referral(*, by, referral, action: str, reason: str = "", level=None) -> Referral:
    """Accept (creating the membership), reject or withdraw an open referral. Co-ordinators
    decide; the referrer may withdraw their own referral."""
    if action not in ACTIONS:
        raise ValidationError({"action": "Choose accept, reject or withdraw"})
    referral = (
        Referral.objects.select_for_update().select_related("scheme", "nominal").get(pk=referral.pk)
    )
    staff = staff_of(by)
    may_withdraw = action == "withdraw" and referral.referred_by_id == by.pk
    if staff is None or staff.scheme_id != referral.scheme_id:
        raise PermissionDenied("No such referral")
    if not (is_coordinator(by) or may_withdraw):
        raise PermissionDenied("Only an IOM co-ordinator may decide referrals")
    if not referral.is_open:
        raise ValidationError(
            {"action": f"This referral is already {referral.get_status_display().lower()}"}
        )
    reason = (reason or "").strip()
    if action != "accept" and not reason:
        raise ValidationError({"reason": f"Give the reason to {action} the referral"})
    if level is not None and level.scheme_id != referral.scheme_id:
        raise ValidationError({"level": f"{level} is not a level of {referral.scheme}"})
    if action == "accept" and referral.decision not in ACCEPTABLE:
        raise ValidationError(
            {
                "action": f"A referral assessed as {referral.get_decision_display().lower()} "
                "cannot be accepted: reject or withdraw it"
            }
        )
    if action == "accept":
        _accept(referral, by, reason, level)
    else:
        _move(referral, ACTIONS[action], by, reason)
    referral.save(update_fields=["status", "membership"])
    notify_decision(referral, actor=by)
    return referral
