"""All 208 laws of ../shared/data/laws/vlc: every file parses, fast, and agrees with vlc-index.json.

vlc-index.json was made with simple regexes, so it is not the truth everywhere; the differences below
are checked one by one against the files and explained.
"""
from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path

import pytest

from phapluat.laws.parsing.normalize import normalize_text
from phapluat.laws.parsing.readers import read_file
from phapluat.laws.parsing.report import corpus_report, format_report
from phapluat.laws.parsing.text import parse_text

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
LAWS = SHARED / "data" / "laws"
VLC = LAWS / "vlc"
pytestmark = pytest.mark.skipif(not (LAWS / "vlc-index.json").is_file(), reason=f"corpus not found at {LAWS}")

# Where the index is wrong, with the reason.
INDEX_NUMBER_WRONG = {
    # the file has no header at all; the index took a number cited in the preamble ("Nghị quyết số 51/2001/QH10")
    "Luat-Bien-gioi-Quoc-gia-2003-06-2003-QH11-51044.txt": "",
}
INDEX_DATE_WRONG = {
    # the index took a date cited in the preamble; the header says "Hà Nội, ngày03 tháng 12 năm 2004"
    "Luat-Dien-Luc-2004-28-2004-QH11-18056.txt": date(2004, 12, 3),
    # no header: the adoption sentence gives 17 June 2003
    "Luat-Bien-gioi-Quoc-gia-2003-06-2003-QH11-51044.txt": date(2003, 6, 17),
}
# An article heading as the index counts it, but on NFC text with the look-alike Ð fixed, and also
# without the final period ("Điều 1" alone, "Điều 22 Lưu trữ ...", "Điều 1: PHẠM VI").
# "Điền 36." is a typo for "Điều 36." in three published texts; it is an article heading too.
_HEADING = re.compile(r"^(?:Điều|ĐIỀU) ?\d+[a-zđ]?(?:[.:]| [A-ZĐÀ-Ỹ]|$)|^Điền \d+[a-zđ]?\. ")
_ADOPTION = re.compile(r"^(?:Bộ luật|Luật)(?: này)?(?: đã)? được Quốc hội")


@pytest.fixture(scope="module")
def index() -> dict[str, dict]:
    return {row["file"]: row for row in json.loads((LAWS / "vlc-index.json").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def parsed_corpus(index):
    started = time.perf_counter()
    documents = {name: parse_text((VLC / name).read_text(encoding="utf-8")) for name in sorted(index)}
    return documents, time.perf_counter() - started


def _headings_before_adoption(text: str) -> int:
    count = 0
    for line in normalize_text(text).split("\n"):
        if _ADOPTION.match(line):
            break
        count += bool(_HEADING.match(line))
    return count


def test_every_file_parses_quickly(parsed_corpus, index):
    documents, seconds = parsed_corpus
    assert len(documents) == len(index) == 208
    assert seconds < 15, f"parsing the corpus took {seconds:.1f} s"
    assert sum(len(d.articles()) for d in documents.values()) == 17858


def test_article_counts_match_the_index_or_a_fairer_count(parsed_corpus, index):
    documents, _ = parsed_corpus
    fewer, differ = [], []
    for name, document in documents.items():
        found = len(document.articles())
        if found < index[name]["n_articles"]:
            fewer.append(name)
        if found != index[name]["n_articles"]:
            differ.append(name)
            # the index misses NFD "Điều", "Ðiều" with an eth, and headings without a period
            assert found == _headings_before_adoption((VLC / name).read_text(encoding="utf-8")), name
    assert fewer == []
    assert len(differ) == 19   # the index also misses the three "Điền" typos


def test_numbers_match_the_index(parsed_corpus, index):
    documents, _ = parsed_corpus
    for name, document in documents.items():
        expected = INDEX_NUMBER_WRONG.get(name, (index[name]["so_hieu"] or "").replace(" ", ""))
        # the index cuts numbers at a space or a non-ASCII letter: "73/2006/QH 11", "21-LCT/HĐNN8"
        assert document.number == expected or document.number.startswith(expected), name
        assert document.number or not index[name]["so_hieu"] or name in INDEX_NUMBER_WRONG, name


def test_dates_match_the_index(parsed_corpus, index):
    documents, _ = parsed_corpus
    for name, document in documents.items():
        expected = INDEX_DATE_WRONG.get(name) or index[name]["ngay_ban_hanh"]
        if expected is None:
            continue   # 6 files without a date line: the parser falls back to the adoption date
        assert document.issue_date == (expected if isinstance(expected, date) else date.fromisoformat(expected)), name
    assert all(document.issue_date for document in documents.values())


def test_every_document_has_a_title_anchors_and_nfc(parsed_corpus):
    documents, _ = parsed_corpus
    untitled = [name for name, document in documents.items() if not document.title]
    assert sorted(untitled) == [
        "Luat-Bien-gioi-Quoc-gia-2003-06-2003-QH11-51044.txt",          # no header in the file
        # the type and title lines are missing from the file
        "Luat-viec-hien-lay-ghep-mo-bo-phan-co-the-nguoi-va-hien-lay-xac-2006-75-2006-QH11-15868.txt",
    ]
    for name, document in documents.items():
        anchors = [node.anchor for node in document.walk()]
        assert all(anchors) and len(anchors) == len(set(anchors)), name


def test_corpus_report(tmp_path):
    reports = corpus_report(VLC)
    assert len(reports) == 208 and not [r for r in reports if r.error]
    clean = [r for r in reports if r.clean]
    assert len(clean) == 163
    text = format_report(reports)
    assert text.startswith("208 tệp: 163 không có cảnh báo, 45 có cảnh báo, 0 lỗi")
    assert "Luat-Kinh-doanh-bao-hiem-2022-465916.txt" in text
    # the report reads through read_file, like the importer
    assert read_file(VLC / reports[0].file).startswith("QUỐC HỘI")
