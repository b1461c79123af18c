"""Writes for contests: creating contests and rounds, registering participants, starting and submitting
attempts, issuing certificates. Every function is keyword-only and transactional; officials' actions are audited.

Integrity of an attempt:
* the draw (questions and option order) and the deadline are stored when the attempt starts;
* `UniqueConstraint(participant, round)` makes a second attempt impossible, whatever tab or reload asks;
* the submission locks the attempt row (`select_for_update`) and is accepted once; the score is computed here
  from the stored draw, never read from the request.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from ...core.certificates import new_verification_code
from ...core.db import one_writer
from ...core.sanitize import clean_text
from ...core.text import vn_slugify
from ...orgs.models import Organization
from ...orgs.permissions import Action, can
from ..models import Attempt, Certificate, Contest, Difficulty, Participant, Question, QuestionBank, Round

# A submission that left the browser in time may arrive a little late over a slow mobile network.
GRACE_SECONDS = 10
# Share of each difficulty in a round's draw (easy first, hard last); shortfalls are filled from the others.
DRAW_SHARES = {Difficulty.EASY: 0.3, Difficulty.MEDIUM: 0.4, Difficulty.HARD: 0.3}
ANSWER_PREFIX = "cau-"
# Fields a submission form may carry besides the answers.
ALLOWED_FIELDS = {"csrfmiddlewaretoken"}




class ContestError(Exception):
    """A request the rules refuse. `message` is Vietnamese and shown as is; `status` is the HTTP status."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status:
            self.status = status


class NotAllowed(ContestError):
    status = 403


class AlreadySubmitted(ContestError):
    status = 409


class TooLate(ContestError):
    status = 409


# ---------------------------------------------------------------- officials


@dataclass
class RoundData:
    opens_at: datetime
    closes_at: datetime
    question_count: int = 20
    time_limit_seconds: int = 900
    title: str = ""


def _unique_slug(title: str) -> str:
    base = vn_slugify(title, 140) or "cuoc-thi"
    slug, n = base, 2
    while Contest.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _eligible(bank: QuestionBank, include_images: bool):
    questions = Question.objects.filter(bank=bank, active=True)
    return questions if include_images else questions.filter(has_image=False)


def _check_round(contest: Contest, data: RoundData) -> None:
    if data.closes_at <= data.opens_at:
        raise ContestError("Thời điểm đóng vòng thi phải sau thời điểm mở.")
    if not 1 <= data.question_count <= 100:
        raise ContestError("Số câu hỏi của một vòng phải từ 1 đến 100.")
    if not 60 <= data.time_limit_seconds <= 4 * 3600:
        raise ContestError("Thời gian làm bài phải từ 1 phút đến 4 giờ.")
    available = _eligible(contest.bank, contest.include_image_questions).count()
    if data.question_count > available:
        raise ContestError(f"Ngân hàng chỉ có {available} câu hỏi dùng được, không đủ {data.question_count} câu.")


@transaction.atomic
def contest_create(*, user, organization: Organization, bank: QuestionBank, title: str, description: str = "",
                   mode: str = Contest.Mode.COMPETITION, first_round: RoundData | None = None,
                   requires_account: bool = False, winners_count: int = 3) -> Contest:
    if not can(user, Action.EDIT, organization):
        raise NotAllowed("Bạn không có quyền tạo cuộc thi cho đơn vị này.")
    title = clean_text(title, max_length=300)
    if not title:
        raise ContestError("Cuộc thi cần có tên.")
    contest = Contest.objects.create(
        title=title, slug=_unique_slug(title), description=clean_text(description, max_length=5000), mode=mode,
        organization=organization, bank=bank, created_by=user, requires_account=requires_account,
        winners_count=max(0, min(winners_count, 100)))
    if first_round is not None:
        round_add(user=user, contest=contest, data=first_round)
    log(contest, "contests.create", user=user, data={"title": contest.title, "organization": organization.pk})
    return contest


@transaction.atomic
def round_add(*, user, contest: Contest, data: RoundData) -> Round:
    if not can(user, Action.EDIT, contest.organization):
        raise NotAllowed("Bạn không có quyền sửa cuộc thi này.")
    _check_round(contest, data)
    number = (contest.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    round_ = Round.objects.create(contest=contest, number=number, title=clean_text(data.title, max_length=200),
                                  opens_at=data.opens_at, closes_at=data.closes_at,
                                  question_count=data.question_count, time_limit_seconds=data.time_limit_seconds)
    log(contest, "contests.round_add", user=user, data={"round": number})
    return round_


# ---------------------------------------------------------------- participants


def validate_display_name(value: str) -> str:
    name = " ".join(clean_text(value, max_length=200).split())
    if len(name) < 2:
        raise ContestError("Tên hiển thị cần ít nhất 2 ký tự.")
    if len(name) > 60:
        raise ContestError("Tên hiển thị dài tối đa 60 ký tự.")
    digits = sum(ch.isdigit() for ch in name)
    if "@" in name or digits >= 6:
        raise ContestError("Tên hiển thị được công khai trên bảng xếp hạng: xin đừng ghi thư điện tử hay "
                           "số điện thoại.")
    return name


@transaction.atomic
def participant_register(*, contest: Contest, display_name: str, ward: Organization, school: str = "",
                         show_initials: bool = False, user=None) -> tuple[Participant, str]:
    """Registers a participant; returns it and its secret (kept by the browser, only its hash is stored)."""
    if contest.is_practice:
        raise ContestError("Phần luyện tập không cần đăng ký.")
    if not ward.is_local_unit:
        raise ContestError("Vui lòng chọn một xã hoặc phường của thành phố.")
    authenticated = bool(user is not None and getattr(user, "is_authenticated", False))
    if contest.requires_account and not authenticated:
        raise NotAllowed("Cuộc thi này yêu cầu đăng nhập trước khi đăng ký.")
    if authenticated and Participant.objects.filter(contest=contest, user=user).exists():
        raise AlreadySubmitted("Tài khoản của bạn đã đăng ký cuộc thi này.")
    secret = secrets.token_urlsafe(12)
    try:
        with one_writer(), transaction.atomic():
            participant = Participant.objects.create(
                contest=contest, display_name=validate_display_name(display_name), ward=ward,
                school=" ".join(clean_text(school, max_length=120).split()), show_initials=show_initials,
                user=user if authenticated else None, secret_hash=Participant.hash_secret(secret))
    except IntegrityError as error:
        raise AlreadySubmitted("Tài khoản của bạn đã đăng ký cuộc thi này.") from error
    return participant, secret


def participant_for_secret(*, contest: Contest, participant_id: int, secret: str) -> Participant | None:
    """The participant whose secret this is, or None. Compares hashes (the stored value is a hash)."""
    if not secret:
        return None
    participant = Participant.objects.filter(pk=participant_id, contest=contest).select_related("ward").first()
    if participant and secrets.compare_digest(participant.secret_hash, Participant.hash_secret(secret)):
        return participant
    return None


# ---------------------------------------------------------------- draws and attempts


def draw_questions(*, contest: Contest, count: int, rng: random.Random | None = None) -> list[dict]:
    """`count` questions, stratified by difficulty and ordered easy to hard (fewer options first within a
    level); options shuffled. Returns [{"q": id, "o": [keys in display order]}]."""
    from ..selectors import bank_questions

    rng = rng or random.SystemRandom()
    pool = [(pk, difficulty, options) for pk, (_text, options, difficulty, has_image)
            in bank_questions(contest.bank_id).items() if contest.include_image_questions or not has_image]
    if len(pool) < count:
        raise ContestError("Ngân hàng câu hỏi không đủ câu để ra đề.")
    by_level: dict[int, list] = {}
    for row in pool:
        by_level.setdefault(row[1], []).append(row)
    chosen: list = []
    for level, share in DRAW_SHARES.items():
        candidates = by_level.get(level, [])
        chosen += rng.sample(candidates, min(len(candidates), round(count * share)))
    if len(chosen) < count:  # a level ran short: fill from what is left
        taken = {row[0] for row in chosen}
        rest = [row for row in pool if row[0] not in taken]
        chosen += rng.sample(rest, count - len(chosen))
    chosen = chosen[:count]
    decorated = [(row[1], len(row[2]), rng.random(), row) for row in chosen]
    decorated.sort(key=lambda item: item[:3])
    draw = []
    for *_, (question_id, _level, options) in decorated:
        keys = [option["key"] for option in options]
        rng.shuffle(keys)
        draw.append({"q": question_id, "o": keys})
    return draw


def attempt_for(*, participant: Participant, round_: Round) -> Attempt | None:
    return Attempt.objects.filter(participant=participant, round=round_).first()


def attempt_start(*, participant: Participant, round_: Round, now: datetime | None = None) -> Attempt:
    """Starts the participant's attempt at the round, or returns the one already started (a reload or a second
    tab gets the same questions and the same clock, never a new draw)."""
    now = now or timezone.now()
    if round_.contest_id != participant.contest_id:
        raise NotAllowed("Người dự thi không thuộc cuộc thi này.")
    existing = attempt_for(participant=participant, round_=round_)
    if existing is not None:
        return existing
    if now < round_.opens_at:
        raise ContestError(f"Vòng thi chưa mở. Vòng thi mở lúc {timezone.localtime(round_.opens_at):%H:%M ngày %d/%m/%Y}.",
                           status=403)
    if now >= round_.closes_at:
        raise TooLate("Vòng thi đã kết thúc, không thể bắt đầu làm bài.")
    draw = draw_questions(contest=round_.contest, count=round_.question_count)
    deadline = min(now + timedelta(seconds=round_.time_limit_seconds), round_.closes_at)
    try:
        with one_writer(), transaction.atomic():
            return Attempt.objects.create(participant=participant, round=round_, draw=draw, started_at=now,
                                          deadline_at=deadline)
    except IntegrityError:  # a second tab started the same attempt a moment earlier
        return Attempt.objects.get(participant=participant, round=round_)


def parse_answers(attempt: Attempt, data) -> dict[str, int]:
    """Checks every field of the submission against the stored draw; raises ContestError on anything forged."""
    drawn = {str(item["q"]): len(item["o"]) for item in attempt.draw}
    answers: dict[str, int] = {}
    for key in data.keys():
        values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
        if key in ALLOWED_FIELDS:
            continue
        if not key.startswith(ANSWER_PREFIX):
            raise ContestError(f"Bài nộp có trường không hợp lệ “{key[:40]}”. Điểm do máy chủ tính từ các câu "
                               "trả lời; bài chưa được nộp, hãy nộp lại từ trang làm bài.")
        question_id = key[len(ANSWER_PREFIX):]
        if question_id not in drawn:
            raise ContestError("Bài nộp có câu trả lời cho câu hỏi không thuộc đề của bạn. Bài chưa được nộp, "
                               "hãy nộp lại từ trang làm bài.")
        if len(values) != 1:
            raise ContestError("Mỗi câu hỏi chỉ được chọn một phương án. Bài chưa được nộp.")
        value = str(values[0]).strip()
        if not value.isdigit() or int(value) >= drawn[question_id]:
            raise ContestError("Bài nộp có phương án không tồn tại. Bài chưa được nộp, hãy nộp lại từ trang làm bài.")
        answers[question_id] = int(value)
    return answers


def attempt_submit(*, participant: Participant, round_: Round, data, now: datetime | None = None) -> Attempt:
    """Accepts the answers once, before the deadline (plus a short network grace). Raises ContestError with a
    Vietnamese message otherwise; a refused submission changes nothing stored, except that a submission after
    the deadline closes the attempt as "hết giờ"."""
    now = now or timezone.now()
    late = False
    with one_writer(), transaction.atomic():
        attempt = (Attempt.objects.select_for_update()
                   .filter(participant=participant, round=round_).first())
        if attempt is None:
            raise ContestError("Bạn chưa bắt đầu làm bài ở vòng này.", status=404)
        if attempt.status == Attempt.Status.SUBMITTED:
            raise AlreadySubmitted(
                f"Bài thi đã được nộp lúc {timezone.localtime(attempt.submitted_at):%H:%M:%S ngày %d/%m/%Y}; "
                "mỗi người chỉ nộp một lần, kết quả đã ghi không thay đổi.")
        if attempt.status == Attempt.Status.EXPIRED or now > attempt.deadline_at + timedelta(seconds=GRACE_SECONDS):
            if attempt.status != Attempt.Status.EXPIRED:
                attempt.status = Attempt.Status.EXPIRED
                attempt.save(update_fields=["status"])
            late = True
        else:
            answers = parse_answers(attempt, data)
            drawn = {item["q"]: item["o"] for item in attempt.draw}
            correct = dict(Question.objects.filter(pk__in=drawn.keys()).values_list("pk", "correct_key"))
            chosen_keys = {qid: drawn[int(qid)][index] for qid, index in answers.items()}
            attempt.answers = chosen_keys
            attempt.score = sum(1 for qid, key in chosen_keys.items() if correct.get(int(qid)) == key)
            attempt.submitted_at = now
            effective_end = min(now, attempt.deadline_at)
            attempt.duration_ms = max(0, int((effective_end - attempt.started_at).total_seconds() * 1000))
            attempt.status = Attempt.Status.SUBMITTED
            attempt.save(update_fields=["answers", "score", "submitted_at", "duration_ms", "status"])
    if late:
        raise TooLate(f"Đã hết giờ làm bài (hạn nộp {timezone.localtime(attempt.deadline_at):%H:%M:%S}); "
                      "bài nộp sau hạn không được chấm.")
    return attempt


def attempt_is_overdue(attempt: Attempt, now: datetime | None = None) -> bool:
    """Started, never submitted, and past the deadline and the grace: it can no longer be submitted."""
    now = now or timezone.now()
    return attempt.status == Attempt.Status.STARTED and now > attempt.deadline_at + timedelta(seconds=GRACE_SECONDS)


def attempt_time_left(attempt: Attempt, now: datetime | None = None) -> int:
    now = now or timezone.now()
    return max(0, int((attempt.deadline_at - now).total_seconds()))


# ---------------------------------------------------------------- certificates


@transaction.atomic
def certificates_issue(*, user, contest: Contest, now: datetime | None = None) -> list[Certificate]:
    """Certificates for the first `winners_count` of the overall ranking, once every round is closed.
    Idempotent: a winner who already holds one keeps it (same code)."""
    from ..selectors import overall_ranking

    now = now or timezone.now()
    if not can(user, Action.EDIT, contest.organization):
        raise NotAllowed("Bạn không có quyền cấp chứng nhận cho cuộc thi này.")
    if not contest.rounds.exists() or contest.rounds.filter(closes_at__gt=now).exists():
        raise ContestError("Chỉ cấp chứng nhận khi mọi vòng thi đã kết thúc.")
    issued = []
    for row in overall_ranking(contest)[: contest.winners_count]:
        participant = Participant.objects.get(pk=row["participant_id"])
        certificate, created = Certificate.objects.get_or_create(
            participant=participant,
            defaults={"rank": row["rank"], "score": row["score"], "code": new_verification_code(), "issued_by": user})
        issued.append(certificate)
        if created:
            log(contest, "contests.certificate", user=user, data={"code": certificate.code, "rank": row["rank"]})
    return issued
