"""Fine questions ("vượt đèn đỏ phạt bao nhiêu?") are answered from Decree 168/2024/NĐ-CP: the amount, the points
deducted and the exact provision, cited from the library with its real status. Real data throughout: the
shipped fines lookup and the decree's own .docx."""
import json
import re

import pytest

from phapluat.assistant import fines
from phapluat.assistant.services import answer_question
from phapluat.contests import fines as lookup
from phapluat.laws.models import Document, EffectStatus

DECREE_FILE = "data/laws/current/168-2024-ND-CP_xu-phat-vi-pham-giao-thong-duong-bo.docx"
AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+ đồng")


@pytest.fixture
def unverified_decree(db, shared_dir):
    """The decree as imported: only its own effective date is known."""
    from phapluat.laws.importers import run_import

    summary = run_import([shared_dir / DECREE_FILE])
    assert not summary.failures
    return Document.objects.get(number="168/2024/NĐ-CP")


@pytest.fixture
def decree(unverified_decree):
    """The decree after an official verified it in force (the queue's one step)."""
    from phapluat.laws.services.status import verify_status

    verify_status(document=unverified_decree, status=EffectStatus.IN_FORCE, checked_by_name="Cán bộ kiểm thử",
                  source_label="Cơ sở dữ liệu quốc gia về văn bản pháp luật")
    unverified_decree.refresh_from_db()
    return unverified_decree


def test_an_unverified_decree_is_quoted_with_a_caution_first_never_as_current(unverified_decree):
    answer = answer_question("vuot den do xe may phat bao nhieu")
    first = answer.citations[0]
    assert first.document_id == unverified_decree.pk and AMOUNT.search(answer.text)
    assert not first.is_current and first.status == EffectStatus.UNVERIFIED
    assert "(còn hiệu lực)" not in answer.text and "(chưa xác minh hiệu lực)" in answer.text
    assert answer.caution.startswith("Lưu ý: thư viện chưa xác minh được")
    assert answer.as_json()["ask_officials_url"]


# ---------------------------------------------------------------- intent: a pure function


@pytest.mark.parametrize("question", [
    "Vượt đèn đỏ bị phạt bao nhiêu?", "vuot den do phat bao nhieu", "Mức phạt không đội mũ bảo hiểm",
    "muc phat khong doi mu bao hiem", "Không đội mũ bảo hiểm bị phạt thế nào", "đi ngược chiều bị phạt gì",
    "đi ngược chiều bị trừ mấy điểm", "say rượu lái xe bị tước bằng bao lâu", "BỊ XỬ PHẠT HÀNH CHÍNH",
    "nồng độ cồn bao nhiêu thì bị tước giấy phép lái xe", "vượt đèn đỏ có phạt không", "vuot den do co phat ko",
    "phạt tiền bao nhiêu khi không mang bằng lái",
])
def test_fine_questions_are_recognised_with_or_without_diacritics(question):
    assert fines.has_fine_intent(question)


@pytest.mark.parametrize("question", [
    "thủ tục đăng ký kết hôn", "phát triển kinh tế tư nhân", "phat trien kinh te tu nhan",
    "Nghị quyết về phát triển kinh tế tư nhân", "bị phát hiện trốn thuế thì sao", "bi phat hien tron thue",
    "mức phát thải khí nhà kính", "phat hanh hoa don dien tu", "Phật giáo có được miễn thuế không",
    "Đăng ký thường trú cần giấy tờ gì?", "phát sinh thu nhập phải nộp thuế không", "",
])
def test_other_questions_are_not_fine_questions(question):
    assert not fines.has_fine_intent(question)


def test_the_lookup_is_asked_about_the_behaviour_not_the_question_words():
    assert fines.behaviour_query("Vượt đèn đỏ bị phạt bao nhiêu?") == "vuot den do"
    assert fines.behaviour_query("muc phat khong doi mu bao hiem") == "khong doi mu bao hiem"
    assert fines.behaviour_query("xe máy chạy quá tốc độ 10km/h thì bị xử phạt thế nào") == \
        "xe may chay qua toc do 10 km h"
    assert fines.fines_url("Vượt đèn đỏ bị phạt bao nhiêu?") == \
        "/tra-cuu-muc-phat/?q=v%C6%B0%E1%BB%A3t+%C4%91%C3%A8n+%C4%91%E1%BB%8F"


# ---------------------------------------------------------------- matching and its threshold (no database)


@pytest.mark.parametrize("question, first_basis", [
    ("vuot den do xe may phat bao nhieu", "dieu-7-khoan-7-diem-c"),
    ("không đội mũ bảo hiểm bị phạt thế nào", "dieu-7-khoan-2-diem-h"),
    ("xe máy chạy quá tốc độ 10km/h phạt bao nhiêu", "dieu-7-khoan-4-diem-a"),
    ("dùng điện thoại khi lái ô tô bị phạt gì", None),
    ("đi ngược chiều bị trừ mấy điểm", None),
])
def test_good_matches_are_stated(question, first_basis):
    found = fines.matches(question)
    assert 1 <= len(found) <= fines.SHOWN and found[0].coverage >= fines.MIN_COVERAGE
    if first_basis:
        assert found[0].violation.main_provisions[0].anchor == first_basis


@pytest.mark.parametrize("question", [
    "trốn thuế bị phạt bao nhiêu", "xây nhà không phép bị phạt bao nhiêu", "đánh bạc bị xử phạt thế nào",
    "thủ tục đăng ký kết hôn phạt bao nhiêu", "không đăng ký tạm trú bị phạt bao nhiêu",
    "vi phạm giao thông bị phạt thế nào", "bị phạt gì", "hút thuốc lá nơi công cộng bị phạt bao nhiêu",
])
def test_weak_matches_are_not_stated(question):
    assert fines.has_fine_intent(question) and fines.matches(question) == []


def test_violations_fined_under_expired_decrees_are_never_stated():
    # The lookup's own first hit is fined under Decree 123/2021 (200.000–300.000 đồng), no longer in force.
    old = lookup.search("xe đạp điện không đội mũ bảo hiểm", limit=1)[0]
    assert old.main_provisions[0].decree == "123/2021/NĐ-CP"
    found = fines.matches("xe đạp điện không đội mũ bảo hiểm phạt bao nhiêu")
    assert found and old.no not in {m.violation.no for m in found}
    for question in ("xếp hàng hóa vượt quá giới hạn phạt bao nhiêu", "vượt rào chắn đường ngang bị phạt gì"):
        for match in fines.matches(question):
            assert all(p.decree == fines.DECREE for p in match.violation.provisions if p.kind == 1)


# ---------------------------------------------------------------- answers, with the decree in the library


@pytest.mark.parametrize("question, basis", [
    ("Vượt đèn đỏ bị phạt bao nhiêu?", None),
    ("vuot den do xe may phat bao nhieu", "dieu-7-khoan-7-diem-c"),
    ("không đội mũ bảo hiểm bị phạt thế nào", "dieu-7-khoan-2-diem-h"),
    ("nồng độ cồn ô tô mức phạt", "dieu-6-khoan-11-diem-a"),
])
def test_fine_questions_cite_decree_168_first_with_the_amount(decree, question, basis):
    answer = answer_question(question)
    first = answer.citations[0]
    assert answer.supported and answer.provider == "tra-cuu-muc-phat"
    assert first.document_number == "168/2024/NĐ-CP" and first.document_id == decree.pk
    assert first.is_current and first.status == EffectStatus.IN_FORCE
    assert first.url == f"{decree.get_absolute_url()}#{first.anchor}" and first.quote
    assert AMOUNT.search(answer.text), answer.text
    assert first.label in answer.text and "Nghị định 168/2024/NĐ-CP" in answer.text
    if basis:
        assert first.anchor == basis
    assert 1 <= len(answer.fines) <= 3
    assert answer.fines_url.startswith("/tra-cuu-muc-phat/?q=")


def test_points_deducted_and_the_clause_are_quoted_from_the_library(decree):
    answer = answer_question("vượt đèn đỏ xe máy bị trừ mấy điểm")
    assert "Phạt tiền từ 4.000.000 đồng đến 6.000.000 đồng" in answer.text
    assert "trừ điểm giấy phép lái xe 04 điểm" in answer.text
    by_anchor = {c.anchor: c for c in answer.citations}
    assert by_anchor["dieu-7-khoan-7-diem-c"].quote == (
        "Phạt tiền từ 4.000.000 đồng đến 6.000.000 đồng đối với người điều khiển xe thực hiện một trong các "
        "hành vi vi phạm sau đây:\nc) Không chấp hành hiệu lệnh của đèn tín hiệu giao thông;")
    assert "04 điểm" in by_anchor["dieu-7-khoan-13-diem-b"].quote
    assert [c.index for c in answer.citations] == list(range(1, len(answer.citations) + 1))


def test_the_status_comes_from_the_library_not_from_the_lookup(decree):
    Document.objects.filter(pk=decree.pk).update(status=EffectStatus.EXPIRED)
    answer = answer_question("vuot den do xe may phat bao nhieu")
    first = answer.citations[0]
    assert not first.is_current and first.status == EffectStatus.EXPIRED
    assert "còn hiệu lực" not in answer.text and "hết hiệu lực" in answer.text.lower()
    assert "không phải quy định hiện hành" in answer.text
    assert answer.confidence < 0.7


def test_non_fine_and_weak_fine_questions_keep_the_usual_path(decree, make_document):
    art = make_document.article
    make_document(number="52/2014/QH13", title="Luật Hôn nhân và gia đình", status=EffectStatus.IN_FORCE,
                  articles=[art("8", "Điều kiện kết hôn", "Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên "
                                "được kết hôn.")])
    answer = answer_question("Nam bao nhiêu tuổi thì được kết hôn?")
    assert answer.provider == "extractive" and answer.fines == [] and answer.fines_url == ""
    assert answer.citations[0].document_number == "52/2014/QH13"
    assert answer.as_json()["fines"] == [] and answer.as_json()["fines_lookup_url"] is None
    weak = answer_question("trốn thuế bị phạt bao nhiêu")
    assert weak.provider != "tra-cuu-muc-phat" and weak.fines == []


def test_api_and_page_carry_the_fines(client, decree):
    response = client.post("/api/v1/tro-ly/", json.dumps({"question": "vuot den do xe may phat bao nhieu"}),
                           content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and body["supported"]
    first = body["fines"][0]
    assert first["violation"] == "Không chấp hành hiệu lệnh của đèn tín hiệu giao thông"
    assert first["fines"] == "Phạt tiền từ 4.000.000 đồng đến 6.000.000 đồng"
    assert first["additional"] == "Bị trừ điểm giấy phép lái xe 04 điểm"
    assert first["provisions"][0] == {
        "citation": "Điểm c Khoản 7 Điều 7 Nghị định 168/2024/NĐ-CP", "kind": "Căn cứ xử phạt",
        "anchor": "dieu-7-khoan-7-diem-c", "url": f"{decree.get_absolute_url()}#dieu-7-khoan-7-diem-c",
        "status": "con-hieu-luc", "status_label": "Còn hiệu lực", "in_library": True, "in_force": True,
        "effect_note": ""}
    assert body["citations"][0]["anchor"] == "dieu-7-khoan-7-diem-c"
    assert body["fines_lookup_url"] == "/tra-cuu-muc-phat/?q=vuot+den+do+xe+may"

    html = client.get("/tro-ly/", {"q": "Vượt đèn đỏ xe máy bị phạt bao nhiêu?"}).content.decode()
    block = html[html.index('<section class="fines-answer"'):html.index("Căn cứ pháp lý")]
    assert "Mức phạt theo Nghị định 168/2024/NĐ-CP" in block and '<dl class="fine-facts">' in block
    assert ("<dt>Mức phạt tiền</dt><dd><strong>Phạt tiền từ 4.000.000 đồng đến 6.000.000 đồng</strong></dd>"
            in block)
    assert "<dd>Bị trừ điểm giấy phép lái xe 04 điểm</dd>" in block
    assert f'href="{decree.get_absolute_url()}#dieu-7-khoan-7-diem-c"' in block
    assert 'href="/tra-cuu-muc-phat/?q=v%C6%B0%E1%BB%A3t+%C4%91%C3%A8n+%C4%91%E1%BB%8F+xe+m%C3%A1y"' in block


# ---------------------------------------------------------------- without the decree in the library


def test_without_the_decree_the_answer_says_so_and_links_the_lookup(client, db):
    answer = answer_question("vượt đèn đỏ xe máy phạt bao nhiêu")
    assert not answer.supported and answer.citations == [] and answer.confidence == 0
    assert "chưa có trong thư viện" in answer.text and AMOUNT.search(answer.text)
    basis = answer.fines[0]["provisions"][0]
    assert basis["url"] == "" and basis["in_library"] is False and basis["citation"].startswith("Điểm c Khoản 7")
    assert answer.fines_url == "/tra-cuu-muc-phat/?q=v%C6%B0%E1%BB%A3t+%C4%91%C3%A8n+%C4%91%E1%BB%8F+xe+m%C3%A1y"
    html = client.get("/tro-ly/", {"q": "vượt đèn đỏ xe máy phạt bao nhiêu"}).content.decode()
    assert "chưa đối chiếu được trong thư viện" in html and f'href="{answer.fines_url}"' in html
    assert "#dieu-7-khoan-7-diem-c" not in html
