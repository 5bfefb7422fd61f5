"""Helpers shared by the import tests (no tests here): the CSV files in fixtures/import/."""

from pathlib import Path

from iom.imports.service import import_records

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def errors_of(result) -> set[tuple]:
    return {(e.line, e.column, e.reason) for e in result.errors}


def where(result) -> set[tuple]:
    """(line, column) of every problem, for asserting which cells were blamed."""
    return {(e.line, e.column) for e in result.errors}


def import_good_nominals(scheme, user=None):
    result = import_records("nominals", fixture("nominals_good.csv"), scheme=scheme, user=user)
    assert result.ok, result.errors
    return result
