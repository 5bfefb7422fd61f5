from django.urls import path

from rag import views

app_name = "rag"
urlpatterns = [
    path("board/", views.board, name="board"),
    path("critical/", views.critical, name="critical"),
    path("differences/", views.differences, name="differences"),
    path("nominals/<int:pk>/", views.nominal_rag, name="nominal"),
]
