"""Needs assessments of the demo cohort: on entry, then about every three months.

Set-based (a few thousand rows): each assessment is checked with the rules of
performance.services.record_needs_assessment (scores blank or 1-10, dated within the spell and
not in the future) before one bulk insert. A few members miss their latest review, so the
needs-due list has overdue cases; scores drift down as needs are met.
"""

from datetime import time, timedelta

from iom.codes import PATHWAYS, Role
from iom.demo.backdate import Backdater, at
from iom.models import Membership
from performance.models import NeedsAssessment, NeedScore
from performance.services import validate_scores
from tasking.rules import add_months

BATCH = 2000
NEVER_SHARE = 0.02
OVERDUE_SHARE = 0.12
# (pathway, share of members with a need, lowest and highest first score)
FIRST_NEEDS = (
    ("accommodation", 0.45, 3, 9),
    ("ete", 0.6, 3, 8),
    ("health", 0.3, 2, 7),
    ("finance", 0.5, 3, 8),
    ("children-families", 0.25, 2, 6),
    ("attitudes", 0.7, 3, 8),
)


def _first(rng, nominal) -> dict:
    scores = {pathway: None for pathway in PATHWAYS}
    if nominal.primary_substance:
        scores["drugs-alcohol"] = rng.randint(5, 9)
    elif rng.random() < 0.3:
        scores["drugs-alcohol"] = rng.randint(2, 5)
    for pathway, share, low, high in FIRST_NEEDS:
        if rng.random() < share:
            scores[pathway] = rng.randint(low, high)
    return scores


def _next(rng, scores) -> dict:
    after = {}
    for pathway, score in scores.items():
        if score is None:
            after[pathway] = rng.randint(2, 5) if rng.random() < 0.05 else None
            continue
        moved = score + rng.choice((-2, -1, -1, 0, 0, 1))
        after[pathway] = None if moved < 2 and rng.random() < 0.5 else max(1, min(10, moved))
    return after


def _dates(rng, spell, today, months):
    end = min(spell.end or today, today)
    dates, day = [], spell.start + timedelta(days=rng.randint(0, 10))
    while day <= end:
        dates.append(day)
        day = add_months(day, months) + timedelta(days=rng.randint(-7, 10))
    if spell.end is None and len(dates) > 1 and rng.random() < OVERDUE_SHARE:
        dates.pop()  # missed the latest review
    return dates


def _check(spell, day, scores, today):
    errors = validate_scores(scores)
    if day > today or day < spell.start or (spell.end and day > spell.end):
        errors["date"] = "outside the spell"
    if errors:  # a generator bug: fail loudly rather than seed nonsense
        raise AssertionError(f"Generated needs assessment for spell {spell.pk}: {errors}")


def add_needs_assessments(rng, scheme, today) -> int:
    spells = (
        Membership.objects.filter(scheme=scheme)
        .select_related("nominal", "lead_professional")
        .order_by("pk")
    )
    fallback = scheme.staff.filter(role=Role.OFFENDER_MANAGER).values_list("user_id", flat=True)
    fallback = fallback.first()
    rows, all_scores = [], []
    for spell in spells:
        if rng.random() < NEVER_SHARE:
            continue
        scores = _first(rng, spell.nominal)
        for n, day in enumerate(_dates(rng, spell, today, scheme.needs_review_months)):
            if n:
                scores = _next(rng, scores)
            _check(spell, day, scores, today)
            rows.append(
                NeedsAssessment(
                    membership=spell,
                    date=day,
                    assessor_id=spell.lead_professional_id or fallback,
                    notes="Assessment on entry to the cohort." if n == 0 else "",
                )
            )
            all_scores.append(scores)
    NeedsAssessment.objects.bulk_create(rows, batch_size=BATCH)
    NeedScore.objects.bulk_create(
        [
            NeedScore(assessment=row, pathway=pathway, score=scores.get(pathway))
            for row, scores in zip(rows, all_scores, strict=True)
            for pathway in PATHWAYS
        ],
        batch_size=BATCH,
    )
    backdater = Backdater()
    for row in rows:
        backdater.set(NeedsAssessment, row.pk, "recorded_at", at(row.date, start=time(14, 0)))
    backdater.apply()
    return len(rows)
