"""Dated texts of a document (the original, then consolidated texts). The newest is shown."""
from django.db import models
from modelcluster.fields import ParentalKey


class DocumentVersion(models.Model):
    document = ParentalKey("laws.Document", on_delete=models.CASCADE, related_name="versions")
    version_date = models.DateField("ngày của văn bản", null=True, blank=True)
    label = models.CharField(
        "ghi chú phiên bản", max_length=200, blank=True, help_text="Ví dụ: Văn bản gốc; Hợp nhất ngày 01/01/2025"
    )
    body_text = models.TextField("toàn văn", help_text="Các Điều, Khoản, Điểm được tách tự động từ toàn văn.")
    source_file = models.FileField("tệp gốc", upload_to="van-ban/goc/%Y/", blank=True)
    parsed_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phiên bản"
        verbose_name_plural = "phiên bản"
        ordering = ["-version_date", "-id"]

    def __str__(self) -> str:
        when = self.version_date.strftime("%d/%m/%Y") if self.version_date else "không rõ ngày"
        return f"{self.label or 'Phiên bản'} ({when})"
