"""Who is on the demo cohort: spells with level, lead agency and people; exits and re-joins."""

from datetime import date, timedelta

from iom.codes import AgencyKind, EventKind, ExitReason
from iom.demo.people import Person

COHORT_SHARE = 2 / 3  # about 200 members among 300 nominals
EXIT_SHARE = 0.2
REJOIN_SHARE = 0.3
# Lead agency -> the demo user who is lead professional for it.
LEAD_PROFESSIONALS = {
    AgencyKind.PROBATION_NPS: "demo.offender-manager",
    AgencyKind.SUBSTANCE_MISUSE: "demo.practitioner",
    AgencyKind.HOUSING: "demo.housing",
}
POLICE_OFFICER = "demo.police"
OTHER_EXIT_NOTES = "Agreed at panel: now managed by the local neighbourhood team."


def _statutory_on(events, day):
    return any(
        e["kind"] == EventKind.SUPERVISION
        and e["statutory"]
        and e["date"] <= day <= (e.get("end_date") or date.max)
        for e in events
    ) or any(
        e["kind"] == EventKind.CUSTODY and e["date"] <= day <= (e.get("end_date") or date.max)
        for e in events
    )


def _lead_agency(rng, person, events, day):
    """London steps 6-7: probation when statutory, DIP when addiction drives it, else housing."""
    if _statutory_on(events, day):
        return AgencyKind.PROBATION_NPS
    if person.primary_substance and rng.random() < 0.7:
        return AgencyKind.SUBSTANCE_MISUSE
    return AgencyKind.HOUSING if rng.random() < 0.6 else AgencyKind.PROBATION_NPS


def _offended_within_six_months(events, end):
    since = end - timedelta(days=183)
    return any(
        e["kind"] in (EventKind.CHARGE, EventKind.CONVICTION)
        and since <= (e.get("offence_date") or e["date"]) <= end
        for e in events
    )


def _spell(rng, person, events, start, end=None):
    lead = _lead_agency(rng, person, events, start)
    spell = {
        "level": "ppo" if person.is_ppo else "iom",
        "start": start,
        "end": end,
        "exit_reason": "",
        "exit_notes": "",
        "lead_agency": lead,
        "lead_professional": LEAD_PROFESSIONALS[lead],
        "police_officer": POLICE_OFFICER,
    }
    if end is not None:
        reasons = [ExitReason.MOVED_AREA, ExitReason.RISK_REDUCED, ExitReason.OTHER]
        if not _offended_within_six_months(events, end):
            reasons += [ExitReason.NOT_REOFFENDED] * 4
        if _statutory_on(events, end):
            reasons.append(ExitReason.LONG_CUSTODY)
        spell["exit_reason"] = rng.choice(reasons)
        if spell["exit_reason"] == ExitReason.OTHER:
            spell["exit_notes"] = OTHER_EXIT_NOTES
    return spell


def _weighted_sample(rng, items, weights, k):
    # Efraimidis-Spirakis: each item keyed by u ** (1 / weight); the k largest keys win.
    keyed = sorted(
        zip(items, weights, strict=True), key=lambda iw: rng.random() ** (1 / iw[1]), reverse=True
    )
    return [item for item, _ in keyed[:k]]


def make_cohort(rng, people: list[Person], histories: list[list], today: date) -> dict:
    """{person index: [spell, ...]}: PPOs and showcase cases first, then the more active."""
    eligible = [i for i, p in enumerate(people) if p.could_join(today)]
    target = min(len(eligible), round(len(people) * COHORT_SHARE))
    chosen = [i for i in eligible if people[i].is_ppo or people[i].profile]
    others = [i for i in eligible if i not in set(chosen)]
    chosen += _weighted_sample(
        rng, others, [0.3 + people[i].activity for i in others], max(0, target - len(chosen))
    )
    first_day = today - timedelta(days=365 * 3)
    cohort = {}
    for i in sorted(chosen):
        person, events = people[i], histories[i]
        if rng.random() < EXIT_SHARE:
            start = first_day + timedelta(days=rng.randint(0, 500))
            end = start + timedelta(days=rng.randint(183, 420))
            spells = [_spell(rng, person, events, start, end)]
            if rng.random() < REJOIN_SHARE:
                again = end + timedelta(days=rng.randint(30, 200))
                spells.append(_spell(rng, person, events, min(again, today)))
        else:
            start = today - timedelta(days=rng.randint(14, 365 * 3 - 30))
            spells = [_spell(rng, person, events, start)]
        cohort[i] = spells
    return cohort
