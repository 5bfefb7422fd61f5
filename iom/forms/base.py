"""What every GOV.UK form here shares: error summary links and the services' errors."""

from django import forms
from django.core.exceptions import ValidationError


def error_anchor(bound_field) -> str:
    """The id the error summary links to: the first input of the field that needs fixing."""
    first_error_id = getattr(bound_field, "first_error_id", None)
    if first_error_id:
        return first_error_id
    if isinstance(bound_field.field.widget, forms.RadioSelect):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label


class GovukForm(forms.Form):
    """A form whose errors render as a GOV.UK error summary in field order."""

    def error_links(self):
        fields = list(self)
        top = error_anchor(fields[0]) if fields else ""
        links = [(top, message) for message in self.non_field_errors()]
        for bound_field in fields:
            links.extend((error_anchor(bound_field), message) for message in bound_field.errors)
        return links

    def add_service_errors(self, exc: ValidationError):
        """Show a service's ValidationError: each message beside its field where there is one."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for field, errors in exc.error_dict.items():
            target = field if field in self.fields else None
            for error in errors:
                if target is None or target not in self.errors:
                    self.add_error(target, error)
