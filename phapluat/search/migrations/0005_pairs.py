"""The index of adjacent syllable pairs (see backends.sql.PAIRS and PG_PAIR_FUNCTION), filled from the
entries already there, then kept in step by triggers like the full index."""
from django.db import migrations

from phapluat.search.backends.sql import (
    POSTGRES_PAIRS_FORWARD, POSTGRES_PAIRS_REVERSE, SQLITE_PAIRS_FORWARD, SQLITE_PAIRS_REVERSE,
)

from ._vendor import recount_postgres_statistics, vendor_statements


class Migration(migrations.Migration):
    dependencies = [("search", "0004_headings")]
    operations = [
        vendor_statements("sqlite", SQLITE_PAIRS_FORWARD, SQLITE_PAIRS_REVERSE),
        vendor_statements("postgresql", POSTGRES_PAIRS_FORWARD, POSTGRES_PAIRS_REVERSE),
        # PostgreSQL keeps the document frequency of each pair beside its words'.
        migrations.RunPython(recount_postgres_statistics, migrations.RunPython.noop),
    ]
