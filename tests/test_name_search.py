"""Finding a nominal by a name typed as a user would: misspelt, partial, by sound, by alias."""

from datetime import date

import pytest
from django.db import connection

from iom.models import Alias
from iom.planner_costs import TRIGRAM_OPERATOR_COST, TRIGRAM_OPERATORS, set_trigram_operator_costs
from iom.selectors import search_nominals

PEOPLE = [
    ("John", "Smith"),
    ("Joan", "Smith"),
    ("Jonathan", "Whitaker"),
    ("Paul", "Matthews"),
    ("Mary", "Jones"),
    ("Sarah", "O'Brien"),
    ("Michael", "Wilkinson"),
    ("Claire", "Dawson"),
]


@pytest.fixture
def people(make_nominal):
    made = {f"{first} {last}": make_nominal(first, last) for first, last in PEOPLE}
    Alias.objects.create(nominal=made["John Smith"], name="Johnny Blade")
    return made


def found(user, typed, **filters):
    return [f"{n.first_names} {n.last_name}" for n in search_nominals(user, typed, **filters)]


@pytest.mark.parametrize(
    "typed, first",
    [
        ("john smith", "John Smith"),  # exact, ahead of Joan Smith
        ("Jon Smyth", "John Smith"),  # both words misspelt; the surname sounds the same
        ("smyth", "John Smith"),  # a surname alone, spelt as it sounds
        ("jonathon whittaker", "Jonathan Whitaker"),
        ("paul mtathews", "Paul Matthews"),  # letters swapped: whole-name similarity
        ("wilkinsn", "Michael Wilkinson"),  # a letter left out
        ("obrien", "Sarah O'Brien"),  # no apostrophe
        ("MARY", "Mary Jones"),  # a first name alone, any case
        ("johnny blade", "John Smith"),  # an alias
        ("blade", "John Smith"),  # part of an alias
        ("dawson", "Claire Dawson"),
    ],
)
def test_the_nominal_meant_comes_first(police, people, typed, first):
    assert found(police, typed)[0] == first


@pytest.mark.parametrize("typed", ["zzqx", "Xavier Quennell"])
def test_a_name_like_no_one_finds_no_one(police, people, typed):
    assert found(police, typed) == []


def test_both_smiths_are_found_and_the_closest_leads(police, people):
    assert found(police, "john smith")[:2] == ["John Smith", "Joan Smith"]


def test_a_name_in_another_scheme_is_not_found(police, people, make_nominal, other_scheme):
    make_nominal("John", "Smyth", scheme=other_scheme)

    assert "John Smyth" not in found(police, "john smyth")
    assert found(police, "john smyth")[0] == "John Smith"


def test_date_of_birth_narrows_a_name(police, people, make_nominal):
    make_nominal("John", "Smith", dob=date(1975, 5, 6))

    assert found(police, "jon smyth", date_of_birth=date(1975, 5, 6)) == ["John Smith"]
    assert found(police, "jon smyth", date_of_birth=date(2001, 1, 1)) == []


def test_migrate_gives_the_trigram_operators_their_planner_cost(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname, procost FROM pg_proc WHERE oid = ANY(%s::regprocedure[])",
            [list(TRIGRAM_OPERATORS)],
        )
        costs = dict(cursor.fetchall())
    assert costs == {name.split("(")[0]: TRIGRAM_OPERATOR_COST for name in TRIGRAM_OPERATORS}


def test_a_database_user_who_may_not_set_the_costs_gets_a_warning_not_an_error(db, caplog):
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE iom_search_costs_test NOLOGIN")
        cursor.execute("SET ROLE iom_search_costs_test")
        try:
            set_trigram_operator_costs()
        finally:
            cursor.execute("RESET ROLE")

    assert "left at pg_trgm's defaults" in caplog.text
