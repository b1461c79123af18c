"""Unicode clean-up shared by every reader and parser: NFC, look-alike letters, whitespace."""
from __future__ import annotations

import re
import unicodedata

# Characters that only disturb parsing: BOM, zero-width spaces/joiners, soft hyphens (TCVN3 uses the
# soft hyphen's code point for "ư", which is why legacy conversion must come first).
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
# Letters that look like Vietnamese ones but are not: the Icelandic eth, used for Đ by some fonts.
_LOOKALIKES = (("\u00d0", "Đ"), ("\u00f0", "đ"))
# (str.replace and rare-match regexes: str.translate with a dict is ten times slower on long texts.)
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r" {2,}")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def normalize_text(text: str) -> str:
    """NFC, one kind of line break, single spaces, no invisible characters, Đ instead of its look-alike.

    Run it after legacy.convert_legacy: in TCVN3 the look-alike Ð is the byte of "é".
    """
    text = unicodedata.normalize("NFC", text)
    for invisible in _INVISIBLE:
        text = text.replace(invisible, "")
    for lookalike, letter in _LOOKALIKES:
        text = text.replace(lookalike, letter)
    if "\r" in text or _LINE_BREAKS.search(text):
        text = _LINE_BREAKS.sub("\n", text)
    if _ODD_SPACE.search(text):
        text = _ODD_SPACE.sub(" ", text)
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def split_lines(text: str) -> list[str]:
    """The non-empty lines of `text`, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def is_upper_text(text: str) -> bool:
    """True for headings written in capitals: 'NHỮNG QUY ĐỊNH CHUNG' (at least two letters, none lower case)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and not any(ch.islower() for ch in letters)


def sentence_case(text: str) -> str:
    """'DÂN SỰ' -> 'Dân sự'."""
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


_SENTENCE_END = (".", ":", ";", "!", "?", "”", '"', "…", ")")
# "a) ...", "đ) ...": a point opens here even after a heading without a colon ("1. Đối tượng áp dụng").
_POINT_START = re.compile(r"^[a-zđ]\)")


def continues_sentence(previous: str, line: str) -> bool:
    """True when `line` is the rest of a sentence that a layout broke: 'bổ sung một' + 'số điều theo ...'."""
    return (bool(previous and line) and line[0].islower() and not previous.endswith(_SENTENCE_END)
            and not _POINT_START.match(line))


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Lines with broken sentences joined again (see continues_sentence)."""
    joined: list[str] = []
    for line in lines:
        if joined and continues_sentence(joined[-1], line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined
