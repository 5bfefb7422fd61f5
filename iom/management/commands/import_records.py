"""Bulk import from a CSV file (migration spreadsheets, daily police and probation extracts).

Every row is checked first; if any row has a problem nothing is written, each problem is
printed as line, column and reason, and the command exits with status 1. See docs/import.md.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from iom.imports.service import KINDS, import_records
from iom.models import Scheme


class Command(BaseCommand):
    help = "Import nominals, events or memberships from a CSV file (see docs/import.md)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--scheme", help="Slug of the scheme to import into.")
        parser.add_argument("--user", help="Username recorded as who imported the records.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and report; write nothing."
        )

    def handle(self, *args, kind, file, scheme=None, user=None, dry_run=False, **options):
        importer = self._user(user)
        target = self._scheme(scheme, importer)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        result = import_records(kind, data, scheme=target, user=importer, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                line = error.line if error.line is not None else "-"
                self.stderr.write(f"line {line}, column {error.column or '-'}: {error.reason}")
            raise CommandError(
                f"{len(result.errors)} problem(s) in {file.name}: nothing was imported."
            )
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        self.stdout.write(f"{verb} {kind} from {file.name} into {target}: {result.summary()}.")

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user is called {username}") from None

    def _scheme(self, slug, user):
        if slug:
            try:
                return Scheme.objects.get(slug=slug)
            except Scheme.DoesNotExist:
                raise CommandError(f"No scheme has the slug {slug}") from None
        staff = getattr(user, "staff", None) if user else None
        if staff is not None:
            return staff.scheme
        schemes = list(Scheme.objects.all()[:2])
        if len(schemes) == 1:
            return schemes[0]
        raise CommandError("Say which scheme to import into with --scheme SLUG")
