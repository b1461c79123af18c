"""Importing the real GPLX bank: idempotent, image questions flagged, difficulty as documented."""
import json
import random
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from phapluat.contests.models import Contest, Difficulty, Question, QuestionBank
from phapluat.contests.seed import PRACTICE_SLUG, load_banks
from phapluat.contests.services.banks import BankFormatError, bank_import, derive_difficulty
from phapluat.contests.services.contests import draw_questions

pytestmark = pytest.mark.django_db


def test_seed_imports_the_shipped_bank_once_and_creates_the_practice_contest(orgs):
    load_banks()
    bank = QuestionBank.objects.get(slug="gplx-600")
    assert bank.questions.count() == 600
    assert bank.questions.filter(has_image=True).count() == 318
    assert bank.questions.filter(is_critical=True).count() == 60
    practice = Contest.objects.get(slug=PRACTICE_SLUG)
    assert practice.is_practice and practice.organization == orgs["justice"]
    first = {q.pk: (q.text, q.correct_key) for q in bank.questions.all()}
    lines = load_banks()
    assert "0 mới, 0 cập nhật, 600 không đổi" in lines[0]
    assert {q.pk: (q.text, q.correct_key) for q in bank.questions.all()} == first
    assert Contest.objects.filter(slug=PRACTICE_SLUG).count() == 1


def test_difficulty_follows_the_documented_rule(shared_dir):
    rows = json.loads((shared_dir / "data/quiz/gplx-600-questions.json").read_text(encoding="utf-8"))
    levels = Counter(derive_difficulty(r) for r in rows if not r["hasImage"])
    # text-only: 60 critical are easy; the non-critical four-option ones hard; the rest medium
    assert levels[Difficulty.EASY] == 60
    four = sum(1 for r in rows if not r["hasImage"] and not r["isPointDeduction"] and len(r["options"]) >= 4)
    assert levels[Difficulty.HARD] == four > 0
    assert levels[Difficulty.MEDIUM] == 282 - 60 - four


def test_reimport_keeps_an_editor_set_difficulty_and_updates_changed_text(small_bank, tmp_path):
    question = small_bank.questions.filter(has_image=False).first()
    question.difficulty, question.difficulty_set_by_editor = Difficulty.HARD, True
    question.save()
    rows = [{"id": int(q.source_id), "question": q.text, "options": {o["key"]: o["text"] for o in q.options},
             "correctAnswer": q.correct_key, "isPointDeduction": q.is_critical, "hasImage": q.has_image}
            for q in small_bank.questions.all()]
    rows[1]["question"] = "Câu hỏi đã được sửa?"
    path = tmp_path / "again.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    _, summary = bank_import(path=path, slug=small_bank.slug, name=small_bank.name)
    assert summary.created == 0 and summary.updated >= 1
    assert Question.objects.filter(bank=small_bank).count() == 50
    question.refresh_from_db()
    assert question.difficulty == Difficulty.HARD


def test_import_quiz_command_refuses_a_file_of_the_wrong_shape(db, tmp_path):
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps({"cau_hoi": []}), encoding="utf-8")
    with pytest.raises(CommandError, match="danh sách JSON"):
        call_command("import_quiz", str(path))
    path.write_text(json.dumps([{"id": 1, "question": "Thiếu đáp án", "options": {"a": "x", "b": "y"}}]),
                    encoding="utf-8")
    with pytest.raises(CommandError, match="thiếu trường correctAnswer"):
        call_command("import_quiz", str(path))
    assert not Question.objects.exists()
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("import_quiz", str(tmp_path / "khong-co.json"))


def test_import_quiz_command_reports_bad_rows_and_keeps_good_ones(db, tmp_path, capsys):
    rows = [{"id": 1, "question": "Câu tốt?", "options": {"a": "Có", "b": "Không"}, "correctAnswer": "a"},
            {"id": 2, "question": "Đáp án lạ?", "options": {"a": "Có", "b": "Không"}, "correctAnswer": "d"}]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_quiz", str(path), "--slug", "thu")
    assert "câu 2: đáp án “d” không có" in capsys.readouterr().out
    assert list(Question.objects.values_list("source_id", flat=True)) == ["1"]


def test_draw_excludes_image_questions_orders_easy_to_hard_and_shuffles_options(contest):
    rng = random.Random(7)
    draws = [draw_questions(contest=contest, count=10, rng=rng) for _ in range(20)]
    image_ids = set(Question.objects.filter(has_image=True).values_list("pk", flat=True))
    by_id = {q.pk: q for q in Question.objects.all()}
    orders = set()
    for draw in draws:
        ids = [item["q"] for item in draw]
        assert len(set(ids)) == 10 and not image_ids & set(ids)
        levels = [(by_id[i].difficulty, len(by_id[i].options)) for i in ids]
        assert levels == sorted(levels)
        for item in draw:
            assert sorted(item["o"]) == sorted(o["key"] for o in by_id[item["q"]].options)
            orders.add(tuple(item["o"]))
    assert any(list(order) != sorted(order) for order in orders)  # options really are shuffled


def test_questions_link_to_the_article_when_the_law_is_in_the_library(make_document, tmp_path):
    art = make_document.article
    make_document(number="23/2008/QH12", title="Luật Giao thông đường bộ",
                  articles=[art("16", "Chuyển hướng xe", "Muốn chuyển hướng, người điều khiển phương tiện…")])
    rows = [{"id": 7, "question": "Khi chuyển hướng?", "options": {"a": "Có", "b": "Không"}, "correctAnswer": "a",
             "references": "Luật Giao thông đường bộ 2008, Điều 16"},
            {"id": 8, "question": "Không có điều?", "options": {"a": "Có", "b": "Không"}, "correctAnswer": "b",
             "references": ["Luật GTĐB 2008", "Nghị định 46/2016/NĐ-CP"]}]
    path = tmp_path / "ref.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    _, summary = bank_import(path=path, slug="ref", name="ref")
    assert summary.linked == 1
    linked = Question.objects.get(source_id="7")
    assert [p.anchor for p in linked.provisions.all()] == ["dieu-16"]
    assert not Question.objects.get(source_id="8").provisions.exists()
    assert Question.objects.get(source_id="8").reference_text == "Luật GTĐB 2008; Nghị định 46/2016/NĐ-CP"


def test_unreadable_bank_file_gives_a_vietnamese_reason(db, tmp_path):
    path = tmp_path / "hong.json"
    path.write_bytes(b"\xff\xfe not json")
    with pytest.raises(BankFormatError, match="không phải JSON UTF-8"):
        bank_import(path=path, slug="x", name="x")
