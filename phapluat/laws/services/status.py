"""The effect status of a document and where it comes from.

A status is, in order of precedence:
- **verified by an editor** (a StatusRecord with who, when and a source) — unless a document in the library
  ended the document after that check;
- **derived** from a document in the library: a replacing or repealing document whose closing article
  names it, once that article is in effect (the earliest one wins when several do);
- **verified** from an official record (a StatusRecord of kind OFFICIAL, e.g. the census, with its date) —
  never against a derived ending, since the replacing law's own text is the primary source;
- **unverified**: only the text's own effective date is known. Such a document is never shown as in force.

`refresh_status` stores the result on the document (status, source, dates) so lists and the index can
filter on it; `Document.current_status` moves it along as dates pass.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from ..models import Document, EffectStatus, Relation, StatusRecord, StatusSource
from ..models.relation import ENDING_RELATIONS

UNVERIFIED_NOTE = "Chỉ biết ngày có hiệu lực ghi trong chính văn bản; chưa đối chiếu với nguồn chính thức."
MISSING_REPLACEMENT = "văn bản thay thế chưa có trong thư viện"
VERIFIABLE_STATUSES = (EffectStatus.IN_FORCE, EffectStatus.PARTLY_EXPIRED, EffectStatus.EXPIRED,
                       EffectStatus.NOT_YET, EffectStatus.SUSPENDED)


@dataclass
class StatusFinding:
    status: str
    source: str
    note: str = ""
    source_date: date | None = None
    source_url: str = ""
    source_by: str = ""
    source_document: Document | None = None
    source_anchor: str = ""
    replaced_by_number: str = ""
    expiry_date: date | None = None


def _fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def relation_date(relation: Relation) -> date | None:
    """When an ending relation takes effect: its own date, else its source's."""
    source = relation.source
    return relation.effective_date or source.effective_date or source.issue_date


def _endings(document: Document, *, whole: bool) -> list[tuple[date, Relation]]:
    relations = document.incoming_relations.filter(relation_type__in=ENDING_RELATIONS, source__live=True)
    relations = relations.filter(target_anchor="") if whole else relations.exclude(target_anchor="")
    dated = []
    for relation in relations.select_related("source"):
        when = relation_date(relation)
        if when is None and relation.source.is_current_law():
            when = date.min  # no date known, but its source is verified law today: it has taken effect
        if when is not None:
            dated.append((when, relation))
    return sorted(dated, key=lambda pair: (pair[0], pair[1].pk))


def _derived_ending(document: Document, when: date, relation: Relation) -> StatusFinding:
    source = relation.source
    known = when if when > date.min else None  # date.min: in effect, on a day no text gives
    note = f"{relation.inverse_label} {source.display_name}" + (f" từ ngày {_fmt(known)}" if known else "")
    if relation.note:
        note += f" ({relation.note})"
    return StatusFinding(
        status=EffectStatus.EXPIRED, source=StatusSource.DERIVED, note=note + ".", source_date=known,
        source_document=source, source_anchor=relation.source_anchor, expiry_date=known,
    )


def _from_record(record: StatusRecord, source: str, today: date) -> StatusFinding:
    status = record.status
    if status == EffectStatus.NOT_YET and record.effective_date and record.effective_date <= today:
        status = EffectStatus.IN_FORCE
    note = f"Theo {record.source_label}" + (f" ({_fmt(record.checked_on)})" if source == StatusSource.OFFICIAL else "")
    if source == StatusSource.EDITOR:
        note = f"Đã xác minh ngày {_fmt(record.checked_on)} bởi {record.checked_by_name}; nguồn: {record.source_label}"
    if record.note:
        note += f". {record.note}"
    if record.replaced_by_number:
        note += f". Bị thay thế bởi văn bản số {record.replaced_by_number}"
        if not replacement_in_library(record.replaced_by_number):
            note += f" ({MISSING_REPLACEMENT})"
    return StatusFinding(
        status=status, source=source, note=note.rstrip(".") + ".", source_date=record.checked_on,
        source_url=record.source_url, source_by=record.checked_by_name, replaced_by_number=record.replaced_by_number,
        expiry_date=record.expiry_date if status == EffectStatus.EXPIRED else None,
    )


def replacement_in_library(number: str) -> bool:
    return Document.objects.filter(number__iexact=number, live=True).exists()


def _unverified(document: Document, today: date) -> StatusFinding:
    if document.effective_date and document.effective_date > today:
        return StatusFinding(status=EffectStatus.NOT_YET, source=StatusSource.UNVERIFIED, note=UNVERIFIED_NOTE)
    return StatusFinding(status=EffectStatus.UNVERIFIED, source=StatusSource.UNVERIFIED, note=UNVERIFIED_NOTE)


def compute_status(document: Document, today: date | None = None) -> StatusFinding:
    today = today or timezone.localdate()
    endings = _endings(document, whole=True)
    first_ending = endings[0] if endings else None
    editor = document.status_records.filter(kind=StatusRecord.Kind.EDITOR).order_by("-checked_on", "-id").first()
    official = document.status_records.filter(kind=StatusRecord.Kind.OFFICIAL).order_by("-checked_on", "-id").first()
    ended_after_check = first_ending and editor and first_ending[0] > editor.checked_on
    if editor and not ended_after_check:
        finding = _from_record(editor, StatusSource.EDITOR, today)
    elif first_ending and first_ending[0] <= today:
        finding = _derived_ending(document, *first_ending)
    elif official:
        finding = _from_record(official, StatusSource.OFFICIAL, today)
    else:
        finding = _unverified(document, today)
    if first_ending and first_ending[0] > today and finding.status != EffectStatus.EXPIRED:
        finding.expiry_date = first_ending[0]  # a replacement already adopted: the status turns that day
    if finding.status == EffectStatus.IN_FORCE and any(when <= today for when, _ in _endings(document, whole=False)):
        finding.status = EffectStatus.PARTLY_EXPIRED
        finding.note = f"{finding.note} Một số điều khoản đã bị bãi bỏ hoặc thay thế."
    return finding


def _stored_values(finding: StatusFinding) -> dict:
    """The document fields a finding sets. An expiry date is only ever added: one typed in the document's own
    data stays when no source gives one."""
    values = {
        "status": finding.status, "status_note": finding.note[:300], "status_source": finding.source,
        "status_source_date": finding.source_date, "status_source_url": finding.source_url[:500],
        "status_source_by": finding.source_by[:200], "status_source_document": finding.source_document,
        "status_source_anchor": finding.source_anchor[:120], "replaced_by_number": finding.replaced_by_number[:80],
    }
    if finding.expiry_date:
        values["expiry_date"] = finding.expiry_date
    return values


def _mark_provisions(document: Document, today: date) -> None:
    version = document.latest_version()
    if version is None:
        return
    ended = [r.target_anchor for when, r in _endings(document, whole=False) if when <= today]
    version.provisions.exclude(status="").update(status="")
    if ended:
        query = Q()
        for anchor in ended:
            query |= Q(anchor=anchor) | Q(anchor__startswith=f"{anchor}-")
        version.provisions.filter(query).update(status=EffectStatus.EXPIRED)


def refresh_status(document: Document, today: date | None = None) -> bool:
    """Recompute and store the status of `document`. Returns whether anything shown changed."""
    today = today or timezone.localdate()
    values = _stored_values(compute_status(document, today))
    changed = any(getattr(document, key) != value for key, value in values.items())
    if changed:
        for key, value in values.items():
            setattr(document, key, value)
        # updated_at moves too: rendered pages are cached under it.
        Document.objects.filter(pk=document.pk).update(updated_at=timezone.now(), **values)
    _mark_provisions(document, today)
    return changed


def refresh_statuses(document: Document) -> list[Document]:
    """Recompute `document` and every document its relations touch, and reindex them all (search reads the
    status from its index). Returns the other documents touched."""
    from django.core.cache import cache

    from ...search import indexing
    from ..status_view import COMPLETE_UNTIL_CACHE

    cache.delete(COMPLETE_UNTIL_CACHE)  # the library's newest document may have changed
    touched = list(Document.objects.filter(incoming_relations__source=document).distinct())
    for changed in (document, *touched):
        refresh_status(changed)
        indexing.index_document(changed)
    return touched


def library_complete_until() -> date | None:
    """The newest issue date of a published normative document: the library is complete up to it at best."""
    return Document.objects.filter(live=True, is_normative=True).aggregate(day=Max("issue_date"))["day"]


class StatusVerificationError(ValueError):
    """An editor's verification that cannot be stored. The message is Vietnamese, for the editor."""


def _check_verification(*, status: str, checked_on: date | None, source_label: str, source_url: str,
                        expiry_date: date | None, today: date) -> None:
    if status not in VERIFIABLE_STATUSES:
        raise StatusVerificationError("Hãy chọn một tình trạng hiệu lực cụ thể (còn hiệu lực, hết hiệu lực …).")
    if not (source_label.strip() or source_url.strip()):
        raise StatusVerificationError(
            "Cần ghi nguồn xác minh: văn bản, cơ sở dữ liệu quốc gia hoặc đường liên kết đã đối chiếu.")
    if source_url and not source_url.startswith(("https://", "http://")):
        raise StatusVerificationError("Liên kết nguồn phải bắt đầu bằng https:// hoặc http://.")
    if checked_on is None or checked_on > today:
        raise StatusVerificationError("Ngày xác minh phải là hôm nay hoặc một ngày đã qua, không được ở tương lai.")
    if status == EffectStatus.EXPIRED and expiry_date and expiry_date > today:
        raise StatusVerificationError(
            "Ngày hết hiệu lực ở tương lai: văn bản vẫn còn hiệu lực đến ngày đó. Hãy chọn “Còn hiệu lực”.")


@transaction.atomic
def verify_status(*, document: Document, status: str, source_label: str, source_url: str = "", note: str = "",
                  checked_on: date | None = None, expiry_date: date | None = None, replaced_by_number: str = "",
                  user=None, checked_by_name: str = "") -> StatusRecord:
    """An editor's check of a document's status, with its source. Recomputes and reindexes at once."""
    from wagtail.log_actions import log

    today = timezone.localdate()
    checked_on = checked_on or today
    _check_verification(status=status, checked_on=checked_on, source_label=source_label, source_url=source_url,
                        expiry_date=expiry_date, today=today)
    name = checked_by_name or (user.get_full_name() or user.get_username() if user else "")
    record = StatusRecord.objects.create(
        document=document, kind=StatusRecord.Kind.EDITOR, status=status, expiry_date=expiry_date,
        replaced_by_number=replaced_by_number.strip()[:80], source_label=(source_label or source_url).strip()[:300],
        source_url=source_url.strip()[:500], note=note.strip(), checked_on=checked_on,
        checked_by=user if user and user.is_authenticated else None, checked_by_name=name[:200],
    )
    refresh_statuses(document)
    log(document, "wagtail.edit", user=user if user and user.is_authenticated else None,
        data={"status_verified": status, "source": record.source_label, "checked_on": checked_on.isoformat()})
    return record


def record_official_status(*, document: Document, status: str, source_label: str, checked_on: date,
                           effective_date: date | None = None, source_url: str = "",
                           note: str = "") -> bool:
    """An official list's statement about `document` (idempotent per list). Returns whether it changed."""
    values = {"status": status, "checked_on": checked_on, "effective_date": effective_date,
              "source_url": source_url[:500], "note": note, "checked_by_name": source_label[:200]}
    record = StatusRecord.objects.filter(document=document, kind=StatusRecord.Kind.OFFICIAL,
                                         source_label=source_label[:300]).first()
    if record is not None and all(getattr(record, key) == value for key, value in values.items()):
        return False
    StatusRecord.objects.update_or_create(document=document, kind=StatusRecord.Kind.OFFICIAL,
                                          source_label=source_label[:300], defaults=values)
    return True


