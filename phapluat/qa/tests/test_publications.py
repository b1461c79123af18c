"""Situations, enforcement problems, petition replies and advisory opinions: drafted by an organization,
published by its approver, with citations and PDF/DOCX attachments checked by content."""
import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfWriter

from phapluat.laws.models import Provision
from phapluat.qa.models import Advisor, Attachment, Publication, Topic

from .conftest import csrf_post, login

pytestmark = pytest.mark.django_db


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Công văn trả lời kiến nghị")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "không phải docx")
    return out.getvalue()


def form(orgs, law, **extra):
    clause = Provision.objects.get(document=law, anchor="dieu-220-khoan-1")
    return {"action": "save", "kind": "tra-loi-kien-nghi", "title": "Trả lời kiến nghị về tách thửa đất ở",
            "topic": Topic.objects.get(slug="dat-dai").pk, "audience": "moi-nguoi", "industry": "",
            "organization": orgs["labour"].pk, "advisor": "",
            "facts": "Cử tri kiến nghị <script>x()</script> làm rõ điều kiện tách thửa.",
            "analysis": "<p onclick='y()'>Điều kiện tách thửa theo <strong>Luật Đất đai</strong>.</p>",
            "provisions": [clause.pk], **extra}


def test_draft_then_publish_with_citation_and_attachments(orgs, staff, law):
    drafter = login(staff["drafter"])
    files = [SimpleUploadedFile("tra-loi.pdf", pdf_bytes()), SimpleUploadedFile("phu-luc.docx", docx_bytes())]
    response = csrf_post(drafter, "/hoi-dap/quan-ly/bai/moi/", form(orgs, law, files=files))
    assert response.status_code == 302, response.content.decode()[:3000]
    publication = Publication.objects.get()
    assert publication.state == Publication.State.DRAFT
    assert sorted(publication.attachments.values_list("file_kind", flat=True)) == ["docx", "pdf"]
    assert "onclick" not in publication.analysis and "<strong>Luật Đất đai</strong>" in publication.analysis
    assert Client().get(publication.get_absolute_url()).status_code == 404  # drafts are not public
    # The editor cannot publish; the approver can.
    url = f"/hoi-dap/quan-ly/bai/{publication.pk}/"
    assert csrf_post(drafter, url, {"action": "publish"}).status_code == 403
    assert csrf_post(login(staff["approver"]), url, {"action": "publish"}).status_code == 302
    html = Client().get(publication.get_absolute_url()).content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;" in html and "<script>x()" not in html
    assert 'href="/van-ban/luat-31-2024-qh15/#dieu-220-khoan-1"' in html
    assert "Chưa xác minh hiệu lực" not in html
    # A cited law whose status no source vouches for is said so beside the citation.
    from phapluat.laws.services.status import refresh_statuses

    law.status_records.all().delete()
    refresh_statuses(law)
    assert "Chưa xác minh hiệu lực" in Client().get(publication.get_absolute_url()).content.decode()
    assert publication.title in Client().get("/hoi-dap/tra-loi-kien-nghi/").content.decode()
    assert publication.title in Client().get("/hoi-dap/tra-loi-kien-nghi/?q=tach+thua").content.decode()
    # Attachments are always downloads, never rendered by the browser.
    pdf = publication.attachments.get(file_kind="pdf")
    download = Client().get(f"/hoi-dap/tep/{pdf.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("name,content,message", [
    ("tra-loi.pdf", b"<html><script>alert(1)</script></html>", "Chỉ nhận tệp PDF hoặc DOCX"),
    ("tra-loi.docx", zip_bytes(), "Chỉ nhận tệp PDF hoặc DOCX"),
    ("rong.pdf", b"", "Tệp rỗng"),
])
def test_attachments_are_checked_by_content(orgs, staff, law, name, content, message):
    response = csrf_post(login(staff["drafter"]), "/hoi-dap/quan-ly/bai/moi/",
                         form(orgs, law, files=[SimpleUploadedFile(name, content)]))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Publication.objects.count() == 0 and Attachment.objects.count() == 0


def test_attachment_size_is_bounded(orgs, staff, law, settings):
    settings.PHAPLUAT_QA_MAX_ATTACHMENT_BYTES = 1024 * 1024
    big = pdf_bytes() + b"%" + b"0" * (1024 * 1024)
    response = csrf_post(login(staff["drafter"]), "/hoi-dap/quan-ly/bai/moi/",
                         form(orgs, law, files=[SimpleUploadedFile("lon.pdf", big)]))
    assert response.status_code == 400 and "Tệp quá lớn: tối đa 1 MB" in response.content.decode()


def test_another_organization_cannot_edit_or_publish(orgs, staff, law):
    csrf_post(login(staff["drafter"]), "/hoi-dap/quan-ly/bai/moi/", form(orgs, law))
    publication = Publication.objects.get()
    outsider = login(staff["outsider"])
    assert outsider.get(f"/hoi-dap/quan-ly/bai/{publication.pk}/").status_code == 403
    # Nor create one in the name of an organization it does not belong to.
    response = csrf_post(outsider, "/hoi-dap/quan-ly/bai/moi/", form(orgs, law, title="Bài giả mạo"))
    assert response.status_code == 400 and "Bạn không thuộc cơ quan này" in response.content.decode()
    assert not Publication.objects.filter(title="Bài giả mạo").exists()


def test_advisors_registry_and_opinions_in_the_business_area(orgs, staff, law):
    advisor = Advisor.objects.create(name="Luật sư Trần Thị Bình", organization=orgs["justice"],
                                     workplace="Đoàn Luật sư thành phố Huế")
    advisor.topics.add(Topic.objects.get(slug="doanh-nghiep-dau-tu"))
    data = form(orgs, law, kind="y-kien-tu-van", title="Ý kiến tư vấn về hợp đồng thuê đất của doanh nghiệp",
                audience="doanh-nghiep", industry="xay-dung", advisor=advisor.pk)
    csrf_post(login(staff["drafter"]), "/hoi-dap/quan-ly/bai/moi/", data)
    publication = Publication.objects.get()
    csrf_post(login(staff["approver"]), f"/hoi-dap/quan-ly/bai/{publication.pk}/", {"action": "publish"})
    html = Client().get("/doanh-nghiep/").content.decode()
    assert publication.title in html
    registry = Client().get("/doanh-nghiep/tu-van-vien/").content.decode()
    assert "Luật sư Trần Thị Bình" in registry and "Doanh nghiệp, đầu tư" in registry
    assert "Luật sư Trần Thị Bình" in Client().get(publication.get_absolute_url()).content.decode()


def test_publication_citing_an_expired_provision_shows_a_notice_until_reviewed(orgs, staff, law):
    import datetime

    from phapluat.laws.models import Document

    csrf_post(login(staff["drafter"]), "/hoi-dap/quan-ly/bai/moi/", form(orgs, law))
    publication = Publication.objects.get()
    csrf_post(login(staff["approver"]), f"/hoi-dap/quan-ly/bai/{publication.pk}/", {"action": "publish"})
    notice = "đang chờ cơ quan trả lời rà soát lại"
    assert notice not in Client().get(publication.get_absolute_url()).content.decode()
    Document.objects.filter(pk=law.pk).update(expiry_date=datetime.date(2025, 1, 1))
    assert notice in Client().get(publication.get_absolute_url()).content.decode()
    response = csrf_post(login(staff["drafter"]), f"/hoi-dap/quan-ly/bai/{publication.pk}/", {"action": "reviewed"})
    assert response.status_code == 302
    assert notice not in Client().get(publication.get_absolute_url()).content.decode()
