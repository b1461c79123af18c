"""Pages of the online training: thin — parse the request, call a service or selector, render."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..core.ratelimit import TOO_MANY, hit
from ..orgs.models import Organization
from ..orgs.permissions import Action, can, organizations_for
from . import selectors
from .forms import PeriodForm, SessionForm
from .models import Course
from .services import learners, records
from .services.errors import LearningError


def _limit(request, scope: str, limit: int, window: int = 60):
    """A 429 page once the address is over the limit (configurable: LEARNING_RATE_LIMITS[scope] = (n, s))."""
    limit, window = getattr(settings, "LEARNING_RATE_LIMITS", {}).get(scope, (limit, window))
    if hit(request, scope=f"learning-{scope}", limit=limit, window=window):
        return None
    response = render(request, "learning/refused.html", {"message": TOO_MANY}, status=429)
    response["Retry-After"] = str(window)
    return response


def _refused(request, error: LearningError):
    return render(request, "learning/refused.html", {"message": error.message}, status=error.status)


# ---------------------------------------------------------------- learners


@require_GET
def course_list(request):
    return render(request, "learning/course_list.html", {
        "courses": selectors.public_courses(), "targets": selectors.TARGETS,
        "administered": organizations_for(request.user, Action.ADMINISTER)[:1]})


@require_GET
def course_detail(request, slug: str):
    course = selectors.course_by_slug(slug)
    enrollment = selectors.enrollment_for(request.user, course)
    return render(request, "learning/course_detail.html", {
        "course": course, "enrollment": enrollment, "outline": selectors.outline(course, enrollment),
        "summary": selectors.progress_summary(enrollment) if enrollment else None})


@login_required
@require_POST
def enroll_self(request, slug: str):
    course = selectors.course_by_slug(slug)
    if (limited := _limit(request, "enroll", 30)) is not None:
        return limited
    try:
        learners.enroll(learner=request.user, course=course)
    except LearningError as error:
        return _refused(request, error)
    first = course.lessons.order_by("module__position", "position").first()
    return redirect(first.get_absolute_url() if first else course.get_absolute_url())


@require_GET
def lesson_page(request, slug: str, lesson: str):
    course = selectors.course_by_slug(slug)
    lesson_obj = selectors.lesson_of(course, lesson)
    enrollment = selectors.enrollment_for(request.user, course)
    previous, following = selectors.lesson_neighbours(lesson_obj)
    progress = enrollment.progress.filter(lesson=lesson_obj).first() if enrollment else None
    return render(request, "learning/lesson.html", {
        "course": course, "lesson": lesson_obj, "enrollment": enrollment, "progress": progress,
        "paragraphs": [p.strip() for p in lesson_obj.body.split("\n\n") if p.strip()],
        "questions": selectors.questions_for_display(lesson_obj), "answer_prefix": learners.ANSWER_PREFIX,
        "previous": previous, "next": following})


@login_required
@require_POST
def quiz_submit(request, slug: str, lesson: str):
    course = selectors.course_by_slug(slug)
    lesson_obj = selectors.lesson_of(course, lesson)
    if (limited := _limit(request, "quiz", 60)) is not None:
        return limited
    try:
        result = learners.quiz_submit(learner=request.user, lesson=lesson_obj, data=request.POST)
    except LearningError as error:
        return _refused(request, error)
    _previous, following = selectors.lesson_neighbours(lesson_obj)
    return render(request, "learning/quiz_result.html", {
        "course": course, "lesson": lesson_obj, "result": result, "next": following,
        "summary": selectors.progress_summary(result.progress.enrollment)})


@login_required
@require_GET
def my_learning(request):
    return render(request, "learning/mine.html", {"rows": selectors.my_enrollments(request.user)})


# ---------------------------------------------------------------- certificates


@require_GET
def verify(request, code: str = ""):
    code = (code or request.GET.get("ma", ""))[:40]
    if code and (limited := _limit(request, "verify", 60)) is not None:
        return limited
    certificate = selectors.certificate_by_code(code) if code else None
    status = 404 if code and certificate is None else 200
    return render(request, "learning/verify.html", {"certificate": certificate, "code": code}, status=status)


@require_GET
def certificate_pdf(request, code: str):
    from .certificates import course_certificate_pdf

    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404("Không có giấy chứng nhận với mã này.")
    verify_url = request.build_absolute_uri(reverse("learning:verify", kwargs={"code": certificate.code}))
    response = HttpResponse(course_certificate_pdf(certificate, verify_url=verify_url),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chung-nhan-{certificate.code}.pdf"'
    return response


# ---------------------------------------------------------------- organizations (their administrators)


def _administered(request, slug: str) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not can(request.user, Action.ADMINISTER, organization):
        raise PermissionDenied("Bạn không có quyền quản trị đơn vị này.")
    return organization


@login_required
@require_GET
def org_list(request):
    organizations = organizations_for(request.user, Action.ADMINISTER)
    if not organizations:
        raise PermissionDenied("Bạn chưa có vai trò quản trị ở đơn vị nào.")
    if len(organizations) == 1:
        return redirect("learning:org", org=organizations[0].slug)
    return render(request, "learning/org_list.html", {"organizations": organizations})


def _dashboard(request, organization, *, status=200, **extra):
    period = PeriodForm(request.GET or None)
    start, end = period.period()
    coverage = selectors.coverage(organization, start=start, end=end)
    context = {
        "organization": organization, "period": period, "coverage": coverage, "targets": selectors.TARGETS,
        "staff": selectors.staff_users(organization), "courses": selectors.public_courses(),
        "sessions": selectors.sessions_of(organization)[:20], "session_form": SessionForm(),
        "progress_rows": selectors.staff_progress(organization),
        "roster_count": organization.staff_roster.filter(active=True).count(), **extra}
    return render(request, "learning/org_dashboard.html", context, status=status)


@login_required
@require_GET
def org_dashboard(request, org: str):
    return _dashboard(request, _administered(request, org))


@login_required
@require_POST
def org_enroll(request, org: str):
    organization = _administered(request, org)
    raw = request.POST.get("khoa_hoc", "")
    course = Course.objects.filter(pk=int(raw), published=True).first() if raw.isdigit() else None
    ids = [v for v in request.POST.getlist("can_bo") if v.isdigit()]
    try:
        if course is None:
            raise LearningError("Vui lòng chọn khóa học.")
        users = list(get_user_model().objects.filter(pk__in=ids))
        if len(users) != len(set(ids)):
            raise LearningError("Có người được chọn không tồn tại.")
        result = learners.enroll_staff(actor=request.user, organization=organization, course=course,
                                       learners=users)
    except LearningError as error:
        return _dashboard(request, organization, status=error.status, enroll_error=error.message)
    return _dashboard(request, organization, enroll_done=(
        f"Đã ghi danh {len(result.created)} người vào “{course.title}”"
        + (f"; {result.existing} người đã ghi danh từ trước." if result.existing else ".")))


@login_required
@require_POST
def roster_upload(request, org: str):
    organization = _administered(request, org)
    try:
        upload = request.FILES.get("bang_tinh")
        if upload is None:
            raise LearningError("Vui lòng chọn tệp bảng tính (.xlsx).")
        summary = records.roster_import(user=request.user, organization=organization, file=upload)
    except LearningError as error:
        return _dashboard(request, organization, status=error.status, roster_error=error.message)
    return _dashboard(request, organization, roster_done=(
        f"Đã thêm {summary.created} người vào danh sách cán bộ; {summary.existing} người đã có."))


@login_required
@require_POST
def session_create(request, org: str):
    organization = _administered(request, org)
    form = SessionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            session = records.session_create(user=request.user, organization=organization, title=data["title"],
                                             held_on=data["held_on"], trainer=data["trainer"],
                                             location=data["location"], course=data["course"])
        except LearningError as error:
            return _dashboard(request, organization, status=error.status, session_error=error.message,
                              session_form=form)
        return redirect("learning:session", org=organization.slug, pk=session.pk)
    return _dashboard(request, organization, status=400, session_form=form)


@login_required
@require_GET
def session_detail(request, org: str, pk: int):
    organization = _administered(request, org)
    session = selectors.session_of(organization, pk)
    return render(request, "learning/session.html", {
        "organization": organization, "session": session,
        "attendances": session.attendances.select_related("staff")})


@login_required
@require_POST
def attendance_upload(request, org: str, pk: int):
    organization = _administered(request, org)
    session = selectors.session_of(organization, pk)
    try:
        upload = request.FILES.get("bang_tinh")
        if upload is None:
            raise LearningError("Vui lòng chọn tệp bảng tính (.xlsx).")
        summary = records.attendance_import(user=request.user, session=session, file=upload)
    except LearningError as error:
        return render(request, "learning/session.html", {
            "organization": organization, "session": session, "upload_error": error.message,
            "attendances": session.attendances.select_related("staff")}, status=error.status)
    message = f"Đã nhập {summary.created} người tham dự; {summary.existing} người đã có từ lần nhập trước."
    if summary.outside_roster:
        message += (f" {summary.outside_roster} người chưa có trong danh sách cán bộ của đơn vị nên chưa được "
                    "tính vào tỷ lệ tập huấn.")
    return render(request, "learning/session.html", {
        "organization": organization, "session": session, "upload_done": message,
        "attendances": session.attendances.select_related("staff")})
