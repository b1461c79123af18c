"""Forms: they parse and check input, with Vietnamese messages. Writes happen in services."""
from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator

from ..core.sanitize import clean_text
from ..orgs.models import Organization
from .models import Advisor, AskerType, Industry, IssueType, Publication, Question, Report, Topic
from .services import QUESTION_MAX_CHARS, routable_organizations
from .uploads import validate_attachment

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_PHONE_OK = re.compile(r"^\+?[\d\s.\-()]{8,20}$")


def _local_units():
    return Organization.objects.filter(kind__in=[Organization.Kind.WARD, Organization.Kind.COMMUNE]).order_by(
        "kind", "name")


NUL_MESSAGE = "Nội dung chứa ký tự không hợp lệ (ký tự rỗng, thường do dán từ tệp nhị phân). Vui lòng gõ lại bằng chữ."


class AccessibleForm(forms.Form):
    """Fields with an error get aria-invalid and point at their message (and hint) with aria-describedby.
    Django's own English message for NUL characters is replaced by a Vietnamese one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators = [ProhibitNullCharactersValidator(message=NUL_MESSAGE)
                                if isinstance(v, ProhibitNullCharactersValidator) else v for v in field.validators]

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described = [f"{bound.auto_id}_error"] + ([f"{bound.auto_id}_helptext"] if bound.help_text else [])
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": " ".join(described)})


class LocalUnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class QuestionForm(AccessibleForm):
    body = forms.CharField(
        label="Câu hỏi của bạn", widget=forms.Textarea(attrs={"rows": 7}), max_length=QUESTION_MAX_CHARS,
        help_text="Trình bày sự việc và điều bạn muốn hỏi. Không ghi số căn cước, số điện thoại hay địa chỉ "
                  "vào đây: câu hỏi có thể được công bố (đã ẩn thông tin cá nhân).",
        error_messages={"required": "Vui lòng nhập câu hỏi.",
                        "max_length": "Câu hỏi dài quá %(limit_value)d ký tự (hiện có %(show_value)d)."},
    )
    topic = forms.ModelChoiceField(label="Chủ đề", queryset=Topic.objects.all(), empty_label="— Chọn chủ đề —",
                                   error_messages={"required": "Vui lòng chọn chủ đề.",
                                                   "invalid_choice": "Chủ đề không hợp lệ, vui lòng chọn lại."})
    locality = LocalUnitChoiceField(label="Xã, phường nơi bạn sinh sống hoặc doanh nghiệp đặt trụ sở",
                                    queryset=_local_units(), empty_label="— Chọn xã, phường —",
                                    error_messages={"required": "Vui lòng chọn xã, phường.",
                                                    "invalid_choice": "Xã, phường không hợp lệ, vui lòng chọn lại."})
    asker_type = forms.ChoiceField(label="Bạn hỏi với tư cách", choices=AskerType.choices, initial=AskerType.PERSON,
                                   widget=forms.RadioSelect,
                                   error_messages={"required": "Vui lòng chọn cá nhân hoặc doanh nghiệp.",
                                                   "invalid_choice": "Lựa chọn không hợp lệ."})
    industry = forms.ChoiceField(label="Ngành nghề (doanh nghiệp)", required=False,
                                 choices=[("", "— Không chọn —"), *Industry.choices],
                                 error_messages={"invalid_choice": "Ngành nghề không hợp lệ."})
    issue_type = forms.ChoiceField(label="Loại vướng mắc (doanh nghiệp)", required=False,
                                   choices=[("", "— Không chọn —"), *IssueType.choices],
                                   error_messages={"invalid_choice": "Loại vướng mắc không hợp lệ."})
    contact_name = forms.CharField(label="Họ tên hoặc tên doanh nghiệp", required=False, max_length=200,
                                   error_messages={"max_length": "Tên dài quá %(limit_value)d ký tự."})
    contact_email = forms.EmailField(label="Thư điện tử để nhận trả lời", required=False, max_length=254,
                                     error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."})
    contact_phone = forms.CharField(label="Số điện thoại", required=False, max_length=30,
                                    error_messages={"max_length": "Số điện thoại dài quá."})
    consent = forms.BooleanField(
        label="Tôi đồng ý để cơ quan trả lời dùng thông tin liên hệ trên chỉ để trả lời câu hỏi này.",
        required=False)
    # Honeypot: hidden from people (CSS and aria-hidden); robots fill it in.
    website = forms.CharField(label="Để trống ô này", required=False, max_length=200)

    def clean_body(self):
        body = clean_text(self.cleaned_data["body"], max_length=QUESTION_MAX_CHARS)
        letters = len(_LETTERS.findall(body))
        if letters < 15:
            raise ValidationError("Câu hỏi quá ngắn: vui lòng trình bày rõ hơn (ít nhất vài câu chữ).")
        if letters < len(body) * 0.4:
            raise ValidationError("Câu hỏi có quá nhiều ký tự không phải chữ. Vui lòng viết bằng lời.")
        return body

    def clean_contact_name(self):
        return clean_text(self.cleaned_data["contact_name"], max_length=200)

    def clean_contact_phone(self):
        phone = clean_text(self.cleaned_data["contact_phone"], max_length=30)
        if phone and not _PHONE_OK.match(phone):
            raise ValidationError("Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch nối.")
        return phone

    def clean(self):
        data = super().clean()
        has_contact = any(data.get(f) for f in ("contact_name", "contact_email", "contact_phone"))
        if has_contact and not data.get("consent"):
            self.add_error("consent", "Vui lòng đồng ý cho dùng thông tin liên hệ, hoặc để trống phần liên hệ.")
        if data.get("asker_type") != AskerType.BUSINESS:
            data["industry"] = data["issue_type"] = ""
        return data

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class RouteForm(AccessibleForm):
    organization = forms.ModelChoiceField(label="Đơn vị trả lời", queryset=routable_organizations(),
                                          empty_label="— Chọn đơn vị —",
                                          error_messages={"required": "Vui lòng chọn đơn vị trả lời.",
                                                          "invalid_choice": "Đơn vị không hợp lệ."})
    deadline = forms.DateField(label="Hạn trả lời", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                               help_text="Để trống: theo thời hạn mặc định.",
                               error_messages={"invalid": "Ngày không hợp lệ."})


class ReasonForm(AccessibleForm):
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
                             error_messages={"required": "Vui lòng nêu lý do."})


class AnswerForm(AccessibleForm):
    body = forms.CharField(label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 12}), max_length=50000,
                           error_messages={"required": "Vui lòng nhập nội dung trả lời."})
    delivery = forms.ChoiceField(label="Hình thức trả lời", choices=Question.Delivery.choices,
                                 widget=forms.RadioSelect, initial=Question.Delivery.PUBLIC)
    public_title = forms.CharField(label="Tiêu đề công bố", required=False, max_length=300)
    public_text = forms.CharField(
        label="Câu hỏi công bố (đã ẩn thông tin cá nhân)", required=False, max_length=QUESTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Đã tự động ẩn thư điện tử, số điện thoại, số căn cước và tên người hỏi. "
                  "Hãy đọc lại và xóa mọi chi tiết khác có thể nhận ra người hỏi.")


class ReportForm(AccessibleForm):
    reason = forms.ChoiceField(label="Lý do báo cáo", choices=Report.Reason.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Vui lòng chọn lý do.",
                                               "invalid_choice": "Lý do không hợp lệ."})
    note = forms.CharField(label="Ghi chú thêm (không bắt buộc)", required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"max_length": "Ghi chú dài quá %(limit_value)d ký tự."})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several PDF/DOCX files; each is checked by its content (uploads.validate_attachment).
    Cleans to a list of (kind, file)."""

    MAX_FILES = 10

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        items = [d for d in (data if isinstance(data, (list, tuple)) else [data]) if d]
        if len(items) > self.MAX_FILES:
            raise ValidationError(f"Tối đa {self.MAX_FILES} tệp mỗi lần.")
        checked, errors = [], []
        for item in items:
            if not hasattr(item, "size") or not hasattr(item, "name"):
                errors.append("Dữ liệu tệp không hợp lệ.")
                continue
            try:
                checked.append((validate_attachment(item), item))
            except ValidationError as error:
                errors.append(f"{item.name[:80]}: {error.messages[0]}")
        if errors:
            raise ValidationError(errors)
        return checked


class PublicationForm(AccessibleForm):
    kind = forms.ChoiceField(label="Loại bài", choices=Publication.Kind.choices)
    title = forms.CharField(label="Tiêu đề", max_length=300)
    topic = forms.ModelChoiceField(label="Chủ đề", queryset=Topic.objects.all(), empty_label="— Chọn chủ đề —")
    audience = forms.ChoiceField(label="Đối tượng", choices=Publication.Audience.choices)
    industry = forms.ChoiceField(label="Ngành nghề (nếu dành cho doanh nghiệp)", required=False,
                                 choices=[("", "— Không chọn —"), *Industry.choices])
    organization = forms.ModelChoiceField(label="Cơ quan thực hiện", queryset=Organization.objects.none(),
                                          empty_label="— Chọn cơ quan —",
                                          error_messages={"invalid_choice": "Bạn không thuộc cơ quan này."})
    advisor = forms.ModelChoiceField(label="Tư vấn viên (ý kiến tư vấn)", required=False,
                                     queryset=Advisor.objects.filter(active=True), empty_label="— Không —")
    facts = forms.CharField(label="Tình huống / nội dung vướng mắc / nội dung kiến nghị",
                            widget=forms.Textarea(attrs={"rows": 8}), max_length=50000)
    analysis = forms.CharField(label="Phân tích / hướng giải quyết / nội dung trả lời",
                               widget=forms.Textarea(attrs={"rows": 10}), max_length=50000)
    files = AttachmentsField(label="Tệp đính kèm (PDF hoặc DOCX)", required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        if len(organizations) == 1 and "organization" not in self.initial:
            self.initial["organization"] = organizations[0]
