"""Relations between documents read from their texts, and shown in both directions."""
from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Q

from ..models import Document, DocumentType, Relation, RelationType
from ..parsing.effect import THIS_DOCUMENT, EndedDocument
from ..parsing.model import Consolidation, ListedDocument

# The note of a consolidated text's relation to a document that amended the one it consolidates (the relation
# to that one has no note).
AMENDING_NOTE = "văn bản sửa đổi, bổ sung"
# A type named in the text ("Nghị quyết số 93/2015/QH13") attaches only to documents of these types.
COMPATIBLE_TYPES = {"luat": {"luat", "bo-luat"}, "bo-luat": {"bo-luat", "luat"}}


def _types_for(doc_type: str) -> set[str]:
    return COMPATIBLE_TYPES.get(doc_type, {doc_type}) if doc_type else set()


def find_by_number(number: str, doc_type: str = "") -> Document | None:
    if not number:
        return None
    documents = Document.objects.filter(number__iexact=number)
    if doc_type:
        documents = documents.filter(doc_type__in=_types_for(doc_type))
    return documents.first()


_THIS_DOCUMENT = re.compile(rf"\b(?:của\s+)?{THIS_DOCUMENT}")


def _exceptions_note(exceptions: str, document: Document) -> str:
    """'tại Điều 86 của Luật này' read from the other document's page: name this one."""
    if not exceptions:
        return ""
    named = _THIS_DOCUMENT.sub(f"của {document.display_name}", exceptions)
    return f"trừ trường hợp quy định {named}"[:500]


def _consolidated_relations(consolidation: Consolidation | None) -> list[dict]:
    """A consolidated text consolidates its base document and the amending ones, named by number so that each
    attaches when it is in the library."""
    if consolidation is None:
        return []
    listed = [(consolidation.base, "")] if consolidation.base else []
    listed += [(amending, AMENDING_NOTE) for amending in consolidation.amendments]
    return [{"relation_type": RelationType.CONSOLIDATES, "number": listed_document.number,
             "doc_type": _type_of(listed_document), "target_anchor": "", "source_anchor": "", "effective_date": None,
             "note": note} for listed_document, note in listed]


def _type_of(listed: ListedDocument) -> str:
    doc_type = DocumentType.from_label(listed.type_label)
    return "" if doc_type == DocumentType.OTHER else str(doc_type)


def _wanted_relations(document: Document, cited_numbers: list[str], ended: list[EndedDocument],
                      consolidation: Consolidation | None = None) -> list[dict]:
    wanted = _consolidated_relations(consolidation)
    own = (document.number or "").lower()
    for number in cited_numbers:
        if number and number.lower() != own:
            wanted.append({"relation_type": RelationType.BASED_ON, "number": number, "doc_type": "",
                           "target_anchor": "", "source_anchor": "", "effective_date": None, "note": ""})
    for item in ended:
        anchors = item.anchors or [""]
        for anchor in anchors:
            note = _exceptions_note(item.exceptions, document)
            wanted.append({"relation_type": RelationType.REPEALS if item.repealed else RelationType.REPLACES,
                           "number": item.number, "doc_type": item.doc_type, "target_anchor": anchor,
                           "source_anchor": item.source_anchor, "effective_date": item.on, "note": note})
    return wanted


@transaction.atomic
def link_from_text(*, document: Document, cited_numbers: list[str], ended: list[EndedDocument],
                   consolidation: Consolidation | None = None) -> None:
    """Relations stated in the text itself ('Căn cứ ... số X', the closing article's '... số Y hết hiệu lực', a
    consolidated text's '<document> ... được sửa đổi, bổ sung bởi: ...'), kept in step with the text: a re-import
    drops those the text no longer states. Relations an editor added are left alone."""
    kept: list[int] = []
    for spec in _wanted_relations(document, cited_numbers, ended, consolidation):
        target = find_by_number(spec["number"], spec["doc_type"])
        relation, _ = Relation.objects.update_or_create(
            source=document, relation_type=spec["relation_type"], target=target,
            target_number="" if target else spec["number"], source_anchor=spec["source_anchor"],
            target_anchor=spec["target_anchor"],
            defaults={"target_doc_type": spec["doc_type"], "effective_date": spec["effective_date"],
                      "note": spec["note"], "from_text": True},
        )
        kept.append(relation.pk)
    Relation.objects.filter(source=document, from_text=True).exclude(pk__in=kept).delete()
    attach_waiting_relations(document)


def attach_waiting_relations(document: Document) -> None:
    """Relations recorded before `document` arrived name it by number only: attach them now (when the type
    the text named, if any, fits)."""
    if not document.number:
        return
    waiting = Relation.objects.filter(target__isnull=True, target_number__iexact=document.number)
    fitting = Q(target_doc_type="") | Q(target_doc_type=document.doc_type)
    for doc_type, compatible in COMPATIBLE_TYPES.items():
        if document.doc_type in compatible:
            fitting |= Q(target_doc_type=doc_type)
    waiting.filter(fitting).update(target=document, target_number="")


def relations_of(document: Document) -> dict[str, list]:
    """Both directions, for display: outgoing ('Thay thế X') and incoming ('Bị thay thế bởi Y')."""
    outgoing = list(document.outgoing_relations.select_related("target").order_by("relation_type"))
    incoming = list(
        document.incoming_relations.filter(source__live=True).select_related("source").order_by("relation_type")
    )
    return {"outgoing": outgoing, "incoming": incoming}
