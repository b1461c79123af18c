"""Forms: labels and messages in Vietnamese; the services do the real checking."""
from __future__ import annotations

from datetime import date

from django import forms

from .models import Course


class PeriodForm(forms.Form):
    tu = forms.DateField(label="Từ ngày", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                         input_formats=["%Y-%m-%d", "%d/%m/%Y"], error_messages={"invalid": "Ngày bắt đầu không hợp lệ."})
    den = forms.DateField(label="Đến ngày", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                          input_formats=["%Y-%m-%d", "%d/%m/%Y"], error_messages={"invalid": "Ngày kết thúc không hợp lệ."})

    def period(self) -> tuple[date, date]:
        today = date.today()
        start, end = date(2025, 1, 1), today
        if self.is_valid():
            start = self.cleaned_data.get("tu") or start
            end = self.cleaned_data.get("den") or end
        return (start, end) if start <= end else (end, start)


class SessionForm(forms.Form):
    title = forms.CharField(label="Nội dung tập huấn", max_length=300,
                            error_messages={"required": "Vui lòng nhập nội dung tập huấn."})
    held_on = forms.DateField(label="Ngày tổ chức", widget=forms.DateInput(attrs={"type": "date"}),
                              input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                              error_messages={"required": "Vui lòng nhập ngày tổ chức.",
                                              "invalid": "Ngày tổ chức không hợp lệ."})
    trainer = forms.CharField(label="Báo cáo viên, giảng viên", max_length=200,
                              error_messages={"required": "Vui lòng nhập báo cáo viên."})
    location = forms.CharField(label="Địa điểm", max_length=300, required=False)
    course = forms.ModelChoiceField(label="Khóa học liên quan", queryset=Course.objects.filter(published=True),
                                    required=False, empty_label="— Không —")
