"""Fields of law (lĩnh vực) assigned from a document's title with a curated keyword list (data/fields.tsv).

Only documents without fields are classified, so an editor's choice is never overwritten.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ...core.text import strip_diacritics
from ..models import Document, Field

FIELDS_TSV = Path(__file__).resolve().parents[1] / "data" / "fields.tsv"


@lru_cache(maxsize=1)
def _keyword_table() -> list[tuple[str, str, list[str]]]:
    rows = []
    with FIELDS_TSV.open(encoding="utf-8") as handle:
        for name, slug, keywords in csv.reader((line for line in handle if not line.startswith("#")),
                                               delimiter="\t"):
            rows.append((name, slug, [f" {strip_diacritics(k.strip()).lower()}" for k in keywords.split(";")
                                      if k.strip()]))
    return rows


def fields_for_title(title: str) -> list[tuple[str, str]]:
    """(name, slug) of every field whose keyword occurs in `title` as whole words, diacritics ignored."""
    folded = f" {strip_diacritics(title).lower()} "
    return [(name, slug) for name, slug, keywords in _keyword_table()
            if any(f"{keyword} " in folded or f"{keyword}," in folded for keyword in keywords)]


def assign_fields_if_missing(document: Document) -> None:
    links = Document.fields.through.objects
    if links.filter(document=document).exists():
        return
    # Through the link table directly: the ParentalManyToManyField would hold the change until save().
    for name, slug in fields_for_title(document.title):
        field, _ = Field.objects.get_or_create(slug=slug, defaults={"name": name})
        links.get_or_create(document=document, field=field)
