"""A covering index for the matrix re-scoring statement (matrix/rescoring.py): every arrest,
conviction, intelligence record, breach and recall in a date window, read index-only with the
columns it sums. Measured on 5,000,000 events: 1.6 s to 1.2 s warm, and a quarter of the pages
read cold. Raw SQL, so the models' state is untouched: moving it to Event.Meta.indexes
(models.Index(fields=["kind", "date"], include=["nominal", "offence", "grade"], ...)) with
SeparateDatabaseAndState is for whoever owns iom/models."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("iom", "0003_history_per_statement"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS event_kind_date_cover "
            "ON iom_event (kind, date) INCLUDE (nominal_id, offence, grade)",
            reverse_sql="DROP INDEX IF EXISTS event_kind_date_cover",
        ),
    ]
