"""A live server that answers from the test's own database connection, inside the test's transaction.

pytest-django's live_server needs a transactional test: its flush afterwards deletes the rows migrations
created (Wagtail's root page, collections, content types), and serialized_rollback clashes with content types
re-created by other apps' transactional tests. Sharing the connection (as Django does for in-memory SQLite)
keeps the test an ordinary rolled-back `db` test. The server is single-threaded and closes every HTTP
connection, so the shared database connection is only ever used by one request at a time.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIServer
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections
from django.test.testcases import QuietWSGIRequestHandler, _MediaFilesHandler


class _ServerThread(threading.Thread):
    def __init__(self, connection):
        super().__init__(daemon=True)
        self.connection = connection
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.httpd = None

    def run(self):
        connections[DEFAULT_DB_ALIAS] = self.connection
        try:
            self.httpd = WSGIServer(("127.0.0.1", 0), QuietWSGIRequestHandler, allow_reuse_address=False)
            self.httpd.set_app(StaticFilesHandler(_MediaFilesHandler(WSGIHandler())))
        except BaseException as error:  # noqa: BLE001 - reported to the test
            self.error = error
            self.ready.set()
            return
        self.ready.set()
        self.httpd.serve_forever(poll_interval=0.05)


@contextmanager
def live_server_in_transaction():
    """Yields the base URL of a server that sees the current test's uncommitted data."""
    connection = connections[DEFAULT_DB_ALIAS]
    connection.inc_thread_sharing()
    # Closing "old" connections at request boundaries would close the test's connection (it is in a transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    thread = _ServerThread(connection)
    thread.start()
    thread.ready.wait(10)
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.httpd.server_address[1]}"
    finally:
        if thread.httpd is not None:
            thread.httpd.shutdown()
            thread.httpd.server_close()
        thread.join(10)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        connection.dec_thread_sharing()
