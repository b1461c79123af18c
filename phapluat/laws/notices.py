"""Legal-effect notices computed from dates and relations, never typed by hand."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .models import Document, EffectStatus, Relation
from .models.relation import ENDING_RELATIONS, RelationType
from .services.status import relation_date


@dataclass
class Notice:
    level: str        # "warning" (affects what is law today) or "info"
    text: str
    anchor: str = ""  # the provision it concerns, if any
    link: str = ""    # where to read the other document


def _fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _provision_label(document: Document, anchor: str) -> str:
    provision = document.provisions.filter(anchor=anchor).select_related("parent", "parent__parent").first()
    return provision.citation if provision else anchor


def _status_notices(document: Document, today: date) -> list[Notice]:
    status = document.current_status(today)
    if status == EffectStatus.NOT_YET and document.effective_date:
        return [Notice("warning", f"Văn bản chưa có hiệu lực; có hiệu lực từ ngày {_fmt(document.effective_date)}.")]
    if status == EffectStatus.EXPIRED:
        when = f" từ ngày {_fmt(document.expiry_date)}" if document.expiry_date else ""
        return [Notice("warning", f"Văn bản đã hết hiệu lực toàn bộ{when}.")]
    if status == EffectStatus.SUSPENDED:
        return [Notice("warning", "Văn bản đang bị ngưng hiệu lực.")]
    return []


def _incoming_notice(document: Document, relation: Relation, today: date) -> Notice:
    source = relation.source
    target = f"{_provision_label(document, relation.target_anchor)} " if relation.target_anchor else "Văn bản "
    when = relation_date(relation)
    verb = relation.inverse_label.lower()
    if when and when > today:
        text = f"{target}sẽ {verb} {source.display_name} từ ngày {_fmt(when)}."
    else:
        text = f"{target}{verb} {source.display_name}" + (f" từ ngày {_fmt(when)}." if when else ".")
    if relation.note:
        text = f"{text[:-1]} ({relation.note})."
    ending = relation.relation_type in ENDING_RELATIONS or relation.relation_type == RelationType.AMENDS
    return Notice("warning" if ending else "info", text, relation.target_anchor, source.get_absolute_url())


def document_notices(document: Document, today: date | None = None) -> list[Notice]:
    today = today or timezone.localdate()
    notices = _status_notices(document, today)
    incoming = (
        document.incoming_relations.filter(source__live=True)
        .exclude(relation_type__in=[RelationType.BASED_ON, RelationType.GUIDES])
        .select_related("source")
    )
    notices += [_incoming_notice(document, relation, today) for relation in incoming]
    return notices + _own_date_notices(document, today)


def _own_date_notices(document: Document, today: date) -> list[Notice]:
    """Provisions not yet in force on their own later date, as the closing article says (once in force they
    are law like the rest, and the notice would only crowd the page)."""
    pending = document.provisions.filter(version=document.latest_version(), effective_date__gt=today)
    return [Notice("warning", f"{p.citation} chưa có hiệu lực; có hiệu lực từ ngày {_fmt(p.effective_date)}.",
                   p.anchor) for p in pending.select_related("parent", "parent__parent").order_by("position")]
