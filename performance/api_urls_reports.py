from django.urls import path

from performance import api_reports

urlpatterns = [
    path(
        "performance/reports/",
        api_reports.ReportList.as_view(),
        name="api-performance-reports",
    ),
    path(
        "performance/reports/<int:pk>/",
        api_reports.ReportDetail.as_view(),
        name="api-performance-report",
    ),
    path(
        "performance/reports/<int:pk>/download/",
        api_reports.ReportDownload.as_view(),
        name="api-performance-report-download",
    ),
]
