from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "phapluat.search"
    label = "search"
    verbose_name = "Tìm kiếm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import pre_delete

        from phapluat.laws.models import Document

        from . import indexing

        def forget(sender, instance, **kwargs):
            # Before the cascade removes the rows, so that word statistics are decremented too.
            indexing.remove_document(instance.pk)

        pre_delete.connect(forget, sender=Document, dispatch_uid="search-forget-document", weak=False)

        connection_created.connect(_register_sql_functions, dispatch_uid="search-sql-functions", weak=False)
        for connection in connections.all(initialized_only=True):  # opened before the app was ready
            if connection.connection is not None:
                _register_sql_functions(connection.__class__, connection)


def _register_sql_functions(sender, connection, **kwargs):
    """SQLite: the functions the full-text triggers call (see backends.sql.PAIRS)."""
    if connection.vendor == "sqlite":
        from .backends.sql import PAIR_FUNCTION
        from .text import pair_text

        connection.connection.create_function(PAIR_FUNCTION, 1, pair_text, deterministic=True)
