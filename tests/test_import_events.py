from datetime import date

import pytest

from iom.imports.service import import_records
from iom.models import Event, Nominal
from iom.signals import events_recorded
from tests.test_import_support import errors_of, fixture, import_good_nominals, where

HEADER = "ref,pnc_id,kind,date,offence,outcome,summary\n"


@pytest.fixture
def nominals(scheme):
    import_good_nominals(scheme)
    return {n.ref: n for n in Nominal.objects.all()}


@pytest.fixture
def sent():
    calls = []

    def receiver(sender, nominal_ids, **kwargs):
        calls.append(sorted(nominal_ids))

    events_recorded.connect(receiver)
    yield calls
    events_recorded.disconnect(receiver)


def test_a_good_file_records_every_event(scheme, nominals, coordinator, sent):
    result = import_records("events", fixture("events_good.csv"), scheme=scheme, user=coordinator)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (6, 0, 0)
    arrest = Event.objects.get(ref="EV-001")
    assert arrest.nominal == nominals["NOM-001"]
    assert (arrest.kind, arrest.date, arrest.offence, arrest.outcome) == (
        "arrest",
        date(2024, 3, 1),
        "burglary-dwelling",
        "charged",
    )
    assert arrest.recorded_by == coordinator and arrest.recorded_at is not None
    assert Event.objects.get(ref="EV-002").nominal == nominals["NOM-001"]  # by CRN
    intelligence = Event.objects.get(ref="EV-003")
    assert (intelligence.grade, intelligence.handling_code) == ("B2", "P")
    assert intelligence.suggests_offending is True
    custody = Event.objects.get(ref="EV-004")
    assert custody.expected_release == date(2024, 9, 1) and custody.end_date == date(2024, 8, 1)
    supervision = Event.objects.get(ref="EV-006")
    assert supervision.statutory is True and supervision.order_type == "Licence"
    assert supervision.suggests_offending is None
    assert sent == [sorted(n.pk for n in nominals.values())]


def test_importing_the_same_file_twice_changes_nothing(scheme, nominals, sent):
    import_records("events", fixture("events_good.csv"), scheme=scheme)
    again = import_records("events", fixture("events_good.csv"), scheme=scheme)
    assert again.ok
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert Event.objects.count() == 6
    assert len(sent) == 1  # nothing new, so no recompute


def test_a_changed_event_under_a_known_ref_is_an_error(scheme, nominals):
    import_records("events", HEADER + "E-1,12/1H,arrest,2024-03-01,robbery,nfa,\n", scheme=scheme)
    changed = (
        HEADER + "E-1,12/1H,arrest,2024-03-01,robbery,charged,\nE-2,12/1H,breach,2024-04-01,,,\n"
    )
    result = import_records("events", changed, scheme=scheme)
    assert where(result) == {(2, "ref")}
    assert "already recorded with different details" in result.errors[0].reason
    assert Event.objects.count() == 1 and Event.objects.get().outcome == "nfa"


def test_a_file_with_bad_rows_writes_nothing_and_names_each_problem(scheme, nominals, sent):
    result = import_records("events", fixture("events_bad.csv"), scheme=scheme)
    assert not result.ok
    assert Event.objects.count() == 0 and sent == []
    reasons = errors_of(result)
    assert (
        3,
        "date",
        "Enter the date as YYYY-MM-DD, like 2024-03-27 (not '01/03/2024')",
    ) in reasons
    assert (4, "pnc_id", "No nominal of Testshire IOM has PNC ID 1998/0004521E") in reasons
    assert (5, "handling_code", "Enter the handling code of the intelligence") in reasons
    assert (5, "grade") in where(result)
    assert (6, "kind") in where(result)
    assert (
        7,
        "nominal_ref / pnc_id",
        "These identifiers belong to different nominals: check which one is right",
    ) in reasons
    assert (8, "ref", "Reference EV-101 is also on line 2") in reasons
    assert (9, "nominal_ref", "Enter the nominal's reference, PNC ID or CRN") in reasons
    assert (
        10,
        "offence_date",
        "The offence date must be on or before the date of the conviction",
    ) in reasons
    assert 2 not in {e.line for e in result.errors}


def test_a_column_the_kind_does_not_carry_is_an_error(scheme, nominals):
    result = import_records(
        "events", HEADER + "E-1,12/1H,breach,2024-03-01,robbery,,\n", scheme=scheme
    )
    assert errors_of(result) == {(2, "offence", "A breach does not have an offence")}


def test_identical_rows_without_a_ref_are_reported_as_duplicates(scheme, nominals):
    row = ",12/1H,breach,2024-03-01,,,\n"
    result = import_records("events", HEADER + row + row, scheme=scheme)
    assert errors_of(result) == {(3, "ref", "The same event is also on line 2")}


def test_the_file_must_say_whose_events_they_are(scheme, nominals):
    result = import_records("events", "kind,date\nbreach,2024-03-01\n", scheme=scheme)
    assert where(result) == {(1, "nominal_ref / pnc_id / crn")}


def test_a_nominal_of_another_scheme_is_not_found(scheme, other_scheme, nominals):
    result = import_records(
        "events", HEADER + "E-1,12/1H,breach,2024-03-01,,,\n", scheme=other_scheme
    )
    assert errors_of(result) == {
        (2, "pnc_id", "No nominal of Elsewhere IOM has PNC ID 2012/0000001H")
    }


def test_events_are_written_with_a_fixed_number_of_queries(
    scheme, nominals, django_assert_max_num_queries
):
    rows = "".join(f"B-{n},12/1H,breach,2024-03-01,,,row {n}\n" for n in range(2000))
    with django_assert_max_num_queries(16):
        result = import_records("events", HEADER + rows, scheme=scheme)
    assert result.created == 2000
    assert Event.objects.filter(kind="breach").count() == 2000


def test_imported_events_keep_their_change_history(scheme, nominals, coordinator, police):
    from django.apps import apps

    from iom.services.events import record_event

    history = apps.get_model("iom", "EventHistory")
    import_records("events", fixture("events_good.csv"), scheme=scheme, user=coordinator)
    rows = history.objects.filter(pgh_label="insert").select_related("pgh_context")
    assert sorted(rows.values_list("ref", flat=True)) == [f"EV-00{n}" for n in range(1, 7)]
    context = rows.first().pgh_context
    assert context.metadata["source"] == "import"
    assert context.metadata["username"] == "coordinator"
    # The history trigger is back on for ordinary writes after the import.
    event = record_event(
        by=police, nominal=nominals["NOM-001"], kind="breach", values={"date": date(2024, 9, 1)}
    )
    assert history.objects.filter(pgh_obj_id=event.pk, pgh_label="insert").count() == 1
