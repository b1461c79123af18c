"""How provisions are numbered: articles 1, 2, 10a, 11; clauses 1, 2, 1c; points a, b, ..., đ, e, g;
parts, chapters and sections in arabic or roman numerals. Checks that report gaps in the numbering.
"""
from __future__ import annotations

from .lines import CONTAINER_KINDS
from .model import CHAPTER, KIND_LABELS, PART, SECTION, SUBSECTION, ParsedNode

POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"   # the Vietnamese alphabet as used for điểm: no f, j, w, z


def article_key(number: str) -> tuple[int, str]:
    """'10a' -> (10, 'a')."""
    if number.isdigit():
        return int(number), ""
    return int(number[:-1]), number[-1:]


def next_point_letter(letter: str | None) -> str:
    if letter is None:
        return POINT_LETTERS[0]
    index = POINT_LETTERS.find(letter)
    return POINT_LETTERS[index + 1] if 0 <= index < len(POINT_LETTERS) - 1 else ""


def follows(previous: tuple[int, str], key: tuple[int, str]) -> bool:
    """Điều 11 follows Điều 10 or 10a; Điều 10a follows Điều 10."""
    if key[1]:
        return key[0] == previous[0] and key[1] > previous[1]
    return key[0] == previous[0] + 1


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def container_value(number: str) -> int | None:
    """'III' -> 3, '12' -> 12, 'IV-A' -> None (no place in a plain sequence)."""
    if number.isdigit():
        return int(number)
    if not number or any(ch not in _ROMAN for ch in number):
        return None
    values = [_ROMAN[ch] for ch in number]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def chapters_restart_in_parts(nodes: list[ParsedNode]) -> bool:
    """True when each Phần numbers its chapters from I again (Luật Xử lý vi phạm hành chính)."""
    first_chapters = [
        next((child for child in node.children if child.kind == CHAPTER), None)
        for node in nodes if node.kind == PART
    ]
    first_chapters = [chapter for chapter in first_chapters if chapter is not None]
    return any(container_value(chapter.number) == 1 for chapter in first_chapters[1:])


def check_container_numbering(nodes: list[ParsedNode], warnings: list[str]) -> None:
    """Parts and chapters run through the document (unless chapters restart in each part); sections
    restart in each chapter, subsections in each section. Gaps usually mean a heading line is missing."""
    nested = {SECTION, SUBSECTION} | ({CHAPTER} if chapters_restart_in_parts(nodes) else set())
    _check_level(nodes, None, {}, nested, warnings)


def _check_level(nodes: list[ParsedNode], parent: ParsedNode | None, last: dict, nested: set[str],
                 warnings: list[str]) -> None:
    for node in nodes:
        if node.kind not in CONTAINER_KINDS:
            continue
        value = container_value(node.number)
        scope = (node.kind, id(parent) if node.kind in nested and parent is not None else 0)
        previous = last.get(scope)
        if value is not None and value != (previous or 0) + 1:
            warnings.append(_numbering_warning(node, parent if scope[1] else None, previous))
        if value is not None:
            last[scope] = value
        _check_level(node.children, node, last, nested, warnings)


def _numbering_warning(node: ParsedNode, parent: ParsedNode | None, previous: int | None) -> str:
    label = KIND_LABELS[node.kind]
    if previous is None:
        message = f"{label} đầu tiên là {label} {node.number}."
    else:
        message = (f"Số {label.lower()} không liên tục: "
                   f"{label} {_as_written(previous, node.number)} rồi đến {label} {node.number}.")
    return f"{KIND_LABELS[parent.kind]} {parent.number}: {message[0].lower()}{message[1:]}" if parent else message


def _as_written(value: int, like: str) -> str:
    """Write `value` the way `like` is written: roman or arabic."""
    if like.isdigit():
        return str(value)
    numerals = (("C", 100), ("XC", 90), ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
    out = ""
    for numeral, amount in numerals:
        while value >= amount:
            out += numeral
            value -= amount
    return out


def drop_table_of_contents(nodes: list[ParsedNode], warnings: list[str]) -> list[ParsedNode]:
    """Leading empty headings repeated later ('CHƯƠNG I: ...' listed before the real 'Chương I') are a
    table of contents."""
    later = {(node.kind, node.number) for node in nodes if node.children or node.text}
    dropped = 0
    while dropped < len(nodes):
        node = nodes[dropped]
        if node.children or node.text or (node.kind, node.number) not in later:
            break
        dropped += 1
    if dropped >= 2:
        warnings.append(f"Bỏ qua mục lục ở đầu văn bản ({dropped} dòng).")
        return nodes[dropped:]
    return nodes
