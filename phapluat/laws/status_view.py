"""How a document's effect status is shown everywhere (pages, search, the assistant, the API): the status,
its source, and — when the library cannot vouch for it — what the library covers and where to check."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import Document, EffectStatus, StatusSource
from .models.document import CURRENT_STATUSES
from .services import status
from .services.status import replacement_in_library

COMPLETE_UNTIL_CACHE = "laws:complete-until"
# Colour classes: green only for a status with a source; never for unverified.
CSS_CLASSES = {
    EffectStatus.IN_FORCE: "in-force", EffectStatus.PARTLY_EXPIRED: "partly", EffectStatus.EXPIRED: "expired",
    EffectStatus.NOT_YET: "not-yet", EffectStatus.SUSPENDED: "expired", EffectStatus.UNVERIFIED: "unverified",
    EffectStatus.UNKNOWN: "unverified",
}


def library_complete_until() -> date | None:
    """Newest issue date of a published normative document (cached a few minutes; statuses do not use it)."""

    value = cache.get(COMPLETE_UNTIL_CACHE)
    if value is None:
        value = status.library_complete_until() or ""
        cache.set(COMPLETE_UNTIL_CACHE, value, 300)
    return value or None


def official_database_url(document: Document) -> str:
    keyword = document.number or document.title
    return settings.PHAPLUAT_OFFICIAL_DATABASE_URL.replace("{number}", quote(keyword, safe=""))


@dataclass
class StatusView:
    code: str
    label: str
    css: str
    is_current: bool
    source: str                 # StatusSource value
    source_label: str           # "Suy ra từ văn bản trong thư viện"
    note: str                   # what the source says, with dates
    source_date: date | None
    source_url: str
    source_document_name: str
    source_document_url: str
    replaced_by_number: str
    replacement_missing: bool
    official_url: str
    complete_until: date | None

    @property
    def is_unverified(self) -> bool:
        return self.code in (EffectStatus.UNVERIFIED, EffectStatus.UNKNOWN) or self.source == StatusSource.UNVERIFIED

    @property
    def unverified_text(self) -> str:
        until = f" Thư viện cập nhật văn bản đến ngày {self.complete_until:%d/%m/%Y}." if self.complete_until else ""
        return ("Chưa xác minh hiệu lực: thư viện chưa có nguồn chính thức nào xác nhận văn bản này còn hiệu lực "
                f"(có thể đã được sửa đổi, thay thế bởi văn bản mới hơn).{until}")

    def as_json(self) -> dict:
        return {
            "status": self.code, "label": self.label, "in_force": self.is_current, "source": self.source,
            "source_label": self.source_label, "note": self.note,
            "source_date": self.source_date.isoformat() if self.source_date else None,
            "source_url": self.source_url or self.source_document_url or None,
            "replaced_by_number": self.replaced_by_number or None, "replacement_in_library": not self.replacement_missing,
            "official_database_url": self.official_url,
            "library_complete_until": self.complete_until.isoformat() if self.complete_until else None,
        }


def status_view(document: Document, today: date | None = None) -> StatusView:
    today = today or timezone.localdate()
    code = document.current_status(today)
    source_document = document.status_source_document
    replacement_missing = bool(document.replaced_by_number) and not replacement_in_library(document.replaced_by_number)
    label = EffectStatus(code).label
    if code == EffectStatus.EXPIRED and replacement_missing:
        label = f"{label} (văn bản thay thế chưa có trong thư viện)"
    return StatusView(
        code=code, label=label, css=CSS_CLASSES.get(code, "unverified"), is_current=code in CURRENT_STATUSES,
        source=document.status_source, source_label=StatusSource(document.status_source).label,
        note=document.status_note, source_date=document.status_source_date, source_url=document.status_source_url,
        source_document_name=source_document.display_name if source_document else "",
        source_document_url=(f"{source_document.get_absolute_url()}#{document.status_source_anchor}"
                             if source_document else ""),
        replaced_by_number=document.replaced_by_number, replacement_missing=replacement_missing,
        official_url=official_database_url(document), complete_until=library_complete_until(),
    )
