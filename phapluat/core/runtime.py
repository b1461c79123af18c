"""What a process that serves requests does once, when its code is loaded."""
import gc

from django.urls import get_resolver


def settle_for_serving() -> None:
    """Load what the first request would otherwise load (the URLconf, and the views and Wagtail apps it
    imports), then leave everything loaded so far out of the cyclic garbage collector's walks.

    A full collection walks every object the process tracks: ~160,000 once the portal has served a page,
    60-70 ms on a small server, added to whichever request happens to trigger it (the ALQAC benchmark on
    PostgreSQL: 17 of 729 questions took over 60 ms for this alone). These objects live as long as the
    process, so walking them finds nothing; frozen, they are skipped (and, in workers forked from a
    preloaded server, their memory pages stay shared). Objects made later are collected as usual."""
    get_resolver().url_patterns  # noqa: B018 - importing the URLconf is the point
    gc.collect()
    gc.freeze()
