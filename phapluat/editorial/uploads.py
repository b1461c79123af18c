"""Files uploaded to the document and image libraries: the content decides what a file is, never its name.

Wagtail serves documents as attachments (only PDF inline, with `Content-Security-Policy: default-src 'none'`)
and its image library accepts raster formats only (no SVG). On top of that, every document is sniffed here:
active content (HTML, SVG, scripts, executables) is refused whatever its extension, and the size is bounded.
"""
from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

DEFAULT_MAX_BYTES = 200 * 1024 * 1024  # video files are large; PDFs and DOCX are bounded much lower
SMALL_MAX_BYTES = 20 * 1024 * 1024

OOXML = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}


def max_bytes(kind: str) -> int:
    if kind in ("audio", "video"):
        return int(getattr(settings, "PHAPLUAT_MAX_MEDIA_BYTES", DEFAULT_MAX_BYTES))
    return int(getattr(settings, "PHAPLUAT_MAX_IMPORT_BYTES", SMALL_MAX_BYTES))


def sniff(head: bytes, file) -> str | None:
    """'pdf', 'docx', 'xlsx', 'odt', 'doc', 'audio', 'video', 'captions', 'text' or None (refused)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError, KeyError):
            return None
        finally:
            file.seek(0)
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            return "odt"
        if "[Content_Types].xml" in names:
            for member, kind in OOXML.items():
                if member in names:
                    return kind
        return None
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2") or head.startswith(b"OggS"):
        return "audio"
    if head[4:8] == b"ftyp":
        return "audio" if head[8:11] == b"M4A" else "video"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"WEBVTT"):
        return "captions"
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lowered = decoded.lower()
    if any(marker in lowered for marker in ("<html", "<!doctype", "<svg", "<script", "<?xml", "<body", "<iframe")):
        return None
    return "text"


ALLOWED_BY_EXTENSION = {
    "pdf": {"pdf"}, "docx": {"docx"}, "doc": {"doc"}, "xlsx": {"xlsx"}, "odt": {"odt"}, "txt": {"text"},
    "mp3": {"audio"}, "m4a": {"audio"}, "ogg": {"audio"}, "wav": {"audio"}, "mp4": {"video"},
    "webm": {"video", "audio"}, "vtt": {"captions"},
}


def validate_document_file(file) -> str:
    """Return the sniffed kind or raise ValidationError (Vietnamese)."""
    name = getattr(file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        size = file.size
    except (OSError, ValueError, AttributeError):
        size = None
    if size == 0:
        raise ValidationError("Tệp rỗng.")
    file.seek(0)
    head = file.read(512)
    file.seek(0)
    kind = sniff(head, file)
    if kind is None or kind not in ALLOWED_BY_EXTENSION.get(extension, set()):
        raise ValidationError(
            "Nội dung tệp không khớp với loại tệp cho phép (PDF, DOCX, DOC, XLSX, ODT, TXT, MP3, M4A, MP4, "
            "WEBM, VTT). Không nhận tệp HTML, SVG, tệp chạy được hay tệp đổi đuôi.")
    limit = max_bytes(kind)
    if size is not None and size > limit:
        raise ValidationError(f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.")
    return kind


def _validator(value) -> None:
    if getattr(value, "_committed", True):  # an existing file, not a new upload
        return
    validate_document_file(value.file)


def install_document_validator() -> None:
    """Wagtail's document form is a ModelForm: field validators run on every upload (admin, chooser, API)."""
    from wagtail.documents import get_document_model

    field = get_document_model()._meta.get_field("file")
    if _validator not in field.validators:
        field.validators.append(_validator)
