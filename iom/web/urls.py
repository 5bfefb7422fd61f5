from django.contrib.auth import views as auth_views
from django.urls import include, path

from iom.web import break_glass, case_team, events, history, home, nominal_forms, nominals

urlpatterns = [
    path("sign-in/", include("iom.signin.urls")),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    path("nominals/", nominals.nominal_search, name="nominal-search"),
    path("nominals/new/", nominal_forms.nominal_create, name="nominal-create"),
    path("nominals/<int:pk>/", nominals.nominal_detail, name="nominal-detail"),
    path("nominals/<int:pk>/edit/", nominal_forms.nominal_edit, name="nominal-edit"),
    path("nominals/<int:pk>/history/", history.nominal_history, name="nominal-history"),
    path("nominals/<int:pk>/case-team/", case_team.case_team, name="nominal-case-team"),
    path("nominals/<int:pk>/break-glass/", break_glass.break_glass, name="nominal-break-glass"),
    path("nominals/<int:pk>/events/new/", events.event_choose, name="event-choose"),
    path("nominals/<int:pk>/events/new/<slug:kind>/", events.event_create, name="event-create"),
]
