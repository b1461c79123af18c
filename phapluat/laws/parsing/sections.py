"""Documents without articles — plans (Kế hoạch), reports, decisions whose body is a short list — stored with
their own tree of numbered sections instead of being refused.

    KẾ HOẠCH ...
    I. MỤC TIÊU                  Mục I      muc-i
    1. Mục tiêu tổng quát        Khoản 1    muc-i-khoan-1          heading "Mục tiêu tổng quát"
    a) Giai đoạn 1 (...)         Điểm a     muc-i-khoan-1-diem-a

Roman-numbered parts are sections (Mục), arabic-numbered ones clauses (khoản), lettered ones points (điểm):
the words administrative documents use for their own parts ("khoản 1 Mục II Kế hoạch này"). The kinds and
anchors are those of laws, so a citation reads "Điểm a Khoản 1 Mục II" as a law's reads "Điểm a Khoản 2
Điều 5". "Phần" and "Chương" headings, when there are any, stay above the sections.

text.py comes here only when it finds no article: a document with articles never does.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .anchors import assign_anchors
from .closing import split_closing
from .header import Header, parse_header
from .lines import LineMatch
from .model import CHAPTER, CLAUSE, KIND_ORDER, PART, POINT, SECTION, ParsedDocument, ParsedNode
from .normalize import is_upper_text
from .numbering import article_key, check_container_numbering, container_value, next_point_letter

SECTION_TREE_NOTE = "Văn bản không có điều; nội dung được tách theo mục (I, II…), khoản (1, 2…) và điểm (a, b…)."
MISSING_ISSUER = "Không xác định được cơ quan ban hành."

# "I. MỤC TIÊU", "II- NHIỆM VỤ", "IV." (heading on the next line). A separator is needed: not "I" in a sentence.
_ROMAN_RE = re.compile(r"^(?P<number>[IVXL]{1,7})\s*[.:)\-–—]\s*(?P<title>.*)$")
_CONTAINERS = (PART, CHAPTER)
_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
# A paragraph that does not end a sentence goes on on the next line, unless that line opens an item of a list.
_SENTENCE_END = (".", ";", ":", "!", "?", "…")
_LIST_MARKERS = ("-", "+", "•", "–", "*", "o ")
_MAX_HEADING_LENGTH = 200
# Words that never end a heading or a paragraph: the sentence goes on after them, even with a capital
# ("... dữ liệu của" / "Tòa án với ...").
_DANGLING_WORDS = frozenset(
    "của và với cho các những về tại trong theo để từ đến là được có thuộc giữa hoặc như".split())
# A line shorter than this share of a full line ends its paragraph.
_SHORT_LINE = 0.6
# "Ủy ban nhân dân thành phố Huế ban hành Kế hoạch", "Ủy ban nhân dân (UBND) tỉnh Lâm Đồng ban hành ...".
_ENACTING_ISSUER_RE = re.compile(
    r"(?:Ủy|Uỷ|ỦY|UỶ) ban nhân dân\s+(?:\([^)]*\)\s+)?(?P<level>tỉnh|thành phố|huyện|quận|thị xã|xã|phường"
    r"|thị trấn|đặc khu)(?P<name>(?:\s+[^\s,;.()]+){1,4}?)\s+ban hành\b")


def parse_section_tree(lines: list[str], matches: list[LineMatch | None], quoted: list[bool],
                       warnings: list[str]) -> ParsedDocument | None:
    """The document as a tree of sections, or None when it has no document type or no numbered sections."""
    start = _first_numbered_line(lines, matches, quoted)
    if start is None:
        return None
    header = parse_header(lines[:start])
    if not header.doc_type:
        return None   # numbered lines alone (notes, a README) are not a document
    end = _recipients_line(lines, quoted, start)
    first_pass = _build(lines[start:end], matches[start:end], quoted[start:end])
    closing = split_closing(lines, quoted, matches, start + first_pass.last_opener)
    builder = _build(lines[start:closing.body_end], matches[start:closing.body_end], quoted[start:closing.body_end])
    body = builder.finish()
    if not _has_sections(body):
        return None
    all_warnings = header.warnings + warnings
    _fill_issuer_from_enacting_sentence(header, all_warnings)
    check_container_numbering(body, all_warnings)
    assign_anchors(body, all_warnings)
    all_warnings.append(SECTION_TREE_NOTE)
    return ParsedDocument(
        issuer=header.issuer, number=header.number, doc_type=header.doc_type, title=header.title,
        place=header.place, issue_date=header.issue_date, preamble=header.preamble,
        cited_numbers=header.cited_numbers, body=body, signature=closing.signature, signer=closing.signer,
        adoption_statement=closing.adoption_statement, appendix=closing.appendix, warnings=all_warnings,
    )


def roman_heading(line: str) -> LineMatch | None:
    """'III. NHIỆM VỤ, GIẢI PHÁP' -> a section III with its title; other lines -> None."""
    match = _ROMAN_RE.match(line)
    if not match or container_value(match.group("number")) is None:
        return None
    title = match.group("title").strip()
    if title and not (title[0].isupper() or title[0].isdigit() or title[0] in "“\""):
        return None
    return LineMatch(SECTION, match.group("number"), title)


def _opening_match(line: str, match: LineMatch | None) -> LineMatch | None:
    """What the line could open in a section tree: a part or chapter, a section (roman or "Mục"), a clause, a point."""
    if match is None:
        return roman_heading(line) if line[:1] in "IVXL" else None
    # Points, "a)" or "a.", are trusted as the next letter only (the builder checks); "1 Cá nhân" never.
    if match.kind in (*_CONTAINERS, SECTION, POINT) or (match.kind == CLAUSE and not match.loose):
        return match
    return None


def _first_numbered_line(lines: list[str], matches: list[LineMatch | None], quoted: list[bool]) -> int | None:
    """The first part, chapter or section heading, or the first clause "1.": where the body begins."""
    for index, line in enumerate(lines):
        if quoted[index]:
            continue
        match = _opening_match(line, matches[index])
        if match is None or match.kind == POINT:
            continue
        if match.kind in _CONTAINERS or container_value(match.number) == 1 or \
                (match.kind == CLAUSE and article_key(match.number) == (1, "")):
            return index
    return None


def _recipients_line(lines: list[str], quoted: list[bool], start: int) -> int:
    """The "Nơi nhận:" line: nothing after it is the body, whatever numbers its lines carry."""
    for index in range(start, len(lines)):
        if not quoted[index] and lines[index].lower().startswith("nơi nhận"):
            return index
    return len(lines)


def _build(lines: list[str], matches: list[LineMatch | None], quoted: list[bool]) -> _SectionTreeBuilder:
    builder = _SectionTreeBuilder(full_line=_full_line_length(lines))
    for offset, (line, match, is_quoted) in enumerate(zip(lines, matches, quoted)):
        builder.feed(offset, line, match, is_quoted)
    return builder


def _full_line_length(lines: list[str]) -> int:
    """Below this length a line ends its paragraph: a share of a full line (the 90th percentile of lengths)."""
    lengths = sorted(len(line) for line in lines)
    return int(lengths[len(lengths) * 9 // 10] * _SHORT_LINE) if lengths else 0


def _has_sections(body: list[ParsedNode]) -> bool:
    """At least one section, or a list of two clauses: a structure, not a stray "1." line."""
    nodes = [node for root in body for node in root.walk()]
    return any(node.kind == SECTION for node in nodes) or sum(node.kind == CLAUSE for node in nodes) >= 2


def _fill_issuer_from_enacting_sentence(header: Header, warnings: list[str]) -> None:
    """A plan whose header block was lost ("Ủy ban nhân dân thành phố Huế ban hành Kế hoạch ...") still names its
    issuer in its first sentence."""
    if header.issuer:
        return
    match = _ENACTING_ISSUER_RE.search(" ".join(header.preamble))
    if match is None or not all(word[0].isupper() for word in match.group("name").split()):
        return   # "Ủy ban nhân dân tỉnh ban hành": the province is not named
    header.issuer = f"ỦY BAN NHÂN DÂN {match.group('level')} {match.group('name').strip()}".upper()
    if MISSING_ISSUER in warnings:
        warnings.remove(MISSING_ISSUER)


class _SectionTreeBuilder:
    """Lines in, tree out. A number opens an item only when it is the next one expected there, so that "3." or
    "b)" beginning a wrapped line of text never does."""

    def __init__(self, full_line: int):
        self.roots: list[ParsedNode] = []
        self.last_opener = 0                    # offset of the last line that opened a node
        self._stack: list[ParsedNode] = []
        self._texts: dict[int, list[str]] = {}
        self._last_number: dict[tuple[int, str], int] = defaultdict(int)   # (id(parent) or 0, kind) -> number
        self._last_letter: dict[int, str] = {}                               # id(parent) -> last point
        self._in_title = False                  # a clause's first lines: a capital there begins its text
        self._heading_target: ParsedNode | None = None
        self._full_line = full_line
        self._previous_length = 0               # of the last line read, as written

    def feed(self, offset: int, line: str, match: LineMatch | None, quoted: bool) -> None:
        opening = None if quoted else _opening_match(line, match)
        if self._heading_target is not None and opening is None and self._continues_heading(line):
            return
        self._heading_target = None
        if opening is not None and self._open(opening):
            self.last_opener = offset
        else:
            self._add_text(line)
        self._previous_length = len(line)

    def finish(self) -> list[ParsedNode]:
        for root in self.roots:
            for node in root.walk():
                lines = self._texts.get(id(node), [])
                if node.kind == CLAUSE and _is_heading(lines, node):
                    node.heading, lines = lines[0], lines[1:]
                node.text = "\n".join(lines)
        return self.roots

    # --- opening ------------------------------------------------------------------------------------

    def _open(self, match: LineMatch) -> bool:
        if match.kind in _CONTAINERS:
            return self._attach(ParsedNode(kind=match.kind, number=match.number, heading=match.title), heading=True)
        if match.kind == SECTION:
            return self._open_section(match)
        if match.kind == CLAUSE:
            return self._open_clause(match)
        return self._open_point(match)

    def _open_section(self, match: LineMatch) -> bool:
        key = (self._parent_id(SECTION), SECTION)
        value = container_value(match.number)
        if value != self._last_number[key] + 1:
            return False
        self._last_number[key] = value
        return self._attach(ParsedNode(kind=SECTION, number=match.number, heading=match.title), heading=True)

    def _open_clause(self, match: LineMatch) -> bool:
        key = (self._parent_id(CLAUSE), CLAUSE)
        if article_key(match.number) != (self._last_number[key] + 1, ""):
            return False
        self._last_number[key] += 1
        return self._attach(ParsedNode(kind=CLAUSE, number=match.number), title=match.title)

    def _open_point(self, match: LineMatch) -> bool:
        parent = next((node for node in reversed(self._stack) if node.kind != POINT), None)
        if parent is None:
            return False   # a lettered line before any section or clause is text
        if match.number != next_point_letter(self._last_letter.get(id(parent))):
            return False
        self._last_letter[id(parent)] = match.number
        return self._attach(ParsedNode(kind=POINT, number=match.number), title=match.title)

    def _parent_id(self, kind: str) -> int:
        """The node a new `kind` would hang under (0: the top level), for numbering."""
        rank = _RANK[kind]
        parent = next((node for node in reversed(self._stack) if _RANK[node.kind] < rank), None)
        return id(parent) if parent is not None else 0

    def _attach(self, node: ParsedNode, *, heading: bool = False, title: str = "") -> bool:
        rank = _RANK[node.kind]
        while self._stack and _RANK[self._stack[-1].kind] >= rank:
            self._stack.pop()
        (self._stack[-1].children if self._stack else self.roots).append(node)
        self._stack.append(node)
        self._heading_target = node if heading else None
        self._in_title = node.kind == CLAUSE
        if title:
            self._texts[id(node)] = [title]
        return True

    def _continues_heading(self, line: str) -> bool:
        """A heading on the next line ("IV." then "TỔ CHỨC THỰC HIỆN"), or a heading in capitals wrapped."""
        target = self._heading_target
        if not target.heading:
            target.heading = line
        elif is_upper_text(target.heading) and is_upper_text(line):
            target.heading = f"{target.heading} {line}"
        else:
            return False
        return True

    # --- text ---------------------------------------------------------------------------------------

    def _add_text(self, line: str) -> None:
        if not self._stack:
            return   # cannot happen: the body starts with an opening line
        texts = self._texts.setdefault(id(self._stack[-1]), [])
        if texts and self._joins(texts[-1], line):
            # "Quyết định số 471/QĐ-" + "TTg": a number broken at its dash is joined back without a space.
            space = "" if texts[-1].endswith("-") and not texts[-1].endswith(" -") else " "
            texts[-1] = f"{texts[-1]}{space}{line}"
            return
        if texts:
            self._in_title = False
        texts.append(line)

    def _joins(self, previous: str, line: str) -> bool:
        """Text from a PDF breaks lines anywhere. A line goes on the one before unless that one ended a sentence or
        this one opens a list item; a capital may still begin a new paragraph: after a clause's title ("1. Mục
        tiêu tổng quát") or after a short line (the last of its paragraph)."""
        if previous.endswith(_SENTENCE_END) or line.startswith(_LIST_MARKERS):
            return False
        if line[0].islower() or previous.rsplit(" ", 1)[-1] in _DANGLING_WORDS:
            return True
        return not self._in_title and self._previous_length >= self._full_line


def _is_heading(lines: list[str], node: ParsedNode) -> bool:
    """The first line of a clause is its heading ("Mục tiêu tổng quát", "Sở Tư pháp") when it is short, ends no
    sentence and something follows it."""
    if not lines or not (len(lines) > 1 or node.children):
        return False
    first = lines[0]
    return len(first) <= _MAX_HEADING_LENGTH and not first.endswith((*_SENTENCE_END, ","))
