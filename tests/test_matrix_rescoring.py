"""Bulk re-scoring in SQL agrees with the pure scorer, and is safe to repeat or run at once."""

import random
import threading
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from iom.codes import OFFENCES
from iom.models import Event, Nominal
from matrix.models import MatrixSnapshot
from matrix.rescoring import rescore_scheme
from matrix.scoring import MatrixEvent, months_before, score
from matrix.selectors import matrix_settings
from matrix.tasks import rescore_scheme_task

KINDS = ["arrest", "conviction", "charge", "intelligence", "breach", "recall", "custody"]
GRADES = ["A1", "A2", "B1", "B2", "B3", "C1", "E5", "1A", "1B", "1C", "2A", "3E", ""]
OFFENCE_CODES = [*OFFENCES, "made-up", ""]


def edges(as_of):
    """Days on and either side of every window boundary."""
    return [
        months_before(as_of, 24),
        months_before(as_of, 24) - timedelta(days=1),
        months_before(as_of, 12),
        months_before(as_of, 12) - timedelta(days=1),
        as_of - timedelta(days=28),
        as_of - timedelta(days=29),
        as_of - timedelta(days=56),
        as_of - timedelta(days=57),
        as_of,
        as_of + timedelta(days=1),
    ]


def generate(scheme, as_of, count=40, seed=20150601):
    rng = random.Random(seed)
    nominals = Nominal.objects.bulk_create(
        Nominal(scheme=scheme, first_names="Gen", last_name=f"Nominal{i:02d}",
                date_of_birth=date(1990, 1, 1))
        for i in range(count)
    )  # fmt: skip
    events = []
    for i, nominal in enumerate(nominals):
        # Some nominals are busy, so every decision band is reached.
        for _ in range(rng.choice([0, 3, 10, 25, 45]) if i % 10 else 0):
            kind = rng.choice(KINDS)
            day = rng.choice(
                [as_of - timedelta(days=rng.randint(-20, 800)), rng.choice(edges(as_of))]
            )
            events.append(
                Event(
                    nominal=nominal,
                    kind=kind,
                    date=day,
                    offence=rng.choice(OFFENCE_CODES) if kind in ("arrest", "conviction") else "",
                    grade=rng.choice(GRADES) if kind == "intelligence" else "",
                )
            )
    Event.objects.bulk_create(events)
    return nominals


def pure_scores(scheme, nominals, as_of):
    settings = matrix_settings(scheme.pk)
    by_nominal = {n.pk: [] for n in nominals}
    for e in Event.objects.filter(nominal__in=nominals):
        by_nominal[e.nominal_id].append(MatrixEvent(e.kind, e.date, e.offence, e.grade))
    return {pk: score(settings, evs, as_of) for pk, evs in by_nominal.items()}


def snapshot_rows(as_of):
    fields = ("offences_score", "intelligence_score", "arrests_score", "compliance_score",
              "total", "decision")  # fmt: skip
    return {
        s["nominal_id"]: tuple(s[f] for f in fields)
        for s in MatrixSnapshot.objects.filter(as_of=as_of).values("nominal_id", *fields)
    }


@pytest.mark.parametrize("as_of", [date(2024, 6, 15), date(2024, 3, 31), date(2024, 2, 29)])
def test_sql_rescoring_agrees_with_the_pure_scorer(scheme, as_of):
    nominals = generate(scheme, as_of)
    assert rescore_scheme(scheme, as_of) == 40
    expected = {
        pk: (b.offences_score, b.intelligence_score, b.arrests_score, b.compliance_score,
             b.total, b.decision)
        for pk, b in pure_scores(scheme, nominals, as_of).items()
    }  # fmt: skip
    assert snapshot_rows(as_of) == expected
    decisions = {row[-1] for row in expected.values()}
    assert decisions == {"not_eligible", "professional_discretion", "to_panel"}
    assert any(row[3] == 15 for row in expected.values())  # 7+ breaches reached


def test_running_twice_updates_in_place(scheme):
    as_of = date(2024, 6, 15)
    nominals = generate(scheme, as_of, count=10)
    rescore_scheme(scheme, as_of)
    first = snapshot_rows(as_of)
    Event.objects.create(nominal=nominals[0], kind="conviction", date=as_of, offence="robbery")
    assert rescore_scheme(scheme, as_of) == 10
    second = snapshot_rows(as_of)
    assert MatrixSnapshot.objects.count() == 10
    assert second[nominals[0].pk][4] == first[nominals[0].pk][4] + 10
    assert {k: v for k, v in second.items() if k != nominals[0].pk} == {
        k: v for k, v in first.items() if k != nominals[0].pk
    }


def test_only_the_schemes_own_nominals_are_scored(scheme, other_scheme):
    as_of = date(2024, 6, 15)
    generate(scheme, as_of, count=5)
    generate(other_scheme, as_of, count=3, seed=1)
    assert rescore_scheme(other_scheme, as_of) == 3
    assert set(MatrixSnapshot.objects.values_list("scheme_id", flat=True)) == {other_scheme.pk}


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_leave_one_row_per_nominal(scheme):
    as_of = date(2024, 6, 15)
    generate(scheme, as_of, count=20)
    errors, counts = [], []

    def run():
        try:
            counts.append(rescore_scheme(scheme, as_of))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert counts == [20, 20, 20, 20]
    assert MatrixSnapshot.objects.filter(as_of=as_of).count() == 20


def test_command_scores_a_scheme(scheme, capsys):
    generate(scheme, date(2024, 6, 15), count=4)
    call_command("score_matrix", scheme="testshire", as_of="2024-06-15")
    assert "Scored 4 nominals of Testshire IOM as of 2024-06-15" in capsys.readouterr().out
    assert MatrixSnapshot.objects.filter(as_of=date(2024, 6, 15)).count() == 4


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"scheme": "nowhere"}, "No scheme 'nowhere'"),
        ({"scheme": "testshire", "as_of": "15/06/2024"}, "is not a date"),
        ({"scheme": "testshire", "as_of": "2999-01-01"}, "is in the future"),
    ],
)
def test_command_refuses_bad_input(scheme, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("score_matrix", **options)
    assert not MatrixSnapshot.objects.exists()


def test_celery_task_takes_ids_and_strings(scheme):
    generate(scheme, date(2024, 6, 15), count=3)
    assert rescore_scheme_task.apply(args=[scheme.pk, "2024-06-15"]).get() == 3
    assert MatrixSnapshot.objects.filter(as_of=date(2024, 6, 15)).count() == 3
