"""Reading cells and files: the rules every import kind shares (pure Python)."""

from datetime import date

import pytest

from iom.imports.parsing import CellError, Column, parse_bool, parse_date, read_csv

COLUMNS = [Column("ref"), Column("name", required=True), Column("notes")]


@pytest.mark.parametrize(
    "text, expected",
    [("2024-03-27", date(2024, 3, 27)), ("", None), ("2024-02-29", date(2024, 2, 29))],
)
def test_dates_are_iso(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("27/03/2024", "Enter the date as YYYY-MM-DD"),
        ("20240327", "Enter the date as YYYY-MM-DD"),
        ("2023-02-29", "'2023-02-29' is not a real date"),
    ],
)
def test_other_date_forms_are_refused(text, message):
    with pytest.raises(CellError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("true", True),
        ("Yes", True),
        ("1", True),
        ("FALSE", False),
        ("no", False),
        ("0", False),
        ("", None),
    ],
)
def test_booleans(text, expected):
    assert parse_bool(text) is expected


@pytest.mark.parametrize("text", ["y", "maybe", "2", "t"])
def test_other_booleans_are_refused(text):
    with pytest.raises(CellError, match="Enter true, false, yes, no, 1 or 0"):
        parse_bool(text)


def test_lines_are_numbered_as_in_the_file_with_the_header_as_line_1():
    text = 'ref,name,notes\nA,One,\n\nB,Two,"two\nlines"\nC,Three,\n'
    errors = []
    table = read_csv(text, COLUMNS, errors)
    assert errors == []
    assert [(row.line, row.get("ref")) for row in table.rows] == [(2, "A"), (4, "B"), (6, "C")]
    assert table.rows[1].get("notes") == "two\nlines"


def test_header_problems_are_reported_on_line_1():
    errors = []
    assert read_csv("ref,nmae,notes,notes\nA,B,C,D\n", COLUMNS, errors) is None
    assert {(e.line, e.column, e.reason) for e in errors} == {
        (1, "nmae", "Unknown column: use only the columns listed in the guidance"),
        (1, "notes", "This column appears twice"),
        (1, "name", "This column is required"),
    }


def test_a_byte_order_mark_and_capitalised_headers_are_accepted():
    errors = []
    table = read_csv("\ufeffRef,Name\nA,One\n".encode(), COLUMNS, errors)
    assert errors == []
    assert table.rows[0].cells == {"ref": "A", "name": "One"}


def test_a_file_that_is_not_utf8_names_the_line():
    errors = []
    assert read_csv(b"ref,name\nA,One\nB,Caf\xe9\n", COLUMNS, errors) is None
    assert [(e.line, e.column) for e in errors] == [(3, "")]
    assert "not UTF-8" in errors[0].reason


def test_extra_cells_and_an_empty_file_are_reported():
    errors = []
    read_csv("ref,name\nA,One,surplus\n", COLUMNS, errors)
    assert [(e.line, e.reason) for e in errors] == [(2, "This row has 3 cells; the header has 2")]
    errors = []
    assert read_csv("", COLUMNS, errors) is None
    assert errors[0].line == 1 and "empty" in errors[0].reason
