"""The managers' performance dashboard: who may see it, its filters, its charts and its query
count (fixed, whatever the size of the cohort)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iom.codes import Role
from iom.models import Event, Membership
from performance.charts import bar_chart, number
from performance.measures import MeasureTable
from performance.report_data import default_period, last_full_quarter, quarter_dates
from tests.test_performance_reports import cohort, media  # noqa: F401 (fixtures used by name)

URL = "/performance/"
PERIOD = {"period_start": "2024-04-01", "period_end": "2025-03-31"}


@pytest.mark.parametrize(
    "today, quarter, year",
    [
        (date(2025, 11, 23), (date(2025, 7, 1), date(2025, 9, 30)), date(2024, 10, 1)),
        (date(2025, 4, 1), (date(2025, 1, 1), date(2025, 3, 31)), date(2024, 4, 1)),
        (date(2025, 3, 31), (date(2024, 10, 1), date(2024, 12, 31)), date(2024, 1, 1)),
    ],
)
def test_default_period_is_the_year_to_the_last_full_quarter(today, quarter, year):
    assert last_full_quarter(today) == quarter
    assert default_period(today) == (year, quarter[1])


def test_quarter_dates_run_from_start_to_end():
    assert quarter_dates(date(2015, 4, 1), date(2016, 3, 31)) == [
        date(2015, 4, 1),
        date(2015, 7, 1),
        date(2015, 10, 1),
        date(2016, 1, 1),
        date(2016, 3, 31),
    ]


@pytest.mark.parametrize(
    "text, value",
    [(3, 3.0), ("−38.95", -38.95), ("45%", 45.0), (None, None), ("–", None), ("1,234", 1234.0)],
)
def test_chart_numbers(text, value):
    assert number(text) == value


def _table(rows, chart=True):
    return MeasureTable(
        title="Offences <before> & after",
        definition="d",
        columns=[("group", "Group"), ("before", "Before"), ("after", "After")],
        rows=rows,
        chart={"type": "bar", "label_key": "group", "series": [("before", "B"), ("after", "A")]}
        if chart
        else None,
    )


def test_chart_is_an_accessible_svg_image_with_escaped_text():
    svg = bar_chart(_table([{"group": "PPO", "before": 380, "after": 232}]), "c1")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Offences &lt;before&gt; &amp; after</title>' in svg
    assert "PPO: B 380, A 232" in svg
    assert svg.count("<rect") == 2 + 2  # two legend keys, two bars


def test_chart_draws_negative_values_left_of_zero():
    svg = bar_chart(_table([{"group": "Overall", "before": -40, "after": 10}]), "c2")
    assert "\u221240" in svg


def test_no_chart_without_a_description_or_numbers():
    assert bar_chart(_table([{"group": "PPO", "before": 1, "after": 2}], chart=False), "x") == ""
    assert bar_chart(_table([{"group": "PPO", "before": None, "after": None}]), "x") == ""


@pytest.mark.parametrize("role", [Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR])
def test_managers_coordinators_and_administrators_see_the_dashboard(
    client, scheme, agencies, make_user, role
):
    client.force_login(make_user(scheme, agencies["probation"], role))
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Key figures" in response.content


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.POLICE_OFFICER, Role.OFFENDER_MANAGER])
def test_other_roles_are_refused(client, scheme, agencies, make_user, role):
    client.force_login(make_user(scheme, agencies["police"], role))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("performance_reports:list")).status_code == 403


def test_defaults_to_the_year_ending_with_the_last_full_quarter(client, manager):
    client.force_login(manager)
    response = client.get(URL)
    start, end = default_period(date.today())
    filters = response.context["content"].filters
    assert (filters.period_start, filters.period_end) == (start, end)


@pytest.mark.usefixtures("cohort")
def test_every_measure_has_its_definition_chart_and_table(client, manager):
    client.force_login(manager)
    response = client.get(URL, PERIOD)
    html = response.content.decode()
    content = response.context["content"]
    assert len(content.tables) == 8
    for table in content.tables:
        assert table.title in html or table.title.replace("&", "&amp;") in html
    assert html.count('role="img"') >= 3
    assert "<desc" in html and "<table" in html
    assert "Offences by the sample of 2 offenders fell from 5" in html


@pytest.mark.usefixtures("cohort")
def test_filter_by_level_narrows_the_measures(client, manager):
    client.force_login(manager)
    response = client.get(URL, {**PERIOD, "level": "ppo"})
    content = response.context["content"]
    assert content.filters.level.code == "ppo"
    overall = next(r for r in content.tables[0].rows if r["group"] == "Overall")
    assert (overall["offenders"], overall["before"], overall["after"]) == (1, 3, 1)
    assert "not narrowed by level or area" in response.content.decode()


@pytest.mark.usefixtures("cohort")
def test_filter_by_area_narrows_the_measures(client, manager):
    client.force_login(manager)
    response = client.get(URL, {**PERIOD, "area": "S"})
    overall = next(r for r in response.context["content"].tables[0].rows if r["group"] == "Overall")
    assert (overall["offenders"], overall["before"], overall["after"]) == (1, 2, 2)


@pytest.mark.parametrize(
    "params, field, message",
    [
        (
            {"period_start": "2024-02-31"},
            "period_start",
            "Enter the first day of the period as a real date",
        ),
        (
            {"period_end": "not a date"},
            "period_end",
            "Enter the last day of the period as a real date",
        ),
        (
            {"period_start": "2025-01-01", "period_end": "2024-01-01"},
            "period_end",
            "The period must end on or after the day it starts",
        ),
        ({"period_end": "2999-01-01"}, "period_end", "The period must end today or in the past"),
        ({"period_start": ""}, "period_start", "Enter the first day of the period"),
        ({"level": "nope"}, "level", "Select a valid choice"),
    ],
)
def test_bad_filters_show_the_error_summary(client, manager, params, field, message):
    client.force_login(manager)
    response = client.get(URL, {**PERIOD, **params})
    html = response.content.decode()
    assert response.context["content"] is None
    assert "govuk-error-summary" in html and f'href="#id_{field}"' in html
    assert message in html
    assert f'id="id_{field}-error"' in html


def _add_members(scheme, make_nominal, count, offset):
    level, area = scheme.levels.get(code="iom"), scheme.areas.get(code="N")
    for i in range(count):
        nominal = make_nominal("Extra", f"Member{offset + i}", pnc_id=None)
        Membership.objects.create(
            nominal=nominal, scheme=scheme, level=level, area=area, start=date(2023, 2, 1)
        )
        for day in (date(2023, 9, 1), date(2024, 9, 1)):
            Event.objects.create(
                nominal=nominal, kind="conviction", date=day, offence="twoc", offence_date=day
            )


@pytest.mark.usefixtures("cohort")
def test_dashboard_makes_a_fixed_number_of_queries(
    client,
    manager,
    scheme,
    make_nominal,
    django_assert_max_num_queries,
):
    client.force_login(manager)
    client.get(URL, PERIOD)  # warm the session
    with CaptureQueriesContext(connection) as small:
        client.get(URL, PERIOD)
    _add_members(scheme, make_nominal, 12, 0)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL, PERIOD)
    assert len(large) == len(small)
    overall = next(r for r in response.context["content"].tables[0].rows if r["group"] == "Overall")
    assert overall["offenders"] == 14
    with django_assert_max_num_queries(30):
        client.get(URL, {**PERIOD, "level": "iom", "area": "N"})
