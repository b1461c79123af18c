"""The assistant cites a plan without articles by its own sections: "Điểm g Khoản 4 Mục III"."""
import pytest
from django.core.management import call_command

from phapluat.assistant.services import answer_question

pytestmark = pytest.mark.django_db

def test_answer_cites_the_point_of_the_plan_with_its_anchor(hue_plan):
    answer = answer_question("Thành phố Huế ứng dụng trí tuệ nhân tạo, trợ lý ảo trong phổ biến pháp luật thế nào?")
    first = answer.citations[0]
    assert first.label == "Điểm g Khoản 4 Mục III" and first.anchor == "muc-iii-khoan-4-diem-g"
    assert first.url == f"{hue_plan.get_absolute_url()}#muc-iii-khoan-4-diem-g"
    assert first.quote.startswith("Ứng dụng trí tuệ nhân tạo (AI) trong công tác phổ biến, giáo dục pháp luật")
    assert first.heading.startswith("Chuyển đổi số trong hoạt động phổ biến")
    assert first.article_number == ""
    assert answer.text.startswith("Theo Điểm g Khoản 4 Mục III Kế hoạch thực hiện Đề án")


def test_a_clause_without_points_is_quoted_whole(hue_plan):
    answer = answer_question("Sở Tài chính có trách nhiệm gì về kinh phí chi thường xuyên thực hiện kế hoạch?")
    first = answer.citations[0]
    assert (first.label, first.heading) == ("Khoản 2 Mục IV", "Sở Tài chính")
    assert first.quote.startswith("- Tham mưu, bố trí kinh phí chi thường xuyên")


def test_an_article_of_an_attached_regulation_is_cited_with_it(tmp_path):
    from phapluat.laws.tests.test_parsing_attachments import DECISION_WITH_A_LIST_AND_A_REGULATION

    path = tmp_path / "qd-15.txt"
    path.write_text(DECISION_WITH_A_LIST_AND_A_REGULATION, encoding="utf-8")
    call_command("import", str(path), "--no-progress")
    answer = answer_question("Nguyên tắc phối hợp phổ biến, giáo dục pháp luật là bảo đảm kịp thời và hiệu quả?")
    first = answer.citations[0]
    assert first.anchor.startswith("kem-theo-quy-che-dieu-2") and first.article_number == "2"
    assert first.label.endswith("Điều 2 Quy chế ban hành kèm theo")
    assert f"{first.label} Quyết định ban hành Quy chế phối hợp" in answer.text
