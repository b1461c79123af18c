"""Quoted material in amending laws: lines that belong to the enclosing clause, never new provisions.

    1. Điều 5 được sửa đổi, bổ sung như sau:
    “Điều 5. Giải thích từ ngữ
    1. ...
    2. ...”.

A quotation opens on a line that starts with a quote mark and runs until its marks balance
(curly quotes are counted; straight quotes pair up). A quotation that never closes ends before
the next line that starts another quotation or, failing that, before the next heading.
"""
from __future__ import annotations

from .lines import classify_line, opens_structure

_OPENING = ("“", '"', "„", "«")


# Straight quotes carry no direction: a quotation opened by one is given up after this many lines.
_MAX_STRAIGHT_QUOTE_LINES = 50


def _curly_balance(line: str) -> int:
    return line.count("“") + line.count("„") + line.count("«") - line.count("”") - line.count("»")


def quoted_lines(lines: list[str]) -> tuple[list[bool], list[str]]:
    """For each line, whether it is quoted material; and warnings about quotations left open."""
    quoted = [False] * len(lines)
    warnings: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith(_OPENING):
            i += 1
            continue
        end, closed = _quotation_end(lines, i)
        if not closed:
            end = _fallback_end(lines, i)
            warnings.append(f"Dấu ngoặc kép mở ở dòng “{_excerpt(lines[i])}” không được đóng.")
        for j in range(i, end + 1):
            quoted[j] = True
        i = end + 1
    return quoted, warnings


def _quotation_end(lines: list[str], start: int) -> tuple[int, bool]:
    """The last line of the quotation opened at `start`, and whether its marks balance there."""
    if lines[start].startswith('"'):
        odd = False
        for j in range(start, min(len(lines), start + _MAX_STRAIGHT_QUOTE_LINES)):
            odd ^= lines[j].count('"') % 2 == 1
            if not odd:
                return j, True
        return start, False
    depth = 0
    for j in range(start, len(lines)):
        depth += _curly_balance(lines[j])
        if depth <= 0:
            return j, True
    return len(lines) - 1, False


def _fallback_end(lines: list[str], start: int) -> int:
    """The line before the next quotation or heading after an unclosed quotation at `start`."""
    for j in range(start + 1, len(lines)):
        if lines[j].startswith(_OPENING) or opens_structure(classify_line(lines[j])):
            return j - 1
    return start


def _excerpt(line: str, length: int = 60) -> str:
    return line if len(line) <= length else line[:length].rstrip() + "…"
