"""Public pages of the library. Views parse the request and call selectors; no session is touched,
so the pages can be cached."""
from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import selectors
from .models import AmendmentState, RelationType
from .reading import mark_applied, read_on
from .notices import document_notices
from .rendering import has_articles, render_toc, render_tree
from .services.amendments import amendments_of, amendments_state
from .services.documents import document_record_view
from .services.provisions import provision_tree
from .services.relations import relations_of

# Bump when the body template changes, so cached bodies are rendered anew.
BODY_RENDER_VERSION = 2
PAGE_SIZE = 20


@require_GET
def document_list(request):
    filters = selectors.DocumentFilters.from_query(request.GET)
    page = Paginator(selectors.document_list(filters), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "laws/document_list.html", {
        "page": page, "filters": filters, "facets": selectors.document_facets(),
        "query_without_page": _query_without(request, "trang"),
    })


def _query_without(request, key: str) -> str:
    params = request.GET.copy()
    params.pop(key, None)
    return params.urlencode()


@dataclass
class ReadingChoice:
    """Which wording the reader asked for: today's (the default), a past or future day's (?ngay=YYYY-MM-DD),
    or the text as promulgated (?ban-goc=1)."""

    day: date
    original: bool = False
    asked: bool = False
    error: str = ""

    @classmethod
    def from_query(cls, query) -> "ReadingChoice":
        today = timezone.localdate()
        if query.get("ban-goc"):
            return cls(day=today, original=True)
        wanted = query.get("ngay", "").strip()
        if not wanted:
            return cls(day=today)
        try:
            return cls(day=date.fromisoformat(wanted), asked=True)
        except ValueError:
            return cls(day=today, error=f"Ngày “{wanted[:20]}” không hợp lệ (cần dạng năm-tháng-ngày, ví dụ "
                                        f"{today:%Y-%m-%d}); đang hiển thị nội dung hiện hành hôm nay.")


def _rendered_version(document, version, choice: ReadingChoice, is_latest: bool) -> dict:
    """Body and table of contents, rendered once per version, status and the set of amendments in force on
    the day asked (the largest code has thousands of nodes). Provision statuses change only through
    relations, which also touch `document.updated_at` or `document.status`."""
    use_amendments = is_latest and not choice.original
    key = (f"laws:body:{version.pk}:{version.parsed_hash}:{document.status}:"
           f"{document.updated_at.timestamp() if document.updated_at else ''}:{BODY_RENDER_VERSION}:"
           f"{amendments_state(document, choice.day) if use_amendments else 'gốc'}")
    rendered = cache.get(key)
    if rendered is None:
        amendments = list(amendments_of(document)) if use_amendments else []
        tree = provision_tree(version)
        reading = read_on(tree, amendments, choice.day)
        mark_applied(tree, document.amendments_made.filter(state=AmendmentState.APPLIED, target__isnull=False)
                     .select_related("target", "source"))
        toc = render_toc(tree)
        rendered = {"body": render_tree(tree), "toc": toc, "toc_count": toc.count("<li"),
                    "has_articles": has_articles(tree), "reading": _reading_summary(reading, amendments)}
        cache.set(key, rendered, timeout=24 * 3600)
    return rendered


def _reading_summary(reading, amendments) -> dict:
    sources = {a.source_id: a.source for a in reading.applied}
    return {"applied": len(reading.applied), "upcoming": len(reading.upcoming), "unplaced": len(reading.unplaced),
            "sources": [{"name": s.display_name, "url": s.get_absolute_url()} for s in sources.values()],
            "any": bool(amendments)}


def _document_context(request, slug: str, version_id: int | None = None) -> dict:
    document = selectors.document_by_slug(slug)
    versions = selectors.versions_of(document)
    version = selectors.version_of(document, version_id, versions)
    choice = ReadingChoice.from_query(request.GET)
    consolidation = selectors.consolidation_of(document, version)
    relations = relations_of(document)
    if consolidation is not None:   # its block names what it consolidates
        relations["outgoing"] = [r for r in relations["outgoing"] if r.relation_type != RelationType.CONSOLIDATES]
    return {
        "document": document,
        "version": version,
        "is_latest": version.pk == versions[0].pk,
        "versions": versions,
        "status": document.current_status(),
        "notices": document_notices(document),
        "relations": relations,
        "consolidation": consolidation,
        "rendered": _rendered_version(document, version, choice, version.pk == versions[0].pk),
        "reading_choice": choice,
        "today": timezone.localdate(),
    }


@require_GET
def document_detail(request, slug: str, version_id: int | None = None):
    article = request.GET.get("dieu", "").strip()
    if article:  # the "go to article" form, without JavaScript
        return redirect(f"{request.path}#dieu-{slugify(article)}")
    context = _document_context(request, slug, version_id)
    document_record_view(context["document"])
    return render(request, "laws/document_detail.html", context)


@require_GET
def document_print(request, slug: str):
    return render(request, "laws/document_print.html", _document_context(request, slug))


@require_GET
def document_download(request, slug: str):
    """The original file, always as an attachment so no uploaded content runs in the browser."""
    document = selectors.document_by_slug(slug)
    version = selectors.version_of(document, None)
    if version.source_file:
        name = Path(version.source_file.name).name
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = FileResponse(version.source_file.open("rb"), as_attachment=True, filename=name,
                                content_type=content_type)
    else:
        response = HttpResponse(version.body_text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{document.slug}.txt"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
