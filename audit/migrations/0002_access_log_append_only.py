"""PostgreSQL refuses any UPDATE or DELETE of the access log, whoever asks (the ORM, the admin,
raw SQL). TRUNCATE stays a database administrator's operation (and test flushes use it)."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access log is append-only: % of audit_accesslogentry refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_access_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION audit_access_log_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_access_log_no_update_or_delete ON audit_accesslogentry;
DROP FUNCTION IF EXISTS audit_access_log_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
