from django.urls import path

from tasking import api, api_decisions

urlpatterns = [
    path("meetings/", api.MeetingList.as_view(), name="api-meetings"),
    path("meetings/<int:pk>/", api.MeetingDetail.as_view(), name="api-meeting"),
    path("meetings/<int:pk>/attendees/", api.Attendees.as_view(), name="api-meeting-attendees"),
    path("meetings/<int:pk>/agenda/", api.AgendaView.as_view(), name="api-meeting-agenda"),
    path(
        "meetings/<int:pk>/decisions/",
        api_decisions.Decisions.as_view(),
        name="api-meeting-decisions",
    ),
    path("exit-reviews/", api.ExitReviews.as_view(), name="api-exit-reviews"),
]
