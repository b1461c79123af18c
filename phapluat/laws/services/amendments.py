"""Provision-level amendments: kept in step with the amending document's text, attached to the amended
document when it is (or later comes) into the library."""
from __future__ import annotations

from datetime import date

from django.db import transaction

from ...core.text import strip_diacritics
from ..models import Amendment, AmendmentState, Document
from ..parsing.changes import Changes, DocumentRef
from ..selectors import document_by_number


def _folded(text: str) -> str:
    return " ".join(strip_diacritics(text or "").lower().replace("đ", "d").split())


def find_target(ref: DocumentRef, *, before: date | None = None) -> Document | None:
    """The amended document: by number; with only a name ("Luật Thuế giá trị gia tăng"), the latest document
    of that exact name issued before the amending one."""
    if ref.number:
        return document_by_number(ref.number, title=ref.title.split(" ", 1)[-1] if ref.title else "")
    if not ref.title:
        return None
    wanted = _folded(ref.title)
    candidates = [d for d in Document.objects.filter(title__iexact=ref.title).order_by("-issue_date")
                  if _folded(d.title) == wanted and (before is None or d.issue_date is None or d.issue_date <= before)]
    return candidates[0] if candidates else None


def _takes_effect(source_anchor: str, provision_dates: list[tuple[str, date]], document_date: date | None
                  ) -> date | None:
    """The day the amending provision takes effect: its own date if the closing article gives one to it or to
    a provision containing it, else the amending document's."""
    dated = [(anchor, day) for anchor, day in provision_dates
             if source_anchor == anchor or source_anchor.startswith(anchor + "-")]
    return max(dated, key=lambda item: len(item[0]))[1] if dated else document_date


_KEY_FIELDS = ("source_anchor", "instruction", "target_number", "target_title", "target_anchor", "after_anchor",
               "kind", "new_text", "old_words", "new_words", "effective_date", "state", "problem", "position")


def _wanted(document: Document, found: Changes, provision_dates: list[tuple[str, date]]) -> list[dict]:
    wanted = []
    for change in found.changes:
        wanted.append({
            "source_anchor": change.source_anchor, "instruction": change.instruction[:5000],
            "target_number": change.target.number, "target_title": change.target.title[:300],
            "target_anchor": change.target_anchor, "after_anchor": change.after_anchor, "kind": change.kind,
            "new_text": change.new_text, "old_words": change.old_words[:1000], "new_words": change.new_words[:1000],
            "state": AmendmentState.APPLIED, "problem": ""})
    for unread in found.unread:
        wanted.append({
            "source_anchor": unread.source_anchor, "instruction": unread.instruction[:5000], "target_number": "",
            "target_title": "", "target_anchor": "", "after_anchor": "", "kind": "", "new_text": "", "old_words": "",
            "new_words": "", "state": AmendmentState.NEEDS_EDITOR, "problem": unread.reason[:300]})
    for position, row in enumerate(wanted):
        row["position"] = position
        row["effective_date"] = _takes_effect(row["source_anchor"], provision_dates, document.effective_date)
    return wanted


@transaction.atomic
def sync_amendments(*, document: Document, found: Changes, provision_dates: list[tuple[str, date]]) -> None:
    """Keep the amendments read from `document`'s text in step with `found`: a re-import of the same text
    writes nothing; those an editor entered or corrected (from_text=False) stay as they are."""
    wanted = _wanted(document, found, provision_dates)
    stored = {tuple(getattr(a, f) for f in _KEY_FIELDS): a for a in document.amendments_made.filter(from_text=True)}
    # A parsed change an editor corrected or dismissed is theirs now: it is not read in again beside it.
    decided = set(document.amendments_made.filter(from_text=False).values_list("source_anchor", "instruction",
                                                                                "target_anchor"))
    keep = {tuple(row[f] for f in _KEY_FIELDS) for row in wanted}
    stale = [a.pk for key, a in stored.items() if key not in keep]
    stale_targets = [a.target_id for key, a in stored.items() if key not in keep]
    if stale:
        Amendment.objects.filter(pk__in=stale).delete()
    targets: dict[tuple[str, str], Document | None] = {}
    new_rows = []
    for row in wanted:
        if tuple(row[f] for f in _KEY_FIELDS) in stored or (
                row["source_anchor"], row["instruction"], row["target_anchor"]) in decided:
            continue
        ref = DocumentRef(number=row["target_number"], title=row["target_title"])
        if (ref.number, ref.title) not in targets:
            targets[(ref.number, ref.title)] = find_target(ref, before=document.issue_date) if ref else None
        new_rows.append(Amendment(source=document, target=targets[(ref.number, ref.title)], **row))
    Amendment.objects.bulk_create(new_rows)
    _reindex_targets({a.target_id for a in new_rows} | set(stale_targets))


def _reindex_targets(target_ids: set) -> None:
    """Search shows today's wording: the documents whose amendments changed are indexed again."""
    from ...search import indexing

    for target in Document.objects.filter(pk__in={t for t in target_ids if t}):
        indexing.index_document(target)


def attach_waiting_amendments(document: Document) -> int:
    """Amendments that name `document` (by number, or by its exact name) and were waiting for it. The caller
    indexes `document` afterwards (status.refresh_statuses does)."""
    attached = 0
    if document.number:
        attached += Amendment.objects.filter(target=None, target_number__iexact=document.number).update(target=document)
    waiting_by_name = Amendment.objects.filter(target=None, target_number="").exclude(target_title="")
    wanted = _folded(document.title)
    for amendment in waiting_by_name.select_related("source"):
        if _folded(amendment.target_title) == wanted and (
                not amendment.source.issue_date or not document.issue_date
                or document.issue_date <= amendment.source.issue_date):
            amendment.target = document
            amendment.save(update_fields=["target"])
            attached += 1
    return attached


def amendments_of(document: Document):
    """What other documents change in `document`, for its reading; in the order they take effect."""
    return (document.amendments_received.filter(state=AmendmentState.APPLIED, source__live=True)
            .select_related("source").order_by("effective_date", "source__issue_date", "position"))


def amendments_for_editors():
    """Instructions the parser could not read with certainty: an editor applies or dismisses each."""
    return (Amendment.objects.filter(state=AmendmentState.NEEDS_EDITOR)
            .select_related("source", "target").order_by("-source__issue_date", "position"))


def applied_by_document(document_ids, day: date) -> dict[int, list[Amendment]]:
    """Applied amendments in force on `day`, and those to come, of each of `document_ids`, in reading order."""
    grouped: dict[int, list[Amendment]] = {}
    rows = (Amendment.objects.filter(target_id__in=set(document_ids), state=AmendmentState.APPLIED, source__live=True)
            .select_related("source").order_by("effective_date", "source__issue_date", "position"))
    for amendment in rows:
        grouped.setdefault(amendment.target_id, []).append(amendment)
    return grouped


def amendments_state(document: Document, day: date) -> str:
    """What the rendered page depends on, in two aggregate queries: the amendments received and made (how many,
    last edited) and how many are in force on `day` (for a fixed set that fixes which)."""
    from django.db.models import Count, Max, Q

    received = amendments_of(document).aggregate(
        n=Count("id"), latest=Max("updated_at"), in_force=Count("id", filter=Q(effective_date__lte=day)))
    made = document.amendments_made.aggregate(n=Count("id"), latest=Max("updated_at"))
    return (f"{received['n']}.{received['latest'] and received['latest'].timestamp()}.{received['in_force']}:"
            f"{made['n']}.{made['latest'] and made['latest'].timestamp()}")
