"""The legal document as a work: its identity, metadata and effect status."""
from __future__ import annotations

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin
from wagtail.search import index


class DocumentType(models.TextChoices):
    CONSTITUTION = "hien-phap", "Hiến pháp"
    CODE = "bo-luat", "Bộ luật"
    LAW = "luat", "Luật"
    RESOLUTION = "nghi-quyet", "Nghị quyết"
    ORDINANCE = "phap-lenh", "Pháp lệnh"
    ORDER = "lenh", "Lệnh"
    DECREE = "nghi-dinh", "Nghị định"
    DECISION = "quyet-dinh", "Quyết định"
    CIRCULAR = "thong-tu", "Thông tư"
    JOINT_CIRCULAR = "thong-tu-lien-tich", "Thông tư liên tịch"
    DIRECTIVE = "chi-thi", "Chỉ thị"
    PLAN = "ke-hoach", "Kế hoạch"
    OFFICIAL_LETTER = "cong-van", "Công văn"
    CONSOLIDATED = "van-ban-hop-nhat", "Văn bản hợp nhất"
    OTHER = "khac", "Văn bản khác"

    @classmethod
    def from_label(cls, label: str) -> "DocumentType":
        wanted = (label or "").strip().lower()
        for choice in cls:
            if choice.label.lower() == wanted:
                return choice
        return cls.OTHER


# A consolidated text is not a normative document itself: its provisions are those of the documents it consolidates.
NON_NORMATIVE_TYPES = {DocumentType.PLAN, DocumentType.OFFICIAL_LETTER, DocumentType.CONSOLIDATED, DocumentType.OTHER}


class EffectStatus(models.TextChoices):
    IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", "Hết hiệu lực một phần"
    EXPIRED = "het-hieu-luc", "Hết hiệu lực toàn bộ"
    NOT_YET = "chua-co-hieu-luc", "Chưa có hiệu lực"
    SUSPENDED = "ngung-hieu-luc", "Ngưng hiệu lực"
    UNVERIFIED = "chua-xac-minh", "Chưa xác minh hiệu lực"
    UNKNOWN = "chua-xac-dinh", "Chưa xác định"


# Statuses under which a provision may be quoted as current law. A status reaches these only from a
# verified source (an official record, an editor) or one derived from a document in the library.
CURRENT_STATUSES = {EffectStatus.IN_FORCE, EffectStatus.PARTLY_EXPIRED}
# Statuses that say "in force" and so need a source before they are shown.
IN_FORCE_CLAIMS = {EffectStatus.IN_FORCE, EffectStatus.PARTLY_EXPIRED, EffectStatus.UNKNOWN}


class StatusSource(models.TextChoices):
    OFFICIAL = "chinh-thuc", "Theo nguồn chính thức"
    DERIVED = "suy-ra", "Suy ra từ văn bản trong thư viện"
    EDITOR = "bien-tap-vien", "Biên tập viên xác minh"
    UNVERIFIED = "chua-xac-minh", "Chưa xác minh"


class Scope(models.TextChoices):
    NATIONAL = "toan-quoc", "Toàn quốc"
    PROVINCE = "tinh", "Thành phố Huế"
    COMMUNE = "xa", "Xã, phường"


class Field(models.Model):
    """A field of law (lĩnh vực), e.g. Đất đai, Giao thông."""

    name = models.CharField("tên", max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Document(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    number = models.CharField("số ký hiệu", max_length=80, blank=True)
    slug = models.SlugField("đường dẫn", max_length=160, unique=True)
    doc_type = models.CharField("loại văn bản", max_length=30, choices=DocumentType.choices)
    is_normative = models.BooleanField("văn bản quy phạm pháp luật", default=True)
    title = models.CharField("tên văn bản", max_length=500)
    issuer = models.CharField("cơ quan ban hành", max_length=200, blank=True)
    signer = models.CharField("người ký", max_length=120, blank=True)
    issue_date = models.DateField("ngày ban hành", null=True, blank=True)
    effective_date = models.DateField("ngày có hiệu lực", null=True, blank=True)
    expiry_date = models.DateField("ngày hết hiệu lực", null=True, blank=True)
    status = models.CharField(
        "tình trạng hiệu lực", max_length=30, choices=EffectStatus.choices, default=EffectStatus.UNKNOWN
    )
    status_note = models.CharField(
        "căn cứ xác định tình trạng", max_length=300, blank=True,
        help_text="Nguồn hoặc lý do của tình trạng hiệu lực, hiển thị cho người đọc.",
    )
    # Where the status comes from, computed by services.status.refresh_status (never typed by hand).
    status_source = models.CharField(
        "nguồn tình trạng hiệu lực", max_length=20, choices=StatusSource.choices, default=StatusSource.UNVERIFIED,
        editable=False,
    )
    status_source_date = models.DateField("ngày của nguồn", null=True, blank=True, editable=False)
    status_source_url = models.URLField("liên kết nguồn", max_length=500, blank=True, editable=False)
    status_source_by = models.CharField("người hoặc cơ quan xác minh", max_length=200, blank=True, editable=False)
    status_source_document = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False,
        verbose_name="văn bản làm căn cứ",
    )
    status_source_anchor = models.CharField(max_length=120, blank=True, editable=False)
    replaced_by_number = models.CharField(
        "số hiệu văn bản thay thế (chưa có trong thư viện)", max_length=80, blank=True, editable=False
    )
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    fields = ParentalManyToManyField(Field, blank=True, related_name="documents", verbose_name="lĩnh vực")
    scope = models.CharField("phạm vi", max_length=20, choices=Scope.choices, default=Scope.NATIONAL)
    scope_organization = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="local_documents", verbose_name="đơn vị ban hành (địa phương)",
    )
    summary = models.TextField("tóm tắt", blank=True)
    source_key = models.CharField(
        "khóa nguồn nhập", max_length=200, blank=True, db_index=True,
        help_text="Định danh ổn định của văn bản trong nguồn nhập (để nhập lại không tạo bản trùng).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title"),
        index.SearchField("number"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("doc_type"),
    ]

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issue_date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="unique_document_number"
            )
        ]
        indexes = [models.Index(fields=["live", "status"]), models.Index(fields=["live", "doc_type"])]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} {self.number}".strip() if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("laws:document", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        """How people cite it: 'Bộ luật Dân sự số 91/2015/QH13'."""
        return f"{self.title} số {self.number}" if self.number else self.title

    @property
    def is_status_verified(self) -> bool:
        return self.status_source != StatusSource.UNVERIFIED

    def current_status(self, today: date | None = None) -> str:
        """The status as of `today`: dates override a stored status that has become stale, and a status
        without a source never says "in force"."""
        today = today or timezone.localdate()
        if self.expiry_date and self.expiry_date <= today:
            return EffectStatus.EXPIRED
        if self.effective_date and self.effective_date > today:
            return EffectStatus.NOT_YET
        status = self.status
        if status == EffectStatus.NOT_YET and self.effective_date and self.effective_date <= today:
            status = EffectStatus.IN_FORCE
        if status in IN_FORCE_CLAIMS and not self.is_status_verified:
            return EffectStatus.UNVERIFIED
        return status

    def is_current_law(self, today: date | None = None) -> bool:
        return self.current_status(today) in CURRENT_STATUSES

    def current_status_label(self, today: date | None = None) -> str:
        return EffectStatus(self.current_status(today)).label

    def latest_version(self):
        return self.versions.order_by("-version_date", "-id").first()
