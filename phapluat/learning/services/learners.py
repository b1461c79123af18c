"""Enrolment (by the learner, or by an organization for its staff), quiz submission checked on the server,
progress, course completion and its certificate.

Completion is recorded once: `Enrollment.completed_at` is set under a row lock only while empty, and the
certificate is one-to-one with the enrolment, so passing a lesson again never completes or certifies twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

# Shared with contests: the verification-code alphabet and SQLite's one-writer lock (to move to core, see report).
from ...core.certificates import new_verification_code
from ...core.db import one_writer
from ...orgs.models import Membership, Organization
from ...orgs.permissions import Action, can
from ..models import Course, CourseCertificate, Enrollment, Lesson, LessonProgress, StaffMember
from .errors import LearningError, NotAllowed

ANSWER_PREFIX = "cau-"
ALLOWED_FIELDS = {"csrfmiddlewaretoken"}


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_staff_of(user, organization: Organization) -> bool:
    """A user works for the organization: a Membership there, or a roster entry linked to the account."""
    return (Membership.objects.filter(user=user, organization=organization).exists()
            or StaffMember.objects.filter(user=user, organization=organization, active=True).exists())


@transaction.atomic
def enroll(*, learner, course: Course) -> tuple[Enrollment, bool]:
    """The learner enrols themself. Idempotent: returns the existing enrolment if there is one."""
    if not _authenticated(learner):
        raise NotAllowed("Vui lòng đăng nhập để ghi danh khóa học.")
    if not course.published:
        raise LearningError("Khóa học chưa mở ghi danh.", status=404)
    existing = Enrollment.objects.filter(course=course, user=learner).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(course=course, user=learner, enrolled_by=learner)
    except IntegrityError:  # a second tab enrolled a moment earlier
        return Enrollment.objects.get(course=course, user=learner), False
    return enrollment, True


@dataclass
class EnrollResult:
    created: list[Enrollment] = field(default_factory=list)
    existing: int = 0


@transaction.atomic
def enroll_staff(*, actor, organization: Organization, course: Course, learners) -> EnrollResult:
    """An organization's administrator enrols members of that organization. All or nothing: one person who does
    not work for the organization and nobody is enrolled."""
    if not can(actor, Action.ADMINISTER, organization):
        raise NotAllowed("Bạn không có quyền ghi danh cán bộ cho đơn vị này.")
    if not course.published:
        raise LearningError("Khóa học chưa mở ghi danh.")
    learners = list(learners)
    if not learners:
        raise LearningError("Vui lòng chọn ít nhất một cán bộ để ghi danh.")
    outsiders = [u for u in learners if not is_staff_of(u, organization)]
    if outsiders:
        raise NotAllowed(f"Chỉ ghi danh được cán bộ của {organization.name}; "
                         f"{len(outsiders)} người đã chọn không thuộc đơn vị. Chưa ghi danh ai.")
    result = EnrollResult()
    for learner in learners:
        enrollment, created = Enrollment.objects.get_or_create(
            course=course, user=learner, defaults={"organization": organization, "enrolled_by": actor})
        if created:
            result.created.append(enrollment)
        else:
            result.existing += 1
    log(course, "learning.enroll_staff", user=actor,
        data={"organization": organization.pk, "created": len(result.created), "existing": result.existing})
    return result


# ---------------------------------------------------------------- quizzes


def parse_answers(lesson: Lesson, data) -> dict[int, str]:
    """Every field of the submission checked against the lesson's own questions and options; anything forged
    (a question of another lesson, an option that does not exist, two answers, unknown fields) is refused."""
    options = {q.pk: {o["key"] for o in q.options} for q in lesson.questions.all()}
    answers: dict[int, str] = {}
    for key in data.keys():
        if key in ALLOWED_FIELDS:
            continue
        values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
        if not key.startswith(ANSWER_PREFIX) or not key[len(ANSWER_PREFIX):].isdigit():
            raise LearningError(f"Bài làm có trường không hợp lệ “{key[:40]}”. Bài chưa được chấm.")
        question_id = int(key[len(ANSWER_PREFIX):])
        if question_id not in options:
            raise LearningError("Bài làm có câu trả lời cho câu hỏi không thuộc bài học này. Bài chưa được chấm.")
        if len(values) != 1:
            raise LearningError("Mỗi câu hỏi chỉ được chọn một phương án. Bài chưa được chấm.")
        value = str(values[0]).strip()
        if value not in options[question_id]:
            raise LearningError("Bài làm có phương án không tồn tại. Bài chưa được chấm.")
        answers[question_id] = value
    return answers


@dataclass
class QuizResult:
    score: int                      # percent
    correct: int
    total: int
    passed: bool
    review: list[dict]              # per question: question, chosen, right (shown only after submission)
    progress: LessonProgress
    completed_course: bool = False  # this submission completed the course
    certificate: CourseCertificate | None = None


def quiz_submit(*, learner, lesson: Lesson, data, now: datetime | None = None) -> QuizResult:
    """Grades the lesson quiz on the server and records progress. A learner may retake a quiz; the best score
    counts. Completing every required lesson completes the course (once) and issues its certificate."""
    now = now or timezone.now()
    if not _authenticated(learner):
        raise NotAllowed("Vui lòng đăng nhập để làm bài kiểm tra.")
    enrollment = Enrollment.objects.filter(course_id=lesson.course_id, user=learner).first()
    if enrollment is None:
        raise NotAllowed("Bạn chưa ghi danh khóa học này.")
    answers = parse_answers(lesson, data)
    questions = list(lesson.questions.all())
    if not questions:
        raise LearningError("Bài học này chưa có câu hỏi kiểm tra.")
    review = [{"question": q, "chosen": answers.get(q.pk, ""), "right": answers.get(q.pk) == q.correct_key}
              for q in questions]
    correct = sum(item["right"] for item in review)
    score = round(100 * correct / len(questions))
    passed = score >= lesson.course.pass_mark
    with one_writer(), transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        progress, _ = LessonProgress.objects.get_or_create(enrollment=enrollment, lesson=lesson)
        progress.attempts += 1
        progress.last_score = score
        progress.best_score = max(progress.best_score, score)
        if passed and progress.passed_at is None:
            progress.passed_at = now
        progress.save()
        result = QuizResult(score=score, correct=correct, total=len(questions), passed=passed, review=review,
                            progress=progress)
        if enrollment.completed_at is None and _all_required_passed(enrollment):
            enrollment.completed_at = now
            enrollment.save(update_fields=["completed_at"])
            result.completed_course = True
            result.certificate = _issue_certificate(enrollment, now)
    return result


def _all_required_passed(enrollment: Enrollment) -> bool:
    required = set(Lesson.objects.filter(course_id=enrollment.course_id, required=True).values_list("pk", flat=True))
    passed = set(LessonProgress.objects.filter(enrollment=enrollment, passed_at__isnull=False)
                 .values_list("lesson_id", flat=True))
    return bool(required) and required <= passed


def holder_name(user) -> str:
    """Vietnamese order: family name (last_name) then given name (first_name); the username if both are empty."""
    name = " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)
    return (name or user.get_username())[:150]


def _issue_certificate(enrollment: Enrollment, now: datetime) -> CourseCertificate:
    existing = CourseCertificate.objects.filter(enrollment=enrollment).first()
    if existing:
        return existing
    course = enrollment.course
    for _ in range(5):  # a collision in 32^12 codes is not expected; retry anyway
        code = new_verification_code()
        if not CourseCertificate.objects.filter(code=code).exists():
            break
    certificate = CourseCertificate.objects.create(
        enrollment=enrollment, code=code, holder_name=holder_name(enrollment.user), course_title=course.title,
        issuer_name=course.organization.name, issued_at=now)
    log(course, "learning.certificate", user=enrollment.user, data={"code": code})
    return certificate

