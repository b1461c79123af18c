"""Attachments: the content decides what a file is (magic bytes), never its name or the browser's word."""
from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "PHAPLUAT_QA_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES))


def sniff(head: bytes, uploaded) -> str | None:
    """'pdf', 'docx' or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            uploaded.seek(0)
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            uploaded.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
    return None


def validate_attachment(uploaded) -> str:
    """Return the file kind or raise a ValidationError with a Vietnamese message."""
    limit = max_bytes()
    if uploaded.size == 0:
        raise ValidationError("Tệp rỗng.")
    if uploaded.size > limit:
        raise ValidationError(f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.")
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    kind = sniff(head, uploaded if hasattr(uploaded, "seek") else io.BytesIO(uploaded.read()))
    if kind is None:
        raise ValidationError("Chỉ nhận tệp PDF hoặc DOCX (nội dung tệp không phải PDF hay DOCX).")
    return kind
