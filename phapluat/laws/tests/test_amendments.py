"""Amendments applied at the provision, with real laws of the library: the 2019 Alcohol Law's ban on
drink-driving in the Road Traffic Law, and the tax laws of 2024–2026 that amend each other."""
from __future__ import annotations

from datetime import date

import pytest

from phapluat.laws.importers import run_import
from phapluat.laws.models import Amendment, AmendmentState, Document
from phapluat.laws.reading import read_on
from phapluat.laws.services.amendments import amendments_of
from phapluat.laws.services.provisions import provision_tree

ROAD_2008 = "data/laws/vlc/Luat-giao-thong-duong-bo-2008-23-2008-QH12-82203.txt"
ALCOHOL_2019 = "data/laws/vlc/Luat-Phong-chong-tac-hai-cua-ruou-bia-336620.txt"
VAT_2024 = "data/laws/current/48-2024-QH15_luat-thue-gia-tri-gia-tang.docx"
VAT_AMENDED_2025 = "data/laws/current/149-2025-QH15_luat-sua-doi-luat-thue-gtgt.docx"
TAXES_2026 = "data/laws/current/09-2026-QH16_luat-sua-doi-cac-luat-thue.docx"


def reading(number: str, day: date):
    document = Document.objects.get(number=number)
    tree = provision_tree(document.versions.get())
    found = read_on(tree, list(amendments_of(document)), day)
    nodes = {}

    def visit(node):
        nodes[node.anchor] = node
        for child in node.child_nodes:
            visit(child)

    for top in tree:
        visit(top)
    return nodes, found


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["amended first", "amending first"])
def test_the_road_traffic_law_reads_with_the_alcohol_ban_from_2020(shared_dir, order):
    files = [shared_dir / ROAD_2008, shared_dir / ALCOHOL_2019]
    assert not run_import(files if order == "amended first" else files[::-1]).failures
    amendment = Amendment.objects.get(target__number="23/2008/QH12", target_anchor="dieu-8-khoan-8")
    assert amendment.source.number == "44/2019/QH14" and amendment.effective_date == date(2020, 1, 1)

    today, _ = reading("23/2008/QH12", date(2026, 12, 4))
    clause = today["dieu-8-khoan-8"]
    assert clause.text == "Điều khiển phương tiện tham gia giao thông đường bộ mà trong máu hoặc hơi thở có nồng độ cồn"
    [note] = clause.reading_notes
    assert not note.upcoming and note.earlier.startswith("8. Điều khiển xe ô tô, máy kéo, xe máy chuyên dùng")

    before, found = reading("23/2008/QH12", date(2019, 12, 31))
    assert before["dieu-8-khoan-8"].text.startswith("Điều khiển xe ô tô, máy kéo, xe máy chuyên dùng")
    assert [n.upcoming for n in before["dieu-8-khoan-8"].reading_notes] == [True]
    assert not found.applied


@pytest.mark.django_db
def test_tax_laws_amending_each_other_read_in_the_order_they_take_effect(shared_dir):
    assert not run_import([shared_dir / VAT_2024, shared_dir / VAT_AMENDED_2025, shared_dir / TAXES_2026]).failures
    # 149/2025 takes effect on 1/1/2026; 09/2026 (passed on 24/4/2026) gives its Điều 2 effect from the same day.
    on_2025_12, _ = reading("48/2024/QH15", date(2025, 12, 31))
    assert on_2025_12["dieu-5-khoan-25"].text.startswith("Hàng hóa, dịch vụ của hộ, cá nhân sản xuất, kinh doanh có "
                                                         "mức doanh thu hằng năm từ 200 triệu đồng trở xuống")
    assert [n.upcoming for n in on_2025_12["dieu-5-khoan-25"].reading_notes] == [True, True]
    assert not getattr(on_2025_12["dieu-12-khoan-3"], "repealed", False)
    today, found = reading("48/2024/QH15", date(2026, 12, 4))
    assert today["dieu-12-khoan-3"].repealed
    latest = Amendment.objects.get(source__number="09/2026/QH16", target_anchor="dieu-5-khoan-25")
    assert today["dieu-5-khoan-25"].text == latest.new_text.split(". ", 1)[1]
    assert [n.amendment.source.number for n in today["dieu-5-khoan-25"].reading_notes] == ["149/2025/QH15",
                                                                                             "09/2026/QH16"]
    assert not found.unplaced


@pytest.mark.django_db
def test_a_reimport_keeps_amendments_and_editor_decisions(shared_dir):
    run_import([shared_dir / VAT_2024, shared_dir / VAT_AMENDED_2025])
    before = sorted(Amendment.objects.values_list("pk", flat=True))
    repeal = Amendment.objects.filter(target_anchor="dieu-12-khoan-3").get()
    repeal.state, repeal.from_text = AmendmentState.REJECTED, False    # an editor's decision
    repeal.save()
    again = run_import([shared_dir / VAT_AMENDED_2025])
    assert again.unchanged == 1
    assert sorted(Amendment.objects.values_list("pk", flat=True)) == before   # nothing rewritten
    assert Amendment.objects.get(pk=repeal.pk).state == AmendmentState.REJECTED


@pytest.mark.django_db
def test_editors_see_unread_instructions_and_their_corrections_survive_a_reimport(shared_dir, admin_client):
    from django.urls import reverse
    from wagtail.models import ModelLogEntry

    land = shared_dir / "data/laws/current/31-2024-QH15_luat-dat-dai.pdf"
    assert not run_import([land]).failures
    unread = Amendment.objects.filter(state=AmendmentState.NEEDS_EDITOR, source_anchor="dieu-248-khoan-7-diem-a").get()
    listing = admin_client.get(reverse("wagtailsnippets_laws_amendment:list") + "?state=can-bien-tap")
    assert listing.status_code == 200 and "Cần biên tập viên xử lý" in listing.content.decode()

    edit_url = reverse("wagtailsnippets_laws_amendment:edit", args=[unread.pk])
    assert admin_client.get(edit_url).status_code == 200
    response = admin_client.post(edit_url, {
        "source": unread.source_id, "source_anchor": unread.source_anchor, "instruction": unread.instruction,
        "state": AmendmentState.REJECTED, "problem": "Đổi tên Điều 53 Luật Lâm nghiệp: đã đối chiếu VBHN.",
        "target": "", "target_number": "16/2017/QH14", "kind": "", "target_anchor": "", "after_anchor": "",
        "new_text": "", "old_words": "", "new_words": "", "effective_date": "2024-08-01",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    decided = Amendment.objects.get(pk=unread.pk)
    assert decided.state == AmendmentState.REJECTED and not decided.from_text
    assert ModelLogEntry.objects.filter(content_type__model="amendment", object_id=str(unread.pk)).exists()

    run_import([land])     # unchanged text: nothing read again beside the editor's decision
    assert Amendment.objects.filter(source_anchor="dieu-248-khoan-7-diem-a").count() == 1


@pytest.mark.django_db
def test_the_page_shows_todays_wording_the_notice_the_earlier_one_and_any_day(shared_dir, client):
    run_import([shared_dir / ROAD_2008, shared_dir / ALCOHOL_2019])
    road = Document.objects.get(number="23/2008/QH12")
    page = client.get(road.get_absolute_url()).content.decode()
    assert "Điều khiển phương tiện tham gia giao thông đường bộ mà trong máu hoặc hơi thở có nồng độ cồn" in page
    assert ("Khoản 8 được sửa đổi, bổ sung bởi <a href=\"/van-ban/" in page
            and "#dieu-35-khoan-1\">Khoản 1 Điều 35 Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14</a>, "
                "có hiệu lực từ ngày 01/01/2020." in page)
    assert "<summary>Xem nội dung trước khi sửa đổi</summary><p>8. Điều khiển xe ô tô, máy kéo" in page
    assert "Nội dung hiện hành" in page

    before = client.get(road.get_absolute_url() + "?ngay=2019-06-01").content.decode()
    assert "Nội dung tại ngày 01/06/2019" in before
    assert "Khoản 8 sẽ được sửa đổi, bổ sung bởi" in before
    assert "Điều khiển xe ô tô, máy kéo, xe máy chuyên dùng trên đường mà trong máu" in before

    original = client.get(road.get_absolute_url() + "?ban-goc=1").content.decode()
    assert "Văn bản gốc (khi ban hành)" in original and "được sửa đổi, bổ sung bởi" not in original
    wrong = client.get(road.get_absolute_url() + "?ngay=31-12-2019")
    assert wrong.status_code == 200 and "không hợp lệ" in wrong.content.decode()

    alcohol = Document.objects.get(number="44/2019/QH14")
    amending_page = client.get(alcohol.get_absolute_url()).content.decode()
    assert f'Đã áp dụng vào <a href="{road.get_absolute_url()}#dieu-8-khoan-8">Khoản 8 Điều 8' in amending_page


@pytest.mark.django_db
def test_the_assistant_quotes_todays_wording_and_cites_the_amending_provision(shared_dir):
    from phapluat.assistant.services import answer_question

    run_import([shared_dir / ROAD_2008, shared_dir / ALCOHOL_2019])
    answer = answer_question("Điều khiển xe mà trong máu hoặc hơi thở có nồng độ cồn có bị cấm không?")
    cited = next(c for c in answer.citations if c.document_number == "23/2008/QH12" and c.anchor.startswith("dieu-8"))
    assert "Điều khiển phương tiện tham gia giao thông đường bộ mà trong máu hoặc hơi thở có nồng độ cồn" in cited.quote
    assert "Điều khiển xe ô tô, máy kéo, xe máy chuyên dùng trên đường mà trong máu" not in cited.quote
    assert cited.amended_by[0]["label"] == "Khoản 1 Điều 35 Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14"
    assert cited.amended_by[0]["since"] == "01/01/2020"


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["amended first", "amending first"])
def test_search_finds_and_shows_todays_wording(shared_dir, order):
    from phapluat.search.models import SearchEntry
    from phapluat.search.services import search

    files = [shared_dir / ROAD_2008, shared_dir / ALCOHOL_2019]
    run_import(files if order == "amended first" else files[::-1])
    hit = next(h for h in search("điều khiển phương tiện trong máu hoặc hơi thở có nồng độ cồn bị nghiêm cấm",
                                 semantic=False).articles if h.anchor == "dieu-8")
    body = SearchEntry.objects.get(document_id=hit.document_id, anchor="dieu-8").body
    assert "8. Điều khiển phương tiện tham gia giao thông đường bộ mà trong máu hoặc hơi thở có nồng độ cồn" in body
    assert "Điều khiển xe ô tô, máy kéo, xe máy chuyên dùng trên đường mà trong máu" not in body
