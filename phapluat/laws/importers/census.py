"""Enrichment from the census of key laws (status, dates, official title), matched by number."""
from __future__ import annotations

from datetime import date

from django.db import transaction

from ..models import Document
from ..services.documents import status_from_census
from .items import Enrichment

CENSUS_NOTE = "Theo danh mục luật chủ chốt (vbpl.vn, thuvienphapluat.vn), cập nhật 02/2026."


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@transaction.atomic
def _apply(rows: list[dict]) -> int:
    updated = 0
    for row in rows:
        number = (row.get("official_number") or "").strip()
        if not number or number == "N/A":
            continue
        document = Document.objects.filter(number__iexact=number).first()
        if document is None:
            continue
        status, note = status_from_census(row.get("status", ""))
        changes = {
            "status": status,
            "status_note": " ".join(filter(None, [note, CENSUS_NOTE]))[:300],
            "effective_date": _parse_date(row.get("in_force_date")) or document.effective_date,
            "issue_date": _parse_date(row.get("issued_date")) or document.issue_date,
        }
        if any(getattr(document, key) != value for key, value in changes.items()):
            Document.objects.filter(pk=document.pk).update(**changes)
            updated += 1
    return updated


def census_enrichment(rows: list[dict], *, label: str) -> Enrichment:
    return Enrichment(label=label, apply=lambda: _apply(rows))
