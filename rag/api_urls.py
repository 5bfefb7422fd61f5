from django.urls import path

from rag.api import NominalRagView

urlpatterns = [
    path("nominals/<int:pk>/rag/", NominalRagView.as_view(), name="api-nominal-rag"),
]
