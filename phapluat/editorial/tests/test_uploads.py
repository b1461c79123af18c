"""Uploads to the document library are judged by their content; nothing active is ever served inline."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from phapluat.editorial.uploads import validate_document_file

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name,content", [
    ("tai-lieu.pdf", b"<html><script>alert(1)</script></html>"),
    ("hinh.pdf", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
    ("ghi-chu.txt", b"<!DOCTYPE html><html><body onload=alert(1)>"),
    ("bai.docx", b"PK\x03\x04not really a zip"),
    ("chuong-trinh.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
    ("video.mp4", PDF),
    ("trang.html", b"<html></html>"),
    ("rong.pdf", b""),
])
def test_disguised_or_active_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        validate_document_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize("name,content,kind", [
    ("tai-lieu.pdf", PDF, "pdf"),
    ("huong-dan.docx", None, "docx"),
    ("phu-de.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nXin chao\n", "captions"),
    ("bai-noi.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 40, "audio"),
    ("video.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 40, "video"),
])
def test_real_files_pass(name, content, kind):
    assert validate_document_file(SimpleUploadedFile(name, content if content is not None else _docx())) == kind


def test_size_is_bounded(settings):
    settings.PHAPLUAT_MAX_IMPORT_BYTES = 1024
    with pytest.raises(ValidationError, match="quá lớn"):
        validate_document_file(SimpleUploadedFile("lon.pdf", PDF + b"0" * 2048))


def test_the_wagtail_document_upload_refuses_html_renamed_to_pdf(client):
    from wagtail.documents.models import Document

    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "x")
    client.force_login(admin)
    response = client.post("/quan-tri/documents/add/", {
        "title": "Giả PDF", "collection": "1",
        "file": SimpleUploadedFile("gia.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")})
    assert response.status_code == 200 and not Document.objects.exists()
    response = client.post("/quan-tri/documents/add/", {
        "title": "Thật", "collection": "1", "file": SimpleUploadedFile("that.pdf", PDF, "application/pdf")})
    assert response.status_code == 302
    document = Document.objects.get()
    served = client.get(document.url)
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["X-Content-Type-Options"] == "nosniff"
