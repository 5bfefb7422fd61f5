import re

from django import forms


class SecurityCodeForm(forms.Form):
    """The 6-digit code an authenticator app shows; spaces are forgiven, anything else is not."""

    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code shown in your authenticator app",
        error_messages={"required": "Enter the security code"},
        max_length=20,
    )

    def clean_code(self):
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("Security code must be 6 digits, like 123456")
        return code
