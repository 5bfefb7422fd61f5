from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from iom.models import Event, Nominal
from tests.test_import_support import FIXTURES


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_records", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_and_reports_counts(scheme, coordinator):
    out, _ = run("nominals", str(FIXTURES / "nominals_good.csv"), "--scheme", "testshire")
    assert "3 created, 0 updated, 0 unchanged" in out
    out, _ = run("events", str(FIXTURES / "events_good.csv"), "--user", "coordinator")
    assert "6 created, 0 updated, 0 unchanged" in out
    assert set(Event.objects.values_list("recorded_by", flat=True)) == {coordinator.pk}
    out, _ = run("events", str(FIXTURES / "events_good.csv"), "--scheme", "testshire")
    assert "0 created, 0 updated, 6 unchanged" in out


def test_bad_rows_are_printed_and_the_command_fails(scheme):
    out = StringIO()
    err = StringIO()
    with pytest.raises(CommandError, match="9 problem\\(s\\) in nominals_bad.csv"):
        call_command(
            "import_records",
            "nominals",
            str(FIXTURES / "nominals_bad.csv"),
            "--scheme",
            "testshire",
            stdout=out,
            stderr=err,
        )
    printed = err.getvalue().splitlines()
    assert "line 3, column first_names: Enter the first names" in printed
    assert "line 5, column ref: NOM-101 is also on line 2" in printed
    assert Nominal.objects.count() == 0


def test_a_dry_run_writes_nothing(scheme):
    out, _ = run(
        "nominals", str(FIXTURES / "nominals_good.csv"), "--scheme", "testshire", "--dry-run"
    )
    assert "3 created" in out and "dry run" in out
    assert Nominal.objects.count() == 0


def test_the_scheme_must_be_known_when_there_are_several(scheme, other_scheme):
    with pytest.raises(CommandError, match="--scheme"):
        run("nominals", str(FIXTURES / "nominals_good.csv"))
    with pytest.raises(CommandError, match="No scheme has the slug nowhere"):
        run("nominals", str(FIXTURES / "nominals_good.csv"), "--scheme", "nowhere")


def test_a_missing_file_is_a_clear_error(scheme):
    with pytest.raises(CommandError, match="Cannot read"):
        run("nominals", str(Path(FIXTURES / "no-such-file.csv")), "--scheme", "testshire")
