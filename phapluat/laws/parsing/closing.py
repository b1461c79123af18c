"""The lines after the last provision: the adoption sentence, the signature block and any appendix.

    Luật này đã được Quốc hội ... khóa XIII, kỳ họp thứ 10 thông qua ngày 24 tháng 11 năm 2015./.
    CHỦ TỊCH QUỐC HỘI
    Nguyễn Sinh Hùng
    PHỤ LỤC ...

Decrees and decisions have no adoption sentence but a "Nơi nhận:" list next to the signature.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .lines import LineMatch, classify_line
from .model import ARTICLE
from .normalize import is_upper_text

# "Luật này đã được Quốc hội nước ... thông qua ngày ...", "Bộ luật này được Quốc hội ... thông qua";
# the sentence may be wrapped over a few lines.
_ADOPTION_START_RE = re.compile(
    r"^(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Hiến pháp)(?: này)?(?: đã)? được\s+(?:Quốc hội|Ủy ban thường vụ"
    r"|Uỷ ban thường vụ|Hội đồng)", re.IGNORECASE)
_ADOPTED_RE = re.compile(r"thông qua|biểu quyết", re.IGNORECASE)
_ADOPTION_MAX_LINES = 3
_ADOPTED_ON_RE = re.compile(r"(?:thông qua|biểu quyết)[^0-9]*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})",
                            re.IGNORECASE)
_RECIPIENTS_RE = re.compile(r"^Nơi nhận\s*:?\s*(.*)$", re.IGNORECASE)
# The recipients are a list: "- Như Điều 3;", "- Lưu: VT, PC." (on the same line when a table was flattened).
_RECIPIENT_ITEM_RE = re.compile(r"^(?:[-+•–]|Như\b|Lưu\b)", re.IGNORECASE)
_SIGNED_RE = re.compile(r"^[(\[]?\s*(?:đã ký|ký tên|ký, đóng dấu|đã ký và đóng dấu)[^)\]]*[)\]]?\s*$", re.IGNORECASE)
# Words found in the signer's position: "CHỦ TỊCH QUỐC HỘI", "TM. CHÍNH PHỦ", "KT. BỘ TRƯỞNG", "THỦ TƯỚNG".
_POSITION_RE = re.compile(r"\b(?:CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|TM\.|KT\.|TL\.|TUQ\.|Q\.|GIÁM ĐỐC"
                          r"|CHÁNH ÁN|VIỆN TRƯỞNG|THỐNG ĐỐC|TỔNG KIỂM TOÁN|TỔNG THƯ KÝ|CHÁNH VĂN PHÒNG"
                          r"|TRƯỞNG BAN|PHÓ)\b")
_APPENDIX_RE = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ\s+|số\s+)?[IVXLC\d]+)?\s*[.:]?$")
_NAME_WORD_RE = re.compile(r"^[^\W\d_][^\W\d_]*$")


@dataclass
class Closing:
    body_end: int                 # index of the first line that is not part of the provisions
    adoption_statement: str = ""
    signature: str = ""
    signer: str = ""
    appendix: str = ""
    adopted_on: date | None = None


def split_closing(lines: list[str], quoted: list[bool], matches: list[LineMatch | None],
                  body_start: int) -> Closing:
    """Find where the provisions end in `lines` and read what follows them.

    `matches` holds classify_line() of each line, `quoted` whether it is quoted material.
    """
    last_article = _last_article_line(lines, quoted, matches, body_start)
    adoption = _find(lines, quoted, last_article + 1, _is_adoption)
    if adoption is not None:
        end = _adoption_end(lines, adoption)
        statement = " ".join(lines[adoption:end])
        closing = Closing(body_end=adoption, adoption_statement=statement, adopted_on=adopted_on(statement))
        _read_signature(closing, lines, end)
        return closing
    start = _find(lines, quoted, last_article + 1, _starts_signature)
    if start is not None:
        closing = Closing(body_end=start)
        _read_signature(closing, lines, start)
        return closing
    appendix = _find(lines, quoted, last_article + 1, lambda ls, i: bool(_APPENDIX_RE.match(ls[i])))
    if appendix is not None:
        return Closing(body_end=appendix, appendix="\n".join(lines[appendix:]))
    return Closing(body_end=len(lines))


def _last_article_line(lines: list[str], quoted: list[bool], matches: list[LineMatch | None],
                       body_start: int) -> int:
    """The last article heading before any signature; an appendix may carry its own articles."""
    last = body_start
    for index in range(body_start, len(lines)):
        if quoted[index]:
            continue
        match = matches[index]
        if match is not None and match.kind == ARTICLE:
            if not match.loose:
                last = index
        elif lines[index][:1] in "LBPHNn" and (_is_adoption(lines, index) or is_recipients(lines, index)):
            break
    return last


def _find(lines: list[str], quoted: list[bool], start: int, predicate) -> int | None:
    for index in range(start, len(lines)):
        if not quoted[index] and predicate(lines, index):
            return index
    return None


def _is_adoption(lines: list[str], index: int) -> bool:
    if not _ADOPTION_START_RE.match(lines[index]):
        return False
    return bool(_ADOPTED_RE.search(" ".join(lines[index:index + _ADOPTION_MAX_LINES])))


def _adoption_end(lines: list[str], start: int) -> int:
    """The index after the adoption sentence that starts at `start` (it may be wrapped)."""
    end = start + 1
    while (end < len(lines) and end - start < _ADOPTION_MAX_LINES
           and not lines[end - 1].rstrip("/").endswith(".") and not _ADOPTED_ON_RE.search(lines[end - 1])):
        end += 1
    return end


def adopted_on(line: str) -> date | None:
    """The date in '... thông qua ngày 24 tháng 11 năm 2015', if any."""
    match = _ADOPTED_ON_RE.search(line)
    if not match:
        return None
    day, month, year = (int(group) for group in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_name(line: str) -> bool:
    """'Nguyễn Sinh Hùng' and other personal names: two to six capitalised words, nothing else."""
    words = line.split()
    return 2 <= len(words) <= 6 and len(line) <= 50 and all(
        _NAME_WORD_RE.match(word) and word[0].isupper() and word[1:].islower() for word in words)


def is_recipients(lines: list[str], index: int) -> bool:
    """'Nơi nhận:' opening the list of recipients beside the signature. The words alone are not enough: a
    table inside an article may have a column "Nơi nhận", a clause may start "Nơi nhận hồ sơ: ..."."""
    match = _RECIPIENTS_RE.match(lines[index])
    if not match:
        return False
    rest = match.group(1).strip()
    if rest:
        return bool(_RECIPIENT_ITEM_RE.match(rest))
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(_RECIPIENT_ITEM_RE.match(following)) or _is_position(following)


def _is_position(line: str) -> bool:
    return is_upper_text(line) and len(line) <= 80 and bool(_POSITION_RE.search(line)) and classify_line(line) is None


def _starts_signature(lines: list[str], index: int) -> bool:
    line = lines[index]
    if is_recipients(lines, index) or _is_position(line):
        return True
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return is_name(line) and (not following or bool(_SIGNED_RE.match(following)) or _is_position(following))


def _is_signature_line(line: str, in_recipients: bool, seen_name: bool) -> bool:
    if in_recipients and line.startswith(("-", "+", "•", "Lưu")):
        return True
    if _RECIPIENTS_RE.match(line) or _SIGNED_RE.match(line) or is_name(line):
        return True
    # Capitals are the signer's position; after a name only another position continues the block.
    return _is_position(line) or (not seen_name and is_upper_text(line) and len(line) <= 80
                                  and not _APPENDIX_RE.match(line))


def _read_signature(closing: Closing, lines: list[str], start: int) -> None:
    """Signature lines from `start`; whatever follows them is the appendix."""
    end = start
    in_recipients = seen_name = False
    while end < len(lines) and _is_signature_line(lines[end], in_recipients, seen_name):
        in_recipients = in_recipients or bool(_RECIPIENTS_RE.match(lines[end]))
        seen_name = seen_name or is_name(lines[end])
        end += 1
    block = lines[start:end]
    closing.signature = "\n".join(block)
    closing.signer = next((line for line in reversed(block) if is_name(line)), "")
    closing.appendix = "\n".join(lines[end:])
