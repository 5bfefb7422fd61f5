from django import forms

from audit.models import Action, JustificationKind


class AccessLogFilterForm(forms.Form):
    """Filters for the access log; every field may be left blank."""

    user = forms.CharField(
        label="Username", required=False, max_length=150, help_text="The exact username"
    )
    nominal = forms.IntegerField(
        label="Nominal number",
        required=False,
        min_value=1,
        error_messages={"invalid": "Enter the nominal number as a whole number, like 1234"},
    )
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any action"), *Action.choices]
    )
    justification_kind = forms.ChoiceField(
        label="Justification",
        required=False,
        choices=[("", "Any justification"), *JustificationKind.choices],
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.TextInput,
        help_text="For example, 27/3/2025",
        error_messages={"invalid": "Enter the from date as a real date, like 27/3/2025"},
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.TextInput,
        help_text="For example, 28/3/2025",
        error_messages={"invalid": "Enter the to date as a real date, like 28/3/2025"},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return data
