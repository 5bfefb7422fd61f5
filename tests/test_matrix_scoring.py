"""The pure matrix scorer, case by case against DOMAIN.md and Strategy Appendix B."""

from datetime import date, timedelta

import pytest

from matrix.layout import DERBYSHIRE_2015_ROWS, seed_weights
from matrix.scoring import (
    NOT_ELIGIBLE,
    PROFESSIONAL_DISCRETION,
    TO_PANEL,
    MatrixEvent,
    MatrixSettings,
    OffenceWeight,
    is_high_grade,
    months_before,
    score,
)

AS_OF = date(2024, 6, 15)
SETTINGS = MatrixSettings(
    offences=tuple(
        OffenceWeight(code=code, label=code, heading=heading, weight=weight)
        for heading, code, weight, _ in seed_weights()
    )
)
DOMAIN_WEIGHTS = {
    "burglary-aggravated": 10,
    "burglary-dwelling": 8,
    "burglary-other": 5,
    "handling-stolen-goods": 3,
    "going-equipped": 3,
    "theft-of-vehicle": 4,
    "theft-from-vehicle": 2,
    "vehicle-interference": 2,
    "aggravated-twoc": 5,
    "twoc": 3,
    "dangerous-driving": 5,
    "reckless-driving": 3,
    "drink-drug-driving": 3,
    "disqualified-driving": 2,
    "shoplifting": 1,
    "theft-other": 2,
    "fraud": 1,
    "arson": 4,
    "criminal-damage": 2,
    "robbery": 10,
    "gbh": 10,
    "abh": 5,
    "assault-pc": 3,
    "common-assault": 2,
    "threats-to-kill": 5,
    "offensive-weapon": 5,
    "bladed-article": 3,
    "public-order": 2,
    "asbo": 10,
    "drunk-disorderly": 2,
    "drug-supply": 10,
    "drug-possession": 2,
}


def days_ago(n):
    return AS_OF - timedelta(days=n)


def ev(kind, when, offence="", grade=""):
    return MatrixEvent(kind=kind, date=when, offence=offence, grade=grade)


def row(breakdown, code):
    return next(r for r in breakdown.offences if r.code == code)


def test_seed_weights_are_the_domain_table_in_form_order():
    assert {code: weight for _, code, weight, _ in seed_weights()} == DOMAIN_WEIGHTS
    assert [h for h, _ in DERBYSHIRE_2015_ROWS] == [
        "Burglary",
        "Vehicle crime",
        "Theft",
        "Fraud",
        "Criminal damage",
        "Violence",
        "Anti-social behaviour",
        "Drugs",
    ]


def test_no_events_gives_every_row_at_zero():
    result = score(SETTINGS, [], AS_OF)
    assert [r.code for r in result.offences] == list(DOMAIN_WEIGHTS)
    assert all(r.score == 0 and r.convictions == 0 and r.arrests == 0 for r in result.offences)
    assert result.total == 0
    assert result.decision == NOT_ELIGIBLE
    assert result.unmatched == ()


@pytest.mark.parametrize(("code", "weight"), DOMAIN_WEIGHTS.items())
def test_each_offence_scores_its_weight_per_conviction_and_arrest(code, weight):
    events = [
        ev("conviction", days_ago(10), code),
        ev("conviction", days_ago(400), code),
        ev("arrest", days_ago(500), code),
    ]
    result = score(SETTINGS, events, AS_OF)
    r = row(result, code)
    assert (r.weight, r.convictions, r.arrests, r.score) == (weight, 2, 1, 3 * weight)
    assert result.offences_score == 3 * weight


@pytest.mark.parametrize(
    ("when", "counted"),
    [
        (date(2022, 6, 15), True),  # the same day 24 months before: included
        (date(2022, 6, 14), False),
        (AS_OF, True),
        (AS_OF + timedelta(days=1), False),  # after the as-of date: ignored
    ],
)
def test_offence_window_is_24_months_both_ends_included(when, counted):
    result = score(SETTINGS, [ev("conviction", when, "robbery")], AS_OF)
    assert row(result, "robbery").convictions == (1 if counted else 0)


def test_charges_do_not_count_as_convictions_or_arrests():
    result = score(SETTINGS, [ev("charge", days_ago(3), "robbery")], AS_OF)
    assert result.total == 0


@pytest.mark.parametrize("code", ["sexual-offence", "other", "domestic-abuse", "made-up"])
def test_offences_outside_the_table_score_zero_and_are_listed(code):
    events = [ev("conviction", days_ago(5), code), ev("conviction", days_ago(900), code)]
    result = score(SETTINGS, events, AS_OF)
    assert result.offences_score == 0
    assert [(u.code, u.convictions, u.arrests) for u in result.unmatched] == [(code, 1, 0)]


def test_an_unmatched_arrest_still_counts_as_an_arrest():
    result = score(SETTINGS, [ev("arrest", days_ago(5), "other")], AS_OF)
    assert (result.offences_score, result.arrests_12m, result.arrests_score) == (0, 1, 6)
    assert [(u.code, u.arrests) for u in result.unmatched] == [("other", 1)]


@pytest.mark.parametrize(
    ("grade", "high"),
    [
        ("A1", True),
        ("A2", True),
        ("B1", True),
        ("B2", True),
        ("A3", False),
        ("B3", False),
        ("C1", False),
        ("C2", False),
        ("E5", False),
        ("1A", True),
        ("1B", True),
        ("1C", False),
        ("2A", False),
        ("2B", False),
        ("3A", False),
        ("", False),
        ("X9", False),
    ],
)
def test_high_grade_in_both_grading_systems(grade, high):
    assert is_high_grade(grade) is high
    result = score(SETTINGS, [ev("intelligence", days_ago(1), grade=grade)], AS_OF)
    assert result.intelligence[0].high_grade == (1 if high else 0)
    assert result.intelligence[0].other == (0 if high else 1)
    assert result.intelligence_score == (5 if high else 3)


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, 0),
        (28, 0),
        (29, 1),
        (56, 1),
        (57, None),
        (-1, None),  # received after the as-of date
    ],
)
@pytest.mark.parametrize(("grade", "points"), [("B2", 5), ("1A", 5), ("C1", 3), ("2C", 3)])
def test_intelligence_bands_at_their_edges(age, band, grade, points):
    result = score(SETTINGS, [ev("intelligence", days_ago(age), grade=grade)], AS_OF)
    scores = [b.score for b in result.intelligence]
    expected = [0, 0]
    if band is not None:
        expected[band] = points
    assert scores == expected
    assert result.total == sum(expected)


def test_intelligence_bands_are_labelled_with_their_windows():
    first, second = score(SETTINGS, [], AS_OF).intelligence
    assert (first.band, first.window.start, first.window.end) == ("0-28", days_ago(28), AS_OF)
    assert (second.band, second.window.start, second.window.end) == (
        "29-56",
        days_ago(56),
        days_ago(29),
    )


@pytest.mark.parametrize(
    ("when", "counted"),
    [(date(2023, 6, 15), True), (date(2023, 6, 14), False), (AS_OF, True)],
)
def test_arrests_in_12_months_score_6_each(when, counted):
    result = score(SETTINGS, [ev("arrest", when, "fraud")], AS_OF)
    assert result.arrests_12m == (1 if counted else 0)
    assert result.arrests_score == (6 if counted else 0)
    # Still within 24 months, so the offence row counts it either way.
    assert row(result, "fraud").arrests == 1


@pytest.mark.parametrize(
    ("breaches", "lower", "upper", "points"),
    [(0, False, False, 0), (3, False, False, 0), (4, True, False, 5), (6, True, False, 5),
     (7, True, True, 15), (10, True, True, 15)],
)  # fmt: skip
def test_compliance_rows_are_answered_separately(breaches, lower, upper, points):
    events = [ev("breach" if i % 2 else "recall", days_ago(i * 7)) for i in range(breaches)]
    result = score(SETTINGS, events, AS_OF)
    assert result.breaches_24m == breaches
    assert [r.applies for r in result.compliance] == [lower, upper]
    assert result.compliance_score == points


@pytest.mark.parametrize(
    ("when", "counted"), [(date(2022, 6, 15), True), (date(2022, 6, 14), False)]
)
def test_compliance_window_is_24_months(when, counted):
    events = [ev("breach", days_ago(i)) for i in range(3)] + [ev("recall", when)]
    result = score(SETTINGS, events, AS_OF)
    assert result.breaches_24m == (4 if counted else 3)


def _events_for_total(total):
    """Robbery convictions (10) then shoplifting (1) to reach exactly `total`."""
    events = [ev("conviction", days_ago(100), "robbery") for _ in range(total // 10)]
    return events + [ev("conviction", days_ago(100), "shoplifting") for _ in range(total % 10)]


@pytest.mark.parametrize(
    ("total", "decision"),
    [
        (0, NOT_ELIGIBLE),
        (79, NOT_ELIGIBLE),
        (80, PROFESSIONAL_DISCRETION),
        (89, PROFESSIONAL_DISCRETION),
        (90, TO_PANEL),
        (130, TO_PANEL),
    ],
)
def test_decision_bands_at_their_edges(total, decision):
    result = score(SETTINGS, _events_for_total(total), AS_OF)
    assert result.total == total
    assert result.decision == decision


def test_total_adds_every_part():
    events = [
        ev("conviction", days_ago(30), "burglary-dwelling"),  # 8
        ev("arrest", days_ago(20), "robbery"),  # 10 offence + 6 arrest
        ev("intelligence", days_ago(2), grade="A1"),  # 5
        ev("intelligence", days_ago(40), grade="3E"),  # 3
        *[ev("breach", days_ago(60 + i)) for i in range(4)],  # 5
    ]
    result = score(SETTINGS, events, AS_OF)
    assert (
        result.offences_score,
        result.intelligence_score,
        result.arrests_score,
        result.compliance_score,
    ) == (18, 8, 6, 5)
    assert result.total == 37


def test_settings_are_data():
    custom = MatrixSettings(
        offences=(OffenceWeight("robbery", "Robbery", "Violence", 7),),
        offence_window_months=6,
        arrest_score=4,
        discretion_from=10,
        panel_from=20,
    )
    events = [ev("arrest", days_ago(10), "robbery"), ev("arrest", days_ago(200), "robbery")]
    result = score(custom, events, AS_OF)
    assert (result.offences_score, result.arrests_score, result.total) == (7, 8, 15)
    assert result.decision == PROFESSIONAL_DISCRETION


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 6, 15), 24, date(2022, 6, 15)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2024, 1, 31), 12, date(2023, 1, 31)),
        (date(2024, 1, 15), 1, date(2023, 12, 15)),
    ],
)
def test_months_before_clamps_to_the_end_of_a_shorter_month(day, months, expected):
    assert months_before(day, months) == expected
