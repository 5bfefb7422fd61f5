from django.urls import path

from iom.signin import views

urlpatterns = [
    path("", views.SignInView.as_view(), name="login"),
    path("code/", views.code, name="sign-in-code"),
    path("set-up/", views.set_up, name="sign-in-set-up"),
]
