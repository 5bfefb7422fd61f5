"""manage.py generate_population: valid rows, real skew, cohorts that keep their rules, and the
same counts from the same seed."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from iom.codes import PATHWAYS
from iom.event_rules import ALL_EVENT_FIELDS, grading_system, validate_event
from iom.identifiers import normalise_crn, normalise_pnc, pnc_check_letter
from iom.models import Alias, Event, Membership, Nominal, Scheme, StaffProfile
from iom.population.build import population_counts
from rag.models import RagStatus
from referrals.models import OPEN_STATUSES, Referral
from tasking.models import Attendance, Meeting

NOMINALS, EVENTS_EACH, SCHEMES, MEMBERS = 200, 20, 2, 40


def needs_sql_ready():
    """Whether the performance app's needs tables exist yet (another part of the project)."""
    from django.apps import apps

    return apps.is_installed("performance") and _has_model("performance", "NeedScore")


def _has_model(app, name):
    from django.apps import apps

    try:
        apps.get_model(app, name)
    except LookupError:
        return False
    return True


def generate(seed=7, **overrides):
    options = {
        "nominals": NOMINALS,
        "events_per_nominal": EVENTS_EACH,
        "schemes": SCHEMES,
        "members": MEMBERS,
        "seed": seed,
        **overrides,
    }
    out = StringIO()
    call_command("generate_population", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def population(db):
    return generate()


def test_counts_are_as_asked(population):
    assert Scheme.objects.filter(slug__startswith="pop-").count() == SCHEMES
    assert Nominal.objects.count() == NOMINALS
    assert Event.objects.count() == NOMINALS * EVENTS_EACH
    assert "nominals: 200" in population and "events: 4,000" in population
    # Unequal schemes: the first is the largest.
    sizes = list(
        Scheme.objects.filter(slug__startswith="pop-")
        .annotate(n=Count("nominals"))
        .order_by("slug")
        .values_list("n", flat=True)
    )
    assert sizes[0] > sizes[1] > 0


def test_every_event_keeps_the_event_rules(population):
    today = timezone.localdate()
    kinds = Counter()
    for event in Event.objects.all():
        values = {name: getattr(event, name) for name in ALL_EVENT_FIELDS}
        assert validate_event(event.kind, values, today) == {}, (event.kind, values)
        kinds[event.kind] += 1
    assert set(kinds) == {
        "arrest", "charge", "conviction", "intelligence", "wanted", "custody", "breach",
        "recall", "supervision", "engagement",
    }  # fmt: skip


def test_intelligence_mixes_both_grading_systems_and_handling_codes(population):
    intelligence = Event.objects.filter(kind="intelligence")
    systems = Counter(
        grading_system(grade) for grade in intelligence.values_list("grade", flat=True)
    )
    assert systems["5x5x5"] > 0 and systems["3x5x2"] > 0 and systems[None] == 0
    codes = set(intelligence.values_list("handling_code", flat=True))
    assert codes == {"P", "C"}


def test_some_are_in_custody_or_wanted_today(population):
    open_custody = Event.objects.filter(kind="custody", end_date__isnull=True)
    assert open_custody.exists()
    assert all(e.expected_release > timezone.localdate() for e in open_custody)
    assert Event.objects.filter(kind="wanted", end_date__isnull=True).exists()


def test_identifiers_are_canonical_with_right_check_letters(population):
    for pnc, crn in Nominal.objects.values_list("pnc_id", "crn"):
        year, rest = pnc.split("/")
        assert rest[-1] == pnc_check_letter(int(year), int(rest[:-1]))
        assert normalise_pnc(pnc) == pnc
        if crn is not None:
            assert normalise_crn(crn) == crn
    assert Nominal.objects.exclude(crn__isnull=True).count() > NOMINALS / 2


def test_offending_is_skewed_towards_a_prolific_few(population):
    per_nominal = sorted(
        Nominal.objects.annotate(n=Count("events")).values_list("n", flat=True), reverse=True
    )
    assert min(per_nominal) >= 1
    top_tenth = sum(per_nominal[: NOMINALS // 10])
    assert top_tenth > 0.3 * sum(per_nominal)  # an even spread would give 10%
    assert per_nominal[0] > 5 * EVENTS_EACH


def test_cohorts_have_one_open_spell_each_with_exits_and_rejoins(population):
    spells = Membership.objects.all()
    assert not (
        spells.filter(end__isnull=True)
        .values("nominal", "scheme")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exists()
    )
    for scheme in Scheme.objects.filter(slug__startswith="pop-"):
        open_spells = spells.filter(scheme=scheme, end__isnull=True)
        assert MEMBERS * 0.6 < open_spells.count() <= MEMBERS
        assert set(open_spells.values_list("level__scheme", flat=True)) == {scheme.pk}
        assert spells.filter(scheme=scheme, end__isnull=False).exists()
    ended = spells.filter(end__isnull=False)
    assert not ended.filter(exit_reason="").exists()
    assert not spells.filter(end__lt=F("start")).exists()
    rejoined = spells.values("nominal").annotate(n=Count("id")).filter(n__gt=1)
    assert rejoined.exists()
    # Spells of one nominal never overlap: the open one starts after the one that ended.
    for nominal_id in rejoined.values_list("nominal", flat=True):
        first, second = spells.filter(nominal_id=nominal_id).order_by("start")
        assert first.end < second.start
    # Members are adults without the exclusions, and their scheme is their nominal's.
    members = Nominal.objects.filter(memberships__isnull=False).distinct()
    assert not members.filter(Q(mappa_level__gte=2) | Q(current_sex_offender=True)).exists()
    assert not spells.exclude(nominal__scheme=F("scheme")).exists()


def test_meetings_referrals_and_confirmed_statuses(population):
    today = timezone.localdate()
    for scheme in Scheme.objects.filter(slug__startswith="pop-"):
        assert Meeting.objects.filter(scheme=scheme, kind="daily", date=today).exists()
        assert Meeting.objects.filter(scheme=scheme, kind="panel").exists()
    assert (
        not Attendance.objects.values("meeting")
        .annotate(n=Count("agency", distinct=True))
        .filter(n__lt=3)
    )
    assert RagStatus.objects.exists()
    assert set(RagStatus.objects.values_list("confirmed_by__staff__role", flat=True)) == {
        "coordinator"
    }
    open_referrals = Referral.objects.filter(status__in=OPEN_STATUSES)
    assert open_referrals.exists()
    assert not open_referrals.values("nominal").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert StaffProfile.objects.filter(scheme__slug="pop-1").count() == 25
    assert Alias.objects.exists()


@pytest.mark.skipif(not needs_sql_ready(), reason="performance needs tables not present")
def test_needs_assessments_every_three_months_with_blank_or_1_to_10(population):
    from performance.models import NeedsAssessment, NeedScore

    assert NeedsAssessment.objects.exists()
    per_assessment = NeedScore.objects.values("assessment").annotate(n=Count("id"))
    assert {row["n"] for row in per_assessment} == {len(PATHWAYS)}
    scores = set(NeedScore.objects.values_list("score", flat=True))
    assert None in scores and scores - {None} <= set(range(1, 11)) and len(scores) > 5
    assert not NeedsAssessment.objects.filter(date__lt=F("membership__start")).exists()


def test_history_triggers_are_back_on_after_the_load(population):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"


def test_refuses_a_second_population_in_the_same_database(population):
    with pytest.raises(CommandError, match="fresh database"):
        generate()


def test_refuses_cohorts_larger_than_the_population(db):
    with pytest.raises(CommandError, match="Too few nominals"):
        generate(members=100)


class Discard(Exception):
    pass


def _fingerprint(seed):
    """Counts from one run, then everything rolled back: a fresh database for the next run."""
    try:
        with transaction.atomic():
            generate(seed=seed)
            counts = population_counts()
            counts["kinds"] = sorted(Counter(Event.objects.values_list("kind", flat=True)).items())
            counts["pncs"] = sorted(Nominal.objects.values_list("pnc_id", flat=True))
            counts["per nominal"] = sorted(
                Nominal.objects.annotate(n=Count("events")).values_list("n", flat=True)
            )
            raise Discard
    except Discard:
        pass
    assert not Scheme.objects.filter(slug__startswith="pop-").exists()
    return counts


def test_same_seed_same_population(db):
    first, again, other = _fingerprint(11), _fingerprint(11), _fingerprint(12)
    assert first == again
    assert first["kinds"] != other["kinds"] or first["per nominal"] != other["per nominal"]
