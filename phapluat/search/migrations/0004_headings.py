"""SQLite only: a full-text index of article headings beside the full one (see backends.sql.HEADINGS).

Filled from the entries already there, then kept in step by triggers like the full index."""
from django.db import migrations

from phapluat.search.backends.sql import SQLITE_HEADINGS_FORWARD, SQLITE_HEADINGS_REVERSE

from ._vendor import vendor_statements


class Migration(migrations.Migration):
    dependencies = [("search", "0003_embedding")]
    operations = [vendor_statements("sqlite", SQLITE_HEADINGS_FORWARD, SQLITE_HEADINGS_REVERSE)]
