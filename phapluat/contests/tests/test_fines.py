"""The traffic fines lookup: everyday words, with or without diacritics, rank the right violation of
Decree 168/2024/NĐ-CP first; provisions link to the library when the decree is loaded."""
import json
import lzma

import pytest

from phapluat.contests import fines
from phapluat.laws.parsing.model import ParsedNode


@pytest.mark.parametrize("query, expected_no", [
    ("vượt đèn đỏ xe máy", 1062),          # Điểm c Khoản 7 Điều 7
    ("vuot den do xe may", 1062),
    ("vượt đèn đỏ ô tô", 1054),            # Điểm b Khoản 9 Điều 6
    ("xe đạp vượt đèn đỏ", 834),
    ("không đội mũ bảo hiểm xe máy", 1193),  # Điểm h Khoản 2 Điều 7
    ("đi ngược chiều xe máy", 1083),
    ("dùng điện thoại khi lái ô tô", 996),
    ("leo vỉa hè xe máy", 773),
    ("đỗ xe trên vỉa hè ô tô", 934),
    ("chở ba xe máy", 762),
])
def test_everyday_queries_rank_the_right_violation_first(query, expected_no):
    assert fines.search(query, limit=5)[0].no == expected_no


@pytest.mark.parametrize("query, vehicle, words", [
    ("uống rượu bia lái xe máy", "xe mô tô", "nồng độ cồn"),
    ("nong do con o to", "xe ô tô", "nồng độ cồn"),
    ("xe máy chạy quá tốc độ", "xe mô tô", "quá tốc độ quy định"),
    ("không có bằng lái xe máy", "xe mô tô", "Không có giấy phép lái xe"),
])
def test_queries_with_several_degrees_find_the_behaviour_for_the_right_vehicle(query, vehicle, words):
    top = fines.search(query, limit=1)[0]
    assert vehicle in top.entities and words in top.violation


def test_diacritics_do_not_change_the_ranking():
    with_marks = [v.no for v in fines.search("không chấp hành hiệu lệnh của đèn tín hiệu giao thông", limit=10)]
    without = [v.no for v in fines.search("khong chap hanh hieu lenh cua den tin hieu giao thong", limit=10)]
    assert with_marks == without and with_marks


def test_every_violation_of_the_source_is_loaded_with_its_provisions(shared_dir):
    source = json.loads((shared_dir / "data/quiz/decree-168-2024-violations.json").read_text(encoding="utf-8"))
    shipped = json.loads(lzma.open(fines.VIOLATIONS_FILE).read())
    assert shipped == source  # the shipped copy is the real data, unchanged
    loaded = fines.load_violations()
    assert len(loaded) == 1024
    red_light = next(v for v in loaded if v.no == 1062)
    assert [(p.kind, p.citation, p.anchor) for p in red_light.provisions] == [
        (1, "Điểm c Khoản 7 Điều 7 Nghị định 168/2024/NĐ-CP", "dieu-7-khoan-7-diem-c"),
        (2, "Điểm b Khoản 13 Điều 7 Nghị định 168/2024/NĐ-CP", "dieu-7-khoan-13-diem-b"),
    ]


def test_provisions_of_older_decrees_are_cited_but_not_anchored():
    provision = fines.parse_bookmark({"bookmarkCode": "diem_23_3_l", "bookmarkType": 1,
                                      "bookmark": "Điểm l Khoản 3 Điều 23 NĐ 100"})
    assert provision.citation == "Điểm l Khoản 3 Điều 23 Nghị định 100/2019/NĐ-CP" and provision.anchor == ""
    point_dd = fines.parse_bookmark({"bookmarkCode": "diem_7_1_dd", "bookmarkType": 1,
                                     "bookmark": "Điểm đ Khoản 1 Điều 7 NĐ 168"})
    assert point_dd.anchor == "dieu-7-khoan-1-diem-dd" and point_dd.citation.startswith("Điểm đ Khoản 1 Điều 7")


def test_the_page_shows_fine_penalties_and_plain_citation_without_the_decree(client, db):
    response = client.get("/tra-cuu-muc-phat/", {"q": "vuot den do xe may"})
    page = response.content.decode()
    assert response.status_code == 200
    first = page.index("Phạt tiền từ 4.000.000 đồng đến 6.000.000 đồng")
    assert first < page.index("Phạt tiền từ 10.000.000 đồng")  # the accident variant comes later
    assert "Bị trừ điểm giấy phép lái xe 04 điểm" in page
    assert "Điểm c Khoản 7 Điều 7 Nghị định 168/2024/NĐ-CP" in page
    assert "#dieu-7-khoan-7-diem-c" not in page  # the decree is not in the library: plain text


def test_citations_link_to_the_library_when_the_decree_is_loaded(client, make_document):
    point = ParsedNode(kind="diem", number="c", text="Không chấp hành hiệu lệnh của đèn tín hiệu giao thông;",
                       anchor="dieu-7-khoan-7-diem-c")
    clause = ParsedNode(kind="khoan", number="7", text="Phạt tiền từ 4.000.000 đồng đến 6.000.000 đồng…",
                        anchor="dieu-7-khoan-7", children=[point])
    article = ParsedNode(kind="dieu", number="7", heading="Xử phạt người điều khiển xe mô tô…", anchor="dieu-7",
                         children=[clause])
    document = make_document(number="168/2024/NĐ-CP", title="Nghị định quy định xử phạt vi phạm hành chính về "
                             "trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ", doc_type="nghi-dinh",
                             articles=[article])
    page = client.get("/tra-cuu-muc-phat/", {"q": "vượt đèn đỏ xe máy"}).content.decode()
    assert f'href="{document.get_absolute_url()}#dieu-7-khoan-7-diem-c"' in page
    assert "dieu-7-khoan-13-diem-b" not in page  # not in this (partial) copy of the decree: no dead link


def test_empty_odd_and_overlong_queries_answer_200(client, db):
    assert client.get("/tra-cuu-muc-phat/").status_code == 200
    odd = client.get("/tra-cuu-muc-phat/", {"q": "qwxz 😀 <script>"})
    assert odd.status_code == 200 and "Không tìm thấy" in odd.content.decode()
    assert "<script>" not in odd.content.decode().split("Không tìm thấy")[1][:200]
    assert client.get("/tra-cuu-muc-phat/", {"q": "vượt đèn đỏ " * 200}).status_code == 200


def test_htmx_gets_only_the_results(client, db):
    response = client.get("/tra-cuu-muc-phat/", {"q": "mũ bảo hiểm"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div id="ket-qua-phat"') and "<html" not in html
