from django.contrib import admin
from django.urls import include, path

from iom.views.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("iom.api.urls")),
    path("", include("iom.web.urls")),
]
