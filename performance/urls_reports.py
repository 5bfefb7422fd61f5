from django.urls import path

from performance import views_dashboard, views_reports

app_name = "performance_reports"
urlpatterns = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("reports/", views_reports.report_list, name="list"),
    path("reports/request/", views_reports.request_pdf, name="request"),
    path("reports/<int:pk>/", views_reports.report_detail, name="detail"),
    path("reports/<int:pk>/download/", views_reports.report_download, name="download"),
]
