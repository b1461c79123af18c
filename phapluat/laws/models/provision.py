"""One node of a document's provision tree: Phần, Chương, Mục, Tiểu mục, Điều, Khoản or Điểm."""
from django.db import models

from ..parsing.model import ATTACHMENT, CLAUSE, KIND_LABELS, KIND_ORDER, POINT, citation_of, node_label
from .document import EffectStatus

KIND_CHOICES = [(kind, KIND_LABELS[kind]) for kind in KIND_ORDER]


class Provision(models.Model):
    version = models.ForeignKey("laws.DocumentVersion", on_delete=models.CASCADE, related_name="provisions")
    document = models.ForeignKey("laws.Document", on_delete=models.CASCADE, related_name="provisions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField("loại", max_length=10, choices=KIND_CHOICES)
    number = models.CharField("số", max_length=20)
    heading = models.CharField("tiêu đề", max_length=1000, blank=True)
    text = models.TextField("nội dung", blank=True)
    anchor = models.CharField("neo", max_length=120)
    position = models.PositiveIntegerField("thứ tự")
    depth = models.PositiveSmallIntegerField(default=0)
    breadcrumb = models.CharField("vị trí", max_length=500, blank=True)
    status = models.CharField(
        "tình trạng hiệu lực riêng", max_length=30, choices=EffectStatus.choices, blank=True,
        help_text="Để trống khi theo tình trạng của văn bản; được tính từ các quan hệ bãi bỏ, thay thế.",
    )
    effective_date = models.DateField(
        "có hiệu lực riêng từ", null=True, blank=True,
        help_text="Khi điều khoản có hiệu lực vào ngày khác với văn bản (theo điều khoản thi hành).",
    )

    class Meta:
        verbose_name = "điều khoản"
        verbose_name_plural = "điều khoản"
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "anchor"], name="unique_anchor_per_version")]
        indexes = [models.Index(fields=["document", "kind"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """'Điều 5', 'Khoản 2', 'Điểm a', 'Chương II'; an attached document: 'Quy chế'."""
        return node_label(self.kind, self.number)

    @property
    def citation(self) -> str:
        """'Điểm a Khoản 2 Điều 5' — the Vietnamese way, innermost first, up to the article; in a plan without
        articles up to its section: 'Điểm a Khoản 1 Mục II'; in an attached regulation 'Khoản 2 Điều 5 Quy chế
        ban hành kèm theo'."""
        attached = self.anchor.startswith(f"{ATTACHMENT}-")
        chain, node = [], self
        while node is not None:
            chain.append((node.kind, node.number))
            node = node.parent if node.kind in (POINT, CLAUSE) or attached else None
        return citation_of(chain)

    def get_absolute_url(self) -> str:
        return f"{self.document.get_absolute_url()}#{self.anchor}"


class ProvisionNote(models.Model):
    """A footnote of a consolidated text (văn bản hợp nhất): which document amended, added or repealed the
    provision, and when. Kept apart from the provision's text, which stays the law's words alone. Notes of the
    preamble have no provision."""

    version = models.ForeignKey("laws.DocumentVersion", on_delete=models.CASCADE, related_name="notes")
    provision = models.ForeignKey(
        Provision, null=True, blank=True, on_delete=models.CASCADE, related_name="notes",
        verbose_name="điều khoản",
    )
    number = models.CharField("số chú thích", max_length=10)
    text = models.TextField("nội dung")
    position = models.PositiveIntegerField("thứ tự")

    class Meta:
        verbose_name = "chú thích"
        verbose_name_plural = "chú thích"
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return f"Chú thích {self.number}"
