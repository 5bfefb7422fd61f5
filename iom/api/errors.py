"""Service functions raise Django ValidationError dicts; the API answers them as a 400 naming
each field, like its own serializer errors."""

from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings


def error_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    if not hasattr(exc, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
        for field, messages in exc.message_dict.items()
    }


@contextmanager
def service_errors():
    """Run a service call; its validation errors become a DRF 400."""
    try:
        yield
    except DjangoValidationError as exc:
        raise serializers.ValidationError(error_detail(exc)) from exc
