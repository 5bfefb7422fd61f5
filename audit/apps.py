from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Who may see what (case teams) and who saw what (the access log, break glass)."""

    name = "audit"
    verbose_name = "Access and audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit import receivers  # noqa: F401  (keeps agency-wide case teams in step)
