"""The GOV.UK date input (day, month and year boxes) as a Django form field."""

import calendar
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
_MONTHS = {
    **{name.lower(): n for n, name in enumerate(calendar.month_name) if name},
    **{name.lower(): n for n, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}


class GovukDateInput(forms.MultiWidget):
    """Three text boxes named <name>_day, <name>_month and <name>_year."""

    def __init__(self, attrs=None):
        super().__init__({part: forms.TextInput for part in PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]


class DateBoundField(forms.BoundField):
    """Adds what the date input template needs: each box with its value and error state."""

    @property
    def parts(self):
        value = self.value()
        values = (
            list(value) if isinstance(value, list | tuple) else self.field.widget.decompress(value)
        )
        wrong = set(self.field.error_parts or PARTS) if self.errors else set()
        return [
            {
                "label": part.title(),
                "html_name": f"{self.html_name}_{part}",
                "id": f"{self.auto_id}_{part}",
                "value": values[i] or "",
                "width": 4 if part == "year" else 2,
                "error": part in wrong,
            }
            for i, part in enumerate(PARTS)
        ]

    @property
    def first_error_id(self):
        wrong = [p["id"] for p in self.parts if p["error"]]
        return wrong[0] if wrong else f"{self.auto_id}_day"


class DateInputField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK pattern's error messages.

    Months may be typed as numbers or names ("3", "Mar", "March"); the year needs 4 digits.
    """

    widget = GovukDateInput
    bound_field_class = DateBoundField

    def __init__(self, **kwargs):
        self.error_parts = ()
        super().__init__(**kwargs)
        if "required" not in kwargs.get("error_messages", {}):
            self.error_messages["required"] = f"Enter the {self._name().lower()}"

    def get_bound_field(self, form, field_name):
        return DateBoundField(form, self, field_name)

    def _name(self):
        return str(self.label or "The date")

    def to_python(self, value):
        self.error_parts = ()
        if value is None or isinstance(value, date):
            return value
        texts = [str(v or "").strip() for v in value]
        if not any(texts):
            return None
        missing = [part for part, text in zip(PARTS, texts, strict=True) if not text]
        if missing:
            self.error_parts = missing
            raise ValidationError(
                f"{self._name()} must include a {' and '.join(missing)}", code="incomplete"
            )
        day_text, month_text, year_text = texts
        month = _MONTHS.get(month_text.lower(), month_text)
        try:
            if len(year_text) != 4:
                self.error_parts = ["year"]
                raise ValueError
            return date(int(year_text), int(month), int(day_text))
        except (ValueError, TypeError):
            raise ValidationError(f"{self._name()} must be a real date", code="invalid") from None

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
