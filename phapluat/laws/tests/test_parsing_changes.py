"""Amending instructions of real laws read into provision-level changes (pure, no database)."""
from __future__ import annotations

from pathlib import Path

import pytest

from phapluat.laws.parsing.changes import INSERT, REPEAL, REPLACE_WORDS, SUBSTITUTE, read_changes
from phapluat.laws.parsing.readers import read_file
from phapluat.laws.parsing.text import parse_text

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "laws"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside this checkout")


def changes_of(relative: str):
    return read_changes(parse_text(read_file(SHARED / relative)))


def summary(changes) -> list[tuple]:
    return [(c.source_anchor, c.kind, c.target.number, c.target_anchor, c.after_anchor) for c in changes.changes]


@needs_shared
def test_the_alcohol_law_amends_the_road_traffic_law_at_the_clause():
    read = changes_of("vlc/Luat-Phong-chong-tac-hai-cua-ruou-bia-336620.txt")
    road = [c for c in read.changes if c.target.number == "23/2008/QH12"]
    assert [(c.kind, c.target_anchor) for c in road] == [(SUBSTITUTE, "dieu-8-khoan-8")]
    assert road[0].new_text == ("8. Điều khiển phương tiện tham gia giao thông đường bộ mà trong máu hoặc hơi thở "
                                "có nồng độ cồn")
    words = [c for c in read.changes if c.kind == REPLACE_WORDS]
    assert [(c.target.number, c.target_anchor, c.old_words, c.new_words) for c in words] == [
        ("36/2005/QH11", "dieu-100-khoan-4", "rượu có độ cồn từ 30 độ trở lên", "rượu, bia có độ cồn từ 15 độ trở lên"),
        ("36/2005/QH11", "dieu-109-khoan-4", "rượu có độ cồn từ 30 độ trở lên", "rượu có độ cồn từ 15 độ trở lên"),
    ]


@needs_shared
def test_an_amending_law_names_its_target_once_and_articles_in_context():
    read = changes_of("current/149-2025-QH15_luat-sua-doi-luat-thue-gtgt.docx")
    assert summary(read) == [
        ("dieu-1-khoan-1-diem-a", SUBSTITUTE, "48/2024/QH15", "dieu-5-khoan-1", ""),
        ("dieu-1-khoan-1-diem-b", SUBSTITUTE, "48/2024/QH15", "dieu-5-khoan-25", ""),
        ("dieu-1-khoan-2", SUBSTITUTE, "48/2024/QH15", "dieu-9-khoan-5", ""),
        ("dieu-1-khoan-3", REPEAL, "48/2024/QH15", "dieu-12-khoan-3", ""),
        ("dieu-1-khoan-3", REPEAL, "48/2024/QH15", "dieu-15-khoan-9-diem-c", ""),
    ]
    assert read.changes[2].new_text.startswith("5. Phế phẩm, phụ phẩm") and read.changes[2].new_text.endswith("đó.")
    assert not read.unread


@needs_shared
def test_one_law_amending_several_named_only_by_title():
    read = changes_of("current/09-2026-QH16_luat-sua-doi-cac-luat-thue.docx")
    assert [(c.kind, c.target.number, c.target_anchor, c.after_anchor) for c in read.changes] == [
        (SUBSTITUTE, "109/2025/QH15", "dieu-7-khoan-1", ""),
        (SUBSTITUTE, "48/2024/QH15", "dieu-5-khoan-25", ""),
        (INSERT, "67/2025/QH15", "dieu-4-khoan-14a", "dieu-4-khoan-14"),
        (SUBSTITUTE, "66/2025/QH15", "dieu-8-khoan-1", ""),
    ]


@needs_shared
def test_the_land_law_amending_other_laws_reads_the_base_law_not_its_amenders():
    read = changes_of("current/31-2024-QH15_luat-dat-dai.pdf")
    by_source = {(c.source_anchor, c.target_anchor): c for c in read.changes}
    assert by_source[("dieu-243-khoan-1", "dieu-24-khoan-2")].target.number == "21/2017/QH14"
    assert by_source[("dieu-246", "dieu-106-khoan-4")].target.number == "26/2008/QH12"     # heading wrapped
    assert by_source[("dieu-246", "dieu-106-khoan-4")].new_text.startswith("4. Trường hợp tài sản")
    # Renamed headings and "sửa đổi … và bổ sung …" in one sentence are left to an editor, with the reason.
    unread = {u.source_anchor: u.reason for u in read.unread}
    assert "cần biên tập viên" in unread["dieu-248-khoan-7-diem-a"]
    assert "cần tách thủ công" in unread["dieu-248-khoan-7-diem-b"]


def test_ordinary_provisions_that_start_with_an_amending_verb_are_not_instructions():
    law = parse_text("""QUỐC HỘI
Luật số: 93/2015/QH13
Hà Nội, ngày 25 tháng 11 năm 2015
LUẬT
TỐ TỤNG HÀNH CHÍNH
Điều 174. Thay đổi địa vị tố tụng
Nội dung.
Điều 175. Quyền của đương sự
1. Sửa đổi, bổ sung yêu cầu khởi kiện theo quy định tại khoản 2 Điều này.
2. Bổ sung chứng cứ mới.
""")
    read = read_changes(law)
    assert not read.changes and not read.unread
