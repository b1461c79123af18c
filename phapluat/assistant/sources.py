"""Finding the provisions that answer a question, quoting them exactly, and saying whether they are law today.

Retrieval is the library's one search entry point; this module only chooses, inside each retrieved
article, the clause that best matches the question, and reads its legal effect from the library.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from ..laws.models import AmendmentKind, Document, EffectStatus, Provision, StatusSource
from ..laws.models.document import CURRENT_STATUSES
from ..laws.models.relation import ENDING_RELATIONS
from ..laws.parsing.model import citation_of_anchor
from ..laws.reading import read_units
from ..laws.services.amendments import applied_by_document
from ..laws.status_view import library_complete_until, official_database_url
from ..search.text import folded_words, stopwords

QUOTE_LIMIT = 1200  # characters of an article quoted when no single clause stands out
# What a search hit points at: an article, or in a plan without articles a section or a clause (search/indexing.py).
UNIT_KINDS = ("dieu", "muc", "khoan")


@dataclass
class Citation:
    index: int
    provision_id: int
    article_number: str
    anchor: str
    label: str                 # "Khoản 2 Điều 5"
    heading: str               # the article's heading
    quote: str                 # the exact text of the provision (possibly cut, marked with "…")
    document_id: int
    document_title: str
    document_number: str
    url: str
    status: str
    status_label: str
    is_current: bool
    effect_note: str = ""      # "Chưa có hiệu lực đến ngày …", "Đã hết hiệu lực; được thay thế bởi …"
    replacement_label: str = ""
    replacement_url: str = ""
    score: float = 0.0
    matched_share: float = 0.0  # share of the question's content words found in the article
    status_source: str = ""    # where the status comes from (StatusSource value)
    status_source_label: str = ""
    status_note: str = ""      # the source's own words: "Theo danh mục … (26/02/2026)", "Bị thay thế bởi …"
    official_url: str = ""     # the document in the national database, to check what the library cannot
    # Amendments in force applied to the quoted wording (laws/reading.py): each with the amending provision.
    amended_by: list[dict] = field(default_factory=list)   # {"label", "url", "since", "what"}

    def as_json(self) -> dict:
        return {
            "index": self.index, "document_number": self.document_number, "document_title": self.document_title,
            "provision": self.label, "anchor": self.anchor, "quote": self.quote, "status": self.status,
            "status_label": self.status_label, "in_force": self.is_current, "effect_note": self.effect_note,
            "status_source": self.status_source, "status_source_label": self.status_source_label,
            "status_note": self.status_note, "official_database_url": self.official_url,
            "url": self.url, "replaced_by": {"label": self.replacement_label, "url": self.replacement_url}
            if self.replacement_label else None,
            "amended_by": self.amended_by,
        }

    @property
    def amendment_note(self) -> str:
        """'Nội dung đã cập nhật theo Khoản 1 Điều 35 Luật … (có hiệu lực từ 01/01/2020).'"""
        if not self.amended_by:
            return ""
        named = "; ".join(f"{a['label']} (có hiệu lực từ {a['since']})" for a in self.amended_by)
        return f"Nội dung đã cập nhật theo sửa đổi, bổ sung: {named}."


def content_words(text: str) -> set[str]:
    """Folded words that carry meaning: no stopwords, no one-letter words."""
    stop = stopwords()
    return {w for w in folded_words(text) if len(w) > 1 and w not in stop}


def _clause_text(clause: Provision, points: list[Provision]) -> str:
    """The clause's own words then its points ('a) ...'); its number is in the citation label."""
    lines = [clause.text.strip()] if clause.text.strip() else []
    lines += [f"{p.number}) {p.text}".strip() for p in points]
    return "\n".join(lines)


def _cut(text: str, limit: int = QUOTE_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " …"


@dataclass
class _Passage:
    provision: Provision
    text: str
    overlap: int = 0
    words: set[str] = field(default_factory=set)


def best_passage(article: Provision, children: list[Provision], question_words: set[str]) -> _Passage:
    """The clause (with its points) sharing most words with the question, else the whole article."""
    clauses = [c for c in children if c.parent_id == article.pk and c.kind == "khoan"]
    parts = [_passage(c, _clause_text(c, [p for p in children if p.parent_id == c.pk])) for c in clauses]
    whole_text = "\n".join(filter(None, [article.text] + [f"{p.provision.number}. {p.text}" for p in parts]))
    whole = _Passage(article, whole_text, words=set(folded_words(f"{article.heading} {whole_text}")))
    return _best_or_whole(whole, parts, question_words)


def _passage(provision: Provision, text: str) -> _Passage:
    return _Passage(provision, text, words=set(folded_words(text)))


def _best_or_whole(whole: _Passage, parts: list[_Passage], question_words: set[str]) -> _Passage:
    """The part sharing most words with the question (the first of equals) when it carries most of what the
    whole shares with it; else the whole."""
    for passage in [whole, *parts]:
        passage.overlap = len(question_words & passage.words)
    best = max(parts, key=lambda passage: passage.overlap, default=None)
    if best is not None and best.overlap and best.overlap >= 0.6 * whole.overlap:
        return best
    return whole


def section_passage(unit: Provision, children: list[Provision], question_words: set[str]) -> _Passage:
    """In a plan without articles the unit is a clause ('Khoản 1 Mục III') or a section: its point (or clause)
    sharing most words with the question when that carries most of the overlap, else the whole unit."""
    items = [(c, _item_text(c, children)) for c in children if c.parent_id == unit.pk]
    whole = _Passage(unit, "\n".join(filter(None, [unit.text.strip()] + [text for _, text in items])))
    whole.words = set(folded_words(f"{unit.heading} {whole.text}"))
    parts = [_passage(item, text[len(_marker(item)):]) for item, text in items]
    return _best_or_whole(whole, parts, question_words)


def _marker(provision: Provision) -> str:
    return f"{provision.number}. " if provision.kind == "khoan" else f"{provision.number}) "


def _item_text(item: Provision, children: list[Provision]) -> str:
    """'1. Heading text' then its points ('a) ...'), as the document writes them."""
    own = " ".join(x for x in (item.heading.strip(), item.text.strip()) if x)
    lines = [_marker(item) + own] + [_item_text(c, children) for c in children if c.parent_id == item.pk]
    return "\n".join(lines)


def _replacement(document: Document, article: Provision) -> tuple[str, str]:
    """What replaced an expired provision, when the library knows it."""
    relations = document.incoming_relations.filter(relation_type__in=ENDING_RELATIONS, source__live=True)
    relations = relations.select_related("source")
    for relation in relations:
        if relation.target_anchor and relation.source_anchor and (
            article.anchor == relation.target_anchor or article.anchor.startswith(relation.target_anchor + "-")
        ):
            target = relation.source.provisions.filter(anchor=relation.source_anchor).first()
            if target:
                return f"{target.citation} {relation.source.display_name}", target.get_absolute_url()
    whole = next((r for r in relations if not r.target_anchor), None)
    if whole is None:
        if document.replaced_by_number:
            return (f"văn bản số {document.replaced_by_number} (chưa có trong thư viện)",
                    official_database_url(Document(number=document.replaced_by_number)))
        return "", ""
    successor = whole.source.provisions.filter(kind="dieu", heading__iexact=article.heading).first()
    if successor and article.heading:
        return (f"{successor.citation} {whole.source.display_name} (điều có cùng tiêu đề)",
                successor.get_absolute_url())
    return whole.source.display_name, whole.source.get_absolute_url()


def _unverified_note() -> str:
    until = library_complete_until()
    covered = f" Thư viện cập nhật văn bản đến ngày {until:%d/%m/%Y}." if until else ""
    return ("Chưa xác minh hiệu lực: thư viện chưa có nguồn xác nhận văn bản này còn hiệu lực, không nên coi là "
            f"quy định hiện hành khi chưa đối chiếu Cơ sở dữ liệu quốc gia về văn bản pháp luật.{covered}")


def effect_of(document: Document, provisions: list[Provision]) -> tuple[str, bool, str]:
    """(status, is_current, note) for a provision, from its own status and dates and its document's."""
    today = timezone.localdate()
    status = document.current_status(today)
    if any(p.status == EffectStatus.EXPIRED for p in provisions):
        status = EffectStatus.EXPIRED
    pending = min((p.effective_date for p in provisions if p.effective_date and p.effective_date > today),
                  default=None)
    if pending and status not in (EffectStatus.EXPIRED, EffectStatus.SUSPENDED):
        return EffectStatus.NOT_YET, False, f"Quy định này chưa có hiệu lực; có hiệu lực từ ngày {pending:%d/%m/%Y}."
    label = EffectStatus(status).label
    if status == EffectStatus.NOT_YET and document.effective_date:
        return status, False, f"Chưa có hiệu lực; có hiệu lực từ ngày {document.effective_date:%d/%m/%Y}."
    if status in (EffectStatus.UNVERIFIED, EffectStatus.UNKNOWN):
        return EffectStatus.UNVERIFIED, False, _unverified_note()
    if status in CURRENT_STATUSES:
        return status, True, ""
    return status, False, f"{label}: chỉ có giá trị tham khảo lịch sử, không phải quy định hiện hành."


def _descendants(article_ids: list[int]) -> dict[int, list[Provision]]:
    """Clauses and points of each article, two queries for all of them."""
    by_article: dict[int, list[Provision]] = {}
    for clause in Provision.objects.filter(parent__in=article_ids).order_by("position"):
        by_article.setdefault(clause.parent_id, []).append(clause)
    for point in Provision.objects.filter(parent__parent__in=article_ids).select_related("parent"):
        by_article.setdefault(point.parent.parent_id, []).append(point)
    return by_article


def _applied_notes(article: Provision, passage: Provision, descendants: list[Provision]):
    """Applied changes on the quoted wording: on the article itself, the passage and what is under it."""
    parents, below = {passage.pk}, []
    for _ in range(3):   # clause, point: the tree under a unit is shallow
        for node in descendants:
            if node.parent_id in parents and all(node is not other for other in below):
                below.append(node)
                parents.add(node.pk)
    nodes = [article] + ([passage] if passage is not article else []) + below
    seen, notes = set(), []
    for node in nodes:
        for note in getattr(node, "reading_notes", ()):
            if not note.upcoming and note.amendment.pk not in seen:
                seen.add(note.amendment.pk)
                notes.append(note)
    return notes


def _amending_label(amendment) -> str:
    return f"{citation_of_anchor(amendment.source_anchor)} {amendment.source.display_name}"


def _amended_by(amendment) -> dict:
    return {"label": _amending_label(amendment), "since": f"{amendment.effective_date:%d/%m/%Y}",
            "url": f"{amendment.source.get_absolute_url()}#{amendment.source_anchor}",
            "what": AmendmentKind(amendment.kind).label}


def citations_for(hits, question: str, *, limit: int) -> list[Citation]:
    """Citations for the first `limit` article hits, in the search's order."""
    question_words = content_words(question)
    article_ids = [h.provision_id for h in hits if h.provision_id][:limit]
    articles = list(Provision.objects.filter(pk__in=article_ids, kind__in=UNIT_KINDS).select_related("document"))
    by_id = {a.pk: a for a in articles}
    descendants = _descendants(article_ids)
    today = timezone.localdate()
    read_units(articles, descendants, applied_by_document([a.document_id for a in articles], today), today)
    citations = []
    for hit in hits:
        article = by_id.get(hit.provision_id)
        if article is None:
            continue
        choose = best_passage if article.kind == "dieu" else section_passage
        passage = choose(article, descendants.get(article.pk, []), question_words)
        document = article.document
        status, current, note = effect_of(document, [article, passage.provision])
        applied = _applied_notes(article, passage.provision, descendants.get(article.pk, []))
        repeal = next((n for n in applied if n.amendment.kind == AmendmentKind.REPEAL), None)
        if repeal is not None:
            status, current = EffectStatus.EXPIRED, False
            note = (f"Quy định này đã bị bãi bỏ bởi {_amending_label(repeal.amendment)} từ ngày "
                    f"{repeal.amendment.effective_date:%d/%m/%Y}.")
        citation = Citation(
            index=len(citations) + 1, provision_id=passage.provision.pk,
            article_number=article.number if article.kind == "dieu" else "",
            anchor=passage.provision.anchor, label=passage.provision.citation, heading=article.heading,
            quote=_cut(passage.text), document_id=document.pk, document_title=document.title,
            document_number=document.number, url=passage.provision.get_absolute_url(), status=status,
            status_label=EffectStatus(status).label, is_current=current, effect_note=note, score=hit.score,
            matched_share=len(question_words & set(folded_words(f"{article.heading} {passage.text}")))
            / max(1, len(question_words)),
            status_source=document.status_source, status_source_label=StatusSource(document.status_source).label,
            status_note=document.status_note, official_url=official_database_url(document),
            amended_by=[_amended_by(n.amendment) for n in applied if n.amendment.kind != AmendmentKind.REPEAL],
        )
        if status == EffectStatus.EXPIRED and repeal is None:
            citation.replacement_label, citation.replacement_url = _replacement(document, article)
        citations.append(citation)
        if len(citations) == limit:
            break
    return citations
