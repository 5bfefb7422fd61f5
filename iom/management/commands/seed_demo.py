"""manage.py seed_demo: the synthetic "Demoshire IOM" scheme for demos and trying things out."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from iom.demo.build import build_demo, demo_scheme_exists
from iom.demo.partnership import DEMO_USERNAMES, SCHEME_NAME, new_password


class Command(BaseCommand):
    help = (
        "Build the synthetic Demoshire IOM scheme (staff, nominals, histories, cohort, referrals, "
        "meetings, RAG, exit reviews, needs, matrix, a report) from a random seed, and print "
        "the demo sign-ins once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the demo scheme already exists (the launcher uses this)",
        )
        parser.add_argument("--nominals", type=int, default=300, help="how many (default 300)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--no-report",
            action="store_true",
            help="skip generating last quarter's performance report PDF",
        )

    def handle(self, *args, if_empty, nominals, seed, no_report, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo data is synthetic and only for demo mode: set IOM_DEMO=1 to seed it."
            )
        if nominals < 5:
            raise CommandError("--nominals must be at least 5 so every kind of case appears.")
        if demo_scheme_exists():
            if if_empty:
                self.stdout.write(f"{SCHEME_NAME} already exists; nothing to do.")
                return
            raise CommandError(
                f"{SCHEME_NAME} already exists. Use --if-empty to skip, or start from an empty "
                "database to rebuild it."
            )
        taken = get_user_model().objects.filter(username__in=DEMO_USERNAMES)
        if taken.exists():
            raise CommandError(
                "These demo usernames already belong to other users: "
                + ", ".join(taken.values_list("username", flat=True))
            )

        password = new_password()
        summary = build_demo(
            nominals=nominals,
            seed=seed,
            password=password,
            today=timezone.localdate(),
            report=not no_report,
        )
        work = summary.workflow
        self.stdout.write(
            self.style.SUCCESS(
                f"Built {SCHEME_NAME}: {summary.nominals} nominals, {summary.events} events, "
                f"{summary.memberships} cohort spells; {work.referrals} referrals, "
                f"{work.meetings} meetings (today's daily tasking is ready to run), "
                f"{work.open_reviews} exit reviews due, {work.assessments} needs assessments."
            )
        )
        self._print_sign_ins(summary.staff, password)

    def _print_sign_ins(self, staff, password):
        """The only time the password is shown: it is stored hashed, nowhere else."""
        rows = [("Username", "Role", "Agency"), *staff]
        widths = [max(len(row[col]) for row in rows) for col in range(3)]
        line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.stdout.write("\nDemo sign-ins (every demo user has the same password):")
        self.stdout.write(line)
        for n, row in enumerate(rows):
            cells = " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            self.stdout.write(f"| {cells} |")
            if n == 0:
                self.stdout.write(line)
        self.stdout.write(line)
        self.stdout.write(f"Password: {password}")
        self.stdout.write("It is shown only now. Reset it with: manage.py changepassword USERNAME")
