from django import forms

MAX_UPLOAD_MB = 50
KIND_CHOICES = [
    ("nominals", "Nominals"),
    ("events", "Events"),
    ("memberships", "Memberships (cohort spells)"),
]
KIND_HINTS = {
    "nominals": "People: names, aliases, date of birth, PNC ID, CRN, area and risk flags.",
    "events": "History: arrests, charges, convictions, intelligence, custody, supervision and "
    "engagement.",
    "memberships": "Spells on the cohort: level, start and, when it ended, end and exit reason.",
}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what the file holds",
            "invalid_choice": "Select nominals, events or memberships",
        },
    )
    file = forms.FileField(
        label="Upload a CSV file",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                f"The selected file must be smaller than {MAX_UPLOAD_MB} MB: import larger files "
                "with the import_records command"
            )
        return upload
