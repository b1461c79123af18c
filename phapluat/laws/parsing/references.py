"""References to provisions written in Vietnamese legal prose, turned into anchors:

    "Điểm a và điểm b khoản 2 Điều 42, Điều 43, khoản 1 Điều 84"  ->  dieu-42-khoan-2-diem-a,
        dieu-42-khoan-2-diem-b, dieu-43, dieu-84-khoan-1
    "các điều 1, 2 và 3"                                           ->  dieu-1, dieu-2, dieu-3
    "khoản 1 và khoản 3 Điều 53"                                    ->  dieu-53-khoan-1, dieu-53-khoan-3

Points and clauses written before an article belong to that article, as Vietnamese writes them.
"""
from __future__ import annotations

import re

from .anchors import number_slug

# Items end where a letter of a word cannot follow (\b is wrong next to Vietnamese letters).
_END = r"(?![^\W\d_])"
_LIST = r"{item}(?:\s*(?:,|và|hoặc)\s*{word}{item})*"
_POINT_ITEM = rf"[a-zđ]{_END}"
_NUMBER_ITEM = rf"\d+[a-zđ]?{_END}"
_POINTS = _LIST.format(item=_POINT_ITEM, word=r"(?:điểm\s+)?")
_CLAUSES = _LIST.format(item=_NUMBER_ITEM, word=r"(?:khoản\s+)?")
_ARTICLES = _LIST.format(item=_NUMBER_ITEM, word="")
_REFERENCE = re.compile(
    rf"(?:(?:các\s+)?điểm\s+(?P<points>{_POINTS})\s+)?"
    rf"(?:(?:các\s+)?khoản\s+(?P<clauses>{_CLAUSES})\s+)?"
    rf"(?:các\s+)?điều\s+(?P<articles>{_ARTICLES})",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s*(?:,|\bvà\b|\bhoặc\b)\s*", re.IGNORECASE)


def _items(listed: str | None) -> list[str]:
    if not listed:
        return []
    return [part.split()[-1].lower() for part in _SEPARATOR.split(listed) if part.strip()]


def reference_anchors(text: str) -> list[str]:
    """Anchors of every provision referred to in `text`, in order, without repeats."""
    anchors: list[str] = []
    for match in _REFERENCE.finditer(text):
        for article in _items(match["articles"]):
            base = f"dieu-{number_slug(article)}"
            clauses = _items(match["clauses"])
            if not clauses:
                anchors.append(base)
                continue
            for clause in clauses:
                clause_anchor = f"{base}-khoan-{number_slug(clause)}"
                points = _items(match["points"])
                anchors += [f"{clause_anchor}-diem-{number_slug(p)}" for p in points] or [clause_anchor]
    return list(dict.fromkeys(anchors))
