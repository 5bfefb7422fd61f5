import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from iom.models import Scheme
from matrix.rescoring import rescore_scheme


class Command(BaseCommand):
    help = "Score every nominal of a scheme on the IOM matrix and store the snapshots."

    def add_arguments(self, parser):
        parser.add_argument("--scheme", required=True, help="The scheme's slug.")
        parser.add_argument("--as-of", help="YYYY-MM-DD, not in the future; default today.")

    def handle(self, *args, scheme, as_of=None, **options):
        try:
            chosen = Scheme.objects.get(slug=scheme)
        except Scheme.DoesNotExist:
            known = ", ".join(Scheme.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No scheme '{scheme}'. Schemes: {known}") from None
        today = timezone.localdate()
        try:
            day = date.fromisoformat(as_of) if as_of else today
        except ValueError:
            raise CommandError(f"--as-of '{as_of}' is not a date like 2024-03-27") from None
        if day > today:
            raise CommandError(f"--as-of {day} is in the future")
        started = time.perf_counter()
        count = rescore_scheme(chosen, day)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Scored {count} nominal{'s' if count != 1 else ''} of {chosen} as of {day} "
            f"in {seconds:.1f} s"
        )
