"""Spells on the cohort: started and ended by co-ordinators through iom.services.memberships."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework import serializers

from iom.access import nominals_for_user
from iom.api.errors import service_errors
from iom.api.fields import SchemeAgencyField, SchemeCodeField, SchemeStaffField, request_scheme
from iom.api.serializers import RejectUnknownFieldsMixin
from iom.codes import AgencyKind, ExitReason
from iom.models import Agency, Area, Level, Membership
from iom.services.memberships import end_membership, start_membership


class VisibleNominalField(serializers.PrimaryKeyRelatedField):
    """A nominal this user may see; any other id reads as unknown (never 'not allowed')."""

    default_error_messages = {
        "does_not_exist": "No nominal with id {pk_value}",
        "incorrect_type": "Enter the nominal's id as a number",
    }

    def get_queryset(self):
        return nominals_for_user(self.context["request"].user)


class MembershipSerializer(RejectUnknownFieldsMixin, serializers.ModelSerializer):
    nominal = VisibleNominalField()
    scheme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    level = SchemeCodeField("level", queryset=Level.objects.all())
    area = SchemeCodeField("area", queryset=Area.objects.all(), required=False, allow_null=True)
    lead_agency = SchemeAgencyField(queryset=Agency.objects.all(), required=False, allow_null=True)
    lead_professional = SchemeStaffField(
        queryset=get_user_model().objects.all(), required=False, allow_null=True
    )
    police_officer = SchemeStaffField(
        "police officer",
        agency_kinds={AgencyKind.POLICE},
        queryset=get_user_model().objects.all(),
        required=False,
        allow_null=True,
    )
    created_by = serializers.CharField(
        source="created_by.username", read_only=True, default=None, allow_null=True
    )
    exit_reason = serializers.ChoiceField(
        choices=ExitReason.choices, read_only=True, allow_blank=True, help_text="Blank while open"
    )

    class Meta:
        model = Membership
        fields = (
            "id",
            "nominal",
            "scheme",
            "level",
            "start",
            "end",
            "exit_reason",
            "exit_notes",
            "area",
            "lead_agency",
            "lead_professional",
            "police_officer",
            "created_at",
            "created_by",
        )
        read_only_fields = ("id", "end", "exit_reason", "exit_notes", "created_at")
        validators = []  # the service checks for an open spell and says so by field

    # The view passes by= to save(); the spell is on the user's own scheme.
    def create(self, validated_data):
        by = validated_data.pop("by")
        with service_errors():
            return start_membership(by=by, scheme=request_scheme(self), **validated_data)


class EndMembershipSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    end = serializers.DateField()
    exit_reason = serializers.ChoiceField(
        choices=ExitReason.choices,
        error_messages={
            "invalid_choice": "Unknown exit reason '{input}': use one of "
            + ", ".join(ExitReason.values)
        },
    )
    exit_notes = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_end(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError("The exit date cannot be in the future")
        return value

    def update(self, instance, validated_data):
        with service_errors():
            return end_membership(
                by=validated_data["by"],
                membership=instance,
                end=validated_data["end"],
                reason=validated_data["exit_reason"],
                notes=validated_data["exit_notes"],
            )
