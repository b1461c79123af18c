"""The lines before the first provision: issuer, number, place and date, type, title and preamble.

    QUỐC HỘI --------
    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
    Luật số: 91/2015/QH13
    Hà Nội, ngày 24 tháng 11 năm 2015
    BỘ LUẬT
    DÂN SỰ
    Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
    Quốc hội ban hành Bộ luật dân sự.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ...core.text import strip_diacritics
from .normalize import continues_sentence, is_upper_text, join_wrapped_lines, sentence_case

# Types of legal and administrative documents, as written in capitals above the title. Longest first
# so that "NGHỊ QUYẾT LIÊN TỊCH" wins over "NGHỊ QUYẾT" and "BỘ LUẬT" over "LUẬT".
DOC_TYPES = tuple(sorted((
    "HIẾN PHÁP", "BỘ LUẬT", "LUẬT", "PHÁP LỆNH", "LỆNH", "SẮC LỆNH", "SẮC LUẬT", "NGHỊ QUYẾT",
    "NGHỊ QUYẾT LIÊN TỊCH", "NGHỊ ĐỊNH", "QUYẾT ĐỊNH", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH", "CHỈ THỊ",
    "KẾ HOẠCH", "QUY CHẾ", "QUY ĐỊNH", "HƯỚNG DẪN", "THÔNG BÁO", "THÔNG CÁO", "CÔNG VĂN", "CÔNG ĐIỆN",
    "ĐỀ ÁN", "PHƯƠNG ÁN", "CHƯƠNG TRÌNH", "BÁO CÁO", "TỜ TRÌNH", "ĐIỀU LỆ",
), key=len, reverse=True))

# Orders that promulgate another document given right below them.
_PROMULGATING_TYPES = ("SẮC LỆNH", "LỆNH")

# A document number: 91/2015/QH13, 100/2019/NĐ-CP, 32/2001/PL-UBTVQH10, 21-LCT/HĐNN8, 18-L/CTN,
# 102-SL/L-004, 101-SL/L.003. It has a slash or dash followed by capitals; dates (25/12/2001) do not.
DOC_NUMBER = r"\d+[a-zđ]?(?:/\d{4})?[/-][A-ZĐ][A-ZĐa-zđ0-9]*(?:[/.-][A-ZĐ0-9][A-ZĐa-zđ0-9]*)*"
_CITED_NUMBER_RE = re.compile(rf"(?<![\w/-])({DOC_NUMBER})")

_DECORATION_RE = re.compile(r"\s*[-–—_*=·•~]{3,}\s*")
_MOTTO_RE = re.compile(r"^(?:CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM\b|^ĐỘC LẬP\s*[-–]\s*TỰ DO"
                       r"|^VIỆT NAM DÂN CHỦ CỘNG H[ÒO]À", re.IGNORECASE)
# The motto ending a line after the issuer, as a PDF laid out in two columns gives it: "QUỐC HỘI CỘNG HÒA XÃ
# HỘI CHỦ NGHĨA VIỆT NAM". Not "CỦA QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" (a title: the country).
_INDEPENDENCE = r"Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc"
_MOTTO_INSIDE_RE = re.compile(rf"(?<!NƯỚC)\s(?=(?:CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM(?:\s+{_INDEPENDENCE})?$"
                              rf"|{_INDEPENDENCE}$)")
# Lines naming the session that passed the law: "QUỐC HỘI NƯỚC CỘNG HOÀ ...", "Khóa XI, kỳ họp thứ 10",
# "(Từ ngày 17 tháng 10 đến ngày 29 tháng 11 năm 2006)", "CỦA QUỐC HỘI KHÓA XII, KỲ HỌP THỨ 5".
_SESSION_RE = re.compile(r"^(?:QUỐC HỘI NƯỚC\b|KH[OÓ][AÁ]\s+[IVXL]+|\(\s*TỪ NGÀY|(?:CỦA )?QUỐC HỘI KH[OÓ][AÁ])",
                         re.IGNORECASE)
# "Luật số: 91/2015/QH13", "Số: 100/2015/QH13", "Số:" (number on the next line), "Luật số: 73/2006/QH 11".
_NUMBER_LINE_RE = re.compile(r"^(?:[^\W\d_]+\s+){0,3}số\s*:?\s*(?P<number>\d[^\s,;]*(?:\s\d{1,2}\b)?)?",
                             re.IGNORECASE)
_BARE_NUMBER_RE = re.compile(rf"^(?P<number>{DOC_NUMBER})$")
# "Hà Nội, ngày 24 tháng 11 năm 2015", "Hà Nội, ngày03 tháng 12 năm 2004", "Hà Nội, Ngày 26 ...".
_DATE_RE = re.compile(r"ngày\s*(?P<day>\d{1,2})\s*tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})",
                      re.IGNORECASE)
_PLACE_RE = re.compile(r"^[^\W\d_][^\d,;:()]{0,40}$")
# A signed document's text layer before the signature fills them in: "Số: /QĐ-UBND", "Số: ..../KH-UBND",
# "Thành phố Huế, ngày tháng năm 2025". The values are in the signature (see parsing/signatures.py).
_BLANK = r"(?:\s|\.|…|_)*"
_BLANK_NUMBER_RE = re.compile(rf"^(?:[^\W\d_]+\s+){{0,3}}số\s*:{_BLANK}(?P<suffix>/(?:\d{{4}}/)?[A-ZĐ][\w.-]*(?:/[\w.-]+)?)\s*$",
                              re.IGNORECASE)
_BLANK_DATE_RE = re.compile(rf"ngày{_BLANK}tháng{_BLANK}năm\s*(?P<year>\d{{4}})\b", re.IGNORECASE)
# In old titles: "SỐ 18-L/CTN NGÀY 06/07/1993", "NGÀY 20-5-1957", "NGÀY 09 THÁNG 12 NĂM 2000".
_TITLE_NUMBER_RE = re.compile(rf"\bSỐ\s+({DOC_NUMBER})", re.IGNORECASE)
_TITLE_DATE_RE = re.compile(r"\bNGÀY\s+(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})\b", re.IGNORECASE)
# Metadata wrapped around the subject in old titles, removed to leave "DẦU KHÍ":
#   "SỐ 18-L/CTN NGÀY 06/07/1993 CỦA QUỐC HỘI VỀ DẦU KHÍ", "CỦA QUỐC HỘI ... NĂM 2000 VỀ KINH DOANH BẢO HIỂM",
#   "THUẾ SỬ DỤNG ĐẤT NÔNG NGHIỆP SỐ 23-L/CTN NGÀY 10/07/1993 CỦA QUỐC HỘI".
_TITLE_PREFIX_RE = re.compile(
    rf"^(?:(?:CỦA\s+QUỐC\s+HỘI\b.*?|SỐ\s+{DOC_NUMBER}.*?)\s+VỀ\s+"
    rf"|SỐ\s+{DOC_NUMBER}(?:\s+NGÀY\s+\S+(?:\s+THÁNG\s+\d+\s+NĂM\s+\d{{4}})?)?(?:\s+CỦA\s+QUỐC\s+HỘI)?\s+)",
    re.IGNORECASE)
_TITLE_SUFFIX_RE = re.compile(rf"\s+SỐ\s+{DOC_NUMBER}(?:\s+NGÀY\s+\S+)?(?:\s+CỦA\s+QUỐC\s+HỘI)?$", re.IGNORECASE)
# Uppercase lines after the type that are not part of the title.
_NOT_TITLE_RE = re.compile(r"^(?:CHỦ TỊCH|RA SẮC LỆNH|CĂN CỨ|QUỐC HỘI\b)", re.IGNORECASE)
# The enacting sentence gives the title in its official casing: "Quốc hội ban hành Luật Cảnh sát biển Việt Nam.",
# "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế số 25/2008/QH12 đã được ...".
_ENACTING_RE = re.compile(r"\bban hành\s+(?P<title>.+)$")
_MAX_TITLE_LINES = 5
# Types whose subject is a name, written with a capital: "Luật Đất đai"; but "Luật sửa đổi, bổ sung ...".
# The subject of the other types says what they do: "Nghị quyết về ...", "Nghị định quy định ...".
_NAMED_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Sắc luật")
_AMENDING_RE = re.compile(r"^sửa đổi\b", re.IGNORECASE)
# A law named inside a title: "của luật thuế giá trị gia tăng" -> "của Luật Thuế giá trị gia tăng", also
# after "và", a comma or "thi hành". Not "về luật thương mại" (the field of law), "luật sư", "luật này".
_LAW_NAME_RE = re.compile(r"(?P<before>(?:\b(?:của|và|hành)\s+|,\s*))(?P<law>bộ luật|luật)\s+"
                          r"(?!sư\b|gia\b|này\b)(?P<first>\w)")
_CAN_CU_RE = re.compile(r"căn cứ", re.IGNORECASE)
MISSING_ISSUER = "Không xác định được cơ quan ban hành."
MISSING_NUMBER = "Không tìm thấy số hiệu văn bản."

# Names that keep their capitals when a title written in capitals is put in sentence case.
PROPER_NOUNS = (
    "Việt Nam", "Quốc hội", "Chính phủ", "Hội đồng nhân dân", "Ủy ban nhân dân", "Uỷ ban nhân dân",
    "Tòa án nhân dân", "Toà án nhân dân", "Viện kiểm sát nhân dân", "Mặt trận Tổ quốc", "Công an nhân dân",
    "Quân đội nhân dân", "Ngân hàng Nhà nước", "Liên hợp quốc", "Liên hiệp quốc", "Hồ Chí Minh", "Hà Nội",
    "Cộng hòa xã hội chủ nghĩa", "Cộng hoà xã hội chủ nghĩa", "Huế", "Thừa Thiên Huế",
)
_PROPER_NOUN_RES = tuple((re.compile(rf"\b{re.escape(n)}\b", re.IGNORECASE), n) for n in PROPER_NOUNS)


@dataclass
class Header:
    issuer: str = ""
    number: str = ""
    doc_type: str = ""
    title: str = ""
    place: str = ""
    issue_date: date | None = None
    preamble: list[str] = field(default_factory=list)
    cited_numbers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    blank_number: str = ""             # "/QĐ-UBND" when the number is left blank for the signature
    blank_date_year: int | None = None  # 2025 in "ngày tháng năm 2025"


def strip_decoration(line: str) -> str:
    """'QUỐC HỘI --------' -> 'QUỐC HỘI'; a line of dashes or stars -> ''."""
    return _DECORATION_RE.sub(" ", line).strip()


def doc_type_of(line: str) -> str:
    """'BỘ LUẬT' -> 'BỘ LUẬT', 'LUẬT BƯU CHÍNH' -> 'LUẬT', anything else -> ''."""
    if not is_upper_text(line):
        return ""
    upper = line.upper()
    for doc_type in DOC_TYPES:
        if upper == doc_type or upper.startswith(doc_type + " "):
            return doc_type
    return ""


def cited_numbers(lines: list[str]) -> list[str]:
    """Numbers of the documents cited in the "Căn cứ ..." part of each line, in order, without repeats."""
    numbers: list[str] = []
    for line in lines:
        match = _CAN_CU_RE.search(line)
        if not match:
            continue
        for number in _CITED_NUMBER_RE.findall(line[match.start():]):
            if number not in numbers:
                numbers.append(number)
    return numbers


def parse_header(raw_lines: list[str]) -> Header:
    """Read the lines before the first provision."""
    lines = [cleaned for cleaned in map(strip_decoration, raw_lines) if cleaned]
    lines = [column for line in lines for column in _motto_columns(line)]
    header = Header()
    header.issuer, start = _issuer(lines)
    type_index = _doc_type_index(lines, start)
    subject_lines: list[str] = []
    title_end = None
    if type_index is not None:
        header.doc_type = sentence_case(doc_type_of(lines[type_index]))
        subject_lines, title_end = _subject_lines(lines, type_index)
    _read_metadata_and_preamble(header, lines, start, title_end)
    _fill_from_title_lines(header, subject_lines)
    header.preamble = join_wrapped_lines(header.preamble)
    header.title = _title(header.doc_type, subject_lines, header.preamble)
    header.cited_numbers = cited_numbers(header.preamble)
    _warn_missing(header)
    return header


def _read_metadata_and_preamble(header: Header, lines: list[str], start: int, title_end: int | None) -> None:
    """Number and date wherever they are; the other lines after the title (or all of them, when there is
    no title) are the preamble."""
    for index in range(start, len(lines)):
        line = lines[index]
        if _is_metadata(line):
            _read_metadata(header, line, lines, index)
        elif title_end is None or index > title_end:
            if not (_BARE_NUMBER_RE.match(line) and line == header.number):   # "Số:" then the number
                header.preamble.append(line)


def _motto_columns(line: str) -> list[str]:
    """'QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' -> ['QUỐC HỘI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']."""
    if _MOTTO_RE.search(line) or _SESSION_RE.match(line):
        return [line]   # the motto itself, or "QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    columns = _MOTTO_INSIDE_RE.split(line, maxsplit=1)
    if len(columns) == 2 and is_upper_text(columns[0]):
        return [column.strip() for column in columns]
    return [line]


def _issuer(lines: list[str]) -> tuple[str, int]:
    """The issuing body at the top ('QUỐC HỘI', 'ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ') and the index after it.
    The motto lines may come before it or between its lines (two columns read row by row)."""
    parts: list[str] = []
    index = 0
    while index < len(lines) and len(parts) < 3:
        line = lines[index]
        if not _MOTTO_RE.search(line):
            if not is_upper_text(line) or _is_metadata(line) or doc_type_of(line):
                break
            parts.append(line)
        index += 1
    return " ".join(parts), index


def _doc_type_index(lines: list[str], start: int) -> int | None:
    """The line giving the type ('BỘ LUẬT'); of two in a row ('SẮC LỆNH' then 'LUẬT SỐ ...') the second."""
    for index in range(start, len(lines)):
        if _CAN_CU_RE.match(lines[index]):
            return None
        doc_type = doc_type_of(lines[index])
        if doc_type:
            following = doc_type_of(lines[index + 1]) if index + 1 < len(lines) else ""
            if lines[index].upper() in _PROMULGATING_TYPES and following and following != doc_type:
                return index + 1  # "SẮC LỆNH" promulgating "LUẬT SỐ ...": the law is the document
            return index
    return None


def _subject_lines(lines: list[str], type_index: int) -> tuple[list[str], int]:
    """The title lines after the type ('DÂN SỰ'), and the index of the last one."""
    doc_type = doc_type_of(lines[type_index])
    rest = lines[type_index][len(doc_type):].strip()
    subject = [rest] if rest else []
    end = type_index
    for index in range(type_index + 1, min(len(lines), type_index + 1 + _MAX_TITLE_LINES)):
        line = lines[index]
        if _is_metadata(line) or _NOT_TITLE_RE.match(line) or (subject and doc_type_of(line)):
            break
        if not _continues_subject(subject, line):
            break
        subject.append(line)
        end = index
    return subject, end


def _continues_subject(subject: list[str], line: str) -> bool:
    """Capitals follow capitals. The subject of a decree or decision may be in mixed case: its first line,
    then the lines that carry on its sentence ('... an toàn giao thông' + 'trong lĩnh vực ...')."""
    if not subject:
        return is_upper_text(line) or (not line.endswith((".", ";", ":")) and len(line) <= 300)
    if is_upper_text(subject[-1]):
        return is_upper_text(line)
    return continues_sentence(subject[-1], line)


def _is_metadata(line: str) -> bool:
    return bool(_MOTTO_RE.search(line) or _SESSION_RE.match(line) or _number_in_line(line) is not None
                or _date_line(line) is not None or _BLANK_NUMBER_RE.match(line) or _blank_date_line(line))


def _blank_date_line(line: str) -> re.Match | None:
    match = _BLANK_DATE_RE.search(line)
    if not match or len(line) > 80:
        return None
    place = line[:match.start()].strip(" ,")
    return match if not place or _PLACE_RE.match(place) else None


def _number_in_line(line: str) -> str | None:
    """'Luật số: 91/2015/QH13' -> '91/2015/QH13'; 'Số:' -> ''; other lines -> None."""
    match = _NUMBER_LINE_RE.match(line)
    if not match or len(line) > 100 or _CAN_CU_RE.match(line):
        return None
    rest = line[match.end():].strip()
    if rest and not _DATE_RE.search(rest):
        return None  # "SỐ 18-L/CTN NGÀY 06/07/1993 CỦA QUỐC HỘI VỀ DẦU KHÍ" is a title
    number = match.group("number") or ""
    if not number and not line.endswith(":") and line.casefold() != "số":
        return None  # "CHUYỂN ĐỔI SỐ" ends a title; "Số:" announces a number on the next line
    return re.sub(r"\s+", "", number).rstrip(".")


def _date_line(line: str) -> tuple[str, date | None] | None:
    """'Hà Nội, ngày 24 tháng 11 năm 2015' -> ('Hà Nội', date(2015, 11, 24)); other lines -> None."""
    match = _DATE_RE.search(line)
    if not match or len(line) > 80 or _CAN_CU_RE.match(line):
        return None   # "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;" is part of the preamble
    place = line[:match.start()].strip(" ,")
    number_prefix = _NUMBER_LINE_RE.match(place)
    if number_prefix and number_prefix.group("number"):
        place = place[number_prefix.end():].strip(" ,")
    if place and not _PLACE_RE.match(place):
        return None
    return place, _safe_date(match)


def _safe_date(match: re.Match) -> date | None:
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


def _read_metadata(header: Header, line: str, lines: list[str], index: int) -> None:
    number = _number_in_line(line)
    if number is not None and not header.number:
        if not number and index + 1 < len(lines) and _BARE_NUMBER_RE.match(lines[index + 1]):
            number = lines[index + 1]  # "Số:" with the number on the next line
        header.number = number
    blank_number = _BLANK_NUMBER_RE.match(line)
    if blank_number and not header.number:
        header.blank_number = blank_number.group("suffix")
    blank_date = _blank_date_line(line)
    if blank_date and header.issue_date is None:
        header.blank_date_year = int(blank_date.group("year"))
        header.place = line[:blank_date.start()].strip(" ,")
    dated = _date_line(line)
    if dated is not None and header.issue_date is None:
        header.place, header.issue_date = dated
        if header.issue_date is None:
            header.warnings.append(f"Ngày ban hành không hợp lệ: “{line}”.")


def _fill_from_title_lines(header: Header, subject_lines: list[str]) -> None:
    """Old titles carry the number and date: 'SỐ 18-L/CTN NGÀY 06/07/1993 CỦA QUỐC HỘI VỀ DẦU KHÍ'."""
    text = " ".join(subject_lines)
    if not header.number:
        match = _TITLE_NUMBER_RE.search(text)
        if match:
            header.number = match.group(1)
    if header.issue_date is None:
        match = _TITLE_DATE_RE.search(text) or _DATE_RE.search(text)
        if match:
            header.issue_date = _safe_date(match)


def _title(doc_type: str, subject_lines: list[str], preamble: list[str]) -> str:
    subject = _TITLE_SUFFIX_RE.sub("", _TITLE_PREFIX_RE.sub("", " ".join(subject_lines))).strip()
    if not doc_type:
        return ""
    if not subject:
        return doc_type
    official = _official_subject(doc_type, subject, preamble)
    if official:
        return f"{doc_type} {_first_letter_cased(doc_type, official)}"
    if is_upper_text(subject):
        subject = restore_proper_nouns(capitalise_law_names(subject.lower()))
        return f"{doc_type} {_first_letter_cased(doc_type, subject)}"
    if doc_type in _NAMED_TYPES:
        return f"{doc_type} {subject[:1].upper()}{subject[1:]}"   # mixed case: as the document writes it
    return f"{doc_type} {restore_proper_nouns(subject[:1].lower() + subject[1:])}"   # "Quyết định về việc …"


def _official_subject(doc_type: str, subject: str, preamble: list[str]) -> str:
    """The subject as the enacting sentence writes it, if that sentence names the same document; what
    follows the title there (its number, the laws that amended it) is left out."""
    wanted = _folded(f"{doc_type} {subject}")
    for line in preamble:
        match = _ENACTING_RE.search(line)
        if not match:
            continue
        named = match.group("title")
        if _folded(named).startswith(wanted) and not named[len(wanted):len(wanted) + 1].isalnum():
            return named[len(doc_type):len(wanted)].strip()
    return ""


def _folded(text: str) -> str:
    """Without marks and case, one character for one: positions in the result are positions in `text`."""
    return strip_diacritics(text).casefold()


def _first_letter_cased(doc_type: str, subject: str) -> str:
    if doc_type in _NAMED_TYPES and not _AMENDING_RE.match(subject):
        return subject[:1].upper() + subject[1:]
    return subject


def capitalise_law_names(text: str) -> str:
    """'sửa đổi ... của luật thuế giá trị gia tăng' -> 'sửa đổi ... của Luật Thuế giá trị gia tăng'."""
    return _LAW_NAME_RE.sub(lambda m: f"{m['before']}{m['law'].capitalize()} {m['first'].upper()}", text)


def restore_proper_nouns(text: str) -> str:
    """'luật bầu cử đại biểu quốc hội' -> 'luật bầu cử đại biểu Quốc hội'."""
    for pattern, name in _PROPER_NOUN_RES:
        text = pattern.sub(name, text)
    return text


def _warn_missing(header: Header) -> None:
    if not header.issuer:
        header.warnings.append(MISSING_ISSUER)
    if not header.number and not header.blank_number:   # a blank for the signature: see signatures.py
        header.warnings.append(MISSING_NUMBER)
    if not header.doc_type:
        header.warnings.append("Không xác định được loại và tên văn bản.")
