"""Online legal contests: question banks, contests with scheduled rounds, participants and attempts.

Integrity lives in the database: one attempt per participant and round (unique constraint), the draw and the
timing are stored on the attempt when it starts, and the submission is taken under a row lock.
"""
from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class QuestionBank(models.Model):
    name = models.CharField("tên ngân hàng câu hỏi", max_length=200)
    slug = models.SlugField("mã", max_length=120, unique=True)
    description = models.TextField("giới thiệu", blank=True)
    source = models.CharField("nguồn", max_length=300, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="question_banks", verbose_name="đơn vị quản lý",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ngân hàng câu hỏi"
        verbose_name_plural = "ngân hàng câu hỏi"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Difficulty(models.IntegerChoices):
    EASY = 1, "Dễ"
    MEDIUM = 2, "Trung bình"
    HARD = 3, "Khó"


class Question(models.Model):
    """One multiple-choice question. `options` is a list of {"key": "a", "text": "..."} in the bank's order;
    `correct_key` names the right one and never leaves the server before the participant submits."""

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="questions",
                             verbose_name="ngân hàng")
    source_id = models.CharField("mã trong nguồn", max_length=40)
    number = models.PositiveIntegerField("số thứ tự", default=0)
    text = models.TextField("câu hỏi")
    options = models.JSONField("phương án", default=list)
    correct_key = models.CharField("đáp án đúng", max_length=4)
    explanation = models.TextField("giải thích", blank=True)
    chapter = models.CharField("chương", max_length=300, blank=True)
    topics = models.JSONField("chủ đề", default=list, blank=True)
    is_critical = models.BooleanField(
        "câu điểm liệt", default=False,
        help_text="Câu hỏi về hành vi nguy hiểm, bắt buộc trả lời đúng trong sát hạch lái xe.")
    has_image = models.BooleanField(
        "cần hình ảnh", default=False,
        help_text="Hình ảnh không có trong ngân hàng: câu hỏi này không được rút vào đề theo mặc định.")
    image_ref = models.CharField("tệp hình trong nguồn", max_length=200, blank=True)
    difficulty = models.PositiveSmallIntegerField("độ khó", choices=Difficulty.choices, default=Difficulty.MEDIUM)
    difficulty_set_by_editor = models.BooleanField(
        "độ khó do biên tập viên đặt", default=False,
        help_text="Khi bật, nhập lại ngân hàng không tính lại độ khó.")
    reference_text = models.CharField("căn cứ pháp lý (như trong nguồn)", max_length=500, blank=True)
    provisions = models.ManyToManyField("laws.Provision", blank=True, related_name="quiz_questions",
                                        verbose_name="điều khoản được kiểm tra")
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "câu hỏi"
        verbose_name_plural = "câu hỏi"
        ordering = ["bank", "number"]
        constraints = [models.UniqueConstraint(fields=["bank", "source_id"], name="unique_question_per_bank")]
        indexes = [models.Index(fields=["bank", "active", "has_image", "difficulty"])]

    def __str__(self) -> str:
        return f"Câu {self.number}: {self.text[:60]}"

    def option_text(self, key: str) -> str:
        for option in self.options:
            if option["key"] == key:
                return option["text"]
        return ""


class Contest(models.Model):
    class Mode(models.TextChoices):
        COMPETITION = "thi", "Cuộc thi có xếp hạng"
        PRACTICE = "luyen-tap", "Luyện tập (có giải thích)"

    title = models.CharField("tên cuộc thi", max_length=300)
    slug = models.SlugField("đường dẫn", max_length=160, unique=True)
    mode = models.CharField("hình thức", max_length=20, choices=Mode.choices, default=Mode.COMPETITION)
    description = models.TextField("thể lệ, giới thiệu", blank=True)
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="contests",
                                     verbose_name="đơn vị tổ chức")
    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="contests",
                             verbose_name="ngân hàng câu hỏi")
    include_image_questions = models.BooleanField(
        "rút cả câu hỏi cần hình", default=False,
        help_text="Chỉ bật khi ngân hàng đã có hình ảnh cho các câu này.")
    requires_account = models.BooleanField(
        "bắt buộc đăng nhập", default=False,
        help_text="Khi bật, mỗi tài khoản chỉ đăng ký được một lần; khi tắt, ai cũng đăng ký được bằng tên hiển thị.")
    practice_size = models.PositiveSmallIntegerField("số câu mỗi lượt luyện tập", default=10)
    winners_count = models.PositiveSmallIntegerField("số người được cấp chứng nhận", default=3)
    published = models.BooleanField("công khai", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cuộc thi"
        verbose_name_plural = "cuộc thi"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("contests:detail", kwargs={"slug": self.slug})

    @property
    def is_practice(self) -> bool:
        return self.mode == self.Mode.PRACTICE


class Round(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds", verbose_name="cuộc thi")
    number = models.PositiveSmallIntegerField("vòng số")
    title = models.CharField("tên vòng", max_length=200, blank=True)
    opens_at = models.DateTimeField("mở lúc")
    closes_at = models.DateTimeField("đóng lúc")
    question_count = models.PositiveSmallIntegerField("số câu hỏi", default=20)
    time_limit_seconds = models.PositiveIntegerField("thời gian làm bài (giây)", default=900)

    class Meta:
        verbose_name = "vòng thi"
        verbose_name_plural = "vòng thi"
        ordering = ["contest", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="unique_round_number"),
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                   name="round_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.title or f"Vòng {self.number}"

    @property
    def label(self) -> str:
        return f"Vòng {self.number}" + (f": {self.title}" if self.title else "")

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return "sap-mo"
        if now >= self.closes_at:
            return "da-dong"
        return "dang-mo"


class Participant(models.Model):
    """A citizen taking part. Public pages show only `display_name`, the commune/ward and the school.

    Identity: a random secret handed to the browser in a signed cookie (and shown once as a re-entry code);
    only its SHA-256 is stored. A logged-in user is also linked, at most once per contest."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="participants")
    display_name = models.CharField("tên hiển thị", max_length=60)
    show_initials = models.BooleanField("chỉ hiện tên viết tắt", default=False)
    ward = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="contest_participants",
                             verbose_name="xã, phường")
    school = models.CharField("trường (nếu có)", max_length=120, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="contest_participations")
    secret_hash = models.CharField(max_length=64, unique=True)
    import_key = models.CharField(
        "khóa nhập từ bảng tính", max_length=64, null=True, blank=True,
        help_text="Để nhập lại cùng một danh sách không tạo người dự thi trùng.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "người dự thi"
        verbose_name_plural = "người dự thi"
        constraints = [
            models.UniqueConstraint(fields=["contest", "user"], condition=models.Q(user__isnull=False),
                                    name="one_participation_per_user"),
            models.UniqueConstraint(fields=["contest", "import_key"], condition=models.Q(import_key__isnull=False),
                                    name="one_participant_per_imported_row"),
        ]
        indexes = [models.Index(fields=["contest", "ward"]), models.Index(fields=["contest", "school"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def public_name(self) -> str:
        """What public pages show: the chosen name, or its initials ("Nguyễn Văn An" -> "N. V. A.")."""
        if not self.show_initials:
            return self.display_name
        return " ".join(f"{word[0].upper()}." for word in self.display_name.split() if word)

    @staticmethod
    def hash_secret(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()


class Attempt(models.Model):
    """A participant's one attempt at one round. `draw` is the server's record of what was shown:
    [{"q": question_id, "o": ["c", "a", "b"]}, ...] in display order (options in display order too)."""

    class Status(models.TextChoices):
        STARTED = "dang-lam", "Đang làm bài"
        SUBMITTED = "da-nop", "Đã nộp"
        EXPIRED = "het-gio", "Hết giờ, không nộp"

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="attempts")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="attempts")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.STARTED)
    draw = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField()
    deadline_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(default=0)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "bài làm"
        verbose_name_plural = "bài làm"
        constraints = [models.UniqueConstraint(fields=["participant", "round"], name="one_attempt_per_round")]
        indexes = [models.Index(fields=["round", "status", "-score", "duration_ms"])]

    def __str__(self) -> str:
        return f"{self.participant} – {self.round}"

    @property
    def duration_label(self) -> str:
        """"3:07" (phút:giây), "0:00" when not submitted."""
        seconds = int((self.duration_ms or 0) // 1000)
        return f"{seconds // 60}:{seconds % 60:02d}"


class Certificate(models.Model):
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="certificate")
    rank = models.PositiveSmallIntegerField("hạng")
    score = models.PositiveIntegerField("tổng điểm")
    code = models.CharField("mã xác minh", max_length=16, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        verbose_name = "giấy chứng nhận"
        verbose_name_plural = "giấy chứng nhận"
        ordering = ["participant__contest", "rank"]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("contests:verify", kwargs={"code": self.code})
