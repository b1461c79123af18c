"""Questions and answers, practical legal situations, law-enforcement problems, replies to petitions and
the legal support area for businesses.

The question's life is a small state machine (`Question.State`, `TRANSITIONS`); the service functions in
`services.py` are the only way to move along it. Contact details of the person who asks are kept in
their own fields and are never rendered on a public page.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ..laws.models.document import EffectStatus

# A cited provision "loses effect" under these statuses; the answer is then flagged for review.
LAPSED_STATUSES = {EffectStatus.EXPIRED, EffectStatus.SUSPENDED}


class Topic(models.Model):
    """A field of law a question or a case belongs to (Đất đai, Lao động…)."""

    name = models.CharField("tên", max_length=120, unique=True)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chủ đề hỏi đáp"
        verbose_name_plural = "chủ đề hỏi đáp"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class AskerType(models.TextChoices):
    PERSON = "ca-nhan", "Cá nhân"
    BUSINESS = "doanh-nghiep", "Doanh nghiệp"


class Industry(models.TextChoices):
    """Broad sections of the Vietnamese industry classification (VSIC 2018)."""

    AGRICULTURE = "nong-lam-thuy-san", "Nông nghiệp, lâm nghiệp và thủy sản"
    MANUFACTURING = "che-bien-che-tao", "Công nghiệp chế biến, chế tạo"
    CONSTRUCTION = "xay-dung", "Xây dựng"
    TRADE = "ban-buon-ban-le", "Bán buôn, bán lẻ"
    TRANSPORT = "van-tai-kho-bai", "Vận tải, kho bãi"
    HOSPITALITY = "luu-tru-an-uong", "Dịch vụ lưu trú và ăn uống, du lịch"
    ICT = "thong-tin-truyen-thong", "Thông tin và truyền thông"
    FINANCE = "tai-chinh", "Tài chính, ngân hàng, bảo hiểm"
    REAL_ESTATE = "bat-dong-san", "Kinh doanh bất động sản"
    EDUCATION = "giao-duc", "Giáo dục và đào tạo"
    HEALTH = "y-te", "Y tế"
    OTHER = "khac", "Ngành khác"


class IssueType(models.TextChoices):
    REGISTRATION = "dang-ky-doanh-nghiep", "Thành lập, đăng ký doanh nghiệp"
    TAX = "thue-phi", "Thuế, phí, lệ phí"
    LABOUR = "lao-dong-bao-hiem", "Lao động, bảo hiểm xã hội"
    LAND = "dat-dai-xay-dung", "Đất đai, xây dựng"
    CONTRACT = "hop-dong-thuong-mai", "Hợp đồng, thương mại"
    INVESTMENT = "dau-tu", "Đầu tư"
    IP = "so-huu-tri-tue", "Sở hữu trí tuệ"
    ENVIRONMENT = "moi-truong", "Môi trường"
    PROCEDURE = "thu-tuc-hanh-chinh", "Thủ tục hành chính"
    OTHER = "khac", "Vấn đề khác"


class Moderated(models.Model):
    """Published items any visitor may report; hidden after enough reports, pending a moderator."""

    hidden = models.BooleanField("tạm ẩn do bị báo cáo", default=False)

    class Meta:
        abstract = True


class Question(Moderated):
    class State(models.TextChoices):
        NEW = "moi", "Mới tiếp nhận, chờ phân loại"
        ROUTED = "dang-xu-ly", "Đã chuyển đơn vị trả lời, đang xử lý"
        PENDING = "cho-duyet", "Đã có dự thảo trả lời, chờ phê duyệt"
        PUBLISHED = "da-cong-bo", "Đã trả lời công khai"
        ANSWERED_PRIVATELY = "da-tra-loi-rieng", "Đã trả lời riêng cho người hỏi"
        REJECTED = "khong-thu-ly", "Không thụ lý"

    class Delivery(models.TextChoices):
        PUBLIC = "cong-khai", "Công bố công khai (đã ẩn thông tin cá nhân)"
        PRIVATE = "rieng", "Chỉ gửi riêng cho người hỏi"

    tracking_code = models.CharField("mã theo dõi", max_length=20, unique=True)
    asker_type = models.CharField("người hỏi là", max_length=20, choices=AskerType.choices,
                                  default=AskerType.PERSON)
    body = models.TextField("nội dung câu hỏi")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="questions", verbose_name="chủ đề")
    locality = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="qa_questions_from",
                                 verbose_name="xã, phường")
    industry = models.CharField("ngành nghề", max_length=40, choices=Industry.choices, blank=True)
    issue_type = models.CharField("loại vướng mắc", max_length=40, choices=IssueType.choices, blank=True)
    # Private: never rendered on a public page, never written to the audit log.
    contact_name = models.CharField("họ tên / tên doanh nghiệp", max_length=200, blank=True)
    contact_email = models.EmailField("thư điện tử", blank=True)
    contact_phone = models.CharField("số điện thoại", max_length=30, blank=True)

    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    state = models.CharField("trạng thái", max_length=20, choices=State.choices, default=State.NEW, db_index=True)
    assigned_to = models.ForeignKey("orgs.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="qa_questions", verbose_name="đơn vị trả lời")
    deadline = models.DateField("hạn trả lời", null=True, blank=True)
    state_note = models.CharField("ghi chú xử lý", max_length=1000, blank=True,
                                  help_text="Lý do không thụ lý hoặc yêu cầu sửa dự thảo; người hỏi thấy lý do không thụ lý.")
    # What the public sees once published: anonymised by the answering organization, checked by the approver.
    public_title = models.CharField("tiêu đề công bố", max_length=300, blank=True)
    public_text = models.TextField("câu hỏi công bố (đã ẩn thông tin cá nhân)", blank=True)
    search_folded = models.TextField(blank=True, editable=False)

    submitted_at = models.DateTimeField("ngày gửi", default=timezone.now, db_index=True)
    routed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField("ngày trả lời", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "câu hỏi"
        verbose_name_plural = "câu hỏi"
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["state", "hidden", "answered_at"]),
                   models.Index(fields=["assigned_to", "state", "deadline"])]

    def __str__(self) -> str:
        return self.public_title or f"Câu hỏi {self.tracking_code}"

    def get_absolute_url(self) -> str:
        return reverse("qa:question", kwargs={"pk": self.pk})

    def get_tracking_url(self) -> str:
        return reverse("qa:track", kwargs={"code": self.tracking_code})

    @property
    def is_public(self) -> bool:
        return self.state == self.State.PUBLISHED and not self.hidden

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.deadline is not None and self.deadline < today


OPEN_STATES = {Question.State.NEW, Question.State.ROUTED, Question.State.PENDING}

# The allowed moves; services refuse anything else with a Vietnamese message.
TRANSITIONS: dict[str, set[str]] = {
    Question.State.NEW: {Question.State.ROUTED, Question.State.REJECTED},
    Question.State.ROUTED: {Question.State.ROUTED, Question.State.PENDING, Question.State.REJECTED},
    Question.State.PENDING: {Question.State.ROUTED, Question.State.PUBLISHED, Question.State.ANSWERED_PRIVATELY},
    Question.State.PUBLISHED: set(),
    Question.State.ANSWERED_PRIVATELY: set(),
    Question.State.REJECTED: set(),
}


class Answer(models.Model):
    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="answer")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="qa_answers",
                                     verbose_name="đơn vị trả lời")
    body = models.TextField("nội dung trả lời")
    delivery = models.CharField("hình thức trả lời", max_length=20, choices=Question.Delivery.choices,
                                default=Question.Delivery.PUBLIC)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField("rà soát lại lúc", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "trả lời"
        verbose_name_plural = "trả lời"

    def __str__(self) -> str:
        return f"Trả lời câu hỏi {self.question.tracking_code}"


class CitationBase(models.Model):
    """A provision of the library cited by an answer or a publication. The anchor and label are kept so
    that the citation survives a re-import of the document that replaces its provision rows."""

    provision = models.ForeignKey("laws.Provision", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name="điều khoản")
    document = models.ForeignKey("laws.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    anchor = models.CharField("neo", max_length=120)
    label = models.CharField("trích dẫn", max_length=600)
    # Set when an official has reviewed the text after this provision lost effect.
    lapse_reviewed = models.BooleanField(default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def url(self) -> str:
        if self.provision_id:
            return self.provision.get_absolute_url()
        if self.document_id:
            return f"{self.document.get_absolute_url()}#{self.anchor}"
        return ""

    @property
    def lapsed(self) -> bool:
        """Computed from the library: the provision (or its document) no longer has effect,
        or the provision is gone from the library."""
        if self.provision_id is None:
            return True
        provision = self.provision
        return provision.status in LAPSED_STATUSES or provision.document.current_status() in LAPSED_STATUSES

    @property
    def needs_review(self) -> bool:
        return self.lapsed and not self.lapse_reviewed


class AnswerCitation(CitationBase):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="citations")

    class Meta:
        verbose_name = "điều khoản được viện dẫn"
        verbose_name_plural = "điều khoản được viện dẫn"
        constraints = [models.UniqueConstraint(fields=["answer", "anchor", "document"], name="qa_unique_answer_cite")]


class Feedback(models.Model):
    """"Was this helpful?" One vote per address and question (the address is kept only as a keyed hash)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField("hữu ích")
    voter = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đánh giá câu trả lời"
        verbose_name_plural = "đánh giá câu trả lời"
        constraints = [models.UniqueConstraint(fields=["question", "voter"], name="qa_one_vote_per_voter")]


class Advisor(models.Model):
    """The registry of legal advisors (tư vấn viên pháp luật) of the network supporting businesses."""

    name = models.CharField("họ tên", max_length=200)
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="qa_advisors",
                                     verbose_name="cơ quan, tổ chức")
    workplace = models.CharField("nơi công tác", max_length=300, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="advisors", verbose_name="lĩnh vực tư vấn")
    active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "tư vấn viên pháp luật"
        verbose_name_plural = "tư vấn viên pháp luật"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Publication(Moderated):
    """Practical legal situations, law-enforcement problems, replies to petitions, advisory opinions."""

    class Kind(models.TextChoices):
        SITUATION = "tinh-huong", "Tình huống pháp lý"
        PROBLEM = "vuong-mac", "Vướng mắc trong thi hành pháp luật"
        PETITION_REPLY = "tra-loi-kien-nghi", "Văn bản trả lời kiến nghị"
        ADVISORY = "y-kien-tu-van", "Ý kiến tư vấn pháp lý"

    class Audience(models.TextChoices):
        ALL = "moi-nguoi", "Mọi người"
        CITIZENS = "nguoi-dan", "Người dân"
        BUSINESSES = "doanh-nghiep", "Doanh nghiệp"
        OFFICIALS = "can-bo", "Cán bộ, công chức"

    class State(models.TextChoices):
        DRAFT = "nhap", "Bản nháp"
        PUBLISHED = "da-cong-bo", "Đã công bố"

    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField("đường dẫn", max_length=160, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="publications", verbose_name="chủ đề")
    audience = models.CharField("đối tượng", max_length=20, choices=Audience.choices, default=Audience.ALL)
    industry = models.CharField("ngành nghề", max_length=40, choices=Industry.choices, blank=True)
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="qa_publications",
                                     verbose_name="cơ quan thực hiện")
    advisor = models.ForeignKey(Advisor, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="opinions", verbose_name="tư vấn viên")
    facts = models.TextField("tình huống, nội dung vướng mắc hoặc kiến nghị")
    analysis = models.TextField("phân tích, hướng giải quyết hoặc trả lời")
    state = models.CharField("trạng thái", max_length=20, choices=State.choices, default=State.DRAFT)
    search_folded = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("ngày công bố", null=True, blank=True)

    class Meta:
        verbose_name = "bài tình huống, vướng mắc, trả lời kiến nghị"
        verbose_name_plural = "bài tình huống, vướng mắc, trả lời kiến nghị"
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("qa:publication", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.state == self.State.PUBLISHED and not self.hidden


class PublicationCitation(CitationBase):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="citations")

    class Meta:
        verbose_name = "điều khoản được viện dẫn"
        verbose_name_plural = "điều khoản được viện dẫn"
        constraints = [models.UniqueConstraint(fields=["publication", "anchor", "document"],
                                               name="qa_unique_publication_cite")]


class Attachment(models.Model):
    """A PDF or DOCX attached to a publication (e.g. the signed reply to a petition)."""

    class FileKind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", upload_to="hoi-dap/tep/%Y/")
    name = models.CharField("tên tệp", max_length=200)
    file_kind = models.CharField(max_length=10, choices=FileKind.choices)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self) -> str:
        return self.name

    @property
    def content_type(self) -> str:
        return {"pdf": "application/pdf",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}[self.file_kind]


class Report(models.Model):
    """A visitor's report about a published item. Counted per item; the reporter is a keyed hash only."""

    class Reason(models.TextChoices):
        PERSONAL_DATA = "thong-tin-ca-nhan", "Lộ thông tin cá nhân"
        WRONG = "sai-noi-dung", "Nội dung sai hoặc đã lỗi thời"
        OFFENSIVE = "xuc-pham", "Nội dung xúc phạm, không phù hợp"
        OTHER = "khac", "Lý do khác"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    reason = models.CharField("lý do", max_length=30, choices=Reason.choices)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    reporter = models.CharField(max_length=64)
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "báo cáo nội dung"
        verbose_name_plural = "báo cáo nội dung"
        indexes = [models.Index(fields=["content_type", "object_id", "resolved"])]
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id", "reporter"],
                                               condition=models.Q(resolved=False), name="qa_one_open_report_each")]
