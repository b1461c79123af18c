"""The answer a person sees, and the rules that keep it honest."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sources import Citation

# A question shares less than this with its best source: the library does not support an answer.
SUPPORT_THRESHOLD = 0.34
MAX_QUESTION_CHARS = 2000
QA_FORM_URL = "/hoi-dap/gui-cau-hoi/"


@dataclass
class Answer:
    question: str
    text: str = ""
    supported: bool = False
    confidence: float = 0.0
    citations: list[Citation] = field(default_factory=list)
    related_questions: list[dict] = field(default_factory=list)
    provider: str = "extractive"
    notes: list[str] = field(default_factory=list)   # e.g. "câu hỏi quá dài đã được rút gọn"
    caution: str = ""   # said first when the best source is not law the library can vouch for today
    exchange_id: int | None = None
    conversation_key: str = ""
    fines: list[dict] = field(default_factory=list)   # violations of Decree 168/2024 (assistant/fines.py)
    fines_url: str = ""                               # the fines lookup, pre-filled with the question

    def as_json(self) -> dict:
        return {
            "question": self.question, "answer": self.text, "supported": self.supported, "caution": self.caution,
            "confidence": round(self.confidence, 3), "provider": self.provider, "notes": self.notes,
            "citations": [c.as_json() for c in self.citations], "related_questions": self.related_questions,
            "ask_officials_url": None if self.supported and not self.caution else QA_FORM_URL,
            "conversation": self.conversation_key, "exchange_id": self.exchange_id, "fines": self.fines,
            "fines_lookup_url": self.fines_url or None,
        }


_SENTENCE_END = re.compile(r"(?<=[.;:])\s+")


def first_sentences(text: str, limit: int = 320) -> str:
    """Whole sentences from the start of `text`, up to about `limit` characters."""
    out = ""
    for sentence in _SENTENCE_END.split(text.replace("\n", " ").strip()):
        if out and len(out) + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip()
    return out if len(out) <= limit + 80 else out[:limit].rsplit(" ", 1)[0] + " …"


def where(citation: Citation) -> str:
    number = f" số {citation.document_number}" if citation.document_number else ""
    return f"{citation.label} {citation.document_title}{number}"


def unsupported_text() -> str:
    return ("Chưa tìm thấy quy định trong thư viện đủ khớp với câu hỏi này, nên trợ lý không đưa ra câu trả lời. "
            "Bạn có thể diễn đạt lại câu hỏi, tra cứu văn bản, hoặc gửi câu hỏi để cán bộ trả lời.")


def extractive_text(citations: list[Citation]) -> str:
    """A short answer composed only of the sources' own words, with where they come from."""
    main = citations[0]
    status = "còn hiệu lực" if main.is_current else main.status_label.lower()
    parts = [f"Theo {where(main)} ({status}): “{first_sentences(main.quote)}”"]
    if main.amendment_note:
        parts.append(main.amendment_note)
    if not main.is_current:
        parts.append(main.effect_note)
        if main.replacement_label:
            parts.append(f"Quy định thay thế: {main.replacement_label}.")
    others = [c for c in citations[1:3] if c.matched_share >= SUPPORT_THRESHOLD]
    if others:
        parts.append("Xem thêm: " + "; ".join(where(c) for c in others) + ".")
    return " ".join(parts)


def confidence(citations: list[Citation]) -> float:
    """How much of the question the first source covers, halved when it is not law the library vouches for."""
    if not citations:
        return 0.0
    main = citations[0]
    return min(1.0, main.matched_share) * (1.0 if main.is_current else 0.5)


WHAT_TO_DO = ("Hãy đối chiếu văn bản trên Cơ sở dữ liệu quốc gia về văn bản pháp luật hoặc gửi câu hỏi để cán bộ "
              "trả lời.")


def short_where(citation: Citation) -> str:
    """'Khoản 4 Điều 9 văn bản số 168/2024/NĐ-CP': a caution must stay short, the citation below is complete."""
    return f"{citation.label} văn bản số {citation.document_number}" if citation.document_number else where(citation)


def caution_text(citations: list[Citation]) -> str:
    """What the reader must know first when the best source is expired, not yet in force or unverified."""
    main = citations[0] if citations else None
    if main is None or main.is_current:
        return ""
    if main.status == "het-hieu-luc":
        replacement = (f" Văn bản thay thế: {main.replacement_label}." if main.replacement_label
                       else " Thư viện chưa có văn bản thay thế.")
        return (f"Lưu ý: quy định phù hợp nhất tìm được ({short_where(main)}) đã hết hiệu lực, chỉ để tham khảo lịch "
                f"sử.{replacement} {WHAT_TO_DO}")
    if main.status == "chua-co-hieu-luc":
        return f"Lưu ý: quy định phù hợp nhất tìm được ({short_where(main)}) chưa có hiệu lực. {main.effect_note}"
    return (f"Lưu ý: thư viện chưa xác minh được {short_where(main)} còn hiệu lực (văn bản có thể đã được sửa đổi "
            f"hoặc thay thế), nên câu trả lời dưới đây không được coi là quy định hiện hành. {WHAT_TO_DO}")
