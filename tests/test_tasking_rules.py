from datetime import date

import pytest

from tasking import rules

POLICE, PROBATION, HOUSING, SUBSTANCE = (1, "Police"), (2, "Probation"), (3, "Housing"), (4, "DIP")


@pytest.mark.parametrize(
    ("attendees", "required", "met", "present"),
    [
        ([], 3, False, 0),
        ([POLICE], 3, False, 1),
        ([POLICE, PROBATION], 3, False, 2),
        ([POLICE, PROBATION, HOUSING], 3, True, 3),
        ([POLICE, POLICE, PROBATION], 3, False, 2),  # two officers count once
        ([POLICE, POLICE, PROBATION, PROBATION, HOUSING], 3, True, 3),
        ([POLICE, PROBATION, HOUSING, SUBSTANCE], 3, True, 4),
        ([POLICE, PROBATION], 2, True, 2),  # the number is the scheme's policy
        ([POLICE, PROBATION, HOUSING], 4, False, 3),
    ],
)
def test_quorum_counts_different_agencies(attendees, required, met, present):
    result = rules.quorum(attendees, required)
    assert (result.met, result.present, result.required) == (met, present, required)


def test_quorum_message_names_the_agencies_and_the_rule():
    result = rules.quorum([POLICE, PROBATION, PROBATION], 3)
    assert result.message.startswith("Quorum not met: 2 agencies present (Police, Probation).")
    assert "At least 3 different agencies" in result.message
    assert rules.quorum([POLICE, PROBATION, HOUSING], 3).message.startswith("Quorum met: 3")


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2025, 3, 10), date(2025, 3, 10)),  # Monday
        (date(2025, 3, 16), date(2025, 3, 10)),  # Sunday belongs to the week before
        (date(2025, 3, 17), date(2025, 3, 17)),
        (date(2025, 1, 1), date(2024, 12, 30)),  # weeks cross years
    ],
)
def test_week_start_is_monday(day, monday):
    assert rules.week_start(day) == monday


TODAY = date(2025, 3, 19)  # Wednesday; this week 17–23 March, last week 10–16 March


@pytest.mark.parametrize(
    ("dates", "this_week", "last_week"),
    [
        ([], (0, True), (0, True)),
        ([date(2025, 3, 17), date(2025, 3, 18), date(2025, 3, 19)], (3, False), (0, True)),
        ([date(2025, 3, 10), date(2025, 3, 12), date(2025, 3, 16)], (0, True), (3, False)),
        ([date(2025, 3, 9), date(2025, 3, 10), date(2025, 3, 16)], (0, True), (2, True)),
        ([date(2025, 3, 23), date(2025, 3, 24)], (1, True), (0, True)),  # Sunday in, Monday out
        ([date(2025, 3, 11)] * 4, (0, True), (4, False)),
    ],
)
def test_weekly_frequency_of_daily_tasking(dates, this_week, last_week):
    current, previous = rules.weekly_frequency(dates, TODAY, required=3)
    assert (current.start, current.end) == (date(2025, 3, 17), date(2025, 3, 23))
    assert current.current and not previous.current
    assert (current.meetings, current.short) == this_week
    assert (previous.meetings, previous.short) == last_week


def test_weekly_frequency_message_says_what_is_short():
    _, previous = rules.weekly_frequency([date(2025, 3, 12)], TODAY, required=3)
    assert previous.message == (
        "The week from Monday 10 March 2025 to Sunday 16 March 2025 has 1 daily tasking "
        "meeting; the scheme's policy is at least 3 a week."
    )


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 9, 2), 6, date(2025, 3, 2)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),  # clamped to the month's end
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 7, 31), 12, date(2025, 7, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert rules.add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "retained", "expected"),
    [
        (date(2024, 9, 2), None, date(2025, 3, 2)),
        (date(2024, 9, 2), date(2025, 3, 10), date(2025, 9, 10)),
        (date(2024, 9, 2), date(2024, 1, 1), date(2025, 3, 2)),  # a retain before the spell
    ],
)
def test_review_due_date(start, retained, expected):
    assert rules.review_due_date(start, retained, 6) == expected


@pytest.mark.parametrize(
    ("statutory", "substance", "agency"),
    [
        (True, "", rules.PROBATION),
        (True, "heroin", rules.PROBATION),  # statutory comes first
        (False, "crack cocaine", rules.SUBSTANCE_MISUSE),
        (False, "  ", None),
        (False, "", None),
    ],
)
def test_lead_suggestion_follows_london_steps_6_and_7(statutory, substance, agency):
    suggestion = rules.suggest_lead(statutory=statutory, primary_substance=substance)
    assert suggestion.agency == agency
    assert suggestion.reason
