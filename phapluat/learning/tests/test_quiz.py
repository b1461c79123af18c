"""Quizzes are graded on the server; forged submissions change nothing; completion and its certificate
happen once."""
from __future__ import annotations

from phapluat.learning.models import CourseCertificate, Enrollment, Lesson, LessonProgress

from .conftest import right_answers, wrong_answers


def _enrolled(client, course, make_user, username="hocvien", full_name="Trần Thị Mai"):
    user = make_user(username, full_name=full_name)
    client.force_login(user)
    response = client.post(f"/khoa-hoc/{course.slug}/ghi-danh/")
    assert response.status_code == 302
    return user


def _submit(client, lesson, answers):
    return client.post(f"{lesson.get_absolute_url()}nop-bai/", answers)


def test_enrolment_needs_login_and_is_not_duplicated(client, course, make_user):
    response = client.post(f"/khoa-hoc/{course.slug}/ghi-danh/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    user = _enrolled(client, course, make_user)
    client.post(f"/khoa-hoc/{course.slug}/ghi-danh/")
    assert Enrollment.objects.filter(user=user).count() == 1


def test_wrong_answers_are_recorded_but_do_not_pass(client, course, make_user):
    user = _enrolled(client, course, make_user)
    lesson = Lesson.objects.filter(course=course).first()
    response = _submit(client, lesson, wrong_answers(lesson))
    assert response.status_code == 200
    assert "chưa đạt" in response.content.decode()
    progress = LessonProgress.objects.get(enrollment__user=user, lesson=lesson)
    assert (progress.attempts, progress.best_score, progress.passed) == (1, 0, False)


def test_forged_answers_are_refused_and_nothing_is_stored(client, course, make_user):
    user = _enrolled(client, course, make_user)
    lesson, other = Lesson.objects.filter(course=course).order_by("module__position", "position")[:2]
    good = right_answers(lesson)
    first_key = next(iter(good))
    forgeries = [
        {**good, first_key: "z"},                                   # an option that does not exist
        {**good, **right_answers(other)},                            # answers to another lesson's questions
        {**good, "score": "100"},                                    # a score sent by the client
        {**good, "cau-999999": "a"},                                 # a question that does not exist
        {**good, first_key: [good[first_key], "a"]},                 # two answers to one question
    ]
    for forged in forgeries:
        response = _submit(client, lesson, forged)
        assert response.status_code == 400, forged
        assert "chưa được chấm" in response.content.decode()
    assert not LessonProgress.objects.filter(enrollment__user=user).exists()


def test_not_enrolled_learner_cannot_submit(client, course, make_user):
    client.force_login(make_user("khach"))
    lesson = Lesson.objects.filter(course=course).first()
    assert _submit(client, lesson, right_answers(lesson)).status_code == 403


def test_completing_every_lesson_issues_one_certificate_verifiable_in_public(client, course, make_user):
    user = _enrolled(client, course, make_user)
    lessons = list(Lesson.objects.filter(course=course).order_by("module__position", "position"))
    for lesson in lessons[:-1]:
        assert "đạt" in _submit(client, lesson, right_answers(lesson)).content.decode()
    assert Enrollment.objects.get(user=user).completed_at is None
    page = _submit(client, lessons[-1], right_answers(lessons[-1])).content.decode()
    assert "hoàn thành khóa học" in page
    enrollment = Enrollment.objects.get(user=user)
    certificate = CourseCertificate.objects.get(enrollment=enrollment)
    completed_at = enrollment.completed_at

    # Taking the quizzes again neither completes twice nor issues a second certificate.
    for lesson in lessons:
        _submit(client, lesson, right_answers(lesson))
    enrollment.refresh_from_db()
    assert enrollment.completed_at == completed_at
    assert CourseCertificate.objects.filter(enrollment__user=user).count() == 1

    client.logout()
    verify = client.get(f"/khoa-hoc/xac-minh/{certificate.code.lower()}/")
    text = verify.content.decode()
    assert verify.status_code == 200 and "Trần Thị Mai" in text and course.title in text
    assert user.username not in text  # only what the certificate states
    pdf = client.get(f"/khoa-hoc/chung-nhan/{certificate.code}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 5000
    import io

    from pypdf import PdfReader

    printed = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Trần Thị Mai" in printed and certificate.code in printed
    assert f"/khoa-hoc/xac-minh/{certificate.code}/" in printed  # the address the QR code carries
    assert client.get("/khoa-hoc/xac-minh/KHONGCOMA234/").status_code == 404


def test_progress_is_kept_on_the_server_and_shown_to_the_learner(client, course, make_user):
    _enrolled(client, course, make_user)
    lesson = Lesson.objects.filter(course=course).first()
    _submit(client, lesson, right_answers(lesson))
    client.logout()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="hocvien"))  # another device, same account
    mine = client.get("/khoa-hoc/cua-toi/").content.decode()
    assert course.title in mine and "1/5 bài" in mine
    outline = client.get(course.get_absolute_url()).content.decode()
    assert "Đã đạt (100%)" in outline


def test_quiz_submissions_are_rate_limited(client, course, make_user, settings):
    settings.LEARNING_RATE_LIMITS = {"quiz": (2, 60)}
    _enrolled(client, course, make_user)
    lesson = Lesson.objects.filter(course=course).first()
    assert [_submit(client, lesson, wrong_answers(lesson)).status_code for _ in range(3)] == [200, 200, 429]
