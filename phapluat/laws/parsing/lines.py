"""Recognising the lines that open a provision: "Phần thứ nhất", "Chương II", "Mục 1.", "Điều 5.", "1.", "a)".

`classify_line` looks at one line and says what it could open; whether it really does (numbering,
context) is decided by the tree builder in provisions.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import ARTICLE, CHAPTER, CLAUSE, PART, POINT, SECTION, SUBSECTION
from .normalize import is_upper_text

CONTAINER_KINDS = (PART, CHAPTER, SECTION, SUBSECTION)


@dataclass(frozen=True)
class LineMatch:
    kind: str
    number: str        # normalised: "1" for "Phần thứ nhất", "II", "10a", "đ"
    title: str         # what follows the number on the same line ("" if nothing)
    loose: bool = False  # written without the usual punctuation ("Điều 5 Chính sách", "1 Cá nhân"):
    # only trusted when the number is the expected next one


# The separator after a number: "." ":" "-" or a dash, or nothing at the end of the line.
_SEP = r"(?P<sep>\s*[.:\-–—]\s*|\s+|\s*$)"
_PART_RE = re.compile(r"^(?:PHẦN|Phần)\s+(?:(?:THỨ|thứ|Thứ)\s+(?P<ordinal>.+)"
                      r"|(?P<number>[IVXLC]+|\d+)\b" + _SEP + r"(?P<title>.*))$")
# "Chương l" (a lower-case L typed for I) is accepted and read as "I".
_CHAPTER_RE = re.compile(r"^(?:CHƯƠNG|Chương)\s+(?P<number>(?:[IVXLC]+|l{1,3}|\d+)(?:-?[A-Z]\b)?)\b"
                         + _SEP + r"(?P<title>.*)$")
_SECTION_RE = re.compile(r"^(?:MỤC|Mục)[\s.]*(?P<number>[IVXLC]+|\d+)\b" + _SEP + r"(?P<title>.*)$")
_SUBSECTION_RE = re.compile(r"^(?:TIỂU MỤC|Tiểu mục)\s+(?P<number>[IVXLC]+|\d+)\b" + _SEP + r"(?P<title>.*)$")
# "Điều 5.", "Điều 10a.", "Điều15.", "ĐIỀU 3:", "Điều 22 Lưu trữ ...". Not "Điều 5, Điều 6", "Điều 11 của".
_ARTICLE_RE = re.compile(r"^(?:Điều|ĐIỀU)\s*(?P<number>\d+[a-zđ]?)(?![\w/,;)])" + _SEP + r"(?P<title>.*)$")
# "Điền 36. Hiệu lực thi hành": a typo in a published text (the Alcohol Law 2019) — only with the full stop.
_ARTICLE_TYPO_RE = re.compile(r"^Điền\s+(?P<number>\d+[a-zđ]?)\.\s+(?P<title>[A-ZĐ\u00C0-\u1EF9].*)$")
# "1. text", "2 . text" (stray space), "1c. text", "1) text"; not "1.000 đồng" or "2015. ".
_CLAUSE_RE = re.compile(r"^(?P<number>\d{1,3}[a-zđ]?)\s?[.)](?!\d)\s*(?P<title>.*)$")
_CLAUSE_DASH_RE = re.compile(r"^(?P<number>\d{1,3})-\s+(?P<title>\S.*)$")   # 1989 style "1- Công dân"
_CLAUSE_BARE_RE = re.compile(r"^(?P<number>\d{1,3})\s+(?P<title>\S.*)$")    # typo "1 Cá nhân có quyền"
_POINT_RE = re.compile(r"^(?P<number>[a-zđ])\)\s*(?P<title>.*)$")
_POINT_DOT_RE = re.compile(r"^(?P<number>[a-zđ])\.\s*(?P<title>\S.*)$")    # "a. text": rare, also roman "i."

# Units after "mười" in 11..19: "mười một", "mười lăm" (not "mười năm"), "mười bốn"/"mười tư".
_TEEN_UNITS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "lăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
               "tám": 8, "chín": 9}


def _ordinal_words() -> dict[str, int]:
    words = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
             "tám": 8, "chín": 9, "mười": 10, "hai mươi": 20}
    words.update({f"mười {unit}": 10 + value for unit, value in _TEEN_UNITS.items()})
    return words


ORDINALS = _ordinal_words()  # "thứ nhất" .. "thứ mười chín", "thứ hai mươi"
_ORDINALS_LONGEST_FIRST = sorted(ORDINALS, key=len, reverse=True)


def parse_ordinal(text: str) -> tuple[int, str] | None:
    """'nhất QUY ĐỊNH CHUNG' -> (1, 'QUY ĐỊNH CHUNG'); the longest ordinal word wins ('mười hai' over 'mười')."""
    lowered = text.lower()
    for word in _ORDINALS_LONGEST_FIRST:
        if lowered.startswith(word) and (len(lowered) == len(word) or not lowered[len(word)].isalpha()):
            rest = text[len(word):].lstrip(" .:-–—")
            return ORDINALS[word], rest
    return None


def _container_match(kind: str, match: re.Match) -> LineMatch | None:
    title = match.group("title").strip()
    loose = match.group("sep").strip() == "" and bool(title)
    if loose and not is_upper_text(title):
        return None  # "Chương II của Luật này", "Mục 4 Chương X": a reference, not a heading
    number = match.group("number")
    number = "I" * len(number) if set(number) == {"l"} else number.upper()
    return LineMatch(kind, number, title, loose)


def _part(line: str) -> LineMatch | None:
    match = _PART_RE.match(line)
    if not match:
        return None
    if match.group("ordinal") is not None:
        parsed = parse_ordinal(match.group("ordinal"))
        if parsed is None:
            return None
        number, title = parsed
        if title and title[0].islower():
            return None
        return LineMatch(PART, str(number), title)
    return _container_match(PART, match)


def _article(line: str) -> LineMatch | None:
    match = _ARTICLE_RE.match(line)
    if not match:
        typo = _ARTICLE_TYPO_RE.match(line)
        return LineMatch(ARTICLE, typo.group("number"), typo.group("title").strip()) if typo else None
    title = match.group("title").strip()
    loose = match.group("sep").strip() == "" and bool(title)
    if loose and not title[0].isupper():
        return None  # "Điều 5 được sửa đổi như sau"
    return LineMatch(ARTICLE, match.group("number"), title, loose)


def _clause(line: str) -> LineMatch | None:
    for pattern, loose in ((_CLAUSE_RE, False), (_CLAUSE_DASH_RE, False), (_CLAUSE_BARE_RE, True)):
        match = pattern.match(line)
        if match:
            title = match.group("title").strip()
            if loose and not title[0].isupper():
                return None
            return LineMatch(CLAUSE, match.group("number"), title, loose)
    return None


def _point(line: str) -> LineMatch | None:
    match = _POINT_RE.match(line)
    if match:
        return LineMatch(POINT, match.group("number"), match.group("title").strip())
    match = _POINT_DOT_RE.match(line)
    if match:
        return LineMatch(POINT, match.group("number"), match.group("title").strip(), loose=True)
    return None


_QUICK_FIRST = frozenset("PCMTĐđ0123456789abcdefghiklmnopqrstuvxy")


def classify_line(line: str) -> LineMatch | None:
    """What provision `line` could open, or None for an ordinary line of text."""
    if not line or line[0] not in _QUICK_FIRST:
        return None
    first = line[0]
    if first.isdigit():
        return _clause(line)
    if first.islower():
        return _point(line)
    if first == "P":
        return _part(line)
    if first == "Đ":
        return _article(line)
    if first == "C":
        match = _CHAPTER_RE.match(line)
        return _container_match(CHAPTER, match) if match else None
    if first == "M":
        match = _SECTION_RE.match(line)
        return _container_match(SECTION, match) if match else None
    if first == "T":
        match = _SUBSECTION_RE.match(line)
        return _container_match(SUBSECTION, match) if match else None
    return None


def opens_structure(match: LineMatch | None) -> bool:
    """A part, chapter, section, subsection or (strictly written) article heading."""
    if match is None:
        return False
    return match.kind in CONTAINER_KINDS or (match.kind == ARTICLE and not match.loose)
