from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance and needs"

    def ready(self):
        # Adds "Needs assessments due" to tasking's agenda registry.
        from performance import agenda  # noqa: F401
