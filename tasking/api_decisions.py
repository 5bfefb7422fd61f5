"""POST /api/v1/meetings/{id}/decisions/: every decision kind a meeting records.

Co-ordinators only (403 otherwise); bad input is a 400 naming each field; a meeting without
quorum is a 409 Conflict naming the reason, as is a RAG colour confirmed meanwhile.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.models import Action
from iom.access import staff_of
from iom.codes import ExitReason
from iom.models import Agency, Level, Membership, Nominal
from rag.models import Colour
from rag.services import RagConflict
from referrals.models import Referral
from tasking import decisions, selectors, services, workflow
from tasking.api import QuorumSerializer, SchemeObjectField, _quorum, _service_errors
from tasking.decisions import QuorumNotMet
from tasking.models import Decision, ExitReview
from tasking.views import log_meeting_access

User = get_user_model()
Kind = Decision.Kind


class DecisionSerializer(serializers.ModelSerializer):
    nominal_name = serializers.CharField(source="nominal.full_name", read_only=True)
    decided_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id", "kind", "nominal", "nominal_name", "membership", "exit_review", "reason",
            "details", "decided_by", "decided_by_name", "decided_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_decided_by_name(self, obj):
        return obj.decided_by.get_full_name() or obj.decided_by.username


@extend_schema_field(OpenApiTypes.STR)
class LevelCodeField(serializers.Field):
    """A level of the requesting user's scheme, by its code (e.g. "iom")."""

    def to_internal_value(self, data):
        staff = staff_of(self.context["request"].user)
        levels = {level.code: level for level in Level.objects.filter(scheme_id=staff.scheme_id)}
        if data not in levels:
            raise serializers.ValidationError(
                f"Unknown level '{data}': use one of {', '.join(sorted(levels))}"
            )
        return levels[data]

    def to_representation(self, value):
        return value.code


# The fields each kind needs, beyond `kind` itself.
REQUIRED = {
    Kind.RETAIN: ("exit_review",),
    Kind.SET_LEAD: ("membership",),
    Kind.ACCEPT_REFERRAL: ("referral", "level"),
    Kind.REJECT_REFERRAL: ("referral", "reason"),
    Kind.CONFIRM_RAG: ("nominal", "status", "expected_version"),
}
MISSING = {
    "exit_review": "A retain decision answers a review",
    "membership": "Give the membership",
    "referral": "Give the referral id",
    "level": "Give the code of the level to manage the new member at",
    "reason": "Give the reason for rejecting the referral",
    "nominal": "Give the nominal id",
    "status": f"Give the RAG status: one of {', '.join(Colour.values)}",
    "expected_version": "Give the version of the RAG status you saw (0 when none was confirmed)",
}


class DecisionInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    exit_review = SchemeObjectField(ExitReview, "membership__scheme_id", required=False)
    membership = SchemeObjectField(Membership, "scheme_id", required=False)
    exit_reason = serializers.ChoiceField(choices=ExitReason.choices, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    lead_agency = SchemeObjectField(Agency, "scheme_id", required=False)
    lead_professional = SchemeObjectField(User, "staff__scheme_id", required=False)
    police_officer = SchemeObjectField(User, "staff__scheme_id", required=False)
    referral = SchemeObjectField(Referral, "scheme_id", required=False)
    level = LevelCodeField(required=False)
    nominal = SchemeObjectField(Nominal, "scheme_id", required=False)
    status = serializers.ChoiceField(
        choices=Colour.values,
        required=False,
        error_messages={"invalid_choice": "Unknown RAG status '{input}': use one of "
                        + ", ".join(Colour.values)},
    )  # fmt: skip
    expected_version = serializers.IntegerField(required=False, min_value=0)

    def validate(self, data):
        kind = data["kind"]
        missing = {
            name: MISSING[name]
            for name in REQUIRED.get(kind, ())
            if data.get(name) in (None, "") or (name == "reason" and not data[name].strip())
        }
        if missing:
            raise serializers.ValidationError(missing)
        if kind == Kind.EXIT and not (data.get("exit_review") or data.get("membership")):
            raise serializers.ValidationError({"membership": "Give the membership or exit review"})
        if kind == Kind.EXIT and "exit_reason" not in data:
            proposes_exit = getattr(data.get("exit_review"), "proposal", "") == "exit"
            if not proposes_exit:
                raise serializers.ValidationError({"exit_reason": "Choose the reason for exit"})
            data["exit_reason"] = ExitReason.NOT_REOFFENDED
        return data


def _record(by, meeting, data) -> Decision:
    kind = data["kind"]
    if kind == Kind.EXIT:
        return decisions.decide_exit(
            by=by,
            meeting=meeting,
            exit_review=data.get("exit_review"),
            membership=data.get("membership"),
            exit_reason=data["exit_reason"],
            reason=data["reason"],
        )
    if kind == Kind.RETAIN:
        return decisions.decide_retain(
            by=by, meeting=meeting, exit_review=data["exit_review"], reason=data["reason"]
        )
    if kind == Kind.SET_LEAD:
        return decisions.set_lead(
            by=by,
            meeting=meeting,
            membership=data["membership"],
            lead_agency=data.get("lead_agency"),
            lead_professional=data.get("lead_professional"),
            police_officer=data.get("police_officer"),
            reason=data["reason"],
        )
    if kind in (Kind.ACCEPT_REFERRAL, Kind.REJECT_REFERRAL):
        return workflow.decide_referral(
            by=by,
            meeting=meeting,
            referral=data["referral"],
            action="accept" if kind == Kind.ACCEPT_REFERRAL else "reject",
            level=data.get("level"),
            reason=data["reason"],
        )
    return workflow.confirm_rag(
        by=by,
        meeting=meeting,
        nominal=data["nominal"],
        status=data["status"],
        reason=data["reason"],
        expected_version=data["expected_version"],
    )


class CurrentRagSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Colour.choices)
    version = serializers.IntegerField()


class DecisionConflictSerializer(serializers.Serializer):
    """A 409: no quorum (with `quorum`), or a RAG status confirmed meanwhile (with `current`)."""

    detail = serializers.CharField()
    quorum = QuorumSerializer(required=False)
    current = CurrentRagSerializer(required=False, allow_null=True)


class DecisionListSerializer(serializers.Serializer):
    results = DecisionSerializer(many=True)


class Decisions(APIView):
    @extend_schema(responses=DecisionListSerializer)
    def get(self, request, pk):
        meeting = selectors.meeting_for_user(request.user, pk)
        found = selectors.decisions_for_user(meeting, request.user)
        log_meeting_access(request, meeting, action=Action.API_VIEW, what="decisions")
        return Response({"results": DecisionSerializer(found, many=True).data})

    @extend_schema(
        request=DecisionInput,
        responses={
            201: DecisionSerializer,
            409: OpenApiResponse(
                DecisionConflictSerializer,
                description="The meeting is not quorate, or the RAG status moved on",
            ),
        },
    )
    def post(self, request, pk):
        meeting = selectors.meeting_for_user(request.user, pk)
        services.require_coordinator(request.user, meeting.scheme_id)
        serializer = DecisionInput(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        try:
            decision = _record(request.user, meeting, serializer.validated_data)
        except QuorumNotMet as exc:
            return Response(
                {"detail": exc.message, "quorum": _quorum(exc.quorum)},
                status=status.HTTP_409_CONFLICT,
            )
        except RagConflict as exc:
            current = exc.current
            body = {"status": current.status, "version": current.version} if current else None
            return Response({"detail": exc.message, "current": body}, status.HTTP_409_CONFLICT)
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
