from django.contrib import admin
from django.urls import include, path

from iom.views.health import healthz

# Each capability owns its URL modules; the API ones share the /api/v1/ prefix.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("iom.api.schema_urls")),
    path("api/v1/", include("iom.api.urls")),
    path("api/v1/", include("referrals.api_urls")),
    path("api/v1/", include("matrix.api_urls")),
    path("api/v1/", include("rag.api_urls")),
    path("api/v1/", include("tasking.api_urls")),
    path("api/v1/", include("performance.api_urls")),
    path("api/v1/", include("performance.api_urls_reports")),
    path("imports/", include("iom.imports.urls")),
    path("referrals/", include("referrals.urls")),
    path("matrix/", include("matrix.urls")),
    path("rag/", include("rag.urls")),
    path("tasking/", include("tasking.urls")),
    path("audit/", include("audit.urls")),
    path("performance/", include("performance.urls")),
    path("performance/", include("performance.urls_reports")),
    path("", include("iom.web.urls")),
]
