"""Relations between documents, down to the provision where known, shown in both directions."""
from django.db import models
from modelcluster.fields import ParentalKey


class RelationType(models.TextChoices):
    AMENDS = "sua-doi", "Sửa đổi, bổ sung"
    REPLACES = "thay-the", "Thay thế"
    REPEALS = "bai-bo", "Bãi bỏ"
    GUIDES = "huong-dan", "Quy định chi tiết, hướng dẫn"
    BASED_ON = "can-cu", "Căn cứ"
    CONSOLIDATES = "hop-nhat", "Hợp nhất"
    CORRECTS = "dinh-chinh", "Đính chính"


# How each relation reads from the target's side.
INVERSE_LABELS = {
    RelationType.AMENDS: "Được sửa đổi, bổ sung bởi",
    RelationType.REPLACES: "Bị thay thế bởi",
    RelationType.REPEALS: "Bị bãi bỏ bởi",
    RelationType.GUIDES: "Được quy định chi tiết, hướng dẫn bởi",
    RelationType.BASED_ON: "Là căn cứ của",
    RelationType.CONSOLIDATES: "Được hợp nhất bởi",
    RelationType.CORRECTS: "Được đính chính bởi",
}
FORWARD_LABELS = {
    RelationType.AMENDS: "Sửa đổi, bổ sung",
    RelationType.REPLACES: "Thay thế",
    RelationType.REPEALS: "Bãi bỏ",
    RelationType.GUIDES: "Quy định chi tiết, hướng dẫn",
    RelationType.BASED_ON: "Căn cứ",
    RelationType.CONSOLIDATES: "Hợp nhất",
    RelationType.CORRECTS: "Đính chính",
}
# Relations that take the target (or the named provision) out of force.
ENDING_RELATIONS = {RelationType.REPLACES, RelationType.REPEALS}


class Relation(models.Model):
    source = ParentalKey("laws.Document", on_delete=models.CASCADE, related_name="outgoing_relations")
    relation_type = models.CharField("quan hệ", max_length=20, choices=RelationType.choices)
    target = models.ForeignKey(
        "laws.Document", null=True, blank=True, on_delete=models.CASCADE, related_name="incoming_relations",
        verbose_name="văn bản đích",
    )
    target_number = models.CharField(
        "số hiệu văn bản đích (nếu chưa có trong thư viện)", max_length=80, blank=True
    )
    # "Nghị quyết số 93/2015/QH13" and "Luật số 93/2015/QH13" are different documents: the type named
    # in the text decides which stored document the number may attach to.
    target_doc_type = models.CharField("loại văn bản đích (theo văn bản nguồn)", max_length=30, blank=True)
    source_anchor = models.CharField("điều khoản nguồn (neo)", max_length=120, blank=True)
    target_anchor = models.CharField(
        "điều khoản đích (neo)", max_length=120, blank=True, help_text="Ví dụ: dieu-5 hoặc dieu-5-khoan-2"
    )
    effective_date = models.DateField("có hiệu lực từ", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    from_text = models.BooleanField(
        "đọc từ văn bản", default=False, editable=False,
        help_text="Quan hệ đọc tự động từ văn bản nguồn; được đọc lại khi văn bản được nhập lại.",
    )

    class Meta:
        verbose_name = "quan hệ văn bản"
        verbose_name_plural = "quan hệ văn bản"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "relation_type", "target", "target_number", "source_anchor", "target_anchor"],
                name="unique_relation",
            )
        ]

    def __str__(self) -> str:
        target = self.target or self.target_number
        return f"{self.get_relation_type_display()} {target}"

    @property
    def forward_label(self) -> str:
        return FORWARD_LABELS[RelationType(self.relation_type)]

    @property
    def inverse_label(self) -> str:
        return INVERSE_LABELS[RelationType(self.relation_type)]
