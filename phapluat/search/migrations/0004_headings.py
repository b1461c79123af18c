"""SQLite only: a full-text index of article headings beside the full one (see backends.sql.HEADINGS).

Filled from the entries already there, then kept in step by triggers like the full index."""
from django.db import migrations

from phapluat.search.backends.sql import SQLITE_HEADINGS_FORWARD, SQLITE_HEADINGS_REVERSE


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_HEADINGS_FORWARD:
            schema_editor.execute(statement)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_HEADINGS_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_embedding")]
    operations = [migrations.RunPython(forward, reverse)]
