"""The API's OpenAPI 3 schema and its Swagger UI, for signed-in staff and token holders only
(SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]): the schema names every field of a nominal."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView


class ApiDocsView(SpectacularSwaggerView):
    """Swagger UI served from this site, its inline script and style allowed by the CSP nonce."""

    template_name = "api/swagger_ui.html"
    url_name = "api-schema"


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(), name="api-docs"),
]
