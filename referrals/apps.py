from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"

    def ready(self):
        # Adds "Referrals awaiting decision" and "Accepted automatically" to tasking agendas.
        from referrals import agenda  # noqa: F401
