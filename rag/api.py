"""GET and POST /api/v1/nominals/{id}/rag/: the suggestion (for any date) and the confirmation."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from iom.access import is_coordinator, nominal_for_user
from iom.api.schema import field_errors
from rag import rules, selectors
from rag.models import Colour
from rag.services import RagConflict, confirm_status, live_suggestion


class AsOfSerializer(serializers.Serializer):
    as_of = serializers.DateField(
        required=False, error_messages={"invalid": "Enter the date as YYYY-MM-DD"}
    )


class ConfirmSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Colour.values,
        error_messages={"invalid_choice": "Unknown RAG status '{input}': use one of "
                        + ", ".join(Colour.values)},
    )  # fmt: skip
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    expected_version = serializers.IntegerField(required=False, min_value=0, allow_null=True)
    meeting_id = serializers.IntegerField(required=False, min_value=1, allow_null=True)


# The shapes of _body, for the schema.
class ConfirmedBySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RagSerializer(serializers.Serializer):
    nominal = serializers.IntegerField()
    as_of = serializers.DateField(allow_null=True)
    suggested = serializers.ChoiceField(choices=Colour.choices)
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Reason codes")
    reason_texts = serializers.ListField(child=serializers.CharField())
    response = serializers.CharField(help_text="What the suggested colour asks of the team")
    confirmed = serializers.ChoiceField(choices=Colour.choices, allow_null=True)
    confirmed_at = serializers.DateTimeField(allow_null=True)
    confirmed_by = ConfirmedBySerializer(allow_null=True)
    confirmed_reason = serializers.CharField(allow_null=True)
    version = serializers.IntegerField(help_text="Send back as expected_version when confirming")


class RagConflictSerializer(RagSerializer):
    detail = serializers.CharField()


def _user(user):
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()} if user else None


def _body(nominal, as_of: date | None):
    rag = selectors.nominal_rag(nominal)
    if as_of is not None:
        suggestion, computed_as_of = live_suggestion(nominal, as_of), as_of
    else:
        suggestion, computed_as_of = rag.suggestion, rag.as_of
    current = rag.status
    return {
        "nominal": nominal.pk,
        "as_of": computed_as_of,
        "suggested": suggestion.status,
        "reasons": list(suggestion.reasons),
        "reason_texts": [rules.reason_text(c, rag.window_days) for c in suggestion.reasons],
        "response": rules.RESPONSES[suggestion.status],
        "confirmed": current.status if current else None,
        "confirmed_at": current.confirmed_at if current else None,
        "confirmed_by": _user(current.confirmed_by) if current else None,
        "confirmed_reason": current.reason if current else None,
        "version": rag.version,
    }


class NominalRagView(APIView):
    @extend_schema(
        parameters=[AsOfSerializer],
        responses={200: RagSerializer, 400: field_errors("?as_of= is not a date")},
    )
    def get(self, request, pk):
        nominal = nominal_for_user(
            request.user, pk, request=request, action="api_view", description=f"RAG of nominal {pk}"
        )
        params = AsOfSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        body = _body(nominal, params.validated_data.get("as_of"))
        return Response(_encode(body))

    @extend_schema(
        request=ConfirmSerializer,
        responses={
            200: RagSerializer,
            409: OpenApiResponse(
                RagConflictSerializer,
                description="Someone confirmed a status since expected_version; the current one",
            ),
        },
    )
    def post(self, request, pk):
        nominal = nominal_for_user(
            request.user, pk, request=request, action="api_view", description=f"RAG of nominal {pk}"
        )
        if not is_coordinator(request.user):
            raise ApiPermissionDenied(
                "Only IOM co-ordinators and administrators can confirm RAG status."
            )
        data = ConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            confirm_status(
                by=request.user,
                nominal=nominal,
                status=values["status"],
                reason=values["reason"],
                expected_version=values.get("expected_version"),
                meeting_id=values.get("meeting_id"),
            )
        except ValidationError as exc:
            raise ApiValidationError(exc.message_dict) from None
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from None
        except RagConflict as exc:
            body = _encode(_body(nominal, None))
            return Response({"detail": exc.message, **body}, status=status.HTTP_409_CONFLICT)
        return Response(_encode(_body(nominal, None)), status=status.HTTP_200_OK)


def _encode(body):
    """Dates and times as ISO strings, like the rest of the API."""
    out = dict(body)
    if out["as_of"] is not None:
        out["as_of"] = out["as_of"].isoformat()
    if out["confirmed_at"] is not None:
        out["confirmed_at"] = timezone.localtime(out["confirmed_at"]).isoformat()
    return out
