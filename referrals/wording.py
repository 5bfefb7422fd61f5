"""Eligibility reasons in plain words, with the scheme's own numbers."""

from referrals.eligibility import Policy

REASON_TEXT = {
    "mappa_level_2_3": "Excluded: managed at MAPPA level 2 or 3.",
    "current_sex_offender": "Excluded: a current sex offender.",
    "no_conviction_6_months_at_liberty": (
        "Excluded: no conviction in the last {months} months spent at liberty before the "
        "referral date (time in custody does not count)."
    ),
    "under_18": (
        "Excluded: under 18 on the referral date. Young people are monitored through the youth "
        "offending service until they are 18."
    ),
    "ppo": "Automatic registration: a prolific and other priority offender (PPO).",
    "yos_high_risk": (
        "Automatic registration: a youth offending service case assessed as high risk of "
        "re-offending."
    ),
    "transfer_from_other_area": "Automatic registration: a PPO or IOM case transferred from "
    "another area.",
    "ogrs_90_plus": "Automatic registration (Tier 1): OGRS3 2-year score of {automatic} or more.",
    "ogrs_80_89": (
        "Tier 2: OGRS3 2-year score from {discretion} to {below_automatic}. Professional "
        "judgement at daily tasking, with the referral form and the IOM matrix."
    ),
    "partner_needs_two_or_more": (
        "Tier 2 partner referral: needs identified in at least two of accommodation; education, "
        "training or employment; drugs; alcohol."
    ),
    "partner_risk_to_community": "Tier 2 partner referral: the referrer records a risk to the "
    "community.",
    "ogrs_below_threshold": "OGRS3 2-year score below {discretion}, or not known.",
    "ogrs_75_plus": "IOM cohort: OGRS3 2-year score of {automatic} or more.",
    "ogrs_51_74_robbery_burglary": (
        "OGRS3 2-year score from {discretion} to {below_automatic} with a robbery or burglary "
        "offence in the {recent} months before the referral."
    ),
    "ogrs_51_74_exceptional": (
        "OGRS3 2-year score from {discretion} to {below_automatic} with documented exceptional "
        "circumstances: the referrer must attend the panel to present them."
    ),
}


def describe_reason(code: str, policy: Policy) -> str:
    text = REASON_TEXT.get(code)
    if text is None:
        return code
    return text.format(
        months=policy.liberty_window_months,
        automatic=policy.automatic_threshold,
        below_automatic=policy.automatic_threshold - 1,
        discretion=policy.discretion_threshold,
        recent=policy.recent_offence_months,
    )
