"""The first course, shipped in the repository (data/first-course.json), so /khoa-hoc/ is not empty on first run.

`load_first_course()` is called from `phapluat seed`. Idempotent: it creates what is missing and brings the
content in line with the file, keyed by slugs and positions, without touching learners' enrolments, progress
or certificates. Links to provisions are made for the documents already in the library (run it again after the
corpus is imported to add the missing ones).
"""
from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from ..orgs.models import Organization
from .models import Course, Lesson, Module, QuizQuestion

FIRST_COURSE = Path(__file__).resolve().parent / "data" / "first-course.json"
KEYS = "abcdefgh"


def _provisions(refs: list[list[str]]) -> list:
    from ..laws.models import Provision

    found = []
    for number, anchor in refs:
        provision = (Provision.objects.filter(document__number=number, document__live=True, anchor=anchor)
                     .order_by("-version_id").first())
        if provision is not None:
            found.append(provision)
    return found


@transaction.atomic
def load_first_course(path: Path = FIRST_COURSE) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    owner = (Organization.objects.filter(kind=Organization.Kind.JUSTICE).first()
             or Organization.objects.order_by("pk").first())
    if owner is None:
        return "Chưa có cơ quan nào (chạy nạp cơ quan trước), chưa tạo khóa học."
    course, created = Course.objects.update_or_create(slug=data["slug"], defaults={
        "title": data["title"], "summary": data["summary"], "audience": data.get("audience", ""),
        "pass_mark": data.get("pass_mark", 80), "organization": owner})
    lessons = questions = links = 0
    for m_index, module_data in enumerate(data["modules"], start=1):
        module, _ = Module.objects.update_or_create(course=course, position=m_index,
                                                    defaults={"title": module_data["title"]})
        for l_index, lesson_data in enumerate(module_data["lessons"], start=1):
            lesson, _ = Lesson.objects.update_or_create(course=course, slug=lesson_data["slug"], defaults={
                "module": module, "position": l_index, "title": lesson_data["title"], "body": lesson_data["body"],
                "transcript": lesson_data.get("transcript", ""), "video_url": lesson_data.get("video_url", ""),
                "audio_url": lesson_data.get("audio_url", ""), "attachments": lesson_data.get("attachments", []),
                "required": lesson_data.get("required", True)})
            lessons += 1
            provisions = _provisions(lesson_data.get("provisions", []))
            lesson.provisions.add(*provisions)
            links += len(provisions)
            for q_index, q in enumerate(lesson_data["questions"], start=1):
                QuizQuestion.objects.update_or_create(lesson=lesson, position=q_index, defaults={
                    "text": q["text"], "explanation": q.get("explanation", ""), "correct_key": KEYS[q["correct"]],
                    "options": [{"key": KEYS[i], "text": text} for i, text in enumerate(q["options"])]})
                questions += 1
    verb = "Đã tạo" if created else "Đã cập nhật"
    return (f"{verb} khóa học “{course.title}”: {lessons} bài học, {questions} câu hỏi kiểm tra, "
            f"{links} liên kết tới điều khoản.")
