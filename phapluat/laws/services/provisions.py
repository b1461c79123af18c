"""Turning a version's text into its provision tree in the database."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from django.db import transaction

from ..models import DocumentVersion, Provision, ProvisionNote
from ..parsing.model import ARTICLE, CLAUSE, POINT, Note, ParsedNode, node_label

STRUCTURAL_KINDS = {"kem-theo", "phan", "chuong", "muc", "tieu-muc"}
BREADCRUMB_SEPARATOR = " › "


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _structural_label(node: ParsedNode) -> str:
    label = node_label(node.kind, node.number)
    return f"{label}. {node.heading}" if node.heading and node.kind != "phan" else label


def _flatten(nodes: Iterable[ParsedNode], version: DocumentVersion) -> list[tuple[Provision, int | None]]:
    """Depth-first rows with the index of each row's parent (None for top level)."""
    rows: list[tuple[Provision, int | None]] = []

    def visit(node: ParsedNode, parent_index: int | None, depth: int, trail: list[str]) -> None:
        provision = Provision(
            version=version, document_id=version.document_id, kind=node.kind, number=node.number[:20],
            heading=node.heading[:1000], text=node.text, anchor=node.anchor[:120], position=len(rows),
            depth=depth, breadcrumb=BREADCRUMB_SEPARATOR.join(trail)[:500],
        )
        rows.append((provision, parent_index))
        own_index = len(rows) - 1
        child_trail = trail + [_structural_label(node)] if node.kind in STRUCTURAL_KINDS else trail
        for child in node.children:
            visit(child, own_index, depth + 1, child_trail)

    for top in nodes:
        visit(top, None, 0, [])
    return rows


@transaction.atomic
def store_provisions(version: DocumentVersion, nodes: list[ParsedNode],
                     provision_dates: Iterable[tuple[str, date]] = (), document_notes: Iterable[Note] = ()) -> int:
    """Replace the version's provisions by `nodes`, with the dates on which some of them take effect apart
    from the document, and the footnotes of a consolidated text (`document_notes`: those on no provision).
    Returns the number of articles stored."""
    version.notes.all().delete()
    version.provisions.all().delete()
    rows = _flatten(nodes, version)
    own_dates = dict(provision_dates)
    for provision, _ in rows:
        provision.effective_date = own_dates.get(provision.anchor)
    # Insert level by level so that every parent has its primary key before its children.
    for depth in sorted({p.depth for p, _ in rows}):
        level = [(p, parent) for p, parent in rows if p.depth == depth]
        for provision, parent_index in level:
            if parent_index is not None:
                provision.parent_id = rows[parent_index][0].pk
        Provision.objects.bulk_create([p for p, _ in level], batch_size=1000)
    _store_notes(version, rows, nodes, document_notes)
    if version.parsed_hash != text_hash(version.body_text):
        version.parsed_hash = text_hash(version.body_text)
        version.save(update_fields=["parsed_hash"])
    return sum(1 for p, _ in rows if p.kind == ARTICLE)


def _store_notes(version: DocumentVersion, rows: list[tuple[Provision, int | None]], nodes: list[ParsedNode],
                 document_notes: Iterable[Note]) -> None:
    """The footnotes of each stored provision (rows are in the order of walk()), then the document's own."""
    placed = [(provision, note) for (provision, _), node in zip(rows, (n for top in nodes for n in top.walk()))
              for note in node.notes]
    placed += [(None, note) for note in document_notes]
    ProvisionNote.objects.bulk_create([
        ProvisionNote(version=version, provision=provision, number=note.number[:10], text=note.text, position=index)
        for index, (provision, note) in enumerate(placed)
    ], batch_size=1000)


def provision_tree(version: DocumentVersion) -> list[Provision]:
    """The version's provisions as a tree: top-level nodes with `.child_nodes` and their footnotes
    (`.note_list`) filled, in two queries."""
    nodes = list(version.provisions.order_by("position"))
    by_id = {node.pk: node for node in nodes}
    roots = []
    notes: dict[int, list[ProvisionNote]] = {}
    for note in version.notes.filter(provision__isnull=False):
        notes.setdefault(note.provision_id, []).append(note)
    for node in nodes:
        node.child_nodes = []
        node.note_list = notes.get(node.pk, [])
    for node in nodes:
        if node.parent_id is None:
            roots.append(node)
        else:
            by_id[node.parent_id].child_nodes.append(node)
    return roots


LEAF_KINDS = {ARTICLE, CLAUSE, POINT}
