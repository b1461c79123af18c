"""Relations between documents and the effect statuses they imply."""
from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Document, EffectStatus, Relation, RelationType
from ..models.document import CURRENT_STATUSES
from ..models.relation import ENDING_RELATIONS


def _find_by_number(number: str) -> Document | None:
    return Document.objects.filter(number__iexact=number).first() if number else None


def _ensure_relation(*, source: Document, relation_type: str, number: str) -> None:
    if not number or number.lower() == (source.number or "").lower():
        return
    target = _find_by_number(number)
    Relation.objects.get_or_create(
        source=source, relation_type=relation_type, target=target,
        target_number="" if target else number, source_anchor="", target_anchor="",
    )


@transaction.atomic
def link_from_text(*, document: Document, cited_numbers: list[str], replaced_numbers: list[str]) -> None:
    """Relations stated in the text itself: 'Căn cứ ... số X' and '... số Y hết hiệu lực'."""
    for number in cited_numbers:
        _ensure_relation(source=document, relation_type=RelationType.BASED_ON, number=number)
    for number in replaced_numbers:
        _ensure_relation(source=document, relation_type=RelationType.REPLACES, number=number)
    # Relations recorded before this document arrived name it by number only: attach them now.
    if document.number:
        Relation.objects.filter(target__isnull=True, target_number__iexact=document.number).update(
            target=document, target_number=""
        )


def _source_has_taken_effect(relation: Relation) -> bool:
    source = relation.source
    if not source.live or source.current_status() == EffectStatus.NOT_YET:
        return False
    since = relation.effective_date or source.effective_date or source.issue_date
    if since is None:  # no dates known: trust the status an editor or an official source gave
        return source.current_status() in (*CURRENT_STATUSES, EffectStatus.EXPIRED)
    return since <= timezone.localdate()


def _status_from_relations(document: Document) -> tuple[str, str] | None:
    """(status, note) implied by relations that end `document` or some of its provisions, if any."""
    ending = [
        r for r in document.incoming_relations.filter(relation_type__in=ENDING_RELATIONS).select_related("source")
        if _source_has_taken_effect(r)
    ]
    whole = [r for r in ending if not r.target_anchor]
    if whole:
        r = whole[0]
        return EffectStatus.EXPIRED, f"{r.inverse_label} {r.source.display_name}."
    if ending:
        return EffectStatus.PARTLY_EXPIRED, "Một số điều khoản đã bị bãi bỏ hoặc thay thế."
    return None


def _mark_provisions(document: Document) -> None:
    version = document.latest_version()
    if version is None:
        return
    ended_anchors = [
        r.target_anchor for r in document.incoming_relations.filter(relation_type__in=ENDING_RELATIONS)
        .exclude(target_anchor="").select_related("source") if _source_has_taken_effect(r)
    ]
    version.provisions.exclude(status="").update(status="")
    if ended_anchors:
        query = Q()
        for anchor in ended_anchors:
            query |= Q(anchor=anchor) | Q(anchor__startswith=f"{anchor}-")
        version.provisions.filter(query).update(status=EffectStatus.EXPIRED)


def refresh_status(document: Document) -> None:
    implied = _status_from_relations(document)
    if implied and (document.status, document.status_note) != implied:
        document.status, document.status_note = implied
        Document.objects.filter(pk=document.pk).update(status=document.status, status_note=document.status_note)
    _mark_provisions(document)


def refresh_statuses(document: Document) -> None:
    """Recompute the statuses of `document` and of every document its relations touch."""
    from ...search import indexing

    refresh_status(document)
    for target in Document.objects.filter(incoming_relations__source=document).distinct():
        refresh_status(target)
        indexing.index_document(target)


def relations_of(document: Document) -> dict[str, list]:
    """Both directions, for display: outgoing ('Thay thế X') and incoming ('Bị thay thế bởi Y')."""
    outgoing = list(document.outgoing_relations.select_related("target").order_by("relation_type"))
    incoming = list(
        document.incoming_relations.filter(source__live=True).select_related("source").order_by("relation_type")
    )
    return {"outgoing": outgoing, "incoming": incoming}
