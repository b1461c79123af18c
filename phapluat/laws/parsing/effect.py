"""What a document says about its own effect: when it takes effect and which documents it ends.

Only the closing article ("Hiệu lực thi hành") is read, so that provisions quoting dates or
"hết hiệu lực" in other contexts (a work permit expiring, a court decision lapsing) are ignored.
"""
from __future__ import annotations

import re
from datetime import date

from .model import ParsedDocument

_EFFECT_HEADING = re.compile(r"hiệu lực|thi hành", re.IGNORECASE)
_TAKES_EFFECT = re.compile(
    r"có hiệu lực(?: thi hành)?(?: kể)? từ ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})", re.IGNORECASE
)
# A document number: 91/2015/QH13, 32/2001/PL-UBTVQH10, 21-LCT/HĐNN8, 100/2019/NĐ-CP
NUMBER = r"\d+[a-z]?(?:/\d{4})?[/-][0-9A-ZĐa-zđ-]+(?:/[0-9A-ZĐa-zđ-]+)?"
_NUMBER_RE = re.compile(rf"số\s+({NUMBER})")
_PARTIAL = re.compile(r"\s*(?:\d+\.\s*)?(?:các |những )?(?:quy định|điều|khoản|điểm|mục|chương)\b", re.IGNORECASE)
_AMENDED_BY = re.compile(r"được sửa đổi", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[^.;]*?hết hiệu lực[^.;]*", re.IGNORECASE)


def _closing_articles_text(parsed: ParsedDocument) -> str:
    articles = parsed.articles()
    closing = [a for a in articles[-4:] if _EFFECT_HEADING.search(a.heading)]
    return "\n".join(node.text for article in closing for node in article.walk())


def effective_date(parsed: ParsedDocument) -> date | None:
    match = _TAKES_EFFECT.search(_closing_articles_text(parsed))
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def replaced_numbers(parsed: ParsedDocument) -> list[str]:
    """Numbers of documents that the closing article declares no longer in force."""
    numbers: list[str] = []
    for sentence in _ENDS_SENTENCE.findall(_closing_articles_text(parsed)):
        # "Luật X số A đã được sửa đổi, bổ sung theo Luật số B hết hiệu lực": B only amended A, and
        # what lapses is A (with B's amendments to it), not the whole of B.
        head = _AMENDED_BY.split(sentence.split("hết hiệu lực")[0])[0]
        if _PARTIAL.match(head):  # "Các quy định về ... tại Điều 5 của Luật X": only parts of X end
            continue
        for number in _NUMBER_RE.findall(head):
            if number not in numbers and number != parsed.number:
                numbers.append(number)
    return numbers


DERIVED_STATUS_NOTE = "Suy ra từ ngày có hiệu lực ghi trong văn bản; chưa đối chiếu với nguồn chính thức."


def status_from_dates(takes_effect: date | None, today: date | None = None) -> tuple[str, str]:
    """A first guess at the status from the text alone; relations and official sources refine it."""
    from ..models import EffectStatus

    today = today or date.today()
    if takes_effect is None:
        return EffectStatus.UNKNOWN, ""
    if takes_effect > today:
        return EffectStatus.NOT_YET, DERIVED_STATUS_NOTE
    return EffectStatus.IN_FORCE, DERIVED_STATUS_NOTE
