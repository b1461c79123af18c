"""Huế's plan and a decision without articles: imported by `phapluat import`, stored with their section tree and
shown with a table of contents."""
from __future__ import annotations

import pytest
from django.core.management import call_command

from phapluat.laws.models import Document, DocumentType, Scope
from phapluat.laws.tests.test_parsing_sections import DECISION_WITH_A_LIST, PLAN_FILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(shared_dir, capsys):
    call_command("import", str(shared_dir / PLAN_FILE), "--no-progress")
    return Document.objects.get(doc_type=DocumentType.PLAN)


def test_import_command_stores_the_plan_with_its_sections(plan, capsys):
    report = capsys.readouterr().out
    assert "1 mới" in report and "ke-hoach-chuyen-doi-so-pbgdpl-hue-2025-2030.txt: đã lưu (mới)" in report
    assert report.rstrip().endswith("5 mục, 25 khoản, 29 điểm")
    assert plan.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ" and plan.scope == Scope.PROVINCE
    assert plan.title.startswith("Kế hoạch thực hiện Đề án") and plan.signer == "Nguyễn Chí Tài"
    assert not plan.is_normative
    anchors = list(plan.provisions.order_by("position").values_list("anchor", flat=True))
    assert anchors[:5] == ["muc-i", "muc-i-khoan-1", "muc-i-khoan-2", "muc-i-khoan-2-diem-a", "muc-i-khoan-2-diem-b"]
    assert len(anchors) == 59 and not plan.provisions.filter(kind="dieu").exists()
    point = plan.provisions.get(anchor="muc-iii-khoan-1-diem-a")
    assert point.citation == "Điểm a Khoản 1 Mục III"
    assert point.breadcrumb == "Mục III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"
    assert plan.provisions.get(anchor="muc-iv-khoan-1").citation == "Khoản 1 Mục IV"
    assert plan.provisions.get(anchor="muc-v").citation == "Mục V"
    assert point.get_absolute_url() == f"/van-ban/{plan.slug}/#muc-iii-khoan-1-diem-a"


def test_importing_the_plan_again_changes_nothing(plan, shared_dir, capsys):
    count = plan.provisions.count()
    call_command("import", str(shared_dir / PLAN_FILE), "--no-progress")
    assert "không đổi" in capsys.readouterr().out
    assert Document.objects.count() == 1 and plan.provisions.count() == count


def test_plan_page_has_a_table_of_contents_of_sections_and_clauses(client, plan):
    page = client.get(plan.get_absolute_url()).content.decode()
    assert '<a href="#muc-iii">Mục III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU</a>' in page
    assert '<a href="#muc-iv-khoan-1">Khoản 1. Sở Tư pháp</a>' in page
    assert '<a href="#muc-ii-khoan-1">Khoản 1. Đề án được triển khai thực hiện trên địa bàn thành phố Huế.</a>' in page
    assert 'id="muc-i-khoan-2-diem-a"' in page
    assert '<strong class="item-heading">Mục tiêu tổng quát</strong>' in page
    assert "Mục lục (30 mục)" in page   # five sections, their 25 clauses
    assert "Đi tới Điều" not in page   # no article to go to
    assert "Chưa tách được điều khoản" not in page


def test_decision_with_a_short_list_is_imported(tmp_path, client, capsys):
    path = tmp_path / "quyet-dinh-1520.txt"
    path.write_text(DECISION_WITH_A_LIST, encoding="utf-8")
    call_command("import", str(path), "--no-progress")
    decision = Document.objects.get(number="1520/QĐ-UBND")
    assert decision.doc_type == DocumentType.DECISION and decision.issue_date.isoformat() == "2025-06-20"
    assert list(decision.provisions.order_by("position").values_list("anchor", flat=True)) == [
        "khoan-1", "khoan-1-diem-a", "khoan-1-diem-b", "khoan-1-diem-c", "khoan-2", "khoan-3"]
    assert decision.provisions.get(anchor="khoan-1-diem-b").citation == "Điểm b Khoản 1"
    page = client.get(decision.get_absolute_url()).content.decode()
    assert '<a href="#khoan-2">Khoản 2. Quyết định này có hiệu lực kể từ ngày ký.</a>' in page


def test_a_text_without_articles_or_sections_is_refused_in_vietnamese(tmp_path, capsys):
    path = tmp_path / "thong-bao.txt"
    path.write_text("THÔNG BÁO\nLịch tiếp công dân\nSáng thứ Hai hằng tuần.", encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("import", str(path), "--no-progress")
    assert "thong-bao.txt: TỪ CHỐI – Không tìm thấy điều khoản nào trong văn bản." in capsys.readouterr().err
    assert not Document.objects.exists()
