"""One form per kind of event, holding exactly the fields that kind carries (event_rules)."""

from django import forms
from django.utils import timezone

from iom.codes import (
    OFFENCE_CHOICES,
    ArrestOutcome,
    EngagementService,
    EngagementStatus,
    EventKind,
    HandlingCode,
    WantedType,
)
from iom.event_rules import EVENT_FIELDS, validate_event
from iom.forms.base import GovukForm
from iom.forms.fields import DateInputField

# The order fields appear in on every form, whichever of them a kind carries.
FIELD_ORDER = (
    "date",
    "end_date",
    "expected_release",
    "offence",
    "offence_date",
    "outcome",
    "wanted_type",
    "order_type",
    "statutory",
    "grade",
    "handling_code",
    "suggests_offending",
    "service",
    "status",
    "summary",
)
DATE_LABELS = {
    EventKind.ARREST: "Date of arrest",
    EventKind.CHARGE: "Date charged",
    EventKind.CONVICTION: "Date of conviction",
    EventKind.INTELLIGENCE: "Date received",
    EventKind.WANTED: "Date circulated as wanted",
    EventKind.CUSTODY: "Date into custody",
    EventKind.BREACH: "Date of breach",
    EventKind.RECALL: "Date of recall",
    EventKind.SUPERVISION: "Start date",
    EventKind.ENGAGEMENT: "Date assessed",
}
END_DATE_LABELS = {
    EventKind.WANTED: "Date no longer wanted",
    EventKind.CUSTODY: "Date released",
    EventKind.SUPERVISION: "End date",
}
# What the page heading and the success message call each kind.
TITLES = {
    EventKind.ARREST: "an arrest",
    EventKind.CHARGE: "a charge",
    EventKind.CONVICTION: "a conviction",
    EventKind.INTELLIGENCE: "intelligence",
    EventKind.WANTED: "that they are wanted",
    EventKind.CUSTODY: "a spell in custody",
    EventKind.BREACH: "a breach",
    EventKind.RECALL: "a recall",
    EventKind.SUPERVISION: "supervision",
    EventKind.ENGAGEMENT: "engagement",
}
HINTS = {
    EventKind.ARREST: "Date, offence and outcome",
    EventKind.CHARGE: "Date charged, offence and when it was committed",
    EventKind.CONVICTION: "Date of conviction, offence and when it was committed",
    EventKind.INTELLIGENCE: "A graded intelligence report (5x5x5 or 3x5x2)",
    EventKind.WANTED: "Circulated on PNC: warrant, crime or licence recall",
    EventKind.CUSTODY: "Remanded or sentenced: date in, date released, expected release",
    EventKind.BREACH: "A breach of an order or licence",
    EventKind.RECALL: "A recall to prison",
    EventKind.SUPERVISION: "A licence or order: start, end, order type, statutory",
    EventKind.ENGAGEMENT: "Engaging with, or not complying with, supervision or treatment",
}
YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes(value):
    return value == "yes"


def _field(kind, name):
    """The form field for one event field, as it reads for this kind."""
    label = EventKind(kind).label.lower()
    if name == "date":
        return DateInputField(label=DATE_LABELS[kind], help_text="For example, 27 3 2025")
    if name == "end_date":
        return DateInputField(label=END_DATE_LABELS.get(kind, "End date"), required=False)
    if name == "expected_release":
        return DateInputField(label="Expected release date", required=False)
    if name == "offence_date":
        return DateInputField(label="Date of offence", required=False)
    if name == "offence":
        return forms.ChoiceField(
            label="Offence", choices=[("", "Choose an offence"), *OFFENCE_CHOICES], required=False
        )
    radios = {
        "outcome": ("Outcome", ArrestOutcome.choices),
        "wanted_type": ("Wanted for", WantedType.choices),
        "handling_code": ("Handling code", HandlingCode.choices),
        "service": ("Service", EngagementService.choices),
        "status": ("Status", EngagementStatus.choices),
    }
    if name in radios:
        text, choices = radios[name]
        return forms.ChoiceField(
            label=text, choices=choices, required=False, widget=forms.RadioSelect
        )
    if name == "statutory":
        return forms.TypedChoiceField(
            label="Is this statutory supervision?",
            help_text="Under licence, community order, suspended sentence or post-sentence "
            "supervision",
            choices=YES_NO,
            coerce=_yes,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
        )
    if name == "suggests_offending":
        return forms.BooleanField(
            label="This intelligence suggests further offending", required=False
        )
    if name == "grade":
        return forms.CharField(
            label="Grade",
            help_text="5x5x5, source then information, like B2; or 3x5x2, source then "
            "intelligence, like 1A",
            required=False,
            max_length=10,
            widget=forms.TextInput(attrs={"class": "govuk-input--width-3"}),
        )
    if name == "order_type":
        return forms.CharField(
            label="Order type",
            help_text="For example, licence, community order or suspended sentence",
            required=False,
            max_length=80,
        )
    if name == "summary":
        return forms.CharField(
            label="Intelligence text" if kind == EventKind.INTELLIGENCE else "Summary",
            required=False,
            widget=forms.Textarea,
        )
    raise ValueError(f"No form field for {name} of a {label}")


class EventForm(GovukForm):
    """The fields one kind of event carries; every rule comes from iom.event_rules."""

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = EventKind(kind)
        required, optional = EVENT_FIELDS[self.kind]
        # The rules' own words for a missing field, so the page and the API say the same.
        missing = validate_event(self.kind, {}, timezone.localdate())
        for name in FIELD_ORDER:
            if name in required or name in optional:
                field = _field(self.kind, name)
                field.required = name in required
                if field.required:
                    field.error_messages["required"] = missing[name]
                self.fields[name] = field

    def clean_grade(self):
        return self.cleaned_data["grade"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self.fields}
        problems = validate_event(self.kind, values, timezone.localdate())
        for field, message in problems.items():
            target = field if field in self.fields else None
            if target is None or target not in self.errors:
                self.add_error(target, message)
        return cleaned

    def values(self):
        return {name: self.cleaned_data.get(name) for name in self.fields}
