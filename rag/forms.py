from django import forms

from rag import rules
from rag.models import Colour


class ConfirmForm(forms.Form):
    status = forms.ChoiceField(
        label="RAG status",
        choices=Colour.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the RAG status to confirm"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea,
        max_length=2000,
        help_text="Needed when the status you confirm differs from the suggestion.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def status_options(self):
        """The radios with the response each colour calls for, in the order of the rule."""
        chosen = self["status"].value()
        return [
            {
                "value": colour,
                "label": rules.LABELS[colour],
                "hint": rules.RESPONSES[colour],
                "checked": chosen == colour,
            }
            for colour in rules.PRECEDENCE
        ]
