"""Keeps the search index in step with the library.

`laws` services call `index_document` after every change of a document (inside their transaction) and
`remove_document` when one is deleted; `rebuild_index` (the `reindex` command) rebuilds everything.
Only published (live) documents and the provisions of their latest version are indexed.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone

from phapluat.laws.parsing.model import ATTACHMENT, CHAPTER, CLAUSE, PART, SECTION, citation_of, node_label

from .models import EntryKind, SearchEntry
from .text import fold, folded_words, number_key

ARTICLE = "dieu"
BATCH_SIZE = 500


@dataclass
class ProvisionRow:
    """The columns of a Provision that indexing reads (plain values, so the grouping is testable)."""

    id: int
    kind: str
    number: str
    heading: str
    text: str
    anchor: str
    breadcrumb: str
    status: str
    depth: int
    position: int


@dataclass
class ArticleText:
    provision: ProvisionRow
    body: str  # the article's own text followed by its clauses and points, in order


def _marker(row: ProvisionRow) -> str:
    if row.kind == "khoan":
        return f"{row.number}. "
    if row.kind == "diem":
        return f"{row.number}) "
    return ""


def group_articles(rows: Iterable[ProvisionRow]) -> Iterator[ArticleText]:
    """Articles with the text of everything under them (clauses are searched as part of their article).

    `rows` must be in document order (by position).
    """
    current: ProvisionRow | None = None
    parts: list[str] = []
    for row in rows:
        if current is not None and row.depth <= current.depth:
            yield ArticleText(current, "\n".join(p for p in parts if p))
            current, parts = None, []
        if row.kind == ARTICLE:
            current, parts = row, [row.text.strip()]
        elif current is not None:
            text = " ".join(x for x in (row.heading.strip(), row.text.strip()) if x)
            if text:
                parts.append(_marker(row) + text)
    if current is not None:
        yield ArticleText(current, "\n".join(p for p in parts if p))


@dataclass
class _Node:
    row: ProvisionRow
    children: list[_Node]


def _tree(rows: Iterable[ProvisionRow]) -> list[_Node]:
    """Rows in document order as a tree, from their depths."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    for row in rows:
        node = _Node(row, [])
        while stack and stack[-1].row.depth >= row.depth:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _subtree_text(nodes: list[_Node]) -> list[str]:
    """'1. ...', 'a) ...' lines of these nodes and everything under them, in order."""
    parts = []
    for node in nodes:
        text = " ".join(x for x in (node.row.heading.strip(), node.row.text.strip()) if x)
        if text:
            parts.append(_marker(node.row) + text)
        parts += _subtree_text(node.children)
    return parts


def _unit(node: _Node, children: list[_Node], chain: list[tuple[str, str]]) -> ArticleText:
    """A section or a clause of a plan, its citation ('Khoản 1 Mục III') standing for an article's number."""
    row = node.row
    cited = replace(row, number=citation_of(chain) or node_label(row.kind, row.number))
    return ArticleText(cited, "\n".join(p for p in [row.text.strip(), *_subtree_text(children)] if p))


def _section_units_of(nodes: list[_Node]) -> Iterator[ArticleText]:
    """The searchable units of a document without articles (laws/parsing/sections.py): each clause of a section,
    with its points, is a passage of the length of an article; a section without clauses is one whole, and a
    section's own text or points beside its clauses one more."""
    for node in nodes:
        yield from _section_units(node, [])


def _section_units(node: _Node, outer: list[tuple[str, str]]) -> Iterator[ArticleText]:
    chain = [(node.row.kind, node.row.number), *outer]
    if node.row.kind == CLAUSE:
        yield _unit(node, node.children, chain)
        return
    units = [child for child in node.children if child.row.kind in (CLAUSE, SECTION, CHAPTER, PART)]
    rest = [child for child in node.children if child not in units]
    if node.row.text.strip() or rest or not units:
        yield _unit(node, rest, chain)
    for child in units:
        yield from _section_units(child, chain)


def group_units(rows: list[ProvisionRow]) -> Iterator[ArticleText]:
    """What is searched, one entry each: the articles; in a document without any, its sections. A regulation or
    plan attached to a decision (laws/parsing/attachments.py) is searched the same way, on its own."""
    tree = _tree(rows)
    yield from _units_of([node for node in tree if node.row.kind != ATTACHMENT])
    for node in tree:
        if node.row.kind == ATTACHMENT:
            yield from _units_of(node.children)


def _units_of(nodes: list[_Node]) -> Iterator[ArticleText]:
    rows = list(_rows_of(nodes))
    if any(row.kind == ARTICLE for row in rows):
        return group_articles(rows)
    return _section_units_of(nodes)


def _rows_of(nodes: list[_Node]) -> Iterator[ProvisionRow]:
    for node in nodes:
        yield node.row
        yield from _rows_of(node.children)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def document_fields(document) -> dict:
    """The columns every entry of `document` shares (filters, facets, title)."""
    return {
        "document_id": document.pk,
        "number_key": number_key(document.number or ""),
        "doc_type": document.doc_type or "",
        "issuer": (document.issuer or "")[:200],
        "year": document.issue_date.year if document.issue_date else None,
        "fields": "|" + "|".join(sorted(f.slug for f in document.fields.all())) + "|" if document.pk else "",
        "title": _nfc(document.title),
        "fold_title": fold(document.title),
    }


def article_entry(common: dict, *, provision_id, number: str, anchor: str, position: int, breadcrumb: str,
                  status: str, heading: str, body: str) -> SearchEntry:
    heading, body = _nfc(heading), _nfc(body)
    fold_heading, fold_body = fold(heading), fold(body)
    length = sum(len(folded_words(x)) for x in (common["fold_title"], fold_heading, fold_body))
    return SearchEntry(
        kind=EntryKind.ARTICLE, provision_id=provision_id, number=number[:20], anchor=anchor[:120],
        position=position, breadcrumb=_nfc(breadcrumb)[:500], status=status, heading=heading, body=body,
        fold_heading=fold_heading, fold_body=fold_body, length=length, **common,
    )


def document_entry(common: dict, *, number: str, status: str, summary: str) -> SearchEntry:
    summary = _nfc(summary)
    return SearchEntry(
        kind=EntryKind.DOCUMENT, status=status, heading=_nfc(number), fold_heading=fold(number), body=summary,
        fold_body=fold(summary), length=len(folded_words(common["fold_title"])) + len(folded_words(summary)),
        **common,
    )


_ROW_FIELDS = ("id", "kind", "number", "heading", "text", "anchor", "breadcrumb", "status", "depth", "position")


def _rows_today(document, version) -> list[ProvisionRow]:
    """The provisions as they read today: amendments in force applied (laws/reading.py), so that search
    finds and shows the current wording; without amendments, straight from the table."""
    from ..laws.reading import read_on
    from ..laws.services.amendments import amendments_of
    from ..laws.services.provisions import provision_tree

    amendments = list(amendments_of(document))   # `version` is the latest: only it is indexed
    today = timezone.localdate()
    if not any(a.effective_date and a.effective_date <= today for a in amendments):
        return [ProvisionRow(**values) for values in version.provisions.order_by("position").values(*_ROW_FIELDS)]
    tree = provision_tree(version)
    read_on(tree, amendments, today)
    rows: list[ProvisionRow] = []

    def visit(node, depth: int, breadcrumb: str) -> None:
        if getattr(node, "repealed", False):
            return   # repealed: not searched as law today
        rows.append(ProvisionRow(id=node.pk, kind=node.kind, number=node.number, heading=node.heading or "",
                                 text=node.text or "", anchor=node.anchor, breadcrumb=node.breadcrumb or breadcrumb,
                                 status=node.status or "", depth=depth, position=len(rows)))
        for child in node.child_nodes:
            visit(child, depth + 1, node.breadcrumb or breadcrumb)

    for top in tree:
        visit(top, 0, "")
    return rows


def _entries_for(document) -> list[SearchEntry]:
    status = document.current_status()
    common = document_fields(document)
    entries = [document_entry(common, number=document.number or "", status=status,
                              summary=getattr(document, "summary", "") or "")]
    version = document.latest_version()
    if version is None:
        return entries
    for article in group_units(_rows_today(document, version)):
        p = article.provision
        entries.append(article_entry(
            common, provision_id=p.id, number=p.number, anchor=p.anchor, position=p.position,
            breadcrumb=p.breadcrumb, status=p.status or status, heading=p.heading, body=article.body,
        ))
    return entries


@transaction.atomic
def index_document(document) -> int:
    """(Re)index one document and its current articles. Returns the number of rows written."""
    from .backends import get_backend

    backend = get_backend()
    backend.forget_document(document.pk)
    SearchEntry.objects.filter(document_id=document.pk).delete()
    if not getattr(document, "live", True):
        return 0
    entries = _entries_for(document)
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    backend.count_document(document.pk)
    return len(entries)


@transaction.atomic
def remove_document(document_id: int) -> None:
    from .backends import get_backend

    get_backend().forget_document(document_id)
    SearchEntry.objects.filter(document_id=document_id).delete()


def rebuild_index(*, progress: bool = False) -> int:
    """Rebuild the whole index from the library. Returns the number of rows written."""
    from phapluat.laws.models import Document

    from .backends import get_backend

    total = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        documents = Document.objects.filter(live=True).prefetch_related("fields").order_by("pk")
        iterator = documents.iterator(chunk_size=100)
        if progress:
            from tqdm import tqdm

            iterator = tqdm(iterator, total=documents.count(), desc="Lập chỉ mục", unit=" văn bản")
        for document in iterator:
            SearchEntry.objects.bulk_create(_entries_for(document), batch_size=BATCH_SIZE)
            total += 1
        get_backend().recount()
    get_backend().optimize()
    return SearchEntry.objects.count()
