"""One unit of import work: a document to load, and an enrichment to apply after the documents."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..services.documents import DocumentData


@dataclass
class ImportItem:
    source_key: str                       # stable identity: re-importing the same key updates
    label: str                            # shown in progress and errors (a file name, a law's name)
    load: Callable[[], DocumentData]      # reads and parses; raises ParseError with a Vietnamese message


@dataclass
class Enrichment:
    """Metadata to apply to documents already in the library, matched by number (e.g. the census)."""

    label: str
    apply: Callable[[], int]              # returns how many documents it updated


@dataclass
class Skipped:
    """A file in a folder that is not a document at all (listed in the summary, not an error)."""

    label: str
    reason: str
