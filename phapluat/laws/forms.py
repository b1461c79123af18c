from django import forms
from django.conf import settings


class UploadDocumentForm(forms.Form):
    file = forms.FileField(
        label="Tệp văn bản (DOCX, PDF, TXT, HTML)",
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
