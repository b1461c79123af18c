"""The number and date a digital signature puts on a PDF.

Offices sign with tools that leave the text layer as it was drafted ("Số: /QĐ-UBND", "ngày tháng năm
2025") and stamp the number into the blank as an annotation; the signing time is in the signature itself
(/M of the signature dictionary). Both are read here; a value is used only when it fits what the text
says around the blank (the number's suffix, the year), never guessed.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from .model import ParsedDocument

VIETNAM = timezone(timedelta(hours=7))
_PDF_DATE_RE = re.compile(r"^D?:?(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?")
_STAMPED_DATE_RE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})|(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})",
                              re.IGNORECASE)
_DIGITS_RE = re.compile(r"^\d{1,6}$")


@dataclass
class SignatureValues:
    signed_on: list[date] = field(default_factory=list)   # the signing day (Vietnam time) of each signature
    stamped: list[str] = field(default_factory=list)      # texts drawn by the first page's annotations


def signature_values(data: bytes) -> SignatureValues:
    """What the signatures of the PDF `data` say; empty for an unsigned or unreadable file."""
    from pypdf import PdfReader

    values = SignatureValues()
    try:
        reader = PdfReader(io.BytesIO(data))
        for signature in _signatures(reader):
            signed = pdf_date(str(signature.get("/M", "")))
            if signed:
                values.signed_on.append(signed)
        if reader.pages:
            values.stamped = _annotation_texts(reader, reader.pages[0])
    except Exception:  # a damaged signature or annotation is a value not read, never a failed import
        return values
    return values


def _signatures(reader) -> list:
    fields = reader.get_fields() or {}
    return [f["/V"].get_object() for f in fields.values()
            if f.get("/FT") == "/Sig" and f.get("/V") is not None and hasattr(f["/V"].get_object(), "get")]


def _annotation_texts(reader, page) -> list[str]:
    texts = []
    for reference in page.get("/Annots") or []:
        annotation = reference.get_object()
        appearance = (annotation.get("/AP") or {}).get("/N")
        if appearance is None or annotation.get("/Subtype") == "/Widget":
            continue
        appearance = appearance.get_object()
        if "/BBox" not in appearance:   # a dictionary of states, not a drawing
            continue
        text = " ".join(page._extract_text(appearance, reader, content_key=None).split())
        if text:
            texts.append(text)
    return texts


def pdf_date(value: str) -> date | None:
    """"D:20250815083010+07'00'" -> the day in Vietnam (a signature at 23:30 UTC is the next morning here)."""
    match = _PDF_DATE_RE.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, sign, off_hours, off_minutes = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if sign in ("+", "-"):
        offset = timedelta(hours=int(off_hours or 0), minutes=int(off_minutes or 0))
        moment = moment.replace(tzinfo=timezone(offset if sign == "+" else -offset))
    elif sign in ("Z", "z"):
        moment = moment.replace(tzinfo=timezone.utc)
    else:
        return moment.date()   # no zone: as written
    return moment.astimezone(VIETNAM).date()


def fill_blanks(parsed: ParsedDocument, values: SignatureValues) -> list[str]:
    """Put the signature's number and date into the blanks of `parsed`; the notes say what was read."""
    notes = []
    if parsed.blank_number and not parsed.number:
        number = _stamped_number(parsed.blank_number, values.stamped)
        if number:
            parsed.number = number
            notes.append(f"Số hiệu {number} đọc từ dấu số trên chữ ký số của tệp PDF.")
    if parsed.blank_date_year and parsed.issue_date is None:
        signed = _signing_day(parsed.blank_date_year, values)
        if signed:
            parsed.issue_date = signed
            notes.append(f"Ngày ban hành {signed:%d/%m/%Y} đọc từ chữ ký số của tệp PDF.")
    return notes


def _stamped_number(suffix: str, stamped: list[str]) -> str:
    """'125/QĐ-UBND' stamped whole, or '125' alone as the only number stamped, completes 'Số: /QĐ-UBND'."""
    whole = [m.group(0) for text in stamped for m in re.finditer(rf"\d+{re.escape(suffix)}", text)]
    if len(set(whole)) == 1:
        return whole[0]
    digits = {text for text in stamped if _DIGITS_RE.match(text)}
    return f"{digits.pop()}{suffix}" if len(digits) == 1 and not whole else ""


def _signing_day(year: int, values: SignatureValues) -> date | None:
    """A date stamped in the blank, else the first signature's day; only in the year the text gives."""
    stamped = {_stamped_date(text) for text in values.stamped} - {None}
    candidates = sorted(stamped) if len(stamped) == 1 else sorted(values.signed_on)
    return candidates[0] if candidates and candidates[0].year == year else None


def _stamped_date(text: str) -> date | None:
    match = _STAMPED_DATE_RE.search(text)
    if not match:
        return None
    day, month, year = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def unfilled(parsed: ParsedDocument) -> list[str]:
    """The fields still blank after the signature was read, as the editor is asked for them."""
    missing = []
    if parsed.blank_number and not parsed.number:
        missing.append("số hiệu")
    if parsed.blank_date_year and parsed.issue_date is None:
        missing.append("ngày ban hành")
    return missing


def unfilled_warning(parsed: ParsedDocument) -> str:
    missing = unfilled(parsed)
    if not missing:
        return ""
    written = ", ".join(filter(None, [f"“Số: {parsed.blank_number}”" if "số hiệu" in missing else "",
                                      f"“ngày … tháng … năm {parsed.blank_date_year}”" if "ngày ban hành" in missing
                                      else ""]))
    return (f"Văn bản để trống {' và '.join(missing)} ({written}) — giá trị do chữ ký số điền vào nhưng không đọc "
            f"được từ tệp. Văn bản được lưu thành bản nháp: biên tập viên cần nhập {' và '.join(missing)} theo bản "
            "đã ký rồi xuất bản; hệ thống không tự đoán.")
