"""Records of a document's effect status from outside its text: an official list (with its date) or an
editor who checked it (who, when, with a note or a link). The status shown is computed from these and
from the documents in the library by services.status; a record is never edited, a newer one supersedes."""
from django.conf import settings
from django.db import models

from .document import EffectStatus


class StatusRecord(models.Model):
    class Kind(models.TextChoices):
        OFFICIAL = "chinh-thuc", "Nguồn chính thức"
        EDITOR = "bien-tap-vien", "Biên tập viên xác minh"

    document = models.ForeignKey("laws.Document", on_delete=models.CASCADE, related_name="status_records")
    kind = models.CharField("loại nguồn", max_length=20, choices=Kind.choices)
    status = models.CharField("tình trạng hiệu lực", max_length=30, choices=EffectStatus.choices)
    effective_date = models.DateField("ngày có hiệu lực", null=True, blank=True)
    expiry_date = models.DateField("ngày hết hiệu lực", null=True, blank=True)
    replaced_by_number = models.CharField("số hiệu văn bản thay thế", max_length=80, blank=True)
    source_label = models.CharField("nguồn", max_length=300)
    source_url = models.URLField("liên kết nguồn", max_length=500, blank=True)
    note = models.TextField("ghi chú", blank=True)
    checked_on = models.DateField("ngày xác minh hoặc ngày của nguồn")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người xác minh",
    )
    checked_by_name = models.CharField("người hoặc cơ quan xác minh", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bản ghi xác minh hiệu lực"
        verbose_name_plural = "bản ghi xác minh hiệu lực"
        ordering = ["-checked_on", "-id"]
        indexes = [models.Index(fields=["document", "kind", "-checked_on"])]

    def __str__(self) -> str:
        return f"{self.document} – {self.get_status_display()} ({self.checked_on:%d/%m/%Y})"
