"""Caseload, custody share, referrals and exits against hand-computed fixtures."""

from datetime import date
from decimal import Decimal

import pytest

from iom.codes import Role
from performance.measures import (
    NO_DATA,
    caseload,
    custody_share,
    exits_summary,
    referrals_summary,
)
from referrals.models import Referral
from tests.test_performance_measures_fixtures import event, nominal, spell

FIRST, LAST = date(2015, 4, 1), date(2016, 3, 31)


@pytest.fixture
def spells(scheme, other_scheme):
    spell(scheme, "ppo", start=date(2015, 1, 1), area="N")  # both dates
    spell(scheme, "ppo", start=FIRST, end=date(2015, 6, 1), area="N")  # joins on the first date
    spell(scheme, "ppo", start=LAST, area="S")  # joins on the last date
    spell(scheme, "iom", start=date(2014, 1, 1), end=FIRST, area="S")  # leaves on the first date
    spell(scheme, "iom", start=date(2015, 5, 1), area="N")  # joins in between
    spell(scheme, "iom", start=date(2015, 5, 1), area=None)  # no area
    spell(other_scheme, "iom", start=date(2014, 1, 1), area=None)


def test_caseload_by_level_and_area_with_change(scheme, spells):
    table = caseload(scheme, [LAST, FIRST])  # any order: reported first to last
    assert [k for k, _ in table.columns] == [
        "group",
        "date",
        "area_N",
        "area_S",
        "area_none",
        "total",
    ]
    got = [
        (r["group"], r["date"], r["area_N"], r["area_S"], r["area_none"], r["total"])
        for r in table.rows
    ]
    assert got == [
        ("PPO", FIRST, 2, 0, 0, 2),
        ("PPO", LAST, 1, 1, 0, 2),
        ("IOM", FIRST, 0, 1, 0, 1),
        ("IOM", LAST, 1, 0, 1, 2),
        ("Total", FIRST, 2, 1, 0, 3),
        ("Total", LAST, 2, 1, 1, 4),
        ("% change", None, Decimal("0.00"), Decimal("0.00"), None, Decimal("33.33")),
    ]
    assert table.note == ""


def test_caseload_filtered_by_area(scheme, spells):
    north = scheme.areas.get(code="N")
    table = caseload(scheme, [FIRST, LAST], area=north)
    assert [k for k, _ in table.columns] == ["group", "date", "area_N", "total"]
    assert table.rows[-1] == {
        "group": "% change",
        "date": None,
        "area_N": Decimal("0.00"),
        "total": Decimal("0.00"),
    }


def test_caseload_empty_dates_say_no_data(scheme, spells):
    table = caseload(scheme, [date(2000, 1, 1), date(2001, 1, 1)])
    assert table.note == NO_DATA
    assert table.rows[-1]["total"] is None  # no % change from nothing
    assert all(r["total"] == 0 for r in table.rows[:-1])


@pytest.fixture
def custody_cohort(scheme, agencies):
    nps = agencies["probation"]
    a = spell(scheme, start=date(2015, 1, 1), lead_agency=nps).nominal
    event(a, "custody", date(2015, 1, 1), end_date=date(2015, 4, 1))  # released on the date
    event(a, "supervision", date(2015, 4, 1), order_type="Licence", statutory=True)
    b = spell(scheme, start=date(2015, 1, 1)).nominal
    event(b, "custody", date(2015, 3, 1))  # still inside
    c = spell(scheme, start=date(2015, 1, 1)).nominal
    event(c, "custody", date(2015, 6, 30), end_date=date(2015, 7, 2))
    event(c, "supervision", date(2015, 1, 1), order_type="Voluntary", statutory=False)
    d = spell(scheme, start=date(2015, 5, 1)).nominal
    event(
        d,
        "supervision",
        date(2015, 5, 1),
        end_date=date(2015, 6, 30),
        order_type="Community order",
        statutory=True,
    )


def test_custody_share_at_quarter_dates(scheme, custody_cohort):
    q1, q2 = date(2015, 4, 1), date(2015, 7, 1)
    table = custody_share(scheme, [q1, q2])
    got = {r["key"]: (r["2015-04-01"], r["2015-07-01"], r["change_pct"]) for r in table.rows}
    assert got == {
        "community": (2, 2, Decimal("0.00")),
        "custody": (1, 2, Decimal("100.00")),
        "total": (3, 4, Decimal("33.33")),
        "crc": (0, 0, None),
        "nps": (1, 1, Decimal("0.00")),
        "statutory": (1, 1, Decimal("0.00")),
        "statutory_pct": (Decimal("50.00"), Decimal("50.00"), None),
    }
    assert table.note == ""


def test_custody_share_empty_dates(scheme, custody_cohort):
    table = custody_share(scheme, [date(2001, 1, 1)])
    assert table.note == NO_DATA
    assert {r["key"]: r["2001-01-01"] for r in table.rows}["statutory_pct"] is None


@pytest.fixture
def referrals(scheme, agencies, make_user):
    police = make_user(scheme, agencies["police"], Role.POLICE_OFFICER)
    housing = make_user(scheme, agencies["housing"], Role.PRACTITIONER)

    def refer(by, day, status):
        return Referral.objects.create(
            scheme=scheme,
            nominal=nominal(scheme),
            referral_date=day,
            current_offence_details="Burglary",
            referred_by=by,
            referring_agency=by.staff.agency,
            previously_on_panel=False,
            decision="tier_2",
            status=status,
        )

    refer(police, date(2016, 1, 10), "accepted")
    refer(police, date(2016, 2, 1), "rejected")
    refer(housing, date(2016, 3, 1), "submitted")
    refer(housing, date(2016, 3, 5), "accepted")
    refer(police, date(2015, 12, 31), "withdrawn")  # before the period


def test_referrals_by_source_and_outcome(scheme, referrals):
    table = referrals_summary(scheme, date(2016, 1, 1), date(2016, 3, 31))
    keys = ["referrals", "accepted", "rejected", "withdrawn", "awaiting", "accepted_pct"]
    got = {r["source"]: tuple(r[k] for k in keys) for r in table.rows}
    assert got == {
        "Housing": (2, 1, 0, 0, 1, Decimal("50.00")),
        "Police": (2, 1, 1, 0, 0, Decimal("50.00")),
        "Total": (4, 2, 1, 0, 1, Decimal("50.00")),
    }
    assert [r["source"] for r in table.rows] == ["Housing", "Police", "Total"]


def test_referrals_empty_period(scheme, referrals):
    table = referrals_summary(scheme, date(2010, 1, 1), date(2010, 12, 31))
    assert table.note == NO_DATA
    assert table.rows == [
        {**table.rows[0], "source": "Total", "referrals": 0, "accepted_pct": None}
    ]


def test_exits_by_reason(scheme):
    for start, end, reason in [
        (date(2015, 7, 3), date(2016, 1, 1), "not-reoffended"),  # 182 days
        (date(2015, 6, 15), date(2016, 1, 1), "not-reoffended"),  # 200 days
        (date(2016, 12, 1), date(2017, 1, 1), "moved-area"),  # after the period
        (date(2016, 11, 30), date(2016, 12, 31), "moved-area"),  # 31 days
    ]:
        spell(scheme, start=start, end=end).__class__.objects.filter(start=start).update(
            exit_reason=reason
        )
    table = exits_summary(scheme, date(2016, 1, 1), date(2016, 12, 31))
    got = [(r["reason"], r["exits"], r["percent"], r["average_days"]) for r in table.rows]
    assert got == [
        ("No re-offending at six-month review", 2, Decimal("66.67"), Decimal("191.00")),
        ("Moved out of area", 1, Decimal("33.33"), Decimal("31.00")),
        ("Total", 3, Decimal("100.00"), Decimal("137.67")),
    ]
    empty = exits_summary(scheme, date(2010, 1, 1), date(2010, 12, 31))
    assert empty.note == NO_DATA and empty.rows[-1]["exits"] == 0
