"""A consolidated text (văn bản hợp nhất) imported with `phapluat import`: stored as its own type, linked to the
law it consolidates and to the amending one (each as it arrives), ending nothing, with its footnotes on their
provisions, and shown as a text for reference."""
from datetime import date
from pathlib import Path

import pytest

from phapluat.laws.importers import run_import
from phapluat.laws.models import Document, DocumentType, EffectStatus, ProvisionNote, Relation, RelationType
from phapluat.laws.models.relation import ENDING_RELATIONS
from phapluat.laws.services.relations import AMENDING_NOTE

FIXTURE = Path(__file__).parent / "fixtures" / "111-VBHN-VPQH_luat-thue-tieu-thu-dac-biet.congbao.txt"


@pytest.fixture
def special_consumption_tax_law(make_document):
    return make_document(number="66/2025/QH15", title="Luật Thuế tiêu thụ đặc biệt", issue_date=date(2025, 6, 14),
                         effective_date=date(2026, 1, 1), status=EffectStatus.IN_FORCE)


@pytest.mark.django_db
def test_import_stores_the_consolidated_text_linked_to_the_law_it_consolidates(special_consumption_tax_law):
    law = special_consumption_tax_law
    law_status = (law.status, law.status_source, law.expiry_date)
    summary = run_import([FIXTURE])
    assert summary.ok and summary.created == 1, summary.failures

    vbhn = Document.objects.get(number="111/VBHN-VPQH")
    assert (vbhn.doc_type, vbhn.title, vbhn.issuer) == (
        DocumentType.CONSOLIDATED, "Văn bản hợp nhất Luật Thuế tiêu thụ đặc biệt", "VĂN PHÒNG QUỐC HỘI")
    assert vbhn.issue_date == date(2026, 5, 20) and vbhn.effective_date is None and not vbhn.is_normative
    assert not vbhn.is_current_law()
    relations = {(r.relation_type, r.target_id, r.target_number, r.note) for r in vbhn.outgoing_relations.all()}
    assert relations == {(RelationType.CONSOLIDATES, law.pk, "", ""),
                         (RelationType.CONSOLIDATES, None, "09/2026/QH16", AMENDING_NOTE)}
    assert not Relation.objects.filter(relation_type__in=ENDING_RELATIONS).exists()
    law.refresh_from_db()
    assert (law.status, law.status_source, law.expiry_date) == law_status

    notes = {(n.number, n.provision.anchor if n.provision else "") for n in ProvisionNote.objects.filter(
        version__document=vbhn)}
    assert {number for number, _ in notes} == {"1", "2", "3"}
    assert ("1", "") in notes and ("3", "chuong-iv") in notes
    assert not vbhn.provisions.filter(text__contains="09/2026/QH16").exists()

    again = run_import([FIXTURE])
    assert again.unchanged == 1 and ProvisionNote.objects.filter(version__document=vbhn).count() == 3


@pytest.mark.django_db
def test_the_amending_law_attaches_when_it_arrives(special_consumption_tax_law, make_document):
    run_import([FIXTURE])
    amending = make_document(number="09/2026/QH16", title="Luật sửa đổi, bổ sung một số điều của các luật về thuế")
    vbhn = Document.objects.get(number="111/VBHN-VPQH")
    assert vbhn.outgoing_relations.get(target=amending).note == AMENDING_NOTE


@pytest.mark.django_db
def test_the_page_says_it_is_for_reference_and_names_what_it_consolidates(client, special_consumption_tax_law):
    law = special_consumption_tax_law
    run_import([FIXTURE])
    vbhn = Document.objects.get(number="111/VBHN-VPQH")
    html = client.get(vbhn.get_absolute_url()).content.decode()

    assert "Văn bản hợp nhất – chỉ dùng để tham khảo" in html
    assert "không có hiệu lực pháp lý riêng" in html
    assert "Ngày xác thực</dt><dd>20/05/2026" in html
    assert f'<a href="{law.get_absolute_url()}">{law.display_name}</a>' in html
    assert "văn bản số 09/2026/QH16" in html
    assert "Chưa xác minh hiệu lực" not in html   # no status of its own is shown
    assert 'id="rel-h"' not in html             # nothing but what the block names
    # Footnotes: out of the text, listed with their provision under their own numbers.
    assert "[3]" not in html and "THI HÀNH3" not in html
    assert ('<div class="prov-notes" role="note" aria-label="Chú thích của Chương IV"><p class="prov-notes-title">'
            'Chú thích</p><ol><li id="chuong-iv-chu-thich-3" value="3">Điều 5 của Luật số 09/2026/QH16') in html
    assert '<li id="chu-thich-1" value="1">Luật số 09/2026/QH16' in html   # the preamble's, in the block

    law_page = client.get(law.get_absolute_url()).content.decode()
    assert "được hợp nhất bởi Văn bản hợp nhất Luật Thuế tiêu thụ đặc biệt số 111/VBHN-VPQH" in law_page
