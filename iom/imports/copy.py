"""Writing many rows with PostgreSQL COPY.

The change-history triggers (iom/history.py) fire once per statement, so each COPY chunk is
recorded in the history with the importing user's context, at no per-row cost.
"""

from django.db import connection

from iom.imports.lookup import chunks

# Rows per COPY statement.
COPY_BATCH = 5000


def copy_rows(model, columns: list[str], rows) -> None:
    """Insert `rows` (tuples in the order of `columns`, database column names) into `model`."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) FROM STDIN"
    with connection.cursor() as cursor:
        for part in chunks(rows, COPY_BATCH):
            with cursor.copy(sql) as copy:
                for row in part:
                    copy.write_row(row)
