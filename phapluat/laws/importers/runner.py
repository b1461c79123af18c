"""Runs an import: each document in its own transaction, so a kill loses at most the one in progress
and a re-run skips what is already stored unchanged."""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, IntegrityError
from django.db.models import Count
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
    files: list[tuple[str, str, str]] = field(default_factory=list)  # (label, outcome, what) in import order
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def documents(self) -> int:
        return self.created + self.updated + self.unchanged

    def lines(self, *, per_file: bool = False) -> list[str]:
        """The report of the import; with `per_file`, what happened to each file, refusals in their place."""
        lines = [
            f"Đã nhập {self.documents} văn bản trong {self.seconds:.1f} giây: {self.created} mới, "
            f"{self.updated} cập nhật, {self.unchanged} không đổi; {self.articles} điều.",
        ]
        if self.enriched:
            lines.append(f"Bổ sung thông tin hiệu lực cho {self.enriched} văn bản.")
        if per_file:
            lines += [f"  - {label}: {_OUTCOME_WORDS[outcome]}{f' – {what}' if what else ''}"
                      for label, outcome, what in self.files]
            lines += [f"  - {label}: bỏ qua – {reason}" for label, reason in self.skipped]
            if self.failures:
                lines.append(f"{len(self.failures)} tệp không nhập được; dữ liệu đã có được giữ nguyên.")
            return lines
        if self.skipped:
            lines.append(f"{len(self.skipped)} tệp được bỏ qua:")
            lines += [f"  - {label}: {reason}" for label, reason in self.skipped]
        if self.failures:
            lines.append(f"{len(self.failures)} tệp không nhập được (dữ liệu đã có được giữ nguyên):")
            lines += [f"  - {label}: {reason}" for label, reason in self.failures]
        return lines


_OUTCOME_WORDS = {"created": "đã lưu (mới)", "updated": "đã cập nhật", "unchanged": "không đổi",
                  "refused": "TỪ CHỐI"}


def _describe(document, data, articles: int) -> str:
    name = f"{document.get_doc_type_display()} {document.number}".strip() if document.number else document.title
    described = f"{name[:120]}, {articles} điều" if articles else f"{name[:120]}, {_sections_count(document)}"
    if data.unfilled and not document.live:
        described += f"; BẢN NHÁP chờ biên tập viên nhập {' và '.join(data.unfilled)}"
    return described


def _sections_count(document) -> str:
    """'5 mục, 25 khoản, 29 điểm': what a document without articles was cut into (laws/parsing/sections.py)."""
    counts = dict(document.provisions.values_list("kind").annotate(n=Count("id")))
    parts = [f"{counts[kind]} {label.lower()}" for kind, label in (("muc", "Mục"), ("khoan", "Khoản"), ("diem", "Điểm"))
             if counts.get(kind)]
    return ", ".join(parts) or "không tách được mục nào"


def _collect(paths: Iterable[str | Path], summary: ImportSummary) -> list[ImportItem | Enrichment | Skipped]:
    collected: list[ImportItem | Enrichment | Skipped] = []
    for raw in paths:
        path = Path(raw)
        try:
            collected.extend(items_for(path))
        except ParseError as error:
            _refuse(summary, path.name or str(path), str(error))
    return collected


def _import_one(item: ImportItem, summary: ImportSummary, user) -> None:
    try:
        data = item.load()
        document, outcome = document_upsert(data=data, user=user)
    except (ParseError, DocumentConflict) as error:
        _refuse(summary, item.label, str(error))
        return
    except (IntegrityError, DatabaseError) as error:
        _refuse(summary, item.label, f"Lỗi cơ sở dữ liệu, văn bản không được ghi: {error}")
        return
    setattr(summary, outcome, getattr(summary, outcome) + 1)
    articles = data.article_count   # as stored: the parsed tree is stored whole
    summary.articles += articles
    summary.files.append((item.label, outcome, _describe(document, data, articles)))


def _refuse(summary: ImportSummary, label: str, reason: str) -> None:
    summary.failures.append((label, reason))
    summary.files.append((label, "refused", reason))


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
