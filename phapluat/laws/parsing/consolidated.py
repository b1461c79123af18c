"""Văn bản hợp nhất ("Số: 111/VBHN-VPQH"): what a consolidation adds to the text it reproduces, read apart so
that the rest of the parser sees the provisions alone.

    LUẬT
    THUẾ TIÊU THỤ ĐẶC BIỆT
    Luật Thuế tiêu thụ đặc biệt số 66/2025/QH15 ngày 14 tháng 6 năm 2025 của Quốc hội, có hiệu lực thi hành
    kể từ ngày 01 tháng 01 năm 2026, được sửa đổi, bổ sung bởi:
    Luật số 09/2026/QH16 ngày 24 tháng 4 năm 2026 của Quốc hội sửa đổi, bổ sung ..., có hiệu lực ...
    Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
    Quốc hội ban hành Luật Thuế tiêu thụ đặc biệt.[1]
    ...
    g)[2] Xe có gắn động cơ dưới 24 chỗ chạy điện
    ...
    VĂN PHÒNG QUỐC HỘI          XÁC THỰC VĂN BẢN HỢP NHẤT
    Số: 111/VBHN-VPQH           Hà Nội, ngày 20 tháng 5 năm 2026
                                CHỦ NHIỆM
                                Lê Quang Mạnh
    [1] Luật số 09/2026/QH16 ... có căn cứ ban hành như sau: “Căn cứ ...”.
    [2] Điểm này được sửa đổi, bổ sung theo quy định tại Điều 4 của Luật số 09/2026/QH16 ...

- The preamble paragraph names the consolidated document and the amending ones (a Consolidation).
- The authentication block ("XÁC THỰC VĂN BẢN HỢP NHẤT") gives the text's own number, issuer, date and signer;
  copies from the web put the issuer, number and date at the top, as other documents do.
- Footnotes become notes of the provision that cites them. Web and Word copies cite them as "[2]", the Công
  báo's text layer as a bare raised "2"; their text comes after the signature or at the foot of each page.

The amending laws' closing articles are quoted in footnotes ("Điều 5. Hiệu lực thi hành ..."). They are not
this text's: a consolidated text has no legal force of its own, so services.documents never reads its effect.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .closing import is_name
from .header import DOC_NUMBER, MISSING_ISSUER, MISSING_NUMBER
from .lines import classify_line, opens_structure
from .model import Consolidation, ListedDocument, Note, ParsedDocument, ParsedNode
from .normalize import is_upper_text

CONSOLIDATED_TYPE = "Văn bản hợp nhất"

_VBHN_NUMBER = r"\d+[a-zđ]?\s*/\s*(?:\d{4}\s*/\s*)?VBHN(?:-[A-ZĐ0-9]+)+"
_NUMBER_LINE_RE = re.compile(rf"^Số\s*:?\s*(?P<number>{_VBHN_NUMBER})", re.IGNORECASE)
# In capitals, as the block's heading: the Ordinance on consolidation speaks of "ký xác thực văn bản hợp nhất".
_AUTHENTICATION_RE = re.compile(r"XÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT")
# The Công báo's heading over a consolidated text: "VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI", the issuer
# sometimes on the next line.
_GAZETTE_HEADING_RE = re.compile(r"^VĂN BẢN HỢP NHẤT\s*[-–]\s*(?P<issuer>.*)$")
# The footnote on the title of texts consolidated by the Government and ministries: "Văn bản này được hợp nhất
# từ 02 Nghị định sau: <the documents> Văn bản hợp nhất này không thay thế 02 Nghị định nêu trên."
_MERGED_FROM_RE = re.compile(r"^Văn bản (?:này|hợp nhất) được hợp nhất từ\b", re.IGNORECASE)
_MERGED_FROM_END_RE = re.compile(r"không\s+thay\s+thế", re.IGNORECASE)
_DATE_RE = re.compile(r"ngày\s*(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_POSITION_RE = re.compile(r"^(?:(?:KT|TM|TL|TUQ|Q)\.\s*)?(?:PHÓ\s+)?(?:CHỦ NHIỆM|BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ TỊCH"
                          r"|THỦ TƯỚNG|TỔNG|CHÁNH|GIÁM ĐỐC|THỐNG ĐỐC|TRƯỞNG|VIỆN TRƯỞNG|KIỂM TOÁN)")
_SIGNED_RE = re.compile(r"^[(\[]\s*đã ký[^)\]]*[)\]]$", re.IGNORECASE)
_AUTHENTICATION_SPAN = (5, 8)    # lines of the block before and after "XÁC THỰC VĂN BẢN HỢP NHẤT", at most

# "..., được sửa đổi, bổ sung bởi:", "được sửa đổi bởi:", "được sửa đổi, bổ sung, bãi bỏ bởi:"
_AMENDED_BY_RE = re.compile(r",?\s*được\s+(?:sửa\s+đổi|bổ\s+sung|bãi\s+bỏ)"
                            r"(?:\s*,?\s*(?:bổ\s+sung|bãi\s+bỏ|thay\s+thế))*"
                            r"(?:\s+một\s+số\s+điều)?\s+(?:bởi|theo)\s*:", re.IGNORECASE)
_TYPES = (r"Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị quyết liên tịch|Nghị quyết|Nghị định|Quyết định"
          r"|Thông tư liên tịch|Thông tư|Lệnh|Chỉ thị")
_DESCRIPTION_START_RE = re.compile(rf"^(?:\d{{1,2}}\.\s+)?(?P<type>{_TYPES})\b")
# The listing ends at the "Căn cứ" lines or at the enacting sentence ("Quốc hội ban hành Luật ...").
_LISTING_END_RE = re.compile(rf"^(?:Căn cứ|Theo đề nghị|Xét đề nghị|Thực hiện)\b|\bban hành\s+(?:{_TYPES})\b",
                             re.IGNORECASE)
_DESCRIPTION_LINES = 8    # how far above "được sửa đổi, bổ sung bởi:" the description may begin
_LISTED_NUMBER_RE = re.compile(rf"\bsố\s+(?P<number>{DOC_NUMBER})")
_EFFECTIVE_RE = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+", re.IGNORECASE)
_ENTRY_SPLIT_RE = re.compile(rf"\s*;\s*|(?<=\.)\s+(?=\d{{1,2}}\.\s|(?:{_TYPES})\b)")
_ENTRY_NUMBERING_RE = re.compile(r"^\d{1,2}\.\s+")

_BRACKET_NOTE_RE = re.compile(r"^\[(?P<number>\d{1,4})\]\s*(?P<text>.*)$")
_BRACKET_MARK_RE = re.compile(r"\s*\[(\d{1,4})\]")
_BARE_NOTE_RE = re.compile(r"^(?P<number>\d{1,3})\s+(?P<text>\S.*)$")
_CITED_DOCUMENT_RE = re.compile(rf"(?<![\w/-]){DOC_NUMBER}")
# What footnotes say, enough to accept one whose number skips a lost one.
_NOTE_WORDS_RE = re.compile(r"\b(?:được|bị)\s+(?:sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế|đính\s+chính|hợp\s+nhất)"
                            r"|căn\s+cứ\s+ban\s+hành|quy\s+định\s+như\s+sau", re.IGNORECASE)
_MAX_SKIPPED_NOTES = 3
# A footnote at the foot of a page is shorter than a page: one whose quotation never closes stops there.
_MAX_NOTE_LINES = 40
_OPENING_QUOTES = ("“", '"', "„", "«")
# A footnote's last line ends a sentence (not with ";": a footnote quoting "Căn cứ ...;" lines goes on, nor with
# a closing quote alone: 'cụm từ “cơ quan bảo hiểm xã hội”' + 'theo quy định tại ...').
_NOTE_END = (".", "!", "?", "…", ".”", '."', ".»")
_CLAUSE_NUMBER_RE = re.compile(r"\d{1,3}[a-zđ]?\.")
# Units and formulas written with a number right after letters: "125 cm3", "CO2", never footnote markers.
_UNITS = {"cm", "mm", "dm", "km", "ha", "co", "so", "no", "pm"}
_ALIGNING_WINDOW = 50    # nodes looked at ahead for a line that opens one (see _nodes_of_lines)


@dataclass
class _Line:
    text: str
    cites: list[str] = field(default_factory=list)   # numbers of the footnotes cited on this line


@dataclass
class Authentication:
    """What the authentication block says: "Số: 111/VBHN-VPQH", the office, the date, who signed."""

    number: str = ""
    issuer: str = ""
    on: date | None = None
    signature: str = ""
    signer: str = ""


@dataclass
class ConsolidatedText:
    """The lines of a consolidated text without its footnotes, listing and authentication block, and those."""

    lines: list[str]
    cites: list[list[str]]                 # per line, the footnotes it cites
    footnotes: dict[str, str]
    consolidation: Consolidation
    authentication: Authentication
    gazette_issuer: str = ""
    warnings: list[str] = field(default_factory=list)


def is_consolidated(lines: list[str]) -> bool:
    """A "Số: n/VBHN-..." line, the authentication heading, the Công báo's "VĂN BẢN HỢP NHẤT - ..." heading, the
    footnote "Văn bản này được hợp nhất từ ..." or the listing "..., được sửa đổi, bổ sung bởi:" before the
    first provision (a gazette issue may carry a long consolidated text without its end)."""
    marked = any(_NUMBER_LINE_RE.match(line) or _AUTHENTICATION_RE.search(line) or _GAZETTE_HEADING_RE.match(line)
                 or _MERGED_FROM_RE.search(line.lstrip("0123456789[] "))
                 for line in lines if "VBHN" in line or "HỢP NHẤT" in line.upper())
    return marked or _listing_span(lines) is not None


def read_consolidated(lines: list[str]) -> ConsolidatedText | None:
    """The parts of a consolidated text that are not provisions, taken out of `lines`; None for other texts."""
    if not is_consolidated(lines):
        return None
    warnings: list[str] = []
    entries, footnotes = _split_footnotes(lines, warnings)
    entries, gazette_issuer = _without_gazette_heading(entries)
    entries, block = _take_authentication(entries)
    entries, listing = _take_listing(entries)
    return ConsolidatedText(
        lines=[entry.text for entry in entries], cites=[entry.cites for entry in entries], footnotes=footnotes,
        consolidation=_read_listing(" ".join(entry.text for entry in listing)),
        authentication=_read_authentication([entry.text for entry in block]), gazette_issuer=gazette_issuer,
        warnings=warnings,
    )


def complete(document: ParsedDocument, text: ConsolidatedText, body_start: int, body_end: int) -> None:
    """Make `document`, parsed from `text.lines`, the consolidated text it is: its own type, number, issuer,
    date and signer, its notes on their provisions, and no "Căn cứ" of its own (those are the base document's)."""
    authentication = text.authentication
    document.doc_type = CONSOLIDATED_TYPE
    if not document.title.startswith(CONSOLIDATED_TYPE):
        document.title = f"{CONSOLIDATED_TYPE} {document.title}".strip()
    document.number = authentication.number or _consolidation_number(document.number)
    document.issuer = document.issuer or authentication.issuer or text.gazette_issuer
    document.issue_date = authentication.on or document.issue_date
    if authentication.signature:
        document.signature, document.signer = authentication.signature, authentication.signer
    document.cited_numbers = []
    document.consolidation = text.consolidation
    _attach_notes(document, text, body_start, body_end)
    document.warnings = _updated_warnings(document, text.warnings)


# --- footnotes ------------------------------------------------------------------------------------

def _split_footnotes(lines: list[str], warnings: list[str]) -> tuple[list[_Line], dict[str, str]]:
    trailing_from = _authentication_index(lines)
    if any(_BRACKET_MARK_RE.search(line) for line in lines):
        return _bracketed_footnotes(lines, trailing_from, warnings)
    return _bare_footnotes(lines, trailing_from, warnings)


def _authentication_index(lines: list[str]) -> int:
    """Where the authentication block is (footnotes after it run to the next one); past the end if none."""
    found = [index for index, line in enumerate(lines) if _AUTHENTICATION_RE.search(line)]
    return found[-1] if found else len(lines)


def _bracketed_footnotes(lines: list[str], trailing_from: int,
                         warnings: list[str]) -> tuple[list[_Line], dict[str, str]]:
    entries: list[_Line] = []
    footnotes: dict[str, str] = {}
    index = 0
    while index < len(lines):
        note = _BRACKET_NOTE_RE.match(lines[index])
        if note:
            end = _footnote_end(lines, index, trailing_from, lambda line: bool(_BRACKET_NOTE_RE.match(line)))
            footnotes[note["number"]] = _note_text([note["text"], *lines[index + 1:end]])
            index = end
            continue
        cited = _BRACKET_MARK_RE.findall(lines[index])
        entries.append(_Line(_BRACKET_MARK_RE.sub("", lines[index]).strip(), cited))
        index += 1
    _warn_about_missing_texts(entries, footnotes, warnings)
    return entries, footnotes


def _bare_footnotes(lines: list[str], trailing_from: int,
                    warnings: list[str]) -> tuple[list[_Line], dict[str, str]]:
    """Footnotes numbered 1, 2, 3 ... on lines of their own ("2 Điểm này được sửa đổi ... Luật số 09/2026/QH16"),
    each cited by the same number stuck to a word above it ("g)2", "THI HÀNH3")."""
    notes = _bare_note_lines(lines, trailing_from)
    in_notes = {i for start, end, _, _ in notes for i in range(start, end)}
    texts = {index: line for index, line in enumerate(lines) if index not in in_notes}
    cites: dict[int, list[str]] = {}
    position = (0, 0)
    for start, _, number, _ in notes:
        marker = _bare_marker(texts, number, position, start)
        if marker is None:
            warnings.append(f"Không tìm thấy vị trí dẫn chú thích {number} trong văn bản hợp nhất.")
            continue
        index, column = marker
        texts[index] = (texts[index][:column] + texts[index][column + len(number):]).replace("  ", " ").strip()
        cites.setdefault(index, []).append(number)
        position = marker
    entries = [_Line(texts[index], cites.get(index, [])) for index in sorted(texts)]
    return entries, {number: text for _, _, number, text in notes}


def _bare_note_lines(lines: list[str], trailing_from: int) -> list[tuple[int, int, str, str]]:
    """(start, end, number, text) of each footnote, numbered from 1 without a gap."""
    found: list[tuple[int, int, str, str]] = []
    index = 0
    while index < len(lines):
        expected = int(found[-1][2]) + 1 if found else 1
        note = _BARE_NOTE_RE.match(lines[index])
        skipped = int(note["number"]) - expected if note else -1
        if note and 0 <= skipped <= _MAX_SKIPPED_NOTES and _starts_like_a_note(note["text"]):
            following = str(int(note["number"]) + 1)
            end = _footnote_end(lines, index, trailing_from, lambda line: _opens_bare_note(line, following))
            text = _note_text([note["text"], *lines[index + 1:end]])
            # A footnote names a document ("Luật số 09/2026/QH16"): a clause typed "1 Cá nhân ..." does not.
            if _CITED_DOCUMENT_RE.search(text) and (not skipped or _NOTE_WORDS_RE.search(text)):
                found.append((index, end, note["number"], text))
                index = end
                continue
        index += 1
    return found


def _starts_like_a_note(text: str) -> bool:
    return text[:1].isupper() or text.startswith(_OPENING_QUOTES)


def _opens_bare_note(line: str, number: str) -> bool:
    note = _BARE_NOTE_RE.match(line)
    return bool(note) and note["number"] == number and _starts_like_a_note(note["text"])


def _bare_marker(texts: dict[int, str], number: str, after: tuple[int, int], before: int) -> tuple[int, int] | None:
    """(line, column) of the last `number` stuck to a word between the previous marker and the footnote: the
    Công báo prints each footnote at the foot of the page that cites it."""
    found = None
    pattern = re.compile(rf"(?<!\d){number}(?!\d)")
    for index in range(after[0], before):
        line = texts.get(index)
        if line is None:
            continue
        for match in pattern.finditer(line):
            if (index, match.start()) > after and _stuck_to_a_word(line, match.start(), match.end()):
                found = (index, match.start())
    return found


def _stuck_to_a_word(line: str, start: int, end: int) -> bool:
    """'biệt.1', 'g)2', 'THI HÀNH3', '1.2 Bảo hiểm' (clause 1) — not '1.500', 'cm3', 'E5', '/QH15', 'b1)'."""
    before, after = line[:start], line[end:]
    if not before or (after and not (after[0].isspace() or (after[0] in ".,;:)" and not after[1:2].isdigit()))):
        return False
    if before[-1] in ".)”:;,":
        return not before[-2:-1].isdigit() or bool(_CLAUSE_NUMBER_RE.fullmatch(before))
    word = re.search(r"[^\W\d_]+$", before)
    if word is None or len(word.group()) < 2 or word.group().lower() in _UNITS:
        return False
    return not before[: word.start()].endswith(("/", "-"))


def _footnote_end(lines: list[str], start: int, signature: int, opens_note) -> int:
    """The index after the last line of the footnote that starts at `start`. It goes on while a quotation is
    open, after "như sau:" into what is quoted, while its sentence is unfinished; a footnote listing the merged
    documents, to its "không thay thế" sentence. After the signature it runs to the next footnote; before the
    signature, never into it."""
    end = start + 1
    text = lines[start]
    merged_from = bool(_MERGED_FROM_RE.search(text.lstrip("0123456789[] ")))
    trailing = start > signature
    while end < len(lines) and not opens_note(lines[end]) and (trailing or end < signature):
        line = lines[end]
        if not trailing and (end - start >= _MAX_NOTE_LINES or _NUMBER_LINE_RE.match(line)):
            break
        if merged_from:
            goes_on = not _MERGED_FROM_END_RE.search(lines[end - 1])
        else:
            goes_on = trailing or _quote_open(text) or _continues_note(lines[end - 1], line)
        if not goes_on:
            break
        text = f"{text}\n{line}"
        end += 1
    return end


def _quote_open(text: str) -> bool:
    curly = text.count("“") + text.count("„") + text.count("«") - text.count("”") - text.count("»")
    return curly > 0 or text.count('"') % 2 == 1


def _continues_note(previous: str, line: str) -> bool:
    if line.startswith(_OPENING_QUOTES):
        return previous.endswith(":")
    heading = is_upper_text(line) or opens_structure(classify_line(line))
    return not heading and not previous.endswith(_NOTE_END)


def _note_text(lines: list[str]) -> str:
    """Lines joined where a layout broke a sentence; a quoted article keeps its lines."""
    text = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        new_paragraph = not text or text.endswith(":") or line.startswith(_OPENING_QUOTES) or classify_line(line)
        text = f"{text}\n{line}" if text and new_paragraph else f"{text} {line}".strip()
    return text


def _warn_about_missing_texts(entries: list[_Line], footnotes: dict[str, str], warnings: list[str]) -> None:
    missing = sorted({n for entry in entries for n in entry.cites if n not in footnotes}, key=int)
    if missing:
        warnings.append(f"Không tìm thấy nội dung chú thích {', '.join(missing)} của văn bản hợp nhất.")


# --- authentication block -------------------------------------------------------------------------

def _without_gazette_heading(entries: list[_Line]) -> tuple[list[_Line], str]:
    """The heading out (the header would take it for the issuer), and the issuer it names."""
    for index, entry in enumerate(entries):
        heading = _GAZETTE_HEADING_RE.match(entry.text)
        if heading:
            following = entries[index + 1].text if index + 1 < len(entries) else ""
            return entries[:index] + entries[index + 1:], heading["issuer"].strip() or following
    return entries, ""


def _take_authentication(entries: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """The block around the last "XÁC THỰC VĂN BẢN HỢP NHẤT" line, out of the provisions' way."""
    anchors = [index for index, entry in enumerate(entries) if _AUTHENTICATION_RE.search(entry.text)]
    if not anchors:
        return entries, []
    start = end = anchors[-1]
    lines_before, lines_after = _AUTHENTICATION_SPAN
    while start > 0 and anchors[-1] - start < lines_before and _in_authentication(entries[start - 1].text):
        start -= 1
    while (end + 1 < len(entries) and end - anchors[-1] < lines_after and not is_name(entries[end].text)
           and _in_authentication(entries[end + 1].text)):
        end += 1   # up to the signer's name, which ends the block
    return entries[:start] + entries[end + 1:], entries[start:end + 1]


def _in_authentication(line: str) -> bool:
    return bool(_NUMBER_LINE_RE.match(line) or _SIGNED_RE.match(line) or is_name(line) or _date_line(line)
                or (is_upper_text(line) and len(line) <= 80 and classify_line(line) is None)
                or not any(character.isalnum() for character in line))   # a stray "." of the layout


def _date_line(line: str) -> bool:
    """'Hà Nội, ngày 20 tháng 5 năm 2026' (short: not a sentence that mentions a date)."""
    return len(line) <= 60 and bool(_DATE_RE.search(line)) and not line.endswith((".", ";"))


def _read_authentication(block: list[str]) -> Authentication:
    """Number, issuer, date, signer: "VĂN PHÒNG QUỐC HỘI XÁC THỰC VĂN BẢN HỢP NHẤT", "Số: 111/VBHN-VPQH Hà Nội, ngày
    20 tháng 5 năm 2026", "CHỦ NHIỆM", "Lê Quang Mạnh" (in one or two columns)."""
    found = Authentication(signature="\n".join(block))
    issuer: list[str] = []
    signing = False     # the issuer ("BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI") comes before the signer's position
    for line in block:
        number, dated = _NUMBER_LINE_RE.match(line), _DATE_RE.search(line)
        if number and not found.number:
            found.number = re.sub(r"\s+", "", number["number"])
        if dated and found.on is None:
            found.on = _safe_date(dated)
        if is_name(line):
            found.signer = line
        words = _AUTHENTICATION_RE.sub("", _NUMBER_LINE_RE.sub("", line)).strip()
        signing = signing or bool(_POSITION_RE.match(words)) or is_name(line)
        if not signing and is_upper_text(words) and not dated:
            issuer.append(words)
    found.issuer = " ".join(issuer)
    return found


def _safe_date(match: re.Match) -> date | None:
    day, month, year = (int(group) for group in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _consolidation_number(number: str) -> str:
    """The header's number when it is a consolidated text's ("44/VBHN-VPQH"), never an amending law's."""
    return number if re.fullmatch(_VBHN_NUMBER, number or "") else ""


# --- the listing of the consolidated and amending documents ----------------------------------------

def _take_listing(entries: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """The paragraph "<document> ..., được sửa đổi, bổ sung bởi: 1. ...; 2. ...", out of the header: its numbers
    and dates are those of other documents, which the header would take for this one's."""
    span = _listing_span([entry.text for entry in entries])
    if span is None:
        return entries, []
    first, end = span
    return entries[:first] + entries[end:], entries[first:end]


def _listing_span(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) of the listing's lines, looked for before the first provision."""
    limit = next((i for i, line in enumerate(lines) if opens_structure(classify_line(line))), len(lines))
    joined, starts = "", []
    for line in lines[:limit]:
        starts.append(len(joined))
        joined += line + " "
    amended = _AMENDED_BY_RE.search(joined)
    if amended is None:
        return None
    at = max(i for i, start in enumerate(starts) if start <= amended.start())
    end = next((i for i in range(at + 1, limit) if _LISTING_END_RE.search(lines[i])), limit)
    return _description_start(lines, at), end


def _description_start(lines: list[str], at: int) -> int:
    """The line where the description of the consolidated document begins: "Thông tư số 24/2026/TT-BCT ngày ...";
    a wrapped line of it that begins with a type ("Luật giáo dục nghề nghiệp, có hiệu lực ...") has no number."""
    window = range(max(at - _DESCRIPTION_LINES, 0), at + 1)
    starts = [i for i in window if _DESCRIPTION_START_RE.match(lines[i])]
    numbered = [i for i in starts if _LISTED_NUMBER_RE.search(lines[i])]
    return numbered[0] if numbered else (starts[-1] if starts else at)


def _read_listing(listing: str) -> Consolidation:
    amended = _AMENDED_BY_RE.search(listing)
    if amended is None:
        return Consolidation()
    base = _listed_document(listing[:amended.start()])
    pieces = _ENTRY_SPLIT_RE.split(listing[amended.end():])
    amendments = [document for document in map(_listed_document, filter(None, pieces)) if document is not None]
    return Consolidation(base=base, amendments=amendments)


def _listed_document(description: str) -> ListedDocument | None:
    """'Luật số 35/2018/QH14 ngày 20 tháng 11 năm 2018 ..., có hiệu lực kể từ ngày 01 tháng 01 năm 2019'."""
    description = _ENTRY_NUMBERING_RE.sub("", description.strip(" ,.;"))
    number = _LISTED_NUMBER_RE.search(description)
    if number is None:
        return None
    type_word = _DESCRIPTION_START_RE.match(description)
    effective = _EFFECTIVE_RE.search(description)
    issued = _DATE_RE.search(description, number.end(), effective.start() if effective else len(description))
    takes_effect = _DATE_RE.match(description, effective.end()) if effective else None
    return ListedDocument(
        number=number["number"].rstrip(".,"), type_label=type_word["type"] if type_word else "",
        description=description, issue_date=_safe_date(issued) if issued else None,
        effective_date=_safe_date(takes_effect) if takes_effect else None,
    )


# --- notes on provisions --------------------------------------------------------------------------

def _attach_notes(document: ParsedDocument, text: ConsolidatedText, body_start: int, body_end: int) -> None:
    """Each footnote on the provision whose line cites it; footnotes of the preamble, the closing lines and any
    not cited are the document's own."""
    citing = {index for index, numbers in enumerate(text.cites) if numbers and body_start <= index < body_end}
    nodes = list(document.walk())
    placed = set()
    for index, found in _nodes_of_lines(text.lines, nodes, range(body_start, body_end), citing).items():
        numbers = [number for number in text.cites[index] if number in text.footnotes]
        nodes[found].notes += [Note(number, text.footnotes[number]) for number in numbers]
        placed.update(numbers)
    own = [Note(number, footnote) for number, footnote in text.footnotes.items() if number not in placed]
    document.consolidation.notes = sorted(own, key=lambda note: int(note.number))


def _nodes_of_lines(lines: list[str], nodes: list[ParsedNode], body: range, wanted: set[int]) -> dict[int, int]:
    """For each wanted line, the index of the node that holds it. The walk through the nodes follows the lines
    that open one ("3. Trong thời hạn ...", "Điều 22. ..."), so that a sentence repeated in two provisions
    ("Xe có gắn động cơ dưới 24 chỗ") is found in the right one."""
    found: dict[int, int] = {}
    cursor = 0
    for index in body:
        match = classify_line(lines[index])
        if index in wanted:
            node = _node_of_line(lines[index], match, nodes, range(cursor, len(nodes)), strict=False)
        elif match is not None:
            node = _node_of_line(lines[index], match, nodes, range(cursor, cursor + _ALIGNING_WINDOW), strict=True)
        else:
            continue
        if node is not None:
            cursor = node
            if index in wanted:
                found[index] = node
    return found


def _node_of_line(line: str, match, nodes: list[ParsedNode], candidates: range, strict: bool) -> int | None:
    """The first candidate node holding `line` (in its heading or text) or opened by it ("Điều 5."); with
    `strict`, only a node of the kind and number the line opens."""
    content = (match.title if match else line).strip()[:60]
    for index in candidates:
        if index >= len(nodes):
            break
        node = nodes[index]
        opened = match is not None and node.kind == match.kind and node.number == match.number
        if strict and not opened:
            continue
        if (content and (content in node.heading or content in node.text)) or (opened and not content):
            return index
    return None


def _updated_warnings(document: ParsedDocument, own: list[str]) -> list[str]:
    """The header's complaints about what the authentication block supplied are gone; new ones are added."""
    solved = {MISSING_ISSUER: bool(document.issuer), MISSING_NUMBER: bool(document.number)}
    kept = [warning for warning in document.warnings if not solved.get(warning)]
    if not document.number:
        own.append("Không tìm thấy số hiệu của văn bản hợp nhất (dạng “Số: …/VBHN-…”).")
    if document.consolidation.base is None:
        own.append("Không tìm thấy văn bản được hợp nhất (câu “… được sửa đổi, bổ sung bởi:”).")
    return kept + own

