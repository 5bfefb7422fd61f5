"""GET /api/v1/nominals/{id}/matrix/?as_of=YYYY-MM-DD: the matrix breakdown as JSON."""

import re
from datetime import date

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from iom.access import nominal_for_user
from iom.api.schema import field_errors
from matrix.selectors import nominal_matrix

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_as_of(text, today):
    """(date, None) or (None, message)."""
    if text is None or text == "":
        return today, None
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        as_of = date.fromisoformat(text)
    except ValueError:
        return None, "Enter as_of as a real date in the form YYYY-MM-DD, like 2024-03-27"
    if as_of > today:
        return None, "as_of cannot be in the future"
    return as_of, None


def _window(window):
    return {"from": window.start.isoformat(), "to": window.end.isoformat()}


def breakdown_json(nominal, m):
    return {
        "nominal": nominal.pk,
        "as_of": m.as_of.isoformat(),
        "offences": [
            {
                "code": r.code,
                "weight": r.weight,
                "convictions": r.convictions,
                "arrests": r.arrests,
                "score": r.score,
            }
            for r in m.offences
        ],
        "offences_score": m.offences_score,
        "unmatched": [
            {"code": u.code, "convictions": u.convictions, "arrests": u.arrests}
            for u in m.unmatched
        ],
        "intelligence": [
            {"band": b.band, "high_grade": b.high_grade, "other": b.other, "score": b.score}
            for b in m.intelligence
        ],
        "intelligence_score": m.intelligence_score,
        "arrests_12m": m.arrests_12m,
        "arrests_score": m.arrests_score,
        "breaches_24m": m.breaches_24m,
        "compliance_score": m.compliance_score,
        "total": m.total,
        "decision": m.decision,
        "windows": {
            "offences": _window(m.offence_window),
            "intelligence": {b.band: _window(b.window) for b in m.intelligence},
            "arrests": _window(m.arrest_window),
            "compliance": _window(m.compliance_window),
        },
    }


# The shapes of breakdown_json, for the schema.
class WindowSerializer(serializers.Serializer):
    from_ = serializers.DateField()
    to = serializers.DateField()

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class OffenceScoreSerializer(serializers.Serializer):
    code = serializers.CharField()
    weight = serializers.IntegerField()
    convictions = serializers.IntegerField()
    arrests = serializers.IntegerField()
    score = serializers.IntegerField()


class UnmatchedOffenceSerializer(serializers.Serializer):
    code = serializers.CharField()
    convictions = serializers.IntegerField()
    arrests = serializers.IntegerField()


class IntelligenceScoreSerializer(serializers.Serializer):
    band = serializers.CharField()
    high_grade = serializers.IntegerField()
    other = serializers.IntegerField()
    score = serializers.IntegerField()


class MatrixWindowsSerializer(serializers.Serializer):
    offences = WindowSerializer()
    intelligence = serializers.DictField(child=WindowSerializer(), help_text="By band")
    arrests = WindowSerializer()
    compliance = WindowSerializer()


class MatrixSerializer(serializers.Serializer):
    nominal = serializers.IntegerField()
    as_of = serializers.DateField()
    offences = OffenceScoreSerializer(many=True)
    offences_score = serializers.IntegerField()
    unmatched = UnmatchedOffenceSerializer(many=True)
    intelligence = IntelligenceScoreSerializer(many=True)
    intelligence_score = serializers.IntegerField()
    arrests_12m = serializers.IntegerField()
    arrests_score = serializers.IntegerField()
    breaches_24m = serializers.IntegerField()
    compliance_score = serializers.IntegerField()
    total = serializers.IntegerField()
    decision = serializers.CharField()
    windows = MatrixWindowsSerializer()


class NominalMatrixView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "as_of", OpenApiTypes.DATE, description="Score as on this day (default today)"
            )
        ],
        responses={200: MatrixSerializer, 400: field_errors("?as_of= unreadable or in the future")},
    )
    def get(self, request, pk):
        nominal = nominal_for_user(
            request.user,
            pk,
            request=request,
            action="api_view",
            description=f"Matrix of nominal {pk}",
        )
        as_of, error = parse_as_of(request.query_params.get("as_of"), timezone.localdate())
        if error:
            return Response({"as_of": [error]}, status=400)
        return Response(breakdown_json(nominal, nominal_matrix(nominal, as_of)))
