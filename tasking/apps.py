from django.apps import AppConfig


class TaskingConfig(AppConfig):
    name = "tasking"
    verbose_name = "Tasking and panel meetings"

    def ready(self):
        # Registers the built-in agenda sections (tasking.agenda is the registry).
        from tasking import agenda_sections  # noqa: F401
