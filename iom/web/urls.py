from django.contrib.auth import views as auth_views
from django.urls import path

from iom.web import events, home, nominal_forms, nominals

urlpatterns = [
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    path("nominals/", nominals.nominal_search, name="nominal-search"),
    path("nominals/new/", nominal_forms.nominal_create, name="nominal-create"),
    path("nominals/<int:pk>/", nominals.nominal_detail, name="nominal-detail"),
    path("nominals/<int:pk>/edit/", nominal_forms.nominal_edit, name="nominal-edit"),
    path("nominals/<int:pk>/events/new/", events.event_choose, name="event-choose"),
    path("nominals/<int:pk>/events/new/<slug:kind>/", events.event_create, name="event-create"),
]
