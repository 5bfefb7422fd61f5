"""Meeting page forms. Choices are built once per page and passed in, so a page with many
agenda items (each with its own decision form) still makes a fixed number of queries."""

from django import forms

from iom.codes import AgencyKind, ExitReason
from rag.models import Colour
from tasking.models import Meeting

NONE = [("", "Choose…")]


def staff_choices(staff_list, police_only=False):
    return NONE + [
        (str(s.user_id), f"{s.user.get_full_name() or s.user.username} ({s.agency.name})")
        for s in staff_list
        if not police_only or s.agency.kind == AgencyKind.POLICE
    ]


def agency_choices(agencies):
    return NONE + [(str(a.pk), a.name) for a in agencies]


def level_choices(levels):
    return NONE + [(str(level.pk), level.name) for level in levels]


class ChoicesForm(forms.Form):
    """A form whose select fields take their choices from the page (see module docstring)."""

    choice_fields: dict[str, str] = {}

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, key in self.choice_fields.items():
            self.fields[name].choices = (choices or {}).get(key, NONE)


class MeetingForm(ChoicesForm):
    choice_fields = {"chair": "staff"}
    kind = forms.ChoiceField(label="Kind of meeting", choices=Meeting.Kind.choices)
    date = forms.DateField(
        label="Date", widget=forms.DateInput, help_text="For example, 2025-03-27"
    )
    chair = forms.ChoiceField(label="Chair", required=False)


class AttendanceForm(ChoicesForm):
    prefix = "attendance"
    choice_fields = {"user": "staff", "agency": "agencies"}
    user = forms.ChoiceField(
        label="Person", required=False, help_text="Someone with an account: their agency is used"
    )
    name = forms.CharField(
        label="Or a guest's name",
        required=False,
        max_length=160,
        help_text="Someone without an account: choose their agency too",
    )
    agency = forms.ChoiceField(label="Agency", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("name"):
            self.add_error("user", "Choose a person, or type the name of a guest")
        if data.get("user") and data.get("name"):
            self.add_error("name", "Choose a person or type a guest's name, not both")
        if data.get("name") and not data.get("agency"):
            self.add_error("agency", "Choose the guest's agency")
        return data


class NotesForm(forms.Form):
    prefix = "notes"
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)


class ReviewDecisionForm(forms.Form):
    DECISIONS = [("exit", "Exit from the cohort"), ("retain", "Retain on the cohort")]
    decision = forms.ChoiceField(label="Decision", choices=DECISIONS, widget=forms.RadioSelect)
    exit_reason = forms.ChoiceField(
        label="Reason for exit", choices=ExitReason.choices, required=False
    )
    reason = forms.CharField(
        label="Why",
        required=False,
        widget=forms.Textarea,
        help_text="Needed to retain, for example police intelligence supports continued inclusion",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "retain" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Give the reason for retaining the member")
        if data.get("decision") == "exit" and not data.get("exit_reason"):
            self.add_error("exit_reason", "Choose the reason for exit")
        return data


class LeadForm(ChoicesForm):
    choice_fields = {
        "lead_agency": "agencies",
        "lead_professional": "staff",
        "police_officer": "police",
    }
    lead_agency = forms.ChoiceField(label="Lead agency", required=False)
    lead_professional = forms.ChoiceField(label="Lead professional", required=False)
    police_officer = forms.ChoiceField(label="Police officer", required=False)
    reason = forms.CharField(label="Why", required=False, widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if not any(data.get(f) for f in ("lead_agency", "lead_professional", "police_officer")):
            self.add_error("lead_agency", "Choose a lead agency, a lead professional or an officer")
        return data


class NominalField(forms.ChoiceField):
    """Offers the nominals the agenda page shows, but accepts any id: the view asks
    iom.access.nominal_for_user, so a POST needs no agenda to be built to validate."""

    def valid_value(self, value):
        return str(value).isdigit() or super().valid_value(value)


class ActionForm(ChoicesForm):
    prefix = "action"
    choice_fields = {"owner": "staff", "agency": "agencies", "nominal": "nominals"}
    description = forms.CharField(label="Action", widget=forms.Textarea)
    nominal = NominalField(label="About", required=False)
    owner = forms.ChoiceField(label="Owner")
    agency = forms.ChoiceField(
        label="Agency", required=False, help_text="Leave as it is to use the owner's agency"
    )
    due_date = forms.DateField(label="Due date", widget=forms.DateInput)


class ReferralDecisionForm(ChoicesForm):
    """Accept at a level, or reject with a reason. Excluded and not eligible referrals may only
    be rejected (referrals.services.ACCEPTABLE), so they are offered reject alone."""

    choice_fields = {"level": "levels"}
    DECISIONS = [("accept", "Accept onto the cohort"), ("reject", "Reject")]
    decision = forms.ChoiceField(label="Decision", choices=DECISIONS, widget=forms.RadioSelect)
    level = forms.ChoiceField(label="Level", required=False, help_text="Needed to accept")
    reason = forms.CharField(
        label="Why", required=False, widget=forms.Textarea, help_text="Needed to reject"
    )

    def __init__(self, *args, acceptable=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not acceptable:
            self.fields["decision"].choices = self.DECISIONS[1:]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "accept" and not data.get("level"):
            self.add_error("level", "Choose the level to manage the new member at")
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Give the reason for rejecting the referral")
        return data


class RagConfirmForm(forms.Form):
    status = forms.ChoiceField(label="RAG status", choices=Colour.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Why",
        required=False,
        widget=forms.Textarea,
        help_text="Needed when the colour differs from the suggestion",
    )
    # The version the page showed: a confirmation made meanwhile is not silently overwritten.
    expected_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if self.errors.pop("expected_version", None):
            self.add_error(None, "The page was out of date: reload it and confirm again")
        return data
