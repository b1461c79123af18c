from django import forms
from django.conf import settings


class UploadDocumentForm(forms.Form):
    file = forms.FileField(
        label="Tệp văn bản (DOCX, DOC, PDF, TXT, HTML)",
        help_text=f"Tối đa {settings.PHAPLUAT_MAX_IMPORT_BYTES // (1024 * 1024)} MB. "
        "Văn bản được tách thành bản nháp để rà soát trước khi xuất bản.",
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > settings.PHAPLUAT_MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"Tệp quá lớn ({uploaded.size / 1024 / 1024:.1f} MB); giới hạn là "
                f"{settings.PHAPLUAT_MAX_IMPORT_BYTES // (1024 * 1024)} MB."
            )
        return uploaded


class VerifyStatusForm(forms.Form):
    """An official's check of a document's effect status. The rules (a source, no future date) are the
    service's; the form only parses."""

    status = forms.ChoiceField(label="Tình trạng hiệu lực đã xác minh", choices=())
    source_label = forms.CharField(
        label="Nguồn đã đối chiếu", max_length=300, required=False,
        help_text="Ví dụ: Cơ sở dữ liệu quốc gia về văn bản pháp luật; Công báo số …; Luật số … (Điều … hiệu lực).")
    source_url = forms.CharField(label="Đường liên kết nguồn (nếu có)", max_length=500, required=False)
    checked_on = forms.DateField(label="Ngày xác minh", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text="Để trống là hôm nay.")
    expiry_date = forms.DateField(label="Ngày hết hiệu lực (nếu đã hết)", required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    replaced_by_number = forms.CharField(label="Số hiệu văn bản thay thế (nếu có)", max_length=80, required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        from .models import EffectStatus
        from .services.status import VERIFIABLE_STATUSES

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, EffectStatus(s).label) for s in VERIFIABLE_STATUSES]
