"""Writes to the library: creating, updating and publishing documents. Keyword-only, audited."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from wagtail.log_actions import log

from ...core.text import vn_slugify
from ..models import Document, DocumentType, DocumentVersion, EffectStatus, Scope
from ..models.document import NON_NORMATIVE_TYPES
from ..parsing import effect
from ..parsing.changes import Changes, read_changes
from ..parsing.effect import EffectClauses, EndedDocument
from ..parsing.model import Consolidation, Note, ParsedDocument, ParsedNode
from . import amendments, relations, status
from .fields import assign_fields_if_missing
from .provisions import store_provisions, text_hash


class DocumentConflict(ValueError):
    """The incoming document clashes with one already stored (e.g. the same number). Vietnamese message."""


@dataclass
class DocumentData:
    """Everything the library stores about one document, whatever the source."""

    source_key: str
    title: str
    number: str = ""
    doc_type: str = DocumentType.OTHER
    issuer: str = ""
    signer: str = ""
    issue_date: date | None = None
    effective_date: date | None = None
    expiry_date: date | None = None
    status: str | None = None          # None: keep what is stored
    status_note: str = ""
    status_derived: bool = False       # a guess from the text: never overrides a status already known
    body_text: str = ""
    nodes: list[ParsedNode] = field(default_factory=list)
    cited_numbers: list[str] = field(default_factory=list)
    ended: list[EndedDocument] = field(default_factory=list)    # what the closing article ends
    replaced_numbers: list[str] = field(default_factory=list)  # shorthand: whole documents ended
    provision_dates: list[tuple[str, date]] = field(default_factory=list)  # provisions in effect on their own date
    warnings: list[str] = field(default_factory=list)   # the parser's, for the person who uploaded
    original: tuple[str, bytes] | None = None   # (file name, bytes) as received: downloadable as is
    # Fields the text left blank for the signature and that could not be read from it ("số hiệu", "ngày
    # ban hành"): the document is kept as a draft for an editor, and a re-import never erases them.
    unfilled: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)   # what it amends in other documents, provision by provision
    consolidation: Consolidation | None = None  # a văn bản hợp nhất: what it consolidates, its own footnotes

    def all_ended(self) -> list[EndedDocument]:
        known = {e.number for e in self.ended if not e.anchors}
        return self.ended + [EndedDocument(number=n) for n in self.replaced_numbers if n not in known]

    @property
    def document_notes(self) -> list[Note]:
        return self.consolidation.notes if self.consolidation else []

    @property
    def article_count(self) -> int:
        return sum(1 for top in self.nodes for node in top.walk() if node.kind == "dieu")

    @classmethod
    def from_file(cls, payload: bytes, *, name: str, source_key: str) -> "DocumentData":
        """A file as received: its text, and for a signed PDF the number and date its signature carries."""
        from django.conf import settings

        from ..parsing.readers import is_pdf, read_bytes
        from ..parsing.signatures import signature_values

        text = read_bytes(payload, name=name, max_bytes=settings.PHAPLUAT_MAX_IMPORT_BYTES)
        data = cls.from_text(text, source_key=source_key,
                             signature=signature_values(payload) if is_pdf(payload) else None)
        data.original = (name, payload)
        return data

    @classmethod
    def from_text(cls, text: str, *, source_key: str, signature=None) -> "DocumentData":
        """Parse `text`; what the closing article says about effect gives a first, derived status. A
        `signature` (parsing.signatures.SignatureValues) fills the number and date left blank for it."""
        from ..parsing import signatures
        from ..parsing.text import parse_text

        parsed = parse_text(text)
        notes = signatures.fill_blanks(parsed, signature) if signature else []
        blanks = signatures.unfilled_warning(parsed)
        clauses = own_effect(parsed)
        found = read_changes(parsed) if parsed.consolidation is None else Changes()
        takes_effect = clauses.effective_date
        status, note = effect.status_from_dates(takes_effect)
        return cls(
            source_key=source_key, title=parsed.title or parsed.number or source_key, number=parsed.number,
            doc_type=DocumentType.from_label(parsed.doc_type), issuer=parsed.issuer, signer=parsed.signer,
            issue_date=parsed.issue_date, effective_date=takes_effect, status=status, status_note=note,
            status_derived=True, body_text=text, nodes=parsed.body, cited_numbers=list(parsed.cited_numbers),
            ended=clauses.ended, provision_dates=clauses.provision_dates,
            warnings=[*parsed.warnings, *notes, *filter(None, [blanks])], unfilled=signatures.unfilled(parsed),
            changes=found, consolidation=parsed.consolidation,
        )

    def document_fields(self) -> dict:
        """The Document fields this data sets (dates only when known, so none is erased; a local scope only
        when the issuer is a local authority, so an editor's choice is not undone by a re-import)."""
        fields = {
            "number": self.number, "doc_type": self.doc_type, "title": self.title[:500],
            "issuer": self.issuer[:200], "signer": self.signer[:120], "issue_date": self.issue_date,
            "is_normative": self.doc_type not in NON_NORMATIVE_TYPES,
        }
        for optional in ("effective_date", "expiry_date"):
            if getattr(self, optional):
                fields[optional] = getattr(self, optional)
        for blank, name in (("số hiệu", "number"), ("ngày ban hành", "issue_date")):
            if blank in self.unfilled:
                del fields[name]   # the editor's value, entered from the signed original, stays
        local = scope_from_issuer(self.issuer)
        if local != Scope.NATIONAL:
            fields["scope"] = local
        return fields


_LOCAL_AUTHORITY = ("hoi dong nhan dan", "uy ban nhan dan", "hdnd", "ubnd")
_COMMUNE_LEVEL = ("xa ", "phuong ", "thi tran ")


def scope_from_issuer(issuer: str) -> str:
    """A People's Council or People's Committee issues for its own locality: the province or city ("HĐND
    THÀNH PHỐ HUẾ", "UBND TỈNH …") or a commune or ward ("UBND PHƯỜNG THUẬN HÓA"); everything else is national."""
    from ...core.text import strip_diacritics

    folded = " ".join(strip_diacritics(issuer or "").lower().replace("đ", "d").split())
    authority = next((a for a in _LOCAL_AUTHORITY if a in folded), None)
    if authority is None:
        return Scope.NATIONAL
    place = folded.split(authority, 1)[1].strip() + " "
    return Scope.COMMUNE if place.startswith(_COMMUNE_LEVEL) else Scope.PROVINCE


def document_slug(*, doc_type: str, number: str, title: str, issue_date: date | None, exclude_pk=None) -> str:
    type_slug = str(doc_type) if doc_type != DocumentType.OTHER else "van-ban"
    if number:
        base = vn_slugify(f"{type_slug} {number}")
    else:
        base = vn_slugify(f"{title} {issue_date.year if issue_date else ''}")
    slug, suffix = base or "van-ban", 2
    while Document.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _check_number_is_free(number: str, source_key: str) -> None:
    if not number:
        return
    holder = Document.objects.filter(number__iexact=number).exclude(source_key=source_key).first()
    if holder:
        raise DocumentConflict(
            f"Số ký hiệu {number} đã thuộc văn bản khác trong thư viện: “{holder.title}” "
            f"(nguồn {holder.source_key or 'nhập tay'}). Không ghi đè; hãy kiểm tra lại số ký hiệu."
        )


class Outcome:
    CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _describe(title: str, issuer: str, issued: date | None) -> str:
    details = ", ".join(filter(None, [issuer, issued.strftime("%d/%m/%Y") if issued else ""]))
    return f"“{title}”" + (f" ({details})" if details else "")


def _check_same_document(stored: Document, data: DocumentData) -> None:
    """The stored document with `data`'s number must be the same document: same issuer and date where both
    are known, and the same title when it comes from another file (the same file may correct its title).
    Otherwise nothing is written and both are named."""
    from ...core.text import strip_diacritics

    def same(a: str, b: str) -> bool:
        return " ".join(strip_diacritics(a).lower().split()) == " ".join(strip_diacritics(b).lower().split())

    differs = []
    if stored.issuer and data.issuer and not same(stored.issuer, data.issuer):
        differs.append("cơ quan ban hành")
    if stored.issue_date and data.issue_date and stored.issue_date != data.issue_date:
        differs.append("ngày ban hành")
    if stored.source_key != data.source_key and not same(stored.title, data.title):
        differs.append("tên văn bản")
    if differs:
        raise DocumentConflict(
            f"Số ký hiệu {data.number} đã thuộc văn bản khác trong thư viện: "
            f"{_describe(stored.title, stored.issuer, stored.issue_date)}, nguồn {stored.source_key or 'nhập tay'}; "
            f"tệp mới là {_describe(data.title, data.issuer, data.issue_date)} — khác {', '.join(differs)}. "
            "Không ghi đè; hãy kiểm tra lại số ký hiệu.")


def _stored_document(data: DocumentData) -> Document | None:
    """The document `data` is, by its identity: its number (checked against issuer and date), or without a
    number its text, or the same numberless title from the same source. A file name alone is never one."""
    if data.number:
        stored = Document.objects.filter(number__iexact=data.number).first()
        if stored is not None:
            _check_same_document(stored, data)
            return stored
        # The draft of the same text whose number was left blank for the signature: this file completes it.
        return Document.objects.filter(number="", versions__parsed_hash=text_hash(data.body_text)).first()
    # Without a number: the same text (an editor may since have entered the number a signature left blank).
    by_text = Document.objects.filter(versions__parsed_hash=text_hash(data.body_text)).first()
    if by_text is not None:
        return by_text
    return Document.objects.filter(number="", source_key=data.source_key, title=data.title[:500]).first()


@transaction.atomic
def document_upsert(*, data: DocumentData, user=None, publish: bool = True) -> tuple[Document, str]:
    """Create or update the document `data` is (see `_stored_document`). Returns (document, Outcome).

    Idempotent: the same data twice changes nothing the second time. Two different files with the same
    name are two documents; a file claiming a stored document's number with another issuer or date is refused.
    """
    document = _stored_document(data)
    created = document is None
    if created:
        document = Document(source_key=data.source_key, live=publish and not data.unfilled)
    elif publish and not document.live and not data.unfilled and (not document.number or not document.issue_date):
        document.live = True   # a draft held for its blank number or date, completed by this file
    metadata = data.document_fields()
    if data.status and (created or not data.status_derived or document.status == EffectStatus.UNKNOWN):
        metadata["status"] = data.status
        metadata["status_note"] = data.status_note[:300]
    changed = created or any(getattr(document, k) != v for k, v in metadata.items())
    for key, value in metadata.items():
        setattr(document, key, value)
    if created or not document.slug:
        document.slug = document_slug(
            doc_type=data.doc_type, number=data.number, title=data.title, issue_date=data.issue_date,
            exclude_pk=document.pk,
        )
    if changed:
        document.save()
    version = document.versions.order_by("-version_date", "-id").first()
    if version is None or version.parsed_hash != text_hash(data.body_text):
        if version is None:
            version = DocumentVersion(document=document, version_date=data.issue_date, label="Văn bản gốc")
        version.body_text = data.body_text
        _keep_original(version, data.original)
        version.save()
        store_provisions(version, data.nodes, provision_dates=data.provision_dates,
                         document_notes=data.document_notes)
        changed = True
    elif data.original and not version.source_file:
        _keep_original(version, data.original)
        version.save(update_fields=["source_file"])
    relations.link_from_text(document=document, cited_numbers=data.cited_numbers, ended=data.all_ended(),
                             consolidation=data.consolidation)
    amendments.sync_amendments(document=document, found=data.changes, provision_dates=data.provision_dates)
    if changed:
        log(document, "wagtail.create" if created else "wagtail.edit", user=user,
            data={"source": data.source_key})
        _after_document_change(document)
    if created:
        return document, Outcome.CREATED
    return document, Outcome.UPDATED if changed else Outcome.UNCHANGED


def own_effect(parsed: ParsedDocument) -> EffectClauses:
    """What a text says of its own effect. A consolidated text says nothing: it has no legal force of its own,
    and the closing articles it reproduces are those of the documents it consolidates."""
    if parsed.consolidation is not None:
        return EffectClauses()
    return effect.read_effect(parsed)


def _keep_original(version: DocumentVersion, original: tuple[str, bytes] | None) -> None:
    """The file as received (a signed PDF keeps its signature), served by the download as an attachment."""
    from django.core.files.base import ContentFile

    if original:
        name, payload = original
        version.source_file.save(name, ContentFile(payload), save=False)


def _after_document_change(document: Document) -> None:
    assign_fields_if_missing(document)
    amendments.attach_waiting_amendments(document)
    status.refresh_statuses(document)


@transaction.atomic
def document_reparse_versions(*, document: Document) -> None:
    """After an editor publishes: rebuild provisions of versions whose text changed."""
    from ..parsing.text import parse_text

    for version in document.versions.all():
        if version.parsed_hash == text_hash(version.body_text):
            continue
        parsed = parse_text(version.body_text)
        clauses = own_effect(parsed)
        notes = parsed.consolidation.notes if parsed.consolidation else []
        store_provisions(version, parsed.body, provision_dates=clauses.provision_dates, document_notes=notes)
        relations.link_from_text(document=document, cited_numbers=parsed.cited_numbers, ended=clauses.ended,
                                 consolidation=parsed.consolidation)
    _after_document_change(document)


def document_record_view(document: Document) -> None:
    """A page view, counted on the document alone (no person, no cookie): it orders the verification queue."""
    from django.db.models import F

    Document.objects.filter(pk=document.pk).update(view_count=F("view_count") + 1)


def status_from_census(value: str) -> tuple[str, str]:
    mapping = {
        "in_force": (EffectStatus.IN_FORCE, ""),
        "amended": (EffectStatus.IN_FORCE, "Đã được sửa đổi, bổ sung"),
        "not_yet_in_force": (EffectStatus.NOT_YET, ""),
        "expired": (EffectStatus.EXPIRED, ""),
    }
    return mapping.get(value, (EffectStatus.UNKNOWN, ""))


@transaction.atomic
def document_create_draft_from_upload(*, uploaded_file, user) -> tuple[Document, DocumentData]:
    """Parse an uploaded DOCX/PDF/TXT/HTML into an unpublished draft for review. Raises ParseError."""
    import uuid

    from django.conf import settings

    payload = uploaded_file.read(settings.PHAPLUAT_MAX_IMPORT_BYTES + 1)
    data = DocumentData.from_file(payload, name=uploaded_file.name, source_key=f"upload:{uuid.uuid4()}")
    text = data.body_text
    _check_number_is_free(data.number, source_key="")
    document = Document(
        source_key=data.source_key, live=False, status=data.status, status_note=data.status_note,
        slug=document_slug(doc_type=data.doc_type, number=data.number, title=data.title, issue_date=data.issue_date),
        **data.document_fields(),
    )
    document.save()
    version = DocumentVersion(document=document, version_date=data.issue_date, label="Văn bản gốc", body_text=text)
    uploaded_file.seek(0)
    version.source_file.save(uploaded_file.name, uploaded_file, save=False)
    version.save()
    document.save_revision(user=user, log_action=True)
    return document, data
