"""A regulation or plan attached after a decision's signature becomes the decision's provisions, under one node
named by its type, with anchors of its own. Pure Python, no database."""
from __future__ import annotations

from datetime import date

from phapluat.laws.parsing.effect import read_effect
from phapluat.laws.parsing.model import ARTICLE, ATTACHMENT, CLAUSE, SECTION
from phapluat.laws.parsing.text import parse_text

DECISION_HEADER = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HUẾ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: {number}
Huế, ngày 3 tháng 7 năm 2025
QUYẾT ĐỊNH
{subject}
ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ
Căn cứ Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13;
QUYẾT ĐỊNH:
"""
SIGNATURE = """Nơi nhận:
- Như khoản 3;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Phương
"""
LIST_BODY = """1. Ban hành kèm theo Quyết định này Quy chế phối hợp phổ biến, giáo dục pháp luật.
2. Quyết định này có hiệu lực từ ngày 15 tháng 7 năm 2025.
3. Chánh Văn phòng Ủy ban nhân dân thành phố, Giám đốc Sở Tư pháp chịu trách nhiệm thi hành Quyết định này./.
"""
REGULATION = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HUẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
QUY CHẾ
Phối hợp phổ biến, giáo dục pháp luật
(Ban hành kèm theo Quyết định số 15/2025/QĐ-UBND ngày 3 tháng 7 năm 2025 của Ủy ban nhân dân thành phố Huế)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc phối hợp phổ biến, giáo dục pháp luật.
Điều 2. Nguyên tắc phối hợp
1. Bảo đảm kịp thời.
2. Bảo đảm hiệu quả.
Chương II
TỔ CHỨC THỰC HIỆN
Điều 3. Trách nhiệm thi hành
Sở Tư pháp hướng dẫn thực hiện Quy chế này.
"""
DECISION_WITH_A_LIST_AND_A_REGULATION = (
    DECISION_HEADER.format(number="15/2025/QĐ-UBND", subject="Ban hành Quy chế phối hợp phổ biến, giáo dục pháp luật")
    + LIST_BODY + SIGNATURE + REGULATION)

PLAN = """KẾ HOẠCH
Thực hiện Đề án chuyển đổi số trong công tác phổ biến, giáo dục pháp luật
(Kèm theo Quyết định số 1322/QĐ-UBND ngày 3 tháng 7 năm 2025)
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Triển khai kịp thời Đề án trên địa bàn thành phố.
b) Nâng cao nhận thức của cán bộ, công chức.
2. Yêu cầu
Bảo đảm thiết thực, hiệu quả.
II. TỔ CHỨC THỰC HIỆN
Sở Tư pháp chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch.
"""
DECISION_WITH_ARTICLES_AND_A_PLAN = (
    DECISION_HEADER.format(number="1322/QĐ-UBND", subject="Ban hành Kế hoạch thực hiện Đề án chuyển đổi số")
    + "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Đề án.\n"
    + "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
    + "Điều 3. Giám đốc Sở Tư pháp chịu trách nhiệm thi hành Quyết định này./.\n"
    + SIGNATURE + PLAN)


def test_decision_whose_list_promulgates_a_regulation():
    decision = parse_text(DECISION_WITH_A_LIST_AND_A_REGULATION)
    assert (decision.number, decision.issue_date) == ("15/2025/QĐ-UBND", date(2025, 7, 3))
    assert decision.preamble[-1] == "QUYẾT ĐỊNH:"     # the decision's list and signature are no longer preamble
    assert decision.signer == "Nguyễn Văn Phương" and decision.signature.startswith("Nơi nhận:")
    assert [(n.kind, n.anchor) for n in decision.body] == [
        (CLAUSE, "khoan-1"), (CLAUSE, "khoan-2"), (CLAUSE, "khoan-3"), (ATTACHMENT, "kem-theo-quy-che")]
    regulation = decision.body[-1]
    assert (regulation.number, regulation.heading) == ("Quy chế", "Phối hợp phổ biến, giáo dục pháp luật")
    assert regulation.text.startswith("(Ban hành kèm theo Quyết định số 15/2025/QĐ-UBND")
    assert [n.anchor for n in regulation.walk() if n.kind == ARTICLE] == [
        "kem-theo-quy-che-dieu-1", "kem-theo-quy-che-dieu-2", "kem-theo-quy-che-dieu-3"]
    assert decision.articles() == []   # the decision's own effect is never read from the regulation's articles


def test_decision_with_articles_and_an_attached_plan_keeps_both():
    decision = parse_text(DECISION_WITH_ARTICLES_AND_A_PLAN)
    assert [a.anchor for a in decision.articles()] == ["dieu-1", "dieu-2", "dieu-3"]
    plan = decision.body[-1]
    assert (plan.kind, plan.number, plan.anchor) == (ATTACHMENT, "Kế hoạch", "kem-theo-ke-hoach")
    assert plan.heading == "Thực hiện Đề án chuyển đổi số trong công tác phổ biến, giáo dục pháp luật"
    assert [(s.kind, s.anchor) for s in plan.children] == [
        (SECTION, "kem-theo-ke-hoach-muc-i"), (SECTION, "kem-theo-ke-hoach-muc-ii")]
    assert plan.children[0].children[0].children[1].anchor == "kem-theo-ke-hoach-muc-i-khoan-1-diem-b"
    assert decision.signer == "Nguyễn Văn Phương"


def test_the_decisions_effect_is_read_from_its_own_articles():
    regulation_ends_with_effect = DECISION_WITH_A_LIST_AND_A_REGULATION.replace(
        "Điều 3. Trách nhiệm thi hành\nSở Tư pháp hướng dẫn thực hiện Quy chế này.",
        "Điều 3. Hiệu lực thi hành\nQuy chế này có hiệu lực từ ngày 01 tháng 01 năm 2030.")
    text = DECISION_WITH_ARTICLES_AND_A_PLAN.replace(PLAN, regulation_ends_with_effect.split(SIGNATURE)[1])
    decision = parse_text(text)
    assert decision.body[-1].anchor == "kem-theo-quy-che"
    assert read_effect(decision).article_anchor == "dieu-2"   # its own "… có hiệu lực …", not the regulation's


def test_an_appendix_is_no_attached_document():
    text = (DECISION_HEADER.format(number="16/2025/QĐ-UBND", subject="Ban hành mẫu điều lệ")
            + "Điều 1. Ban hành mẫu điều lệ tại Phụ lục.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n"
            + SIGNATURE + "PHỤ LỤC\nQUY CHẾ MẪU\nĐiều 1. Tên gọi\nTên gọi của tổ chức.\n")
    decision = parse_text(text)
    assert [n.kind for n in decision.body] == [ARTICLE, ARTICLE]
    assert decision.appendix.startswith("PHỤ LỤC\nQUY CHẾ MẪU")
    assert any("Phần sau chữ ký" in w and "có 1 điều" in w for w in decision.warnings)


def test_an_attachment_without_provisions_stays_as_text_after_the_signature():
    text = (DECISION_HEADER.format(number="17/2025/QĐ-UBND", subject="Ban hành quy định")
            + "Điều 1. Ban hành Quy định kèm theo.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n"
            + SIGNATURE + "QUY ĐỊNH\nVề giờ làm việc\nCán bộ làm việc từ 7 giờ 30.\n")
    decision = parse_text(text)
    assert [n.anchor for n in decision.body] == ["dieu-1", "dieu-2"]
    assert decision.appendix.startswith("QUY ĐỊNH\nVề giờ làm việc")
