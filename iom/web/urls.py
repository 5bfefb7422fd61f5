from django.contrib.auth import views as auth_views
from django.urls import path

from iom.web import home, nominals

urlpatterns = [
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    path("nominals/", nominals.nominal_search, name="nominal-search"),
    path("nominals/<int:pk>/", nominals.nominal_detail, name="nominal-detail"),
]
