"""What a document's closing article says about its own effect (pure, no database)."""
from datetime import date

from phapluat.laws.parsing import effect
from phapluat.laws.parsing.model import ParsedDocument, ParsedNode


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
