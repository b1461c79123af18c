"""Amending text written without quotation marks: it belongs to the amending clause, never to the tree.

    2. Sửa đổi khoản 3 Điều 7 như sau:
    3. Cơ quan có thẩm quyền cấp phép trong thời hạn 15 ngày.     <- the new khoản 3 of the amended law
    3. Bổ sung điểm d vào sau điểm c khoản 2 Điều 9 như sau:      <- the amending law's own khoản 3

Without quotes only the numbering and the wording tell the two apart. The new text starts right after an
instruction ("Sửa đổi …/Bổ sung …/… được sửa đổi … như sau:") that names a provision of another document; it
ends at the amending law's next instruction (a heading that starts with an amending verb), at a heading
above the new text's own top level (points of a new clause cannot hold a clause), at the amending law's
next article, or at a quotation.
"""
from __future__ import annotations

import re

from .lines import CONTAINER_KINDS, LineMatch
from .model import ARTICLE, KIND_ORDER
from .numbering import article_key, follows

_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
_VERB = (r"(?:Sửa đổi|Bổ sung|Bãi bỏ|Thay thế|Thay cụm từ|Thay đổi|Thay|Bỏ|Hủy bỏ|Huỷ bỏ|Điều chỉnh"
         r"|Đính chính|Sửa|Chuyển|Đổi tên)")
_STARTS_WITH_VERB_RE = re.compile(rf"^{_VERB}\b", re.IGNORECASE)
_PASSIVE_RE = re.compile(r"^(?:Điều|Khoản|Điểm|Chương|Mục|Phần|Tiểu mục|Cụm từ|Tên)\b.{0,200}?\bđược\s+"
                         r"(?:sửa đổi|bổ sung|thay thế|thay|bãi bỏ|điều chỉnh)", re.IGNORECASE)
_AS_FOLLOWS_RE = re.compile(r"như sau\s*:?\s*$", re.IGNORECASE)
# A provision of another document: "khoản 3 Điều 7", "Điều 5a"; "khoản 2 Điều này" is the law's own.
_TARGET_RE = re.compile(r"\b(?:Điều|khoản|điểm|Chương|Mục|Phần)\s+(?:\d|[IVXLC]+\b|[a-zđ]\b)", re.IGNORECASE)
_NAMES_CONTAINER_RE = re.compile(r"\b(?:Chương|Mục|Phần)\s+(?!này\b)\S", re.IGNORECASE)
_MAX_LINES = 400


def unquoted_amendments(lines: list[str], quoted: list[bool], matches: list[LineMatch | None]) -> list[bool]:
    """`quoted` with the new text of every unquoted amendment marked as quoted material too."""
    marked = list(quoted)
    article: LineMatch | None = None
    index = 0
    while index < len(lines):
        match = matches[index]
        if match is not None and match.kind == ARTICLE and not marked[index]:
            article = match
        if not marked[index] and _is_instruction(lines[index], match) and _new_text_follows(lines, marked, matches,
                                                                                              index):
            end = _new_text_end(lines, marked, matches, index, match, article)
            for inner in range(index + 1, end):
                marked[inner] = True
            index = end
            continue
        index += 1
    return marked


def _is_instruction(line: str, match: LineMatch | None) -> bool:
    words = match.title if match is not None else line
    return bool(_AS_FOLLOWS_RE.search(words) and _TARGET_RE.search(words)) and _starts_instruction(match, line)


def _new_text_follows(lines: list[str], quoted: list[bool], matches: list[LineMatch | None], index: int) -> bool:
    """Unquoted new text follows, rather than a quotation or the instruction's own sub-instructions
    ("2. Sửa đổi, bổ sung Điều 32 như sau:" then "a) Sửa đổi khoản 1 …")."""
    following = index + 1
    if following >= len(lines) or quoted[following] or not lines[following].strip():
        return False
    return not _starts_instruction(matches[following], lines[following])


def _starts_instruction(match: LineMatch | None, line: str) -> bool:
    words = match.title if match is not None else line
    return bool(_STARTS_WITH_VERB_RE.match(words) or _PASSIVE_RE.match(words))


def _new_text_end(lines: list[str], quoted: list[bool], matches: list[LineMatch | None], start: int,
                  instruction: LineMatch | None, article: LineMatch | None) -> int:
    """The index after the last line of the new text that follows the instruction at `start`."""
    top = matches[start + 1]
    names_container = bool(_NAMES_CONTAINER_RE.search(lines[start]))
    for index in range(start + 2, min(len(lines), start + 1 + _MAX_LINES)):
        match = matches[index]
        if quoted[index]:
            return index
        if match is not None and _ends_new_text(match, top, instruction, article, names_container):
            return index
    return min(len(lines), start + 1 + _MAX_LINES)


def _ends_new_text(match: LineMatch, top: LineMatch | None, instruction: LineMatch | None,
                   article: LineMatch | None, names_container: bool) -> bool:
    if match.kind in CONTAINER_KINDS:
        return not names_container
    if top is None:                       # the new text is a plain paragraph: any heading is the law's own
        return True
    if _RANK[match.kind] < _RANK[top.kind]:
        return True
    if match.kind == ARTICLE and article is not None and follows(article_key(article.number),
                                                                  article_key(match.number)):
        return True
    instruction_kind = instruction.kind if instruction is not None else ARTICLE
    return match.kind == instruction_kind and _starts_instruction(match, match.title)
