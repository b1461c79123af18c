"""Migrations that run raw statements on one database vendor only (the full-text structures)."""
from django.db import migrations


def vendor_statements(vendor: str, forward: list[str], reverse: list[str]) -> migrations.RunPython:
    def run(statements):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor == vendor:
                for statement in statements:
                    schema_editor.execute(statement)
        return apply

    return migrations.RunPython(run(forward), run(reverse))


def recount_postgres_statistics(apps, schema_editor):
    """PostgreSQL ranks with the word and pair statistics it keeps beside the index (backends.PostgresBackend):
    counted again from the entries when what they count changes."""
    if schema_editor.connection.vendor == "postgresql":
        from phapluat.search.backends import PostgresBackend

        PostgresBackend().recount()
