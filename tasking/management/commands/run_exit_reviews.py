from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tasking.exit_reviews import run_exit_reviews


class Command(BaseCommand):
    help = "Create the six-month exit reviews due by a date (default today). Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="the date to run as of, YYYY-MM-DD (default today)")

    def handle(self, *args, as_of=None, **options):
        try:
            day = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"--as-of must be a date like 2025-03-31, not {as_of!r}") from None
        created = run_exit_reviews(day)
        self.stdout.write(f"Created {len(created)} exit review(s) due by {day.isoformat()}.")
