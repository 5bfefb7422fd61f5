"""Events in a nominal's history. Which fields each kind carries is iom/event_rules.py's call."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from iom.access import can_read_intelligence_text
from iom.api.errors import service_errors
from iom.api.serializers import RejectUnknownFieldsMixin
from iom.event_rules import ALL_EVENT_FIELDS
from iom.services.events import record_event


def _code(**kwargs):
    """Codes are checked by validate_event, whose message lists the codes to use."""
    return serializers.CharField(required=False, allow_blank=True, allow_null=True, **kwargs)


def _date():
    return serializers.DateField(required=False, allow_null=True)


def _flag():
    return serializers.BooleanField(required=False, allow_null=True)


class UpperCaseCodeField(serializers.CharField):
    """Grades and handling codes typed as `b2` or `c` mean `B2` and `C`."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return value.upper() if isinstance(value, str) else value


class EventSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(max_length=20)
    date = _date()
    end_date = _date()
    offence = _code()
    offence_date = _date()
    outcome = _code()
    grade = UpperCaseCodeField(required=False, allow_blank=True, allow_null=True)
    handling_code = UpperCaseCodeField(required=False, allow_blank=True, allow_null=True)
    suggests_offending = _flag()
    summary = _code(trim_whitespace=False)
    wanted_type = _code()
    expected_release = _date()
    order_type = _code(max_length=80)
    statutory = _flag()
    service = _code()
    status = _code()
    recorded_by = serializers.CharField(
        source="recorded_by.username", read_only=True, default=None, allow_null=True
    )
    recorded_at = serializers.DateTimeField(read_only=True)
    text_withheld = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_text_withheld(self, event):
        return not can_read_intelligence_text(self.context["request"].user, event)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for field in ALL_EVENT_FIELDS:
            if data.get(field) == "":
                data[field] = None
        if data["text_withheld"]:
            data["summary"] = None
        return data

    # The view passes by= and nominal= to save().
    def create(self, validated_data):
        by, nominal = validated_data.pop("by"), validated_data.pop("nominal")
        kind = validated_data.pop("kind")
        with service_errors():
            return record_event(by=by, nominal=nominal, kind=kind, values=validated_data)
