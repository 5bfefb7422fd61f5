"""What the meeting page (and its re-display with errors) shows, in a fixed number of queries."""

from iom.access import is_coordinator, staff_of
from iom.codes import ExitReason
from tasking import selectors
from tasking.agenda import build_agenda
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


def page_choices(meeting, nominals=()) -> dict:
    """Select options shared by every form of the page: three queries."""
    staff = selectors.scheme_staff(meeting.scheme)
    return {
        "levels": level_choices(selectors.scheme_levels(meeting.scheme)),
        "staff": staff_choices(staff),
        "police": staff_choices(staff, police_only=True),
        "agencies": agency_choices(selectors.scheme_agencies(meeting.scheme)),
        "nominals": [("", "No one in particular")]
        + [(str(n.pk), str(n)) for n in sorted(nominals, key=lambda n: (n.last_name, n.pk))],
    }


def meeting_context(request, meeting, bound=None, errors=None):
    """Context for tasking/meeting_detail.html; `bound` holds forms re-shown with errors."""
    bound = bound or {}
    user = request.user
    agenda = build_agenda(meeting, user)
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
    nominals = {i.nominal.pk: i.nominal for s in agenda.sections for i in s.items if i.nominal}
    choices = page_choices(meeting, nominals.values())
    for section in agenda.sections:
        for item in section.items:
            item.extra["form"] = _item_form(item, choices, bound) if quorum.met else None
    context.update(
        attendance_form=bound.get("attendance") or AttendanceForm(choices=choices),
        notes_form=bound.get("notes") or NotesForm(initial={"notes": meeting.notes}),
        action_form=bound.get("action") or ActionForm(choices=choices),
        choices=choices,
    )
    return context
