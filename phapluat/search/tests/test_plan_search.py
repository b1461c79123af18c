"""A plan without articles is searched by its sections: a hit is "Khoản 4 Mục III" with a link to its anchor."""
import pytest

from phapluat.search.indexing import ProvisionRow, group_units
from phapluat.search.services import search

pytestmark = pytest.mark.django_db

def test_search_finds_the_clause_of_the_plan_with_a_link_to_it(hue_plan):
    results = search("trí tuệ nhân tạo trợ lý ảo", semantic=False)
    first = results.articles[0]
    assert first.document_id == hue_plan.pk and first.anchor == "muc-iii-khoan-4"
    assert first.label.startswith("Khoản 4 Mục III. Chuyển đổi số trong hoạt động phổ biến")
    assert first.url == f"{hue_plan.get_absolute_url()}#muc-iii-khoan-4"
    assert first.breadcrumb == "Mục III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"
    funding = search("kinh phí thực hiện đề án ngân sách nhà nước", semantic=False).articles[0]
    assert (funding.anchor, funding.label) == ("muc-v", "Mục V. KINH PHÍ THỰC HIỆN")


def test_search_results_page_labels_the_plans_sections(client, hue_plan):
    page = client.get("/tim-kiem/", {"q": "Sở Tài chính bố trí kinh phí chi thường xuyên"}).content.decode()
    assert f'href="{hue_plan.get_absolute_url()}#muc-iv-khoan-2"' in page
    assert "Khoản 2 Mục IV. Sở Tài chính" in page


def row(kind: str, number: str, depth: int, text: str = "", heading: str = "") -> ProvisionRow:
    return ProvisionRow(id=0, kind=kind, number=number, heading=heading, text=text, anchor="", breadcrumb="",
                        status="", depth=depth, position=0)


def test_a_sections_clauses_are_units_and_a_section_without_clauses_is_one():
    rows = [row("muc", "I", 0, heading="MỤC TIÊU"), row("khoan", "1", 1, "Nâng cao.", "Mục tiêu chung"),
            row("diem", "a", 2, "Tập huấn;"), row("khoan", "2", 1, "Thời gian: 2025."),
            row("muc", "II", 0, heading="KINH PHÍ"), row("diem", "a", 1, "Ngân sách."), row("diem", "b", 1, "Tài trợ.")]
    units = [(u.provision.number, u.provision.heading, u.body) for u in group_units(rows)]
    assert units == [("Khoản 1 Mục I", "Mục tiêu chung", "Nâng cao.\na) Tập huấn;"),
                     ("Khoản 2 Mục I", "", "Thời gian: 2025."),
                     ("Mục II", "KINH PHÍ", "a) Ngân sách.\nb) Tài trợ.")]


def test_a_document_with_articles_is_searched_by_its_articles_only():
    rows = [row("chuong", "I", 0, heading="CHUNG"), row("dieu", "1", 1, "Phạm vi.", "Phạm vi điều chỉnh"),
            row("khoan", "1", 2, "Một.")]
    assert [(u.provision.number, u.body) for u in group_units(rows)] == [("1", "Phạm vi.\n1. Một.")]
