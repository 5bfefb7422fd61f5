"""The set-based SQL recomputation agrees with the pure rule, and runs when events are written."""

import random
from datetime import date, timedelta

import pytest
from django.db import transaction

from iom.models import Event, Nominal
from iom.services.events import record_event
from iom.signals import events_recorded
from rag import rules
from rag.models import RagSuggestion
from rag.services import EVENT_RECORD_FIELDS, recompute_suggestions
from rag.tasks import recompute_all

AS_OF = date(2024, 6, 30)


def random_event(rng, nominal, as_of):
    """An event near as_of, biased towards the edges the rule cares about."""
    kind = rng.choice(["custody", "wanted", "intelligence", "engagement", "arrest"])
    start = as_of - timedelta(days=rng.choice([0, 1, 5, 27, 28, 29, 30, 60, 200]))
    event = Event(nominal=nominal, kind=kind, date=start)
    if kind in ("custody", "wanted") and rng.random() < 0.5:
        event.end_date = start + timedelta(days=rng.choice([0, 1, 3, 10, 30]))
    if kind == "wanted":
        event.wanted_type = rng.choice(["warrant", "crime", "licence-recall"])
    elif kind == "intelligence":
        event.grade, event.handling_code = "B2", "P"
        event.suggests_offending = rng.choice([True, True, False, None])
    elif kind == "engagement":
        event.service = rng.choice(["supervision", "treatment"])
        event.status = rng.choice(["engaging", "not-complying"])
    elif kind == "arrest":
        event.offence = "shoplifting"
    return event


def pure_suggestion(nominal, as_of):
    rows = Event.objects.filter(nominal=nominal).values(*EVENT_RECORD_FIELDS)
    events = [rules.EventRecord(**row) for row in rows]
    facts = rules.derive_facts(events, as_of, nominal.scheme.intelligence_window_days)
    return rules.suggest(facts)


@pytest.fixture
def population(scheme, other_scheme):
    other_scheme.intelligence_window_days = 42
    other_scheme.save()
    rng = random.Random(20240630)
    nominals = Nominal.objects.bulk_create(
        Nominal(
            scheme=scheme if i % 3 else other_scheme,
            first_names=f"Person{i}",
            last_name="Generated",
            date_of_birth=date(1990, 1, 1),
        )
        for i in range(150)
    )
    events = [
        random_event(rng, nominal, AS_OF)
        for nominal in nominals
        for _ in range(rng.choice([0, 1, 2, 3, 5, 8]))
    ]
    for nominal in nominals[::7]:  # same-day engagement records: the later one (by id) stands
        day = AS_OF - timedelta(days=rng.choice([0, 3]))
        service = rng.choice(["supervision", "treatment"])
        statuses = rng.sample(["engaging", "not-complying"], 2)
        events += [
            Event(nominal=nominal, kind="engagement", date=day, service=service, status=status)
            for status in statuses
        ]
    Event.objects.bulk_create(events)
    return Nominal.objects.select_related("scheme").order_by("pk")


@pytest.mark.parametrize("as_of", [AS_OF, AS_OF - timedelta(days=1), AS_OF + timedelta(days=1)])
def test_sql_and_pure_rule_agree_on_a_generated_population(population, as_of):
    assert recompute_suggestions(as_of=as_of) == len(population)
    stored = {s.pk: s for s in RagSuggestion.objects.all()}
    statuses = set()
    for nominal in population:
        expected = pure_suggestion(nominal, as_of)
        got = stored[nominal.pk]
        assert (got.status, got.reasons) == (expected.status, expected.reasons), nominal.pk
        assert got.as_of == as_of
        statuses.add(got.status)
    assert statuses == set(rules.PRECEDENCE)  # the population exercised every colour


def test_recompute_for_some_ids_leaves_the_others(population):
    first, second = population[0], population[1]
    assert recompute_suggestions([first.pk], as_of=AS_OF) == 1
    assert list(RagSuggestion.objects.values_list("pk", flat=True)) == [first.pk]
    assert recompute_suggestions([], as_of=AS_OF) == 0
    assert recompute_suggestions([second.pk], as_of=AS_OF) == 1
    assert RagSuggestion.objects.count() == 2


def test_recompute_all_task_is_idempotent(population):
    assert recompute_all() == len(population)
    first = dict(RagSuggestion.objects.values_list("pk", "status"))
    assert recompute_all() == len(population)
    assert dict(RagSuggestion.objects.values_list("pk", "status")) == first
    assert RagSuggestion.objects.count() == len(population)


def test_window_expiry_is_picked_up_by_a_later_recompute(make_nominal):
    nominal = make_nominal()
    Event.objects.create(
        nominal=nominal, kind="intelligence", date=AS_OF, grade="B2", handling_code="P",
        suggests_offending=True,
    )  # fmt: skip
    recompute_suggestions(as_of=AS_OF + timedelta(days=28))
    assert RagSuggestion.objects.get(pk=nominal.pk).status == "amber"
    recompute_suggestions(as_of=AS_OF + timedelta(days=29))
    assert RagSuggestion.objects.get(pk=nominal.pk).status == "green"


def test_recording_an_event_updates_the_suggestion_in_the_same_transaction(
    make_nominal, police, django_capture_on_commit_callbacks
):
    nominal = make_nominal()
    with transaction.atomic():
        record_event(
            by=police,
            nominal=nominal,
            kind="wanted",
            values={"date": date.today(), "wanted_type": "warrant"},
        )
        # Visible before the transaction commits: the receiver ran inside it.
        suggestion = RagSuggestion.objects.get(pk=nominal.pk)
        assert suggestion.status == "red"
        assert suggestion.reasons == ["wanted_warrant"]
        record_event(by=police, nominal=nominal, kind="custody", values={"date": date.today()})
        assert RagSuggestion.objects.get(pk=nominal.pk).status == "blue"


def test_a_failed_write_leaves_no_suggestion_behind(make_nominal, police):
    nominal = make_nominal()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(by=police, nominal=nominal, kind="custody", values={"date": date.today()})
        assert RagSuggestion.objects.filter(pk=nominal.pk).exists()
        raise RuntimeError("the import failed later on")
    assert not RagSuggestion.objects.filter(pk=nominal.pk).exists()


def test_bulk_import_then_signal_recomputes_the_written_nominals(make_nominal):
    nominals = [make_nominal(first_names=f"Imported{i}") for i in range(3)]
    untouched = make_nominal(first_names="Untouched")
    today = date.today()
    with transaction.atomic():
        Event.objects.bulk_create(
            [
                Event(nominal=nominals[0], kind="custody", date=today),
                Event(nominal=nominals[1], kind="engagement", date=today, service="treatment",
                      status="not-complying"),
                Event(nominal=nominals[2], kind="intelligence", date=today, grade="1A",
                      handling_code="C", suggests_offending=True),
                Event(nominal=nominals[2], kind="engagement", date=today, service="supervision",
                      status="not-complying"),
            ]
        )  # fmt: skip
        events_recorded.send(sender=Event, nominal_ids=[n.pk for n in nominals])
    stored = dict(RagSuggestion.objects.values_list("pk", "status"))
    assert stored == {
        nominals[0].pk: "blue",
        nominals[1].pk: "amber",
        nominals[2].pk: "amber_alert",
    }
    assert untouched.pk not in stored
