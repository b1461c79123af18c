"""Page furniture of the Công báo (Official Gazette), removed so that it does not end up inside clauses.

Every page of a gazette PDF carries a running head and a page number, on one line or on two:

    CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025        3
    4
    CÔNG BÁO/Số 1533 + 1534/Ngày 30-12-2024

The first page of an issue's section adds the section heading and the issuer's group heading, which the
document then repeats as its own issuer:

    VĂN BẢN QUY PHẠM PHÁP LUẬT
    CHÍNH PHỦ
    CHÍNH PHỦ      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
"""
from __future__ import annotations

import re

from .normalize import is_upper_text

_RUNNING_HEAD_RE = re.compile(
    r"^(?:\d{1,4}\s+)?CÔNG\s*BÁO\s*/\s*SỐ\s*\d+(?:\s*\+\s*\d+)*\s*/\s*NGÀY\s*"
    r"\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}(?:\s+\d{1,4})?$", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(r"^\d{1,4}$")
_SECTION_HEADING_RE = re.compile(r"^VĂN BẢN (?:QUY PHẠM PHÁP LUẬT|HỢP NHẤT|KHÁC)$")


def drop_gazette_furniture(text: str) -> str:
    """`text` without the gazette's running heads, their page numbers and section headings."""
    if "BÁO" not in text and "báo" not in text:
        return text
    lines = text.split("\n")
    dropped: set[int] = set()
    for index, line in enumerate(lines):
        if _RUNNING_HEAD_RE.match(line.strip()):
            dropped.add(index)
            dropped.update(_furniture_around(lines, index))
    return "\n".join(line for index, line in enumerate(lines) if index not in dropped)


def _furniture_around(lines: list[str], head: int) -> list[int]:
    """The page number beside the running head at `head` (the line before it, else the one after) and the
    section headings below it."""
    found: list[int] = []
    before, after = _neighbour(lines, head, -1), _neighbour(lines, head, +1)
    if before is not None and _PAGE_NUMBER_RE.match(lines[before].strip()):
        found.append(before)
    elif after is not None and _PAGE_NUMBER_RE.match(lines[after].strip()):
        found.append(after)
        after = _neighbour(lines, after, +1)
    if after is not None and _SECTION_HEADING_RE.match(lines[after].strip()):
        found.append(after)
        group = _neighbour(lines, after, +1)
        if group is not None and _repeated_below(lines, group):
            found.append(group)
    return found


def _repeated_below(lines: list[str], index: int) -> bool:
    """'CHÍNH PHỦ' followed by the document's own 'CHÍNH PHỦ ...' line: the gazette's group heading."""
    heading = lines[index].strip()
    following = _neighbour(lines, index, +1)
    return is_upper_text(heading) and following is not None and lines[following].strip().startswith(heading)


def _neighbour(lines: list[str], index: int, step: int) -> int | None:
    """The nearest non-blank line before (step -1) or after (step +1) `index`."""
    index += step
    while 0 <= index < len(lines):
        if lines[index].strip():
            return index
        index += step
    return None
