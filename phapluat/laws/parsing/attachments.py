"""A document attached after a decision's signature — "QUY CHẾ ... (Ban hành kèm theo Quyết định số ...)" with its
own Chương and Điều, or a Kế hoạch with its I./1./a) — belongs to the decision that promulgates it: its provisions
become the decision's, under one node of kind ATTACHMENT named by the attached document's type.

    QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo Quyết định này Quy chế ...   dieu-1 (the decision's own)
    Nơi nhận: ...  TM. ỦY BAN NHÂN DÂN ... Nguyễn Văn Phương
    QUY CHẾ  Phối hợp phổ biến, giáo dục pháp luật                      Quy chế: kem-theo-quy-che
    Chương I ... Điều 1. Phạm vi điều chỉnh                              kem-theo-quy-che-chuong-i,
                                                                         kem-theo-quy-che-dieu-1

The attached document is parsed on its own (its articles, or its sections: sections.py); its anchors are its own
with the attachment's in front, so that they never meet the decision's ("Điều 1" of each). The decision's effect
is read from its own articles only (ParsedDocument.articles()).
"""
from __future__ import annotations

import re

from .anchors import number_slug
from .closing import is_name
from .header import doc_type_of, strip_decoration
from .model import ATTACHMENT, ParsedDocument, ParsedNode
from .normalize import is_upper_text

# What a decision promulgates "kèm theo": a regulation, a plan, a programme ... (header.DOC_TYPES spelling).
ATTACHED_TYPES = frozenset({"QUY CHẾ", "QUY ĐỊNH", "KẾ HOẠCH", "ĐIỀU LỆ", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "ĐỀ ÁN",
                            "PHƯƠNG ÁN"})
# The recipients, the signature and the attached document's own header fit in this many lines after "Nơi nhận:".
_SEARCH_LINES = 80
_RECIPIENTS_RE = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)
_BLOCK_STARTS = ("-", "+", "•", "*", "(")
_BLOCK_WORDS_RE = re.compile(r"^(?:Lưu\b|Độc lập\b|[^,]{0,40},\s*ngày\s*\d)", re.IGNORECASE)
_APPENDIX_RE = re.compile(r"^PHỤ LỤC\b", re.IGNORECASE)
# The attached document's header repeats what the decision says; these gaps in it are no news.
_HEADER_GAPS = ("Không tìm thấy số hiệu văn bản", "Không tìm thấy ngày ban hành", "Không xác định được cơ quan",
                "Không có ngày ban hành")


def attachment_start(lines: list[str]) -> int | None:
    """Where a document attached after the signature begins: the line after the signer's name when the first line
    in capitals naming a type of document ("QUY CHẾ") follows the recipients and the signature with nothing else
    between; None otherwise (an appendix "PHỤ LỤC ..." is no attached document)."""
    recipients = next((i for i, line in enumerate(lines) if _RECIPIENTS_RE.match(line)), None)
    if recipients is None:
        return None
    after_name = None
    for index in range(recipients + 1, min(len(lines), recipients + _SEARCH_LINES)):
        line = strip_decoration(lines[index])
        if is_upper_text(line) and doc_type_of(line) in ATTACHED_TYPES:
            return after_name or index
        if is_name(line):
            after_name = index + 1
        elif line and not _in_signature_block(line):
            return None
    return None


def _in_signature_block(line: str) -> bool:
    """Recipients ("- Như Điều 3;", "Lưu: VT"), positions and the attached document's header in capitals, the motto,
    "(Đã ký)", a place and date."""
    if line.startswith(_BLOCK_STARTS) or _BLOCK_WORDS_RE.match(line):
        return True
    return is_upper_text(line) and len(line) <= 100 and not _APPENDIX_RE.match(line)


def attach(decision: ParsedDocument, attached: ParsedDocument) -> ParsedDocument:
    """The decision with the attached document's provisions under one ATTACHMENT node."""
    prefix = f"{ATTACHMENT}-{number_slug(attached.doc_type)}"
    for node in attached.walk():
        node.anchor = f"{prefix}-{node.anchor}"
    subject = attached.title[len(attached.doc_type):].strip() if attached.title.startswith(attached.doc_type) else ""
    subject = subject[:1].upper() + subject[1:]   # a heading of its own: "Quy chế. Phối hợp …"
    decision.body.append(ParsedNode(
        kind=ATTACHMENT, number=attached.doc_type, heading=subject, text="\n".join(attached.preamble),
        anchor=prefix, children=attached.body))
    decision.appendix = attached.appendix
    decision.warnings += [f"{attached.doc_type} kèm theo: {warning}" for warning in attached.warnings
                          if not warning.startswith(_HEADER_GAPS)]
    decision.warnings.append(f"{attached.doc_type} ban hành kèm theo (sau chữ ký) được tách thành các điều khoản của "
                             f"văn bản, mã neo bắt đầu bằng “{prefix}-”.")
    return decision
