"""The twenty laws, resolutions and decrees of 2023–2026 staged in ../shared/data/laws/current (DOCX,
Word-exported PDFs, two Công báo PDFs, a crawler's JSON record and a gazette's Markdown text layer) go
through the importer and give what MANIFEST.json says: number, type, title, issue date and articles.

Parsing needs no database: each file is read and parsed once for the module (the large PDFs take
seconds with pypdf). One test stores the JSON record and the Markdown file in the library."""
import json
from datetime import date

import pytest

from phapluat.laws.importers import run_import
from phapluat.laws.importers.sources import items_for
from phapluat.laws.models import Document, DocumentType

GAZETTE_FILES = ("50-2024-QH15_luat-cong-doan.json", "51-2024-QH15_luat-sua-doi-luat-bao-hiem-y-te.pdf",
                 "158-2025-ND-CP_quy-dinh-chi-tiet-bhxh-bat-buoc.pdf", "29-2023-QH15_luat-kinh-doanh-bat-dong-san.md")
ISSUER_BY_NUMBER_SUFFIX = {"QH15": "QUỐC HỘI", "QH16": "QUỐC HỘI", "NĐ-CP": "CHÍNH PHỦ"}


@pytest.fixture(scope="module")
def current(shared_dir):
    folder = shared_dir / "data" / "laws" / "current"
    if not folder.is_dir():
        pytest.skip("../shared/data/laws/current không có")
    return folder


@pytest.fixture(scope="module")
def manifest(current) -> dict[str, dict]:
    entries = json.loads((current / "MANIFEST.json").read_text(encoding="utf-8"))
    return {entry["file"]: entry for entry in entries}


@pytest.fixture(scope="module")
def documents(current, manifest):
    """file name -> DocumentData, loaded the way `phapluat import FILE` loads it."""
    loaded = {}
    for name in manifest:
        [item] = list(items_for(current / name))
        loaded[name] = item.load()
    return loaded


def articles(document):
    return [node for top in document.nodes for node in top.walk() if node.kind == "dieu"]


def texts(document):
    return [node.heading + "\n" + node.text for top in document.nodes for node in top.walk()]


def test_the_manifest_lists_the_twenty_staged_files(current, manifest):
    staged = {path.name for path in current.iterdir() if path.name not in ("MANIFEST.json", "README.md")}
    assert len(manifest) == 20 and set(manifest) == staged


def test_number_type_and_issue_date_are_those_of_the_manifest(documents, manifest):
    found = {name: (d.number, DocumentType(d.doc_type).label, d.issue_date) for name, d in documents.items()}
    expected = {name: (entry["number"], entry["type"], date.fromisoformat(entry["issue_date"]))
                for name, entry in manifest.items()}
    assert found == expected


def test_titles_are_whole_and_cased_as_the_manifest(documents, manifest):
    # e.g. "LUẬT" / "CHUYỂN ĐỔI SỐ", a decree's title over three lines, "Luật sửa đổi ... của Luật Thuế ...".
    assert {name: d.title for name, d in documents.items()} == {name: e["title"] for name, e in manifest.items()}


def test_articles_run_from_one_to_the_manifest_count(documents, manifest):
    found = {name: [a.number for a in articles(d)] for name, d in documents.items()}
    expected = {name: [str(n) for n in range(1, entry["articles"] + 1)] for name, entry in manifest.items()}
    assert found == expected


def test_issuer_is_read_even_under_the_gazette_running_heads(documents):
    found = {name: d.issuer for name, d in documents.items()}
    expected = {name: ISSUER_BY_NUMBER_SUFFIX[d.number.split("/")[-1]] for name, d in documents.items()}
    assert found == expected
    assert not [name for name, d in documents.items() if any("cơ quan ban hành" in w for w in d.warnings)]


@pytest.mark.parametrize("name", GAZETTE_FILES)
def test_gazette_running_heads_and_page_numbers_are_not_in_the_text(documents, name):
    document = documents[name]
    assert "CÔNG BÁO" not in document.body_text
    assert not [text for text in texts(document) if "CÔNG BÁO" in text or "/Ngày" in text]


@pytest.mark.parametrize("name, anchor, sentence", [
    # Each sentence runs over a page break, where the gazette printed its running head and page number.
    ("51-2024-QH15_luat-sua-doi-luat-bao-hiem-y-te.pdf", "dieu-1-khoan-3-diem-b",
     "trong lĩnh vực bảo hiểm y tế, việc liên thông"),
    ("50-2024-QH15_luat-cong-doan.json", "dieu-35-khoan-3",
     "đối với Công đoàn không thuộc quy định tại khoản 1 và khoản 2 Điều này"),
    ("29-2023-QH15_luat-kinh-doanh-bat-dong-san.md", "dieu-9-khoan-4",
     "không nhằm mục đích kinh doanh hoặc bán, cho thuê, cho thuê mua nhà ở"),
    ("158-2025-ND-CP_quy-dinh-chi-tiet-bhxh-bat-buoc.pdf", "dieu-2-khoan-1",
     "khoản 1 và khoản 2 Điều 2 của Luật Bảo hiểm xã hội."),
])
def test_sentences_broken_by_a_page_break_are_joined(documents, name, anchor, sentence):
    nodes = {node.anchor: node for top in documents[name].nodes for node in top.walk()}
    assert sentence in nodes[anchor].text


def test_gazette_decree_158_reads_in_whole_words(documents):
    decree = documents["158-2025-ND-CP_quy-dinh-chi-tiet-bhxh-bat-buoc.pdf"]
    headings = [article.heading for article in articles(decree)]
    assert headings[:3] == ["Phạm vi điều chỉnh", "Đối tượng áp dụng", "Đối tượng tham gia bảo hiểm xã hội bắt buộc"]
    assert headings[-1] == "Trách nhiệm tổ chức thi hành"
    assert not [text for text in texts(decree) if "Đi ều" in text or " x ã h ội" in text]
    assert decree.warnings == []


@pytest.mark.django_db
def test_json_record_and_markdown_text_are_stored_in_the_library(current):
    record, markdown = current / GAZETTE_FILES[0], current / GAZETTE_FILES[3]
    summary = run_import([record, markdown])
    assert summary.ok, summary.failures
    assert (summary.created, summary.articles) == (2, 37 + 83)

    union = Document.objects.get(source_key=f"file:{record.name}")
    assert (union.number, union.title, union.issuer) == ("50/2024/QH15", "Luật Công đoàn", "QUỐC HỘI")
    assert union.issue_date == date(2024, 11, 27)
    assert union.provisions.get(anchor="dieu-37").heading == "Hiệu lực thi hành"

    real_estate = Document.objects.get(source_key=f"file:{markdown.name}")
    assert (real_estate.number, real_estate.title) == ("29/2023/QH15", "Luật Kinh doanh bất động sản")
    assert real_estate.issuer == "QUỐC HỘI" and real_estate.issue_date == date(2023, 11, 28)
    assert real_estate.provisions.filter(kind="dieu").count() == 83
    assert not real_estate.provisions.filter(text__contains="CÔNG BÁO").exists()

    again = run_import([record, markdown])
    assert again.unchanged == 2 and again.ok
