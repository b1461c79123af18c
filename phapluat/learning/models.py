"""Online training (MOOC) for the officials, legal reporters and propagandists who do PBGDPL, and the record of
in-person sessions, so that an organization can see how much of its staff is trained and how much of it online
(plan targets: 80% trained by 2027, 100% by 2030; at least 50%, then 70%, of the training online).

A course has modules, a module has lessons; every lesson ends with a quiz. The course sets its completion rules:
the pass mark of each lesson quiz and which lessons are required. Correct answers stay on the server.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class Course(models.Model):
    title = models.CharField("tên khóa học", max_length=300)
    slug = models.SlugField("đường dẫn", max_length=160, unique=True)
    summary = models.TextField("giới thiệu", blank=True)
    audience = models.CharField("đối tượng", max_length=300, blank=True)
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="courses",
                                     verbose_name="đơn vị biên soạn")
    pass_mark = models.PositiveSmallIntegerField(
        "điểm đạt mỗi bài kiểm tra (%)", default=80,
        help_text="Tỷ lệ câu trả lời đúng tối thiểu để bài học được tính là hoàn thành.")
    published = models.BooleanField("công khai", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khóa học"
        verbose_name_plural = "khóa học"
        ordering = ["title"]
        constraints = [models.CheckConstraint(condition=models.Q(pass_mark__gte=1, pass_mark__lte=100),
                                              name="course_pass_mark_1_100")]

    # Paths under /khoa-hoc/ that are pages, not courses.
    RESERVED_SLUGS = {"cua-toi", "xac-minh", "chung-nhan", "don-vi"}

    def __str__(self) -> str:
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError({"slug": "Đường dẫn này đã dùng cho một trang khác, hãy chọn đường dẫn khác."})

    def get_absolute_url(self) -> str:
        return reverse("learning:course", kwargs={"slug": self.slug})


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules", verbose_name="khóa học")
    position = models.PositiveSmallIntegerField("thứ tự")
    title = models.CharField("tên chương", max_length=300)

    class Meta:
        verbose_name = "chương"
        verbose_name_plural = "chương"
        ordering = ["course", "position"]
        constraints = [models.UniqueConstraint(fields=["course", "position"], name="unique_module_position")]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons", verbose_name="khóa học")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons", verbose_name="chương")
    position = models.PositiveSmallIntegerField("thứ tự trong chương")
    slug = models.SlugField("đường dẫn", max_length=120)
    title = models.CharField("tên bài", max_length=300)
    body = models.TextField("nội dung", help_text="Văn bản thuần; mỗi đoạn cách nhau một dòng trống.")
    video_url = models.URLField("video", blank=True)
    audio_url = models.URLField("âm thanh", blank=True)
    transcript = models.TextField("lời thoại (bản chữ của video, âm thanh)", blank=True)
    attachments = models.JSONField("tài liệu kèm theo", default=list, blank=True,
                                   help_text='Danh sách {"title": "...", "url": "..."}.')
    provisions = models.ManyToManyField("laws.Provision", blank=True, related_name="lessons",
                                        verbose_name="điều khoản liên quan")
    required = models.BooleanField("bắt buộc để hoàn thành khóa học", default=True)

    class Meta:
        verbose_name = "bài học"
        verbose_name_plural = "bài học"
        ordering = ["course", "module__position", "position"]
        constraints = [models.UniqueConstraint(fields=["course", "slug"], name="unique_lesson_slug"),
                       models.UniqueConstraint(fields=["module", "position"], name="unique_lesson_position")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:lesson", kwargs={"slug": self.course.slug, "lesson": self.slug})


class QuizQuestion(models.Model):
    """`options` = [{"key": "a", "text": "..."}]; `correct_key` never leaves the server before submission."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions", verbose_name="bài học")
    position = models.PositiveSmallIntegerField("thứ tự")
    text = models.TextField("câu hỏi")
    options = models.JSONField("phương án", default=list)
    correct_key = models.CharField("đáp án đúng", max_length=4)
    explanation = models.TextField("giải thích", blank=True)

    class Meta:
        verbose_name = "câu hỏi kiểm tra"
        verbose_name_plural = "câu hỏi kiểm tra"
        ordering = ["lesson", "position"]
        constraints = [models.UniqueConstraint(fields=["lesson", "position"], name="unique_quiz_position")]

    def __str__(self) -> str:
        return self.text[:80]


class Enrollment(models.Model):
    """One learner in one course. `organization` is set when an organization enrolled its staff member."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    organization = models.ForeignKey("orgs.Organization", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="enrollments", verbose_name="đơn vị ghi danh")
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField("hoàn thành lúc", null=True, blank=True)

    class Meta:
        verbose_name = "ghi danh"
        verbose_name_plural = "ghi danh"
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="one_enrollment_per_course")]
        indexes = [models.Index(fields=["completed_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.course}"


class LessonProgress(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    attempts = models.PositiveIntegerField("số lần làm bài", default=0)
    last_score = models.PositiveSmallIntegerField("điểm lần gần nhất (%)", default=0)
    best_score = models.PositiveSmallIntegerField("điểm cao nhất (%)", default=0)
    passed_at = models.DateTimeField("đạt lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tiến độ bài học"
        verbose_name_plural = "tiến độ bài học"
        constraints = [models.UniqueConstraint(fields=["enrollment", "lesson"], name="one_progress_per_lesson")]

    @property
    def passed(self) -> bool:
        return self.passed_at is not None


class CourseCertificate(models.Model):
    """What the certificate states is stored as issued (name, course, date), so it verifies the same forever."""

    enrollment = models.OneToOneField(Enrollment, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField("mã xác minh", max_length=16, unique=True)
    holder_name = models.CharField("người được cấp", max_length=150)
    course_title = models.CharField("khóa học", max_length=300)
    issuer_name = models.CharField("đơn vị cấp", max_length=200)
    issued_at = models.DateTimeField()

    class Meta:
        verbose_name = "chứng nhận hoàn thành khóa học"
        verbose_name_plural = "chứng nhận hoàn thành khóa học"

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("learning:verify", kwargs={"code": self.code})


class StaffMember(models.Model):
    """The registered staff roster of an organization: people who do PBGDPL work there (công chức tham mưu,
    báo cáo viên, tuyên truyền viên) whether or not they have an account on the portal. An entry linked to a
    user counts once with that user's Membership."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="staff_roster")
    full_name = models.CharField("họ và tên", max_length=150)
    name_key = models.CharField(max_length=150, editable=False)
    position = models.CharField("chức danh", max_length=150, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="staff_entries", verbose_name="tài khoản")
    active = models.BooleanField("đang công tác", default=True)

    class Meta:
        verbose_name = "cán bộ trong danh sách"
        verbose_name_plural = "danh sách cán bộ"
        ordering = ["organization", "full_name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name_key"], name="unique_staff_name")]

    def __str__(self) -> str:
        return self.full_name


class TrainingSession(models.Model):
    """An in-person training session (tập huấn trực tiếp)."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="training_sessions",
                                     verbose_name="đơn vị tổ chức")
    title = models.CharField("nội dung tập huấn", max_length=300)
    held_on = models.DateField("ngày tổ chức")
    trainer = models.CharField("báo cáo viên, giảng viên", max_length=200)
    location = models.CharField("địa điểm", max_length=300, blank=True)
    course = models.ForeignKey(Course, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="sessions", verbose_name="khóa học liên quan")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "buổi tập huấn trực tiếp"
        verbose_name_plural = "buổi tập huấn trực tiếp"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Attendance(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendances")
    full_name = models.CharField("họ và tên", max_length=150)
    position = models.CharField("chức danh", max_length=150, blank=True)
    staff = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="training_attendances")
    import_key = models.CharField(max_length=64)

    class Meta:
        verbose_name = "người tham dự"
        verbose_name_plural = "người tham dự"
        ordering = ["session", "full_name"]
        constraints = [models.UniqueConstraint(fields=["session", "import_key"], name="one_attendance_per_row")]

    def __str__(self) -> str:
        return self.full_name
