"""Factories the performance and needs tests share (no tests here)."""

import itertools
from datetime import date

from iom.models import Event, Membership, Nominal
from performance.models import NeedsAssessment, NeedScore

_n = itertools.count(1)


def nominal(scheme, dob=date(1980, 1, 1), **extra):
    n = next(_n)
    return Nominal.objects.create(
        scheme=scheme, first_names=f"Test{n}", last_name=f"Person{n}", date_of_birth=dob, **extra
    )


def spell(
    scheme,
    level_code="ppo",
    start=date(2015, 1, 1),
    end=None,
    area="N",
    dob=None,
    person=None,
    **extra,
):
    """A nominal (new unless given) with one spell; area is a code of the scheme or None."""
    person = person or nominal(scheme, **({"dob": dob} if dob else {}))
    return Membership.objects.create(
        nominal=person,
        scheme=scheme,
        level=scheme.levels.get(code=level_code),
        area=scheme.areas.get(code=area) if area else None,
        start=start,
        end=end,
        exit_reason="other" if end else "",
        **extra,
    )


def conviction(person, day, offence="theft-other", offence_date=None):
    return Event.objects.create(
        nominal=person, kind="conviction", date=day, offence=offence, offence_date=offence_date
    )


def arrest(person, day, offence="theft-other"):
    return Event.objects.create(
        nominal=person, kind="arrest", date=day, offence=offence, outcome="charged"
    )


def event(person, kind, day, **fields):
    return Event.objects.create(nominal=person, kind=kind, date=day, **fields)


PATHWAY_ORDER = [
    "accommodation",
    "ete",
    "health",
    "drugs-alcohol",
    "finance",
    "children-families",
    "attitudes",
]


def assessment(membership, day, scores, assessor):
    """scores: seven values in PATHWAY_ORDER, None for blank."""
    made = NeedsAssessment.objects.create(membership=membership, date=day, assessor=assessor)
    NeedScore.objects.bulk_create(
        NeedScore(assessment=made, pathway=p, score=s)
        for p, s in zip(PATHWAY_ORDER, scores, strict=True)
    )
    return made
