"""A change that one document makes to a provision of another: the unit of the point-in-time reading.

Read from the amending document's text (parsing/changes.py) or entered by an editor. Instructions that
could not be read with certainty are kept too, as `state=needs_editor` with the reason, so that an editor
sees every one and nothing is guessed.
"""
from django.db import models

from ..parsing import changes


class AmendmentKind(models.TextChoices):
    SUBSTITUTE = changes.SUBSTITUTE, "Sửa đổi, bổ sung (thay nội dung)"
    INSERT = changes.INSERT, "Bổ sung điều khoản mới"
    REPEAL = changes.REPEAL, "Bãi bỏ"
    REPLACE_WORDS = changes.REPLACE_WORDS, "Thay, bỏ cụm từ"


class AmendmentState(models.TextChoices):
    APPLIED = "ap-dung", "Áp dụng"
    NEEDS_EDITOR = "can-bien-tap", "Cần biên tập viên xử lý"
    REJECTED = "bo-qua", "Không áp dụng (biên tập viên đã xem)"


class Amendment(models.Model):
    source = models.ForeignKey("laws.Document", on_delete=models.CASCADE, related_name="amendments_made",
                               verbose_name="văn bản sửa đổi")
    source_anchor = models.CharField("điều khoản sửa đổi (neo)", max_length=120)
    instruction = models.TextField("chỉ dẫn sửa đổi (nguyên văn)")
    target = models.ForeignKey("laws.Document", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="amendments_received", verbose_name="văn bản được sửa đổi")
    target_number = models.CharField("số hiệu văn bản được sửa đổi", max_length=80, blank=True)
    target_title = models.CharField("tên văn bản được sửa đổi (theo chỉ dẫn)", max_length=300, blank=True)
    target_anchor = models.CharField("điều khoản được sửa đổi (neo)", max_length=120, blank=True,
                                     help_text="Ví dụ: dieu-8-khoan-8; với bổ sung là neo của điều khoản mới.")
    after_anchor = models.CharField("đặt sau điều khoản (neo)", max_length=120, blank=True)
    kind = models.CharField("loại sửa đổi", max_length=20, choices=AmendmentKind.choices, blank=True)
    new_text = models.TextField("nội dung mới", blank=True)
    old_words = models.CharField("cụm từ cũ", max_length=1000, blank=True)
    new_words = models.CharField("cụm từ mới", max_length=1000, blank=True)
    effective_date = models.DateField("có hiệu lực từ", null=True, blank=True,
                                      help_text="Để trống khi chưa rõ: thay đổi chưa được áp dụng vào bản hiện hành.")
    state = models.CharField("trạng thái", max_length=20, choices=AmendmentState.choices,
                             default=AmendmentState.APPLIED)
    problem = models.CharField("lý do cần biên tập", max_length=300, blank=True)
    from_text = models.BooleanField("đọc từ văn bản", default=True, editable=False,
                                    help_text="Đọc lại mỗi khi văn bản sửa đổi được nhập lại; thay đổi do biên tập "
                                              "viên nhập thì được giữ.")
    position = models.PositiveIntegerField("thứ tự trong văn bản sửa đổi", default=0)
    updated_at = models.DateTimeField(auto_now=True)   # part of the rendered page's cache key

    class Meta:
        verbose_name = "sửa đổi điều khoản"
        verbose_name_plural = "sửa đổi điều khoản"
        ordering = ["effective_date", "source_id", "position"]
        indexes = [models.Index(fields=["target", "state"]), models.Index(fields=["target_number"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display() or 'Chỉ dẫn chưa đọc được'} {self.target_anchor} ({self.target_number})"
