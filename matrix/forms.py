from django import forms


class AsOfForm(forms.Form):
    """The date the matrix is scored as of: today unless a past date is asked for."""

    as_of = forms.DateField(
        label="Score as of",
        help_text="For example, 2024-03-27. Events after this date are left out.",
        widget=forms.DateInput(format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": "Enter the date to score the matrix as of",
            "invalid": "Enter the as-of date as a real date, like 2024-03-27",
        },
    )

    def __init__(self, data, *, today):
        self.today = today
        super().__init__(data if "as_of" in data else {"as_of": today.isoformat()})

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of > self.today:
            raise forms.ValidationError("The as-of date cannot be in the future")
        return as_of
