"""SQLite: the index of adjacent syllable pairs (see backends.sql.PAIRS), filled from the entries already
there, then kept in step by triggers like the full index."""
from django.db import migrations

from phapluat.search.backends.sql import SQLITE_PAIRS_FORWARD, SQLITE_PAIRS_REVERSE

from ._vendor import vendor_statements


class Migration(migrations.Migration):
    dependencies = [("search", "0004_headings")]
    operations = [vendor_statements("sqlite", SQLITE_PAIRS_FORWARD, SQLITE_PAIRS_REVERSE)]
