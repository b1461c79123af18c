"""Stable, unique, ASCII anchors for provisions: "phan-1", "chuong-ii", "chuong-iii-muc-1", "dieu-5",
"dieu-5-khoan-2", "dieu-5-khoan-2-diem-a", "dieu-5-khoan-2-diem-dd" (đ is folded to "dd" so that it
stays distinct from d).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...core.text import strip_diacritics
from .model import ARTICLE, CHAPTER, CLAUSE, PART, POINT, SECTION, SUBSECTION, ParsedNode

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_PREFIX = {PART: "phan", CHAPTER: "chuong", SECTION: "muc", SUBSECTION: "tieu-muc",
                ARTICLE: "dieu", CLAUSE: "khoan", POINT: "diem"}
# Kinds whose anchor is prefixed with the parent's: Mục numbering restarts in each chapter, and so on.
_NESTED = {SECTION, SUBSECTION, CLAUSE, POINT}


@lru_cache(maxsize=4096)
def number_slug(number: str) -> str:
    """'II' -> 'ii', '10a' -> '10a', 'đ' -> 'dd', 'IV-A' -> 'iv-a'."""
    folded = strip_diacritics(number.lower().replace("đ", "dd"))
    return _NON_SLUG.sub("-", folded.lower()).strip("-")


def assign_anchors(nodes: list[ParsedNode], warnings: list[str], *, chapters_in_parts: bool = False) -> None:
    """Give every node an anchor, unique in the document; duplicates get "-2", "-3"... and a warning.

    With `chapters_in_parts` (chapter numbers restart in each Phần) chapters are "phan-2-chuong-i".
    """
    used: set[str] = set()
    renamed: list[str] = []
    nested = _NESTED | {CHAPTER} if chapters_in_parts else _NESTED
    for node in nodes:
        _assign(node, "", used, renamed, nested)
    if renamed:
        shown = ", ".join(renamed[:5]) + (", …" if len(renamed) > 5 else "")
        warnings.append(f"{len(renamed)} mã neo bị trùng nên được thêm hậu tố -2, -3…: {shown}.")


def _assign(node: ParsedNode, parent_anchor: str, used: set[str], renamed: list[str], nested: set[str]) -> None:
    own = f"{_SLUG_PREFIX[node.kind]}-{number_slug(node.number)}"
    base = f"{parent_anchor}-{own}" if parent_anchor and node.kind in nested else own
    anchor = base
    if anchor in used:
        suffix = 2
        while f"{base}-{suffix}" in used:
            suffix += 1
        anchor = f"{base}-{suffix}"
        renamed.append(base)
    used.add(anchor)
    node.anchor = anchor
    for child in node.children:
        _assign(child, anchor, used, renamed, nested)
