from django.apps import AppConfig


class MatrixConfig(AppConfig):
    name = "matrix"
