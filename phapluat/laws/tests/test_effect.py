"""What a document's closing article says about its own effect (pure, no database)."""
from datetime import date

import pytest

from phapluat.laws.parsing import effect
from phapluat.laws.parsing.model import ParsedDocument, ParsedNode
from phapluat.laws.parsing.text import parse_text


def closing(*clauses: str, heading: str = "Hiệu lực thi hành") -> ParsedDocument:
    article = ParsedNode(kind="dieu", number="99", heading=heading, anchor="dieu-99")
    article.children = [ParsedNode(kind="khoan", number=str(i), text=t, anchor=f"dieu-99-khoan-{i}")
                        for i, t in enumerate(clauses, 1)]
    other = ParsedNode(kind="dieu", number="98", heading="Cấp phép",
                       text="Giấy phép số 12/2020/GP hết hiệu lực khi hết thời hạn.", anchor="dieu-98")
    return ParsedDocument(number="61/2020/QH14", body=[other, article])


def test_effective_date_is_read_from_the_closing_article():
    parsed = closing("Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.")
    assert effect.effective_date(parsed) == date(2021, 1, 1)


def test_amending_laws_named_after_the_replaced_one_are_not_replaced():
    parsed = closing("Luật Đầu tư số 67/2014/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số "
                     "90/2015/QH13 và Luật số 42/2019/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",
                     heading="Điều khoản thi hành")
    assert effect.replaced_numbers(parsed) == ["67/2014/QH14"]


def test_partial_repeals_and_other_articles_are_not_whole_replacements():
    parsed = closing("Các quy định về bảo hiểm tai nạn lao động tại Điều 104 của Luật bảo hiểm xã hội số "
                     "58/2014/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.")
    assert effect.replaced_numbers(parsed) == []


def test_several_documents_ending_together():
    parsed = closing("Bộ luật hình sự số 15/1999/QH10 và Luật số 37/2009/QH12 sửa đổi, bổ sung một số điều "
                     "của Bộ luật hình sự hết hiệu lực thi hành kể từ ngày Bộ luật này có hiệu lực thi hành.")
    assert effect.replaced_numbers(parsed) == ["15/1999/QH10", "37/2009/QH12"]


def test_status_from_dates():
    assert effect.status_from_dates(date(2030, 1, 1), today=date(2026, 1, 1))[0] == "chua-co-hieu-luc"
    assert effect.status_from_dates(date(2020, 1, 1), today=date(2026, 1, 1))[0] == "con-hieu-luc"
    assert effect.status_from_dates(None)[0] == "chua-xac-dinh"


LOCAL_DECISION = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HUẾ
Số: 12/2025/QĐ-UBND
Huế, ngày 15 tháng 8 năm 2025
QUYẾT ĐỊNH
Ban hành quy định về quản lý chợ
Điều 1. Phạm vi
Nội dung.
Điều 2. Hiệu lực thi hành
{closing}
Nơi nhận:
- Như Điều 3;
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Phương
"""


@pytest.mark.parametrize("closing, takes_effect", [
    ("Quyết định này có hiệu lực kể từ ngày ký.", date(2025, 8, 15)),
    ("Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.", date(2025, 8, 15)),
    ("Quyết định này có hiệu lực thi hành kể từ ngày 01/01/2026.", date(2026, 1, 1)),
    ("Quyết định này có hiệu lực từ ngày 25 tháng 8 năm 2025.", date(2025, 8, 25)),
    ("Quyết định có hiệu lực kể từ ngày 20 tháng 8 năm 2025.", date(2025, 8, 20)),
    ("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", date(2025, 8, 25)),
])
def test_the_ways_a_local_decision_says_when_it_takes_effect(closing, takes_effect):
    parsed = parse_text(LOCAL_DECISION.format(closing=closing))
    assert effect.read_effect(parsed).effective_date == takes_effect


def test_a_local_decision_replaces_or_repeals_in_the_same_sentence():
    parsed = parse_text(LOCAL_DECISION.format(closing=(
        "1. Quyết định này có hiệu lực từ ngày 01-9-2025 và thay thế Quyết định số 5/2020/QĐ-UBND ngày "
        "02/3/2020 của Ủy ban nhân dân tỉnh Thừa Thiên Huế.\n"
        "2. Bãi bỏ Điều 3 và Điều 4 của Quyết định số 7/2019/QĐ-UBND ngày 01/02/2019.\n"
        "3. Thay thế cụm từ “Sở Xây dựng” bằng cụm từ “Sở Công Thương” tại Điều 5 của Quyết định số 9/2021/QĐ-UBND.\n"
        "4. Trường hợp văn bản dẫn chiếu được sửa đổi, bổ sung hoặc thay thế thì áp dụng theo văn bản mới.")))
    read = effect.read_effect(parsed)
    assert read.effective_date == date(2025, 9, 1)
    assert [(e.number, e.doc_type, e.anchors, e.repealed) for e in read.ended] == [
        ("5/2020/QĐ-UBND", "quyet-dinh", [], False),
        ("7/2019/QĐ-UBND", "quyet-dinh", ["dieu-3", "dieu-4"], True),
    ]
