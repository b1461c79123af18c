"""Reads for the learning pages: courses and outlines, a learner's progress, certificates, and coverage.

Coverage of an organization over a period — who counts:
* staff = the users holding a Membership in the organization, plus the active entries of its registered staff
  roster (StaffMember); a roster entry linked to an account is the same person as that account (counted once);
* trained online = staff whose account completed a course in the period (completion date);
* trained in person = staff who attended a session held in the period (matched by account, or by name to the
  organization's roster);
* share trained = trained (either way) / staff; share online = trained online / trained — the plan's
  "trong đó ít nhất 50% (70%) hoạt động tập huấn được thực hiện bằng hình thức trực tuyến".
A person completing two courses, or the same course's quizzes again, counts once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from .models import (
    Attendance,
    Course,
    CourseCertificate,
    Enrollment,
    Lesson,
    LessonProgress,
    Module,
    QuizQuestion,
    StaffMember,
    TrainingSession,
)

# The plan's targets (Kế hoạch thực hiện Đề án 766 tại thành phố Huế, mục I.2).
TARGETS = [
    {"year": 2027, "trained": 80, "online": 50},
    {"year": 2030, "trained": 100, "online": 70},
]


def public_courses():
    return (Course.objects.filter(published=True).select_related("organization")
            .annotate(lesson_count=Count("lessons", distinct=True)).order_by("title"))


def course_by_slug(slug: str) -> Course:
    course = Course.objects.filter(slug=slug, published=True).select_related("organization").first()
    if course is None:
        raise Http404("Không có khóa học này.")
    return course


def lesson_of(course: Course, slug: str) -> Lesson:
    lesson = (Lesson.objects.filter(course=course, slug=slug).select_related("module", "course__organization")
              .prefetch_related(Prefetch("provisions", queryset=_provisions())).first())
    if lesson is None:
        raise Http404("Không có bài học này.")
    return lesson


def _provisions():
    from ..laws.models import Provision

    return Provision.objects.select_related("document", "parent__parent")


def enrollment_for(user, course: Course) -> Enrollment | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrollment.objects.filter(user=user, course=course).select_related("certificate").first()


def outline(course: Course, enrollment: Enrollment | None) -> list[dict]:
    """Modules with their lessons and, for an enrolled learner, each lesson's progress."""
    progress = ({p.lesson_id: p for p in LessonProgress.objects.filter(enrollment=enrollment)}
                if enrollment else {})
    modules = Module.objects.filter(course=course).prefetch_related(
        Prefetch("lessons", queryset=Lesson.objects.order_by("position")))
    return [{"module": m, "lessons": [{"lesson": lesson, "progress": progress.get(lesson.pk)}
                                      for lesson in m.lessons.all()]} for m in modules]


def lesson_neighbours(lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    ordered = list(Lesson.objects.filter(course_id=lesson.course_id).order_by("module__position", "position")
                   .only("slug", "title", "course_id"))
    index = next(i for i, item in enumerate(ordered) if item.pk == lesson.pk)
    return (ordered[index - 1] if index else None, ordered[index + 1] if index + 1 < len(ordered) else None)


def progress_summary(enrollment: Enrollment) -> dict:
    required = Lesson.objects.filter(course_id=enrollment.course_id, required=True).count()
    passed = LessonProgress.objects.filter(enrollment=enrollment, passed_at__isnull=False,
                                           lesson__required=True).count()
    return {"required": required, "passed": passed, "percent": round(100 * passed / required) if required else 0}


def my_enrollments(user) -> list[dict]:
    enrollments = (Enrollment.objects.filter(user=user).select_related("course", "certificate", "organization")
                   .order_by("-enrolled_at"))
    return [{"enrollment": e, "summary": progress_summary(e)} for e in enrollments]


def questions_for_display(lesson: Lesson) -> list[QuizQuestion]:
    """The quiz as the form shows it: unsaved copies whose `correct_key` and `explanation` are blank, so no
    template can send them before the learner submits."""
    return [QuizQuestion(pk=q.pk, lesson_id=q.lesson_id, position=q.position, text=q.text, options=q.options,
                         correct_key="", explanation="") for q in lesson.questions.all()]


def certificate_by_code(code: str) -> CourseCertificate | None:
    code = "".join(code.split()).upper()[:16]
    if not code.isalnum():
        return None
    return CourseCertificate.objects.filter(code=code).first()


# ---------------------------------------------------------------- organizations


def staff_users(organization):
    from django.contrib.auth import get_user_model

    return (get_user_model().objects.filter(is_active=True)
            .filter(Q(memberships__organization=organization)
                    | Q(staff_entries__organization=organization, staff_entries__active=True))
            .distinct().order_by("last_name", "first_name", "username"))


def sessions_of(organization):
    return (TrainingSession.objects.filter(organization=organization)
            .annotate(attendee_count=Count("attendances")).select_related("course"))


def session_of(organization, pk: int) -> TrainingSession:
    session = TrainingSession.objects.filter(organization=organization, pk=pk).select_related("course").first()
    if session is None:
        raise Http404("Không có buổi tập huấn này.")
    return session


@dataclass
class Coverage:
    start: date
    end: date
    staff: int
    trained: int
    online: int
    in_person: int
    online_activities: int
    in_person_activities: int

    @property
    def trained_percent(self) -> int:
        return round(100 * self.trained / self.staff) if self.staff else 0

    @property
    def online_percent(self) -> int:
        """Share of the trained staff trained online."""
        return round(100 * self.online / self.trained) if self.trained else 0

    @property
    def in_person_percent(self) -> int:
        return round(100 * self.in_person / self.trained) if self.trained else 0


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (datetime.combine(start, time.min, tzinfo=tz), datetime.combine(end, time.max, tzinfo=tz))


def coverage(organization, *, start: date, end: date) -> Coverage:
    member_ids = set(staff_users(organization).values_list("pk", flat=True))
    roster = list(StaffMember.objects.filter(organization=organization, active=True).values("pk", "user_id"))
    staff_keys = {f"u{pk}" for pk in member_ids} | {f"u{r['user_id']}" if r["user_id"] else f"r{r['pk']}"
                                                     for r in roster}
    roster_key = {r["pk"]: (f"u{r['user_id']}" if r["user_id"] else f"r{r['pk']}") for r in roster}
    since, until = _bounds(start, end)
    completions = Enrollment.objects.filter(completed_at__range=(since, until), user_id__in=member_ids)
    online = {f"u{uid}" for uid in completions.values_list("user_id", flat=True)}
    attendances = Attendance.objects.filter(session__held_on__range=(start, end)).filter(
        Q(user_id__in=member_ids) | Q(staff__organization=organization))
    in_person = set()
    count_in_person = 0
    for user_id, staff_id in attendances.values_list("user_id", "staff_id"):
        key = f"u{user_id}" if user_id in member_ids else roster_key.get(staff_id)
        if key in staff_keys:
            in_person.add(key)
            count_in_person += 1
    online &= staff_keys
    return Coverage(start=start, end=end, staff=len(staff_keys), trained=len(online | in_person),
                    online=len(online), in_person=len(in_person), online_activities=completions.count(),
                    in_person_activities=count_in_person)


def staff_progress(organization, *, limit: int = 200) -> list[dict]:
    """Each staff member's enrolments and progress, for the organization's administrators."""
    users = staff_users(organization).values_list("pk", flat=True)
    enrollments = (Enrollment.objects.filter(user_id__in=users).select_related("user", "course", "certificate")
                   .order_by("user__last_name", "user__first_name", "user__username", "course__title")[:limit])
    return [{"enrollment": e, "summary": progress_summary(e)} for e in enrollments]
