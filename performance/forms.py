"""The needs assessment form: a date and a score 1–10 (or blank) for each pathway."""

from django import forms

from iom.codes import PATHWAYS
from iom.forms.base import GovukForm
from iom.forms.fields import DateInputField

SCORE_HINT = "1 to 10, where 10 is the most severe need. Leave blank if no need is identified."


class NeedsAssessmentForm(GovukForm):
    date = DateInputField(label="Date of the assessment")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in PATHWAYS.items():
            self.fields[self.field_name(code)] = forms.IntegerField(
                label=label,
                required=False,
                min_value=1,
                max_value=10,
                help_text=SCORE_HINT,
                error_messages={
                    "invalid": f"{label} must be a whole number from 1 to 10, or blank",
                    "min_value": f"{label} must be 1 or more (leave blank for no need)",
                    "max_value": f"{label} must be 10 or less",
                },
                widget=forms.TextInput(attrs={"class": "govuk-input--width-2"}),
            )
        self.fields["notes"] = forms.CharField(label="Notes", required=False, widget=forms.Textarea)

    @staticmethod
    def field_name(pathway: str) -> str:
        return "score_" + pathway.replace("-", "_")

    def scores(self) -> dict:
        return {code: self.cleaned_data.get(self.field_name(code)) for code in PATHWAYS}

    def add_service_errors(self, exc):
        """Service errors are keyed by pathway code; show them beside their score box."""
        if hasattr(exc, "error_dict"):
            for key in list(exc.error_dict):
                if key in PATHWAYS:
                    exc.error_dict[self.field_name(key)] = exc.error_dict.pop(key)
        super().add_service_errors(exc)
