from django.urls import path

from performance import views

urlpatterns = [
    path("needs/due/", views.needs_due_list, name="needs-due"),
    path("needs/<int:membership_id>/", views.needs_history_page, name="needs-history"),
    path("needs/<int:membership_id>/new/", views.needs_new, name="needs-new"),
    # The dashboard and PDF reports (performance/urls_reports.py) are added here or mounted
    # beside these by the perf-reports helper.
]
