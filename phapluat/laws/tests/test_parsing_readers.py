"""read_file/read_bytes: encodings, DOCX, PDF, HTML, size limits and broken files. Files are generated here."""
from __future__ import annotations

import io
import logging
import os
import unicodedata
import zipfile
from pathlib import Path

import pytest

from phapluat.laws.parsing import readers
from phapluat.laws.parsing.legacy import TCVN3, VNI, encode_legacy
from phapluat.laws.parsing.model import ParseError
from phapluat.laws.parsing.normalize import split_lines
from phapluat.laws.parsing.readers import read_bytes, read_file, read_stream
from phapluat.laws.parsing.text import parse_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXCERPT = (FIXTURES / "bo-luat-dan-su-2015-excerpt.txt").read_text(encoding="utf-8")
EXPECTED = EXCERPT.rstrip("\n")
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Word saved it: letters with hats/horns precomposed, tones as combining marks."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
            out += (base + "".join(c for c in decomposed if c in _TONES)).encode("cp1258")
    return bytes(out)


# --- plain text in every encoding -------------------------------------------------------------------

@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: t.encode("utf-8-sig"),
    lambda t: t.encode("utf-16"),                       # with BOM
    lambda t: t.encode("utf-16-le"),                    # without BOM
    lambda t: t.encode("utf-16-be"),
    lambda t: t.encode("utf-32"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    encode_cp1258,
    lambda t: encode_legacy(t, TCVN3),
    lambda t: encode_legacy(t, VNI),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf32", "crlf", "nfd", "cp1258", "tcvn3", "vni"])
def test_text_in_any_encoding_reads_to_the_same_unicode(encode):
    assert read_bytes(encode(EXCERPT), name="luat.txt") == EXPECTED


def test_read_file_dispatches_on_content_not_extension(tmp_path):
    path = tmp_path / "van-ban.pdf"          # a text file with a misleading name
    path.write_bytes(encode_legacy(EXCERPT, VNI))
    assert read_file(path) == EXPECTED
    document = parse_text(read_file(path))
    assert document.number == "91/2015/QH13" and document.title == "Bộ luật Dân sự"


# --- DOCX -------------------------------------------------------------------------------------------

def make_docx(paragraphs: list[str], *, header_table: bool = True, body_table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    if header_table:
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "QUỐC HỘI\n-------"
        table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        table.cell(1, 0).text = "Luật số: 91/2015/QH13"
        table.cell(1, 1).text = "Hà Nội, ngày 24 tháng 11 năm 2015"
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if body_table:
        table = document.add_table(rows=len(body_table), cols=len(body_table[0]))
        for r, row in enumerate(body_table):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_keeps_order_and_table_cells():
    data = make_docx(["BỘ LUẬT", "DÂN SỰ", "Điều 1. Phạm vi điều chỉnh", "Bộ luật này quy định ...",
                      "Điều 2. Biểu mức"], body_table=[["STT", "Mức"], ["1", "100.000 đồng"]])
    text = read_bytes(data, name="blds.docx")
    assert text.split("\n")[:6] == ["QUỐC HỘI", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                    "Độc lập - Tự do - Hạnh phúc", "Luật số: 91/2015/QH13",
                                    "Hà Nội, ngày 24 tháng 11 năm 2015"]
    assert text.endswith("Điều 2. Biểu mức\nSTT\nMức\n1\n100.000 đồng")
    document = parse_text(text)
    assert (document.issuer, document.number, document.title) == ("QUỐC HỘI", "91/2015/QH13", "Bộ luật Dân sự")
    assert [a.number for a in document.articles()] == ["1", "2"]
    assert "100.000 đồng" in document.articles()[1].text


def test_docx_in_tcvn3_font_is_converted():
    glyph_lines = encode_legacy(EXCERPT, TCVN3).decode("latin-1").split("\n")
    text = read_bytes(make_docx(glyph_lines, header_table=False), name="cu.docx")
    assert text == EXPECTED


def test_docx_without_articles_or_sections_is_refused_by_the_parser():
    text = read_bytes(make_docx(["THÔNG BÁO", "Lịch tiếp công dân", "Sáng thứ Hai hằng tuần."]))
    with pytest.raises(ParseError, match="Không tìm thấy điều khoản nào"):
        parse_text(text)


def test_docx_plan_keeps_its_sections():
    text = read_bytes(make_docx(["KẾ HOẠCH", "Triển khai chuyển đổi số", "I. MỤC TIÊU", "1. Mục tiêu chung",
                                 "Nâng cao hiệu quả.", "II. TỔ CHỨC THỰC HIỆN", "Sở Tư pháp chủ trì."]))
    assert [(s.anchor, s.heading) for s in parse_text(text).body] == [
        ("muc-i", "MỤC TIÊU"), ("muc-ii", "TỔ CHỨC THỰC HIỆN")]


def test_broken_docx_and_other_zip_files():
    data = make_docx(["Điều 1. Một"])
    with pytest.raises(ParseError, match="bị hỏng"):
        read_bytes(data[: len(data) // 2])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    with pytest.raises(ParseError, match="bị hỏng"):
        read_bytes(buffer.getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("anh.png", b"\x89PNG")
    with pytest.raises(ParseError, match="không phải là tài liệu Word"):
        read_bytes(buffer.getvalue())


# --- PDF --------------------------------------------------------------------------------------------

def make_text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer in Helvetica (ASCII only), written by hand."""
    commands = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"] + [f"({line}) Tj T*" for line in lines] + ["ET"]
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer_is_read():
    data = make_text_pdf(["LUAT", "THU NGHIEM", "Dieu 1. Pham vi dieu chinh",
                          "Luat nay quy dinh ve viec thu nghiem", "trong cac truong hop can thiet."])
    text = read_bytes(data, name="luat.pdf")
    assert "Dieu 1. Pham vi dieu chinh" in text
    assert "Luat nay quy dinh ve viec thu nghiem trong cac truong hop can thiet." in text  # wrapped line joined


def test_corrupt_pdf_is_refused():
    data = make_text_pdf(["Dieu 1. Pham vi dieu chinh la mot dong du dai"])
    for broken in (data[: len(data) // 2], data[:40], b"%PDF-1.7\n" + b"\x00garbage" * 20):
        with pytest.raises(ParseError, match="Tệp PDF bị hỏng hoặc không đọc được"):
            read_bytes(broken, name="hong.pdf")


def test_scanned_pdf_without_text_layer_is_refused():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ParseError, match="không có lớp chữ.*OCR"):
        read_bytes(buffer.getvalue(), name="scan.pdf")


class KeptRecords(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_pdf_that_pypdf_repairs_gives_one_warning_in_vietnamese_and_none_in_english():
    data = make_text_pdf(["LUAT", "THU NGHIEM", "Dieu 1. Pham vi dieu chinh la mot dong du dai"])
    xref = data.rindex(b"startxref")
    wrong_pointer = data[:xref] + b"startxref\n%d\n%%%%EOF\n" % (int(data[xref + 10:].split()[0]) + 3)
    console = KeptRecords()   # what the root logger's handlers (the console of `phapluat import`) receive
    logging.getLogger().addHandler(console)
    try:
        text = read_bytes(wrong_pointer, name="lech.pdf")
    finally:
        logging.getLogger().removeHandler(console)
    assert "Dieu 1. Pham vi dieu chinh" in text
    assert [(record.levelname, record.getMessage()) for record in console.records] == [
        ("WARNING", "Tệp PDF lech.pdf có lỗi cấu trúc, đã được sửa tạm khi đọc (2 chỗ); hãy kiểm tra lại nội dung "
                    "văn bản sau khi nhập.")]


def test_a_point_after_a_heading_without_colon_is_not_joined_to_it():
    assert readers.unwrap_lines("1. Đối tượng áp dụng\na) Người lao động\nđang làm việc") == (
        "1. Đối tượng áp dụng\na) Người lao động đang làm việc")


# --- the Công báo's page furniture ------------------------------------------------------------------

def test_gazette_running_heads_page_numbers_and_section_headings_are_dropped():
    pages = [
        ["CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025 3", "VĂN BẢN QUY PHẠM PHÁP LUẬT", "CHÍNH PHỦ",
         "CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Điều 1. Phạm vi điều chỉnh",
         "Nghị định này được đăng Công báo và quy định về bảo"],
        ["4", "", "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025", "", "hiểm xã hội;"],
        ["CÔNG BÁO/SỐ 851 + 852/NGÀY 01-7-2025", "5", "Điều 2. Đối tượng", "6 CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025",
         "1. Người lao động."],
    ]
    text = read_bytes("\f".join("\n".join(page) for page in pages).encode("utf-8"), name="cong-bao.txt")
    assert split_lines(text) == [
        "CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Điều 1. Phạm vi điều chỉnh",
        "Nghị định này được đăng Công báo và quy định về bảo", "hiểm xã hội;", "Điều 2. Đối tượng",
        "1. Người lao động."]


# --- Markdown ---------------------------------------------------------------------------------------

def test_markdown_is_read_without_its_marks():
    data = "# luat-thu-nghiem\n\n# LUẬT\n## THỬ NGHIỆM\n**Điều 1.** Phạm vi\nDấu # ở giữa dòng.".encode()
    assert read_bytes(data, name="luat.md").split("\n") == [
        "LUẬT", "THỬ NGHIỆM", "Điều 1. Phạm vi", "Dấu # ở giữa dòng."]
    assert read_bytes(data, name="luat.txt").startswith("# luat-thu-nghiem")   # a text file is left as it is
    assert {".md", ".markdown"} <= readers.DOCUMENT_SUFFIXES


# --- HTML -------------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tiêu đề trang</title>
<style>p { color: red }</style><script>var x = "Điều 99. Không phải điều";</script></head>
<body><div class="header"><p>QUỐC HỘI</p><p>Luật số: 91/2015/QH13</p></div>
<p>BỘ LUẬT<br>DÂN SỰ</p>
<p><b>Điều 1.</b> Phạm vi điều chỉnh</p><p>Bộ luật này quy định <i>địa vị pháp lý</i>.</p>
<table><tr><td>1. Khoản một</td></tr></table><noscript>Bật JavaScript</noscript></body></html>"""


def test_html_blocks_become_lines_and_scripts_are_dropped():
    text = read_bytes(HTML.encode("utf-8"), name="luat.html")
    assert text.split("\n") == ["QUỐC HỘI", "Luật số: 91/2015/QH13", "BỘ LUẬT", "DÂN SỰ",
                                "Điều 1. Phạm vi điều chỉnh", "Bộ luật này quy định địa vị pháp lý.",
                                "1. Khoản một"]
    document = parse_text(text)
    assert [a.number for a in document.articles()] == ["1"]
    assert document.articles()[0].children[0].text == "Khoản một"


def test_html_declared_charset_is_used():
    html = HTML.replace('charset="utf-8"', 'charset="windows-1258"')
    text = read_bytes(encode_cp1258(html), name="luat.htm")
    assert "Điều 1. Phạm vi điều chỉnh" in text


# --- sizes and unreadable input ---------------------------------------------------------------------

def test_empty_file(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match="^Tệp rỗng"):
        read_file(path)
    with pytest.raises(ParseError, match="rỗng|không có nội dung"):
        read_bytes(b"  \n\n ")


def test_too_large_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "lon.txt"
    path.write_bytes(EXCERPT.encode("utf-8"))

    def no_reading(*args, **kwargs):
        raise AssertionError("the file must not be opened")

    monkeypatch.setattr(readers, "open", no_reading, raising=False)
    with pytest.raises(ParseError, match=r"^Tệp quá lớn \(5,5 KB\), giới hạn là 2 KB"):
        read_file(path, max_bytes=2048)


def test_size_limit_on_bytes_and_streams():
    data = EXCERPT.encode("utf-8")
    with pytest.raises(ParseError, match=r"Tệp quá lớn \(\d+,\d KB\), giới hạn là 1 KB"):
        read_bytes(data, max_bytes=1024)
    with pytest.raises(ParseError, match="Tệp quá lớn"):
        read_stream(io.BytesIO(data), max_bytes=1024)
    assert read_stream(io.BytesIO(data)) == EXPECTED
    assert readers._format_size(20 * 1024 * 1024) == "20 MB"
    assert readers._format_size(26_542_080) == "25,3 MB"


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "Không nhận dạng được định dạng"),
    (bytes(range(256)) * 4, "Không nhận dạng được định dạng"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), r"\.doc\) bị hỏng"),
])
def test_unknown_binaries_are_refused(data, message):
    with pytest.raises(ParseError, match=message):
        read_bytes(data)


def _shape(document) -> tuple:
    nodes = [node for root in document.body for node in root.walk()]
    kinds = [node.kind for node in nodes]
    return (document.number, document.issue_date, document.title, kinds.count("dieu"), kinds.count("khoan"),
            kinds.count("diem"), [node.anchor for node in nodes])


needs_catdoc = pytest.mark.skipif(readers.shutil.which("catdoc") is None and not os.environ.get("CI"),
                                  reason="catdoc chưa cài (apt-get install catdoc, hoặc chạy `make test`)")


@needs_catdoc
@pytest.mark.parametrize("stem", ["198-2025-QH15_nghi-quyet-phat-trien-kinh-te-tu-nhan",
                                  "09-2026-QH16_luat-sua-doi-cac-luat-thue"])
def test_word_97_file_reads_as_its_docx_original(stem, shared_dir):
    from_doc = parse_text(read_file(FIXTURES / f"{stem}.doc"))
    from_docx = parse_text(read_file(shared_dir / "data/laws/current" / f"{stem}.docx"))
    assert _shape(from_doc) == _shape(from_docx)
    assert from_doc.number and from_doc.issue_date


@needs_catdoc
def test_a_spreadsheet_or_broken_ole_file_is_refused_as_not_word():
    with pytest.raises(ParseError, match=r"\.doc\) bị hỏng hoặc không phải văn bản Word"):
        read_bytes((FIXTURES / "09-2026-QH16_luat-sua-doi-cac-luat-thue.doc").read_bytes()[:4096])


def test_without_catdoc_a_word_97_file_is_refused_with_what_to_do(monkeypatch):
    monkeypatch.setattr(readers.shutil, "which", lambda name: None)
    with pytest.raises(ParseError, match="apt-get install catdoc"):
        read_file(FIXTURES / "09-2026-QH16_luat-sua-doi-cac-luat-thue.doc")


def _pdf_with_contents(drawing: bytes) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    contents = StreamObject()
    contents._data = drawing
    page[NameObject("/Contents")] = writer._add_object(contents)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_whose_letters_are_drawn_as_outlines_is_refused_as_needing_ocr():
    # Glyph outlines as a publishing tool converts them: curves and fills, no text operator, no image.
    glyph = b"100 700 m 104 712 l 110 712 l 114 700 l 111 700 l 108 709 l 106 709 l 103 700 l h f\n"
    with pytest.raises(ParseError, match="được vẽ thành đường nét.*OCR"):
        read_bytes(_pdf_with_contents(glyph * 200), name="ve-net.pdf")


def test_a_scanned_pdf_is_refused_as_a_scan_needing_ocr():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (200, 280), color=255).save(buffer, "PDF")
    with pytest.raises(ParseError, match="bản quét: các trang là ảnh.*OCR"):
        read_bytes(buffer.getvalue(), name="ban-quet.pdf")
