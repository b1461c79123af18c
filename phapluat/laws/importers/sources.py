"""Adapters from what the user points at (files, folders, archives, JSON corpora and crawler records) to
import items."""
from __future__ import annotations

import json
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from ..parsing.model import ParseError
from ..parsing.readers import DOCUMENT_SUFFIXES
from ..services.documents import DocumentData
from .census import census_enrichment
from .items import Enrichment, ImportItem, Skipped

ARCHIVE_SUFFIXES = (".tar.xz", ".tar.gz", ".tgz", ".tar", ".zip")
JSON_SUFFIXES = (".json", ".json.xz")


def _file_item(path: Path) -> ImportItem:
    def load() -> DocumentData:
        from ..parsing.readers import check_size

        check_size(path.stat().st_size, settings.PHAPLUAT_MAX_IMPORT_BYTES)   # before reading a huge file
        return DocumentData.from_file(path.read_bytes(), name=path.name, source_key=f"file:{path.name}")

    return ImportItem(source_key=f"file:{path.name}", label=path.name, load=load)


def _bytes_item(name: str, payload: bytes) -> ImportItem:
    def load() -> DocumentData:
        return DocumentData.from_file(payload, name=name, source_key=f"file:{name}")

    return ImportItem(source_key=f"file:{name}", label=name, load=load)


def _archive_items(path: Path) -> Iterator[ImportItem]:
    if path.name.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                name = Path(info.filename).name
                if not info.is_dir() and Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                    yield _bytes_item(name, archive.read(info))
                elif not info.is_dir() and name.endswith(JSON_SUFFIXES):
                    yield from _json_items(Path(name), archive.read(info))
        return
    with tarfile.open(path) as archive:
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            name = Path(member.name).name
            if member.isfile() and Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                yield _bytes_item(name, archive.extractfile(member).read())
            elif member.isfile() and name.endswith(JSON_SUFFIXES):  # e.g. a crawler's record of one law
                yield from _json_items(Path(name), archive.extractfile(member).read())


def _alqac_items(corpus: list[dict], origin: str) -> Iterator[ImportItem]:
    from ..parsing.articles import parse_article_body

    for law in corpus:
        law_id = str(law["id"])

        def load(law=law, law_id=law_id) -> DocumentData:
            nodes = [parse_article_body(str(a["id"]), a.get("text", "")) for a in law.get("articles", [])]
            if not nodes:
                raise ParseError(f"Văn bản “{law_id}” trong {origin} không có điều nào.")
            body = "\n".join(f"Điều {a['id']}. {a.get('text', '')}" for a in law["articles"])
            return DocumentData(source_key=f"alqac:{law_id}", title=law_id, body_text=body, nodes=nodes,
                                doc_type=_type_from_title(law_id), status_note="Nguồn: bộ dữ liệu ALQAC.")

        yield ImportItem(source_key=f"alqac:{law_id}", label=law_id, load=load)


def _type_from_title(title: str) -> str:
    from ..models import DocumentType

    lowered = title.lower()
    for choice in sorted(DocumentType, key=lambda c: -len(c.label)):
        if lowered.startswith(choice.label.lower()):
            return choice
    return DocumentType.OTHER


def _load_json(name: str, payload: bytes):
    import lzma

    try:
        raw = lzma.decompress(payload) if name.endswith(".xz") else payload
        return json.loads(raw.decode("utf-8"))
    except (lzma.LZMAError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ParseError(f"Tệp JSON {name} không hợp lệ: {error}") from error


def _is_text_record(record) -> bool:
    """A crawler's record of one document: metadata ("so_hieu", "nguon_url", ...) and its whole text."""
    return isinstance(record, dict) and isinstance(record.get("full_text"), str)


def _record_items(records: list[dict], path: Path) -> Iterator[ImportItem]:
    """One document per record, read from its full_text as a text file would be; only the text is used."""
    for position, record in enumerate(records, start=1):
        key = f"file:{path.name}" if len(records) == 1 else f"file:{path.name}#{position}"
        label = path.name if len(records) == 1 else f"{path.name} ({record.get('so_hieu') or position})"

        def load(record=record, key=key) -> DocumentData:
            from ..parsing.readers import NO_TEXT, prepare_text

            text = prepare_text(record["full_text"])
            if not text:
                raise ParseError(NO_TEXT)
            return DocumentData.from_text(text, source_key=key)

        yield ImportItem(source_key=key, label=label, load=load)


def _json_items(path: Path, payload: bytes | None = None) -> Iterator[ImportItem | Enrichment]:
    """What a JSON file holds; `payload` is its bytes when it comes from an archive."""
    payload = _load_json(path.name, path.read_bytes() if payload is None else payload)
    if isinstance(payload, dict) and isinstance(payload.get("laws"), list):
        yield census_enrichment(payload["laws"], label=path.name, generated_at=payload.get("generated_at"))
    elif _is_text_record(payload):
        yield from _record_items([payload], path)
    elif isinstance(payload, list) and payload and all(map(_is_text_record, payload)):
        yield from _record_items(payload, path)
    elif isinstance(payload, list) and payload and all(
        isinstance(x, dict) and "articles" in x and "id" in x for x in payload
    ):
        yield from _alqac_items(payload, path.name)
    else:
        raise ParseError(
            f"Không nhận ra định dạng của {path.name}: cần danh sách văn bản dạng "
            '[{"id": ..., "articles": [{"id": ..., "text": ...}]}], danh mục {"laws": [...]} '
            'hoặc bản ghi văn bản có trường "full_text" (một bản ghi hoặc danh sách bản ghi).'
        )


def _child_items(child: Path) -> Iterator[ImportItem | Enrichment]:
    """The items of one file in a folder. A file that cannot be opened (an unknown JSON) becomes an item
    that fails with its reason, so that the rest of the folder is still imported."""
    try:
        items = list(items_for(child))
    except ParseError as error:
        yield ImportItem(source_key=f"file:{child.name}", label=child.name, load=_fail_with(error))
        return
    yield from items


def _fail_with(error: ParseError):
    def load() -> DocumentData:
        raise error

    return load


# Documents in formats the importer cannot read yet, and what the person can do about it.
UNREADABLE_FORMATS = {
    ".rtf": "Tệp RTF chưa đọc được: hãy lưu thành .docx rồi nhập lại.",
    ".odt": "Tệp OpenDocument (.odt) chưa đọc được: hãy lưu thành .docx rồi nhập lại.",
    ".jpg": "Ảnh chụp văn bản chưa đọc được (cần nhận dạng chữ – OCR): hãy nhập bản .docx hoặc PDF có lớp chữ.",
    ".jpeg": "Ảnh chụp văn bản chưa đọc được (cần nhận dạng chữ – OCR): hãy nhập bản .docx hoặc PDF có lớp chữ.",
    ".png": "Ảnh chụp văn bản chưa đọc được (cần nhận dạng chữ – OCR): hãy nhập bản .docx hoặc PDF có lớp chữ.",
    ".tif": "Ảnh quét văn bản chưa đọc được (cần nhận dạng chữ – OCR): hãy nhập bản .docx hoặc PDF có lớp chữ.",
    ".tiff": "Ảnh quét văn bản chưa đọc được (cần nhận dạng chữ – OCR): hãy nhập bản .docx hoặc PDF có lớp chữ.",
}


def _other_file(child: Path) -> ImportItem | Skipped:
    """A file of a folder that is not importable: refused with advice when it is a document in a format not
    read yet (.doc …), otherwise listed as skipped. Nothing in a folder is passed over without a word."""
    advice = UNREADABLE_FORMATS.get(child.suffix.lower())
    if advice:
        return ImportItem(source_key=f"file:{child.name}", label=child.name, load=_fail_with(ParseError(advice)))
    return Skipped(child.name, "không phải tệp văn bản (DOCX, DOC, PDF, TXT, HTML, Markdown, JSON hoặc tệp nén).")


def _importable(child: Path) -> bool:
    name = child.name.lower()
    return child.suffix.lower() in DOCUMENT_SUFFIXES or name.endswith(JSON_SUFFIXES) or name.endswith(ARCHIVE_SUFFIXES)


def items_for(path: Path) -> Iterator[ImportItem | Enrichment | Skipped]:
    """Everything importable at `path`. Raises ParseError for a path that holds nothing importable."""
    if not path.exists():
        raise ParseError(f"Không tìm thấy {path}.")
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file():
                if _importable(child):
                    yield from _child_items(child)
                else:
                    yield _other_file(child)
        return
    name = path.name.lower()
    if name.endswith(ARCHIVE_SUFFIXES):
        yield from _archive_items(path)
    elif name.endswith(JSON_SUFFIXES):
        yield from _json_items(path)
    else:
        yield _file_item(path)
