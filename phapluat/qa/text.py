"""Pure text helpers of the Q&A app: anonymising a question, fingerprints, folded matching."""
from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings
from django.utils.html import escape, linebreaks

from ..core.sanitize import clean_html
from ..search.text import fold, folded_words

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Vietnamese phone numbers (0xx…, +84…, with spaces, dots or dashes) and identity numbers (CMND 9, CCCD 12 digits).
_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)")
_ID_NUMBER = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")
_HOUSE_NUMBER = re.compile(r"(?i)\b(số nhà|nhà số|số)\s+\d+[\w/]*(?=\s*(?:đường|phố|ngõ|kiệt|hẻm))")
REDACTED = "[đã ẩn]"
# "Tôi tên là Lê Văn Hòa", "tên tôi là …", "tôi là …", "họ tên: …" followed by capitalised words.
_NAME_INTRO = re.compile(r"(?i)\b(tôi tên là|tôi tên|tên tôi là|tên tôi|tôi là|họ và tên|họ tên|cháu tên là|con tôi tên là|"
                         r"vợ tôi tên là|chồng tôi tên là)\s*:?\s+")
_WORD_AT = re.compile(r"[^\W\d_]+", re.UNICODE)


def _redact_introduced_names(text: str) -> str:
    out, last = [], 0
    for intro in _NAME_INTRO.finditer(text):
        if intro.start() < last:
            continue
        position, words = intro.end(), 0
        end = position
        while words < 5:
            word = _WORD_AT.match(text, position)
            if not word or not word.group()[0].isupper():
                break
            end, words = word.end(), words + 1
            position = end
            while position < len(text) and text[position] == " ":
                position += 1
        if words >= 2:
            out.append(text[last:intro.end()] + REDACTED)
            last = end
    out.append(text[last:])
    return "".join(out)


def anonymise(text: str, *, names: list[str] | tuple[str, ...] = ()) -> str:
    """Remove what identifies the asker: e-mail addresses, phone and identity numbers, house numbers and
    the names they gave. A first pass only: the answering official reads and completes it before publishing."""
    text = _redact_introduced_names(text or "")
    text = _EMAIL.sub(REDACTED, text)
    text = _PHONE.sub(REDACTED, text)
    text = _ID_NUMBER.sub(REDACTED, text)
    text = _HOUSE_NUMBER.sub(REDACTED, text)
    for name in names:
        name = (name or "").strip()
        if len(name) >= 3:
            text = re.sub(re.escape(name), REDACTED, text, flags=re.IGNORECASE)
    return text


def fingerprint(text: str) -> str:
    """Same words, whatever the accents, case, spacing or punctuation → same fingerprint."""
    return hashlib.sha256(" ".join(folded_words(text)).encode()).hexdigest()


def folded(*parts: str) -> str:
    """The text a diacritic-insensitive match runs over: folded words separated by single spaces."""
    return " " + " ".join(w for part in parts for w in folded_words(part)) + " "


def visitor_key(address: str, scope: str) -> str:
    """A keyed hash of a visitor's address: enough to count one vote per visitor, useless to identify one."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{address}".encode(), hashlib.sha256).hexdigest()


def title_from(text: str, limit: int = 160) -> str:
    """A title for the list: the (last) sentence that asks, else the first sentence; never one with a
    redaction in it when another is available."""
    sentences = [" ".join(s.split()) for s in re.split(r"(?<=[?.!])\s+", (text or "").strip()) if s.strip()]
    clean = [s for s in sentences if REDACTED not in s] or sentences or [""]
    asking = [s for s in clean if s.endswith("?")]
    first = asking[-1] if asking else clean[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def official_html(text: str) -> str:
    """Answers written by officials: plain text becomes paragraphs; simple formatting is kept, scripts are not."""
    text = text or ""
    if "<" not in text:
        return linebreaks(escape(text))
    return clean_html(text)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html or "")


__all__ = ["anonymise", "fingerprint", "fold", "folded", "folded_words", "visitor_key", "title_from",
           "official_html", "plain", "REDACTED"]
