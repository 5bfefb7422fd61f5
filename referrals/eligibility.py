"""Who may join the IOM cohort: the scheme's eligibility rules as a pure function.

No Django here: plain frozen dataclasses in, an `Eligibility` with every reason that applied
out, so the rules can be read and tested as tables (tests/test_eligibility.py). The readings of
the policy documents are those of DOMAIN.md; where it is silent the reading is written down in
the docstring of the rule that needs it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

DERBYSHIRE_2015 = "derbyshire_2015"
LONDON = "london"
POLICY_KINDS = (DERBYSHIRE_2015, LONDON)

# Decisions
EXCLUDED = "excluded"
AUTOMATIC = "automatic"
TIER_2 = "tier_2"
NOT_ELIGIBLE = "not_eligible"

# Reason codes, exactly as DOMAIN.md lists them.
MAPPA_LEVEL_2_3 = "mappa_level_2_3"
CURRENT_SEX_OFFENDER = "current_sex_offender"
NO_CONVICTION_AT_LIBERTY = "no_conviction_6_months_at_liberty"
UNDER_18 = "under_18"
PPO = "ppo"
YOS_HIGH_RISK = "yos_high_risk"
TRANSFER = "transfer_from_other_area"
OGRS_90_PLUS = "ogrs_90_plus"
OGRS_80_89 = "ogrs_80_89"
PARTNER_NEEDS = "partner_needs_two_or_more"
PARTNER_RISK = "partner_risk_to_community"
OGRS_BELOW = "ogrs_below_threshold"
OGRS_75_PLUS = "ogrs_75_plus"
OGRS_51_74_ROBBERY_BURGLARY = "ogrs_51_74_robbery_burglary"
OGRS_51_74_EXCEPTIONAL = "ogrs_51_74_exceptional"

EXCLUSION_REASONS = (MAPPA_LEVEL_2_3, CURRENT_SEX_OFFENDER, NO_CONVICTION_AT_LIBERTY, UNDER_18)

# Agencies whose referrals never take the partner route (Derbyshire step 4).
CORE_AGENCY_KINDS = frozenset({"police", "probation-nps", "probation-crc"})
# The needs the Derbyshire referral form counts for the partner route.
PARTNER_NEEDS_CHOICES = ("accommodation", "ete", "drugs", "alcohol")
ROBBERY_BURGLARY = frozenset(
    {"robbery", "burglary-aggravated", "burglary-dwelling", "burglary-other"}
)


@dataclass(frozen=True)
class NominalFlags:
    is_ppo: bool
    mappa_level: int
    current_sex_offender: bool
    yos_high_risk: bool
    date_of_birth: date


@dataclass(frozen=True)
class ReferralFacts:
    referral_date: date
    ogrs_1yr: int | None
    ogrs_2yr: int | None
    referring_agency_kind: str
    needs: frozenset[str] = frozenset()
    risk_to_community: str = ""
    exceptional_circumstances: str = ""
    transfer_from_other_area: bool = False


@dataclass(frozen=True)
class Conviction:
    date: date
    offence: str
    offence_date: date | None = None


@dataclass(frozen=True)
class CustodyPeriod:
    start: date
    end: date | None = None  # None: still in custody


@dataclass(frozen=True)
class Policy:
    """A scheme's numbers (Scheme.ogrs_* and liberty_window_months) and which rules it follows."""

    kind: str = DERBYSHIRE_2015
    automatic_threshold: int = 90
    discretion_threshold: int = 80
    liberty_window_months: int = 6
    # London: how recent a robbery or burglary must be for the 51–74 band.
    recent_offence_months: int = 12

    def __post_init__(self):
        if self.kind not in POLICY_KINDS:
            raise ValueError(f"Unknown eligibility policy {self.kind!r}")


@dataclass(frozen=True)
class Eligibility:
    decision: str
    tier: int | None
    reasons: tuple[str, ...] = field(default=())


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier; the month's last day when that day does not exist
    (31 August minus six months is 28 or 29 February)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years on `day`: someone is 18 on their 18th birthday."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def _in_custody(day: date, custody: tuple[CustodyPeriod, ...] | list[CustodyPeriod]) -> bool:
    return any(p.start <= day and (p.end is None or day <= p.end) for p in custody)


def liberty_window_start(referral_date: date, months: int, custody) -> date:
    """First day of the most recent `months` months spent at liberty before the referral date.

    Reading of "a conviction in the last six months (at liberty)": without custody the window is
    the ordinary N-month window of DOMAIN.md, from the same day N months before the referral date
    to the referral date, both included. Its length in days is the number of liberty days needed.
    Counting back day by day from the referral date, days in custody (from the date in to the
    date released, both included; an open period runs on past the referral date) are skipped and
    do not count, until that many liberty days have been counted. The window runs from that day
    to the referral date, so it includes the custody periods it reaches across.
    """
    needed = (referral_date - months_before(referral_date, months)).days + 1
    day, counted = referral_date, 0
    while True:
        if not _in_custody(day, custody):
            counted += 1
            if counted == needed:
                return day
        day -= timedelta(days=1)


def _has_conviction_at_liberty(referral, convictions, custody, policy) -> bool:
    start = liberty_window_start(referral.referral_date, policy.liberty_window_months, custody)
    return any(start <= c.date <= referral.referral_date for c in convictions)


def _recent_robbery_or_burglary(referral, convictions, policy) -> bool:
    """A robbery or burglary committed (the offence date; the conviction date when the offence
    date is not recorded) in the N-month window before the referral date."""
    start = months_before(referral.referral_date, policy.recent_offence_months)
    return any(
        c.offence in ROBBERY_BURGLARY
        and start <= (c.offence_date or c.date) <= referral.referral_date
        and c.date <= referral.referral_date
        for c in convictions
    )


def _derbyshire(nominal, referral, convictions, custody, policy) -> list[str]:
    reasons = []
    if nominal.mappa_level >= 2:
        reasons.append(MAPPA_LEVEL_2_3)
    if nominal.current_sex_offender:
        reasons.append(CURRENT_SEX_OFFENDER)
    if not _has_conviction_at_liberty(referral, convictions, custody, policy):
        reasons.append(NO_CONVICTION_AT_LIBERTY)
    if age_on(nominal.date_of_birth, referral.referral_date) < 18:
        reasons.append(UNDER_18)
    if nominal.is_ppo:
        reasons.append(PPO)
    if nominal.yos_high_risk:
        reasons.append(YOS_HIGH_RISK)
    if referral.transfer_from_other_area:
        reasons.append(TRANSFER)
    ogrs = referral.ogrs_2yr
    if ogrs is not None and ogrs >= policy.automatic_threshold:
        reasons.append(OGRS_90_PLUS)
    elif ogrs is not None and ogrs >= policy.discretion_threshold:
        reasons.append(OGRS_80_89)
    else:
        reasons.append(OGRS_BELOW)
        if referral.referring_agency_kind not in CORE_AGENCY_KINDS:
            if len(set(referral.needs) & set(PARTNER_NEEDS_CHOICES)) >= 2:
                reasons.append(PARTNER_NEEDS)
            if referral.risk_to_community.strip():
                reasons.append(PARTNER_RISK)
    return reasons


def _london(nominal, referral, convictions, custody, policy) -> list[str]:
    reasons = []
    if nominal.mappa_level >= 2:
        reasons.append(MAPPA_LEVEL_2_3)
    ogrs = referral.ogrs_2yr
    if ogrs is not None and ogrs >= policy.automatic_threshold:
        reasons.append(OGRS_75_PLUS)
    elif ogrs is not None and ogrs >= policy.discretion_threshold:
        if _recent_robbery_or_burglary(referral, convictions, policy):
            reasons.append(OGRS_51_74_ROBBERY_BURGLARY)
        if referral.exceptional_circumstances.strip():
            reasons.append(OGRS_51_74_EXCEPTIONAL)
    else:
        reasons.append(OGRS_BELOW)
    return reasons


AUTOMATIC_REASONS = frozenset({PPO, YOS_HIGH_RISK, TRANSFER, OGRS_90_PLUS, OGRS_75_PLUS})
TIER_2_REASONS = frozenset(
    {
        OGRS_80_89,
        PARTNER_NEEDS,
        PARTNER_RISK,
        OGRS_51_74_ROBBERY_BURGLARY,
        OGRS_51_74_EXCEPTIONAL,
    }
)


def assess(
    nominal: NominalFlags,
    referral: ReferralFacts,
    convictions=(),
    custody=(),
    policy: Policy | None = None,
) -> Eligibility:
    """Decide eligibility. Exclusions beat everything, but every reason that applied is listed,
    so people can see all of them, in the order of the policy."""
    policy = policy or Policy()
    rules = _london if policy.kind == LONDON else _derbyshire
    reasons = tuple(rules(nominal, referral, tuple(convictions), tuple(custody), policy))
    found = set(reasons)
    if found & set(EXCLUSION_REASONS):
        return Eligibility(EXCLUDED, None, reasons)
    if found & AUTOMATIC_REASONS:
        return Eligibility(AUTOMATIC, 1, reasons)
    if found & TIER_2_REASONS:
        return Eligibility(TIER_2, 2, reasons)
    return Eligibility(NOT_ELIGIBLE, None, reasons)
