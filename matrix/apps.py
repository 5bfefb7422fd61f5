from django.apps import AppConfig


class MatrixConfig(AppConfig):
    name = "matrix"
    verbose_name = "IOM matrix"

    def ready(self):
        from matrix import signals  # noqa: F401  (connects the new-scheme receiver)
