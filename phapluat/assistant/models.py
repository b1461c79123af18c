"""What the assistant keeps: conversations (for follow-up questions) and people's feedback on answers.

No personal data: a conversation is identified by a random key held in the page, not by a person.
"""
import uuid

from django.db import models


class Conversation(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hội thoại"
        verbose_name_plural = "hội thoại"


class Exchange(models.Model):
    """One question and the answer given, with the citations as they were shown."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="exchanges")
    question = models.TextField("câu hỏi")
    retrieval_query = models.TextField("truy vấn đã dùng", blank=True)
    answer = models.TextField("câu trả lời", blank=True)
    supported = models.BooleanField("có căn cứ trả lời", default=False)
    confidence = models.FloatField("độ tin cậy", default=0.0)
    provider = models.CharField("bộ trả lời", max_length=40, blank=True)
    citations = models.JSONField("trích dẫn", default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lượt hỏi đáp"
        verbose_name_plural = "lượt hỏi đáp"
        ordering = ["created_at"]


class Feedback(models.Model):
    class Reason(models.TextChoices):
        WRONG = "sai", "Trả lời sai"
        IRRELEVANT = "khong-lien-quan", "Điều luật không liên quan"
        UNCLEAR = "kho-hieu", "Khó hiểu"
        OUTDATED = "het-hieu-luc", "Quy định đã cũ"
        OTHER = "khac", "Lý do khác"

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField("hữu ích")
    reason = models.CharField("lý do", max_length=20, choices=Reason.choices, blank=True)
    comment = models.TextField("góp ý", blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đánh giá câu trả lời"
        verbose_name_plural = "đánh giá câu trả lời"
