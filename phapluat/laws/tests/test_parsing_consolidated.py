"""Consolidated texts (văn bản hợp nhất) are read as what they are: a text for reference, authenticated by the
office that consolidated it, with no legal force of its own. The fixture is a real one, 111/VBHN-VPQH (see
fixtures/README.md), in the Công báo's layout, in that of web copies, and with its footnotes inlined."""
import re
from datetime import date
from pathlib import Path

import pytest

from phapluat.laws.models import DocumentType, EffectStatus
from phapluat.laws.parsing import effect
from phapluat.laws.parsing.readers import read_file
from phapluat.laws.parsing.text import parse_text
from phapluat.laws.services.documents import DocumentData

FIXTURES = Path(__file__).parent / "fixtures"
CONGBAO = FIXTURES / "111-VBHN-VPQH_luat-thue-tieu-thu-dac-biet.congbao.txt"
WEB = FIXTURES / "111-VBHN-VPQH_luat-thue-tieu-thu-dac-biet.web.txt"


def inline_footnotes(text: str) -> str:
    """Each "[n] ..." footnote of the end moved right after the line that cites it."""
    lines = text.rstrip("\n").split("\n")
    first = next(index for index, line in enumerate(lines) if re.match(r"\[\d+\] ", line))
    notes: dict[str, list[str]] = {}
    for line in lines[first:]:
        opened = re.match(r"\[(\d+)\] ", line)
        current = notes.setdefault(opened[1], []) if opened else current
        current.append(line)
    inlined = []
    for line in lines[:first]:
        inlined += [line, *(note for number in re.findall(r"\[(\d+)\]", line) for note in notes[number])]
    return "\n".join(inlined)


LAYOUTS = {
    "cong-bao": lambda: read_file(CONGBAO),
    "web": lambda: read_file(WEB),
    "footnotes-inline": lambda: inline_footnotes(read_file(WEB)),
}


@pytest.fixture(scope="module", params=list(LAYOUTS))
def text(request) -> str:
    return LAYOUTS[request.param]()


@pytest.fixture(scope="module")
def parsed(text):
    return parse_text(text)


def test_it_is_a_consolidated_text_with_its_own_number_issuer_and_date_of_authentication(parsed):
    assert (parsed.doc_type, parsed.number, parsed.issuer) == (
        "Văn bản hợp nhất", "111/VBHN-VPQH", "VĂN PHÒNG QUỐC HỘI")
    assert parsed.title == "Văn bản hợp nhất Luật Thuế tiêu thụ đặc biệt"
    assert parsed.issue_date == date(2026, 5, 20)   # not 24/4/2026, the amending law's date in the preamble
    assert parsed.signer == "Lê Quang Mạnh"
    assert not [warning for warning in parsed.warnings if "số hiệu" in warning or "cơ quan ban hành" in warning]


def test_the_preamble_names_the_consolidated_law_and_the_amending_one(parsed):
    base = parsed.consolidation.base
    assert (base.number, base.type_label, base.issue_date, base.effective_date) == (
        "66/2025/QH15", "Luật", date(2025, 6, 14), date(2026, 1, 1))
    [amending] = parsed.consolidation.amendments
    assert (amending.number, amending.type_label, amending.issue_date, amending.effective_date) == (
        "09/2026/QH16", "Luật", date(2026, 4, 24), date(2026, 4, 24))
    assert amending.description.startswith("Luật số 09/2026/QH16 ngày 24 tháng 4 năm 2026 của Quốc hội sửa đổi")
    # Its "Căn cứ" are the consolidated law's, not its own.
    assert parsed.cited_numbers == []
    assert parsed.preamble == ["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
                               "Quốc hội ban hành Luật Thuế tiêu thụ đặc biệt."]


def test_no_footnote_marker_or_footnote_text_is_left_in_the_provisions(parsed):
    for node in parsed.walk():
        assert not re.search(r"\[\d+\]", node.heading + node.text), node.anchor
        assert "09/2026/QH16" not in node.heading + node.text, node.anchor
    nodes = {node.anchor: node for node in parsed.walk()}
    assert nodes["chuong-iv"].heading == "ĐIỀU KHOẢN THI HÀNH"
    assert nodes["dieu-2-khoan-1"].text == "Hàng hóa bao gồm:"
    assert nodes["dieu-11-khoan-2"].text.endswith("hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.")
    assert parsed.articles()[-1].number == "11" and parsed.appendix == ""


def test_footnotes_are_notes_of_the_provision_that_cites_them(parsed):
    noted = {node.anchor: [note.number for note in node.notes] for node in parsed.walk() if node.notes}
    [point] = [anchor for anchor in noted if anchor != "chuong-iv"]
    assert noted == {"chuong-iv": ["3"], point: ["2"]}
    assert point.startswith("dieu-8-") and point.endswith("-diem-g")   # in the tax table of Điều 8
    nodes = {node.anchor: node for node in parsed.walk()}
    assert nodes[point].text.startswith("Xe có gắn động cơ dưới")
    assert nodes[point].notes[0].text.startswith("Điểm này đư ợc sửa đổi, bổ sung theo quy đ ịnh tại Điều 4")
    closing = nodes["chuong-iv"].notes[0].text
    assert closing.startswith("Điều 5 của Luật số 09/2026/QH16") and "“Điều 5. Hiệu lực thi hành" in closing
    assert closing.endswith("”.")
    # Cited by the enacting sentence, in the preamble: a note of the document itself.
    [own] = parsed.consolidation.notes
    assert own.number == "1" and own.text.startswith("Luật số 09/2026/QH16")
    assert own.text.endswith("Luật Thuế tiêu thụ đặc biệt số 66/2025/QH15.”.")


def test_the_closing_articles_it_reproduces_give_it_no_effect_and_end_nothing(text, parsed):
    # Read as a law's, Điều 11 would date it and end Luật 27/2008/QH12.
    assert [ended.number for ended in effect.read_effect(parsed).ended] == ["27/2008/QH12"]
    data = DocumentData.from_text(text, source_key="test:vbhn")
    assert data.doc_type == DocumentType.CONSOLIDATED and not data.document_fields()["is_normative"]
    assert data.effective_date is None and data.expiry_date is None
    assert data.all_ended() == [] and data.provision_dates == []
    assert data.status == EffectStatus.UNKNOWN and data.status_note == ""
    assert data.issue_date == date(2026, 5, 20)


MINISTRY_TEXT = """BỘ TÀI CHÍNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/VBHN-BTC
Hà Nội, ngày 09 tháng 3 năm 2024
THÔNG TƯ
Quy định về hóa đơn
Thông tư số 78/2021/TT-BTC ngày 17 tháng 9 năm 2021 của Bộ trưởng Bộ Tài chính quy định về hóa đơn,
có hiệu lực kể từ ngày 01 tháng 7 năm 2022, được sửa đổi, bổ sung bởi:
1. Thông tư số 10/2023/TT-BTC ngày 15 tháng 02 năm 2023 của Bộ trưởng Bộ Tài chính, có hiệu lực kể từ
ngày 01 tháng 4 năm 2023;
2. Thông tư số 32/2025/TT-BTC ngày 31 tháng 5 năm 2025 của Bộ trưởng Bộ Tài chính, có hiệu lực kể từ
ngày 01 tháng 6 năm 2025.
Căn cứ Luật Quản lý thuế số 38/2019/QH14;
Bộ trưởng Bộ Tài chính ban hành Thông tư quy định về hóa đơn.[1]
Điều 1. Phạm vi điều chỉnh
Thông tư này quy định về hóa đơn.
Điều 2. Hiệu lực thi hành[2]
1. Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2022.
2. Thông tư số 68/2019/TT-BTC hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành.[3]
XÁC THỰC VĂN BẢN HỢP NHẤT
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Cao Anh Tuấn
[1] Thông tư số 10/2023/TT-BTC có căn cứ ban hành như sau: “Căn cứ Luật Quản lý thuế;”.
[2] Điều 2 của Thông tư số 10/2023/TT-BTC quy định như sau:
“Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực từ ngày 01 tháng 4 năm 2023; Thông tư số 99/2016/TT-BTC hết hiệu lực.”.
[3] Khoản này được sửa đổi theo quy định tại Điều 1 Thông tư số 32/2025/TT-BTC, có hiệu lực kể từ
ngày 01 tháng 6 năm 2025.
"""


def test_any_consolidating_office_and_type_is_read_the_same_way():
    parsed = parse_text(MINISTRY_TEXT)
    assert (parsed.doc_type, parsed.number, parsed.issuer, parsed.issue_date, parsed.signer) == (
        "Văn bản hợp nhất", "15/VBHN-BTC", "BỘ TÀI CHÍNH", date(2024, 3, 9), "Cao Anh Tuấn")
    assert parsed.title == "Văn bản hợp nhất Thông tư quy định về hóa đơn"
    consolidation = parsed.consolidation
    assert (consolidation.base.number, consolidation.base.type_label) == ("78/2021/TT-BTC", "Thông tư")
    assert [d.number for d in consolidation.amendments] == ["10/2023/TT-BTC", "32/2025/TT-BTC"]
    nodes = {node.anchor: node for node in parsed.walk()}
    assert [note.number for note in nodes["dieu-2"].notes] == ["2"]
    assert [note.number for note in nodes["dieu-2-khoan-2"].notes] == ["3"]
    assert nodes["dieu-2"].heading == "Hiệu lực thi hành"
    assert [article.number for article in parsed.articles()] == ["1", "2"]
    data = DocumentData.from_text(MINISTRY_TEXT, source_key="test:15-vbhn-btc")
    assert data.all_ended() == [] and data.effective_date is None


def test_a_law_that_mentions_consolidated_texts_is_not_one():
    text = (FIXTURES / "bo-luat-dan-su-2015-excerpt.txt").read_text(encoding="utf-8")
    citing = text.replace("\nĐiều 1.", "\nTheo Văn bản hợp nhất số 44/VBHN-VPQH được xác thực.\nĐiều 1.", 1)
    assert citing != text
    assert parse_text(text).consolidation is None and parse_text(citing).consolidation is None
