"""Reads for the public pages. Only live (published) documents are ever returned."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404

from .models import Document, DocumentType, DocumentVersion, EffectStatus, Field, ProvisionNote, Relation, RelationType


def public_documents() -> QuerySet[Document]:
    return Document.objects.filter(live=True)


@dataclass
class DocumentFilters:
    doc_type: str = ""
    issuer: str = ""
    year: int | None = None
    status: str = ""
    field: str = ""

    @classmethod
    def from_query(cls, params) -> "DocumentFilters":
        year = params.get("nam", "")
        return cls(
            doc_type=params.get("loai", "") if params.get("loai", "") in DocumentType.values else "",
            issuer=params.get("co-quan", "")[:200],
            year=int(year) if year.isdigit() and 1945 <= int(year) <= 2100 else None,
            status=params.get("hieu-luc", "") if params.get("hieu-luc", "") in EffectStatus.values else "",
            field=params.get("linh-vuc", "")[:120],
        )

    def apply(self, documents: QuerySet[Document]) -> QuerySet[Document]:
        if self.doc_type:
            documents = documents.filter(doc_type=self.doc_type)
        if self.issuer:
            documents = documents.filter(issuer__iexact=self.issuer)
        if self.year:
            documents = documents.filter(issue_date__year=self.year)
        if self.status:
            documents = documents.filter(status=self.status)
        if self.field:
            documents = documents.filter(fields__slug=self.field)
        return documents


def document_list(filters: DocumentFilters) -> QuerySet[Document]:
    return filters.apply(public_documents()).order_by("-issue_date", "title")


def document_facets() -> dict[str, list]:
    documents = public_documents()
    return {
        "types": [
            (row["doc_type"], DocumentType(row["doc_type"]).label, row["n"])
            for row in documents.values("doc_type").annotate(n=Count("id")).order_by("-n")
        ],
        "issuers": list(documents.exclude(issuer="").values_list("issuer", flat=True).distinct().order_by("issuer")),
        "years": sorted(
            {y for y in documents.annotate(y=ExtractYear("issue_date")).values_list("y", flat=True) if y},
            reverse=True,
        ),
        "statuses": list(EffectStatus.choices),
        "fields": list(Field.objects.filter(documents__live=True).distinct().values_list("slug", "name")),
    }


def document_by_number(number: str, *, title: str = "", documents: QuerySet[Document] | None = None
                       ) -> Document | None:
    """By its number; else by the number without its last part ("28/2004/QH" is stored for "28/2004/QH11"):
    the one document whose title contains `title`, or without a title the only one so numbered."""
    from ..core.text import strip_diacritics

    documents = Document.objects.all() if documents is None else documents
    exact = documents.filter(number__iexact=number).first()
    if exact or "/" not in number:
        return exact
    candidates = list(documents.filter(number__istartswith=number.rsplit("/", 1)[0] + "/")[:50])
    if title:
        wanted = strip_diacritics(title).lower()
        return next((d for d in candidates if wanted in strip_diacritics(d.title).lower()), None)
    return candidates[0] if len(candidates) == 1 else None


def document_by_slug(slug: str) -> Document:
    try:
        return public_documents().prefetch_related("fields").get(slug=slug)
    except Document.DoesNotExist as missing:
        raise Http404("Không tìm thấy văn bản") from missing


def versions_of(document: Document) -> list[DocumentVersion]:
    """Newest first; the first is the one shown."""
    return list(document.versions.order_by("-version_date", "-id"))


def version_of(document: Document, version_id: int | None, versions: list[DocumentVersion] | None = None
               ) -> DocumentVersion:
    versions = versions if versions is not None else versions_of(document)
    version = next((v for v in versions if v.pk == version_id), None) if version_id else next(iter(versions), None)
    if version is None:
        raise Http404("Văn bản chưa có nội dung")
    return version


def recent_documents(limit: int = 6) -> QuerySet[Document]:
    return public_documents().order_by(F("issue_date").desc(nulls_last=True), "-created_at")[:limit]


def upcoming_documents(today, limit: int = 6) -> QuerySet[Document]:
    """Documents taking effect soon (sắp có hiệu lực)."""
    return public_documents().filter(effective_date__gt=today).order_by("effective_date")[:limit]


def library_counts() -> dict[str, int]:
    documents = public_documents()
    return {
        "documents": documents.count(),
        "in_force": documents.filter(Q(status=EffectStatus.IN_FORCE) | Q(status=EffectStatus.PARTLY_EXPIRED)).count(),
        "articles": documents.aggregate(n=Count("provisions", filter=Q(provisions__kind="dieu")))["n"],
    }


@dataclass
class ConsolidationView:
    """What a consolidated text's page says of it: the document it consolidates, the amending ones, and the
    footnotes of its preamble."""

    consolidated: list[Relation]
    amending: list[Relation]
    notes: list[ProvisionNote]


def consolidation_of(document: Document, version: DocumentVersion) -> ConsolidationView | None:
    from .services.relations import AMENDING_NOTE

    if document.doc_type != DocumentType.CONSOLIDATED:
        return None
    relations = list(document.outgoing_relations.filter(relation_type=RelationType.CONSOLIDATES)
                     .select_related("target").order_by("id"))
    return ConsolidationView(
        consolidated=[r for r in relations if r.note != AMENDING_NOTE],
        amending=[r for r in relations if r.note == AMENDING_NOTE],
        notes=list(version.notes.filter(provision__isnull=True)),
    )
