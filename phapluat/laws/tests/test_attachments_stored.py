"""A decision with the regulation or plan it promulgates attached after the signature: imported as one document
whose provisions include the attached one's, shown, cited and searched as such."""
from __future__ import annotations

import pytest
from django.core.management import call_command

from phapluat.laws.models import Document
from phapluat.laws.tests.test_parsing_attachments import (DECISION_WITH_A_LIST_AND_A_REGULATION,
                                                           DECISION_WITH_ARTICLES_AND_A_PLAN)
from phapluat.laws.tests.test_parsing_text import DECISION_WITH_REGULATION

pytestmark = pytest.mark.django_db


def imported(tmp_path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    call_command("import", str(path), "--no-progress")
    return Document.objects.get(source_key=f"file:{name}")


def test_the_attached_regulation_is_stored_under_the_decision(tmp_path):
    decision = imported(tmp_path, "qd-15.txt", DECISION_WITH_A_LIST_AND_A_REGULATION)
    anchors = list(decision.provisions.order_by("position").values_list("anchor", flat=True))
    assert anchors[:4] == ["khoan-1", "khoan-2", "khoan-3", "kem-theo-quy-che"]
    assert decision.provisions.filter(kind="dieu").count() == 3
    regulation = decision.provisions.get(anchor="kem-theo-quy-che")
    assert (regulation.kind, regulation.label) == ("kem-theo", "Quy chế")
    clause = decision.provisions.get(anchor="kem-theo-quy-che-dieu-2-khoan-1")
    assert clause.citation == "Khoản 1 Điều 2 Quy chế ban hành kèm theo"
    assert clause.breadcrumb == "Quy chế. Phối hợp phổ biến, giáo dục pháp luật › Chương I. QUY ĐỊNH CHUNG"
    assert decision.provisions.get(anchor="khoan-2").citation == "Khoản 2"


def test_an_article_of_the_attached_regulation_is_cited_with_it(tmp_path):
    decision = imported(tmp_path, "qd-12.txt", DECISION_WITH_REGULATION)
    assert decision.provisions.get(anchor="kem-theo-quy-che-dieu-1").citation == "Điều 1 Quy chế ban hành kèm theo"
    assert decision.provisions.get(anchor="dieu-1").citation == "Điều 1"


def test_page_shows_the_attached_regulation_with_its_title(client, tmp_path):
    decision = imported(tmp_path, "qd-15.txt", DECISION_WITH_A_LIST_AND_A_REGULATION)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert ('<a href="#kem-theo-quy-che">Quy chế. Phối hợp phổ biến, giáo dục pháp luật</a>' in page)
    assert '<span class="prov-label">Quy chế</span>' in page
    assert '<a href="#kem-theo-quy-che-dieu-3">Điều 3. Trách nhiệm thi hành</a>' in page
    assert "Đi tới Điều" not in page   # the decision has no article of its own to go to


def test_search_finds_the_attached_plans_sections(tmp_path):
    from phapluat.search.services import search

    decision = imported(tmp_path, "qd-1322.txt", DECISION_WITH_ARTICLES_AND_A_PLAN)
    hit = search("nâng cao nhận thức của cán bộ, công chức", semantic=False).articles[0]
    assert hit.document_id == decision.pk and hit.anchor == "kem-theo-ke-hoach-muc-i-khoan-1"
    assert hit.label == "Khoản 1 Mục I. Mục đích"
    assert hit.breadcrumb.startswith("Kế hoạch. Thực hiện Đề án chuyển đổi số")
    own = search("Giám đốc Sở Tư pháp chịu trách nhiệm thi hành Quyết định", semantic=False).articles[0]
    assert own.anchor == "dieu-3" and own.label.startswith("Điều 3. Giám đốc Sở Tư pháp")
