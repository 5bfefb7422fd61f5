"""Performance reports over the API: list, request, follow progress, download.

Same rules as the pages: managers, co-ordinators and administrators of the scheme (others 403);
another scheme's report is a 404. A request for a period that already has a report answers
200 with that report; a new one (or "regenerate": true) answers 201.
"""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from iom.access import staff_of
from iom.api.errors import service_errors
from iom.api.permissions import IsStaffMember
from performance.report_data import ReportFilters, default_period
from performance.report_models import PerformanceReport
from performance.reports import can_see_reports, report_for_user, reports_for_user
from performance.reports import request_report as request_report_service
from performance.views_reports import report_pdf_response


class IsReportReader(IsStaffMember):
    message = "Performance reports are for managers, IOM co-ordinators and administrators."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and can_see_reports(request.user)


class ReportSerializer(serializers.ModelSerializer):
    scheme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    requested_by = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = PerformanceReport
        fields = [
            "id",
            "url",
            "scheme",
            "period_start",
            "period_end",
            "filters",
            "generation",
            "status",
            "progress",
            "requested_by",
            "created_at",
            "finished_at",
            "error",
            "download_url",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_requested_by(self, report):
        user = report.requested_by
        return user.get_full_name() or user.username if user else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, report):
        return reverse("api-performance-report", args=[report.pk])

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_download_url(self, report):
        if report.status != PerformanceReport.Status.DONE:
            return None
        return reverse("api-performance-report-download", args=[report.pk])


class ReportRequestSerializer(serializers.Serializer):
    scheme = serializers.SlugField(required=False, help_text="Your own scheme (the default).")
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False)
    level = serializers.CharField(required=False, allow_blank=True)
    area = serializers.CharField(required=False, allow_blank=True)
    regenerate = serializers.BooleanField(default=False)

    def validate(self, data):
        scheme = self.context["scheme"]
        if data.get("scheme") not in (None, scheme.slug):
            raise serializers.ValidationError(
                {"scheme": ["You can only request reports for your own scheme."]}
            )
        start, end = default_period(timezone.localdate())
        data.setdefault("period_start", start)
        data.setdefault("period_end", end)
        for name, model_set in (("level", scheme.levels), ("area", scheme.areas)):
            code = data.get(name) or ""
            data[name] = model_set.filter(code=code).first() if code else None
            if code and data[name] is None:
                raise serializers.ValidationError(
                    {name: [f"No {name} with code '{code}' in {scheme.name}."]}
                )
        return data


class ReportList(generics.ListAPIView):
    permission_classes = [IsReportReader]
    serializer_class = ReportSerializer

    def get_queryset(self):
        return reports_for_user(self.request.user)

    @extend_schema(
        request=ReportRequestSerializer,
        responses={
            200: OpenApiResponse(ReportSerializer, description="The period's existing report"),
            201: OpenApiResponse(ReportSerializer, description="A new report, queued"),
        },
    )
    def post(self, request):
        scheme = staff_of(request.user).scheme
        incoming = ReportRequestSerializer(data=request.data, context={"scheme": scheme})
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        filters = ReportFilters(
            data["period_start"], data["period_end"], level=data["level"], area=data["area"]
        )
        with service_errors():
            report, created = request_report_service(
                by=request.user, scheme=scheme, filters=filters, regenerate=data["regenerate"]
            )
        return Response(
            ReportSerializer(report).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ReportDetail(APIView):
    permission_classes = [IsReportReader]
    serializer_class = ReportSerializer  # for the schema

    def get(self, request, pk):
        return Response(ReportSerializer(report_for_user(request.user, pk)).data)


@extend_schema(
    responses={
        (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF"),
    }
)
class ReportDownload(APIView):
    permission_classes = [IsReportReader]

    def get(self, request, pk):
        return report_pdf_response(request, report_for_user(request.user, pk))
