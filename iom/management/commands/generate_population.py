"""manage.py generate_population: a national-size synthetic population for benchmarks.

    manage.py generate_population --nominals 100000 --events-per-nominal 50 --schemes 5

Generate into a database of its own (never one with real records). See docs/performance.md.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from iom.population.build import PopulationExists, build_population


def _positive(kind):
    def parse(text):
        value = kind(text)
        if value <= 0:
            raise ValueError(text)
        return value

    parse.__name__ = kind.__name__
    return parse


class Command(BaseCommand):
    help = "Generate a synthetic population (schemes, staff, nominals, events, cohorts) in SQL."

    def add_arguments(self, parser):
        parser.add_argument("--nominals", type=_positive(int), required=True)
        parser.add_argument("--events-per-nominal", type=_positive(float), required=True)
        parser.add_argument("--schemes", type=_positive(int), required=True)
        parser.add_argument("--seed", type=int, default=2015)
        parser.add_argument(
            "--members", type=_positive(int), default=300, help="Cohort size per scheme."
        )
        parser.add_argument(
            "--password", help="Sign-in password for the generated staff (default: none)."
        )

    def handle(self, *args, **options):
        if options["members"] * 1.8 * options["schemes"] > options["nominals"]:
            raise CommandError("Too few nominals for the cohorts: lower --members or --schemes")
        started = time.perf_counter()
        try:
            summary = build_population(
                nominals=options["nominals"],
                events_per_nominal=options["events_per_nominal"],
                schemes=options["schemes"],
                seed=options["seed"],
                today=timezone.localdate(),
                members=options["members"],
                password=options["password"],
            )
        except PopulationExists as exc:
            raise CommandError(str(exc)) from None
        for label, count in summary.rows.items():
            self.stdout.write(f"{label:>18}: {count:,}")
        steps = ", ".join(f"{label} {seconds:.1f} s" for label, seconds in summary.seconds.items())
        self.stdout.write(f"Generated in {time.perf_counter() - started:.1f} s ({steps}).")
