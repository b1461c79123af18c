"""Search pages: parse the request, call services, render. No session is touched (cacheable)."""
from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import services
from .backends import Filters
from .text import MAX_QUERY_CHARS

# Query-string names (Vietnamese, as in the page's URL) of the filters.
PARAMS = {"doc_type": "loai", "issuer": "co-quan", "year": "nam", "status": "hieu-luc", "field": "linh-vuc"}


def filters_from(params) -> Filters:
    year = (params.get(PARAMS["year"]) or "").strip()
    return Filters(
        doc_type=(params.get(PARAMS["doc_type"]) or "")[:30],
        issuer=(params.get(PARAMS["issuer"]) or "")[:200],
        year=int(year) if year.isdigit() and 1900 <= int(year) <= 2100 else None,
        status=(params.get(PARAMS["status"]) or "")[:30],
        field=(params.get(PARAMS["field"]) or "")[:120],
    )


def _page_number(raw) -> int:
    raw = (raw or "1").strip()
    return int(raw) if raw.isdigit() and len(raw) < 4 else 1


def _link(query: str, filters: Filters, **changes) -> str:
    values = {"q": query, **{PARAMS[k]: getattr(filters, k) or "" for k in PARAMS}}
    values.update({PARAMS.get(k, k): v for k, v in changes.items()})
    return "?" + urlencode({k: v for k, v in values.items() if v not in ("", None)})


@require_GET
def results(request):
    query = (request.GET.get("q") or "")[:MAX_QUERY_CHARS]
    filters = filters_from(request.GET)
    res = services.search(query, filters=filters, page=_page_number(request.GET.get("trang")))
    facet_groups = []
    titles = {"doc_type": "Loại văn bản", "status": "Hiệu lực", "year": "Năm ban hành", "issuer": "Cơ quan ban hành"}
    for key, facets in res.facets.items():
        if not facets:
            continue
        links = [
            (f, _link(query, filters, **{key: "" if f.selected else f.value}))
            for f in facets
        ]
        facet_groups.append((titles[key], links))
    active = any(getattr(filters, k) for k in PARAMS)
    context = {
        "query": query,
        "results": res,
        "facet_groups": facet_groups,
        "has_filters": active,
        "clear_filters": _link(query, Filters()),
        "prev_link": _link(query, filters, trang=res.page - 1) if res.has_previous else "",
        "next_link": _link(query, filters, trang=res.page + 1) if res.has_next else "",
        "searched": bool(query.strip()) or active,
        "hidden_filters": [(PARAMS[k], getattr(filters, k)) for k in PARAMS if getattr(filters, k)],
    }
    return render(request, "search/results.html", context)


@require_GET
def suggest(request):
    query = (request.GET.get("q") or "")[:200]
    suggestions = services.suggest(query)
    template = "search/_suggest.html" if getattr(request, "htmx", False) else "search/suggest_page.html"
    return render(request, template, {"query": query, "suggestions": suggestions})
