from django.core.management.base import BaseCommand

from iom.case_teams import sync_case_teams
from iom.models import Nominal

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Rebuild every nominal's case-team group and its view permission from the current "
        "spells and the named partners (after a deploy, a bulk import or a data repair)."
    )

    def handle(self, *args, **options):
        ids = list(Nominal.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            sync_case_teams(ids[start : start + BATCH])
        count = len(ids)
        self.stdout.write(f"Case teams of {count} nominals brought into step.")
