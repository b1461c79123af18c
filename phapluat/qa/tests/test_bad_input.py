"""Empty, huge, script-laden, binary and forged submissions, bursts from one address: a clear
Vietnamese message or a 4xx, never a 5xx, and nothing already stored is lost."""
import random

import pytest
from django.test import Client

from phapluat.qa.models import Question

from .conftest import csrf_post
from .test_question_lifecycle import submit

pytestmark = pytest.mark.django_db
URL = "/hoi-dap/gui-cau-hoi/"


@pytest.fixture
def stored(question_data):
    """A question already stored; every bad submission below must leave it as it was."""
    question = submit(question_data)
    yield question
    again = Question.objects.get(pk=question.pk)
    assert (again.body, again.state, again.tracking_code) == (question.body, question.state, question.tracking_code)


def post(data, client=None):
    return csrf_post(client or Client(enforce_csrf_checks=True), URL, data)


def test_empty_form_lists_every_error_at_the_top(stored):
    response = post({})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and html.index("error-summary") < html.index("<textarea")
    for message in ("Vui lòng nhập câu hỏi.", "Vui lòng chọn chủ đề.", "Vui lòng chọn xã, phường."):
        assert message in html
    assert 'aria-invalid="true"' in html
    assert Question.objects.count() == 1


def test_a_one_megabyte_question_is_refused_with_a_message(stored, question_data):
    response = post({**question_data, "body": "đất đai " * 130_000})
    assert response.status_code == 400
    assert "Câu hỏi dài quá 5000 ký tự" in response.content.decode()
    assert Question.objects.count() == 1


def test_script_is_stored_as_text_and_never_runs(stored, question_data):
    body = '<script>alert("x")</script> Xin hỏi <img src=x onerror=alert(1)> về thủ tục đăng ký kết hôn ở phường?'
    response = post({**question_data, "body": body})
    assert response.status_code == 302
    question = Question.objects.exclude(pk=stored.pk).get()
    html = Client().get(question.get_tracking_url()).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_binary_and_control_characters_are_refused_or_cleaned(stored, question_data):
    # NUL bytes (which PostgreSQL refuses to store) get a Vietnamese message, not a 500.
    response = post({**question_data, "body": "\x00\x01\x02\xff\xfe" * 200})
    assert response.status_code == 400 and "ký tự không hợp lệ" in response.content.decode()
    # Random bytes, decoded the way Django decodes a request body (undecodable bytes become U+FFFD).
    noise = random.Random(4).randbytes(4000).replace(b"\x00", b"").decode("utf-8", "replace")
    response = post({**question_data, "body": noise})
    assert response.status_code == 400 and "quá nhiều ký tự không phải chữ" in response.content.decode()
    # Other control characters inside real text are removed and the text is kept.
    response = post({**question_data, "body": "Thủ tục\x07 đăng ký\x1b khai sinh cho con ở xã thế nào ạ?"})
    assert response.status_code == 302
    assert Question.objects.filter(body="Thủ tục đăng ký khai sinh cho con ở xã thế nào ạ?").exists()


def test_forged_choices_are_field_errors(stored, question_data, orgs):
    response = post({**question_data, "topic": "999", "locality": orgs["labour"].pk, "asker_type": "robot"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Chủ đề không hợp lệ" in html and "Xã, phường không hợp lệ" in html and "Lựa chọn không hợp lệ" in html


def test_contact_details_need_consent(stored, question_data):
    data = {**question_data, "body": "Hỏi về thời hạn giải quyết thủ tục chuyển mục đích sử dụng đất?"}
    del data["consent"]
    response = post(data)
    assert response.status_code == 400 and "Vui lòng đồng ý" in response.content.decode()


def test_honeypot_filled_is_refused_without_storing(stored, question_data):
    response = post({**question_data, "body": "Câu hỏi của máy gửi tự động về đất đai và nhà ở?",
                     "website": "http://spam.example"})
    assert response.status_code == 400
    assert "Không gửi được câu hỏi" in response.content.decode()
    assert Question.objects.count() == 1


def test_the_same_question_twice_is_a_duplicate(stored, question_data):
    # Same words, other accents, case and spacing.
    twin = question_data["body"].upper().replace(" ", "  ")
    response = post({**question_data, "body": twin})
    assert response.status_code == 400
    assert "Câu hỏi giống hệt đã được gửi" in response.content.decode()
    assert Question.objects.count() == 1


def test_a_burst_from_one_address_is_limited(stored, question_data):
    client = Client(enforce_csrf_checks=True)
    statuses = [post({**question_data, "body": f"Câu hỏi số {n} về thủ tục cấp giấy chứng nhận đất?"}, client)
                .status_code for n in range(6)]
    # The stored fixture already used one of the five submissions of this address.
    assert statuses[:4] == [302] * 4 and statuses[4:] == [429, 429]
    response = csrf_post(client, URL, {})
    assert response.status_code == 429 and "quá nhiều yêu cầu" in response.content.decode()
    # Another address is not affected.
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.9.9.9")
    assert csrf_post(other, URL, {**question_data, "body": "Hỏi khác về thuế đất phi nông nghiệp?"}).status_code == 302


def test_a_forged_post_without_csrf_token_is_refused(stored, question_data):
    response = Client(enforce_csrf_checks=True).post(URL, question_data)
    assert response.status_code == 403
    assert Question.objects.count() == 1


def test_tracking_codes_that_do_not_exist_are_404_with_a_message(stored):
    response = Client().get("/hoi-dap/theo-doi/?ma=HD-XXXX-XXXX-XXXX")
    assert response.status_code == 404 and "Không tìm thấy mã theo dõi" in response.content.decode()
    assert Client().get("/hoi-dap/theo-doi/%3Cscript%3E/").status_code == 404
    assert Client().get("/hoi-dap/theo-doi/?ma=" + stored.tracking_code.lower()).status_code == 302


def test_odd_query_strings_on_public_pages_are_not_errors(stored):
    for url in ("/hoi-dap/?q=%00%ff&chu-de=%3Cx%3E&trang=abc&nguoi-hoi=x", "/hoi-dap/?trang=99999",
                "/hoi-dap/goi-y/?body=%00" + "a" * 3000, "/doanh-nghiep/?nganh=<x>&van-de=1",
                "/hoi-dap/tinh-huong/?q=%00&chu-de=x&doi-tuong=y"):
        assert Client().get(url).status_code == 200, url
