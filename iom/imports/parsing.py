"""Reading an import CSV: each cell to a typed value, each problem as line, column and reason.

Pure Python (no Django), so the rules for cells are the same for the page and the command.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

TRUE_WORDS = {"true", "yes", "1"}
FALSE_WORDS = {"false", "no", "0"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False


@dataclass(frozen=True)
class RowError:
    """One problem: `line` as in the file (the header is line 1); None for the whole file."""

    line: int | None
    column: str
    reason: str


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the user."""


@dataclass
class Row:
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class Table:
    columns: list[str]
    rows: list[Row]


def parse_date(text: str) -> date | None:
    if not text:
        return None
    if not _ISO_DATE.match(text):
        raise CellError(f"Enter the date as YYYY-MM-DD, like 2024-03-27 (not '{text}')")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CellError(f"'{text}' is not a real date") from None


def parse_bool(text: str) -> bool | None:
    if not text:
        return None
    word = text.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"Enter true, false, yes, no, 1 or 0 (not '{text}')")


def parse_choice(text: str, choices, what: str) -> str:
    if text not in choices:
        raise CellError(f"Unknown {what} '{text}': use one of {', '.join(sorted(choices))}")
    return text


def check_length(text: str, limit: int) -> str:
    if len(text) > limit:
        raise CellError(f"Too long: at most {limit} characters (this has {len(text)})")
    return text


def _decode(data: bytes | str, errors: list[RowError]) -> str | None:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        errors.append(
            RowError(line, "", "The file is not UTF-8 text: save it from Excel as 'CSV UTF-8'")
        )
        return None


def read_csv(
    data: bytes | str, columns: list[Column], errors: list[RowError], *, one_of=()
) -> Table | None:
    """The rows of the file keyed by column name, or None (with errors) when unreadable.

    `one_of` names columns of which at least one must be in the header.
    """
    text = _decode(data, errors)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        errors.append(RowError(1, "", f"The header cannot be read as CSV: {exc}"))
        return None
    if not header or not any(cell.strip() for cell in header):
        errors.append(RowError(1, "", "The file is empty: the first line must name the columns"))
        return None
    names = [cell.strip().lower() for cell in header]
    known = {c.name for c in columns}
    seen = set()
    for name in names:
        if name not in known:
            errors.append(
                RowError(1, name, "Unknown column: use only the columns listed in the guidance")
            )
        elif name in seen:
            errors.append(RowError(1, name, "This column appears twice"))
        seen.add(name)
    for column in columns:
        if column.required and column.name not in seen:
            errors.append(RowError(1, column.name, "This column is required"))
    if one_of and not seen.intersection(one_of):
        errors.append(
            RowError(1, " / ".join(one_of), "Add at least one of these columns to name the nominal")
        )
    if errors:
        return None
    rows = []
    width = len(names)
    line = reader.line_num
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                errors.append(
                    RowError(start, "", f"This row has {len(cells)} cells; the header has {width}")
                )
                continue
            rows.append(Row(start, {n: c.strip() for n, c in zip(names, cells, strict=False)}))
    except csv.Error as exc:
        errors.append(RowError(line + 1, "", f"This line cannot be read as CSV: {exc}"))
        return None
    if not rows and not errors:
        errors.append(RowError(2, "", "The file has a header but no rows"))
    return Table(names, rows)
