"""Three weeks of daily tasking: RAG confirmations, referral decisions, leads and actions.

Everything goes through tasking.workflow / tasking.decisions / tasking.services as the
co-ordinator, so the quorum, the RAG history and the minutes are the real ones.
"""

from datetime import timedelta

from iom.demo.backdate import at
from iom.demo.cohort import LEAD_PROFESSIONALS, POLICE_OFFICER
from iom.models import Membership
from rag import rules
from rag.models import Colour, RagChange, RagStatus, RagSuggestion
from tasking import decisions, services, workflow
from tasking.models import Decision, Meeting

SKIP_SHARE = 0.03  # members the meetings have not got round to confirming
# Confirmed colour and reason when the meeting departs from the suggestion.
DEPARTURES = {
    rules.GREEN: (Colour.AMBER, "Housing report he is staying with a co-defendant; Amber "
                   "until the address is checked."),
    rules.AMBER: (Colour.GREEN, "Engaging well with the drug service; the arrest was a case "
                   "of mistaken identity."),
    rules.AMBER_ALERT: (Colour.RED, "Fresh intelligence of knife carrying; managed as Red."),
    rules.RED: (Colour.AMBER_ALERT, "Arrested and remanded overnight; released on strict "
                 "bail conditions, so Amber alert for now."),
    rules.BLUE: (Colour.RED, "Release expected within days with no address; Red from "
                  "release."),
}  # fmt: skip
EARLIER = "Confirmed on the information at the time; reviewed at a later meeting."
ACTIONS = (
    ("Check {name}'s new address with the housing provider", "demo.housing"),
    ("Arrange a joint home visit to {name} with the offender manager", "demo.police"),
    ("Chase the drug test result for {name}", "demo.practitioner"),
    ("Prepare the breach pack for {name}", "demo.offender-manager"),
    ("Share the latest intelligence on {name} with the neighbourhood team", "demo.police"),
    ("Book {name} onto the next employment and training assessment", "demo.offender-manager"),
)
GENERAL_ACTION = ("Send the weekly arrests list to the partnership", "demo.police")


def plan_rag(rng, cal, members, suggestions):
    """{day: [(nominal, colour, reason)]}: one confirmation per member at a meeting on or after
    the start of their spell; a few changed twice, a few departing from the suggestion."""
    plan, by_member = {day: [] for day in cal.daily}, []
    for spell in members:
        days = [d for d in cal.daily if d >= spell.start]
        if not days or rng.random() < SKIP_SHARE or spell.nominal_id not in suggestions:
            continue
        by_member.append((spell.nominal, rng.choice(days), suggestions[spell.nominal_id]))
    handful = max(2, len(by_member) // 40)
    late = [m for m in by_member if m[1] >= cal.daily[-3]]
    departing = {m[0].pk for m in rng.sample(late, min(handful, len(late)))}
    later = [m for m in by_member if m[1] > cal.daily[0] and m[0].pk not in departing]
    twice = {m[0].pk for m in rng.sample(later, min(handful, len(later)))}
    for nominal, day, suggested in by_member:
        if nominal.pk in departing:
            colour, reason = DEPARTURES[suggested]
            plan[day].append((nominal, colour, reason))
            continue
        if nominal.pk in twice:
            earlier = rng.choice([d for d in cal.daily if d < day])
            plan[earlier].append((nominal, DEPARTURES[suggested][0], EARLIER))
        plan[day].append((nominal, suggested, ""))
    return plan


def set_lead(by, meeting, membership, agency_kind, partnership, reason):
    lead = LEAD_PROFESSIONALS[agency_kind]
    return decisions.set_lead(
        by=by,
        meeting=meeting,
        membership=membership,
        lead_agency=partnership.agencies[agency_kind],
        lead_professional=partnership.staff[lead],
        police_officer=partnership.staff[POLICE_OFFICER],
        reason=reason,
    )


def _notes(meeting, previous, counts):
    since = f"since {previous:%A %-d %B}" if previous else "this week"
    parts = [f"Went through new arrests, intelligence and breaches {since}."]
    if counts["rag"]:
        parts.append(f"Confirmed {counts['rag']} RAG statuses.")
    if counts["referrals"]:
        parts.append(f"Decided {counts['referrals']} referral(s).")
    if counts["leads"]:
        parts.append("Agreed lead arrangements for new members.")
    return " ".join(parts)


def hold_daily_meetings(rng, runner, cal, backdater, agenda) -> int:
    """agenda: {day: [(kind, step)]}, the referral and lead decisions the caller scheduled;
    each step(meeting) records one. Returns how many meetings were held."""
    by = runner.coordinator
    members = list(
        Membership.objects.filter(scheme=runner.scheme, end__isnull=True)
        .select_related("nominal")
        .order_by("nominal_id")
    )
    suggestions = dict(RagSuggestion.objects.values_list("nominal_id", "status"))
    plan = plan_rag(rng, cal, members, suggestions)
    people = [spell.nominal for spell in members]
    previous = None
    for day in cal.daily:
        present, guests = runner.daily_attendees()
        meeting = runner.hold(Meeting.Kind.DAILY, day, attendees=present, guests=guests)
        counts = {"rag": 0, "referrals": 0, "leads": 0}
        for kind, step in agenda.get(day, ()):
            step(meeting)
            counts[kind] += 1
        for nominal, colour, reason in plan[day]:
            workflow.confirm_rag(
                by=by, meeting=meeting, nominal=nominal, status=colour, reason=reason
            )
            counts["rag"] += 1
        _actions(rng, runner, meeting, people, cal.today)
        _backdate_meeting(meeting, backdater)
        services.update_notes(by=by, meeting=meeting, notes=_notes(meeting, previous, counts))
        previous = day
    return len(cal.daily)


def _actions(rng, runner, meeting, people, today):
    for _ in range(rng.choice((1, 1, 2))):
        template, owner = rng.choice(ACTIONS)
        nominal = rng.choice(people)
        due = meeting.date + timedelta(days=rng.randint(2, 10))
        done = due < today and rng.random() < 0.65
        name = f"{nominal.first_names.split()[0]} {nominal.last_name}"
        runner.action(meeting, template.format(name=name), owner, due, nominal, done, today)
    if meeting.date.weekday() == 0:
        description, owner = GENERAL_ACTION
        due = meeting.date + timedelta(days=4)
        runner.action(meeting, description, owner, due, done=due < today, today=today)


def _backdate_meeting(meeting, backdater):
    day = meeting.date
    for n, pk in enumerate(Decision.objects.filter(meeting=meeting).values_list("pk", flat=True)):
        backdater.set(Decision, pk, "decided_at", at(day, 15 + n // 2))
    for pk, nominal_id in RagChange.objects.filter(meeting_id=meeting.pk).values_list(
        "pk", "nominal_id"
    ):
        when = at(day, 15)
        backdater.set(RagChange, pk, "changed_at", when)
        backdater.set(RagStatus, nominal_id, "confirmed_at", when)
