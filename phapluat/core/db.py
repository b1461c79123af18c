"""Database helpers shared by the apps."""
import threading
from contextlib import contextmanager

from django.db import connection

_SQLITE_WRITER = threading.Lock()


@contextmanager
def one_writer():
    """SQLite has one writer at a time. Threads of one process queue on this lock (and are woken at once)
    instead of in SQLite's busy handler, which sleeps in steps of up to 100 ms. PostgreSQL needs nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    with _SQLITE_WRITER:
        yield
