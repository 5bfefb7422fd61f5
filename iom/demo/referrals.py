"""The demo's referrals: a dozen from police, probation and partners, through the services.

Each is submitted with referrals.services.submit_referral (which assesses eligibility and
registers automatic ones at once); decisions at past meetings go through tasking.workflow so
the meeting's quorum and minutes apply. Dates and wording are made up.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from iom.case_teams import add_partner
from iom.codes import OFFENCES
from iom.demo.backdate import Backdater, at
from iom.demo.meetings import Calendar
from referrals import services
from referrals.models import Notification, Referral, ReferralTransition

POLICE, PROBATION = "demo.police", "demo.offender-manager"
HOUSING, DRUGS = "demo.housing", "demo.practitioner"
PARTNERS = (HOUSING, DRUGS)
OM_PHONE = "01632 960 418"  # Ofcom's drama range


@dataclass(frozen=True)
class Spec:
    referrer: str
    ogrs: tuple[int | None, int | None]
    needs: tuple[str, ...] = ()
    risk: str = ""
    factors: str = ""
    transfer: bool = False
    previously: bool = False
    outcome: str = "open"  # open, accept, reject, withdraw
    reason: str = ""


SPECS = {
    "awaiting-police": Spec(
        POLICE,
        (71, 84),
        ("drugs",),
        factors="Arrested three times since the summer; associates with two current IOM members.",
    ),
    "auto-today": Spec(
        POLICE, (88, 93), ("drugs", "accommodation"), factors="Prolific shop theft to fund use."
    ),
    "awaiting-housing": Spec(
        HOUSING,
        (48, 62),
        ("accommodation", "ete", "drugs"),
        risk="Evicted last month after repeated disputes with neighbours; now sofa-surfing and "
        "reported to be shoplifting daily in the town centre.",
        factors="Tenancy ended for rent arrears; on the housing register.",
    ),
    "awaiting-probation": Spec(
        PROBATION,
        (76, 82),
        ("ete", "alcohol"),
        factors="Missed two appointments since the order began; drinking heavily again.",
    ),
    "accepted-tier-2": Spec(
        POLICE,
        (73, 86),
        ("drugs",),
        factors="Intelligence links him to a group of burglars working the villages.",
        outcome="accept",
        reason="Matrix and intelligence support inclusion; the drug service leads as he is using "
        "daily.",
    ),
    "auto-probation": Spec(
        PROBATION, (85, 91), ("accommodation", "drugs"), factors="Released to an approved premises."
    ),
    "rejected-tier-2": Spec(
        PROBATION,
        (70, 80),
        ("ete",),
        factors="First community order; complying so far.",
        outcome="reject",
        reason="Offending is low level and the community order is working; refer again if "
        "there are further arrests.",
    ),
    "withdrawn": Spec(
        PROBATION,
        (77, 83),
        ("accommodation",),
        outcome="withdraw",
        reason="Moved to another county to live with family; supervision transferred there.",
    ),
    "awaiting-drugs": Spec(
        DRUGS,
        (44, 57),
        ("drugs", "alcohol", "accommodation"),
        risk="Using heroin and crack daily; linked by the treatment team to thefts from cars "
        "outside the clinic.",
        factors="Dropped out of treatment twice this year.",
    ),
    "auto-transfer": Spec(
        POLICE,
        (66, 72),
        ("drugs",),
        transfer=True,
        previously=True,
        factors="Transferred from a neighbouring scheme where he was an IOM member.",
    ),
    "rejected-not-eligible": Spec(
        POLICE,
        (31, 42),
        outcome="reject",
        reason="OGRS well below the threshold and no partner needs identified; the "
        "neighbourhood team will keep an eye.",
    ),
    "rejected-excluded": Spec(
        POLICE,
        (80, 88),
        outcome="reject",
        reason="Managed under MAPPA at level 2, which excludes IOM; shared with the MAPPA chair.",
    ),
}


def referral_days(cal: Calendar) -> dict:
    """{role: (referral date, decision date or None)}."""
    today, after_last = cal.today, min(cal.last_daily + timedelta(days=1), cal.today)
    accepted, rejected = cal.daily_near(14), cal.daily_near(9)
    not_eligible, excluded = cal.daily_near(5), cal.daily_near(12)
    return {
        "awaiting-police": (after_last, None),
        "awaiting-housing": (after_last, None),
        "awaiting-probation": (today, None),
        "awaiting-drugs": (today, None),
        "auto-today": (today, None),
        "auto-probation": (today - timedelta(days=8), None),
        "auto-transfer": (today - timedelta(days=13), None),
        "accepted-tier-2": (accepted - timedelta(days=2), accepted),
        "rejected-tier-2": (rejected - timedelta(days=1), rejected),
        "rejected-not-eligible": (not_eligible - timedelta(days=1), not_eligible),
        "rejected-excluded": (excluded - timedelta(days=1), excluded),
        "withdrawn": (today - timedelta(days=11), today - timedelta(days=6)),
    }


def _offence_text(nominal, events) -> str:
    convictions = [e for e in events if e["kind"] == "conviction"]
    if not convictions:
        return "Arrested for a string of offences; no recent conviction recorded."
    last = convictions[-1]
    return (
        f"Convicted on {last['date']:%d %B %Y} of {OFFENCES[last['offence']].lower()} "
        f"committed on {last['offence_date']:%d %B %Y}."
    )


def submit(partnership, role, nominal, day: date, events, backdater: Backdater) -> Referral:
    spec, staff = SPECS[role], partnership.staff
    by = staff[spec.referrer]
    if spec.referrer in PARTNERS:  # a partner refers only the nominals on its case team
        add_partner(by=staff["demo.coordinator"], nominal=nominal, user=by)
    data = {
        "referral_date": day,
        "current_offence_details": _offence_text(nominal, events),
        "relevant_factors": spec.factors,
        "ogrs_1yr": spec.ogrs[0],
        "ogrs_2yr": spec.ogrs[1],
        "previously_on_panel": spec.previously,
        "needs": list(spec.needs),
        "risk_to_community": spec.risk,
        "transfer_from_other_area": spec.transfer,
        "current_orders": "Community order with supervision" if spec.referrer == PROBATION else "",
    }
    if spec.referrer == PROBATION:
        data |= {"offender_manager": by, "offender_manager_phone": OM_PHONE}
    level = partnership.levels["ppo" if nominal.is_ppo else "iom"]
    referral = services.submit_referral(by=by, nominal=nominal, data=data, level=level)
    backdater.set(Referral, referral.pk, "created_at", at(day, 240))
    for n, pk in enumerate(referral.transitions.values_list("pk", flat=True)):
        backdater.set(ReferralTransition, pk, "at", at(day, 240 + n))
    if referral.membership_id:  # automatic: joined on the day it was referred
        backdater.set(type(referral.membership), referral.membership_id, "created_at", at(day, 241))
        _backdate_notices(referral, at(day, 241), backdater)
    return referral


def _backdate_notices(referral, when, backdater):
    pks = Notification.objects.filter(link=referral.get_absolute_url()).values_list("pk", flat=True)
    backdater.set_many(Notification, pks, "created", when)


def after_decision(referral, when, backdater):
    """Put the decision's transition and notices at the time it was taken."""
    last = referral.transitions.order_by("-id").first()
    backdater.set(ReferralTransition, last.pk, "at", when)
    _backdate_notices(referral, when, backdater)


def withdraw(partnership, referral, day, backdater):
    spec = SPECS["withdrawn"]
    referral = services.decide_referral(
        by=partnership.staff[spec.referrer],
        referral=referral,
        action="withdraw",
        reason=spec.reason,
    )
    after_decision(referral, at(day, 420), backdater)
    return referral
