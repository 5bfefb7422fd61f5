"""The needs table and needs change against a hand-computed fixture with blanks."""

from datetime import date
from decimal import Decimal

import pytest

from performance.measures import NO_DATA, needs_change, needs_table
from tests.test_performance_measures_fixtures import assessment, spell

D = Decimal


@pytest.fixture
def assessed(scheme, police):
    m1 = spell(scheme, "ppo", start=date(2015, 6, 1))
    m2 = spell(scheme, "iom", start=date(2015, 6, 1), area="S")
    #                                  acc   ete   hea   d&a fin   c&f   att
    assessment(m1, date(2016, 1, 10), [6, None, 2, 9, None, None, 7], police)
    assessment(m1, date(2016, 4, 10), [4, None, None, 8, 3, None, 7], police)
    assessment(m2, date(2016, 2, 1), [None, 5, None, 10, 4, None, 6], police)
    assessment(m2, date(2015, 12, 1), [10] * 7, police)  # before the period of the table


def test_needs_table_cumulative_and_when_scored_averages(scheme, assessed):
    table = needs_table(scheme, date(2016, 1, 1), date(2016, 12, 31))
    keys = [
        "assessments",
        "scored",
        "cumulative_average",
        "average_when_scored",
        "percent_identified",
    ]
    got = {r["code"]: tuple(r[k] for k in keys) for r in table.rows}
    assert got == {
        # sum 10 over 3 assessments; over 2 scored; 2 of 3
        "accommodation": (3, 2, D("3.33"), D("5.00"), D("66.67")),
        "ete": (3, 1, D("1.67"), D("5.00"), D("33.33")),
        "health": (3, 1, D("0.67"), D("2.00"), D("33.33")),
        "drugs-alcohol": (3, 3, D("9.00"), D("9.00"), D("100.00")),
        "finance": (3, 2, D("2.33"), D("3.50"), D("66.67")),
        "children-families": (3, 0, D("0.00"), None, D("0.00")),
        "attitudes": (3, 3, D("6.67"), D("6.67"), D("100.00")),
    }
    assert table.rows[0]["pathway"] == "Accommodation"
    assert table.note == "No average when scored for Children & families: no one was scored."


def test_needs_table_by_level(scheme, assessed):
    iom = scheme.levels.get(code="iom")
    table = needs_table(scheme, date(2016, 1, 1), date(2016, 12, 31), level=iom)
    assert {r["code"]: r["assessments"] for r in table.rows} == dict.fromkeys(
        [r["code"] for r in table.rows], 1
    )


def test_needs_table_empty_period(scheme, assessed):
    table = needs_table(scheme, date(2010, 1, 1), date(2010, 12, 31))
    assert table.note == NO_DATA
    assert all(
        (r["assessments"], r["cumulative_average"], r["percent_identified"]) == (0, None, None)
        for r in table.rows
    )


def test_needs_change_first_against_latest(scheme, assessed):
    table = needs_change(scheme, date(2015, 11, 1), date(2016, 12, 31))
    keys = [
        "members",
        "first_average",
        "latest_average",
        "change_pct",
        "improved",
        "worsened",
        "unchanged",
    ]
    got = {r["code"]: tuple(r[k] for k in keys) for r in table.rows}
    assert got == {
        "accommodation": (2, D("8.00"), D("2.00"), D("-75.00"), 2, 0, 0),
        "ete": (2, D("5.00"), D("2.50"), D("-50.00"), 1, 0, 1),
        "health": (2, D("6.00"), D("0.00"), D("-100.00"), 2, 0, 0),
        "drugs-alcohol": (2, D("9.50"), D("9.00"), D("-5.26"), 1, 0, 1),
        "finance": (2, D("5.00"), D("3.50"), D("-30.00"), 1, 1, 0),
        "children-families": (2, D("5.00"), D("0.00"), D("-100.00"), 1, 0, 1),
        "attitudes": (2, D("8.50"), D("6.50"), D("-23.53"), 1, 0, 1),
    }


def test_needs_change_only_counts_members_with_two_assessments(scheme, assessed):
    table = needs_change(scheme, date(2016, 1, 1), date(2016, 12, 31))
    rows = {r["code"]: r for r in table.rows}
    assert rows["accommodation"]["members"] == 1
    assert rows["children-families"]["change_pct"] is None
    assert "Children & families" in table.note
    empty = needs_change(scheme, date(2010, 1, 1), date(2010, 12, 31))
    assert empty.note.startswith(NO_DATA)
