"""`ask`: the assistant's one code path, used by the page, the API and the benchmark."""
from __future__ import annotations

import uuid

from django.db import transaction

from ..core.sanitize import clean_text
from ..search.services import search
from ..search.text import folded_words
from . import fines
from .answers import MAX_QUESTION_CHARS, SUPPORT_THRESHOLD, Answer, caution_text, confidence, unsupported_text
from .models import Conversation, Exchange, Feedback
from .providers import configured_provider
from .sources import citations_for, content_words

RETRIEVE = 10      # article hits asked from the search
CITE = 5           # citations shown
# A short question, or one opening like these, continues the previous one ("còn xe máy thì sao?").
FOLLOW_UP_OPENINGS = ("con ", "vay ", "the con", "neu ", "truong hop", "nhu vay", "khi do", "viec do", "dieu do")
FOLLOW_UP_MAX_WORDS = 4


def _conversation(key: str | None) -> Conversation:
    try:
        parsed = uuid.UUID(str(key)) if key else None
    except ValueError:
        parsed = None
    conversation = Conversation.objects.filter(key=parsed).first() if parsed else None
    return conversation or Conversation.objects.create()


def is_follow_up(question: str) -> bool:
    folded = " ".join(folded_words(question))
    return len(content_words(question)) <= FOLLOW_UP_MAX_WORDS or folded.startswith(FOLLOW_UP_OPENINGS)


def retrieval_query(question: str, previous: Exchange | None) -> str:
    if previous is not None and is_follow_up(question):
        return f"{previous.retrieval_query} {question}"
    return question


def related_questions(question: str) -> list[dict]:
    """Published answers of the Q&A on the same matter."""
    from ..qa.selectors import related_answers

    return related_answers(question, limit=3)


def answer_question(question: str, *, previous: Exchange | None = None) -> Answer:
    """Retrieve, quote and compose. No database writes: the benchmark and tests call this directly."""
    answer = Answer(question=clean_text(question))
    if len(answer.question) > MAX_QUESTION_CHARS:
        answer.question = answer.question[:MAX_QUESTION_CHARS]
        answer.notes.append(f"Câu hỏi dài hơn {MAX_QUESTION_CHARS} ký tự nên chỉ phần đầu được dùng.")
    if not content_words(answer.question):
        answer.text = "Vui lòng nhập câu hỏi về pháp luật, ví dụ: “Đăng ký thường trú cần giấy tờ gì?”"
        return answer
    query = retrieval_query(answer.question, previous)
    if fines.answer_with_fines(answer, query):  # "vượt đèn đỏ phạt bao nhiêu": Decree 168/2024 and its lookup
        answer.caution = caution_text(answer.citations)
        answer.related_questions = related_questions(answer.question)
        return answer
    hits = search(query, per_page=RETRIEVE, snippets=False).articles
    citations = citations_for(hits, query, limit=CITE)
    answer.supported = bool(citations) and citations[0].matched_share >= SUPPORT_THRESHOLD
    if not answer.supported:
        answer.text = unsupported_text()
        return answer
    answer.citations = citations
    answer.confidence = confidence(citations)
    answer.caution = caution_text(citations)
    answer.related_questions = related_questions(answer.question)
    return configured_provider().compose(answer)


@transaction.atomic
def ask(question: str, *, conversation_key: str | None = None) -> Answer:
    """Answer `question` in its conversation and keep the exchange for follow-ups and officials."""
    conversation = _conversation(conversation_key)
    previous = conversation.exchanges.order_by("-created_at", "-id").first()
    answer = answer_question(question, previous=previous)
    exchange = Exchange.objects.create(
        conversation=conversation, question=answer.question,
        retrieval_query=retrieval_query(answer.question, previous)[:4000], answer=answer.text,
        supported=answer.supported, confidence=answer.confidence, provider=answer.provider,
        citations=[c.as_json() for c in answer.citations],
    )
    answer.exchange_id, answer.conversation_key = exchange.pk, str(conversation.key)
    return answer


def feedback_record(*, exchange_id: int, helpful: bool, reason: str = "", comment: str = "") -> Feedback:
    exchange = Exchange.objects.get(pk=exchange_id)
    return Feedback.objects.create(
        exchange=exchange, helpful=helpful,
        reason=reason if reason in Feedback.Reason.values else "",
        comment=clean_text(comment, max_length=2000),
    )


__all__ = ["SUPPORT_THRESHOLD", "answer_question", "ask", "feedback_record"]
