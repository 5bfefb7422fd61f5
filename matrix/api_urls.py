from django.urls import path

from matrix.api import NominalMatrixView

urlpatterns = [
    path("nominals/<int:pk>/matrix/", NominalMatrixView.as_view(), name="api-nominal-matrix"),
]
