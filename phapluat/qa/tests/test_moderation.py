"""Reports by visitors hide an item after PHAPLUAT_QA_REPORTS_TO_HIDE reports; moderators decide."""
import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from wagtail.models import ModelLogEntry

from phapluat.qa.models import Question, Report

from .conftest import csrf_post, login
from .test_knowledge_base import published  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def report(published, address, reason="thong-tin-ca-nhan"):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=address)
    return csrf_post(client, f"/hoi-dap/bao-cao/cau-hoi/{published.pk}/", {"reason": reason, "note": "<b>x</b>"})


def test_item_is_hidden_after_the_configured_number_of_reports(published, settings):
    settings.PHAPLUAT_QA_REPORTS_TO_HIDE = 2
    url = f"/hoi-dap/cau-hoi/{published.pk}/"
    assert report(published, "10.0.0.1").status_code == 200
    assert report(published, "10.0.0.1").status_code == 200  # the same visitor twice counts once
    assert Client().get(url).status_code == 200
    assert report(published, "10.0.0.2").status_code == 200
    assert Client().get(url).status_code == 404
    assert published.public_title not in Client().get("/hoi-dap/").content.decode()
    assert Report.objects.filter(resolved=False).count() == 2
    assert ModelLogEntry.objects.filter(action="qa.auto_hide").count() == 1


def test_default_threshold_is_three(published):
    for n in range(2):
        report(published, f"10.0.1.{n}")
    assert Question.objects.get(pk=published.pk).hidden is False
    report(published, "10.0.1.9")
    assert Question.objects.get(pk=published.pk).hidden is True


def test_moderator_restores_or_removes(published, staff, settings):
    settings.PHAPLUAT_QA_REPORTS_TO_HIDE = 1
    report(published, "10.0.0.1")
    assert login(staff["triage"]).get("/hoi-dap/quan-ly/kiem-duyet/").status_code == 403  # editors are not moderators
    moderator = login(staff["moderator"])
    queue = moderator.get("/hoi-dap/quan-ly/kiem-duyet/").content.decode()
    assert published.public_title in queue and "Lộ thông tin cá nhân" in queue and "&lt;b&gt;x&lt;/b&gt;" in queue
    csrf_post(moderator, "/hoi-dap/quan-ly/kiem-duyet/", {"kind": "question", "pk": published.pk, "decision": "keep"})
    assert Client().get(f"/hoi-dap/cau-hoi/{published.pk}/").status_code == 200
    assert Report.objects.filter(resolved=False).count() == 0
    report(published, "10.0.0.3")
    csrf_post(moderator, "/hoi-dap/quan-ly/kiem-duyet/", {"kind": "question", "pk": published.pk, "decision": "remove"})
    assert Client().get(f"/hoi-dap/cau-hoi/{published.pk}/").status_code == 404
    ct = ContentType.objects.get_for_model(Question)
    actions = set(ModelLogEntry.objects.filter(content_type=ct).values_list("action", flat=True))
    assert {"qa.auto_hide", "qa.moderate_keep", "qa.moderate_remove"} <= actions
    # A forged moderation post is a message, not an error page.
    response = csrf_post(moderator, "/hoi-dap/quan-ly/kiem-duyet/", {"kind": "user", "pk": "1", "decision": "keep"},
                         page="/hoi-dap/gui-cau-hoi/")
    assert response.status_code == 302


def test_reports_need_a_reason_and_only_public_items_can_be_reported(published):
    client = Client(enforce_csrf_checks=True)
    response = csrf_post(client, f"/hoi-dap/bao-cao/cau-hoi/{published.pk}/", {"reason": "bịa"})
    assert response.status_code == 400 and "Lý do không hợp lệ" in response.content.decode()
    assert Client().get("/hoi-dap/bao-cao/nguoi-dung/1/").status_code == 404
    assert Client().get("/hoi-dap/bao-cao/cau-hoi/99999/").status_code == 404
