"""/api/v1/referrals/: submit a referral and read its eligibility."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from iom.access import can_record, log_nominal_access, nominals_for_user
from iom.api.schema import FIELD_ERRORS
from referrals.models import Decision, Need, Referral, ReferralTransition, Status
from referrals.selectors import referral_list, referrals_for_user
from referrals.services import ReferralRefused, submit_referral


class VisibleNominalField(serializers.PrimaryKeyRelatedField):
    """A nominal the requesting user may see; any other id reads as unknown."""

    default_error_messages = {
        "does_not_exist": "No nominal you can see has id {pk_value}.",
        "incorrect_type": "Give the nominal's id as a whole number.",
    }

    def get_queryset(self):
        return nominals_for_user(self.context["request"].user)


class TransitionSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.username", default=None, allow_null=True)

    class Meta:
        model = ReferralTransition
        fields = ["from_status", "to_status", "by", "at", "reason"]


class EligibilitySerializer(serializers.Serializer):
    """The eligibility rules' answer (referrals/eligibility.py), for the schema."""

    decision = serializers.ChoiceField(choices=Decision.choices)
    tier = serializers.IntegerField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())


# A refused referral (one already open, or a member already) names the nominal and links to it.
REFUSED = {
    **FIELD_ERRORS,
    "properties": {**FIELD_ERRORS["properties"], "link": {"type": "string", "nullable": True}},
}


class ReferralSerializer(serializers.ModelSerializer):
    nominal = VisibleNominalField()
    ogrs_1yr = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=99)
    ogrs_2yr = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=99)
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=Need.choices), required=False
    )
    eligibility = serializers.SerializerMethodField()
    referred_by = serializers.CharField(source="referred_by.username", read_only=True)
    referring_agency = serializers.CharField(source="referring_agency.name", read_only=True)
    transitions = TransitionSerializer(many=True, read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "nominal",
            "referral_date",
            "current_offence_details",
            "relevant_factors",
            "referred_by",
            "referring_agency",
            "offender_manager",
            "offender_manager_name",
            "offender_manager_phone",
            "ogrs_1yr",
            "ogrs_2yr",
            "current_orders",
            "previously_on_panel",
            "needs",
            "risk_to_community",
            "transfer_from_other_area",
            "exceptional_circumstances",
            "eligibility",
            "status",
            "for_information",
            "membership",
            "transitions",
        ]
        read_only_fields = ["status", "for_information", "membership"]
        extra_kwargs = {"previously_on_panel": {"required": True}}

    @extend_schema_field(EligibilitySerializer)
    def get_eligibility(self, referral):
        return {"decision": referral.decision, "tier": referral.tier, "reasons": referral.reasons}

    def validate_referral_date(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError("The date of referral cannot be in the future.")
        return value


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "status", str, enum=Status.values, description="Only referrals in this status"
            )
        ]
    ),
    create=extend_schema(
        responses={
            201: ReferralSerializer,
            400: OpenApiResponse(REFUSED, description="Bad input, or the referral is refused"),
        }
    ),
)
class ReferralViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ReferralSerializer

    def get_queryset(self):
        if self.action == "list":
            referrals = referral_list(
                self.request.user, self.request.query_params.get("status", "")
            )
        else:
            referrals = referrals_for_user(self.request.user)
        return referrals.prefetch_related("transitions__by")

    def create(self, request, *args, **kwargs):
        if not can_record(request.user):
            raise PermissionDenied("Your role may not make referrals.")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        nominal = data.pop("nominal")
        try:
            referral = submit_referral(by=request.user, nominal=nominal, data=data)
        except ReferralRefused as exc:
            return Response(
                {"nominal": [exc.message_text], "link": exc.link},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except DjangoValidationError as exc:
            return Response(exc.message_dict, status=status.HTTP_400_BAD_REQUEST)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        referral = self.get_queryset().get(pk=referral.pk)
        return Response(self.get_serializer(referral).data, status=status.HTTP_201_CREATED)

    def get_object(self):
        referral = super().get_object()
        log_nominal_access(self.request, referral.nominal, action="api_view", subject=referral)
        return referral
