"""After people, histories and cohort: the partnership's work of the last months.

Referrals, panels with their exit reviews, three weeks of daily tasking, today's meeting ready
to run, needs assessments, matrix scores and case teams, so that every page of a fresh demo
has real content. Driven by its own random.Random, so the base data does not move with it.
"""

from dataclasses import dataclass
from datetime import timedelta

from iom.case_teams import sync_case_teams
from iom.codes import AgencyKind
from iom.demo import recent
from iom.demo import referrals as demo_referrals
from iom.demo.backdate import Backdater, at
from iom.demo.daily import hold_daily_meetings, set_lead
from iom.demo.meetings import Calendar, MeetingRunner, make_calendar
from iom.demo.needs import add_needs_assessments
from iom.demo.panels import backdate_reviews, hold_panels
from iom.history import history_context
from iom.models import Membership
from matrix.rescoring import rescore_scheme
from tasking import workflow
from tasking.exit_reviews import run_exit_reviews
from tasking.models import ExitReview, Meeting

TODAY_ATTENDEES = ("demo.coordinator", "demo.offender-manager", "demo.practitioner")
LEAD_CHANGE = "Now engaging with the drug service, which is best placed to lead."


@dataclass
class Plan:
    calendar: Calendar
    roles: dict  # role -> person index
    extra: dict  # person index -> extra event dicts


@dataclass
class WorkflowSummary:
    referrals: int
    meetings: int
    open_reviews: int
    assessments: int


def plan_recent(rng, people, histories, cohort, today, area_names) -> Plan:
    """Who is referred or a matrix candidate, and the recent offending that makes them so."""
    cal = make_calendar(today)
    roles = recent.pick_roles(rng, people, histories, cohort, today)
    days = demo_referrals.referral_days(cal)
    extra = {}
    for role, index in roles.items():
        if role in recent.CANDIDATE_ROLES:
            number = recent.CANDIDATE_ROLES.index(role)
            area = area_names[people[index].area_index]
            extra[index] = recent.candidate_offending(rng, number, today, area)
        elif role != "rejected-excluded":
            supervised = demo_referrals.SPECS[role].referrer == demo_referrals.PROBATION
            extra[index] = recent.referral_offending(rng, days[role][0], today, supervised)
    return Plan(cal, roles, extra)


def _move_start(membership_id, day):
    """The services start a spell today; a past registration started on its own day."""
    Membership.objects.filter(pk=membership_id).update(start=day)


def _submit(partnership, plan, rows, backdater) -> dict:
    days = demo_referrals.referral_days(plan.calendar)
    made = {}
    wanted = [r for r in demo_referrals.SPECS if r in plan.roles]
    for role in sorted(wanted, key=lambda r: (days[r][0], r)):
        index, day = plan.roles[role], days[role][0]
        referral = demo_referrals.submit(
            partnership, role, rows[index], day, plan.extra.get(index, []), backdater
        )
        if referral.membership_id and day < plan.calendar.today:
            _move_start(referral.membership_id, day)
        made[role] = referral
    return made


def _schedule(partnership, plan, made, backdater) -> dict:
    """{meeting day: [(kind, step)]}: referral decisions and lead decisions."""
    cal, by = plan.calendar, partnership.staff["demo.coordinator"]
    days = demo_referrals.referral_days(cal)
    agenda = {}

    def decide(role):
        spec, referral = demo_referrals.SPECS[role], made[role]
        action = "accept" if spec.outcome == "accept" else "reject"

        def step(meeting):
            level = partnership.levels["iom"] if action == "accept" else None
            workflow.decide_referral(
                by=by, meeting=meeting, referral=referral, action=action, level=level,
                reason=spec.reason,
            )  # fmt: skip
            referral.refresh_from_db()
            demo_referrals.after_decision(referral, at(meeting.date, 20), backdater)
            if action == "accept":
                _move_start(referral.membership_id, meeting.date)
                lead(meeting, referral.membership_id, AgencyKind.SUBSTANCE_MISUSE, spec.reason)

        return step

    def lead(meeting, membership_id, kind, reason):
        spell = Membership.objects.get(pk=membership_id)
        set_lead(by, meeting, spell, kind, partnership, reason)

    for role, referral in made.items():
        spec, decided_on = demo_referrals.SPECS[role], days[role][1]
        if spec.outcome in ("accept", "reject"):
            agenda.setdefault(decided_on, []).append(("referrals", decide(role)))
        elif referral.membership_id and days[role][0] < cal.today:
            meeting_day = cal.daily_on_or_after(days[role][0] + timedelta(days=1))
            kind = (
                AgencyKind.PROBATION_NPS
                if spec.referrer == "demo.offender-manager"
                else (AgencyKind.SUBSTANCE_MISUSE)
            )
            if meeting_day is not None:
                agenda.setdefault(meeting_day, []).append(
                    ("leads", lambda m, pk=referral.membership_id, k=kind: lead(
                        m, pk, k, "Lead agreed for a new member registered automatically."
                    ))
                )  # fmt: skip
    changing = Membership.objects.filter(
        scheme=partnership.scheme,
        end__isnull=True,
        lead_agency__kind=AgencyKind.HOUSING,
        start__lt=cal.daily[0],
    ).exclude(nominal__primary_substance="")
    for day, spell in zip(cal.daily[2::5], changing.order_by("pk")[:2], strict=False):
        agenda.setdefault(day, []).append(
            ("leads", lambda m, pk=spell.pk: lead(m, pk, AgencyKind.SUBSTANCE_MISUSE, LEAD_CHANGE))
        )
    return agenda


def run_workflow(rng, partnership, rows, plan: Plan, *, report=False) -> WorkflowSummary:
    cal, backdater = plan.calendar, Backdater()
    coordinator, scheme = partnership.staff["demo.coordinator"], partnership.scheme
    runner = MeetingRunner(rng, partnership, backdater, cal.today)
    with history_context(coordinator, via="demo data"):
        hold_panels(rng, runner, cal, backdater)
        made = _submit(partnership, plan, rows, backdater)
        agenda = _schedule(partnership, plan, made, backdater)
        held = hold_daily_meetings(rng, runner, cal, backdater, agenda)
        if "withdrawn" in made:
            withdrawn_on = demo_referrals.referral_days(cal)["withdrawn"][1]
            demo_referrals.withdraw(partnership, made["withdrawn"], withdrawn_on, backdater)
        runner.hold(Meeting.Kind.DAILY, cal.today, attendees=TODAY_ATTENDEES)
        runner.hold(Meeting.Kind.PANEL, cal.next_panel, notes="Monthly panel.")
        backdate_reviews(run_exit_reviews(cal.today, scheme), backdater)
        backdater.apply()
        assessments = add_needs_assessments(rng, scheme, cal.today)
    rescore_scheme(scheme, cal.today)
    sync_case_teams(Membership.objects.filter(scheme=scheme).values_list("nominal_id", flat=True))
    if report:
        from iom.demo.report import add_report

        add_report(partnership, cal.today)
    return WorkflowSummary(
        referrals=len(made),
        meetings=held + len(cal.panels) + 2,
        open_reviews=ExitReview.objects.filter(status=ExitReview.Status.OPEN).count(),
        assessments=assessments,
    )
