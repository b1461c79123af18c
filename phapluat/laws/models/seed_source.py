"""Which shipped data files a database has loaded, so that a newer file in a release is loaded once."""
from django.db import models


class SeedSource(models.Model):
    name = models.CharField("tệp dữ liệu", max_length=200, unique=True)
    sha256 = models.CharField(max_length=64)
    applied_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "dữ liệu ban đầu đã nạp"
        verbose_name_plural = "dữ liệu ban đầu đã nạp"

    def __str__(self) -> str:
        return self.name
