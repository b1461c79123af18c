"""Forms: labels and messages in Vietnamese; the services do the real checking."""
from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from ..orgs.models import Organization
from .models import Contest, QuestionBank


def local_units():
    return Organization.objects.filter(kind__in=[Organization.Kind.WARD, Organization.Kind.COMMUNE]).order_by("name")


class RegistrationForm(forms.Form):
    display_name = forms.CharField(
        label="Tên hiển thị trên bảng xếp hạng", max_length=60, min_length=2,
        help_text="Tên bạn muốn công khai (ví dụ: Nguyễn An). Không ghi thư điện tử hay số điện thoại.",
        error_messages={"required": "Vui lòng nhập tên hiển thị.",
                        "min_length": "Tên hiển thị cần ít nhất 2 ký tự.",
                        "max_length": "Tên hiển thị dài tối đa 60 ký tự."})
    show_initials = forms.BooleanField(label="Chỉ hiện tên viết tắt (ví dụ: N. A.)", required=False)
    ward = forms.ModelChoiceField(
        label="Xã, phường nơi bạn sống hoặc học tập", queryset=Organization.objects.none(),
        empty_label="— Chọn xã, phường —",
        error_messages={"required": "Vui lòng chọn xã, phường.",
                        "invalid_choice": "Xã, phường đã chọn không hợp lệ."})
    school = forms.CharField(label="Trường (nếu là học sinh, sinh viên)", max_length=120, required=False,
                             error_messages={"max_length": "Tên trường dài tối đa 120 ký tự."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = local_units()

    def clean_display_name(self):
        from .services.contests import ContestError, validate_display_name

        try:
            return validate_display_name(self.cleaned_data["display_name"])
        except ContestError as error:
            raise forms.ValidationError(error.message) from error


class ReentryForm(forms.Form):
    code = forms.CharField(label="Mã dự thi", max_length=80,
                           error_messages={"required": "Vui lòng nhập mã dự thi."})


def _default_open():
    return timezone.localtime().replace(second=0, microsecond=0) + timedelta(minutes=5)


class RoundForm(forms.Form):
    title = forms.CharField(label="Tên vòng", max_length=200, required=False)
    opens_at = forms.DateTimeField(label="Mở lúc", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                   input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
                                   error_messages={"required": "Vui lòng nhập thời điểm mở vòng thi.",
                                                   "invalid": "Thời điểm mở không hợp lệ."})
    closes_at = forms.DateTimeField(label="Đóng lúc", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                    input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
                                    error_messages={"required": "Vui lòng nhập thời điểm đóng vòng thi.",
                                                    "invalid": "Thời điểm đóng không hợp lệ."})
    question_count = forms.IntegerField(label="Số câu hỏi", min_value=1, max_value=100, initial=20,
                                        error_messages={"invalid": "Số câu hỏi phải là số nguyên."})
    time_limit_minutes = forms.IntegerField(label="Thời gian làm bài (phút)", min_value=1, max_value=240, initial=15,
                                            error_messages={"invalid": "Thời gian phải là số phút."})


class ContestForm(RoundForm):
    field_order = ["title_contest", "organization", "bank", "mode", "description", "requires_account",
                   "winners_count"]
    title_contest = forms.CharField(label="Tên cuộc thi", max_length=300,
                                    error_messages={"required": "Vui lòng nhập tên cuộc thi."})
    organization = forms.ModelChoiceField(label="Đơn vị tổ chức", queryset=Organization.objects.none(),
                                          error_messages={"required": "Vui lòng chọn đơn vị tổ chức."})
    bank = forms.ModelChoiceField(label="Ngân hàng câu hỏi", queryset=QuestionBank.objects.all(),
                                  error_messages={"required": "Vui lòng chọn ngân hàng câu hỏi."})
    mode = forms.ChoiceField(label="Hình thức", choices=Contest.Mode.choices, initial=Contest.Mode.COMPETITION)
    description = forms.CharField(label="Thể lệ, giới thiệu", widget=forms.Textarea(attrs={"rows": 4}),
                                  required=False, max_length=5000)
    requires_account = forms.BooleanField(label="Bắt buộc đăng nhập để dự thi", required=False)
    winners_count = forms.IntegerField(label="Số người được cấp chứng nhận", min_value=0, max_value=100, initial=3)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        for name in ("opens_at", "closes_at", "question_count", "time_limit_minutes"):
            self.fields[name].required = False
            self.fields[name].label = f"Vòng 1 – {self.fields[name].label.lower()}"
