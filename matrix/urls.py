from django.urls import path

from matrix import views

urlpatterns = [
    path("nominals/<int:pk>/", views.nominal_matrix_page, name="matrix-nominal"),
    path("candidates/", views.candidates_page, name="matrix-candidates"),
]
