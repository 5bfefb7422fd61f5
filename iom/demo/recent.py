"""Recent offending for a few non-members, so referrals and the matrix have real cases.

Plain Python like people.py and history.py: it picks never-members for each demo role
(referral subjects, matrix candidates) and returns the events to add to their histories.
Referral subjects get a conviction in the last few months (the Derbyshire rules exclude anyone
without one at liberty); matrix candidates get a run of recent arrests and fresh intelligence.
"""

from datetime import date, timedelta

from iom.codes import EventKind
from iom.demo.people import Person

# (role, needs a case reference number: the probation routes)
REFERRAL_ROLES = (
    ("awaiting-police", False),
    ("auto-today", False),
    ("awaiting-housing", False),
    ("awaiting-probation", True),
    ("accepted-tier-2", False),
    ("auto-probation", True),
    ("rejected-tier-2", True),
    ("withdrawn", True),
    ("awaiting-drugs", False),
    ("auto-transfer", False),
    ("rejected-not-eligible", False),
)
CANDIDATE_ROLES = ("candidate-1", "candidate-2", "candidate-3")
# Candidates are picked between the more important referral roles and the rest.
ROLE_ORDER = (*REFERRAL_ROLES[:2], (CANDIDATE_ROLES[0], False), (CANDIDATE_ROLES[1], False))
ROLE_ORDER += (*REFERRAL_ROLES[2:], (CANDIDATE_ROLES[2], False))
ACQUISITIVE = ("shoplifting", "burglary-other", "theft-from-vehicle", "handling-stolen-goods")
CANDIDATE_OFFENCES = ("burglary-dwelling", "robbery", "aggravated-twoc")
CANDIDATE_INTELLIGENCE = (
    "Seen with a known handler of stolen goods in {area}; believed to be committing burglaries.",
    "Information that the subject is travelling to {area} at night with tools to break in.",
    "Linked by a partial registration to a series of vehicle thefts in {area}.",
    "Subject reported to be owing money to a local dealer and 'doing jobs' to pay it back.",
)
HIGH_GRADES = ("1A", "1B", "B2", "A2")


def _free_now(events, today):
    """Not in custody now or in the last year (so a recent conviction is at liberty)."""
    year_ago = today - timedelta(days=365)
    return not any(
        e["kind"] == EventKind.CUSTODY and (e.get("end_date") or today) >= year_ago for e in events
    )


def pick_roles(rng, people: list[Person], histories, cohort: dict, today: date) -> dict:
    """{role: person index}; roles are filled in order of importance while people last."""
    pool = [
        i
        for i, person in enumerate(people)
        if i not in cohort
        and person.could_join(today)
        and not person.profile
        and _free_now(histories[i], today)
    ]
    rng.shuffle(pool)
    roles = {}
    for role, needs_crn in ROLE_ORDER:
        found = next((i for i in pool if people[i].crn or not needs_crn), None)
        if found is not None:
            roles[role] = found
            pool.remove(found)
    excluded = [i for i, p in enumerate(people) if p.mappa_level >= 2 and i not in cohort]
    if excluded:
        roles["rejected-excluded"] = excluded[0]
    return roles


def _episode(rng, offence, offence_day, today, convicted=True):
    arrest = offence_day + timedelta(days=rng.choice((0, 0, 1, 3)))
    events = [
        {"kind": EventKind.ARREST, "date": arrest, "offence": offence, "outcome": "charged"},
        {
            "kind": EventKind.CHARGE,
            "date": arrest,
            "offence": offence,
            "offence_date": offence_day,
        },
    ]
    conviction = arrest + timedelta(days=rng.randint(14, 40))
    if convicted and conviction < today:
        events.append(
            {
                "kind": EventKind.CONVICTION,
                "date": conviction,
                "offence": offence,
                "offence_date": offence_day,
            }
        )
    return events


def referral_offending(rng, referral_day: date, today: date, supervised: bool) -> list[dict]:
    """A conviction a month or two before the referral; a community order when probation
    supervises."""
    offence_day = referral_day - timedelta(days=rng.randint(70, 110))
    events = _episode(rng, rng.choice(ACQUISITIVE), offence_day, today)
    convicted = events[-1]["date"]
    if supervised:
        events.append(
            {
                "kind": EventKind.SUPERVISION,
                "date": convicted,
                "order_type": "Community order",
                "statutory": True,
                "end_date": None,
            }
        )
    return events


def candidate_offending(rng, number: int, today: date, area: str) -> list[dict]:
    """Arrests every couple of months for serious acquisitive crime and fresh, high-grade
    intelligence: enough to score 80 or more on the IOM matrix."""
    offence = CANDIDATE_OFFENCES[number % len(CANDIDATE_OFFENCES)]
    events = []
    for n in range(4):
        day = today - timedelta(days=40 + 60 * n + rng.randint(0, 20))
        events += _episode(rng, offence, day, today, convicted=n > 0)
    for n in range(4):
        events.append(
            {
                "kind": EventKind.INTELLIGENCE,
                "date": today - timedelta(days=rng.randint(2, 45)),
                "grade": HIGH_GRADES[(number + n) % len(HIGH_GRADES)],
                "handling_code": "P",
                "suggests_offending": True,
                "summary": CANDIDATE_INTELLIGENCE[
                    (number + n) % len(CANDIDATE_INTELLIGENCE)
                ].format(area=area),
            }
        )
    return events
