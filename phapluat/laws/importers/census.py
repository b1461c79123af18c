"""Enrichment from the census of key laws (status, dates, official title), matched by number.

The census is a dated secondary list: each row becomes an official-source StatusRecord with the census's
date, never the truth itself — a replacing law in the library or an editor's check takes precedence
(services.status)."""
from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from ..models import Document
from ..services.documents import status_from_census
from ..services.status import record_official_status, refresh_statuses
from .items import Enrichment

CENSUS_LABEL = "danh mục luật chủ chốt (vbpl.vn, thuvienphapluat.vn)"


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _apply_row(row: dict, checked_on: date) -> bool:
    number = (row.get("official_number") or "").strip()
    if not number or number == "N/A":
        return False
    document = Document.objects.filter(number__iexact=number).first()
    if document is None:
        return False
    status, note = status_from_census(row.get("status", ""))
    effective = _parse_date(row.get("in_force_date"))
    dates = {"effective_date": effective or document.effective_date,
             "issue_date": _parse_date(row.get("issued_date")) or document.issue_date}
    dates_changed = any(getattr(document, key) != value for key, value in dates.items())
    if dates_changed:
        Document.objects.filter(pk=document.pk).update(**dates)
        for key, value in dates.items():
            setattr(document, key, value)
    recorded = record_official_status(document=document, status=status, source_label=CENSUS_LABEL,
                                      checked_on=checked_on, effective_date=effective,
                                      source_url=row.get("url") or "", note=note)
    if dates_changed or recorded:
        refresh_statuses(document)
        return True
    return False


@transaction.atomic
def _apply(rows: list[dict], checked_on: date) -> int:
    return sum(_apply_row(row, checked_on) for row in rows)


def census_enrichment(rows: list[dict], *, label: str, generated_at: str | None = None) -> Enrichment:
    checked_on = _parse_date(generated_at) or datetime.now().date()
    return Enrichment(label=label, apply=lambda: _apply(rows, checked_on))
