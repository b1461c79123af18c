"""Officials upload, review and publish documents; drafts stay private; every edit is logged."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from phapluat.laws.models import Document, Provision
from phapluat.orgs.models import Membership, Organization
from phapluat.orgs.services import grant_role, load_departments

pytestmark = pytest.mark.django_db

LAW_TEXT = """QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Luật số: 99/2025/QH15
Hà Nội, ngày 10 tháng 12 năm 2025
LUẬT
PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Phổ biến, giáo dục pháp luật.
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Luật này quy định về phổ biến, giáo dục pháp luật.
Điều 2. Chuyển đổi số
1. Nhà nước đẩy mạnh chuyển đổi số trong phổ biến pháp luật.
2. Cơ quan có trách nhiệm:
a) Cập nhật văn bản;
b) Trả lời câu hỏi của người dân.
CHỦ TỊCH QUỐC HỘI
Trần Thanh Mẫn
"""


def docx_bytes(paragraphs: list[str]) -> bytes:
    from docx import Document as Docx

    docx = Docx()
    for paragraph in paragraphs:
        docx.add_paragraph(paragraph)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def staff(db):
    load_departments()
    justice = Organization.objects.get(kind=Organization.Kind.JUSTICE)
    users = {}
    for role in (Membership.Role.EDITOR, Membership.Role.APPROVER):
        users[role] = get_user_model().objects.create_user(username=f"tp-{role}", password="x-mat-khau-123")
        grant_role(user=users[role], organization=justice, role=role)
    return users


def upload(client, name: str, payload: bytes, content_type="application/octet-stream"):
    return client.post("/quan-tri/van-ban/tai-len/", {"file": SimpleUploadedFile(name, payload, content_type)})


def test_upload_docx_makes_a_private_draft_then_approver_publishes_it(client, staff):
    client.force_login(staff[Membership.Role.EDITOR])
    response = upload(client, "luat-pbgdpl.docx", docx_bytes(LAW_TEXT.splitlines()))
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get(number="99/2025/QH15")
    assert document.live is False
    assert client.get(document.get_absolute_url()).status_code == 404
    assert ModelLogEntry.objects.filter(object_id=str(document.pk), user=staff[Membership.Role.EDITOR]).exists()

    # The approver publishes the reviewed draft: the page appears with its provision tree.
    revision = document.latest_revision
    revision.publish(user=staff[Membership.Role.APPROVER])
    document.refresh_from_db()
    assert document.live
    anchors = set(Provision.objects.filter(document=document).values_list("anchor", flat=True))
    assert {"dieu-1", "dieu-2-khoan-2", "dieu-2-khoan-2-diem-b"} <= anchors
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Trả lời câu hỏi của người dân" in html
    actions = set(ModelLogEntry.objects.filter(object_id=str(document.pk)).values_list("action", flat=True))
    assert "wagtail.publish" in actions


@pytest.mark.parametrize("name, payload, message", [
    ("hong.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "PDF"),
    ("rong.docx", b"", "rỗng"),
    ("khong-co-dieu.docx", None, "điều"),
])
def test_bad_uploads_get_a_vietnamese_reason_and_store_nothing(client, staff, name, payload, message):
    if payload is None:
        payload = docx_bytes(["Thông báo", "Không có nội dung điều khoản nào cả."])
    client.force_login(staff[Membership.Role.EDITOR])
    response = upload(client, name, payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_upload_of_a_number_already_in_the_library_is_refused(client, staff, make_document):
    make_document(number="99/2025/QH15", title="Luật đã có")
    client.force_login(staff[Membership.Role.EDITOR])
    response = upload(client, "trung.txt", LAW_TEXT.encode())
    assert "đã thuộc văn bản khác" in response.content.decode()
    assert Document.objects.count() == 1


def test_upload_requires_csrf_token(staff):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff[Membership.Role.EDITOR])
    assert upload(client, "x.txt", LAW_TEXT.encode()).status_code == 403
