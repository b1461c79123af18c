"""Documents without articles keep their own numbered sections: Huế's plan (../shared) and a decision whose body
is a short list. Pure Python, no database."""
from __future__ import annotations

from datetime import date

import pytest

from phapluat.laws.parsing.model import CLAUSE, POINT, SECTION, ParseError
from phapluat.laws.parsing.sections import SECTION_TREE_NOTE
from phapluat.laws.parsing.text import parse_text

PLAN_FILE = "data/hue/ke-hoach-chuyen-doi-so-pbgdpl-hue-2025-2030.txt"


@pytest.fixture(scope="module")
def plan(shared_dir):
    return parse_text((shared_dir / PLAN_FILE).read_text(encoding="utf-8"))


def nodes_of(document) -> dict:
    return {node.anchor: node for node in document.walk()}


def test_plan_has_five_sections_of_clauses_and_points(plan):
    assert [(s.kind, s.number, s.anchor) for s in plan.body] == [
        (SECTION, "I", "muc-i"), (SECTION, "II", "muc-ii"), (SECTION, "III", "muc-iii"), (SECTION, "IV", "muc-iv"),
        (SECTION, "V", "muc-v")]
    assert [s.heading for s in plan.body] == [
        "MỤC TIÊU", "PHẠM VI ÁP DỤNG VÀ THỜI GIAN THỰC HIỆN ĐỀ ÁN", "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
        "TỔ CHỨC THỰC HIỆN", "KINH PHÍ THỰC HIỆN"]
    assert [len(s.children) for s in plan.body] == [2, 2, 9, 12, 2]
    tasks = plan.body[2].children[3]
    assert [p.number for p in tasks.children] == ["a", "b", "c", "d", "đ", "e", "g", "h"]
    assert tasks.children[4].anchor == "muc-iii-khoan-4-diem-dd"
    assert all(p.kind == POINT for p in plan.body[4].children)   # "V." has points and no clause


def test_plan_anchors_nest_clause_and_point_under_their_section(plan):
    nodes = nodes_of(plan)
    assert nodes["muc-i-khoan-1"].kind == CLAUSE
    assert nodes["muc-i-khoan-2-diem-a"].text.startswith("Giai đoạn 1 (từ năm 2025 đến năm 2027)\n- Nghiên cứu")
    assert nodes["muc-v-diem-a"].text.startswith("Kinh phí thực hiện Đề án do ngân sách nhà nước bảo đảm")
    assert len(nodes) == len({node.anchor for node in plan.walk()}) == 59


def test_plan_clause_titles_are_headings_and_sentences_stay_text(plan):
    nodes = nodes_of(plan)
    assert nodes["muc-i-khoan-1"].heading == "Mục tiêu tổng quát"
    assert nodes["muc-i-khoan-1"].text.startswith("Đổi mới toàn diện, căn bản công tác quản lý, phương thức tổ chức "
                                                  "thực hiện các hoạt động")
    # a title broken over two lines of the PDF is joined
    assert nodes["muc-iii-khoan-1"].heading == ("Nâng cao nhận thức, phát huy vai trò, trách nhiệm của các cơ quan, "
                                                "tổ chức, cá nhân")
    assert nodes["muc-iv-khoan-1"].heading == "Sở Tư pháp"
    # whole sentences are no headings, even when the PDF broke them before a capital ("của" / "Tòa án")
    assert nodes["muc-ii-khoan-1"].heading == ""
    assert nodes["muc-ii-khoan-1"].text == "Đề án được triển khai thực hiện trên địa bàn thành phố Huế."
    assert nodes["muc-iv-khoan-9"].heading == ""
    assert nodes["muc-iv-khoan-9"].text.endswith("chia sẻ dữ liệu của Tòa án với Trang Thông tin điện tử Phổ biến, "
                                                 "giáo dục pháp luật thành phố.")


def test_plan_paragraphs_are_joined_and_list_items_kept_apart(plan):
    point = nodes_of(plan)["muc-iii-khoan-4-diem-c"]
    lines = point.text.split("\n")
    assert lines[0].startswith("Tích hợp, kết nối, chia sẻ thông tin, dữ liệu giữa Cổng Thông tin điện tử Phổ biến,")
    assert "Quyết định số 471/QĐ-TTg ngày 26 tháng 4 năm 2019" in lines[0]
    assert lines[1:] == ["- Cơ quan chủ trì: Sở Tư pháp, Sở Khoa học và Công nghệ.",
                         "- Cơ quan phối hợp: Các Sở, ngành, đơn vị, địa phương.",
                         "- Thời gian thực hiện: Năm 2027.",
                         "- Sản phẩm: Cổng Thông tin điện tử Phổ biến, giáo dục pháp luật quốc gia và Trang Thông tin "
                         "điện tử Phổ biến, giáo dục pháp luật thành phố được kết nối, đồng bộ dữ liệu."]


def test_plan_header_and_signature(plan):
    assert plan.doc_type == "Kế hoạch"
    assert plan.title.startswith("Kế hoạch thực hiện Đề án")
    assert plan.title.endswith("giai đoạn 2025-2030\" trên địa bàn thành phố Huế")
    # the file has lost the header block (number, date); its first sentence names the issuer
    assert plan.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ"
    assert (plan.number, plan.issue_date) == ("", None)
    assert plan.preamble[0].startswith("Thực hiện Quyết định số 766/QĐ-TTg ngày 15 tháng 4 năm 2025")
    assert plan.signer == "Nguyễn Chí Tài"
    assert plan.signature.startswith("Nơi nhận:") and "PHÓ CHỦ TỊCH" in plan.signature
    assert plan.appendix == ""
    assert plan.articles() == []
    assert SECTION_TREE_NOTE in plan.warnings
    assert "Không xác định được cơ quan ban hành." not in plan.warnings
    assert {"Không tìm thấy số hiệu văn bản.", "Không tìm thấy ngày ban hành."} <= set(plan.warnings)


def test_plan_with_its_header_reads_number_date_and_issuer(shared_dir):
    """The signed plan's header block, as the public record gives it (vanban123.vn: Kế hoạch 210/KH-UBND)."""
    header = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HUẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "Số: 210/KH-UBND\nHuế, ngày 08 tháng 5 năm 2025\n")
    plan = parse_text(header + (shared_dir / PLAN_FILE).read_text(encoding="utf-8"))
    assert (plan.issuer, plan.number, plan.place, plan.issue_date) == (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ", "210/KH-UBND", "Huế", date(2025, 5, 8))
    assert [s.anchor for s in plan.body] == ["muc-i", "muc-ii", "muc-iii", "muc-iv", "muc-v"]
    assert plan.warnings == [SECTION_TREE_NOTE]


DECISION_WITH_A_LIST = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HUẾ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1520/QĐ-UBND
Huế, ngày 20 tháng 6 năm 2025
QUYẾT ĐỊNH
Về việc kiện toàn Hội đồng phối hợp phổ biến, giáo dục pháp luật thành phố
CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ
Căn cứ Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13;
Theo đề nghị của Giám đốc Sở Tư pháp.
QUYẾT ĐỊNH:
1. Kiện toàn Hội đồng phối hợp phổ biến, giáo dục pháp luật thành phố gồm:
a) Chủ tịch Hội đồng: Phó Chủ tịch Ủy ban nhân dân thành phố;
b) Phó Chủ tịch thường trực: Giám đốc Sở Tư pháp;
c) Các thành viên: lãnh đạo các sở, ban, ngành
và Ủy ban nhân dân các xã, phường.
2. Quyết định này có hiệu lực kể từ ngày ký.
3. Chánh Văn phòng Ủy ban nhân dân thành phố, Giám đốc Sở Tư pháp và các thành viên có tên tại khoản 1 chịu
trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như khoản 3;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Phương
"""


def test_decision_whose_body_is_a_short_list():
    decision = parse_text(DECISION_WITH_A_LIST)
    assert (decision.issuer, decision.number, decision.issue_date) == (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ", "1520/QĐ-UBND", date(2025, 6, 20))
    assert decision.title == ("Quyết định về việc kiện toàn Hội đồng phối hợp phổ biến, giáo dục pháp luật "
                              "thành phố")
    assert decision.preamble[-1] == "QUYẾT ĐỊNH:"
    assert [(n.kind, n.anchor) for n in decision.body] == [
        (CLAUSE, "khoan-1"), (CLAUSE, "khoan-2"), (CLAUSE, "khoan-3")]
    members = decision.body[0]
    assert members.text == "Kiện toàn Hội đồng phối hợp phổ biến, giáo dục pháp luật thành phố gồm:"
    assert [p.anchor for p in members.children] == ["khoan-1-diem-a", "khoan-1-diem-b", "khoan-1-diem-c"]
    assert members.children[2].text == "Các thành viên: lãnh đạo các sở, ban, ngành và Ủy ban nhân dân các xã, phường."
    assert decision.body[2].text.endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert decision.signer == "Nguyễn Văn Phương"
    assert decision.signature.startswith("Nơi nhận:")


def test_roman_sections_need_their_order_and_clauses_theirs():
    report = parse_text("BÁO CÁO\nKết quả năm 2025\nI. KẾT QUẢ\n1. Đã làm\nnăm 2025 có:\n3. số liệu trong câu\n"
                        "II. TỒN TẠI\nIV. không phải mục\n1. Chưa làm\n2. Sẽ làm")
    assert [(s.number, [c.number for c in s.children]) for s in report.body] == [("I", ["1"]), ("II", ["1", "2"])]
    assert report.body[0].children[0].text == "Đã làm năm 2025 có:\n3. số liệu trong câu"
    assert report.body[1].text == "IV. không phải mục"


@pytest.mark.parametrize("text", [
    "QUỐC HỘI\nLUẬT\nKHÔNG CÓ ĐIỀU\nChỉ có văn bản.",          # neither articles nor numbered sections
    "THÔNG BÁO\nLịch tiếp công dân\nSáng thứ Hai hằng tuần.\n1. Một dòng đánh số",   # one "1." is no structure
    "Ghi chú\nI. Cài đặt\n1. Tải về\n2. Chạy",                   # numbered notes without a document type
])
def test_text_without_articles_or_sections_is_still_refused(text):
    with pytest.raises(ParseError, match="Không tìm thấy điều khoản nào trong văn bản."):
        parse_text(text)
