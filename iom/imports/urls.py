from django.urls import path

from iom.imports import views

urlpatterns = [
    path("", views.upload, name="import-records"),
]
