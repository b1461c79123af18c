"""The whole life of a question through the real HTTP views: form → tracking → triage and routing →
draft with citations → approval → public page (anonymised) and e-mails; and the private path."""
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from phapluat.laws.models import Provision
from phapluat.qa.models import Question

from .conftest import csrf_post, login

pytestmark = pytest.mark.django_db


def submit(question_data, client=None, url="/hoi-dap/gui-cau-hoi/") -> Question:
    client = client or Client(enforce_csrf_checks=True)
    response = csrf_post(client, url, question_data)
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get()
    assert response["Location"] == f"/hoi-dap/theo-doi/{question.tracking_code}/?moi=1"
    return question


def route(staff, orgs, question):
    client = login(staff["triage"])
    page = f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/"
    response = csrf_post(client, page, {"action": "route", "organization": orgs["labour"].pk, "deadline": ""})
    assert response.status_code == 302
    question.refresh_from_db()
    return question


def draft(staff, question, provisions, *, delivery="cong-khai", action="submit", public_text=""):
    client = login(staff["drafter"])
    page = f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/"
    response = csrf_post(client, page, {
        "action": action, "body": "Theo Điều 220 Luật Đất đai, việc tách thửa phải bảo đảm điều kiện.\n\n"
                                  "Đề nghị liên hệ UBND phường.",
        "delivery": delivery, "public_title": "", "public_text": public_text,
        "provisions": [p.pk for p in provisions],
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    question.refresh_from_db()
    return question


def approve(staff, question):
    client = login(staff["approver"])
    response = csrf_post(client, f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/", {"action": "approve"})
    assert response.status_code == 302
    question.refresh_from_db()
    return question


def test_form_offers_only_communes_and_wards_and_all_topics(orgs, topic):
    html = Client().get("/hoi-dap/gui-cau-hoi/").content.decode()
    assert "Phường Phú Xuân" in html and "Xã Phú Vinh" in html
    assert "Sở Nội vụ" not in html  # departments are not places people live
    assert "Đất đai" in html and "Hôn nhân và gia đình" in html
    assert 'hx-get="/hoi-dap/goi-y/"' in html and 'aria-live="polite"' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html  # honeypot out of the tab order


def test_whole_life_of_a_public_answer(orgs, staff, law, question_data):
    question = submit(question_data)
    assert question.state == Question.State.NEW
    assert re.fullmatch(r"HD-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", question.tracking_code)
    # The asker follows progress with the code; the justice department is told by e-mail.
    tracking = Client().get(question.get_tracking_url()).content.decode()
    assert question.tracking_code in tracking and "Mới tiếp nhận" in tracking
    assert [m.to for m in mail.outbox] == [["tuphap@example.gov.vn", "kiemduyet@example.gov.vn"]] or \
        sorted(mail.outbox[0].to) == ["kiemduyet@example.gov.vn", "tuphap@example.gov.vn"]

    question = route(staff, orgs, question)
    assert question.state == Question.State.ROUTED and question.assigned_to == orgs["labour"]
    assert question.deadline is not None
    assert sorted(mail.outbox[-1].to) == ["chuyenvien@example.gov.vn", "lanhdao@example.gov.vn"]
    assert "Sở Nội vụ" in Client().get(question.get_tracking_url()).content.decode()

    clause = Provision.objects.get(document=law, anchor="dieu-220-khoan-1")
    article = Provision.objects.get(document=law, anchor="dieu-220")
    question = draft(staff, question, [clause, article])
    assert question.state == Question.State.PENDING
    assert mail.outbox[-1].to == ["lanhdao@example.gov.vn"]
    # Anonymised automatically: the name and the phone number given in the question are gone.
    assert "Nguyễn Văn An" not in question.public_text and "0912 345 678" not in question.public_text
    assert "tách thửa đất" in question.public_text

    # Not public before approval.
    assert Client().get(f"/hoi-dap/cau-hoi/{question.pk}/").status_code == 404

    question = approve(staff, question)
    assert question.state == Question.State.PUBLISHED and question.answered_at is not None
    assert mail.outbox[-1].to == ["an.nguyen@example.com"]
    assert question.tracking_code in mail.outbox[-1].body

    public = Client().get(f"/hoi-dap/cau-hoi/{question.pk}/")
    html = public.content.decode()
    assert public.status_code == 200
    assert "Điều 220 Luật Đất đai" in html and "Trả lời của Sở Nội vụ" in html
    assert 'href="/van-ban/luat-31-2024-qh15/#dieu-220-khoan-1"' in html
    assert "Khoản 1 Điều 220 Luật Đất đai số 31/2024/QH15" in html
    for private in ("Nguyễn Văn An", "an.nguyen@example.com", "0912345678", "0912 345 678",
                    question.tracking_code, "Phường Phú Xuân"):
        assert private not in html
    index = Client().get("/hoi-dap/").content.decode()
    assert question.public_title in index

    actions = list(ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Question), object_id=str(question.pk)).order_by("timestamp", "id")
                   .values_list("action", flat=True))
    assert actions == ["qa.submit", "qa.route", "qa.answer_submit", "qa.publish"]
    assert not any("an.nguyen" in str(e.data) for e in ModelLogEntry.objects.all())


def test_private_answer_reaches_only_the_asker(orgs, staff, law, question_data):
    question = route(staff, orgs, submit(question_data))
    question = draft(staff, question, [], delivery="rieng")
    question = approve(staff, question)
    assert question.state == Question.State.ANSWERED_PRIVATELY
    assert Client().get(f"/hoi-dap/cau-hoi/{question.pk}/").status_code == 404
    assert question.public_title not in Client().get("/hoi-dap/").content.decode()
    tracking = Client().get(question.get_tracking_url()).content.decode()
    assert "Đã trả lời riêng" in tracking and "tách thửa phải bảo đảm điều kiện" in tracking
    assert "tách thửa phải bảo đảm điều kiện" in mail.outbox[-1].body and mail.outbox[-1].to == ["an.nguyen@example.com"]


def test_approver_can_return_a_draft_and_the_drafter_is_told(orgs, staff, law, question_data):
    question = draft(staff, route(staff, orgs, submit(question_data)), [])
    response = csrf_post(login(staff["approver"]), f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/",
                         {"action": "return", "reason": "Bổ sung căn cứ Nghị định hướng dẫn."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.state == Question.State.ROUTED and "Nghị định" in question.state_note
    assert mail.outbox[-1].to == ["chuyenvien@example.gov.vn"]


def test_rejection_reason_is_shown_to_the_asker(orgs, staff, question_data):
    question = submit(question_data)
    response = csrf_post(login(staff["triage"]), f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/",
                         {"action": "reject", "reason": "Nội dung không thuộc lĩnh vực pháp luật."})
    assert response.status_code == 302
    html = Client().get(question.get_tracking_url()).content.decode()
    assert "Không thụ lý" in html and "không thuộc lĩnh vực pháp luật" in html


def test_business_case_is_submitted_followed_and_listed_with_industry(orgs, staff, law, question_data):
    data = {**question_data, "asker_type": "doanh-nghiep", "industry": "xay-dung", "issue_type": "dat-dai-xay-dung",
            "body": "Công ty chúng tôi cần tách thửa đất thuộc dự án để chuyển nhượng. Thủ tục thế nào?"}
    question = submit(data, url="/doanh-nghiep/gui-vuong-mac/")
    assert question.industry == "xay-dung"
    question = approve(staff, draft(staff, route(staff, orgs, question), []))
    html = Client().get("/doanh-nghiep/?nganh=xay-dung").content.decode()
    assert question.public_title in html and "Đất đai, xây dựng" in html
    assert question.public_title not in Client().get("/doanh-nghiep/?nganh=y-te").content.decode()


def test_overdue_questions_are_listed_per_organization(orgs, staff, question_data):
    import datetime

    question = route(staff, orgs, submit(question_data))
    Question.objects.filter(pk=question.pk).update(deadline=datetime.date(2020, 1, 1))
    html = login(staff["drafter"]).get("/hoi-dap/quan-ly/qua-han/").content.decode()
    assert "Sở Nội vụ (1)" in html and question.tracking_code in html
    assert question.tracking_code not in login(staff["outsider"]).get("/hoi-dap/quan-ly/qua-han/").content.decode()


def test_the_audit_log_holds_no_text_the_asker_typed(orgs, staff, law, question_data):
    question = approve(staff, draft(staff, route(staff, orgs, submit(question_data)), []))
    entries = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Question))
    assert entries.count() == 4
    for entry in entries:
        assert entry.label == f"Câu hỏi số {question.pk}"
        assert "Nguyễn" not in str(entry.data) and "0912" not in str(entry.data) and "tách" not in entry.label


def test_contact_details_are_erased_after_the_retention_period(orgs, staff, question_data, settings):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    settings.PHAPLUAT_QA_CONTACT_RETENTION_DAYS = 30
    finished = submit(question_data)
    csrf_post(login(staff["triage"]), f"/hoi-dap/quan-ly/cau-hoi/{finished.pk}/",
              {"action": "reject", "reason": "Trùng lặp."})
    csrf_post(Client(enforce_csrf_checks=True), "/hoi-dap/gui-cau-hoi/",
              {**question_data, "body": "Một câu hỏi khác về thủ tục hộ tịch đang chờ xử lý?"})
    still_open = Question.objects.exclude(pk=finished.pk).get()
    old = timezone.now() - datetime.timedelta(days=31)
    Question.objects.update(updated_at=old)
    call_command("qa_purge_contacts", stdout=io.StringIO())
    finished.refresh_from_db()
    still_open.refresh_from_db()
    assert (finished.contact_name, finished.contact_email, finished.contact_phone) == ("", "", "")
    assert finished.body  # the question itself is kept
    assert still_open.contact_email == "an.nguyen@example.com"  # still needed to send the answer
