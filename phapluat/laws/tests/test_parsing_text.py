"""parse_text on real laws from ../shared and on small synthetic documents. Pure Python, no database."""
from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from phapluat.laws.parsing.model import ARTICLE, ATTACHMENT, CHAPTER, CLAUSE, PART, POINT, SECTION, ParseError
from phapluat.laws.parsing.text import parse_text

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
VLC = SHARED / "data" / "laws" / "vlc"
needs_corpus = pytest.mark.skipif(not VLC.is_dir(), reason=f"corpus not found at {VLC}")


@lru_cache(maxsize=None)
def parsed(name: str):
    return parse_text((VLC / name).read_text(encoding="utf-8"))


def article(document, number: str):
    return next(node for node in document.articles() if node.number == number)


def texts(node) -> str:
    return "\n".join(n.text for n in node.walk())


# --- the Civil Code and the Criminal Code -----------------------------------------------------------

@needs_corpus
def test_civil_code_header():
    blds = parsed("Bo-luat-dan-su-2015-296215.txt")
    assert blds.issuer == "QUỐC HỘI"
    assert blds.number == "91/2015/QH13"
    assert blds.issue_date == date(2015, 11, 24)
    assert blds.place == "Hà Nội"
    assert blds.doc_type == "Bộ luật"
    assert blds.title == "Bộ luật Dân sự"
    assert blds.preamble == ["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
                             "Quốc hội ban hành Bộ luật dân sự."]
    assert blds.warnings == []


@needs_corpus
def test_civil_code_articles_and_structure():
    blds = parsed("Bo-luat-dan-su-2015-296215.txt")
    articles = blds.articles()
    assert len(articles) == 689
    assert [a.number for a in articles] == [str(n) for n in range(1, 690)]
    assert articles[0].heading == "Phạm vi điều chỉnh"
    assert articles[0].anchor == "dieu-1"
    assert articles[0].children == []
    assert articles[0].text.startswith("Bộ luật này quy định địa vị pháp lý")
    parts = [node for node in blds.body if node.kind == PART]
    assert [p.number for p in parts] == ["1", "2", "3", "4", "5", "6"]
    assert parts[0].anchor == "phan-1" and parts[0].heading == "QUY ĐỊNH CHUNG"
    chapter = parts[0].children[0]
    assert (chapter.kind, chapter.number, chapter.heading, chapter.anchor) == (
        CHAPTER, "I", "NHỮNG QUY ĐỊNH CHUNG", "chuong-i")
    sections = [n for n in blds.walk() if n.kind == SECTION]
    assert sections[0].anchor == "chuong-iii-muc-1"


@needs_corpus
def test_civil_code_clauses_and_points():
    article_688 = article(parsed("Bo-luat-dan-su-2015-296215.txt"), "688")
    assert article_688.heading == "Điều khoản chuyển tiếp"
    clause = article_688.children[0]
    assert (clause.kind, clause.number, clause.anchor) == (CLAUSE, "1", "dieu-688-khoan-1")
    assert clause.text.endswith("được quy định như sau:")
    assert [p.number for p in clause.children] == ["a", "b", "c", "d"]
    assert clause.children[0].anchor == "dieu-688-khoan-1-diem-a"
    assert all(p.kind == POINT for p in clause.children)
    # the unnumbered paragraph after point a (another point follows) stays in point a
    assert "Giao dịch dân sự đang được thực hiện" in clause.children[0].text


@needs_corpus
def test_civil_code_closing():
    blds = parsed("Bo-luat-dan-su-2015-296215.txt")
    assert blds.signature == "CHỦ TỊCH QUỐC HỘI\nNguyễn Sinh Hùng"
    assert blds.signer == "Nguyễn Sinh Hùng"
    assert blds.adoption_statement.startswith("Bộ luật này đã được Quốc hội")
    last = blds.articles()[-1]
    assert "thông qua" not in last.text and last.text.endswith("kể từ ngày Bộ luật này có hiệu lực.")


@needs_corpus
def test_criminal_code():
    blhs = parsed("Bo-luat-hinh-su-2015-296661.txt")
    assert (blhs.number, blhs.issue_date, blhs.title) == ("100/2015/QH13", date(2015, 11, 27), "Bộ luật Hình sự")
    assert len(blhs.articles()) == 426
    # "Ðiều 317" is written with the Icelandic eth in the source; it is still an article
    assert article(blhs, "317").heading.startswith("Tội vi phạm quy định về vệ sinh an toàn thực phẩm")
    article_3 = article(blhs, "3")
    assert [c.number for c in article_3.children] == ["1", "2"]
    assert [p.number for p in article_3.children[0].children] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert article_3.children[0].children[4].anchor == "dieu-3-khoan-1-diem-dd"


@needs_corpus
def test_anchors_are_unique_in_every_code():
    for name in ("Bo-luat-dan-su-2015-296215.txt", "Bo-luat-hinh-su-2015-296661.txt"):
        anchors = [node.anchor for node in parsed(name).walk()]
        assert len(anchors) == len(set(anchors)) and all(anchors)


# --- old and irregular layouts ----------------------------------------------------------------------

@needs_corpus
def test_1989_law_with_dash_clauses_and_number_in_title():
    law = parsed("Luat-Bao-ve-suc-khoe-nhan-dan-1989-21-LCT-HDNN8-37690.txt")
    assert law.number == "21-LCT/HĐNN8"
    assert law.issue_date == date(1989, 6, 30)
    assert law.title == "Luật Bảo vệ sức khoẻ nhân dân"
    assert len(law.articles()) == 55
    assert [c.number for c in article(law, "1").children] == ["1", "2"]
    assert law.signer == "Võ Chí Công"


@needs_corpus
def test_1993_law_with_bare_article_headings():
    law = parsed("Luat-Dau-khi-1993-18-L-CTN-38474.txt")
    assert (law.number, law.title, law.issue_date) == ("18-L/CTN", "Luật Dầu khí", date(1993, 7, 6))
    assert len(law.articles()) == 51
    first = law.articles()[0]
    assert first.heading == "" and first.text.startswith("Toàn bộ tài nguyên dầu khí")
    assert [c.number for c in article(law, "3").children][:3] == ["1", "2", "3"]


@needs_corpus
def test_decomposed_unicode_in_source_is_read():
    # Luật Dược 2016 writes some "Điều" headings with combining marks (NFD)
    law = parsed("Luat-Duoc-2016-309815.txt")
    assert [a.number for a in law.articles()] == [str(n) for n in range(1, 117)]
    assert all(unicodedata.is_normalized("NFC", node.heading + node.text) for node in law.walk())


@needs_corpus
def test_table_of_contents_is_dropped_with_a_warning():
    law = parsed("Luat-mau-ve-trong-tai-thuong-mai-quoc-te-cua-Uy-ban-lien-hiep-quoc-ve-Luat-thuong-mai-quoc-te"
                 "-1985-81043.txt")
    chapters = [n for n in law.body if n.kind == CHAPTER]
    assert [c.number for c in chapters][:2] == ["I", "II"] and chapters[0].children
    assert any("mục lục" in w for w in law.warnings)
    assert law.issue_date == date(1985, 6, 21)


@needs_corpus
def test_chapters_numbered_again_in_each_part_get_part_anchors():
    law = parsed("Luat-xu-ly-vi-pham-hanh-chinh-2012-142766.txt")
    anchors = [n.anchor for n in law.walk() if n.kind == CHAPTER]
    assert "phan-2-chuong-i" in anchors and "phan-3-chuong-i" in anchors
    assert law.warnings == []


@needs_corpus
def test_missing_article_headings_are_reported():
    law = parsed("Luat-trung-mua-trung-dung-tai-san-2008-15-2008-QH12-66950.txt")
    assert "Điều đầu tiên là Điều 2, không phải Điều 1." in law.warnings
    assert "Số điều không liên tục: Điều 5 rồi đến Điều 9." in law.warnings
    assert law.issue_date == date(2008, 6, 3)   # no date line: the adoption date is used, with a warning
    assert any("dùng ngày thông qua" in w for w in law.warnings)


@needs_corpus
def test_appendix_after_signature_is_kept_apart():
    law = parsed("Luat-quy-hoach-322935.txt")
    assert law.signer == "Nguyễn Thị Kim Ngân"
    assert law.appendix.startswith("PHỤ LỤC")
    assert "DANH MỤC CÁC QUY HOẠCH NGÀNH QUỐC GIA" in law.appendix
    assert len(law.articles()) == 59


# --- amending laws: quoted articles stay in the clause ----------------------------------------------

@needs_corpus
def test_quoted_articles_do_not_become_provisions():
    law = parsed("Luat-quy-hoach-322935.txt")
    article_57 = article(law, "57")
    assert [c.number for c in article_57.children] == [str(n) for n in range(1, 10)]
    clause_4 = article_57.children[3]
    assert clause_4.children == []
    assert "“Điều 58. Quy hoạch tổng thể hệ thống kho dự trữ quốc gia" in clause_4.text
    assert "đ) Xác định rõ giải pháp và lộ trình thực hiện." in clause_4.text
    assert [a.number for a in law.articles()] == [str(n) for n in range(1, 60)]


def test_quoted_article_with_straight_quotes_in_synthetic_amending_law():
    text = "\n".join([
        "QUỐC HỘI", "Luật số: 1/2020/QH14", "Hà Nội, ngày 1 tháng 2 năm 2020", "LUẬT",
        "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT THỬ", "Điều 1. Sửa đổi, bổ sung một số điều của Luật thử",
        "1. Điều 5 được sửa đổi, bổ sung như sau:", '"Điều 5. Giải thích từ ngữ', "1. Từ A là ...",
        "a) điểm trích dẫn;", '2. Từ B là ...".', "2. Bãi bỏ Điều 7.", "Điều 2. Hiệu lực thi hành",
        "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2020.",
    ])
    law = parse_text(text)
    assert [a.number for a in law.articles()] == ["1", "2"]
    clauses = law.articles()[0].children
    assert [c.number for c in clauses] == ["1", "2"]
    assert clauses[0].children == [] and '"Điều 5. Giải thích từ ngữ' in clauses[0].text
    assert clauses[0].text.endswith('2. Từ B là ...".')
    assert law.title == "Luật sửa đổi, bổ sung một số điều của Luật Thử"   # the law it amends keeps its capitals


def test_unclosed_quotation_ends_at_next_heading_with_a_warning():
    text = "\n".join(["LUẬT", "THỬ", "Điều 1. Sửa đổi", "1. Điều 5 được sửa đổi như sau:",
                      "“Điều 5. Nội dung mới", "Nội dung không có dấu đóng", "Điều 2. Hiệu lực", "Có hiệu lực."])
    law = parse_text(text)
    assert [a.number for a in law.articles()] == ["1", "2"]
    assert any("không được đóng" in w for w in law.warnings)


# --- synthetic documents: headers, anchors, warnings, errors ----------------------------------------

DECREE = """CHÍNH PHỦ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 100/2019/NĐ-CP
Hà Nội, ngày 30 tháng 12 năm 2019
NGHỊ ĐỊNH
QUY ĐỊNH XỬ PHẠT VI PHẠM HÀNH CHÍNH TRONG LĨNH VỰC GIAO THÔNG ĐƯỜNG BỘ VÀ ĐƯỜNG SẮT
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Căn cứ Luật Xử lý vi phạm hành chính số 15/2012/QH13 ngày 20 tháng 6 năm 2012;
Căn cứ Luật Giao thông đường bộ số 23/2008/QH12 và Nghị định số 46/2016/NĐ-CP;
Chính phủ ban hành Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ và đường sắt.
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về hành vi vi phạm hành chính.
Điều 2. Xử phạt người điều khiển xe ô tô
1. Phạt tiền từ 200.000 đồng đến 400.000 đồng đối với người điều khiển xe thực hiện một trong các hành vi vi phạm sau đây:
a) Không chấp hành hiệu lệnh;
đ) Dừng xe không đúng quy định;
2. Phạt tiền từ 800.000 đồng
đến 1.000.000 đồng.
Điều 10a. Điều bổ sung
Nội dung.
Điều 3. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2020./.
Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Lưu: VT, CN (2).
TM. CHÍNH PHỦ
THỦ TƯỚNG
Nguyễn Xuân Phúc
"""


def test_decree_header_and_cited_numbers():
    decree = parse_text(DECREE)
    assert decree.issuer == "CHÍNH PHỦ"
    assert decree.number == "100/2019/NĐ-CP"
    assert decree.issue_date == date(2019, 12, 30)
    assert decree.doc_type == "Nghị định"
    assert decree.title.startswith("Nghị định quy định xử phạt vi phạm hành chính")   # as the enacting sentence
    assert decree.cited_numbers == ["15/2012/QH13", "23/2008/QH12", "46/2016/NĐ-CP"]
    assert decree.preamble[-1].startswith("Chính phủ ban hành Nghị định")


def test_decree_body_signature_and_warnings():
    decree = parse_text(DECREE)
    assert [a.number for a in decree.articles()] == ["1", "2", "10a", "3"]
    article_2 = decree.articles()[1]
    points = article_2.children[0].children
    assert [p.anchor for p in points] == ["dieu-2-khoan-1-diem-a", "dieu-2-khoan-1-diem-dd"]
    assert article_2.children[1].text == "Phạt tiền từ 800.000 đồng đến 1.000.000 đồng."   # wrapped line joined
    assert decree.articles()[2].anchor == "dieu-10a"
    assert decree.signer == "Nguyễn Xuân Phúc"
    assert decree.signature.startswith("Nơi nhận:") and decree.signature.endswith("THỦ TƯỚNG\nNguyễn Xuân Phúc")
    assert "Số điều không liên tục: Điều 10a rồi đến Điều 3." in decree.warnings
    assert any("điểm đ sau điểm a" in w for w in decree.warnings)


def test_duplicate_articles_get_distinct_anchors_and_warnings():
    law = parse_text("LUẬT\nTHỬ\nĐiều 1. Một\n1. Khoản\nĐiều 1. Lặp\n1. Khoản lặp\nĐiều 2. Hai")
    assert [a.anchor for a in law.articles()] == ["dieu-1", "dieu-1-2", "dieu-2"]
    assert law.articles()[1].children[0].anchor == "dieu-1-2-khoan-1"
    assert "Điều 1 bị lặp lại." in law.warnings
    assert any("mã neo bị trùng" in w for w in law.warnings)


def test_nfd_input_gives_nfc_output():
    law = parse_text(unicodedata.normalize("NFD", DECREE))
    assert law.number == "100/2019/NĐ-CP" and law.title.startswith("Nghị định quy định")
    assert len(law.articles()) == 4
    assert all(unicodedata.is_normalized("NFC", node.heading + node.text) for node in law.walk())


def test_heading_on_next_line_and_loose_article_heading():
    law = parse_text("LUẬT\nTHỬ\nChương 1:\nNHỮNG QUY ĐỊNH\nCHUNG\nĐiều 1 Phạm vi\nNội dung.\nĐiều 2 của Luật khác")
    chapter = law.body[0]
    assert (chapter.number, chapter.heading, chapter.anchor) == ("1", "NHỮNG QUY ĐỊNH CHUNG", "chuong-1")
    assert [a.number for a in law.articles()] == ["1"]   # "Điều 2 của ..." is a reference, not a heading
    assert law.articles()[0].heading == "Phạm vi"


def test_missing_header_fields_are_warned():
    law = parse_text("Điều 1. Một\nNội dung.")
    assert law.number == "" and law.issue_date is None and law.title == ""
    assert "Không tìm thấy số hiệu văn bản." in law.warnings
    assert "Không tìm thấy ngày ban hành." in law.warnings


@pytest.mark.parametrize("text", ["", "   \n \n", "QUỐC HỘI\nLUẬT\nKHÔNG CÓ ĐIỀU\nChỉ có văn bản."])
def test_empty_text_or_no_articles_raise(text):
    with pytest.raises(ParseError):
        parse_text(text)


def test_no_articles_message_is_vietnamese():
    with pytest.raises(ParseError, match="Không tìm thấy điều khoản nào trong văn bản"):
        parse_text("KẾ HOẠCH\nMục tiêu chung\nKhông có mục, khoản nào được đánh số.")


def test_article_kinds_only_under_articles():
    law = parse_text("LUẬT\nTHỬ\nChương I\nCHUNG\na) không phải điểm\n1. không phải khoản\nĐiều 1. Một")
    chapter = law.body[0]
    assert chapter.text == "a) không phải điểm\n1. không phải khoản"
    assert [n.kind for n in chapter.children] == [ARTICLE]


DECISION_WITH_REGULATION = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HUẾ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/2025/QĐ-UBND
Huế, ngày 3 tháng 7 năm 2025
QUYẾT ĐỊNH
Ban hành Quy chế phổ biến, giáo dục pháp luật trên địa bàn thành phố Huế
ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ
Căn cứ Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế phổ biến, giáo dục pháp luật.
Điều 2. Quyết định này có hiệu lực từ ngày 15 tháng 7 năm 2025./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Phương
QUY CHẾ
Phổ biến, giáo dục pháp luật
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định ...
"""


def test_decision_with_an_attached_regulation():
    decision = parse_text(DECISION_WITH_REGULATION)
    assert decision.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ"
    assert (decision.number, decision.place, decision.issue_date) == ("12/2025/QĐ-UBND", "Huế", date(2025, 7, 3))
    assert decision.title == "Quyết định ban hành Quy chế phổ biến, giáo dục pháp luật trên địa bàn thành phố Huế"
    assert [a.anchor for a in decision.articles()] == ["dieu-1", "dieu-2"]   # its own; the regulation's follow
    assert decision.signer == "Nguyễn Văn Phương"
    regulation = decision.body[-1]
    assert (regulation.kind, regulation.number, regulation.heading, regulation.anchor) == (
        ATTACHMENT, "Quy chế", "Phổ biến, giáo dục pháp luật", "kem-theo-quy-che")
    assert [n.anchor for n in regulation.walk()][1:] == ["kem-theo-quy-che-chuong-i", "kem-theo-quy-che-dieu-1"]
    assert decision.appendix == ""
    assert not any("Phần sau chữ ký" in w for w in decision.warnings)


# --- headers as PDFs lay them out, and titles -------------------------------------------------------

def header_and_body(*header_lines: str) -> str:
    return "\n".join([*header_lines, "Điều 1. Phạm vi điều chỉnh", "Nội dung."])


def test_two_column_header_read_row_by_row():
    law = parse_text(header_and_body(
        "QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Luật số: 148/2025/QH15 Hà Nội, ngày 11 tháng 12 năm 2025", "LUẬT", "CHUYỂN ĐỔI SỐ",
        "Quốc hội ban hành Luật Chuyển đổi số."))
    assert (law.issuer, law.number, law.issue_date) == ("QUỐC HỘI", "148/2025/QH15", date(2025, 12, 11))
    assert law.title == "Luật Chuyển đổi số"   # "SỐ" ending a title line is not a "Số:" line
    ministry = parse_text(header_and_body(
        "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc",
        "Số: 12/2024/TT-BTC", "THÔNG TƯ", "HƯỚNG DẪN THỬ"))
    assert (ministry.issuer, ministry.number) == ("BỘ TÀI CHÍNH TỔNG CỤC THUẾ", "12/2024/TT-BTC")


def test_country_named_in_an_old_title_is_not_a_motto_column():
    law = parse_text(header_and_body(
        "QUỐC HỘI", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc", "Số: 15/2003/QH11", "LUẬT",
        "CỦA QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM SỐ 15/2003/QH11 NGÀY 26 THÁNG 11 NĂM 2003 "
        "VỀ THI ĐUA, KHEN THƯỞNG"))
    assert (law.issuer, law.title) == ("QUỐC HỘI", "Luật Thi đua, khen thưởng")


DECREE_TITLE = ("NGHỊ ĐỊNH", "Quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông",
                "trong lĩnh vực giao thông đường bộ; trừ điểm,", "phục hồi điểm giấy phép lái xe",
                "Căn cứ Luật Trật tự, an toàn giao thông đường bộ ngày 27 tháng 6 năm 2024;")
DECREE_SUBJECT = ("xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ; "
                  "trừ điểm, phục hồi điểm giấy phép lái xe")


def test_mixed_case_title_over_three_lines_is_read_whole():
    enacting = f"Chính phủ ban hành Nghị định quy định {DECREE_SUBJECT}."
    assert parse_text(header_and_body(*DECREE_TITLE, enacting)).title == f"Nghị định quy định {DECREE_SUBJECT}"
    # Without an enacting sentence to say otherwise, the title keeps the capital its own line has.
    assert parse_text(header_and_body(*DECREE_TITLE)).title == f"Nghị định quy định {DECREE_SUBJECT}"


def test_enacting_sentence_gives_the_title_even_when_it_goes_on():
    decree = parse_text(header_and_body(
        "NGHỊ ĐỊNH", "Quy định chi tiết một số điều của Luật Đất đai",
        "Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Đất đai số 31/2024/QH15."))
    assert decree.title == "Nghị định quy định chi tiết một số điều của Luật Đất đai"


@pytest.mark.parametrize("type_line, subject_line, title", [
    ("LUẬT", "ĐẤT ĐAI", "Luật Đất đai"),
    ("LUẬT", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT THUẾ THU NHẬP CÁ NHÂN, LUẬT THUẾ GIÁ TRỊ GIA TĂNG VÀ LUẬT BAN "
             "HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT",
     "Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập cá nhân, Luật Thuế giá trị gia tăng và Luật Ban "
     "hành văn bản quy phạm pháp luật"),
    ("LUẬT", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA BỘ LUẬT HÌNH SỰ", "Luật sửa đổi, bổ sung một số điều của Bộ luật Hình sự"),
    ("NGHỊ QUYẾT", "VỀ MỘT SỐ CƠ CHẾ, CHÍNH SÁCH ĐẶC BIỆT PHÁT TRIỂN KINH TẾ TƯ NHÂN",
     "Nghị quyết về một số cơ chế, chính sách đặc biệt phát triển kinh tế tư nhân"),
    ("NGHỊ QUYẾT", "VỀ VIỆC THI HÀNH LUẬT ĐẤT ĐAI VÀ VỀ LUẬT THƯƠNG MẠI QUỐC TẾ",
     "Nghị quyết về việc thi hành Luật Đất đai và về luật thương mại quốc tế"),
])
def test_titles_in_capitals_are_put_in_their_proper_case(type_line, subject_line, title):
    assert parse_text(header_and_body("QUỐC HỘI", type_line, subject_line)).title == title


@pytest.mark.skipif(not (SHARED / "data" / "hue").is_dir(), reason="Huế plan not found")
def test_plan_without_articles_keeps_its_sections():
    plan = parse_text(next((SHARED / "data" / "hue").glob("*.txt")).read_text(encoding="utf-8"))
    assert plan.articles() == []
    assert [node.anchor for node in plan.body] == ["muc-i", "muc-ii", "muc-iii", "muc-iv", "muc-v"]


def _circular(article_14_lines: list[str], articles: int = 19) -> str:
    body = []
    for number in range(1, articles + 1):
        body.append(f"Điều {number}. Quy định thứ {number}")
        body += article_14_lines if number == 14 else [f"Nội dung của điều {number}."]
    return "\n".join([
        "BỘ TƯ PHÁP", "Số: 05/2025/TT-BTP", "Hà Nội, ngày 10 tháng 3 năm 2025", "THÔNG TƯ",
        "Quy định về tiếp nhận hồ sơ", "Căn cứ Luật Ban hành văn bản quy phạm pháp luật;",
        "Bộ trưởng Bộ Tư pháp ban hành Thông tư quy định về tiếp nhận hồ sơ.",
        *body,
        "Nơi nhận:", "- Như Điều 19;", "- Lưu: VT, PC.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Văn Bình",
    ])


@pytest.mark.parametrize("inside", [
    ["Bảng thời hạn tiếp nhận:", "Nơi nhận", "Thời hạn", "Bộ phận Một cửa", "03 ngày"],   # a table's column
    ["Nơi nhận hồ sơ: Bộ phận Một cửa của Ủy ban nhân dân cấp xã."],
    ["Nơi nhận:", "Bộ phận Một cửa cấp tỉnh hoặc cấp xã."],
])
def test_the_words_noi_nhan_inside_an_article_do_not_end_the_document(inside):
    circular = parse_text(_circular(inside))
    assert [a.number for a in circular.articles()] == [str(n) for n in range(1, 20)]
    assert "Nơi nhận" in texts(article(circular, "14"))
    assert circular.signature.startswith("Nơi nhận:") and circular.signer == "Nguyễn Văn Bình"


AMENDING_LAW = """QUỐC HỘI
Luật số: 90/2025/QH15
Hà Nội, ngày 25 tháng 6 năm 2025
LUẬT
SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT THỬ NGHIỆM
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Thử nghiệm số 10/2020/QH14.
Điều 1. Sửa đổi, bổ sung một số điều của Luật Thử nghiệm
1. Sửa đổi, bổ sung Điều 5 như sau:
Điều 5. Nguyên tắc thử nghiệm
1. Bảo đảm an toàn.
2. Công khai, minh bạch.
2. Sửa đổi khoản 3 Điều 7 như sau:
3. Cơ quan có thẩm quyền cấp phép trong thời hạn 15 ngày.
3. Bổ sung điểm d vào sau điểm c khoản 2 Điều 9 như sau:
d) Có phương án bảo đảm an toàn;
4. Bãi bỏ khoản 4 Điều 10.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 9 thông qua ngày 25 tháng 6 năm 2025.
CHỦ TỊCH QUỐC HỘI
Trần Thanh Mẫn
"""


def test_amending_text_without_quotes_stays_in_the_amending_clause():
    law = parse_text(AMENDING_LAW)
    assert [a.number for a in law.articles()] == ["1", "2"]
    clauses = article(law, "1").children
    assert [(c.kind, c.number) for c in clauses] == [(CLAUSE, "1"), (CLAUSE, "2"), (CLAUSE, "3"), (CLAUSE, "4")]
    assert clauses[0].text.endswith("như sau:\nĐiều 5. Nguyên tắc thử nghiệm\n1. Bảo đảm an toàn.\n2. Công khai, minh bạch.")
    assert clauses[1].text.endswith("như sau:\n3. Cơ quan có thẩm quyền cấp phép trong thời hạn 15 ngày.")
    assert clauses[2].text.endswith("như sau:\nd) Có phương án bảo đảm an toàn;")
    assert not clauses[0].children and not clauses[2].children
    assert not any("không liên tục" in warning for warning in law.warnings)


def test_a_short_can_cu_line_with_a_date_is_preamble_not_the_date_line():
    # Texts from the Công báo have no "Hà Nội, ngày ..." line at the top.
    text = ("CHÍNH PHỦ\nNGHỊ ĐỊNH\nQuy định chi tiết thi hành Luật Thuế giá trị gia tăng\n"
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n"
            "Căn cứ Luật Thuế giá trị gia tăng số 48/2024/QH15;\n"
            "Chính phủ ban hành Nghị định quy định chi tiết thi hành Luật Thuế giá trị gia tăng.\n"
            "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định chi tiết.\n")
    document = parse_text(text)
    assert document.preamble[0] == "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;"
    assert document.issue_date is None and document.cited_numbers == ["48/2024/QH15"]
