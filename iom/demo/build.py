"""Writes the whole demo scheme in one transaction, set-based, from one random seed."""

import random
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from iom.case_teams import sync_case_teams
from iom.codes import EventKind, Role
from iom.demo.cohort import make_cohort
from iom.demo.history import make_history
from iom.demo.partnership import DEMO_STAFF, SCHEME_SLUG, build_partnership
from iom.demo.people import make_people, new_crn
from iom.demo.workflow import WorkflowSummary, plan_recent, run_workflow
from iom.event_rules import validate_event
from iom.models import Alias, Event, Membership, Nominal, Scheme
from iom.signals import events_recorded

BATCH = 2000
# Who records each kind of event in the demo: the police officer or the offender manager.
PROBATION_KINDS = {
    EventKind.CONVICTION,
    EventKind.CUSTODY,
    EventKind.BREACH,
    EventKind.RECALL,
    EventKind.SUPERVISION,
    EventKind.ENGAGEMENT,
}


@dataclass
class DemoSummary:
    staff: list  # (username, role label, agency name)
    nominals: int
    events: int
    memberships: int
    workflow: WorkflowSummary


def demo_scheme_exists() -> bool:
    return Scheme.objects.filter(slug=SCHEME_SLUG).exists()


def _check(kind, values, today, who):
    errors = validate_event(kind, values, today)
    if errors:  # a generator bug, never bad input: fail loudly rather than seed nonsense
        raise AssertionError(f"Generated {kind} for {who} breaks the event rules: {errors}")


@transaction.atomic
def build_demo(
    *, nominals: int, seed: int, password: str, today: date, report: bool = False
) -> DemoSummary:
    rng = random.Random(seed)
    partnership = build_partnership(password)
    staff = partnership.staff
    coordinator, police, om = (
        staff["demo.coordinator"],
        staff["demo.police"],
        staff["demo.offender-manager"],
    )
    people = make_people(rng, nominals, today)
    histories = [
        make_history(rng, person, today, partnership.areas[person.area_index].name)
        for person in people
    ]
    crns = {person.crn for person in people if person.crn}
    for person, events in zip(people, histories, strict=True):
        # Anyone probation supervises has a probation case reference.
        statutory = any(e["kind"] == EventKind.SUPERVISION and e["statutory"] for e in events)
        if statutory and person.crn is None and person.age_on(today) >= 18:
            person.crn = new_crn(rng, crns)
    cohort = make_cohort(rng, people, histories, today)
    # The workflow's own generator, so adding to it never moves the people or histories.
    workflow_rng = random.Random(f"demo-workflow-{seed}")
    area_names = [area.name for area in partnership.areas]
    plan = plan_recent(workflow_rng, people, histories, cohort, today, area_names)
    for index, extra in plan.extra.items():
        histories[index] = sorted(histories[index] + extra, key=lambda e: e["date"])

    rows = Nominal.objects.bulk_create(
        [
            Nominal(
                scheme=partnership.scheme,
                area=partnership.areas[p.area_index],
                first_names=p.first_names,
                last_name=p.last_name,
                date_of_birth=p.date_of_birth,
                gender=p.gender,
                pnc_id=p.pnc_id,
                crn=p.crn,
                address=f"{p.address}, {partnership.areas[p.area_index].name}",
                contact_number=p.contact_number,
                primary_substance=p.primary_substance,
                is_ppo=p.is_ppo,
                mappa_level=p.mappa_level,
                current_sex_offender=p.current_sex_offender,
                yos_high_risk=p.yos_high_risk,
                created_by=coordinator,
                updated_by=coordinator,
            )
            for p in people
        ],
        batch_size=BATCH,
    )
    aliases = [
        Alias(nominal=row, name=name)
        for row, person in zip(rows, people, strict=True)
        for name in person.aliases
    ]
    Alias.objects.bulk_create(aliases, batch_size=BATCH)

    events = []
    for row, history in zip(rows, histories, strict=True):
        for entry in history:
            values = {key: value for key, value in entry.items() if key != "kind"}
            kind = entry["kind"]
            _check(kind, values, today, row.pnc_id)
            by = om if kind in PROBATION_KINDS else police
            events.append(Event(nominal=row, kind=kind, recorded_by=by, **values))
    Event.objects.bulk_create(events, batch_size=BATCH)

    spells = [
        Membership(
            nominal=rows[i],
            scheme=partnership.scheme,
            level=partnership.levels[spell["level"]],
            area=rows[i].area,
            start=spell["start"],
            end=spell["end"],
            exit_reason=spell["exit_reason"],
            exit_notes=spell["exit_notes"],
            lead_agency=partnership.agencies[spell["lead_agency"]],
            lead_professional=staff[spell["lead_professional"]],
            police_officer=staff[spell["police_officer"]],
            created_by=coordinator,
        )
        for i, spell_list in cohort.items()
        for spell in spell_list
    ]
    Membership.objects.bulk_create(spells, batch_size=BATCH)
    sync_case_teams({spell.nominal_id for spell in spells})
    # Receivers (RAG suggestions, matrix) recompute for every nominal with a history.
    events_recorded.send(sender=Event, nominal_ids=[row.pk for row in rows])
    workflow = run_workflow(workflow_rng, partnership, rows, plan, report=report)

    return DemoSummary(
        staff=[
            (username, Role(role).label, partnership.agencies[kind].name)
            for username, _first, _last, role, kind in DEMO_STAFF
        ],
        nominals=len(rows),
        events=len(events),
        memberships=len(spells),
        workflow=workflow,
    )
