"""parse_text: the plain text of a Vietnamese legal document -> ParsedDocument.

The text is cut in three: the header (up to the first Phần/Chương/Mục/Điều), the provisions, and the
closing (adoption sentence, signature, appendix). Each part has its own module. A document attached after the
signature (a regulation promulgated by the decision) is parsed on its own and joins it (attachments.py).
"""
from __future__ import annotations

from datetime import date

from . import consolidated
from .amending import unquoted_amendments
from .anchors import assign_anchors
from .attachments import attach, attachment_start
from .closing import adopted_on, split_closing
from .header import parse_header
from .legacy import convert_legacy
from .lines import LineMatch, classify_line, opens_structure
from .model import ARTICLE, ParsedDocument, ParseError, ParsedNode
from .normalize import normalize_text, split_lines
from .numbering import chapters_restart_in_parts, check_container_numbering, drop_table_of_contents
from .provisions import ProvisionBuilder
from .quotes import quoted_lines
from .sections import parse_section_tree

NO_ARTICLES = "Không tìm thấy điều khoản nào trong văn bản."


def parse_text(text: str) -> ParsedDocument:
    """Parse a whole document. Raises ParseError for empty text, or text with neither articles nor numbered
    sections (a document without articles keeps its own sections: sections.py)."""
    if not text or not text.strip():
        raise ParseError("Văn bản rỗng.")
    text, _ = convert_legacy(text)
    lines = split_lines(normalize_text(text))
    consolidated_text = consolidated.read_consolidated(lines)
    if consolidated_text is not None:   # a văn bản hợp nhất has no attached document of its own
        return _parse_lines(consolidated_text.lines, consolidated_text)
    start = attachment_start(lines)
    if start is not None:
        with_attachment = _with_attachment(lines[:start], lines[start:])
        if with_attachment is not None:
            return with_attachment
    return _parse_lines(lines)


def _with_attachment(decision: list[str], attached: list[str]) -> ParsedDocument | None:
    """A regulation or plan attached after the signature is part of the decision (attachments.py); when either
    part does not parse alone, the whole text is parsed as one, as before."""
    try:
        return attach(_parse_lines(decision), _parse_lines(attached))
    except ParseError:
        return None


def _parse_lines(lines: list[str], consolidated_text=None) -> ParsedDocument:
    matches = [classify_line(line) for line in lines]
    quoted, quote_warnings = quoted_lines(lines)
    quoted = unquoted_amendments(lines, quoted, matches)
    body_start = _body_start(matches, quoted)
    if body_start is None:
        return _section_tree_or_refuse(lines, matches, quoted, quote_warnings)

    header = parse_header(lines[:body_start])
    closing = split_closing(lines, quoted, matches, body_start)
    warnings = header.warnings + quote_warnings
    body_range = slice(body_start, closing.body_end)
    body = _provisions(lines[body_range], quoted[body_range], matches[body_range], warnings)
    if not any(node.kind == ARTICLE for root in body for node in root.walk()):
        return _section_tree_or_refuse(lines, matches, quoted, quote_warnings)

    document = ParsedDocument(
        issuer=header.issuer, number=header.number, doc_type=header.doc_type, title=header.title,
        place=header.place, issue_date=header.issue_date, preamble=header.preamble,
        cited_numbers=header.cited_numbers, body=body, signature=closing.signature, signer=closing.signer,
        adoption_statement=closing.adoption_statement, appendix=closing.appendix, warnings=warnings,
        blank_number=header.blank_number, blank_date_year=header.blank_date_year,
    )
    if consolidated_text is not None:
        consolidated.complete(document, consolidated_text, body_start, closing.body_end)
    _fall_back_to_adoption_date(document, closing.adopted_on or adopted_on(" ".join(header.preamble)))
    _warn_about_articles_in_appendix(document, matches[closing.body_end:])
    return document


def _section_tree_or_refuse(lines: list[str], matches: list[LineMatch | None], quoted: list[bool],
                            warnings: list[str]) -> ParsedDocument:
    """No article: a plan or a decision with a short list keeps its numbered sections (sections.py)."""
    document = parse_section_tree(lines, matches, quoted, list(warnings))
    if document is None:
        raise ParseError(NO_ARTICLES)
    _fall_back_to_adoption_date(document, adopted_on(document.adoption_statement))
    return document


def _body_start(matches: list[LineMatch | None], quoted: list[bool]) -> int | None:
    """The first heading of a Phần, Chương, Mục or Điều (a loose "Điều 1 Heading" counts too)."""
    for index, match in enumerate(matches):
        if quoted[index] or match is None:
            continue
        if opens_structure(match) or (match.kind == ARTICLE and match.number == "1"):
            return index
    return None


def _provisions(lines: list[str], quoted: list[bool], matches: list[LineMatch | None],
                warnings: list[str]) -> list[ParsedNode]:
    builder = ProvisionBuilder(warnings)
    for line, is_quoted, match in zip(lines, quoted, matches):
        builder.feed_classified(line, is_quoted, match)
    body = drop_table_of_contents(builder.finish(), warnings)
    check_container_numbering(body, warnings)
    assign_anchors(body, warnings, chapters_in_parts=chapters_restart_in_parts(body))
    return body


def _fall_back_to_adoption_date(document: ParsedDocument, adoption_date: date | None) -> None:
    """Laws without a "Hà Nội, ngày ..." line still say when they were passed; use that, with a warning."""
    if document.issue_date is not None or document.blank_date_year:
        return   # a blank date is warned about by the header: it is the signature's, never the adoption's
    if adoption_date is not None:
        document.issue_date = adoption_date
        document.warnings.append(
            f"Không có ngày ban hành ở phần đầu; dùng ngày thông qua {adoption_date:%d/%m/%Y}.")
    else:
        document.warnings.append("Không tìm thấy ngày ban hành.")


def _warn_about_articles_in_appendix(document: ParsedDocument, matches: list[LineMatch | None]) -> None:
    """A regulation attached after the signature ("QUY CHẾ ... Điều 1. ...") stays plain appendix text."""
    if not document.appendix:
        return
    count = sum(1 for match in matches if match is not None and match.kind == ARTICLE
                and match.title and not match.loose)
    if count:
        document.warnings.append(
            f"Phần sau chữ ký (phụ lục hoặc văn bản kèm theo) có {count} điều; các điều này được giữ "
            "nguyên dạng văn bản, không tách thành điều khoản.")
