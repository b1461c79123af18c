"""Effect statuses with their sources (#17): what the closing articles of real laws say, what the portal shows
for each kind of source, the editors' verification and its bad inputs. Runs on SQLite and PostgreSQL."""
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from phapluat.laws.importers import run_import
from phapluat.laws.models import Document, EffectStatus, Relation, StatusRecord, StatusSource
from phapluat.laws.parsing import effect
from phapluat.laws.parsing.model import ParsedDocument, ParsedNode
from phapluat.laws.parsing.readers import read_file
from phapluat.laws.parsing.text import parse_text
from phapluat.laws.services.status import StatusVerificationError, verify_status
from phapluat.laws.status_view import status_view

CURRENT = Path("data/laws/current")
ROAD_LAW_2008 = "data/laws/vlc/Luat-giao-thong-duong-bo-2008-23-2008-QH12-82203.txt"
SOCIAL_INSURANCE_2014 = "data/laws/vlc/Luat-Bao-hiem-xa-hoi-2014-259700.txt"
TAX_PROCEDURE_2015 = "data/laws/vlc/Luat-to-tung-hanh-chinh-2015-298372.txt"


def _closing(*clauses: str, number: str = "1/2026/QH15", issued: date | None = date(2026, 4, 24)) -> ParsedDocument:
    article = ParsedNode(kind="dieu", number="9", heading="Hiệu lực thi hành", anchor="dieu-9")
    article.children = [ParsedNode(kind="khoan", number=str(i), text=t, anchor=f"dieu-9-khoan-{i}")
                        for i, t in enumerate(clauses, 1)]
    transitional = ParsedNode(kind="dieu", number="10", heading="Quy định chuyển tiếp", anchor="dieu-10",
                              text="Hợp đồng ký trước ngày 01 tháng 7 năm 2025 tiếp tục thực hiện.")
    return ParsedDocument(number=number, issue_date=issued, body=[article, transitional])


# ---------------------------------------------------------------- closing articles (pure)


@pytest.mark.parametrize("sentence, expected", [
    ("Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.", date(2026, 7, 1)),
    ("Nghị định này có hiệu lực kể từ ngày 15/02/2025.", date(2025, 2, 15)),
    ("Quyết định này có hiệu lực kể từ ngày ký.", date(2026, 4, 24)),
    ("Nghị quyết này có hiệu lực thi hành từ ngày được Quốc hội thông qua.", date(2026, 4, 24)),
    ("Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng\n01 năm 2025.", date(2025, 1, 1)),
])
def test_effective_date_in_every_written_form(sentence, expected):
    assert effect.read_effect(_closing(sentence)).effective_date == expected


def test_the_closing_article_is_found_before_transitional_articles():
    parsed = _closing("Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025.")
    assert effect.closing_article(parsed).anchor == "dieu-9"


def test_provisions_that_take_effect_on_their_own_date():
    parsed = _closing("Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025, trừ trường hợp quy định tại "
                      "khoản 2 Điều này.",
                      "Điểm a và điểm b khoản 2 Điều 42, Điều 43, khoản 1 Điều 84 của Luật này có hiệu lực thi "
                      "hành từ ngày 01 tháng 10 năm 2024.")
    clauses = effect.read_effect(parsed)
    assert clauses.effective_date == date(2025, 1, 1)
    assert clauses.provision_dates == [(a, date(2024, 10, 1)) for a in (
        "dieu-42-khoan-2-diem-a", "dieu-42-khoan-2-diem-b", "dieu-43", "dieu-84-khoan-1")]


def test_ended_documents_keep_their_type_exceptions_and_dates():
    parsed = _closing(
        "Luật Bảo hiểm xã hội số 58/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 84/2015/QH13, "
        "Bộ luật số 45/2019/QH14 (sau đây gọi chung là Luật số 58/2014/QH13) và Nghị quyết số 93/2015/QH13 "
        "ngày 22 tháng 6 năm 2015 của Quốc hội hết hiệu lực thi hành kể từ ngày Luật này có hiệu lực thi hành.",
        "Luật Quản lý thuế số 38/2019/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành, trừ quy định tại "
        "khoản 1 và khoản 3 Điều 53 của Luật này; riêng quy định tại Điều 51 của Luật Quản lý thuế số "
        "38/2019/QH14 hết hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2026.",
        "Khoản 9 Điều 60 của Luật này có hiệu lực thi hành từ ngày Nghị quyết số 61/2022/QH15 hết hiệu lực.")
    ended = {(e.number, tuple(e.anchors)): e for e in effect.read_effect(parsed).ended}
    assert set(ended) == {("58/2014/QH13", ()), ("93/2015/QH13", ()), ("38/2019/QH14", ()),
                          ("38/2019/QH14", ("dieu-51",))}
    assert ended[("93/2015/QH13", ())].doc_type == "nghi-quyet"
    assert ended[("58/2014/QH13", ())].doc_type == "luat"
    assert ended[("38/2019/QH14", ())].exceptions == "tại khoản 1 và khoản 3 Điều 53 của Luật này"
    assert ended[("38/2019/QH14", ("dieu-51",))].on == date(2026, 1, 1)
    assert ended[("38/2019/QH14", ())].source_anchor == "dieu-9-khoan-2"


def test_real_closing_articles_of_the_current_laws(shared_dir):
    """The DOCX originals (fast to read): dates and what each one ends, as MANIFEST.json states them."""
    expected = {
        "36-2024-QH15_luat-trat-tu-an-toan-giao-thong-duong-bo.docx":
            (date(2025, 1, 1), [("dieu-10-khoan-3", date(2026, 1, 1))], {"23/2008/QH12", "73/2022/QH15"}),
        "41-2024-QH15_luat-bao-hiem-xa-hoi.docx": (date(2025, 7, 1), [], {"58/2014/QH13", "93/2015/QH13"}),
        "108-2025-QH15_luat-quan-ly-thue.docx": (
            date(2026, 7, 1), [("dieu-13", date(2026, 1, 1)), ("dieu-26", date(2026, 1, 1))], {"38/2019/QH14"}),
        "09-2026-QH16_luat-sua-doi-cac-luat-thue.docx":
            (date(2026, 4, 24), [(f"dieu-{n}", date(2026, 1, 1)) for n in (1, 2, 3)], set()),
        "168-2024-ND-CP_xu-phat-vi-pham-giao-thong-duong-bo.docx": (date(2025, 1, 1), None, set()),
    }
    for name, (takes_effect, provision_dates, ended) in expected.items():
        clauses = effect.read_effect(parse_text(read_file(shared_dir / CURRENT / name, max_bytes=50_000_000)))
        assert clauses.effective_date == takes_effect, name
        if provision_dates is not None:
            assert clauses.provision_dates == provision_dates, name
        assert {e.number for e in clauses.ended if not e.anchors} == ended, name


# ---------------------------------------------------------------- statuses and their sources


@pytest.fixture
def road_laws(db, shared_dir):
    """Luật Giao thông đường bộ 2008 and the two 2024 laws that each replace it, imported from real files."""
    summary = run_import([shared_dir / ROAD_LAW_2008,
                          shared_dir / CURRENT / "36-2024-QH15_luat-trat-tu-an-toan-giao-thong-duong-bo.docx",
                          shared_dir / CURRENT / "35-2024-QH15_luat-duong-bo.docx"])
    assert not summary.failures, summary.failures
    return {n: Document.objects.get(number=n) for n in ("23/2008/QH12", "36/2024/QH15", "35/2024/QH15")}


def test_a_document_without_a_source_is_unverified_never_in_force(make_document):
    document = make_document(number="5/2020/QH14", title="Luật Thử", effective_date=date(2020, 7, 1))
    assert document.status_source == StatusSource.UNVERIFIED
    assert document.current_status() == EffectStatus.UNVERIFIED and not document.is_current_law()
    view = status_view(document)
    assert view.label == "Chưa xác minh hiệu lực" and view.css == "unverified" and not view.is_current
    assert "Keyword=5%2F2020%2FQH14" in view.official_url


def test_an_unverified_document_not_yet_in_force_says_so(make_document):
    later = timezone.localdate() + timedelta(days=60)
    document = make_document(number="6/2026/QH15", title="Luật Sắp tới", effective_date=later)
    assert document.current_status() == EffectStatus.NOT_YET


def test_replacing_laws_in_the_library_expire_the_old_one_on_the_earlier_date(road_laws):
    old, order, roads = road_laws["23/2008/QH12"], road_laws["36/2024/QH15"], road_laws["35/2024/QH15"]
    assert old.current_status() == EffectStatus.EXPIRED and old.status_source == StatusSource.DERIVED
    assert old.expiry_date == date(2025, 1, 1)
    assert old.status_source_document in (order, roads) and old.status_source_anchor.startswith("dieu-8")
    relations = Relation.objects.filter(target=old, relation_type="thay-the")
    assert {r.source for r in relations} == {order, roads}  # both kept and shown
    assert all(r.note.startswith("trừ trường hợp quy định tại") and "Luật" in r.note for r in relations)
    as_of_2024 = old.current_status(date(2024, 12, 31))
    assert as_of_2024 == EffectStatus.EXPIRED or old.status == EffectStatus.EXPIRED
    # The replacing laws themselves only have their own dates: unverified, not "in force".
    assert order.current_status() == roads.current_status() == EffectStatus.UNVERIFIED


def test_the_earlier_of_two_replacements_wins(make_document):
    old = make_document(number="7/2010/QH12", title="Luật Cũ", status=EffectStatus.IN_FORCE)
    make_document(number="8/2024/QH15", title="Luật Mới Một", effective_date=date(2025, 7, 1),
                  replaced_numbers=["7/2010/QH12"])
    make_document(number="9/2024/QH15", title="Luật Mới Hai", effective_date=date(2025, 1, 1),
                  replaced_numbers=["7/2010/QH12"])
    old.refresh_from_db()
    assert old.expiry_date == date(2025, 1, 1) and old.status_source_document.number == "9/2024/QH15"
    assert Relation.objects.filter(target=old).count() == 2


def test_a_replacement_adopted_but_not_yet_in_force_turns_the_status_on_its_day(make_document):
    soon = timezone.localdate() + timedelta(days=30)
    old = make_document(number="10/2012/QH13", title="Luật Đang áp dụng", status=EffectStatus.IN_FORCE)
    make_document(number="11/2026/QH15", title="Luật Thay thế", effective_date=soon, replaced_numbers=["10/2012/QH13"])
    old.refresh_from_db()
    assert old.current_status() == EffectStatus.IN_FORCE and old.status_source == StatusSource.OFFICIAL
    assert old.current_status(soon) == EffectStatus.EXPIRED


def test_a_resolution_number_never_attaches_to_the_law_with_the_same_number(db, shared_dir):
    summary = run_import([shared_dir / TAX_PROCEDURE_2015, shared_dir / SOCIAL_INSURANCE_2014,
                          shared_dir / CURRENT / "41-2024-QH15_luat-bao-hiem-xa-hoi.docx"])
    assert not summary.failures
    procedure = Document.objects.get(number="93/2015/QH13")
    assert procedure.current_status() != EffectStatus.EXPIRED
    assert not Relation.objects.filter(target=procedure, relation_type="thay-the").exists()
    waiting = Relation.objects.get(target__isnull=True, target_number="93/2015/QH13")
    assert waiting.target_doc_type == "nghi-quyet"
    assert Document.objects.get(number="58/2014/QH13").current_status() == EffectStatus.EXPIRED


def test_official_record_gives_in_force_with_its_date_and_source(make_document):
    document = make_document(number="12/2015/QH13", title="Luật Có nguồn", status=EffectStatus.IN_FORCE)
    view = status_view(document)
    assert view.code == EffectStatus.IN_FORCE and view.css == "in-force" and view.is_current
    assert view.source == StatusSource.OFFICIAL and view.source_date == date(2026, 2, 26)
    assert "danh mục kiểm thử" in view.note


def test_replaced_by_a_document_not_in_the_library_is_expired_and_says_so(make_document):
    document = make_document(number="65/2014/QH13", title="Luật Nhà ở", status=EffectStatus.IN_FORCE)
    verify_status(document=document, status=EffectStatus.EXPIRED, expiry_date=date(2024, 8, 1),
                  replaced_by_number="27/2023/QH15", source_label="Luật Nhà ở số 27/2023/QH15, Điều 197",
                  checked_by_name="Nguyễn Văn A")
    document.refresh_from_db()
    view = status_view(document)
    assert view.code == EffectStatus.EXPIRED and view.replacement_missing
    assert view.label == "Hết hiệu lực toàn bộ (văn bản thay thế chưa có trong thư viện)"
    assert document.status_source == StatusSource.EDITOR and "Nguyễn Văn A" in document.status_note


def test_known_replacements_ship_as_editor_records_once(db, shared_dir):
    from phapluat.laws.importers.replacements import TEAM, load_known_replacements

    run_import([shared_dir / "data/laws/vlc/Luat-Nha-o-2014-259721.txt"])
    assert load_known_replacements() == 1
    assert load_known_replacements() == 0
    housing = Document.objects.get(number="65/2014/QH13")
    assert housing.current_status() == EffectStatus.EXPIRED and housing.replaced_by_number == "27/2023/QH15"
    assert housing.status_records.get().checked_by_name == TEAM


def test_a_replacing_law_imported_after_an_editor_check_takes_precedence(make_document):
    old = make_document(number="13/2010/QH12", title="Luật Được xác minh")
    verify_status(document=old, status=EffectStatus.IN_FORCE, source_label="Công báo", checked_by_name="B",
                  checked_on=date(2025, 1, 1))
    make_document(number="14/2025/QH15", title="Luật Thay", effective_date=date(2025, 6, 1),
                  replaced_numbers=["13/2010/QH12"])
    old.refresh_from_db()
    assert old.current_status() == EffectStatus.EXPIRED and old.status_source == StatusSource.DERIVED


# ---------------------------------------------------------------- the editor's verification: bad input


@pytest.mark.parametrize("kwargs, message", [
    ({"source_label": "", "source_url": ""}, "Cần ghi nguồn xác minh"),
    ({"checked_on": date(2099, 1, 1)}, "không được ở tương lai"),
    ({"source_url": "javascript:alert(1)"}, "https://"),
    ({"status": EffectStatus.UNVERIFIED}, "tình trạng hiệu lực cụ thể"),
    ({"status": EffectStatus.EXPIRED, "expiry_date": date(2099, 1, 1)}, "Ngày hết hiệu lực ở tương lai"),
])
def test_a_verification_without_a_source_or_with_a_future_date_is_refused(make_document, kwargs, message):
    document = make_document(number="15/2020/QH14", title="Luật Kiểm tra")
    arguments = {"document": document, "status": EffectStatus.IN_FORCE, "source_label": "Công báo",
                 "checked_by_name": "C", **kwargs}
    with pytest.raises(StatusVerificationError, match=message):
        verify_status(**arguments)
    assert not StatusRecord.objects.exists()
    document.refresh_from_db()
    assert document.status_source == StatusSource.UNVERIFIED


def test_verifying_updates_the_index_and_the_page_at_once(make_document, client):
    from phapluat.search.models import SearchEntry

    document = make_document(number="16/2020/QH14", title="Luật Cập nhật", effective_date=date(2021, 1, 1),
                             issue_date=date(2020, 6, 1))
    assert set(SearchEntry.objects.filter(document=document).values_list("status", flat=True)) == {"chua-xac-minh"}
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Chưa xác minh hiệu lực" in page and "Thư viện cập nhật văn bản đến ngày" in page
    assert "Cơ sở dữ liệu quốc gia về văn bản pháp luật" in page
    verify_status(document=document, status=EffectStatus.IN_FORCE, source_label="Cơ sở dữ liệu quốc gia",
                  checked_by_name="Trần Thị D")
    assert set(SearchEntry.objects.filter(document=document).values_list("status", flat=True)) == {"con-hieu-luc"}
    page = client.get(document.get_absolute_url()).content.decode()
    assert 'class="badge status-con-hieu-luc">Còn hiệu lực' in page and "Trần Thị D" in page


def test_verification_queue_orders_by_views_and_needs_a_role(make_document, client, django_user_model):
    from phapluat.laws.admin_views import verification_queue

    quiet = make_document(number="17/2020/QH14", title="Luật Ít xem")
    read = make_document(number="18/2020/QH14", title="Luật Hay xem")
    for _ in range(3):
        client.get(read.get_absolute_url())
    assert list(verification_queue())[:2] == [read, quiet]
    citizen = django_user_model.objects.create_user("dan", password="x")
    client.force_login(citizen)
    assert client.get("/quan-tri/van-ban/can-xac-minh/").status_code in (302, 403)
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    page = client.get("/quan-tri/van-ban/can-xac-minh/").content.decode()
    assert "Văn bản cần xác minh hiệu lực" in page and page.index("Luật Hay xem") < page.index("Luật Ít xem")
    refused = client.post(f"/quan-tri/van-ban/{quiet.pk}/xac-minh-hieu-luc/", {"status": "con-hieu-luc"})
    assert "Cần ghi nguồn xác minh" in refused.content.decode() and not StatusRecord.objects.exists()
    done = client.post(f"/quan-tri/van-ban/{quiet.pk}/xac-minh-hieu-luc/",
                       {"status": "con-hieu-luc", "source_label": "Công báo số 1/2026"})
    assert done.status_code == 302
    quiet.refresh_from_db()
    assert quiet.is_current_law() and quiet.status_source_by == "quantri"


def test_a_list_of_ended_decrees_one_per_point():
    """Decree 158/2025/NĐ-CP's form: "… các Nghị định và các điều khoản sau đây hết hiệu lực thi hành:" and points."""
    clause = ParsedNode(kind="khoan", number="2", anchor="dieu-9-khoan-2", text=(
        "Kể từ ngày Nghị định này có hiệu lực thi hành, các Nghị định của Chính phủ và các điều khoản sau đây "
        "hết hiệu lực thi hành:"))
    clause.children = [ParsedNode(kind="diem", number=letter, anchor=f"dieu-9-khoan-2-diem-{letter}", text=text)
                       for letter, text in (
        ("a", "Nghị định số 115/2015/NĐ-CP ngày 11 tháng 11 năm 2015 của Chính phủ quy định chi tiết;"),
        ("b", "Khoản 2 Điều 3; các khoản 1, 3 Điều 7 của Nghị định số 135/2020/NĐ-CP ngày 18 tháng 11 năm 2020.\n"
              "Phụ lục III ban hành kèm theo Nghị định số 135/2020/NĐ-CP;"))]
    parsed = _closing("Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.", number="158/2025/NĐ-CP")
    parsed.body[0].children.append(clause)
    ended = effect.read_effect(parsed).ended
    assert [(e.number, e.anchors, e.source_anchor) for e in ended] == [
        ("115/2015/NĐ-CP", [], "dieu-9-khoan-2-diem-a"),
        ("135/2020/NĐ-CP", ["dieu-3-khoan-2", "dieu-7-khoan-1", "dieu-7-khoan-3"], "dieu-9-khoan-2-diem-b"),
    ]  # the appendix is named, not which provisions: never the whole decree


def test_a_provision_ended_only_from_a_later_date_leaves_the_document_in_force_until_then(make_document):
    soon = timezone.localdate() + timedelta(days=30)
    target = make_document(number="19/2020/QH14", title="Luật Còn nguyên", status=EffectStatus.IN_FORCE)
    source = make_document(number="20/2026/QH15", title="Luật Bãi bỏ", effective_date=soon)
    Relation.objects.create(source=source, relation_type="thay-the", target=target, target_anchor="dieu-2",
                            effective_date=soon)
    from phapluat.laws.services.status import refresh_statuses

    refresh_statuses(source)
    target.refresh_from_db()
    assert target.current_status() == EffectStatus.IN_FORCE
    assert not target.provisions.filter(status=EffectStatus.EXPIRED).exists()
