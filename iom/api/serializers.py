"""Serializers of the foundation's API; writes go through iom.services (see the views)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from iom.api.errors import service_errors
from iom.api.fields import SchemeCodeField
from iom.identifiers import IdentifierError, normalise_crn, normalise_pnc
from iom.models import Area, Nominal
from iom.services.nominals import create_nominal, update_nominal


class RejectUnknownFieldsMixin:
    """A misspelt field name is an error, not silently dropped data. Read-only fields sent back
    (a record read, changed and PUT) are ignored as usual."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["Unknown field: this record has no such field"] for name in unknown}
                )
        return super().to_internal_value(data)


def current_spell_of(nominal):
    """The open spell on the nominal's own scheme, from the list prefetch when there is one."""
    spells = getattr(nominal, "current_spells", None)
    if spells is None:
        spells = nominal.memberships.filter(end__isnull=True).select_related("level")
    return next((s for s in spells if s.scheme_id == nominal.scheme_id), None)


class AliasListField(serializers.ListField):
    """Aliases are rows of their own; the API shows and takes them as a list of names."""

    child = serializers.CharField(max_length=241)

    def to_representation(self, data):
        return [alias.name for alias in data.all()]


class CurrentMembershipSerializer(serializers.Serializer):
    """The open spell on the nominal's own scheme, as a nominal shows it (schema only)."""

    id = serializers.IntegerField()
    level = serializers.CharField()
    start = serializers.DateField()


class NominalSerializer(RejectUnknownFieldsMixin, serializers.ModelSerializer):
    aliases = AliasListField(required=False, allow_empty=True)
    pnc_id = serializers.CharField(
        label="PNC ID", required=False, allow_blank=True, allow_null=True, max_length=20
    )
    crn = serializers.CharField(
        label="CRN", required=False, allow_blank=True, allow_null=True, max_length=20
    )
    area = SchemeCodeField("area", queryset=Area.objects.all(), required=False, allow_null=True)
    current_membership = serializers.SerializerMethodField()

    class Meta:
        model = Nominal
        fields = (
            "id",
            "first_names",
            "last_name",
            "aliases",
            "date_of_birth",
            "gender",
            "pnc_id",
            "crn",
            "address",
            "contact_number",
            "primary_substance",
            "area",
            "is_ppo",
            "mappa_level",
            "current_sex_offender",
            "yos_high_risk",
            "created_at",
            "updated_at",
            "current_membership",
        )
        read_only_fields = ("id", "created_at", "updated_at")

    @extend_schema_field(CurrentMembershipSerializer(allow_null=True))
    def get_current_membership(self, nominal):
        spell = current_spell_of(nominal)
        if spell is None:
            return None
        return {"id": spell.pk, "level": spell.level.code, "start": spell.start.isoformat()}

    # Format errors are reported with the other field errors; the service stores the canonical
    # form and checks that the identifier is not already taken.
    def validate_pnc_id(self, value):
        if value and value.strip():
            try:
                normalise_pnc(value, timezone.localdate())
            except IdentifierError as exc:
                raise serializers.ValidationError(str(exc)) from None
        return value

    def validate_crn(self, value):
        if value and value.strip():
            try:
                normalise_crn(value)
            except IdentifierError as exc:
                raise serializers.ValidationError(str(exc)) from None
        return value

    def validate_date_of_birth(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError("The date of birth cannot be in the future")
        return value

    # The view passes by= (and scheme= when creating) to save().
    def create(self, validated_data):
        by, scheme = validated_data.pop("by"), validated_data.pop("scheme")
        aliases = validated_data.pop("aliases", ())
        with service_errors():
            return create_nominal(by=by, scheme=scheme, data=validated_data, aliases=aliases)

    def update(self, instance, validated_data):
        by, aliases = validated_data.pop("by"), validated_data.pop("aliases", None)
        with service_errors():
            return update_nominal(by=by, nominal=instance, data=validated_data, aliases=aliases)
