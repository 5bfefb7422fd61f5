"""What the meeting page (and its re-display with errors) shows, in a fixed number of queries."""

from types import SimpleNamespace

from django.contrib.postgres.aggregates import JSONBAgg
from django.db.models import OuterRef, Subquery
from django.db.models.functions import JSONObject

from iom.access import is_coordinator, staff_of
from iom.codes import ExitReason
from iom.models import Agency, Level, StaffProfile
from tasking import selectors
from tasking.agenda import Agenda, AgendaSection, Cut, agenda_context, registered_sections
from tasking.agenda_sections import (
    DAILY_RELEASE_DAYS,
    PANEL_RELEASE_DAYS,
    events_by_nominal,
)
from tasking.forms import (
    ActionForm,
    AttendanceForm,
    LeadForm,
    NotesForm,
    RagConfirmForm,
    ReferralDecisionForm,
    ReviewDecisionForm,
    agency_choices,
    level_choices,
    staff_choices,
)
from tasking.models import Decision, ExitReview

# Rows a section shows before "Show all" (?show=<section key>): the page stays quick to read
# and to load when a prolific cohort has hundreds of items (a meeting takes them a few at a
# time; each heading gives the section's total); the API and the PDF still list every item.
SECTION_ROWS = 10
EVENT_NOMINAL_ROWS = 20


RELEASE_DAYS = {"releases": DAILY_RELEASE_DAYS, "upcoming-releases": PANEL_RELEASE_DAYS}


def _section(spec, ctx, show, bound, items=None):
    """A section as the page shows it: cut to SECTION_ROWS unless asked for in full (?show=),
    by its builder where it can (cuttable), else here."""
    if items is None:
        cut = None if show == spec.key else Cut(SECTION_ROWS, frozenset(bound))
        part = spec.part(ctx, cut)
        items, total = part.items, part.total
    else:
        total = len(items)
    section = AgendaSection(spec.key, spec.title, items, spec.empty)
    if show == spec.key or spec.cuttable:
        section.shown = items
    else:
        extra = [item for item in items[SECTION_ROWS:] if item.key in bound]
        section.shown = items[:SECTION_ROWS] + extra
    section.total = total
    section.hidden = total - len(section.shown)
    return section


def page_agenda(meeting, user, show="", bound=()) -> Agenda:
    """The agenda as the page shows it: events grouped by nominal (read with the releases in
    one query), long sections cut short; an item re-shown with errors always stays in. The
    cut sections' items are only those shown (the API and the PDF build every item)."""
    ctx = agenda_context(meeting, user)
    specs = registered_sections(meeting.kind)
    days = next((RELEASE_DAYS[s.key] for s in specs if s.key in RELEASE_DAYS), 0)
    groups, releases = events_by_nominal(ctx, days)
    sections = []
    for spec in specs:
        if spec.key == "events":
            section = AgendaSection(spec.key, spec.title, [], spec.empty)
            section.groups = groups
            section.total = sum(g.total for g in groups)
            section.shown_groups = groups if show == spec.key else groups[:EVENT_NOMINAL_ROWS]
            section.hidden = len(groups) - len(section.shown_groups)
        else:
            items = releases if spec.key in RELEASE_DAYS else None
            section = _section(spec, ctx, show, bound, items)
        sections.append(section)
    return Agenda(meeting, ctx.since, ctx.previous, sections)


def agenda_nominals(agenda) -> dict:
    """The nominals the page shows, for the action form's "About" list."""
    nominals = {}
    for section in agenda.sections:
        for item in getattr(section, "shown", section.items):
            if item.nominal:
                nominals[item.nominal.pk] = item.nominal
        for group in getattr(section, "shown_groups", ()):
            nominals[group.nominal.pk] = group.nominal
    return nominals


def can_run(user, meeting) -> bool:
    staff = staff_of(user)
    return is_coordinator(user) and staff.scheme_id == meeting.scheme_id


def error_summary(form) -> list[tuple[str, str]]:
    """(link, message) pairs for the GOV.UK error summary, in the order of the form."""
    errors = []
    for name, messages in form.errors.items():
        if name == "__all__":
            errors += [(f"#form-{form.prefix or 'main'}", m) for m in messages]
            continue
        field = form[name]
        suffix = "_0" if field.widget_type == "radioselect" else ""
        errors += [(f"#{field.auto_id}{suffix}", m) for m in messages]
    return errors


def _item_form(item, choices, bound):
    if item.key in bound:
        return bound[item.key]
    if Decision.Kind.SET_LEAD in item.decisions:
        member = item.obj
        suggested = item.extra.get("suggested_agency")
        initial = {
            "lead_agency": str(suggested.pk) if suggested else "",
            "lead_professional": str(member.lead_professional_id or ""),
            "police_officer": str(member.police_officer_id or ""),
        }
        return LeadForm(prefix=item.key, choices=choices, initial=initial)
    if Decision.Kind.REJECT_REFERRAL in item.decisions:
        return ReferralDecisionForm(
            prefix=item.key,
            choices=choices,
            acceptable=Decision.Kind.ACCEPT_REFERRAL in item.decisions,
        )
    if Decision.Kind.CONFIRM_RAG in item.decisions:
        data = item.extra["data"]
        initial = {"status": data["suggested"], "expected_version": data["version"]}
        return RagConfirmForm(prefix=item.key, initial=initial)
    if Decision.Kind.EXIT in item.decisions:
        review = item.obj
        proposes_exit = review.proposal == ExitReview.Proposal.EXIT
        initial = {
            "decision": review.proposal,
            "exit_reason": ExitReason.NOT_REOFFENDED if proposes_exit else "",
        }
        return ReviewDecisionForm(prefix=item.key, initial=initial)
    return None


def _options(scheme):
    """Active staff with their agencies, and the scheme's agencies and levels as JSON on each
    row: the select options of every form of the page in one query."""

    def as_json(model, order, **fields):
        rows = model.objects.filter(scheme_id=OuterRef("scheme_id")).order_by().values("scheme")
        rows = rows.annotate(json=JSONBAgg(JSONObject(**fields), order_by=order))
        return Subquery(rows.values("json"))

    staff = list(
        StaffProfile.objects.filter(scheme=scheme, user__is_active=True)
        .select_related("user", "agency")
        .annotate(
            scheme_agencies=as_json(Agency, ("name",), pk="pk", name="name"),
            scheme_levels=as_json(Level, ("order", "name"), pk="pk", name="name"),
        )
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    if not staff:  # no one active: read the lists alone
        return staff, selectors.scheme_agencies(scheme), selectors.scheme_levels(scheme)
    agencies = [SimpleNamespace(**row) for row in staff[0].scheme_agencies or []]
    levels = [SimpleNamespace(**row) for row in staff[0].scheme_levels or []]
    return staff, agencies, levels


def page_choices(meeting, nominals=()) -> dict:
    """Select options shared by every form of the page: one query."""
    staff, agencies, levels = _options(meeting.scheme)
    return {
        "levels": level_choices(levels),
        "staff": staff_choices(staff),
        "police": staff_choices(staff, police_only=True),
        "agencies": agency_choices(agencies),
        "nominals": [("", "No one in particular")]
        + [(str(n.pk), str(n)) for n in sorted(nominals, key=lambda n: (n.last_name, n.pk))],
    }


def meeting_context(request, meeting, bound=None, errors=None):
    """Context for tasking/meeting_detail.html; `bound` holds forms re-shown with errors."""
    bound = bound or {}
    user = request.user
    agenda = page_agenda(meeting, user, request.GET.get("show", ""), bound)
    attendance_list = selectors.attendances(meeting)
    quorum = selectors.quorum_of(meeting, attendance_list)
    writer = can_run(user, meeting)
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "attendances": attendance_list,
        "quorum": quorum,
        "decisions": selectors.decisions_for_user(meeting, user),
        "actions": selectors.actions_for_user(meeting, user),
        "can_run": writer,
        "errors": errors or [],
    }
    if not writer:
        return context
    choices = page_choices(meeting, agenda_nominals(agenda).values())
    for section in agenda.sections:
        for item in getattr(section, "shown", ()):  # forms only for the items shown
            item.extra["form"] = _item_form(item, choices, bound) if quorum.met else None
    context.update(
        attendance_form=bound.get("attendance") or AttendanceForm(choices=choices),
        notes_form=bound.get("notes") or NotesForm(initial={"notes": meeting.notes}),
        action_form=bound.get("action") or ActionForm(choices=choices),
        choices=choices,
    )
    return context
