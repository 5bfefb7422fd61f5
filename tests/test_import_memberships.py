from datetime import date

import pytest

from iom.imports.service import import_records
from iom.models import Membership, Nominal
from iom.services.memberships import start_membership
from tests.test_import_support import errors_of, fixture, import_good_nominals, where

HEADER = "ref,nominal_ref,level,start,end,exit_reason\n"


@pytest.fixture
def nominals(scheme):
    import_good_nominals(scheme)
    return {n.ref: n for n in Nominal.objects.all()}


def test_a_good_file_records_every_spell(scheme, nominals, coordinator):
    result = import_records(
        "memberships", fixture("memberships_good.csv"), scheme=scheme, user=coordinator
    )
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    ended = Membership.objects.get(ref="SP-001")
    assert ended.nominal == nominals["NOM-001"] and ended.scheme == scheme
    assert (ended.level.code, ended.start, ended.end) == (
        "ppo",
        date(2022, 1, 10),
        date(2023, 1, 9),
    )
    assert ended.exit_reason == "not-reoffended" and ended.exit_notes == "No re-offending at review"
    assert ended.created_by == coordinator
    current = Membership.objects.get(ref="SP-002")
    assert current.nominal == nominals["NOM-001"] and current.is_open
    assert current.area == nominals["NOM-001"].area  # blank area: the nominal's area
    assert Membership.objects.get(ref="SP-003").area.code == "S"


def test_importing_the_same_file_twice_changes_nothing(scheme, nominals):
    import_records("memberships", fixture("memberships_good.csv"), scheme=scheme)
    again = import_records("memberships", fixture("memberships_good.csv"), scheme=scheme)
    assert again.ok
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Membership.objects.count() == 3


def test_a_known_ref_with_new_details_updates_the_spell(scheme, nominals):
    import_records("memberships", fixture("memberships_good.csv"), scheme=scheme)
    ended = HEADER + "SP-002,NOM-001,ppo,2024-02-01,2024-08-01,moved-area\n"
    result = import_records("memberships", ended, scheme=scheme)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    spell = Membership.objects.get(ref="SP-002")
    assert (spell.level.code, spell.end, spell.exit_reason) == (
        "ppo",
        date(2024, 8, 1),
        "moved-area",
    )


def test_a_file_with_bad_rows_writes_nothing_and_names_each_problem(scheme, nominals, police):
    start_membership(
        by=police,
        nominal=nominals["NOM-003"],
        scheme=scheme,
        level=scheme.levels.get(code="iom"),
        start=date(2024, 3, 15),
    )
    result = import_records("memberships", fixture("memberships_bad.csv"), scheme=scheme)
    assert not result.ok
    assert Membership.objects.count() == 1
    reasons = errors_of(result)
    assert (2, "level", "Unknown level code 'platinum': use one of iom, ppo") in reasons
    assert (3, "end", "The end must be the same as or after the start") in reasons
    assert (4, "exit_reason", "Enter the reason the spell ended") in reasons
    assert (
        5,
        "start",
        "This spell overlaps the spell from 2024-03-15 to now (already recorded) on Testshire IOM",
    ) in reasons
    assert (
        6,
        "start",
        "This spell overlaps the spell from 2023-01-10 to now (line 5) on Testshire IOM",
    ) in reasons
    assert (7, "nominal_ref", "No nominal of Testshire IOM has reference NOM-999") in reasons


def test_two_open_spells_for_one_nominal_in_a_file_are_refused(scheme, nominals):
    rows = "A,NOM-001,iom,2024-01-01,,\nB,NOM-001,iom,2024-05-01,,\n"
    result = import_records("memberships", HEADER + rows, scheme=scheme)
    assert where(result) == {(3, "start")}


def test_an_exit_reason_needs_an_end(scheme, nominals):
    result = import_records(
        "memberships", HEADER + "A,NOM-001,iom,2024-01-01,,other\n", scheme=scheme
    )
    assert errors_of(result) == {(2, "end", "Enter the end date, or leave exit_reason blank")}
