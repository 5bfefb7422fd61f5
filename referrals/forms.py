"""The referral form (Strategy Appendix A) and the decision form."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from iom.codes import PROBATION_KINDS
from iom.models import Level
from referrals.models import Need

OGRS_ERRORS = {
    "invalid": "Enter the OGRS3 score as a whole number from 0 to 99",
    "min_value": "Enter the OGRS3 score as a whole number from 0 to 99",
    "max_value": "Enter the OGRS3 score as a whole number from 0 to 99",
}
YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label, required=False, help_text="", error=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea,
        error_messages={"required": error} if error else None,
    )


class ReferralForm(forms.Form):
    referral_date = forms.DateField(
        label="Date of referral",
        help_text="For example, 2024-07-15",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the date of referral",
            "invalid": "Enter the date of referral as a real date, like 2024-07-15",
        },
    )
    current_offence_details = _text(
        "Details of current offence(s) and / or issues of current concern",
        required=True,
        error="Enter the details of the current offence or issues of concern",
    )
    relevant_factors = _text(
        "Relevant factors",
        help_text="Including substance misuse, employment, accommodation, mental health "
        "(including self-harm and vulnerability), peers and associates, thinking and behaviour, "
        "relationships and support networks",
    )
    offender_manager = forms.ModelChoiceField(
        label="Offender manager, if they use this service",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Not a user of this service",
    )
    offender_manager_name = forms.CharField(
        label="Offender manager name", required=False, max_length=120
    )
    offender_manager_phone = forms.CharField(
        label="Offender manager contact number", required=False, max_length=30
    )
    ogrs_1yr = forms.IntegerField(
        label="OGRS3 score (12 months)",
        required=False,
        min_value=0,
        max_value=99,
        error_messages=OGRS_ERRORS,
    )
    ogrs_2yr = forms.IntegerField(
        label="OGRS3 score (24 months)",
        help_text="The eligibility thresholds use this score",
        required=False,
        min_value=0,
        max_value=99,
        error_messages=OGRS_ERRORS,
    )
    current_orders = _text("Current orders / licences")
    previously_on_panel = forms.ChoiceField(
        label="Has the offender previously been subject to the PPO / IOM panel?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the offender has been subject to the panel"},
    )
    needs = forms.MultipleChoiceField(
        label="Needs identified",
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )
    risk_to_community = _text(
        "Risk to the community",
        help_text="Partner agencies: describe the risk the offender poses to the community",
    )
    transfer_from_other_area = forms.BooleanField(
        label="A PPO or IOM case transferred from another area", required=False
    )
    exceptional_circumstances = _text(
        "Exceptional circumstances",
        help_text="Where the scheme's policy allows them; you may be asked to attend the panel",
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offender_manager"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True, staff__scheme=scheme, staff__agency__kind__in=PROBATION_KINDS
            )
            .order_by("last_name", "first_name")
        )
        self.fields["offender_manager"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )

    def clean_referral_date(self):
        day = self.cleaned_data["referral_date"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date of referral cannot be in the future")
        return day

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["previously_on_panel"] = data["previously_on_panel"] == "yes"
        return data


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("accept", "Accept"), ("reject", "Reject"), ("withdraw", "Withdraw")],
        error_messages={"required": "Choose accept, reject or withdraw"},
    )
    level = forms.ModelChoiceField(
        label="Level", queryset=Level.objects.none(), required=False, empty_label=None
    )
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea)

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = scheme.levels.order_by("order", "name")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("action") in ("reject", "withdraw")
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", f"Give the reason to {cleaned['action']} the referral")
        return cleaned
