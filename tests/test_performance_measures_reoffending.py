"""Re-offending measures against hand-computed fixtures."""

from datetime import date
from decimal import Decimal

import pytest

from performance.measures import NO_DATA, reoffending_aligned, reoffending_fixed
from performance.models import OffenceUnitCost
from tests.test_performance_measures_fixtures import arrest, conviction, spell

BEFORE, AFTER = date(2014, 4, 1), date(2015, 4, 1)


@pytest.fixture
def fixed_sample(scheme, other_scheme):
    # A: PPO, 19 on 1 Apr 2015. Before 3 (one convicted after but committed before), after 1.
    a = spell(scheme, "ppo", start=date(2014, 1, 1), dob=date(1995, 6, 1)).nominal
    conviction(a, date(2014, 5, 1))
    conviction(a, date(2015, 1, 20), offence_date=date(2014, 12, 31))
    conviction(a, date(2015, 5, 1), offence_date=date(2015, 3, 31))
    conviction(a, date(2015, 6, 1))
    # B: IOM, 35, joined on the after date. Before 2 (first day included), after 3 (last day
    # included, the day after the year excluded).
    b = spell(scheme, "iom", start=AFTER, dob=date(1980, 1, 1)).nominal
    conviction(b, date(2014, 4, 1))
    conviction(b, date(2014, 10, 10))
    conviction(b, date(2015, 4, 1))
    conviction(b, date(2015, 9, 9))
    conviction(b, date(2016, 3, 31))
    conviction(b, date(2016, 4, 1))
    # C: spell ended the day before the after date: not in the sample.
    c = spell(scheme, "iom", start=date(2014, 1, 1), end=date(2015, 3, 31)).nominal
    conviction(c, date(2014, 6, 1))
    # D: covers the date but no offence in the before year: not in the sample.
    d = spell(scheme, "ppo", start=date(2014, 1, 1)).nominal
    conviction(d, date(2015, 6, 1))
    # E: PPO, 18 on the after date; spell ends on it (still covers it). Before 1, after 0.
    # Arrests are not offences.
    e = spell(scheme, "ppo", start=date(2015, 1, 1), end=AFTER, dob=date(1996, 4, 2)).nominal
    conviction(e, date(2014, 7, 1))
    arrest(e, date(2014, 8, 1))
    # Another scheme's member is never counted.
    f = spell(other_scheme, "iom", start=date(2014, 1, 1), area=None).nominal
    conviction(f, date(2014, 6, 1))


def by_group(table):
    return {row["group"]: row for row in table.rows}


def test_fixed_years_by_level_age_band_and_overall(scheme, fixed_sample):
    table = reoffending_fixed(scheme, BEFORE, AFTER)
    got = {
        g: (r["offenders"], r["before"], r["after"], r["change_pct"])
        for g, r in by_group(table).items()
    }
    assert got == {
        "PPO": (2, 4, 1, Decimal("-75.00")),
        "IOM": (1, 2, 3, Decimal("50.00")),
        "18–24": (2, 4, 1, Decimal("-75.00")),
        "25+": (1, 2, 3, Decimal("50.00")),
        "Overall": (3, 6, 4, Decimal("-33.33")),
    }
    assert [r["group"] for r in table.rows] == ["PPO", "IOM", "18–24", "25+", "Overall"]
    assert [key for key, _ in table.columns] == [
        "group",
        "offenders",
        "before",
        "after",
        "change_pct",
    ]
    assert table.note == ""
    assert "offence_date" not in table.definition and "committed" in table.definition


def test_fixed_years_filtered_by_level(scheme, fixed_sample):
    ppo = scheme.levels.get(code="ppo")
    table = reoffending_fixed(scheme, BEFORE, AFTER, level=ppo)
    assert [r["group"] for r in table.rows] == ["PPO", "18–24", "25+", "Overall"]
    rows = by_group(table)
    assert (rows["Overall"]["offenders"], rows["Overall"]["change_pct"]) == (2, Decimal("-75.00"))
    assert rows["25+"]["change_pct"] is None
    assert table.note == "No data for 25+ (no one in the sample)."


def test_fixed_years_under_18_band_appears_only_when_present(scheme, fixed_sample):
    young = spell(scheme, "iom", start=date(2015, 1, 1), dob=date(1998, 1, 1)).nominal
    conviction(young, date(2014, 9, 1))
    rows = by_group(reoffending_fixed(scheme, BEFORE, AFTER))
    assert (rows["Under 18"]["offenders"], rows["Under 18"]["change_pct"]) == (
        1,
        Decimal("-100.00"),
    )


def test_fixed_years_empty_period_says_no_data(scheme, fixed_sample):
    table = reoffending_fixed(scheme, date(2000, 1, 1), date(2001, 1, 1))
    assert table.note == NO_DATA
    assert all(r["offenders"] == 0 and r["change_pct"] is None for r in table.rows)


def test_fixed_years_is_reproducible(scheme, fixed_sample):
    assert reoffending_fixed(scheme, BEFORE, AFTER) == reoffending_fixed(scheme, BEFORE, AFTER)


AS_OF = date(2017, 1, 1)


@pytest.fixture
def aligned_sample(scheme):
    # P: PPO from 1 Jun 2015. Offences before: burglary dwelling £5,930, theft of vehicle
    # £10,290, shoplifting £210 (placeholder); after: burglary dwelling £5,930 (start day) and a
    # public order offence with no unit cost; one on 1 Jun 2016 is outside the year.
    p = spell(scheme, "ppo", start=date(2015, 6, 1)).nominal
    conviction(p, date(2014, 9, 1), "burglary-dwelling", offence_date=date(2014, 7, 1))
    conviction(p, date(2015, 1, 1), "theft-of-vehicle")
    conviction(p, date(2015, 7, 1), "shoplifting", offence_date=date(2015, 5, 31))
    conviction(p, date(2015, 6, 1), "burglary-dwelling")
    conviction(p, date(2016, 5, 31), "public-order")
    conviction(p, date(2016, 6, 1), "robbery")
    conviction(p, date(2014, 5, 31), "robbery")  # the day before the year before
    arrest(p, date(2015, 3, 1))
    arrest(p, date(2015, 4, 1))
    arrest(p, date(2015, 9, 1))
    # Q: joined less than 12 months before as_of: left out.
    q = spell(scheme, "iom", start=date(2016, 3, 1)).nominal
    conviction(q, date(2016, 4, 1), "robbery")
    # R: IOM, joined 1 Feb 2015 and left inside the year after; a robbery after (£11,320).
    r = spell(scheme, "iom", start=date(2015, 2, 1), end=date(2015, 8, 1)).nominal
    conviction(r, date(2015, 10, 1), "robbery")


def test_aligned_windows_and_cost_saving(scheme, aligned_sample):
    table = reoffending_aligned(scheme, as_of=AS_OF)
    keys = [
        "members",
        "offences_before",
        "offences_after",
        "offences_change_pct",
        "arrests_before",
        "arrests_after",
        "arrests_change_pct",
        "cost_saving",
        "saving_per_member",
    ]
    got = {r["group"]: tuple(r[k] for k in keys) for r in table.rows}
    D = Decimal
    assert got == {
        "PPO": (1, 3, 2, D("-33.33"), 2, 1, D("-50.00"), D("10500.00"), D("10500.00")),
        "IOM": (1, 0, 1, None, 0, 0, None, D("-11320.00"), D("-11320.00")),
        "Overall": (2, 3, 3, D("0.00"), 2, 1, D("-50.00"), D("-820.00"), D("-410.00")),
    }
    assert "No data for IOM" in table.note
    assert "1 offences have no unit cost" in table.note
    assert "1 offences are costed with placeholder" in table.note


def test_aligned_uses_the_schemes_own_unit_cost_over_the_national_one(scheme, aligned_sample):
    OffenceUnitCost.objects.create(
        scheme=scheme, category="Robbery", offence_codes=["robbery"], unit_cost=10000
    )
    rows = {r["group"]: r for r in reoffending_aligned(scheme, as_of=AS_OF).rows}
    assert rows["IOM"]["cost_saving"] == Decimal("-10000.00")


def test_aligned_period_filter(scheme, aligned_sample):
    table = reoffending_aligned(scheme, period_start=date(2015, 3, 1), as_of=AS_OF)
    rows = {r["group"]: r for r in table.rows}
    assert rows["Overall"]["members"] == 1 and rows["IOM"]["members"] == 0
    table = reoffending_aligned(scheme, period_end=date(2015, 5, 31), as_of=AS_OF)
    assert {r["group"]: r["members"] for r in table.rows}["Overall"] == 1


def test_aligned_empty_period_says_no_data(scheme, aligned_sample):
    table = reoffending_aligned(scheme, as_of=date(2015, 1, 1))
    assert table.note == NO_DATA
    overall = table.rows[-1]
    assert (overall["members"], overall["saving_per_member"]) == (0, None)
