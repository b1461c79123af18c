"""Reads for the Q&A pages. Public reads only ever return published, not hidden items, and never
select the asker's contact details.

Q&A matching: the search app indexes the library (documents and articles) only, so answers are matched
here with a simple, honest rule over a folded copy of each published question and answer
(`search_folded`, built at publication): the query's meaningful words (search stopwords removed),
folded (no accents, đ → d), must appear as whole words; items are ranked by how many distinct words
match, then by adjacent word pairs that match, then by recency. No stemming, no synonyms.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ..orgs.models import Organization
from ..search.text import fold, stopwords, words
from .models import OPEN_STATES, Answer, AnswerCitation, Feedback, Publication, Question, Report, Topic

# Never loaded for public pages: what the asker wrote before anonymisation, and how to reach them.
PRIVATE_FIELDS = ("body", "contact_name", "contact_email", "contact_phone", "fingerprint", "tracking_code",
                  "state_note")
MAX_TERMS = 12
SUGGEST_WINDOWS = 4  # at most this many extra searches per suggestion request
CANDIDATES = 300


def public_questions() -> QuerySet[Question]:
    return (Question.objects.filter(state=Question.State.PUBLISHED, hidden=False)
            .defer(*PRIVATE_FIELDS).select_related("topic"))


def public_question(pk: int) -> Question:
    question = (Question.objects.filter(pk=pk, state=Question.State.PUBLISHED, hidden=False)
                .defer(*PRIVATE_FIELDS).select_related("topic", "answer__organization").first())
    if question is None:
        raise Http404("Không có câu hỏi này hoặc câu hỏi chưa được công bố.")
    return question


def public_publications(kind: str | None = None) -> QuerySet[Publication]:
    qs = Publication.objects.filter(state=Publication.State.PUBLISHED, hidden=False).select_related(
        "topic", "organization", "advisor")
    return qs.filter(kind=kind) if kind else qs


def public_publication(slug: str) -> Publication:
    publication = public_publications().filter(slug=slug).first()
    if publication is None:
        raise Http404("Không có bài này hoặc bài chưa được công bố.")
    return publication


def query_terms(query: str) -> list[str]:
    """Meaningful words of a query, folded, in order, without repeats."""
    stop = stopwords()
    out: list[str] = []
    for word in words((query or "")[:1000]):
        folded_word = fold(word)
        if word in stop or len(folded_word) < 2 or folded_word in out:
            continue
        out.append(folded_word)
    return out[:MAX_TERMS]


def match(qs: QuerySet, query: str, *, limit: int = 20, min_share: float = 0.5) -> list:
    """Items of `qs` (with a `search_folded` field) matching `query`, best first (see module doc)."""
    terms = query_terms(query)
    if not terms:
        return []
    condition = Q()
    for term in terms:
        condition |= Q(search_folded__contains=f" {term} ")
    needed = max(1, round(len(terms) * min_share))
    scored = []
    for item in qs.filter(condition)[:CANDIDATES]:
        text = item.search_folded
        hits = sum(1 for t in terms if f" {t} " in text)
        if hits < needed:
            continue
        pairs = sum(1 for a, b in zip(terms, terms[1:]) if f" {a} {b} " in text)
        stamp = getattr(item, "answered_at", None) or getattr(item, "published_at", None)
        scored.append((hits, pairs, stamp.timestamp() if stamp else 0, item))
    scored.sort(key=lambda row: (-row[0], -row[1], -row[2]))
    return [row[3] for row in scored[:limit]]


@dataclass
class QuestionFilters:
    query: str = ""
    topic: Topic | None = None
    asker_type: str = ""

    @classmethod
    def from_params(cls, params) -> "QuestionFilters":
        from ..core.sanitize import clean_text

        slug = (params.get("chu-de") or "")[:120]
        topic = Topic.objects.filter(slug=slug).first() if slug else None
        asker = params.get("nguoi-hoi") or ""
        return cls(query=clean_text(params.get("q") or "", max_length=500), topic=topic,
                   asker_type=asker if asker in ("ca-nhan", "doanh-nghiep") else "")


def question_list(filters: QuestionFilters) -> list[Question] | QuerySet[Question]:
    qs = public_questions()
    if filters.topic:
        qs = qs.filter(topic=filters.topic)
    if filters.asker_type:
        qs = qs.filter(asker_type=filters.asker_type)
    if filters.query:
        return match(qs, filters.query, limit=100)
    return qs.order_by("-answered_at")


def topics_with_counts(selected: Topic | None = None) -> list[Topic]:
    """Topics that have published answers (and the selected one), in their editorial order."""
    topics = Topic.objects.annotate(
        answered=Count("questions", filter=Q(questions__state=Question.State.PUBLISHED, questions__hidden=False))
    ).order_by("position", "name")
    return [t for t in topics if t.answered or (selected and t.pk == selected.pk)]


@dataclass
class Suggestions:
    answers: list = field(default_factory=list)
    articles: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.answers and not self.articles


def suggestions(query: str) -> Suggestions:
    """While a question is typed: published answers (matched here) and articles (the search app)."""
    from ..search.services import search

    terms = query_terms(query)
    if len(terms) < 2:
        return Suggestions()
    answers = match(public_questions(), query, limit=5)
    articles = search(query, per_page=5, snippets=False).articles[:5]
    # The search app wants every word of a query in the article; a question being typed has words no
    # article holds ("muốn", "cho con"). Then ask again with windows of three consecutive meaningful words.
    windows = [" ".join(terms[i:i + 3]) for i in range(0, max(1, len(terms) - 2))]
    seen = {hit.entry_id for hit in articles}
    for window in windows[:SUGGEST_WINDOWS] if len(articles) < 3 and len(terms) > 3 else []:
        for hit in search(window, per_page=5, snippets=False).articles[:5]:
            if hit.entry_id not in seen and len(articles) < 5:
                seen.add(hit.entry_id)
                articles.append(hit)
        if len(articles) >= 3:
            break
    return Suggestions(answers=answers, articles=articles)


def feedback_summary(question: Question) -> dict:
    rows = dict(Feedback.objects.filter(question=question).values_list("helpful").annotate(n=Count("id")))
    yes, no = rows.get(True, 0), rows.get(False, 0)
    return {"yes": yes, "no": no, "total": yes + no}


def citations_of(answer: Answer) -> list[AnswerCitation]:
    return list(answer.citations.select_related("provision__document", "document"))


def tracked_question(code: str) -> Question | None:
    code = (code or "").strip().upper()[:20]
    if not code:
        return None
    return Question.objects.select_related("topic", "locality", "assigned_to", "answer__organization").filter(
        tracking_code=code).first()


# --- Business area ---------------------------------------------------------------------------------------

@dataclass
class CaseFilters:
    industry: str = ""
    issue_type: str = ""

    @classmethod
    def from_params(cls, params) -> "CaseFilters":
        from .models import Industry, IssueType

        industry = params.get("nganh") or ""
        issue = params.get("van-de") or ""
        return cls(industry=industry if industry in Industry.values else "",
                   issue_type=issue if issue in IssueType.values else "")


def business_cases(filters: CaseFilters) -> QuerySet[Question]:
    qs = public_questions().filter(asker_type="doanh-nghiep")
    if filters.industry:
        qs = qs.filter(industry=filters.industry)
    if filters.issue_type:
        qs = qs.filter(issue_type=filters.issue_type)
    return qs.order_by("-answered_at")


def business_case_counts() -> dict:
    """Cases businesses sent, by status: the open ones are counted, never shown before an official publishes."""
    qs = Question.objects.filter(asker_type="doanh-nghiep")
    return {
        "open": qs.filter(state__in=OPEN_STATES).count(),
        "published": qs.filter(state=Question.State.PUBLISHED, hidden=False).count(),
        "private": qs.filter(state=Question.State.ANSWERED_PRIVATELY).count(),
    }


# --- Officials -----------------------------------------------------------------------------------------

def triage_queue() -> QuerySet[Question]:
    return Question.objects.filter(state=Question.State.NEW).select_related("topic", "locality").order_by(
        "submitted_at")


def org_questions(organizations, states) -> QuerySet[Question]:
    return Question.objects.filter(assigned_to__in=organizations, state__in=states).select_related(
        "topic", "assigned_to").order_by("deadline", "submitted_at")


def overdue(organizations=None, today=None) -> QuerySet[Question]:
    today = today or timezone.localdate()
    qs = Question.objects.filter(state__in=OPEN_STATES, deadline__lt=today).select_related("assigned_to", "topic")
    if organizations is not None:
        qs = qs.filter(assigned_to__in=organizations)
    return qs.order_by("assigned_to__name", "deadline")


def overdue_by_organization(organizations=None) -> list[tuple[Organization, list[Question]]]:
    grouped: dict[int, tuple[Organization, list[Question]]] = {}
    for question in overdue(organizations):
        grouped.setdefault(question.assigned_to_id, (question.assigned_to, []))[1].append(question)
    return list(grouped.values())


def answers_needing_review(organizations=None) -> list[Question]:
    """Published or private answers citing a provision that lost effect and not yet reviewed (computed)."""
    citations = AnswerCitation.objects.filter(lapse_reviewed=False).select_related(
        "provision__document", "answer__question")
    if organizations is not None:
        citations = citations.filter(answer__organization__in=organizations)
    citations = citations.filter(answer__question__state__in=[Question.State.PUBLISHED,
                                                              Question.State.ANSWERED_PRIVATELY])
    seen: dict[int, Question] = {}
    for citation in citations[:2000]:
        if citation.needs_review:
            seen.setdefault(citation.answer.question_id, citation.answer.question)
    return list(seen.values())


def moderation_queue() -> list[dict]:
    """Items with open reports, most reported first, with their reasons."""
    rows = (Report.objects.filter(resolved=False).values("content_type", "object_id")
            .annotate(n=Count("id")).order_by("-n"))
    out = []
    for row in rows[:200]:
        reports = list(Report.objects.filter(resolved=False, content_type=row["content_type"],
                                             object_id=row["object_id"]).select_related("content_type"))
        item = reports[0].item if reports else None
        if item is None:
            continue
        out.append({"item": item, "count": row["n"], "reports": reports,
                    "kind": reports[0].content_type.model})
    return out


def satisfaction_by_organization(since=None) -> list[dict]:
    """"Was this helpful?" figures per answering organization, for the satisfaction measures:
    [{"organization": name, "yes": n, "no": n, "total": n, "share": 0..1}], most votes first."""
    qs = Feedback.objects.filter(question__answer__isnull=False)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    rows = (qs.values("question__answer__organization__name")
            .annotate(yes=Count("id", filter=Q(helpful=True)), no=Count("id", filter=Q(helpful=False)))
            .order_by("question__answer__organization__name"))
    out = [{"organization": r["question__answer__organization__name"], "yes": r["yes"], "no": r["no"],
            "total": r["yes"] + r["no"], "share": r["yes"] / (r["yes"] + r["no"])} for r in rows]
    return sorted(out, key=lambda r: -r["total"])


def related_answers(question: str, *, limit: int = 3) -> list[dict]:
    """Published answers on the same matter, for the legal assistant: title and address only."""
    return [{"title": item.public_title or str(item), "url": item.get_absolute_url()}
            for item in match(public_questions(), question, limit=limit)]
