from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("", views.access_log, name="access-log"),
    path("access-log.csv", views.access_log_csv, name="access-log-csv"),
    path("break-glass/", views.break_glass_list, name="break-glass"),
]
