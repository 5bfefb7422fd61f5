"""The eligibility rules as tables of cases (referrals/eligibility.py, DOMAIN.md)."""

from dataclasses import replace
from datetime import date

import pytest

from referrals.eligibility import (
    AUTOMATIC,
    EXCLUDED,
    LONDON,
    NOT_ELIGIBLE,
    TIER_2,
    Conviction,
    CustodyPeriod,
    NominalFlags,
    Policy,
    ReferralFacts,
    age_on,
    assess,
    liberty_window_start,
    months_before,
)

REFERRAL_DATE = date(2024, 7, 15)
ADULT = NominalFlags(
    is_ppo=False,
    mappa_level=0,
    current_sex_offender=False,
    yos_high_risk=False,
    date_of_birth=date(1990, 3, 27),
)
RECENT = (Conviction(date(2024, 6, 1), "shoplifting", date(2024, 5, 20)),)
DERBYSHIRE = Policy()
LONDON_POLICY = Policy(kind=LONDON, automatic_threshold=75, discretion_threshold=51)


def referral(**changes):
    base = ReferralFacts(
        referral_date=REFERRAL_DATE, ogrs_1yr=None, ogrs_2yr=None, referring_agency_kind="police"
    )
    return replace(base, **changes)


def nominal(**changes):
    return replace(ADULT, **changes)


DERBYSHIRE_CASES = [
    # (id, nominal changes, referral changes, convictions, decision, tier, reasons)
    ("ogrs-79", {}, {"ogrs_2yr": 79}, RECENT, NOT_ELIGIBLE, None, ["ogrs_below_threshold"]),
    ("ogrs-80", {}, {"ogrs_2yr": 80}, RECENT, TIER_2, 2, ["ogrs_80_89"]),
    ("ogrs-89", {}, {"ogrs_2yr": 89}, RECENT, TIER_2, 2, ["ogrs_80_89"]),
    ("ogrs-90", {}, {"ogrs_2yr": 90}, RECENT, AUTOMATIC, 1, ["ogrs_90_plus"]),
    ("ogrs-99", {}, {"ogrs_2yr": 99}, RECENT, AUTOMATIC, 1, ["ogrs_90_plus"]),
    (
        "only-2yr-score-counts",
        {},
        {"ogrs_1yr": 95, "ogrs_2yr": 70},
        RECENT,
        NOT_ELIGIBLE,
        None,
        ["ogrs_below_threshold"],
    ),
    ("ogrs-unknown", {}, {}, RECENT, NOT_ELIGIBLE, None, ["ogrs_below_threshold"]),
    ("ppo", {"is_ppo": True}, {}, RECENT, AUTOMATIC, 1, ["ppo", "ogrs_below_threshold"]),
    (
        "yos-high-risk",
        {"yos_high_risk": True},
        {"ogrs_2yr": 85},
        RECENT,
        AUTOMATIC,
        1,
        ["yos_high_risk", "ogrs_80_89"],
    ),
    (
        "transfer",
        {},
        {"transfer_from_other_area": True, "ogrs_2yr": 60},
        RECENT,
        AUTOMATIC,
        1,
        ["transfer_from_other_area", "ogrs_below_threshold"],
    ),
    (
        "mappa-2-beats-automatic",
        {"mappa_level": 2, "is_ppo": True},
        {"ogrs_2yr": 95},
        RECENT,
        EXCLUDED,
        None,
        ["mappa_level_2_3", "ppo", "ogrs_90_plus"],
    ),
    (
        "mappa-3",
        {"mappa_level": 3},
        {"ogrs_2yr": 85},
        RECENT,
        EXCLUDED,
        None,
        ["mappa_level_2_3", "ogrs_80_89"],
    ),
    (
        "mappa-1-not-excluded",
        {"mappa_level": 1},
        {"ogrs_2yr": 85},
        RECENT,
        TIER_2,
        2,
        ["ogrs_80_89"],
    ),
    (
        "sex-offender",
        {"current_sex_offender": True},
        {"ogrs_2yr": 92},
        RECENT,
        EXCLUDED,
        None,
        ["current_sex_offender", "ogrs_90_plus"],
    ),
    (
        "no-conviction",
        {},
        {"ogrs_2yr": 95},
        (),
        EXCLUDED,
        None,
        ["no_conviction_6_months_at_liberty", "ogrs_90_plus"],
    ),
    (
        "every-exclusion-listed",
        {
            "mappa_level": 2,
            "current_sex_offender": True,
            "date_of_birth": date(2007, 1, 1),
            "is_ppo": True,
        },
        {"ogrs_2yr": 90},
        (),
        EXCLUDED,
        None,
        [
            "mappa_level_2_3",
            "current_sex_offender",
            "no_conviction_6_months_at_liberty",
            "under_18",
            "ppo",
            "ogrs_90_plus",
        ],
    ),
    (
        "17-the-day-before-18th-birthday",
        {"date_of_birth": date(2006, 7, 16)},
        {"ogrs_2yr": 95},
        RECENT,
        EXCLUDED,
        None,
        ["under_18", "ogrs_90_plus"],
    ),
    (
        "18th-birthday-on-referral-date",
        {"date_of_birth": date(2006, 7, 15)},
        {"ogrs_2yr": 95},
        RECENT,
        AUTOMATIC,
        1,
        ["ogrs_90_plus"],
    ),
    # The partner route: below 80, a referrer outside police and probation.
    (
        "partner-one-need",
        {},
        {"referring_agency_kind": "housing", "needs": frozenset({"accommodation"})},
        RECENT,
        NOT_ELIGIBLE,
        None,
        ["ogrs_below_threshold"],
    ),
    (
        "partner-two-needs",
        {},
        {"referring_agency_kind": "housing", "needs": frozenset({"accommodation", "drugs"})},
        RECENT,
        TIER_2,
        2,
        ["ogrs_below_threshold", "partner_needs_two_or_more"],
    ),
    (
        "partner-risk-to-community",
        {},
        {
            "referring_agency_kind": "substance-misuse",
            "ogrs_2yr": 40,
            "risk_to_community": "Threatens staff",
        },
        RECENT,
        TIER_2,
        2,
        ["ogrs_below_threshold", "partner_risk_to_community"],
    ),
    (
        "partner-blank-risk-does-not-count",
        {},
        {"referring_agency_kind": "housing", "risk_to_community": "   "},
        RECENT,
        NOT_ELIGIBLE,
        None,
        ["ogrs_below_threshold"],
    ),
    (
        "partner-both",
        {},
        {
            "referring_agency_kind": "voluntary",
            "ogrs_2yr": 79,
            "needs": frozenset({"ete", "alcohol", "drugs"}),
            "risk_to_community": "Burgles",
        },
        RECENT,
        TIER_2,
        2,
        ["ogrs_below_threshold", "partner_needs_two_or_more", "partner_risk_to_community"],
    ),
    (
        "police-below-80-with-needs-not-eligible",
        {},
        {
            "referring_agency_kind": "police",
            "ogrs_2yr": 79,
            "needs": frozenset({"ete", "alcohol"}),
            "risk_to_community": "High",
        },
        RECENT,
        NOT_ELIGIBLE,
        None,
        ["ogrs_below_threshold"],
    ),
    (
        "probation-crc-below-80-not-eligible",
        {},
        {"referring_agency_kind": "probation-crc", "needs": frozenset({"ete", "alcohol"})},
        RECENT,
        NOT_ELIGIBLE,
        None,
        ["ogrs_below_threshold"],
    ),
    (
        "partner-route-excluded-still-listed",
        {"current_sex_offender": True},
        {"referring_agency_kind": "housing", "needs": frozenset({"ete", "drugs"})},
        RECENT,
        EXCLUDED,
        None,
        ["current_sex_offender", "ogrs_below_threshold", "partner_needs_two_or_more"],
    ),
]


@pytest.mark.parametrize(
    ("nominal_changes", "referral_changes", "convictions", "decision", "tier", "reasons"),
    [case[1:] for case in DERBYSHIRE_CASES],
    ids=[case[0] for case in DERBYSHIRE_CASES],
)
def test_derbyshire(nominal_changes, referral_changes, convictions, decision, tier, reasons):
    result = assess(
        nominal(**nominal_changes), referral(**referral_changes), convictions, (), DERBYSHIRE
    )
    assert (result.decision, result.tier, list(result.reasons)) == (decision, tier, reasons)


# Referral 15 July 2024: six months back is 15 January 2024, 183 days counted with both ends.
LIBERTY_CASES = [
    # (id, conviction date, custody periods, has conviction at liberty)
    ("on-window-start", date(2024, 1, 15), (), True),
    ("day-before-window", date(2024, 1, 14), (), False),
    ("on-referral-date", date(2024, 7, 15), (), True),
    ("after-referral-date", date(2024, 7, 16), (), False),
    # Ten days in custody (1–10 March, both included) push the window back ten days.
    (
        "custody-pushes-back",
        date(2024, 1, 5),
        (CustodyPeriod(date(2024, 3, 1), date(2024, 3, 10)),),
        True,
    ),
    (
        "custody-pushes-back-not-far-enough",
        date(2024, 1, 4),
        (CustodyPeriod(date(2024, 3, 1), date(2024, 3, 10)),),
        False,
    ),
    # Released last month after two years inside: the conviction that sent them there counts.
    (
        "long-sentence",
        date(2022, 5, 3),
        (CustodyPeriod(date(2022, 5, 3), date(2024, 6, 30)),),
        True,
    ),
    # In custody since 1 September 2023: 183 liberty days back from 31 August 2023.
    ("still-in-custody", date(2023, 3, 2), (CustodyPeriod(date(2023, 9, 1), None),), True),
    ("still-in-custody-too-old", date(2023, 3, 1), (CustodyPeriod(date(2023, 9, 1), None),), False),
    # A custody period before the window does not move it.
    (
        "old-custody-irrelevant",
        date(2024, 1, 14),
        (CustodyPeriod(date(2023, 1, 1), date(2023, 6, 1)),),
        False,
    ),
]


@pytest.mark.parametrize(
    ("conviction_date", "custody", "expected"),
    [case[1:] for case in LIBERTY_CASES],
    ids=[case[0] for case in LIBERTY_CASES],
)
def test_six_months_at_liberty(conviction_date, custody, expected):
    result = assess(
        nominal(), referral(ogrs_2yr=85), (Conviction(conviction_date, "theft-other"),), custody
    )
    assert ("no_conviction_6_months_at_liberty" not in result.reasons) is expected
    assert result.decision == (TIER_2 if expected else EXCLUDED)


@pytest.mark.parametrize(
    ("referral_date", "custody", "start"),
    [
        (date(2024, 7, 15), (), date(2024, 1, 15)),
        (
            date(2024, 7, 15),
            (CustodyPeriod(date(2024, 7, 1), date(2024, 7, 15)),),
            date(2023, 12, 31),
        ),
        (date(2024, 8, 31), (), date(2024, 2, 29)),
        (date(2023, 8, 31), (), date(2023, 2, 28)),
        # Two custody spells inside the window, 5 + 3 days.
        (
            date(2024, 7, 15),
            (
                CustodyPeriod(date(2024, 2, 1), date(2024, 2, 5)),
                CustodyPeriod(date(2024, 5, 1), date(2024, 5, 3)),
            ),
            date(2024, 1, 7),
        ),
    ],
)
def test_liberty_window_start(referral_date, custody, start):
    assert liberty_window_start(referral_date, 6, custody) == start


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 7, 15), 6, date(2024, 1, 15)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2024, 1, 31), 12, date(2023, 1, 31)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


@pytest.mark.parametrize(
    ("dob", "day", "age"),
    [
        (date(2006, 7, 15), date(2024, 7, 15), 18),
        (date(2006, 7, 16), date(2024, 7, 15), 17),
        (date(2006, 2, 28), date(2024, 2, 28), 18),
    ],
)
def test_age_on(dob, day, age):
    assert age_on(dob, day) == age


def test_scheme_thresholds_are_used():
    lenient = Policy(automatic_threshold=70, discretion_threshold=60)
    assert assess(nominal(), referral(ogrs_2yr=72), RECENT, (), lenient).decision == AUTOMATIC
    assert assess(nominal(), referral(ogrs_2yr=65), RECENT, (), lenient).decision == TIER_2


def test_unknown_policy_is_refused():
    with pytest.raises(ValueError, match="Unknown eligibility policy"):
        Policy(kind="somewhere")


ROBBERY_RECENT = (Conviction(date(2024, 3, 1), "robbery", date(2024, 1, 10)),)
BURGLARY_OLD = (Conviction(date(2023, 9, 1), "burglary-dwelling", date(2023, 7, 14)),)
BURGLARY_ON_EDGE = (Conviction(date(2023, 9, 1), "burglary-other", date(2023, 7, 15)),)
BURGLARY_NO_OFFENCE_DATE = (Conviction(date(2023, 8, 1), "burglary-aggravated"),)
THEFT = (Conviction(date(2024, 3, 1), "theft-other", date(2024, 2, 1)),)

LONDON_CASES = [
    ("ogrs-50", {}, {"ogrs_2yr": 50}, ROBBERY_RECENT, NOT_ELIGIBLE, None, ["ogrs_below_threshold"]),
    ("ogrs-unknown", {}, {}, ROBBERY_RECENT, NOT_ELIGIBLE, None, ["ogrs_below_threshold"]),
    (
        "ogrs-51-robbery",
        {},
        {"ogrs_2yr": 51},
        ROBBERY_RECENT,
        TIER_2,
        2,
        ["ogrs_51_74_robbery_burglary"],
    ),
    (
        "ogrs-74-robbery",
        {},
        {"ogrs_2yr": 74},
        ROBBERY_RECENT,
        TIER_2,
        2,
        ["ogrs_51_74_robbery_burglary"],
    ),
    ("ogrs-75", {}, {"ogrs_2yr": 75}, (), AUTOMATIC, 1, ["ogrs_75_plus"]),
    ("ogrs-51-no-qualifier", {}, {"ogrs_2yr": 51}, THEFT, NOT_ELIGIBLE, None, []),
    ("ogrs-60-burglary-over-12-months", {}, {"ogrs_2yr": 60}, BURGLARY_OLD, NOT_ELIGIBLE, None, []),
    (
        "ogrs-60-burglary-on-window-start",
        {},
        {"ogrs_2yr": 60},
        BURGLARY_ON_EDGE,
        TIER_2,
        2,
        ["ogrs_51_74_robbery_burglary"],
    ),
    (
        "ogrs-60-burglary-conviction-date-used",
        {},
        {"ogrs_2yr": 60},
        BURGLARY_NO_OFFENCE_DATE,
        TIER_2,
        2,
        ["ogrs_51_74_robbery_burglary"],
    ),
    (
        "ogrs-60-exceptional",
        {},
        {"ogrs_2yr": 60, "exceptional_circumstances": "Gang lead"},
        THEFT,
        TIER_2,
        2,
        ["ogrs_51_74_exceptional"],
    ),
    (
        "ogrs-60-both",
        {},
        {"ogrs_2yr": 60, "exceptional_circumstances": "Gang lead"},
        ROBBERY_RECENT,
        TIER_2,
        2,
        ["ogrs_51_74_robbery_burglary", "ogrs_51_74_exceptional"],
    ),
    (
        "ogrs-50-exceptional-not-enough",
        {},
        {"ogrs_2yr": 50, "exceptional_circumstances": "Gang lead"},
        THEFT,
        NOT_ELIGIBLE,
        None,
        ["ogrs_below_threshold"],
    ),
    (
        "mappa-excluded",
        {"mappa_level": 3},
        {"ogrs_2yr": 80},
        (),
        EXCLUDED,
        None,
        ["mappa_level_2_3", "ogrs_75_plus"],
    ),
    # London's rules do not carry Derbyshire's other exclusions or automatic routes.
    (
        "no-recent-conviction-not-excluded",
        {"is_ppo": True},
        {"ogrs_2yr": 76},
        (),
        AUTOMATIC,
        1,
        ["ogrs_75_plus"],
    ),
]


@pytest.mark.parametrize(
    ("nominal_changes", "referral_changes", "convictions", "decision", "tier", "reasons"),
    [case[1:] for case in LONDON_CASES],
    ids=[case[0] for case in LONDON_CASES],
)
def test_london(nominal_changes, referral_changes, convictions, decision, tier, reasons):
    result = assess(
        nominal(**nominal_changes), referral(**referral_changes), convictions, (), LONDON_POLICY
    )
    assert (result.decision, result.tier, list(result.reasons)) == (decision, tier, reasons)
