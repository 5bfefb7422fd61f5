from django.urls import path

from tasking import pdf, views, views_workflow

app_name = "tasking"
urlpatterns = [
    path("", views.tasking_home, name="home"),
    path("meetings/new/", views.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda.pdf", pdf.agenda_pdf, name="agenda-pdf"),
    path("meetings/<int:pk>/minutes.pdf", pdf.minutes_pdf, name="minutes-pdf"),
    path("meetings/<int:pk>/attendance/", views.attendance_add, name="attendance-add"),
    path(
        "meetings/<int:pk>/attendance/<int:attendance_pk>/remove/",
        views.attendance_remove,
        name="attendance-remove",
    ),
    path("meetings/<int:pk>/notes/", views.notes_update, name="notes"),
    path(
        "meetings/<int:pk>/reviews/<int:review_pk>/decision/",
        views.review_decide,
        name="review-decision",
    ),
    path(
        "meetings/<int:pk>/members/<int:membership_pk>/lead/",
        views.lead_decide,
        name="lead-decision",
    ),
    path(
        "meetings/<int:pk>/referrals/<int:referral_pk>/decision/",
        views_workflow.referral_decide,
        name="referral-decision",
    ),
    path(
        "meetings/<int:pk>/rag/<int:nominal_pk>/",
        views_workflow.rag_confirm,
        name="rag-decision",
    ),
    path("meetings/<int:pk>/actions/", views.action_add, name="action-add"),
    path("actions/<int:action_pk>/complete/", views.action_complete, name="action-complete"),
]
