"""Amending instructions -> provision-level changes.

    Điều 1. Sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng        <- which document
    1. Sửa đổi, bổ sung một số khoản của Điều 5 như sau:                       <- which article
    a) Sửa đổi, bổ sung khoản 1 như sau:  “1. …”                               <- SUBSTITUTE dieu-5-khoan-1
    3. Bãi bỏ khoản 3 Điều 12 và điểm c khoản 9 Điều 15.                       <- REPEAL two provisions
    Bổ sung khoản 1a vào sau khoản 1 Điều 5 như sau: “1a. …”                   <- INSERT dieu-5-khoan-1a
    Thay cụm từ “A” bằng cụm từ “B” tại khoản 4 Điều 100                       <- REPLACE_WORDS

Each instruction is read with what its ancestors say (the document, the article). What cannot be read
with certainty (several targets whose new texts cannot be told apart, a renamed heading, a renumbering)
is returned as UnreadInstruction for an editor: never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core.text import strip_diacritics
from .anchors import number_slug
from .model import ARTICLE, CLAUSE, POINT, ParsedDocument, ParsedNode
from .references import reference_anchors

SUBSTITUTE, INSERT, REPEAL, REPLACE_WORDS = "sua-doi", "bo-sung", "bai-bo", "thay-cum-tu"

_NUMBER = r"\d+[a-zđ]?(?:/\d{4})?[/-][0-9A-ZĐa-zđ-]+(?:/[0-9A-ZĐa-zđ-]+)?"
_TYPES = r"(?:Bộ luật|Luật|Nghị định|Nghị quyết|Pháp lệnh|Quyết định|Thông tư(?: liên tịch)?)"
# "của Luật Giao thông đường bộ số 23/2008/QH12", "Luật Thuế giá trị gia tăng số 48/2024/QH15"
_NAMED_WITH_NUMBER = re.compile(rf"({_TYPES}\s+[^,;.:“”]*?)\s+số\s+({_NUMBER})")
_NUMBER_ONLY = re.compile(rf"{_TYPES}\s+số\s+({_NUMBER})")
# "một số điều của Luật Thuế giá trị gia tăng" (no number: matched against the names written elsewhere)
_NAMED = re.compile(rf"\bcủa\s+({_TYPES}\s+[^,;.:“”]+?)(?=\s+(?:như sau|đã được|số)\b|\s*[,;.:]|$)")
_AMENDED_BY = re.compile(r"\b(?:đã\s+)?được\s+sửa\s+đổi(?:,\s*bổ\s+sung)?\s+(?:một\s+số\s+điều\s+)?(?:theo|bởi|tại)\b",
                         re.IGNORECASE)
_AMENDERS_TAIL = re.compile(r"\s*,?\s*(?:đã\s+)?được\s+sửa\s+đổi(?:,\s*bổ\s+sung)?\s+(?:một\s+số\s+điều\s+)?(?:theo|bởi|tại)\b"
                            r".*?(?=\s+như sau\b|$)", re.IGNORECASE)
_OWN = re.compile(r"\b(?:Luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Bộ luật|Pháp lệnh)\s+này\b", re.IGNORECASE)

_AS_FOLLOWS = r"\s*(?:như sau|thành|bằng)?\s*:?\s*$"
_SUBSTITUTE_RE = re.compile(r"^(?:Sửa đổi(?:,\s*bổ sung)?|Sửa|Thay thế)\s+(?P<where>.+?)(?:\s+như sau)?\s*:?\s*$",
                            re.IGNORECASE)
_PASSIVE_RE = re.compile(r"^(?P<where>(?:Điều|Khoản|Điểm|Các|Mục|Chương)\b.+?)\s+(?:được|đã được)\s+sửa đổi"
                         r"(?:,\s*bổ sung)?(?:\s+như sau)?\s*:?\s*$", re.IGNORECASE)
_INSERT_RE = re.compile(r"^Bổ sung\s+(?P<what>(?:các\s+)?(?:khoản|điểm|Điều|điều)\s+.+?)\s+vào\s+(?P<position>sau|trước|cuối)?"
                        r"\s*(?P<where>.+?)(?:\s+như sau)?\s*:?\s*$", re.IGNORECASE)
_REPEAL_RE = re.compile(r"^(?:Bãi bỏ|Bỏ|Hủy bỏ|Huỷ bỏ)\s+(?P<where>(?:các\s+|một số\s+)?(?:điểm|khoản|Điều|điều)\b.+?)"
                        r"\s*[.;]?\s*$", re.IGNORECASE)
_WORDS_RE = re.compile(r"^(?:Thay thế|Thay|Bỏ|Sửa)\s+(?:các\s+|một số\s+)?(?:cụm\s+)?từ\s+“(?P<old>[^”]+)”"
                       r"(?:\s+bằng\s+(?:cụm\s+)?(?:từ\s+)?“(?P<new>[^”]+)”)?\s+(?:tại|ở|trong)\s+(?P<where>.+?)"
                       r"(?:\s+thành\s+(?:cụm\s+)?(?:từ\s+)?“(?P<then>[^”]+)”)?\s*[.;]?\s*$", re.IGNORECASE)
_REMOVED_WORDS_RE = re.compile(r"^Bỏ\s+(?P<words>(?:(?:,|và)?\s*(?:các\s+)?(?:cụm\s+)?từ\s+“[^”]+”\s*){2,})(?:tại|ở|trong)\s+"
                               r"(?P<where>.+?)\s*[.;]?\s*$", re.IGNORECASE)
_CONTEXT_ONLY_RE = re.compile(r"\b(?:một số|các)\s+(?:điều|khoản|điểm)\b", re.IGNORECASE)
_VERB_RE = re.compile(r"^(?:Sửa đổi|Sửa|Bổ sung|Bãi bỏ|Bỏ|Hủy bỏ|Huỷ bỏ|Đổi tên)\b"
                      r"|^Thay(?:\s+thế)?\s+(?:các\s+|một số\s+)?(?:cụm\s+)?từ\b"
                      r"|^Thay thế\s+(?:Điều|khoản|điểm|các|một số)\b"
                      r"|^(?:Điều|Khoản|Điểm|Tên)\b.{0,120}\bđược\s+(?:sửa đổi|bổ sung|thay thế|bãi bỏ|thay)",
                      re.IGNORECASE)
# An instruction names what it changes: a provision by number, words in quotes, or "một số điều của …".
_NAMES_TARGET = re.compile(r"\b(?:Điều|khoản|điểm|Chương|Mục)\s+(?:\d|[IVXLC]+\b|[a-zđ](?![^\W\d_]))|cụm từ|\btừ\s+“"
                           r"|\b(?:một số|các)\s+(?:điều|khoản|điểm)\b", re.IGNORECASE)
_ARTICLE_IN = re.compile(r"\bĐiều\s+(\d+[a-zđ]?)(?![^\W\d_])", re.IGNORECASE)
_CLAUSE_IN = re.compile(r"\bkhoản\s+(\d+[a-zđ]?)(?![^\W\d_])\s+Điều\s+(\d+[a-zđ]?)", re.IGNORECASE)
_LABEL_RE = {ARTICLE: re.compile(r"^Điều\s+(\d+[a-zđ]?)\s*[.:]"), CLAUSE: re.compile(r"^(\d+[a-zđ]?)\s*\."),
             POINT: re.compile(r"^([a-zđ](?:\d)?)\s*\)")}
_DANGLING_END = re.compile(r"\b(?:số|của|tại|theo|và)\s*$|,\s*$", re.IGNORECASE)
_QUOTES = "“”\"„«»"
_OWN_PROVISION = re.compile(r"(?:(?:điểm|khoản|Điều|Mục|Chương)\s+\S+\s+)*(?:điểm|khoản|Điều|Mục|Chương)\s+này\b",
                            re.IGNORECASE)


@dataclass
class DocumentRef:
    number: str = ""
    title: str = ""            # "Luật Thuế giá trị gia tăng" when the number is not written there

    def __bool__(self) -> bool:
        return bool(self.number or self.title)


@dataclass
class ParsedChange:
    kind: str
    source_anchor: str          # the amending provision
    target: DocumentRef
    target_anchor: str          # the provision changed; for INSERT the new one
    instruction: str
    new_text: str = ""          # SUBSTITUTE, INSERT: the new wording, as quoted, without the marks
    after_anchor: str = ""      # INSERT: the provision it follows ("" = at the end of its parent)
    old_words: str = ""         # REPLACE_WORDS
    new_words: str = ""         # REPLACE_WORDS ("" = the words are removed)


@dataclass
class UnreadInstruction:
    source_anchor: str
    instruction: str
    reason: str


@dataclass
class Changes:
    changes: list[ParsedChange] = field(default_factory=list)
    unread: list[UnreadInstruction] = field(default_factory=list)


@dataclass
class _Context:
    target: DocumentRef
    article: str = ""          # "5" when "… một số khoản của Điều 5"
    clause: str = ""           # "2" with article, for points


def read_changes(parsed: ParsedDocument) -> Changes:
    """Every amending instruction of `parsed`, read into changes or listed as unread."""
    names = _named_numbers(parsed)
    default = _default_target(parsed, names)
    found = Changes()
    for node in parsed.body:
        _walk(node, _Context(target=default), names, found)
    return found


def _walk(node: ParsedNode, context: _Context, names: dict[str, str], found: Changes) -> None:
    instruction, rest = _instruction_of(node)
    if instruction:
        context = _narrow(context, instruction, names)
        if rest and is_instruction(rest[0]) and not node.children:
            # "Điều 249. Sửa đổi khoản 3 Điều 6 của Luật X số …" then "Sửa đổi, bổ sung khoản 3 Điều 6 như sau:"
            instruction, rest = rest[0].strip(), rest[1:]
            context = _narrow(context, instruction, names)
        if not _only_context(instruction) and (rest or not node.children or _ends_sentence(instruction)):
            _read_instruction(node, instruction, rest, context, found)
    for child in node.children:
        _walk(child, context, names, found)


def _instruction_of(node: ParsedNode) -> tuple[str, list[str]]:
    """The node's instruction sentence (an article's heading or a clause's first line) and the lines after."""
    lines = [line for line in node.text.split("\n") if line.strip()]
    if node.kind == ARTICLE:
        heading = node.heading.strip()
        # A heading wrapped by the PDF: "… của Luật Thi hành án dân sự số" + "26/2008/QH12 đã được …".
        while lines and _DANGLING_END.search(heading) and not is_instruction(lines[0]):
            heading, lines = f"{heading} {lines[0].strip()}", lines[1:]
        return (heading, lines) if is_instruction(heading) else ("", [])
    if lines and is_instruction(lines[0]):
        return lines[0].strip(), lines[1:]
    return "", []


def is_instruction(line: str) -> bool:
    """'Sửa đổi, bổ sung khoản 3 Điều 7 như sau:', 'Bãi bỏ Điều 5.' — not 'Thay đổi địa vị tố tụng' (a heading)
    nor 'Sửa đổi … quy định tại khoản 2 Điều này' (the document's own provisions)."""
    if not _VERB_RE.match(line):
        return False
    others = _OWN_PROVISION.sub("", line)
    return bool(_NAMES_TARGET.search(others))


def _only_context(instruction: str) -> bool:
    """'Sửa đổi, bổ sung một số điều của Luật X', 'Sửa đổi, bổ sung Luật Đầu tư số …': its children act."""
    instruction = _without_amenders(instruction)
    if _CONTEXT_ONLY_RE.search(instruction) and "cụm từ" not in instruction.split("tại")[0].lower():
        return True
    return not _NAMES_TARGET.search(_OWN_PROVISION.sub("", _NAMED_WITH_NUMBER.sub("", instruction)))


def _without_amenders(text: str) -> str:
    """'… số 23/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 35/2018/QH14 như sau:' without
    the list of laws that amended the target before ("một số điều" there is not this instruction's)."""
    return _AMENDERS_TAIL.sub("", text)


def _ends_sentence(instruction: str) -> bool:
    return instruction.rstrip().endswith((".", ";"))


def _narrow(context: _Context, instruction: str, names: dict[str, str]) -> _Context:
    """The context for this instruction and its children: a document or article it names."""
    target = _document_named(instruction, names) or context.target
    article, clause = context.article, context.clause
    if _CONTEXT_ONLY_RE.search(_without_amenders(instruction)):
        clause_match = _CLAUSE_IN.search(instruction)
        article_match = _ARTICLE_IN.search(instruction)
        if clause_match:
            clause, article = clause_match.group(1), clause_match.group(2)
        elif article_match:
            article, clause = article_match.group(1), ""
    if target != context.target:
        article, clause = ("", "") if not _CONTEXT_ONLY_RE.search(_without_amenders(instruction)) else (article, clause)
    return _Context(target=target, article=article, clause=clause)


def _document_named(text: str, names: dict[str, str]) -> DocumentRef | None:
    """The document an instruction names: "… của Luật Quy hoạch số 21/2017/QH14 đã được sửa đổi, bổ sung …
    theo Luật số 15/2023/QH15" names the first; the amending laws after "đã được sửa đổi" are not it."""
    without_own = _AMENDED_BY.split(_OWN.sub("", text), 1)[0]
    found = [m for m in (_NAMED_WITH_NUMBER.search(without_own), _NUMBER_ONLY.search(without_own)) if m]
    if found:
        first = min(found, key=lambda m: m.start())
        if first.re is _NAMED_WITH_NUMBER:
            return DocumentRef(number=first.group(2), title=first.group(1).strip())
        return DocumentRef(number=first.group(1))
    named = _NAMED.search(without_own)
    if named:
        title = named.group(1).strip()
        return DocumentRef(number=names.get(_folded(title), ""), title=title)
    return None


def _named_numbers(parsed: ParsedDocument) -> dict[str, str]:
    """Folded document names -> numbers, from every "Luật X số N" written in the document."""
    names: dict[str, str] = {}
    texts = [*parsed.preamble, parsed.title] + [n.heading + "\n" + n.text for n in parsed.walk()]
    for text in texts:
        for match in _NAMED_WITH_NUMBER.finditer(text):
            names.setdefault(_folded(match.group(1)), match.group(2))
    return names


def _default_target(parsed: ParsedDocument, names: dict[str, str]) -> DocumentRef:
    """The document amended, as the title or the enacting sentence names it ("Luật sửa đổi, bổ sung một số
    điều của Luật Thuế giá trị gia tăng số 48/2024/QH15"), when it names exactly one."""
    for text in [*reversed(parsed.preamble), parsed.title]:
        if "sửa đổi" in text.lower():
            named = _document_named(text, names)
            if named:
                return named
    return DocumentRef()


def _folded(text: str) -> str:
    return " ".join(strip_diacritics(text).lower().replace("đ", "d").split())


def _anchors(where: str, context: _Context) -> list[str]:
    """Provisions named in `where`; "khoản 1" alone belongs to the article of the context."""
    where = _OWN.split(where)[0]
    anchors = reference_anchors(where)
    if anchors or not context.article:
        return anchors
    suffix = f" khoản {context.clause} Điều {context.article}" if context.clause and "khoản" not in where.lower() \
        else f" Điều {context.article}"
    return reference_anchors(where + suffix)


def _read_instruction(node: ParsedNode, instruction: str, rest: list[str], context: _Context,
                      found: Changes) -> None:
    def unread(reason: str) -> None:
        found.unread.append(UnreadInstruction(node.anchor, instruction, reason))

    if not context.target:   # a document amending others names them; without one this is no amendment
        return None
    for reader in (_read_words, _read_repeal, _read_insert, _read_substitute):
        outcome = reader(node, instruction, rest, context)
        if outcome is None:
            continue
        if isinstance(outcome, str):
            return unread(outcome)
        found.changes.extend(outcome)
        return None
    return unread("chưa đọc được loại chỉ dẫn sửa đổi này")


def _read_words(node, instruction, rest, context):
    removed = _REMOVED_WORDS_RE.match(instruction)
    if removed:
        anchors = _anchors(removed["where"], context)
        words = re.findall(r"“([^”]+)”", removed["words"])
        if not anchors or not words:
            return "không xác định được điều khoản có cụm từ bị bỏ"
        return [ParsedChange(REPLACE_WORDS, node.anchor, context.target, anchor, instruction, old_words=word.strip())
                for anchor in anchors for word in words]
    match = _WORDS_RE.match(instruction)
    if not match:
        return None
    anchors = _anchors(match["where"], context)
    if not anchors:
        return "không xác định được điều khoản có cụm từ được thay"
    return [ParsedChange(REPLACE_WORDS, node.anchor, context.target, anchor, instruction,
                         old_words=match["old"].strip(), new_words=(match["new"] or match["then"] or "").strip())
            for anchor in anchors]


def _read_repeal(node, instruction, rest, context):
    match = _REPEAL_RE.match(instruction)
    if not match or "cụm từ" in instruction.lower():
        return None
    anchors = _anchors(match["where"], context)
    if not anchors:
        return "không xác định được điều khoản bị bãi bỏ"
    return [ParsedChange(REPEAL, node.anchor, context.target, anchor, instruction) for anchor in anchors]


def _read_insert(node, instruction, rest, context):
    match = _INSERT_RE.match(instruction)
    if not match:
        return None
    if re.search(r"\bsửa đổi\b", match["what"], re.IGNORECASE):
        return "chỉ dẫn vừa sửa đổi vừa bổ sung: cần tách thủ công"
    where = match["where"] or ""
    after = _anchors(where, context) if match["position"] in ("sau", None) and where else []
    parent = _Context(context.target, *_parent_numbers(after[0] if after else "", where, context))
    new = _anchors(match["what"], parent)
    if not new:
        return "không xác định được điều khoản được bổ sung"
    texts = _split_new_texts(rest, new)
    if texts is None:
        return "không tách được nội dung của từng điều khoản được bổ sung"
    changes, previous = [], after[-1] if after and match["position"] != "trước" else ""
    for anchor, text in zip(new, texts):
        changes.append(ParsedChange(INSERT, node.anchor, context.target, anchor, instruction, new_text=text,
                                    after_anchor=previous))
        previous = anchor
    return changes


def _parent_numbers(after_anchor: str, where: str, context: _Context) -> tuple[str, str]:
    """(article, clause) where an inserted provision goes: from the provision it follows, else the context."""
    found = re.match(r"dieu-([0-9a-z]+)(?:-khoan-([0-9a-z]+))?", after_anchor)
    if found:
        return found.group(1), found.group(2) or ""
    in_where = _CLAUSE_IN.search(where)
    if in_where:
        return in_where.group(2), in_where.group(1)
    article = _ARTICLE_IN.search(where)
    return (article.group(1), "") if article else (context.article, context.clause)


def _read_substitute(node, instruction, rest, context):
    match = _SUBSTITUTE_RE.match(instruction) or _PASSIVE_RE.match(instruction)
    if not match:
        return None
    where = match["where"]
    if re.match(r"^(?:tên|tiêu đề)\b", where, re.IGNORECASE) or re.search(r"\b(?:tên|tiêu đề) (?:của )?(?:Điều|Chương|Mục)\b",
                                                                      where, re.IGNORECASE):
        return "sửa đổi tên điều, chương hoặc mục: cần biên tập viên áp dụng"
    if re.search(r"\bbổ sung\s+(?:khoản|điểm|Điều)\b.*\bvào\b", where, re.IGNORECASE):
        return "chỉ dẫn vừa sửa đổi vừa bổ sung: cần tách thủ công"
    if not rest:
        return None if not re.search(r"như sau\s*:?\s*$", instruction) else "không có nội dung mới sau chỉ dẫn"
    anchors = _anchors(where, context)
    if not anchors:
        return "không xác định được điều khoản được sửa đổi"
    texts = _split_new_texts(rest, anchors)
    if texts is None:
        return "không tách được nội dung mới của từng điều khoản được sửa đổi"
    return [ParsedChange(SUBSTITUTE, node.anchor, context.target, anchor, instruction, new_text=text)
            for anchor, text in zip(anchors, texts)]


def _split_new_texts(lines: list[str], anchors: list[str]) -> list[str] | None:
    """The new wording for each anchor: all of it for one, else cut at each anchor's own label."""
    text = _unquote(lines)
    if not text:
        return None
    if len(anchors) == 1:
        return [text]
    kind = _kind_of(anchors[0])
    labels = [_label_of(anchor) for anchor in anchors]
    parts: list[list[str]] = []
    for line in text.split("\n"):
        label = _LABEL_RE[kind].match(line)
        if label and len(parts) < len(labels) and number_slug(label.group(1)) == labels[len(parts)]:
            parts.append([line])
        elif parts:
            parts[-1].append(line)
        else:
            return None
    return ["\n".join(part) for part in parts] if len(parts) == len(labels) else None


def _kind_of(anchor: str) -> str:
    return POINT if "-diem-" in anchor else CLAUSE if "-khoan-" in anchor else ARTICLE


def _label_of(anchor: str) -> str:
    return anchor.rsplit("-", 1)[-1]


def _unquote(lines: list[str]) -> str:
    """The quoted new wording: opening and closing marks and the trailing '.', ';' or ',' removed."""
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return ""
    lines[0] = lines[0].lstrip(_QUOTES + " ")
    last = lines[-1].rstrip(" .;,")
    lines[-1] = last[:-1].rstrip() if last.endswith(tuple(_QUOTES)) else lines[-1]
    return "\n".join(line for line in lines if line)

