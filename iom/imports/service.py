"""Running an import: read and check every row first; write only when no row has a problem.

Everything is written in one transaction with set-based writes (bulk_create, COPY), so a file
is imported completely or not at all.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from iom.history import history_context
from iom.imports import events, memberships, nominals
from iom.imports.parsing import RowError, read_csv

KINDS = {"nominals": nominals, "events": events, "memberships": memberships}


@dataclass
class ImportResult:
    kind: str
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def _in_file_order(errors):
    return sorted(errors, key=lambda e: (e.line is not None, e.line or 0))


def import_records(kind: str, data: bytes | str, *, scheme, user=None, dry_run=False):
    """Import one CSV file of `kind` into `scheme`, recording `user` as who did it."""
    module = KINDS[kind]
    result = ImportResult(kind)
    table = read_csv(data, module.COLUMNS, result.errors, one_of=module.ONE_OF)
    if table is None or result.errors:
        result.errors = _in_file_order(result.errors)
        return result
    today = timezone.localdate()
    try:
        with history_context(user, source="import", kind=kind), transaction.atomic():
            plan = module.validate(table, scheme=scheme, today=today, errors=result.errors)
            if result.errors:
                result.errors = _in_file_order(result.errors)
                return result
            if dry_run:
                result.created, result.updated, result.unchanged = plan.counts()
                return result
            result.created, result.updated, result.unchanged = module.write(plan, user)
            result.written = True
    except IntegrityError:
        # Another change to the same records was committed while this file was checked.
        result.errors = [
            RowError(
                None,
                "",
                "Another change to these records was saved while the file was "
                "being imported. Nothing was imported: try again.",
            )
        ]
        result.created = result.updated = result.unchanged = 0
        result.written = False
    return result
