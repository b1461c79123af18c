"""Contest and fines-lookup pages. Thin: parse the request, call a service or selector, render.

Who is a participant: a logged-in user linked to a Participant of the contest, or the bearer of the signed
cookie `ct<contest id>` = "<participant id>:<secret>" set at registration (only the secret's hash is stored).
"""
from __future__ import annotations

import random

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.log_actions import log

from ..core.ratelimit import TOO_MANY, hit
from ..orgs.permissions import Action, can, organizations_for
from . import selectors
from .forms import ContestForm, ReentryForm, RegistrationForm, RoundForm
from .models import Attempt, Contest, Participant
from .services import contests as services
from .services.contests import ContestError

COOKIE_SALT = "contests.participant"
PRACTICE_SALT = "contests.practice"
COOKIE_AGE = 180 * 24 * 3600
PRACTICE_MAX_AGE = 6 * 3600


def _limit(request, scope: str, default: tuple[int, int]):
    """A 429 response when the address is over the limit (configurable: CONTESTS_RATE_LIMITS[scope])."""
    limit, window = getattr(settings, "CONTESTS_RATE_LIMITS", {}).get(scope, default)
    # start/submit: generous per address (a school lab shares one address); each attempt is accepted once anyway
    if hit(request, scope=f"contests-{scope}", limit=limit, window=window):
        return None
    response = render(request, "contests/refused.html", {"message": TOO_MANY}, status=429)
    response["Retry-After"] = str(window)
    return response


def _refused(request, error: ContestError, *, contest: Contest | None = None, round_=None):
    return render(request, "contests/refused.html", {"message": error.message, "contest": contest, "round": round_},
                  status=error.status)


def _cookie_name(contest: Contest) -> str:
    return f"ct{contest.pk}"


def current_participant(request, contest: Contest) -> Participant | None:
    if request.user.is_authenticated:
        linked = Participant.objects.filter(contest=contest, user=request.user).select_related("ward").first()
        if linked:
            return linked
    value = request.get_signed_cookie(_cookie_name(contest), default="", salt=COOKIE_SALT, max_age=COOKIE_AGE)
    participant_id, _, secret = value.partition(":")
    if not participant_id.isdigit():
        return None
    return services.participant_for_secret(contest=contest, participant_id=int(participant_id), secret=secret)


def _remember(response, contest: Contest, participant: Participant, secret: str) -> None:
    response.set_signed_cookie(_cookie_name(contest), f"{participant.pk}:{secret}", salt=COOKIE_SALT,
                               max_age=COOKIE_AGE, httponly=True, samesite="Lax",
                               secure=getattr(settings, "SESSION_COOKIE_SECURE", False))


# ---------------------------------------------------------------- public pages


@require_GET
def contest_list(request):
    return render(request, "contests/contest_list.html", {"contests": selectors.public_contests()})


@require_GET
def contest_detail(request, slug: str):
    contest = selectors.contest_by_slug(slug)
    participant = current_participant(request, contest)
    now = timezone.now()
    rounds = []
    attempts = {a.round_id: a for a in participant.attempts.all()} if participant else {}
    for round_ in contest.rounds.order_by("number"):
        rounds.append({"round": round_, "state": round_.state(now), "attempt": attempts.get(round_.pk)})
    return render(request, "contests/contest_detail.html", {
        "contest": contest, "participant": participant, "rounds": rounds,
        "can_manage": can(request.user, Action.EDIT, contest.organization),
        "eligible": selectors.eligible_question_count(contest),
        "new": request.GET.get("moi") == "1" and participant is not None,
        "reentry_code": _reentry_code(request, contest, participant),
    })


def _reentry_code(request, contest: Contest, participant: Participant | None) -> str:
    """The participant's own code to come back from another device, read from their cookie (never stored)."""
    if participant is None:
        return ""
    value = request.get_signed_cookie(_cookie_name(contest), default="", salt=COOKIE_SALT, max_age=COOKIE_AGE)
    participant_id, _, secret = value.partition(":")
    return f"{participant_id}-{secret}" if participant_id == str(participant.pk) else ""


@require_http_methods(["GET", "POST"])
def register(request, slug: str):
    contest = selectors.contest_by_slug(slug)
    if contest.is_practice:
        return redirect("contests:practice", slug=contest.slug)
    if current_participant(request, contest):
        return redirect(contest)
    form = RegistrationForm(request.POST or None)
    error = None
    if request.method == "POST":
        if (limited := _limit(request, "register", (20, 600))) is not None:
            return limited
        if form.is_valid():
            data = form.cleaned_data
            try:
                participant, secret = services.participant_register(
                    contest=contest, display_name=data["display_name"], ward=data["ward"], school=data["school"],
                    show_initials=data["show_initials"], user=request.user)
            except ContestError as exc:
                error = exc.message
            else:
                response = redirect(f"{contest.get_absolute_url()}?moi=1")
                _remember(response, contest, participant, secret)
                return response
    return render(request, "contests/register.html", {"contest": contest, "form": form, "error": error},
                  status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
def reentry(request, slug: str):
    contest = selectors.contest_by_slug(slug)
    form = ReentryForm(request.POST or None)
    error = None
    if request.method == "POST":
        if (limited := _limit(request, "reentry", (10, 600))) is not None:
            return limited
        if form.is_valid():
            participant_id, _, secret = form.cleaned_data["code"].strip().partition("-")
            participant = (services.participant_for_secret(contest=contest, participant_id=int(participant_id),
                                                           secret=secret) if participant_id.isdigit() else None)
            if participant:
                response = redirect(contest)
                _remember(response, contest, participant, secret)
                return response
            error = "Mã dự thi không đúng. Hãy kiểm tra lại mã bạn đã lưu khi đăng ký."
    return render(request, "contests/reentry.html", {"contest": contest, "form": form, "error": error},
                  status=400 if error else 200)


def _participant_or_register(request, contest):
    participant = current_participant(request, contest)
    if participant is None:
        return None, redirect("contests:register", slug=contest.slug)
    return participant, None


@require_http_methods(["GET", "POST"])
def round_start(request, slug: str, number: int):
    """GET: the round's rules and a start button. POST: starts (or resumes) the attempt."""
    contest = selectors.contest_by_slug(slug)
    round_ = selectors.round_of(contest, number)
    participant, go_register = _participant_or_register(request, contest)
    if go_register:
        return go_register
    if request.method == "POST":
        if (limited := _limit(request, "start", (600, 60))) is not None:
            return limited
        try:
            services.attempt_start(participant=participant, round_=round_)
        except ContestError as error:
            return _refused(request, error, contest=contest, round_=round_)
        return redirect("contests:attempt", slug=contest.slug, number=round_.number)
    attempt = services.attempt_for(participant=participant, round_=round_)
    if attempt is not None:
        return redirect("contests:attempt", slug=contest.slug, number=round_.number)
    return render(request, "contests/round_start.html", {
        "contest": contest, "round": round_, "participant": participant, "state": round_.state()})


@require_GET
def attempt_page(request, slug: str, number: int):
    contest = selectors.contest_by_slug(slug)
    round_ = selectors.round_of(contest, number)
    participant, go_register = _participant_or_register(request, contest)
    if go_register:
        return go_register
    attempt = services.attempt_for(participant=participant, round_=round_)
    if attempt is None:
        return redirect("contests:round", slug=contest.slug, number=round_.number)
    if attempt.status != Attempt.Status.STARTED or services.attempt_is_overdue(attempt):
        return redirect("contests:result", slug=contest.slug, number=round_.number)
    left = services.attempt_time_left(attempt)
    return render(request, "contests/attempt.html", {
        "contest": contest, "round": round_, "attempt": attempt, "seconds_left": left,
        "questions": selectors.questions_for_draw(attempt.draw, bank_id=contest.bank_id), "answer_prefix": services.ANSWER_PREFIX,
        "deadline": timezone.localtime(attempt.deadline_at)})


@require_POST
def attempt_submit(request, slug: str, number: int):
    contest = selectors.contest_by_slug(slug)
    round_ = selectors.round_of(contest, number)
    participant = current_participant(request, contest)
    if participant is None:
        return _refused(request, services.NotAllowed(
            "Không xác định được người dự thi (có thể bạn đã xóa cookie). Hãy vào lại bằng mã dự thi."),
            contest=contest, round_=round_)
    if (limited := _limit(request, "submit", (600, 60))) is not None:
        return limited
    try:
        attempt = services.attempt_submit(participant=participant, round_=round_, data=request.POST)
    except ContestError as error:
        if error.status == 400:
            log(contest, "contests.submission_refused",
                data={"participant": participant.pk, "round": round_.number, "reason": error.message[:200]})
        return _refused(request, error, contest=contest, round_=round_)
    if request.headers.get("Accept") == "application/json":  # the load benchmark's client
        from django.http import JsonResponse

        return JsonResponse({"ok": True, "score": attempt.score, "duration_ms": attempt.duration_ms})
    return redirect("contests:result", slug=contest.slug, number=round_.number)


@require_GET
def attempt_result(request, slug: str, number: int):
    contest = selectors.contest_by_slug(slug)
    round_ = selectors.round_of(contest, number)
    participant, go_register = _participant_or_register(request, contest)
    if go_register:
        return go_register
    attempt = services.attempt_for(participant=participant, round_=round_)
    if attempt is None:
        return redirect("contests:round", slug=contest.slug, number=round_.number)
    overdue = services.attempt_is_overdue(attempt)
    if attempt.status == Attempt.Status.STARTED and not overdue:
        return redirect("contests:attempt", slug=contest.slug, number=round_.number)
    closed = round_.state() == "da-dong"
    review = selectors.questions_for_draw(attempt.draw, with_answers=True, chosen=attempt.answers) if closed else []
    return render(request, "contests/result.html", {
        "contest": contest, "round": round_, "attempt": attempt, "closed": closed, "review": review,
        "overdue": overdue,
        "answers": attempt.answers, "certificate": getattr(participant, "certificate", None)})


@require_GET
def leaderboard(request, slug: str):
    contest = selectors.contest_by_slug(slug)
    round_number = request.GET.get("vong", "")
    round_ = contest.rounds.filter(number=int(round_number)).first() if round_number.isdigit() else None
    ward = request.GET.get("xa", "")[:120]
    school = " ".join(request.GET.get("truong", "")[:120].split())
    rows = selectors.overall_ranking(contest, round_=round_, ward_slug=ward, school=school)
    context = {"contest": contest, "rows": rows, "round": round_, "ward": ward, "school": school,
               "rounds": contest.rounds.order_by("number"), "wards": selectors.ward_table(contest),
               "schools": selectors.school_table(contest)[:50]}
    if request.htmx:
        return render(request, "contests/_ranking_table.html", context)
    return render(request, "contests/leaderboard.html", context)


@require_http_methods(["GET", "POST"])
def practice(request, slug: str):
    """Practice with explanations: nothing is stored. The draw travels signed in the form, so the answers
    are graded against exactly the questions shown, and the right answers are shown only after submitting."""
    contest = selectors.contest_by_slug(slug)
    if request.method == "POST":
        if (limited := _limit(request, "practice", (30, 60))) is not None:
            return limited
        try:
            payload = signing.loads(request.POST.get("de", ""), salt=PRACTICE_SALT, max_age=PRACTICE_MAX_AGE)
            if payload.get("c") != contest.pk:
                raise signing.BadSignature
        except signing.BadSignature:
            return _refused(request, ContestError("Đề luyện tập không hợp lệ hoặc đã quá 6 giờ. Hãy làm đề mới."),
                            contest=contest)
        fake = Attempt(draw=payload["d"])
        try:
            answers = services.parse_answers(fake, _without(request.POST, "de"))
        except ContestError as error:
            return _refused(request, error, contest=contest)
        drawn = {str(item["q"]): item["o"] for item in payload["d"]}
        chosen = {qid: drawn[qid][index] for qid, index in answers.items()}
        review = selectors.questions_for_draw(payload["d"], with_answers=True, chosen=chosen)
        return render(request, "contests/practice_result.html", {
            "contest": contest, "review": review, "score": sum(q["right"] for q in review), "total": len(review)})
    try:
        draw = services.draw_questions(contest=contest, count=contest.practice_size, rng=random.SystemRandom())
    except ContestError as error:
        return _refused(request, error, contest=contest)
    return render(request, "contests/practice.html", {
        "contest": contest, "questions": selectors.questions_for_draw(draw, bank_id=contest.bank_id),
        "token": signing.dumps({"c": contest.pk, "d": draw}, salt=PRACTICE_SALT, compress=True),
        "answer_prefix": services.ANSWER_PREFIX})


def _without(data, *keys):
    copy = data.copy()
    for key in keys:
        copy.pop(key, None)
    return copy


# ---------------------------------------------------------------- certificates


@require_GET
def verify(request, code: str = ""):
    code = code or request.GET.get("ma", "")
    certificate = selectors.certificate_by_code(code) if code else None
    status = 404 if code and certificate is None else 200
    return render(request, "contests/verify.html", {"certificate": certificate, "code": code}, status=status)


@require_GET
def certificate_pdf(request, code: str):
    from .exports import certificate_pdf as make_pdf

    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404("Không có giấy chứng nhận với mã này.")
    verify_url = request.build_absolute_uri(reverse("contests:verify", kwargs={"code": certificate.code}))
    response = HttpResponse(make_pdf(certificate, verify_url=verify_url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chung-nhan-{certificate.code}.pdf"'
    return response


# ---------------------------------------------------------------- officials


def _managed(request, slug: str) -> Contest:
    contest = selectors.contest_by_slug(slug)
    if not can(request.user, Action.EDIT, contest.organization):
        raise PermissionDenied("Bạn không có quyền quản lý cuộc thi này.")
    return contest


@login_required
@require_http_methods(["GET", "POST"])
def contest_create(request):
    organizations = organizations_for(request.user, Action.EDIT)
    if not organizations:
        raise PermissionDenied("Bạn chưa có vai trò biên tập ở đơn vị nào.")
    form = ContestForm(request.POST or None, organizations=organizations)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        first_round = None
        if data["mode"] == Contest.Mode.COMPETITION:
            if not (data.get("opens_at") and data.get("closes_at")):
                error = "Cuộc thi có xếp hạng cần thời điểm mở và đóng của vòng 1."
            else:
                first_round = services.RoundData(
                    opens_at=data["opens_at"], closes_at=data["closes_at"], title=data.get("title") or "",
                    question_count=data.get("question_count") or 20,
                    time_limit_seconds=(data.get("time_limit_minutes") or 15) * 60)
        if error is None:
            try:
                contest = services.contest_create(
                    user=request.user, organization=data["organization"], bank=data["bank"],
                    title=data["title_contest"], description=data["description"], mode=data["mode"],
                    first_round=first_round, requires_account=data["requires_account"],
                    winners_count=data["winners_count"])
            except ContestError as exc:
                error = exc.message
            else:
                return redirect("contests:manage", slug=contest.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "contests/create.html", {"form": form, "error": error}, status=status)


@login_required
@require_GET
def manage(request, slug: str):
    contest = _managed(request, slug)
    return render(request, "contests/manage.html", {
        "contest": contest, "rounds": contest.rounds.order_by("number"), "stats": selectors.contest_stats(contest),
        "form": RoundForm(), "certificates": contest.participants.filter(certificate__isnull=False)
        .select_related("certificate", "ward").order_by("certificate__rank")})


@login_required
@require_POST
def round_add(request, slug: str):
    contest = _managed(request, slug)
    form = RoundForm(request.POST)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.round_add(user=request.user, contest=contest, data=services.RoundData(
                opens_at=data["opens_at"], closes_at=data["closes_at"], title=data["title"],
                question_count=data["question_count"], time_limit_seconds=data["time_limit_minutes"] * 60))
        except ContestError as exc:
            error = exc.message
        else:
            return redirect("contests:manage", slug=contest.slug)
    return render(request, "contests/manage.html", {
        "contest": contest, "rounds": contest.rounds.order_by("number"), "stats": selectors.contest_stats(contest),
        "form": form, "error": error, "certificates": []}, status=400)


@login_required
@require_POST
def participants_upload(request, slug: str):
    from .services.participants import codes_xlsx, participants_import

    contest = _managed(request, slug)
    upload = request.FILES.get("bang_tinh")
    try:
        if upload is None:
            raise ContestError("Vui lòng chọn tệp bảng tính (.xlsx).")
        result = participants_import(user=request.user, contest=contest, file=upload)
    except ContestError as error:
        return render(request, "contests/manage.html", {
            "contest": contest, "rounds": contest.rounds.order_by("number"),
            "stats": selectors.contest_stats(contest), "form": RoundForm(), "upload_error": error.message,
            "certificates": []}, status=error.status)
    response = HttpResponse(codes_xlsx(contest, result),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="ma-du-thi-{contest.slug}.xlsx"'
    response["X-Nguoi-Moi"] = str(len(result.created))
    response["X-Da-Co"] = str(result.existing)
    return response


@login_required
@require_GET
def export_xlsx(request, slug: str):
    from .exports import results_xlsx

    contest = _managed(request, slug)
    log(contest, "contests.export", user=request.user)
    response = HttpResponse(results_xlsx(contest),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="ket-qua-{contest.slug}.xlsx"'
    return response


@login_required
@require_POST
def certificates_issue(request, slug: str):
    contest = _managed(request, slug)
    try:
        services.certificates_issue(user=request.user, contest=contest)
    except ContestError as error:
        return _refused(request, error, contest=contest)
    return redirect("contests:manage", slug=contest.slug)


# ---------------------------------------------------------------- fines lookup


@require_GET
def fines_lookup(request):
    query = " ".join(request.GET.get("q", "")[:200].split())
    results = selectors.fines_lookup(query) if query else []
    context = {"query": query, "results": results, "decree_status": selectors.decree_168_status(), "examples": [
        "vượt đèn đỏ xe máy", "không đội mũ bảo hiểm", "nồng độ cồn ô tô", "đi ngược chiều", "leo vỉa hè xe máy"]}
    if request.htmx:
        return render(request, "contests/_fines_results.html", context)
    return render(request, "contests/fines.html", context)
