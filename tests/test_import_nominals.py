from datetime import date

from iom.imports.service import import_records
from iom.models import Alias, Nominal
from tests.test_import_support import errors_of, fixture, import_good_nominals, where

HEADER = "ref,first_names,last_name,aliases,date_of_birth,pnc_id,address\n"


def test_a_good_file_creates_every_nominal_with_canonical_identifiers(scheme, coordinator):
    result = import_good_nominals(scheme, coordinator)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    jordan = Nominal.objects.get(ref="NOM-001")
    assert jordan.pnc_id == "2012/0000001H"  # typed as 12/1H
    assert jordan.crn == "X552020"
    assert jordan.scheme == scheme
    assert jordan.area.code == "N"
    assert jordan.date_of_birth == date(1990, 3, 27)
    assert jordan.is_ppo is True
    assert jordan.address == "1 Example Street, Northtown"
    assert jordan.created_by == coordinator
    assert sorted(jordan.aliases.values_list("name", flat=True)) == ["JT", "Jay Testperson"]
    assert jordan.search_name == "jordan testperson"  # computed by the database
    sam = Nominal.objects.get(ref="NOM-002")
    assert (sam.gender, sam.mappa_level, sam.pnc_id, sam.crn) == (
        "female",
        1,
        "2015/0123456U",
        None,
    )
    robin = Nominal.objects.get(ref="NOM-003")
    assert robin.area is None and robin.yos_high_risk is True and robin.is_ppo is False


def test_importing_the_same_file_twice_changes_nothing(scheme, coordinator):
    import_good_nominals(scheme, coordinator)
    before = list(Nominal.objects.order_by("pk").values())
    again = import_records("nominals", fixture("nominals_good.csv"), scheme=scheme)
    assert again.ok
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert list(Nominal.objects.order_by("pk").values()) == before
    assert Alias.objects.count() == 3


def test_a_known_ref_with_new_details_updates_that_nominal(scheme, coordinator, police):
    import_good_nominals(scheme, coordinator)
    changed = (
        HEADER
        + "NOM-001,Jordan,Testperson,JT;Jordy,1990-03-27,2012/0000001H,2 New Road\n"
        + "NOM-002,Sam,Sampleton,,1985-11-02,15/123456U,\n"
    )
    result = import_records("nominals", changed, scheme=scheme, user=police)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    jordan = Nominal.objects.get(ref="NOM-001")
    assert jordan.address == "2 New Road"
    assert jordan.updated_by == police and jordan.created_by == coordinator
    assert sorted(jordan.aliases.values_list("name", flat=True)) == ["JT", "Jordy"]
    assert jordan.crn == "X552020"  # no crn column: left as it was
    assert jordan.is_ppo is True


def test_a_file_with_bad_rows_writes_nothing_and_names_each_problem(scheme):
    result = import_records("nominals", fixture("nominals_bad.csv"), scheme=scheme)
    assert not result.ok and not result.written
    assert Nominal.objects.count() == 0
    reasons = errors_of(result)
    assert (3, "first_names", "Enter the first names") in reasons
    assert (3, "date_of_birth", "'1992-13-01' is not a real date") in reasons
    assert (
        3,
        "pnc_id",
        "The PNC ID check letter is wrong: for 2012/0000001 it should be H",
    ) in reasons
    assert (4, "area", "Unknown area code 'Z': use one of N, S") in reasons
    assert (4, "is_ppo", "Enter true, false, yes, no, 1 or 0 (not 'maybe')") in reasons
    assert (4, "mappa_level", "Enter the MAPPA level as 0, 1, 2 or 3 (not '4')") in reasons
    assert (5, "ref", "NOM-101 is also on line 2") in reasons
    assert (5, "pnc_id", "2019/0000077X is also on line 2") in reasons
    assert (4, "crn") in where(result)
    assert (2, "ref") not in where(result)  # the first good row is not blamed
    assert [e.line for e in result.errors] == sorted(e.line for e in result.errors)


def test_a_pnc_id_already_recorded_for_another_nominal_is_refused(scheme, make_nominal):
    existing = make_nominal(pnc_id="2012/0000001H")
    result = import_records(
        "nominals", HEADER + "NEW-1,Jordan,Other,,1990-03-27,12/1H,\n", scheme=scheme
    )
    assert errors_of(result) == {
        (2, "pnc_id", f"PNC ID 2012/0000001H is already recorded for nominal {existing.pk}")
    }
    assert Nominal.objects.count() == 1


def test_a_ref_of_another_schemes_nominal_is_refused(scheme, other_scheme):
    row = "NOM-003,Robin,Placeholder,,2001-06-15,,\n"
    assert import_records("nominals", HEADER + row, scheme=other_scheme).created == 1
    result = import_records("nominals", HEADER + row, scheme=scheme)
    assert where(result) == {(2, "ref")}
    assert not Nominal.objects.filter(scheme=scheme).exists()


def test_a_future_date_of_birth_is_refused(scheme):
    result = import_records("nominals", HEADER + "N,A,B,,2999-01-01,,\n", scheme=scheme)
    assert errors_of(result) == {(2, "date_of_birth", "The date of birth cannot be in the future")}


def test_nominals_are_written_with_a_fixed_number_of_queries(scheme, django_assert_max_num_queries):
    rows = "".join(f"B-{n},Person,Number{n},A{n};B{n},1990-01-01,,\n" for n in range(300))
    with django_assert_max_num_queries(12):
        result = import_records("nominals", HEADER + rows, scheme=scheme)
    assert result.created == 300
    assert Alias.objects.count() == 600
