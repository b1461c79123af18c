"""Full-text structures on top of search_searchentry, for the database in use.

SQLite: an external-content FTS5 table kept in step by triggers (same transaction as the row change).
PostgreSQL: two tsvector columns (accented and folded) filled by a trigger, with GIN indexes.

Caution: on SQLite, a later migration that rebuilds search_searchentry (most AlterField/AddField do)
drops these triggers; such a migration must create them again (those of backends.sql.FORWARD_SQL).
"""
from django.db import migrations

from phapluat.search.backends.sql import FULLTEXT_FORWARD_SQL, FULLTEXT_REVERSE_SQL


def forward(apps, schema_editor):
    for statement in FULLTEXT_FORWARD_SQL.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def reverse(apps, schema_editor):
    for statement in FULLTEXT_REVERSE_SQL.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, reverse)]
