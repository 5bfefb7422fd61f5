from django.apps import AppConfig
from django.db.models.signals import post_migrate


class IomConfig(AppConfig):
    name = "iom"
    verbose_name = "IOM records"

    def ready(self):
        from iom.planner_costs import set_trigram_operator_costs

        post_migrate.connect(set_trigram_operator_costs, sender=self)
