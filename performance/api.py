"""GET /api/v1/performance/...: the performance measures as JSON, for a scheme's managers,
co-ordinators and administrators. Ratios are strings with two decimals (as DRF gives
decimals), or null with the reason in "note"."""

from datetime import date
from decimal import Decimal

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.models import Action
from iom.access import staff_of
from iom.api.permissions import IsStaffMember
from iom.api.schema import detail, field_errors
from iom.codes import Role
from iom.models import Area, Level
from performance import measures
from performance.views_dashboard import log_report_access

READER_ROLES = {Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR}
DATE_ERRORS = {"invalid": "Enter the date as YYYY-MM-DD", "required": "Enter the date"}


class IsPerformanceReader(IsStaffMember):
    """Performance figures are for managers, co-ordinators and administrators."""

    message = "Only managers, IOM co-ordinators and administrators may see performance figures."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and (
            staff_of(request.user).role in READER_ROLES
        )


def _date(**kwargs):
    return serializers.DateField(error_messages=DATE_ERRORS, **kwargs)


class FilterSerializer(serializers.Serializer):
    scheme = serializers.SlugField(error_messages={"required": "Give the scheme's slug"})
    level = serializers.CharField(required=False)
    area = serializers.CharField(required=False)


def _plain(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


class MeasureView(APIView):
    """Parse the query with `params`, check the scheme is the user's, answer the table."""

    permission_classes = [IsPerformanceReader]
    params = FilterSerializer

    def get(self, request):
        query = self.params(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = dict(query.validated_data)
        staff = staff_of(request.user)
        if data.pop("scheme") != staff.scheme.slug:
            raise NotFound("No such scheme")
        scheme = staff.scheme
        filters = {}
        for name, model in (("level", Level), ("area", Area)):
            code = data.pop(name, None)
            if code is None:
                continue
            found = model.objects.filter(scheme=scheme, code=code).first()
            if found is None:
                raise ApiValidationError({name: [f"No {name} with code '{code}' in the scheme"]})
            filters[name] = found
        table = self.measure(scheme, data, filters)
        body = table.as_dict()
        body["rows"] = [{k: _plain(v) for k, v in row.items()} for row in table.rows]
        log_report_access(
            request,
            action=Action.API_VIEW,
            description=f"Performance measure: {type(self).__name__}",
        )
        return Response(body)


class FixedParams(FilterSerializer):
    before_start = _date()
    after_start = _date()


class Reoffending(MeasureView):
    params = FixedParams

    def measure(self, scheme, data, filters):
        return measures.reoffending_fixed(
            scheme, data["before_start"], data["after_start"], **filters
        )


class AlignedParams(FilterSerializer):
    period_start = _date(required=False)
    period_end = _date(required=False)
    as_of = _date(required=False)

    def validate(self, attrs):
        start, end = attrs.get("period_start"), attrs.get("period_end")
        if start and end and end < start:
            raise serializers.ValidationError({"period_end": ["Must be on or after period_start"]})
        return attrs


class ReoffendingAligned(MeasureView):
    params = AlignedParams

    def measure(self, scheme, data, filters):
        return measures.reoffending_aligned(scheme, **data, **filters)


class DatesField(serializers.CharField):
    """Comma-separated ISO dates: "2015-04-01,2016-03-31"."""

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        days = []
        for part in filter(None, (p.strip() for p in text.split(","))):
            try:
                days.append(date.fromisoformat(part))
            except ValueError:
                raise serializers.ValidationError(
                    f"'{part}' is not a date: give dates as YYYY-MM-DD separated by commas"
                ) from None
        if not days:
            raise serializers.ValidationError("Give at least one date as YYYY-MM-DD")
        if len(days) > 24:
            raise serializers.ValidationError("Give at most 24 dates")
        return days


class DatesParams(FilterSerializer):
    dates = DatesField(error_messages={"required": "Give dates as YYYY-MM-DD, comma-separated"})


class Caseload(MeasureView):
    params = DatesParams

    def measure(self, scheme, data, filters):
        return measures.caseload(scheme, data["dates"], **filters)


class CustodyShare(MeasureView):
    params = DatesParams

    def measure(self, scheme, data, filters):
        return measures.custody_share(scheme, data["dates"], **filters)


class PeriodParams(FilterSerializer):
    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = _date()
        fields["to"] = _date()
        return fields

    def validate(self, attrs):
        if attrs["to"] < attrs["from"]:
            raise serializers.ValidationError({"to": ["Must be on or after from"]})
        return attrs


class Needs(MeasureView):
    params = PeriodParams

    def measure(self, scheme, data, filters):
        return measures.needs_table(scheme, data["from"], data["to"], **filters)


class NeedsChange(MeasureView):
    params = PeriodParams

    def measure(self, scheme, data, filters):
        return measures.needs_change(scheme, data["from"], data["to"], **filters)


class Referrals(MeasureView):
    params = PeriodParams

    def measure(self, scheme, data, filters):
        return measures.referrals_summary(scheme, data["from"], data["to"])


class Exits(MeasureView):
    params = PeriodParams

    def measure(self, scheme, data, filters):
        return measures.exits_summary(scheme, data["from"], data["to"])


# The schema: each measure's query parameters and the table it answers (MeasureTable.as_dict).
def _pairs(name):
    return inline_serializer(
        name, {"key": serializers.CharField(), "label": serializers.CharField()}, many=True
    )


NOT_FOUND_SCHEME = detail("?scheme= is not the user's own scheme")
MEASURE_TABLE = inline_serializer(
    "MeasureTable",
    {
        "title": serializers.CharField(),
        "definition": serializers.CharField(),
        "columns": _pairs("MeasureColumn"),
        "rows": serializers.ListField(
            child=serializers.DictField(child=serializers.JSONField(allow_null=True)),
            help_text="Keyed by column key: numbers, ratios as text with two decimals, or null",
        ),
        "note": serializers.CharField(allow_blank=True),
        "chart": inline_serializer(
            "MeasureChart",
            {
                "type": serializers.CharField(),
                "label_key": serializers.CharField(),
                "series": _pairs("MeasureSeries"),
            },
            allow_null=True,
        ),
    },
)
for _view in (
    Reoffending,
    ReoffendingAligned,
    Caseload,
    CustodyShare,
    Needs,
    NeedsChange,
    Referrals,
    Exits,
):
    extend_schema(
        parameters=[_view.params],
        responses={
            200: MEASURE_TABLE,
            400: field_errors("A parameter missing or unreadable"),
            404: NOT_FOUND_SCHEME,
        },
    )(_view)
