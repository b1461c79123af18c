"""What a document says about its own effect: when it takes effect (as a whole and provision by provision)
and which documents, or parts of them, it ends.

Only the closing article ("Hiệu lực thi hành", "Điều khoản thi hành") is read, so that provisions quoting
dates or "hết hiệu lực" in other contexts (a work permit expiring, a court decision lapsing, transitional
articles after the closing one) are ignored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .model import ParsedDocument, ParsedNode
from .references import reference_anchors

# "Hiệu lực thi hành", "Điều khoản thi hành", "Hiệu lực và hướng dẫn thi hành", "Hiệu lực thi hành và quy định
# chuyển tiếp" — not "Trách nhiệm thi hành", "Quy định chuyển tiếp khi Luật này có hiệu lực thi hành".
_EFFECT_HEADING = re.compile(r"^(?:hiệu lực(?: thi hành)?(?: và\b.*)?|điều khoản (?:thi hành|cuối cùng))\s*\.?$",
                             re.IGNORECASE)
_LOOSE_HEADING = re.compile(r"hiệu lực|thi hành", re.IGNORECASE)
_ABOUT_EFFECT = re.compile(r"hiệu lực", re.IGNORECASE)
_DATE_WORDS = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_DATE_DIGITS = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_FROM = r"(?:kể\s+)?từ\s+ngày\s+"
_TAKES_EFFECT = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+" + _FROM, re.IGNORECASE)
# "có hiệu lực sau 10 ngày kể từ ngày ký": local decisions count days from signing or publication.
_TAKES_EFFECT_AFTER = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+sau\s+(\d{1,3})\s+ngày,?\s+" + _FROM,
                                 re.IGNORECASE)
_ON_SIGNING = re.compile(r"^(?:được\s+)?(?:ký|ký\s+ban\s+hành|ban\s+hành|công\s+bố)\b", re.IGNORECASE)
_ON_ADOPTION = re.compile(r"^(?:được\s+)?(?:Quốc\s+hội\s+|Ủy\s+ban\s+thường\s+vụ\s+Quốc\s+hội\s+|Hội\s+đồng"
                          r"\s+nhân\s+dân[^,;]{0,40}?)?(?:thông\s+qua|biểu\s+quyết)", re.IGNORECASE)
# "Luật này", "Nghị định này": the document itself (relations name it on the other document's page).
THIS_DOCUMENT = (r"(?:Bộ\s+luật|Luật|Nghị\s+định|Nghị\s+quyết|Pháp\s+lệnh|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?"
                 r"|Chỉ\s+thị|Lệnh|Hiến\s+pháp|Văn\s+bản)\s+này\b")
_THIS_DOCUMENT = re.compile(rf"\b{THIS_DOCUMENT}", re.IGNORECASE)
# "Quyết định có hiệu lực …" in the closing article: the bare type word is the document itself.
_BARE_TYPE = re.compile(r"^(?:\d+\.\s*)?(?:Bộ\s+luật|Luật|Nghị\s+định|Nghị\s+quyết|Pháp\s+lệnh|Quyết\s+định"
                        r"|Thông\s+tư(?:\s+liên\s+tịch)?|Chỉ\s+thị|Kế\s+hoạch)\s*$", re.IGNORECASE)
# A document number: 91/2015/QH13, 32/2001/PL-UBTVQH10, 21-LCT/HĐNN8, 100/2019/NĐ-CP
NUMBER = r"\d+[a-z]?(?:/\d{4})?[/-][0-9A-ZĐa-zđ-]+(?:/[0-9A-ZĐa-zđ-]+)?"
_NUMBER_RE = re.compile(rf"số\s+({NUMBER})")
_TYPE_WORD = re.compile(r"\b(Bộ\s+luật|Luật|Nghị\s+quyết|Nghị\s+định|Pháp\s+lệnh|Quyết\s+định|Thông\s+tư\s+liên"
                        r"\s+tịch|Thông\s+tư|Chỉ\s+thị|Lệnh)\b", re.IGNORECASE)
_TYPE_VALUES = {"bộ luật": "bo-luat", "luật": "luat", "nghị quyết": "nghi-quyet", "nghị định": "nghi-dinh",
                "pháp lệnh": "phap-lenh", "quyết định": "quyet-dinh", "thông tư liên tịch": "thong-tu-lien-tich",
                "thông tư": "thong-tu", "chỉ thị": "chi-thi", "lệnh": "lenh"}
_ENDS = re.compile(r"hết\s+hiệu\s+lực(?:\s+thi\s+hành)?", re.IGNORECASE)
# "… và thay thế Quyết định số 5/2020/QĐ-UBND …", "bãi bỏ Điều 3 của Quyết định số …": how local
# documents end the ones before them; the documents named come after the verb.
# "Thay thế cụm từ “…” bằng cụm từ “…”" amends wording; it ends nothing.
_REPLACES_VERB = re.compile(r"\b(thay\s+thế|bãi\s+bỏ)\s+(?!bởi\b|bằng\b|(?:các\s+|một\s+số\s+)?(?:cụm\s+)?từ\b)",
                            re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^()]*\)")
# "... đã được sửa đổi, bổ sung một số điều theo Luật số 35/2018/QH14 và Luật số 44/2019/QH14": those only
# amended the ending document; what lapses is it (with their amendments), not them.
_AMENDED_BY = re.compile(
    rf"(?:đã\s+)?được\s+sửa\s+đổi(?:,\s*bổ\s+sung)?(?:\s+một\s+số\s+điều)?(?:\s+(?:theo|bởi|tại))?"
    rf"(?:\s*(?:,|và)?\s*(?:(?:Bộ\s+)?[Ll]uật|Nghị\s+quyết|Pháp\s+lệnh|Nghị\s+định)\s+số\s+{NUMBER})+",
    re.IGNORECASE)
_PARTIAL_HEAD = re.compile(r"^\s*(?:\d+\.\s*)?(?:riêng\s+)?(?:các\s+|những\s+)?(?:quy\s+định|điều|khoản|điểm|mục"
                           r"|chương|phụ\s+lục|biểu|mẫu)\b", re.IGNORECASE)
# "… các Nghị định và các điều khoản sau đây hết hiệu lực thi hành:" followed by one point per document.
_ENDS_LIST = re.compile(r"hết\s+hiệu\s+lực(?:\s+thi\s+hành)?([^.;:]*):\s*$", re.IGNORECASE)
_OF_DOCUMENT = re.compile(r"\bcủa\s+(?:(?:Bộ\s+)?[Ll]uật|Nghị\s+quyết|Nghị\s+định|Pháp\s+lệnh|Quyết\s+định"
                          r"|Thông\s+tư)\b(?!\s+này)", re.IGNORECASE)
_EXCEPT = re.compile(r"\btrừ\s+(?:các\s+)?(?:trường\s+hợp\s+)?(?:quy\s+định\s+)?(tại\s+[^;]+?)\s*\.?\s*$",
                     re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[;.])\s+(?=\S)|;\s*")


@dataclass
class EndedDocument:
    """A document, or some of its provisions, that the closing article declares no longer in force."""

    number: str
    doc_type: str = ""                  # the DocumentType value named before "số", "" if none
    anchors: list[str] = field(default_factory=list)   # provisions that end; [] = the whole document
    on: date | None = None              # None: the day this document takes effect
    exceptions: str = ""                # "tại các khoản 1, 2 Điều 89 của Luật này" (transitional cases)
    source_anchor: str = ""             # the clause of the closing article that says so
    repealed: bool = False              # "bãi bỏ …" rather than "… hết hiệu lực" / "thay thế …"


@dataclass
class EffectClauses:
    effective_date: date | None = None
    provision_dates: list[tuple[str, date]] = field(default_factory=list)  # (anchor, date) of this document
    ended: list[EndedDocument] = field(default_factory=list)
    article_anchor: str = ""


def closing_article(parsed: ParsedDocument) -> ParsedNode | None:
    """The article on entry into force: the last one headed so, else the last of the final four that
    mentions effect or enforcement."""
    articles = parsed.articles()
    strict = [a for a in articles if _EFFECT_HEADING.match(a.heading.strip())]
    if strict:
        return strict[-1]
    # "Điều 2. Quyết định này có hiệu lực kể từ ngày ký." before "Điều 3. … chịu trách nhiệm thi hành …".
    about_effect = [a for a in articles[-4:] if _ABOUT_EFFECT.search(a.heading)]
    loose = about_effect or [a for a in articles[-4:] if _LOOSE_HEADING.search(a.heading)]
    return loose[-1] if loose else None


def _units(article: ParsedNode) -> list[tuple[str, str]]:
    """(anchor, text) of each clause (with its points) of the closing article, whitespace normalised."""
    # "Điều 2. Quyết định này có hiệu lực kể từ ngày ký." — local decisions put the sentence in the heading.
    units = [(article.anchor, " ".join(article.heading.split()))] if article.heading.strip() else []
    for node in [article, *article.children]:
        own = node.text if node is article else " ".join(n.text for n in node.walk())
        if own.strip():
            units.append((node.anchor, " ".join(own.split())))
    return units


def _date_at(text: str, start: int, parsed: ParsedDocument) -> date | None:
    """The date written at `text[start:]` ('01 tháng 7 năm 2026', '01/7/2026', 'ngày ký', 'ngày thông qua')."""
    rest = text[start:]
    for pattern in (_DATE_WORDS, _DATE_DIGITS):
        match = re.match(pattern, rest)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                return None
    if _ON_SIGNING.match(rest) or _ON_ADOPTION.match(rest):
        return parsed.issue_date
    return None


def _own_anchors(subject: str) -> list[str]:
    """Provisions of this document named in `subject` (references to another document's are dropped)."""
    anchors: list[str] = []
    for part in re.split(r"(?<=\bnày)\b", subject):
        other = _OF_DOCUMENT.search(part)
        anchors += reference_anchors(part[: other.start()] if other else part)
    return list(dict.fromkeys(anchors))


def _dates_stated(sentence: str, parsed: ParsedDocument):
    """(subject, date) for each "… có hiệu lực [sau N ngày] kể từ ngày …" in the sentence."""
    for match in _TAKES_EFFECT.finditer(sentence):
        yield sentence[: match.start()], _date_at(sentence, match.end(), parsed)
    for match in _TAKES_EFFECT_AFTER.finditer(sentence):
        start = _date_at(sentence, match.end(), parsed)
        yield sentence[: match.start()], start + timedelta(days=int(match.group(1))) if start else None


def _read_dates(sentence: str, parsed: ParsedDocument, clauses: EffectClauses) -> None:
    for subject, when in _dates_stated(sentence, parsed):
        if when is None:
            continue
        anchors = _own_anchors(subject)
        if anchors and not _THIS_DOCUMENT.match(subject.strip()):
            clauses.provision_dates += [(a, when) for a in anchors if (a, when) not in clauses.provision_dates]
        elif clauses.effective_date is None and (_THIS_DOCUMENT.search(subject) or not subject.strip()
                                                 or _BARE_TYPE.match(subject.strip())):
            clauses.effective_date = when


def _doc_type_before(head: str, position: int) -> str:
    """The type word nearest before the number: "… và Nghị quyết số 93/2015/QH13" is a resolution."""
    words = _TYPE_WORD.findall(head[:position])
    return _TYPE_VALUES.get(" ".join(words[-1].lower().split()), "") if words else ""


def _read_ended(sentence: str, source_anchor: str, parsed: ParsedDocument) -> list[EndedDocument]:
    ends = _ENDS.search(sentence)
    # "Khoản 9 Điều 60 của Luật này có hiệu lực thi hành từ ngày Nghị quyết số 61/2022/QH15 hết hiệu lực" ends
    # nothing: it dates a provision of this document.
    if not ends or _TAKES_EFFECT.search(sentence[: ends.start()]):
        return []
    # The amending list ends where "(sau đây gọi là …)" begins: remove it before the parentheses.
    head = _PARENTHESES.sub("", _AMENDED_BY.sub("", sentence[: ends.start()]))
    tail = sentence[ends.end():]
    since = re.match(r"\s*" + _FROM, tail, re.IGNORECASE)
    on = _date_at(tail, since.end(), parsed) if since else None
    exceptions = _EXCEPT.search(tail)
    partial = bool(_PARTIAL_HEAD.match(head))
    return [EndedDocument(number=number, doc_type=doc_type, anchors=anchors, on=on,
                          exceptions=exceptions.group(1).strip() if exceptions and not partial else "",
                          source_anchor=source_anchor)
            for number, doc_type, anchors in _documents_named(head, parsed, partial)]


def _documents_named(text: str, parsed: ParsedDocument, partial: bool):
    """(number, type, anchors) of each other document `text` names; with `partial`, the provisions named
    before each number ("khoản 3 Điều 28 … của Luật Thương mại số …"), and a document whose provisions are
    not said ("Các quy định về … của Luật X") is left out."""
    previous_end = 0
    for match in _NUMBER_RE.finditer(text):
        number = match.group(1).rstrip(".,")
        named_since, previous_end = text[previous_end: match.start()], match.end()
        anchors = reference_anchors(named_since) if partial else []
        if number == parsed.number or (partial and not anchors):
            continue
        yield number, _doc_type_before(text, match.start()), anchors


def _read_replaced(sentence: str, source_anchor: str, parsed: ParsedDocument) -> list[EndedDocument]:
    """Documents (or provisions of them) that "… thay thế …" / "… bãi bỏ …" names after the verb."""
    verb = _REPLACES_VERB.search(sentence)
    if not verb:
        return []
    named = _PARENTHESES.sub("", _AMENDED_BY.sub("", sentence[verb.end():]))
    repealed = verb.group(1).lower().startswith("bãi")
    return [EndedDocument(number=number, doc_type=doc_type, anchors=anchors, source_anchor=source_anchor,
                          repealed=repealed)
            for number, doc_type, anchors in _documents_named(named, parsed, bool(_PARTIAL_HEAD.match(named)))]


def _listed_endings(article: ParsedNode) -> list[tuple[str, str]]:
    """(anchor, sentence) for each point under a clause that ends "… sau đây hết hiệu lực:", written as if
    each point said "<point> hết hiệu lực <what the clause adds>"."""
    sentences = []
    for clause in article.children:
        own = " ".join(clause.text.split())
        listed = _ENDS_LIST.search(own)
        # "X số … hết hiệu lực …, trừ các trường hợp sau đây:" lists exceptions, not documents.
        if listed and not _NUMBER_RE.search(own[: listed.start()]) and "trừ" not in listed.group(1):
            for point in clause.children:
                named = " ".join(point.text.replace(";", ",").split()).rstrip(",. ")
                sentences.append((point.anchor, f"{named} hết hiệu lực {listed.group(1).strip()}"))
    return sentences


def read_effect(parsed: ParsedDocument) -> EffectClauses:
    article = closing_article(parsed)
    clauses = EffectClauses()
    if article is None:
        return clauses
    clauses.article_anchor = article.anchor
    listed = _listed_endings(article)
    listed_anchors = {anchor.rsplit("-diem-", 1)[0] for anchor, _ in listed}
    sentences = [(anchor, sentence) for anchor, text in _units(article) if anchor not in listed_anchors
                 for sentence in filter(None, _SENTENCES.split(text))]
    for anchor, sentence in sentences + listed:
        _read_dates(sentence, parsed, clauses)
        for ended in _read_ended(sentence, anchor, parsed) or _read_replaced(sentence, anchor, parsed):
            if all(e.number != ended.number or e.anchors != ended.anchors for e in clauses.ended):
                clauses.ended.append(ended)
    return clauses


def effective_date(parsed: ParsedDocument) -> date | None:
    return read_effect(parsed).effective_date


def replaced_numbers(parsed: ParsedDocument) -> list[str]:
    """Numbers of documents that the closing article declares no longer in force as a whole."""
    return [e.number for e in read_effect(parsed).ended if not e.anchors]


DERIVED_STATUS_NOTE = "Ngày có hiệu lực đọc từ chính văn bản; chưa đối chiếu với nguồn chính thức."


def status_from_dates(takes_effect: date | None, today: date | None = None) -> tuple[str, str]:
    """A first guess at the status from the text alone: never "in force" without a source (services.status
    decides what is shown); relations and official sources refine it."""
    from ..models import EffectStatus

    today = today or date.today()
    if takes_effect is None:
        return EffectStatus.UNKNOWN, ""
    if takes_effect > today:
        return EffectStatus.NOT_YET, DERIVED_STATUS_NOTE
    return EffectStatus.IN_FORCE, DERIVED_STATUS_NOTE
