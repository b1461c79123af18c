"""The first course ships real content and the pages never reveal the answers before submission."""
from __future__ import annotations

import re

from phapluat.learning.models import Course, Lesson, QuizQuestion
from phapluat.learning.seed import load_first_course


def test_first_course_is_loaded_once_and_quotes_the_plan_figures(course):
    counts = (Course.objects.count(), Lesson.objects.count(), QuizQuestion.objects.count())
    load_first_course()
    assert (Course.objects.count(), Lesson.objects.count(), QuizQuestion.objects.count()) == counts
    assert counts[1] == 5 and counts[2] >= 15
    text = " ".join(Lesson.objects.values_list("body", flat=True))
    for figure in ("ít nhất 80% cán bộ", "ít nhất 50% hoạt động tập huấn", "ít nhất 70% hoạt động tập huấn",
                   "Quyết định số 766/QĐ-TTg ngày 15 tháng 4 năm 2025", "đạt 90%", "#dieu-5-khoan-2"):
        assert figure in text, figure


def test_every_quiz_question_has_one_existing_right_answer(course):
    for question in QuizQuestion.objects.all():
        keys = [o["key"] for o in question.options]
        assert question.correct_key in keys and len(keys) == len(set(keys)) >= 3


def test_course_list_and_outline_render_without_login(client, course):
    page = client.get("/khoa-hoc/").content.decode()
    assert course.title in page
    response = client.get(course.get_absolute_url())
    assert response.status_code == 200
    assert "Đăng nhập để ghi danh" in response.content.decode()


def test_lesson_page_never_contains_the_correct_answers(client, course, make_user):
    client.force_login(make_user("hocvien"))
    client.post(f"/khoa-hoc/{course.slug}/ghi-danh/")
    lesson = Lesson.objects.get(slug="muc-tieu-cu-the-hai-giai-doan")
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert 'name="cau-' in html
    for question in lesson.questions.all():
        assert question.explanation not in html
    # The options are sent in their stored order with neutral keys; nothing marks the right one.
    assert not re.search(r"correct|dap-an|data-right", html, re.IGNORECASE)


def test_lesson_links_to_provisions_of_the_library(client, course, make_document):
    document = make_document(number="99/2099/QH99", title="Luật Thử nghiệm")
    provision = document.provisions.get(anchor="dieu-2-khoan-1")
    lesson = Lesson.objects.get(slug="tim-van-ban-va-dieu-khoan")
    lesson.provisions.add(provision)
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert f'href="{provision.get_absolute_url()}"' in html
    assert provision.get_absolute_url().endswith("#dieu-2-khoan-1")


def test_seed_links_lessons_to_the_law_once_it_is_in_the_library(orgs, make_document):
    article = make_document.article
    make_document(number="14/2012/QH13", title="Luật Phổ biến, giáo dục pháp luật", articles=[
        article("11", "Hình thức phổ biến, giáo dục pháp luật", "Họp báo."),
        article("35", "Báo cáo viên pháp luật", "Tiêu chuẩn.", "Bổ nhiệm."),
        article("37", "Tuyên truyền viên pháp luật", "Công nhận.")])
    load_first_course()
    load_first_course()
    lesson = Lesson.objects.get(slug="tim-van-ban-va-dieu-khoan")
    assert sorted(p.anchor for p in lesson.provisions.all()) == ["dieu-35", "dieu-35-khoan-1"]
    assert Lesson.objects.get(slug="can-cu-va-muc-tieu-tong-quat").provisions.count() == 3
