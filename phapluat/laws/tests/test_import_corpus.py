"""`phapluat import` on the real corpus and on bad input, through the command a user runs."""
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from phapluat.laws.importers import run_import
from phapluat.laws.models import Document, EffectStatus, Provision, Relation, RelationType

FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytestmark = pytest.mark.django_db

SAMPLE = ["Bo-luat-dan-su-2015-296215.txt", "Luat-Doanh-nghiep-2014-259730.txt",
          "Luat-Doanh-nghiep-so-59-2020-QH14-427301.txt"]


@pytest.fixture
def vlc(shared_dir):
    return shared_dir / "data" / "laws" / "vlc"


def test_import_real_laws_is_idempotent_and_links_replaced_laws(vlc, shared_dir):
    paths = [vlc / name for name in SAMPLE]
    first = run_import(paths)
    assert first.ok, first.failures
    assert first.created == 3
    civil = Document.objects.get(number="91/2015/QH13")
    assert civil.provisions.filter(kind="dieu").count() == 689
    assert civil.effective_date.isoformat() == "2017-01-01"
    assert civil.slug == "bo-luat-91-2015-qh13"
    counts = (Document.objects.count(), Provision.objects.count(), Relation.objects.count())

    again = run_import(paths)
    assert again.unchanged == 3 and again.created == again.updated == 0
    assert (Document.objects.count(), Provision.objects.count(), Relation.objects.count()) == counts

    # The 2020 Law on Enterprises says the 2014 one ceases to be in force: a computed relation.
    old = Document.objects.get(number="68/2014/QH13")
    assert Relation.objects.filter(source__number="59/2020/QH14", target=old,
                                   relation_type=RelationType.REPLACES).exists()
    assert old.current_status() == EffectStatus.EXPIRED

    run_import([shared_dir / "data" / "laws" / "census-93-laws.json"])
    civil.refresh_from_db()
    assert civil.status == EffectStatus.IN_FORCE and "danh mục" in civil.status_note


def test_alqac_json_corpus_imports_articles_with_their_clauses(shared_dir, tmp_path):
    corpus = json.loads((shared_dir / "bench" / "retrieval" / "corpus-alqac2024.json").read_text())
    small = tmp_path / "corpus.json"
    small.write_text(json.dumps([law for law in corpus if law["id"] == "Luật Cư trú"], ensure_ascii=False))
    summary = run_import([small])
    assert summary.ok and summary.created == 1
    document = Document.objects.get(source_key="alqac:Luật Cư trú")
    assert document.provisions.filter(kind="dieu").count() == 38
    assert document.provisions.filter(kind="khoan").exists()


@pytest.mark.parametrize("name, content, reason", [
    ("rong.txt", b"", "rỗng"),
    ("hong.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<", "PDF"),
    ("vo-nghia.txt", "Chỉ là một đoạn văn không có điều nào.".encode(), "điều"),
    ("sai.json", b"{not json", "JSON"),
])
def test_bad_files_fail_with_a_reason_and_leave_the_library_as_it_was(vlc, tmp_path, name, content, reason):
    run_import([vlc / SAMPLE[0]])
    before = (Document.objects.count(), Provision.objects.count())
    bad = tmp_path / name
    bad.write_bytes(content)
    summary = run_import([bad])
    assert not summary.ok
    assert reason in summary.failures[0][1]
    assert (Document.objects.count(), Provision.objects.count()) == before


def test_oversized_file_is_refused_before_it_is_read(tmp_path, settings):
    settings.PHAPLUAT_MAX_IMPORT_BYTES = 1024 * 1024
    big = tmp_path / "qua-lon.txt"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # a sparse 100 MB file
    summary = run_import([big])
    assert "quá lớn" in summary.failures[0][1]
    assert not Document.objects.exists()


def test_two_files_claiming_the_same_number_keep_the_first(vlc, tmp_path):
    original = (vlc / SAMPLE[0]).read_text(encoding="utf-8")
    impostor = tmp_path / "ban-sao.txt"
    impostor.write_text(original.replace("DÂN SỰ", "DÂN SỰ (BẢN SAO)"), encoding="utf-8")
    summary = run_import([vlc / SAMPLE[0], impostor])
    assert summary.created == 1
    assert "91/2015/QH13" in summary.failures[0][1] and "đã thuộc văn bản khác" in summary.failures[0][1]


def test_command_exits_non_zero_with_vietnamese_summary(tmp_path, capsys):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(empty), "--no-progress")
    assert exit_info.value.code == 1
    assert "không nhập được" in capsys.readouterr().err


def test_legacy_tcvn3_file_is_converted(vlc, tmp_path):
    from phapluat.laws.parsing import legacy

    text = (vlc / "Luat-Cong-chung-2014-238638.txt").read_text(encoding="utf-8")
    encoded = legacy.encode_legacy(text, "tcvn3") if hasattr(legacy, "encode_legacy") else None
    if encoded is None:
        pytest.skip("no TCVN3 encoder to build the fixture")
    path = tmp_path / "cong-chung-tcvn3.txt"
    path.write_bytes(encoded)
    summary = run_import([path])
    assert summary.ok, summary.failures
    assert Document.objects.get().title.startswith("Luật Công chứng")


def small_law(number: str, subject: str) -> str:
    return "\n".join(["QUỐC HỘI", f"Luật số: {number}", "Hà Nội, ngày 1 tháng 2 năm 2024", "LUẬT", subject,
                      "CÔNG BÁO/Số 43 + 44/Ngày 08-01-2024", "21", "Điều 1. Phạm vi điều chỉnh", "Nội dung.",
                      "Điều 2. Hiệu lực thi hành", "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2024."])


def test_crawler_records_are_imported_from_their_full_text(tmp_path):
    records = [{"so_hieu": "1/2024/QH15", "nguon_url": "https://congbao.chinhphu.vn/1",
                "full_text": small_law("1/2024/QH15", "THỬ MỘT")},
               {"so_hieu": "2/2024/QH15", "full_text": small_law("2/2024/QH15", "THỬ HAI")}]
    listed, single = tmp_path / "ban-ghi.json", tmp_path / "mot-ban-ghi.json"
    listed.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    single.write_text(json.dumps({**records[0], "full_text": small_law("3/2024/QH15", "THỬ BA")},
                                 ensure_ascii=False), encoding="utf-8")
    summary = run_import([listed, single])
    assert summary.ok, summary.failures
    assert (summary.created, summary.articles) == (3, 6)
    stored = dict(Document.objects.values_list("source_key", "title"))
    assert stored == {"file:ban-ghi.json#1": "Luật Thử một", "file:ban-ghi.json#2": "Luật Thử hai",
                      "file:mot-ban-ghi.json": "Luật Thử ba"}
    assert not Provision.objects.filter(text__contains="CÔNG BÁO").exists()


def test_unknown_json_is_refused_with_the_formats_it_could_have(tmp_path):
    unknown = tmp_path / "la.json"
    unknown.write_text(json.dumps({"so_hieu": "1/2024/QH15", "noi_dung": "..."}), encoding="utf-8")
    summary = run_import([unknown])
    assert summary.failures == [("la.json", (
        'Không nhận ra định dạng của la.json: cần danh sách văn bản dạng [{"id": ..., "articles": [{"id": ..., '
        '"text": ...}]}], danh mục {"laws": [...]} hoặc bản ghi văn bản có trường "full_text" (một bản ghi '
        "hoặc danh sách bản ghi)."))]


def test_a_folder_is_imported_around_a_file_that_cannot_be_opened(tmp_path):
    (tmp_path / "a-hong.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "b-luat.md").write_text("# b-luat\n" + small_law("4/2024/QH15", "THỬ BỐN"), encoding="utf-8")
    summary = run_import([tmp_path])
    assert summary.created == 1 and Document.objects.get().number == "4/2024/QH15"
    assert [label for label, _ in summary.failures] == ["a-hong.json"]


def test_two_different_files_with_the_same_name_are_two_documents(shared_dir, tmp_path):
    """A file name is never an identity: a/vanban.docx and b/vanban.docx are two laws, and neither overwrites
    the other (it did: the second inherited the first's page and relations)."""
    current = shared_dir / "data/laws/current"
    for folder, name in (("a", "48-2024-QH15_luat-thue-gia-tri-gia-tang.docx"),
                         ("b", "66-2025-QH15_luat-thue-tieu-thu-dac-biet.docx")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "vanban.docx").write_bytes((current / name).read_bytes())
    summary = run_import([tmp_path / "a" / "vanban.docx", tmp_path / "b" / "vanban.docx"])
    assert summary.created == 2 and not summary.failures
    vat, excise = Document.objects.get(number="48/2024/QH15"), Document.objects.get(number="66/2025/QH15")
    assert vat.title == "Luật Thuế giá trị gia tăng" and excise.title == "Luật Thuế tiêu thụ đặc biệt"
    assert vat.provisions.filter(kind="dieu").count() == 18 and excise.provisions.filter(kind="dieu").count() == 11
    again = run_import([tmp_path / "a" / "vanban.docx", tmp_path / "b" / "vanban.docx"])
    assert again.unchanged == 2 and Document.objects.count() == 2


def test_a_file_claiming_a_stored_number_with_another_date_is_refused_naming_both(vlc, tmp_path):
    original = (vlc / SAMPLE[0]).read_text(encoding="utf-8")
    run_import([vlc / SAMPLE[0]])
    before = Document.objects.get(number="91/2015/QH13")
    other = tmp_path / SAMPLE[0]  # the same file name, another issue date
    other.write_text(original.replace("ngày 24 tháng 11 năm 2015", "ngày 25 tháng 12 năm 2016", 1), encoding="utf-8")
    summary = run_import([other])
    reason = summary.failures[0][1]
    assert "91/2015/QH13" in reason and "24/11/2015" in reason and "25/12/2016" in reason and "ngày ban hành" in reason
    after = Document.objects.get(number="91/2015/QH13")
    assert (after.issue_date, after.updated_at) == (before.issue_date, before.updated_at)


def test_a_folder_import_says_what_happened_to_every_file(shared_dir, tmp_path, capsys):
    folder = tmp_path / "so-tu-phap"
    folder.mkdir()
    docx = "149-2025-QH15_luat-sua-doi-luat-thue-gtgt.docx"
    (folder / docx).write_bytes((shared_dir / "data/laws/current" / docx).read_bytes())
    (folder / "quyet-dinh-cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (folder / "anh-chup.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    (folder / "Thumbs.db").write_bytes(b"\0\1\2")
    if shutil.which("catdoc"):
        (folder / "luat-cu.doc").write_bytes((FIXTURES / "09-2026-QH16_luat-sua-doi-cac-luat-thue.doc").read_bytes())
    summary = run_import([folder])
    assert summary.created == (2 if shutil.which("catdoc") else 1)
    refused = {label: reason for label, reason in summary.failures}
    assert sorted(refused) == ["anh-chup.jpg", "quyet-dinh-cu.doc"]
    assert "Word 97–2003" in refused["quyet-dinh-cu.doc"] and "OCR" in refused["anh-chup.jpg"]
    assert [label for label, _ in summary.skipped] == ["Thumbs.db"]
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(folder), "--no-progress")
    assert exit_info.value.code == 1
    printed = "".join(capsys.readouterr())
    assert f"{docx}: không đổi – Luật 149/2025/QH15" in printed
    assert "quyet-dinh-cu.doc: TỪ CHỐI – Tệp Word 97–2003 (.doc) bị hỏng" in printed
    assert "Thumbs.db: bỏ qua" in printed and "2 tệp không nhập được" in printed


def test_the_original_file_is_downloadable_byte_for_byte(shared_dir, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    original = shared_dir / "data/laws/current/51-2024-QH15_luat-sua-doi-luat-bao-hiem-y-te.pdf"
    assert not run_import([original]).failures
    document = Document.objects.get(number="51/2024/QH15")
    response = client.get(f"{document.get_absolute_url()}tai-ve/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == original.read_bytes()  # the gazette's signature kept
