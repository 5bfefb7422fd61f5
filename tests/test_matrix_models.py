"""Matrix policy is data per scheme: seeded for existing and new schemes, editable, read in
a fixed number of queries."""

import importlib
from datetime import date

import pytest

from iom.models import Event, Scheme
from matrix.layout import seed_weights
from matrix.models import MatrixSettings, OffenceWeight
from matrix.selectors import matrix_settings, nominal_matrix
from matrix.services import ensure_matrix_policy

AS_OF = date(2024, 6, 15)


def test_the_data_migration_seeds_the_same_rows_as_the_form_layout():
    migration = importlib.import_module("matrix.migrations.0002_seed_scheme_policies")
    frozen = [(h, c, w, i) for i, (h, c, w) in enumerate(migration.SEED, start=1)]
    assert frozen == list(seed_weights())


def test_a_new_scheme_gets_the_derbyshire_settings_and_weights(scheme):
    policy = MatrixSettings.objects.get(scheme=scheme)
    assert (policy.offence_window_months, policy.discretion_from, policy.panel_from) == (24, 80, 90)
    weights = dict(OffenceWeight.objects.filter(scheme=scheme).values_list("offence", "weight"))
    assert len(weights) == 32
    assert weights["robbery"] == 10 and weights["shoplifting"] == 1
    assert "sexual-offence" not in weights


def test_a_scheme_made_around_the_receiver_is_seeded_when_first_scored(db):
    (bulk,) = Scheme.objects.bulk_create([Scheme(name="Bulk IOM", slug="bulk")])
    assert not MatrixSettings.objects.filter(scheme=bulk).exists()
    settings = matrix_settings(bulk.pk)
    assert len(settings.offences) == 32
    assert ensure_matrix_policy(bulk) == MatrixSettings.objects.get(scheme=bulk)
    assert OffenceWeight.objects.filter(scheme=bulk).count() == 32


def test_edited_weights_and_settings_change_the_score(scheme, make_nominal):
    nominal = make_nominal()
    Event.objects.create(nominal=nominal, kind="conviction", date=date(2024, 1, 1), offence="fraud")
    assert nominal_matrix(nominal, AS_OF).offences_score == 1
    OffenceWeight.objects.filter(scheme=scheme, offence="fraud").update(weight=4)
    MatrixSettings.objects.filter(scheme=scheme).update(discretion_from=2, panel_from=3)
    result = nominal_matrix(nominal, AS_OF)
    assert (result.offences_score, result.decision) == (4, "to_panel")


def test_settings_refuse_bands_out_of_order(scheme):
    policy = scheme.matrix_settings
    policy.intelligence_older_days = 28
    policy.panel_from = 80
    with pytest.raises(Exception) as excinfo:
        policy.full_clean()
    assert set(excinfo.value.message_dict) == {"intelligence_older_days", "panel_from"}


def test_the_selector_reads_in_three_queries_however_many_events(
    scheme, make_nominal, django_assert_num_queries
):
    nominal = make_nominal()
    Event.objects.bulk_create(
        Event(nominal=nominal, kind=kind, date=date(2024, 5, day), offence=offence, grade=grade)
        for day in range(1, 29)
        for kind, offence, grade in (
            ("arrest", "robbery", ""),
            ("conviction", "other", ""),
            ("intelligence", "", "B2"),
            ("breach", "", ""),
        )
    )
    with django_assert_num_queries(3):
        result = nominal_matrix(nominal, AS_OF)
    assert result.arrests_12m == 28
    assert result.breaches_24m == 28
    assert [u.code for u in result.unmatched] == ["other"]
