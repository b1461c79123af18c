"""The library's write services: upsert, provisions, relations and the statuses they imply."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from phapluat.laws.models import Document, EffectStatus, Provision, Relation, RelationType
from phapluat.laws.notices import document_notices
from phapluat.laws.services import relations, status
from phapluat.laws.services.documents import DocumentConflict, DocumentData, Outcome, document_upsert

pytestmark = pytest.mark.django_db


def test_upsert_stores_the_provision_tree_with_anchors_and_parents(make_document):
    document = make_document(number="60/2014/QH13", title="Luật Hộ tịch")
    clause = Provision.objects.get(document=document, anchor="dieu-2-khoan-2")
    assert clause.parent.anchor == "dieu-2"
    assert clause.citation == "Khoản 2 Điều 2"
    assert document.slug == "luat-60-2014-qh13"
    assert document.get_absolute_url() == "/van-ban/luat-60-2014-qh13/"


def test_upsert_twice_is_idempotent(make_document):
    first = make_document(number="60/2014/QH13", title="Luật Hộ tịch")
    data = DocumentData(source_key="test:60/2014/QH13", title="Luật Hộ tịch", number="60/2014/QH13",
                        doc_type="luat", body_text="\n".join(["Điều 1. Phạm vi điều chỉnh", "Điều 2. Đối tượng áp dụng"]),
                        nodes=[make_document.article("1", "Phạm vi điều chỉnh", "Luật này quy định về phạm vi."),
                               make_document.article("2", "Đối tượng áp dụng", "Cơ quan, tổ chức.", "Cá nhân.")])
    again, outcome = document_upsert(data=data)
    assert outcome == Outcome.UNCHANGED
    assert again.pk == first.pk
    assert Document.objects.count() == 1
    assert Provision.objects.filter(document=first).count() == 5


def test_a_second_document_claiming_the_same_number_is_refused_and_nothing_changes(make_document):
    make_document(number="60/2014/QH13", title="Luật Hộ tịch")
    data = DocumentData(source_key="other-source", title="Luật khác", number="60/2014/qh13", body_text="x",
                        nodes=[make_document.article("1", "X")])
    with pytest.raises(DocumentConflict, match="đã thuộc văn bản khác"):
        document_upsert(data=data)
    assert list(Document.objects.values_list("title", flat=True)) == ["Luật Hộ tịch"]


def test_replacing_document_in_force_makes_the_old_one_expired_in_both_directions(make_document):
    old = make_document(number="68/2014/QH13", title="Luật Doanh nghiệp", status=EffectStatus.IN_FORCE,
                        effective_date=date(2015, 7, 1))
    new = make_document(number="59/2020/QH14", title="Luật Doanh nghiệp", status=EffectStatus.IN_FORCE,
                        effective_date=date(2021, 1, 1), replaced_numbers=["68/2014/QH13"])
    old.refresh_from_db()
    assert old.status == EffectStatus.EXPIRED
    assert "Luật Doanh nghiệp số 59/2020/QH14" in old.status_note
    assert relations.relations_of(old)["incoming"][0].source == new
    assert relations.relations_of(new)["outgoing"][0].target == old
    texts = [n.text for n in document_notices(old)]
    assert any("hết hiệu lực toàn bộ" in t for t in texts)
    assert any("bị thay thế bởi Luật Doanh nghiệp số 59/2020/QH14" in t for t in texts)


def test_relation_recorded_before_its_target_arrives_is_attached_later(make_document):
    new = make_document(number="59/2020/QH14", title="Luật Doanh nghiệp", status=EffectStatus.IN_FORCE,
                        replaced_numbers=["68/2014/QH13"])
    pending = Relation.objects.get(source=new)
    assert pending.target is None and pending.target_number == "68/2014/QH13"
    old = make_document(number="68/2014/QH13", title="Luật Doanh nghiệp cũ", status=EffectStatus.IN_FORCE)
    pending.refresh_from_db()
    assert pending.target == old


def test_repealing_one_article_marks_it_and_the_document_partly_expired(make_document):
    target = make_document(number="1/2020/QH14", title="Luật A", status=EffectStatus.IN_FORCE)
    source = make_document(number="2/2022/QH15", title="Luật B", status=EffectStatus.IN_FORCE)
    Relation.objects.create(source=source, relation_type=RelationType.REPEALS, target=target,
                            target_anchor="dieu-2")
    status.refresh_statuses(source)
    target.refresh_from_db()
    assert target.status == EffectStatus.PARTLY_EXPIRED
    statuses = dict(Provision.objects.filter(document=target).values_list("anchor", "status"))
    assert statuses["dieu-2"] == statuses["dieu-2-khoan-1"] == EffectStatus.EXPIRED
    assert statuses["dieu-1"] == ""
    assert any(n.text.startswith("Điều 2 bị bãi bỏ bởi Luật B") for n in document_notices(target))


def test_dates_override_a_stale_stored_status(make_document):
    today = timezone.localdate()
    soon = make_document(number="3/2026/QH15", title="Luật sắp có hiệu lực", status=EffectStatus.IN_FORCE,
                         effective_date=today + timedelta(days=30))
    assert soon.current_status() == EffectStatus.NOT_YET
    assert any("chưa có hiệu lực" in n.text for n in document_notices(soon))
    gone = make_document(number="4/2010/QH12", title="Luật đã hết", status=EffectStatus.IN_FORCE,
                         expiry_date=today - timedelta(days=1))
    assert gone.current_status() == EffectStatus.EXPIRED


@pytest.mark.parametrize("issuer, scope", [
    ("QUỐC HỘI", "toan-quoc"), ("BỘ TƯ PHÁP", "toan-quoc"),
    ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HUẾ", "tinh"), ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HUẾ", "tinh"),
    ("UBND TỈNH QUẢNG TRỊ", "tinh"), ("UỶ BAN NHÂN DÂN PHƯỜNG THUẬN HÓA", "xa"), ("HĐND XÃ A LƯỚI 1", "xa"),
])
def test_scope_follows_the_issuer(issuer, scope):
    from phapluat.laws.services.documents import scope_from_issuer

    assert scope_from_issuer(issuer) == scope


def test_a_city_decision_is_stored_with_the_citys_scope(make_document):
    decision = make_document(number="25/2025/QĐ-UBND", title="Quyết định ban hành Quy chế", doc_type="quyet-dinh",
                             issuer="ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ")
    assert decision.scope == "tinh"
    assert make_document(number="1/2025/QH15", title="Luật A", issuer="QUỐC HỘI").scope == "toan-quoc"
