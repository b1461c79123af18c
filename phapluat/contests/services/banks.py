"""Importing question banks (the GPLX 600-question JSON format) and linking questions to the library.

Difficulty, defined honestly from what the bank tells us (the source marks 558 of 600 questions "medium",
and every text-only question "medium", so its own label alone cannot order a draw):

* 1 Dễ — the bank's 60 critical questions (câu điểm liệt: basic prohibitions every road user must know) and
  the questions the bank itself labels "easy";
* 3 Khó — the questions the bank labels "hard", and non-critical questions with four options (a guess is right
  one time in four instead of one in two or three);
* 2 Trung bình — the rest.

An editor may set the difficulty of a question by hand (`difficulty_set_by_editor`); re-imports keep it.
"""
from __future__ import annotations

import json
import lzma
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.log_actions import log

from ...core.sanitize import clean_text
from ...core.text import vn_slugify
from ..models import Difficulty, Question, QuestionBank


class BankFormatError(ValueError):
    """The file is not a question bank we can read; the message is in Vietnamese."""


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    image_questions: int = 0
    linked: int = 0
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Câu hỏi: {self.created} mới, {self.updated} cập nhật, {self.unchanged} không đổi; "
               f"{self.image_questions} câu cần hình (không rút vào đề); {self.linked} câu gắn với điều luật."]
        out += [f"Bỏ qua: {error}" for error in self.errors]
        return out


REQUIRED_KEYS = {"id", "question", "options", "correctAnswer"}
# "Luật Giao thông đường bộ 2008, Điều 16" -> the law's number in the library and the article.
LAW_NUMBERS = {"luat giao thong duong bo 2008": "23/2008/QH12", "luat gtdb 2008": "23/2008/QH12"}
_ARTICLE = re.compile(r"^(?P<law>.+?),\s*Điều\s+(?P<article>\d+[a-z]?)\s*$", re.IGNORECASE)


def read_bank_file(path: Path) -> list[dict]:
    """Reads `.json` or `.json.xz`; raises BankFormatError with a Vietnamese reason."""
    try:
        raw = lzma.open(path).read() if str(path).endswith(".xz") else Path(path).read_bytes()
    except (OSError, lzma.LZMAError) as error:
        raise BankFormatError(f"Không đọc được tệp {Path(path).name}: {error}") from error
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BankFormatError(f"Tệp {Path(path).name} không phải JSON UTF-8 hợp lệ ({error}).") from error
    if not isinstance(data, list) or not data:
        raise BankFormatError("Ngân hàng câu hỏi phải là một danh sách JSON các câu hỏi.")
    return data


def _references(value) -> list[str]:
    # The source mixes a list of strings and a bare string ("Luật Giao thông đường bộ 2008, Điều 16").
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(item) for item in value or [] if str(item).strip()]


def derive_difficulty(item: dict) -> int:
    label = str(item.get("difficulty") or "").lower()
    critical = bool(item.get("isPointDeduction"))
    if critical or label == "easy":
        return Difficulty.EASY
    if label == "hard" or len(item.get("options") or {}) >= 4:
        return Difficulty.HARD
    return Difficulty.MEDIUM


def parse_question(item: dict) -> dict:
    """One source row to the fields of Question; raises BankFormatError naming what is wrong."""
    if not isinstance(item, dict):
        raise BankFormatError("một phần tử không phải đối tượng JSON")
    missing = REQUIRED_KEYS - item.keys()
    ident = item.get("id", "?")
    if missing:
        raise BankFormatError(f"câu {ident}: thiếu trường {', '.join(sorted(missing))}")
    options = item["options"]
    if not isinstance(options, dict) or len(options) < 2:
        raise BankFormatError(f"câu {ident}: cần ít nhất hai phương án trả lời")
    correct = str(item["correctAnswer"]).strip().lower()
    if correct not in options:
        raise BankFormatError(f"câu {ident}: đáp án “{correct}” không có trong các phương án")
    text = clean_text(str(item["question"]))
    if not text:
        raise BankFormatError(f"câu {ident}: nội dung câu hỏi trống")
    references = _references(item.get("references"))
    return {
        "number": int(item.get("questionNumber") or item.get("id") or 0),
        "text": text,
        "options": [{"key": str(k).lower(), "text": clean_text(str(v))} for k, v in options.items()],
        "correct_key": correct,
        "explanation": clean_text(str(item.get("explanation") or "")),
        "chapter": clean_text(str(item.get("category") or ""), max_length=300),
        "topics": [clean_text(str(t), max_length=80) for t in item.get("topics") or []],
        "is_critical": bool(item.get("isPointDeduction")),
        "has_image": bool(item.get("hasImage") or item.get("image")),
        "image_ref": str(item.get("image") or "")[:200],
        "reference_text": "; ".join(references)[:500],
        "difficulty": derive_difficulty(item),
    }


def _provisions_for(reference_text: str) -> list:
    """Provisions of the library named by the references ("…, Điều 16"), when that law is loaded."""
    from ...laws.models import Document

    found = []
    for reference in filter(None, (r.strip() for r in reference_text.split(";"))):
        match = _ARTICLE.match(reference)
        if not match:
            continue
        from ...core.text import strip_diacritics

        number = LAW_NUMBERS.get(strip_diacritics(match["law"]).lower().strip())
        if not number:
            continue
        document = Document.objects.filter(number=number, live=True).first()
        version = document.latest_version() if document else None
        if version is None:
            continue
        provision = version.provisions.filter(anchor=f"dieu-{match['article'].lower()}").first()
        if provision:
            found.append(provision)
    return found


def link_provisions(*, bank: QuestionBank) -> int:
    """(Re)links the bank's questions to provisions of the library; idempotent. Returns questions linked."""
    linked = 0
    for question in bank.questions.exclude(reference_text=""):
        provisions = _provisions_for(question.reference_text)
        if provisions:
            question.provisions.set(provisions)
            linked += 1
    return linked


@transaction.atomic
def bank_import(*, path: Path, slug: str, name: str, source: str = "", user=None) -> tuple[QuestionBank,
                                                                                            ImportSummary]:
    """Creates or updates the bank `slug` from a JSON file. Idempotent: questions are keyed by the source id,
    a re-import updates them in place and never duplicates; editor-set difficulties are kept."""
    rows = read_bank_file(path)
    bank, bank_created = QuestionBank.objects.get_or_create(
        slug=vn_slugify(slug, 120), defaults={"name": name, "source": source})
    summary = ImportSummary()
    existing = {q.source_id: q for q in bank.questions.all()}
    seen: set[str] = set()
    for item in rows:
        try:
            fields = parse_question(item)
        except BankFormatError as error:
            summary.errors.append(str(error))
            continue
        source_id = str(item["id"])
        if source_id in seen:
            summary.errors.append(f"câu {source_id}: mã câu hỏi bị trùng trong tệp")
            continue
        seen.add(source_id)
        summary.image_questions += fields["has_image"]
        question = existing.get(source_id)
        if question is None:
            Question.objects.create(bank=bank, source_id=source_id, **fields)
            summary.created += 1
            continue
        if question.difficulty_set_by_editor:
            fields.pop("difficulty")
        changed = [name for name, value in fields.items() if getattr(question, name) != value]
        if changed:
            for name in changed:
                setattr(question, name, fields[name])
            question.save(update_fields=changed)
            summary.updated += 1
        else:
            summary.unchanged += 1
    if not seen:
        raise BankFormatError("Tệp không có câu hỏi hợp lệ nào: " + "; ".join(summary.errors[:3]))
    summary.linked = link_provisions(bank=bank)
    log(bank, "contests.bank_import", user=user, data={"created": summary.created, "updated": summary.updated,
                                                        "skipped": len(summary.errors)})
    return bank, summary
