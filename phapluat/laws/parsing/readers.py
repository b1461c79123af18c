"""Files -> Unicode text: plain text in any common Vietnamese encoding, Markdown, DOCX, Word 97–2003 (.doc),
PDF and HTML.

The format is told by the content (PDF header, ZIP with word/document.xml, HTML tags), not by the file
name, so that a .txt that is really a PDF, or a download without extension, still reads correctly; the
name only tells Markdown from plain text. Every result goes through legacy-font conversion (TCVN3/VNI),
Unicode normalisation and the removal of the Công báo's page furniture (gazette.py).
"""
from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

from .gazette import drop_gazette_furniture
from .legacy import convert_legacy
from .model import ParseError
from .normalize import join_wrapped_lines, normalize_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# The file names an import picks up in a folder or an archive.
DOCUMENT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".docx", ".doc", ".pdf", ".html", ".htm"})
MARKDOWN_SUFFIXES = (".md", ".markdown")

logger = logging.getLogger(__name__)

PDF_CORRUPT = "Tệp PDF bị hỏng hoặc không đọc được."
PDF_NO_TEXT = ("Tệp PDF không có lớp chữ (có thể là bản quét thành ảnh); cần nhận dạng ký tự (OCR) "
               "trước khi nhập.")
PDF_SCANNED = ("Tệp PDF là bản quét: các trang là ảnh, không có lớp chữ. Cần nhận dạng ký tự (OCR) rồi nhập bản "
               "có lớp chữ, hoặc nhập bản .docx/.pdf gốc do cơ quan ban hành phát hành.")
PDF_OUTLINES = ("Tệp PDF không có lớp chữ: chữ trên các trang được vẽ thành đường nét (không phải ký tự, cũng "
                "không phải ảnh), thường do phần mềm xuất bản “chuyển chữ thành hình”. Cần nhận dạng ký tự (OCR) "
                "trên bản in ra ảnh, hoặc xin bản .docx/.pdf gốc có lớp chữ.")
PDF_ENCRYPTED = "Tệp PDF được đặt mật khẩu nên không đọc được nội dung."
DOCX_CORRUPT = "Tệp Word (.docx) bị hỏng hoặc không đọc được."
DOC_CORRUPT = ("Tệp Word 97–2003 (.doc) bị hỏng hoặc không phải văn bản Word (có thể là bảng tính Excel): "
               "hãy mở bằng Word hoặc LibreOffice, lưu thành .docx rồi nhập lại.")
DOC_NO_READER = ("Máy chủ chưa cài chương trình đọc tệp Word 97–2003 (catdoc): quản trị viên cần chạy "
                 "“apt-get install catdoc”, hoặc hãy lưu tệp thành .docx rồi nhập lại.")
ZIP_NOT_DOCX = "Tệp nén ZIP không phải là tài liệu Word (.docx)."
UNKNOWN_FORMAT = ("Không nhận dạng được định dạng tệp (chỉ hỗ trợ văn bản .txt, Markdown .md, Word .docx, PDF "
                  "và HTML).")
EMPTY_FILE = "Tệp rỗng."
NO_TEXT = "Tệp không có nội dung chữ."

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"       # Word 97–2003, Excel 97–2003...
_BINARY_MAGICS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"MZ", b"\x7fELF")
_HTML_TAGS = r"<(?:!doctype\s+html|html|head|body|meta|div|p|table|br)\b"
_HTML_RE = re.compile(_HTML_TAGS.encode(), re.IGNORECASE)
_HTML_TEXT_RE = re.compile(_HTML_TAGS, re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
# Controls other than tab, line feed, form feed and carriage return do not occur in text files.
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x0B}


def read_file(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of the document at `path`. Raises ParseError for empty, too large or unreadable files."""
    size = Path(path).stat().st_size
    check_size(size, max_bytes)
    with open(path, "rb") as handle:
        return read_bytes(handle.read(), name=Path(path).name, max_bytes=max_bytes)


def read_stream(stream: BinaryIO, *, name: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Like read_file for an open binary stream (an upload): reads at most max_bytes + 1 bytes."""
    data = stream.read(max_bytes + 1)
    return read_bytes(data, name=name, max_bytes=max_bytes)


def read_bytes(data: bytes, *, name: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a document given as bytes: NFC, "\n" line breaks, stripped. The format is told by the
    content; `name` (the file name) only helps with HTML fragments that have none of the usual tags, tells
    Markdown from plain text and names the file in warnings."""
    check_size(len(data), max_bytes)
    text = prepare_text(_extract(data, name))
    if not text:
        raise ParseError(NO_TEXT)
    return text


def prepare_text(text: str) -> str:
    """Extracted text -> the text the parser reads: legacy fonts converted, normalised, without the
    gazette's running heads, stripped. Also for text that comes without a file (a crawler's record)."""
    text, _ = convert_legacy(text)
    return drop_gazette_furniture(normalize_text(text)).strip()


def check_size(size: int, max_bytes: int) -> None:
    if size == 0:
        raise ParseError(EMPTY_FILE)
    if size > max_bytes:
        raise ParseError(f"Tệp quá lớn ({_format_size(size)}), giới hạn là {_format_size(max_bytes)}.")


def _format_size(size: int) -> str:
    """20971520 -> '20 MB', 26542080 -> '25,3 MB', 2048 -> '2 KB'."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            value = f"{size / factor:.1f}".rstrip("0").rstrip(".")
            return f"{value.replace('.', ',')} {unit}"
    return f"{size} byte"


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def _extract(data: bytes, name: str) -> str:
    if is_pdf(data):
        return pdf_text(data, name)
    if data.startswith(b"PK\x03\x04"):
        return docx_text(data)
    if data.startswith(_OLE2_MAGIC):
        return doc_text(data)
    if data.startswith(_BINARY_MAGICS):
        raise ParseError(UNKNOWN_FORMAT)
    if _HTML_RE.search(data[:4096]):
        return html_text(_decode_html(data))
    text = decode_text(data)
    if _HTML_TEXT_RE.search(text[:4096]) or (name.lower().endswith((".html", ".htm")) and "<" in text):
        return html_text(text)   # e.g. HTML saved as UTF-16, or a fragment without the usual tags
    if name.lower().endswith(MARKDOWN_SUFFIXES):
        return markdown_text(text)
    return text


# --- plain text -----------------------------------------------------------------------------------

def decode_text(data: bytes) -> str:
    """Bytes of a text file -> str: UTF-8 (with or without BOM), UTF-16/32 with BOM or without, cp1258,
    TCVN3, VNI. Raises ParseError for binary content."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                          (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _decode_or_fail(data, encoding)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_or_fail(data, utf16)
    if _looks_binary(data):
        raise ParseError(UNKNOWN_FORMAT)
    text, _ = convert_legacy(data)
    return text


def _decode_or_fail(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ParseError(UNKNOWN_FORMAT) from error


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte of a (Vietnamese or ASCII) text is mostly zero."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return sum(byte in _CONTROL_BYTES for byte in sample) > 0.01 * len(sample)


# --- Markdown -------------------------------------------------------------------------------------

_HEADING_MARK_RE = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
# A heading that is only a file's slug ("# luat-kinh-doanh-bds"), added by a conversion script: no
# heading of a Vietnamese document is written in lower-case ASCII without spaces.
_SLUG_HEADING_RE = re.compile(r"^#{1,6}[ \t]+[a-z0-9_.-]+[ \t]*$", re.MULTILINE)


def markdown_text(text: str) -> str:
    """Markdown -> plain text: heading marks and bold marks dropped, slug headings dropped."""
    text = _SLUG_HEADING_RE.sub("", text)
    return _HEADING_MARK_RE.sub("", text).replace("**", "")


# --- DOCX -----------------------------------------------------------------------------------------

def docx_text(data: bytes) -> str:
    """Paragraphs and table cells of a .docx, in document order, one paragraph per line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ParseError(ZIP_NOT_DOCX)
    except zipfile.BadZipFile as error:
        raise ParseError(DOCX_CORRUPT) from error
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
        return "\n".join(_block_lines(document))
    except ParseError:
        raise
    except Exception as error:  # python-docx raises many kinds (KeyError, XMLSyntaxError, ValueError...)
        raise ParseError(DOCX_CORRUPT) from error


def _block_lines(container) -> list[str]:
    """Lines of the paragraphs and tables directly in `container` (a document body or a table cell)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return lines


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated for each grid column it spans
                continue
            seen.add(id(cell._tc))
            lines.extend(_block_lines(cell))
    return lines


# --- Word 97–2003 (.doc) ---------------------------------------------------------------------------

# catdoc reads .doc as the DOCX reader reads .docx (measured on the current laws saved as .doc by LibreOffice:
# the same articles, clauses, points, number and date; antiword lost the number in the header table). It
# separates table cells by a tab; a tab after "Điều 5." or "1." is the author's spacing, not a cell border.
_DOC_TIMEOUT_SECONDS = 60
_LABEL_TAB_RE = re.compile(r"^(\s*(?:Điều\s+\d+\w*\.?|\d+\.|[a-zđ]\)|Chương\s+[IVXLC\d]+|Mục\s+\d+))\t+",
                           re.MULTILINE | re.IGNORECASE)


def doc_text(data: bytes) -> str:
    """The paragraphs and table cells of a Word 97–2003 file, one per line (via Debian's catdoc)."""
    catdoc = shutil.which("catdoc")
    if catdoc is None:
        raise ParseError(DOC_NO_READER)
    with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
        handle.write(data)
        handle.flush()
        try:
            result = subprocess.run([catdoc, "-d", "utf-8", "-w", handle.name], capture_output=True,
                                    timeout=_DOC_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as error:
            raise ParseError(DOC_CORRUPT) from error
    text = result.stdout.decode("utf-8", errors="replace")
    if result.returncode != 0 or not text.strip():
        raise ParseError(DOC_CORRUPT)
    return _LABEL_TAB_RE.sub(r"\1 ", text).replace("\t", "\n")


# --- PDF ------------------------------------------------------------------------------------------

# Minimum letters per page below which a PDF is taken to be a scan without a text layer.
_MIN_LETTERS_PER_PAGE = 20


def pdf_text(data: bytes, name: str = "") -> str:
    """The text layer of a PDF, page after page, without the gazette's running heads, with lines wrapped
    by the layout joined again. pypdf's own (English) log messages are kept out of the output; when it
    had to repair the file, one Vietnamese warning is logged instead."""
    from pypdf import PdfReader

    with _pypdf_log() as pypdf_records:
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ParseError(PDF_ENCRYPTED)
            pages = [_page_text(page) for page in reader.pages]
            letters = sum(ch.isalpha() for page in pages for ch in page)
            if pages and letters < _MIN_LETTERS_PER_PAGE * len(pages):
                raise ParseError(_why_no_text(reader.pages))
        except ParseError:
            raise
        except Exception as error:  # pypdf on a damaged file raises PdfReadError but also zlib, struct, KeyError...
            raise ParseError(PDF_CORRUPT) from error
    if not pages:
        raise ParseError(PDF_CORRUPT)
    _warn_about_repairs(name, pypdf_records)
    # Running heads go page by page, before unwrapping would glue a head to the line after it.
    return unwrap_lines("\n".join(drop_gazette_furniture(page) for page in pages))


def _why_no_text(pages) -> str:
    """Scanned pages carry images; pages that draw their glyphs as vector outlines carry neither."""
    try:
        has_images = any(_page_has_image(page) for page in pages)
    except Exception:  # an unreadable resource dictionary: say what is sure
        return PDF_NO_TEXT
    if has_images:
        return PDF_SCANNED
    drawn = any((contents := page.get_contents()) is not None and contents.get_data().strip() for page in pages)
    return PDF_OUTLINES if drawn else PDF_NO_TEXT


def _page_has_image(page) -> bool:
    xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
    return any(xobject.get_object().get("/Subtype") in ("/Image", "/Form") for xobject in xobjects.values())


def _page_text(page) -> str:
    """The text of one page as laid out. pypdf's plain mode breaks lines inside words ("Đi\nều") where a
    PDF draws accented letters separately, as the Công báo's files do; the layout mode places every
    piece by its position. Rotated text is kept rather than silently lost."""
    try:
        return page.extract_text(extraction_mode="layout", layout_mode_strip_rotated=False) or ""
    except Exception:  # the layout mode fails on some odd fonts where the plain mode still reads
        return page.extract_text() or ""


_pypdf_records: ContextVar[list[logging.LogRecord] | None] = ContextVar("pypdf_records", default=None)


class _KeepPypdfRecords(logging.Handler):
    """Installed on pypdf's logger (which then stops propagating): collects the records of the read in
    progress, in this thread or task, instead of printing them."""

    def emit(self, record: logging.LogRecord) -> None:
        records = _pypdf_records.get()
        if records is not None:
            records.append(record)


@contextmanager
def _pypdf_log():
    pypdf_logger = logging.getLogger("pypdf")
    if not any(isinstance(handler, _KeepPypdfRecords) for handler in pypdf_logger.handlers):
        pypdf_logger.addHandler(_KeepPypdfRecords())
        pypdf_logger.propagate = False
    records: list[logging.LogRecord] = []
    token = _pypdf_records.set(records)
    try:
        yield records
    finally:
        _pypdf_records.reset(token)


def _warn_about_repairs(name: str, records: list[logging.LogRecord]) -> None:
    repairs = sum(record.levelno >= logging.WARNING for record in records)
    if repairs:
        logger.warning("Tệp PDF %s có lỗi cấu trúc, đã được sửa tạm khi đọc (%d chỗ); hãy kiểm tra lại nội dung "
                       "văn bản sau khi nhập.", name or "(không tên)", repairs)


def unwrap_lines(text: str) -> str:
    """Join a line to the previous one when the page layout broke a sentence (see continues_sentence)."""
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(join_wrapped_lines([line for line in lines if line]))


# --- HTML -----------------------------------------------------------------------------------------

_BLOCK_TAGS = ("address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
               "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
               "pre", "section", "table", "tr", "td", "th", "ul", "caption", "center", "title")
_DROPPED_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")


def html_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line, scripts and styles dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(_BLOCK_TAGS):
        block.insert_before("\n")
        block.insert_after("\n")
    return "\n".join(line.strip() for line in soup.get_text().split("\n") if line.strip())


def _decode_html(data: bytes) -> str:
    """HTML bytes -> str, trusting the <meta charset> when it decodes cleanly."""
    match = _META_CHARSET_RE.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii", "ignore"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)
