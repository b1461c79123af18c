"""Who may do what (asked of orgs.permissions.can) and which moves the workflow allows."""
import pytest
from django.test import Client

from phapluat.qa import services
from phapluat.qa.models import TRANSITIONS, Question

from .conftest import csrf_post, login
from .test_question_lifecycle import draft, route, submit

pytestmark = pytest.mark.django_db


def test_officials_screens_need_a_login_and_a_role(orgs, staff, question_data):
    question = submit(question_data)
    response = Client().get("/hoi-dap/quan-ly/")
    assert response.status_code == 302 and response["Location"].startswith("/quan-tri/login/?next=")
    assert login(staff["nobody"]).get("/hoi-dap/quan-ly/").status_code == 403
    # A department cannot see a question not routed to it; the justice department triages everything.
    assert login(staff["drafter"]).get(f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/").status_code == 403
    page = login(staff["triage"]).get(f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/")
    assert page.status_code == 200 and "an.nguyen@example.com" in page.content.decode()


def test_only_the_justice_department_routes(orgs, staff, question_data):
    question = submit(question_data)
    client = login(staff["outsider"])
    client.get("/hoi-dap/gui-cau-hoi/")  # a page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/",
                           {"action": "route", "organization": orgs["other"].pk, "csrfmiddlewaretoken": token})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.state == Question.State.NEW and question.assigned_to is None


def test_another_organization_cannot_draft_and_an_editor_cannot_approve(orgs, staff, question_data):
    question = route(staff, orgs, submit(question_data))
    with pytest.raises(services.PermissionDenied):
        services.answer_save(question=question, user=staff["outsider"], body="x", delivery="cong-khai")
    question = draft(staff, question, [])
    client = login(staff["drafter"])
    client.get("/hoi-dap/gui-cau-hoi/")
    response = client.post(f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/",
                           {"action": "approve", "csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.state == Question.State.PENDING


def test_a_move_the_workflow_does_not_allow_gets_a_vietnamese_message_and_changes_nothing(orgs, staff,
                                                                                           question_data):
    question = route(staff, orgs, submit(question_data))
    with pytest.raises(services.WorkflowError, match="Không thể chuyển câu hỏi từ"):
        services._move(question, Question.State.PUBLISHED)
    with pytest.raises(services.WorkflowError, match="Chỉ phê duyệt được dự thảo đang chờ phê duyệt"):
        services.answer_approve(question=question, user=staff["approver"])
    # Through the view: approving a question still being drafted answers 409 with the reason.
    draft(staff, question, [], action="draft")
    response = csrf_post(login(staff["approver"]), f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/", {"action": "approve"})
    assert response.status_code == 409
    assert "Chỉ phê duyệt được dự thảo đang chờ phê duyệt" in response.content.decode()
    question.refresh_from_db()
    assert question.state == Question.State.ROUTED


def test_finished_questions_cannot_move_again(orgs, staff, question_data):
    for final in (Question.State.PUBLISHED, Question.State.ANSWERED_PRIVATELY, Question.State.REJECTED):
        assert TRANSITIONS[final] == set()
    question = submit(question_data)
    services.question_reject(question=question, user=staff["triage"], reason="Trùng nội dung.")
    question.refresh_from_db()
    with pytest.raises(services.WorkflowError):
        services.question_route(question=question, organization=orgs["labour"], user=staff["triage"])


def test_unknown_action_and_forged_ids_are_4xx(orgs, staff, question_data):
    question = submit(question_data)
    client = login(staff["triage"])
    assert csrf_post(client, f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/", {"action": "xoa-het"}).status_code == 400
    response = csrf_post(client, f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/",
                         {"action": "route", "organization": "999999"})
    assert response.status_code == 400 and "Đơn vị không hợp lệ" in response.content.decode()
    assert client.get("/hoi-dap/quan-ly/cau-hoi/999999/").status_code == 404


@pytest.mark.parametrize("action", ["route", "reject", "draft", "submit", "find", "return", "approve", "reviewed",
                                    "revise", ""])
def test_every_action_posted_out_of_turn_is_4xx_never_5xx(orgs, staff, question_data, action, django_user_model):
    """A superuser passes every permission check, so only the workflow stands between a forged post and the data."""
    question = submit(question_data)
    admin = django_user_model.objects.create_superuser("quantri", "qt@example.gov.vn")
    response = csrf_post(login(admin), f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/",
                         {"action": action, "body": "", "reason": "", "organization": ""})
    assert response.status_code in (200, 400, 409), response.status_code
    question.refresh_from_db()
    assert question.state == Question.State.NEW and question.assigned_to is None


def test_the_official_who_drafted_an_answer_cannot_approve_it(orgs, staff, question_data):
    question = route(staff, orgs, submit(question_data))
    client = login(staff["approver"])  # an approver may draft too, but then another approver decides
    page = f"/hoi-dap/quan-ly/cau-hoi/{question.pk}/"
    response = csrf_post(client, page, {"action": "submit", "body": "Theo Điều 220 Luật Đất đai, được tách thửa.",
                                        "delivery": "cong-khai", "public_title": "", "public_text": ""})
    assert response.status_code == 302
    page_html = client.get(page).content.decode()
    assert "không tự phê duyệt được" in page_html
    assert 'value="approve"' not in page_html
    response = csrf_post(client, page, {"action": "approve"})
    assert response.status_code == 409
    assert "Người soạn dự thảo không tự phê duyệt được" in response.content.decode()
    question.refresh_from_db()
    assert question.state == Question.State.PENDING
