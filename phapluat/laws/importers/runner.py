"""Runs an import: each document in its own transaction, so a kill loses at most the one in progress
and a re-run skips what is already stored unchanged."""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, IntegrityError
from tqdm import tqdm

from ..parsing.model import ParseError
from ..services.documents import DocumentConflict, document_upsert
from .items import Enrichment, ImportItem, Skipped
from .sources import items_for


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    enriched: int = 0
    articles: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)   # (label, Vietnamese reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)    # files of a folder that are no documents
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def documents(self) -> int:
        return self.created + self.updated + self.unchanged

    def lines(self) -> list[str]:
        lines = [
            f"Đã nhập {self.documents} văn bản trong {self.seconds:.1f} giây: {self.created} mới, "
            f"{self.updated} cập nhật, {self.unchanged} không đổi; {self.articles} điều.",
        ]
        if self.enriched:
            lines.append(f"Bổ sung thông tin hiệu lực cho {self.enriched} văn bản.")
        if self.skipped:
            lines.append(f"{len(self.skipped)} tệp được bỏ qua:")
            lines += [f"  - {label}: {reason}" for label, reason in self.skipped]
        if self.failures:
            lines.append(f"{len(self.failures)} tệp không nhập được (dữ liệu đã có được giữ nguyên):")
            lines += [f"  - {label}: {reason}" for label, reason in self.failures]
        return lines


def _collect(paths: Iterable[str | Path], summary: ImportSummary) -> list[ImportItem | Enrichment | Skipped]:
    collected: list[ImportItem | Enrichment | Skipped] = []
    for raw in paths:
        path = Path(raw)
        try:
            collected.extend(items_for(path))
        except ParseError as error:
            summary.failures.append((path.name or str(path), str(error)))
    return collected


def _import_one(item: ImportItem, summary: ImportSummary, user) -> None:
    try:
        data = item.load()
        document, outcome = document_upsert(data=data, user=user)
    except (ParseError, DocumentConflict) as error:
        summary.failures.append((item.label, str(error)))
        return
    except (IntegrityError, DatabaseError) as error:
        summary.failures.append((item.label, f"Lỗi cơ sở dữ liệu, văn bản không được ghi: {error}"))
        return
    setattr(summary, outcome, getattr(summary, outcome) + 1)
    summary.articles += document.provisions.filter(kind="dieu").count()


def run_import(paths: Iterable[str | Path], *, progress: bool = False, user=None) -> ImportSummary:
    summary = ImportSummary()
    started = time.perf_counter()
    items = _collect(paths, summary)
    summary.skipped = [(i.label, i.reason) for i in items if isinstance(i, Skipped)]
    documents = [i for i in items if isinstance(i, ImportItem)]
    enrichments = [i for i in items if isinstance(i, Enrichment)]
    for item in tqdm(documents, desc="Nhập văn bản", unit="vb", disable=not progress):
        _import_one(item, summary, user)
    for enrichment in enrichments:
        summary.enriched += enrichment.apply()
    summary.seconds = time.perf_counter() - started
    return summary
