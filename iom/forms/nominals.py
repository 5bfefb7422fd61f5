"""Creating and editing a nominal's details."""

from datetime import date

from django import forms
from django.utils import timezone

from iom.codes import Gender
from iom.forms.base import GovukForm
from iom.forms.fields import DateInputField
from iom.models import Area
from iom.services.nominals import NOMINAL_FIELDS, clean_identifiers

FLAG_FIELDS = ("is_ppo", "current_sex_offender", "yos_high_risk")
EARLIEST_BIRTH = date(1900, 1, 1)


class NominalForm(GovukForm):
    first_names = forms.CharField(
        label="First names",
        max_length=120,
        error_messages={"required": "Enter the first names"},
    )
    last_name = forms.CharField(
        label="Last name", max_length=120, error_messages={"required": "Enter the last name"}
    )
    aliases = forms.CharField(
        label="Aliases",
        required=False,
        widget=forms.Textarea,
        help_text="Other names they are known by, one on each line",
    )
    date_of_birth = DateInputField(label="Date of birth", help_text="For example, 27 3 1990")
    gender = forms.ChoiceField(
        label="Gender", choices=Gender.choices, initial=Gender.UNKNOWN, widget=forms.RadioSelect
    )
    pnc_id = forms.CharField(
        label="PNC ID",
        required=False,
        max_length=20,
        help_text="For example, 12/1H or 2012/0000001H",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    crn = forms.CharField(
        label="CRN",
        required=False,
        max_length=10,
        help_text="Probation case reference: one letter and six digits, like X552020",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    address = forms.CharField(label="Address", required=False, widget=forms.Textarea)
    contact_number = forms.CharField(
        label="Contact number",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    primary_substance = forms.CharField(
        label="Primary substance",
        required=False,
        max_length=60,
        help_text="For example, heroin, crack cocaine or alcohol",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    area = forms.ModelChoiceField(
        label="Area", queryset=Area.objects.none(), required=False, empty_label="Not known"
    )
    is_ppo = forms.BooleanField(label="Prolific and priority offender (PPO)", required=False)
    current_sex_offender = forms.BooleanField(label="Current sex offender", required=False)
    yos_high_risk = forms.BooleanField(
        label="Youth offending service: high risk of re-offending", required=False
    )
    mappa_level = forms.TypedChoiceField(
        label="MAPPA level",
        choices=[(0, "None"), (1, "Level 1"), (2, "Level 2"), (3, "Level 3")],
        coerce=int,
        initial=0,
    )

    def __init__(self, *args, scheme, nominal=None, **kwargs):
        self.nominal = nominal
        if nominal is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from(nominal)
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(scheme=scheme)

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born >= timezone.localdate():
            raise forms.ValidationError("Date of birth must be in the past")
        if born and born < EARLIEST_BIRTH:
            raise forms.ValidationError("Date of birth must be after 1 January 1900")
        return born

    def clean_aliases(self):
        lines = (line.strip() for line in self.cleaned_data["aliases"].splitlines())
        return [line for line in lines if line]

    def clean(self):
        cleaned = super().clean()
        # The service's rules: canonical PNC ID and CRN, each recorded for one nominal only.
        identifiers = {"pnc_id": cleaned.get("pnc_id"), "crn": cleaned.get("crn")}
        errors = clean_identifiers(
            identifiers, exclude_pk=self.nominal.pk if self.nominal else None
        )
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        cleaned.update({k: v for k, v in identifiers.items() if k not in errors})
        return cleaned

    def nominal_data(self):
        """The cleaned values the nominal services take."""
        return {k: self.cleaned_data[k] for k in NOMINAL_FIELDS if k in self.cleaned_data}


def initial_from(nominal):
    initial = {field: getattr(nominal, field) for field in NOMINAL_FIELDS}
    initial["area"] = nominal.area_id
    initial["aliases"] = "\n".join(alias.name for alias in nominal.aliases.all())
    return initial


class NewNominalForm(NominalForm):
    """Adds the confirmation needed when the name and date of birth match someone recorded."""

    different_person = forms.BooleanField(
        label="This is a different person, create a new record", required=False
    )
