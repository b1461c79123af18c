"""Vietnamese text in the 8-bit font encodings of the 1990s–2000s, converted to Unicode.

- TCVN3 (TCVN 5712:1993 VN3, "ABC", fonts .VnTime/.VnArial): one byte per letter. Precomposed lower-case
  letters sit in 0xA8–0xFE; upper case exists only for Ă Â Ê Ô Ơ Ư Đ (0xA1–0xA7) — capitals with a tone
  were typed with the companion font .VnTimeH, which draws the lower-case codes as capitals.
  "Điều" is stored as "§iÒu", "Cộng hòa" as "Céng hßa".
- VNI (VNI-Windows, fonts VNI-Times...): a base letter followed by one byte for the hat/breve/horn and
  tone together: "Điều" is "Ñieàu", "được" is "ñöôïc".
- Windows-1258 (cp1258): base letters plus combining tone marks; Python decodes it.
- UTF-8 read as Windows-1252 ("Äiá»u"): repaired by re-encoding.

Bytes arrive from .txt files; strings arrive from DOCX/HTML/PDF, where the legacy bytes show up as their
Windows-1252 characters. `convert_legacy` handles both and says which encoding it found.
"""
from __future__ import annotations

import re
import unicodedata

from .model import ParseError

TCVN3, VNI, CP1258, CP1252, UTF8_AS_CP1252 = "tcvn3", "vni", "cp1258", "cp1252", "utf8-as-cp1252"

LEGACY_ENCODING_MESSAGE = (
    "Tệp có vẻ được soạn bằng bảng mã tiếng Việt cũ (không phải Unicode) và không chuyển đổi tự động "
    "được. Hãy chuyển văn bản sang Unicode (ví dụ bằng chức năng chuyển mã của Unikey) rồi tải lên lại."
)

# --- TCVN3 ----------------------------------------------------------------------------------------

TCVN3_TABLE = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
# Letters TCVN3 has only in lower case: when decoded they may stand for capitals (font .VnTimeH).
_TCVN3_CASELESS = frozenset(ch for byte, ch in TCVN3_TABLE.items() if byte >= 0xB5)

# --- VNI ------------------------------------------------------------------------------------------

_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}   # sắc huyền hỏi ngã nặng
_VNI_HAT = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}  # â ê ô + tone
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}  # ă + tone
# Letters VNI stores in a single byte (lower case; upper case is the Latin-1 capital of the same glyph).
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vni_sequences() -> dict[str, str]:
    """Every VNI spelling of a Vietnamese letter -> the letter, in both cases."""
    lower: dict[str, str] = {}
    for base in "aeiouy":
        for mark, tone in _VNI_TONES.items():
            if base != "i":
                lower[base + mark] = _compose(base, tone)
    for base in "aeo":
        for mark, tone in _VNI_HAT.items():
            lower[base + mark] = _compose(base, "\u0302", tone)
    for mark, tone in _VNI_BREVE.items():
        lower["a" + mark] = _compose("a", "\u0306", tone)
    for horned_glyph, horned in (("ô", "ơ"), ("ö", "ư")):
        for mark, tone in _VNI_TONES.items():
            lower[horned_glyph + mark] = _compose(horned, tone)
    lower.update({glyph: letter for glyph, letter in _VNI_SINGLE.items() if glyph not in ("í", "ì")})
    del lower["yï"]  # ỵ is the single byte "î"
    sequences = {}
    for glyphs, letter in lower.items():
        for base in {glyphs[0], glyphs[0].upper()}:
            for marks in {glyphs[1:], glyphs[1:].upper()}:
                sequences[base + marks] = letter.upper() if base.isupper() else letter
    return sequences


VNI_SEQUENCES = _vni_sequences()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, VNI_SEQUENCES), key=len, reverse=True)))
_VNI_ENCODE = {letter: glyphs for glyphs, letter in VNI_SEQUENCES.items()
               if glyphs[1:] == (glyphs[1:].upper() if letter.isupper() else glyphs[1:].lower())}

# --- detection ------------------------------------------------------------------------------------

# Latin-1 characters that are not Vietnamese letters but are frequent in TCVN3/VNI glyph text.
_LEGACY_MARKERS = frozenset("§®¸µ¶·¹»¼½¾¨©ª«¬\u00ad¡¢£¤¥¦ÆÇËÎÏÐÑÖ×ØÜÞßæçëîïñöøûüþåä")
# Letters that exist only in Unicode Vietnamese (not in Latin-1): a line containing one is already Unicode.
_LEGACY_MARKER_RE = re.compile("[" + re.escape("".join(sorted(_LEGACY_MARKERS))) + "]")
_UNICODE_ONLY_RE = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
_WORD_RE = re.compile(r"[^\W\d_]+")
# Frequent syllables of Vietnamese legal text; the share of words found here measures how Vietnamese
# a decoding looks. Wrong decodings break words on symbols and lose their tones.
COMMON_SYLLABLES = frozenset("""
của và các được trong người có không này theo cho là những với về đối quy định luật điều khoản nhà nước
việc thực hiện quyền nghĩa vụ tổ chức cơ quan trường hợp một đến từ tại hoặc phải năm ngày tháng hành chính
phủ quốc hội dân xã công ban sự bộ thẩm để khi đã thì mà ra lại nếu do đồng sau trên dưới giữa hoạt động
kinh tế pháp lý văn bản cấp xử phạt vi phạm bảo đảm trách nhiệm thời hạn giấy phép đăng ký thông tin sử
dụng tài sản đất lao đầu tư chế độ trợ kế hoạch số ủy tỉnh huyện chủ tịch đơn vị nội dung mới cũng như
đây gồm bao riêng giải quyết yêu cầu hồ sơ thủ tục trình quản lý sách phát triển kiểm tra giám sát
chịu hiệu lực thi áp xác nhận trừ tiền thuế giá chi phí mức phần đã bị hay cá liên quan khác gia đình
""".split())
_SAMPLE = 40_000
_MIN_SCORE = 0.2       # a decoding is Vietnamese when a fifth of its words are frequent syllables
_MIN_GAIN = 0.1        # and it must beat the text as it is by this much
_MIN_EVIDENCE = 200    # characters needed before calling a text undecodable


def vietnamese_score(text: str) -> float:
    """Share of the words in (a sample of) `text` that are frequent Vietnamese syllables."""
    words = _WORD_RE.findall(text[:_SAMPLE].lower())
    if not words:
        return 0.0
    return sum(word in COMMON_SYLLABLES for word in words) / len(words)


def legacy_marker_ratio(text: str) -> float:
    """Share of the characters in `text` that are typical of TCVN3/VNI glyphs but not of Vietnamese."""
    sample = text[:_SAMPLE]
    return len(_LEGACY_MARKER_RE.findall(sample)) / len(sample) if sample else 0.0


# --- decoding -------------------------------------------------------------------------------------

def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


# Bytes are first read as Latin-1 (lossless); C1 code points then become their Windows-1252 characters.
_C1_TO_CP1252 = {code: _cp1252_char(code) for code in range(0x80, 0xA0)}
_TCVN3_TRANSLATION = {**_C1_TO_CP1252, **{byte: letter for byte, letter in TCVN3_TABLE.items()}}


def decode_tcvn3(text: str) -> str:
    """Glyph text (or Latin-1-decoded bytes) in TCVN3 -> Unicode, lines already in Unicode left alone."""
    return _per_line(text, lambda line: _restore_tcvn3_capitals(line.translate(_TCVN3_TRANSLATION)))


def decode_vni(text: str) -> str:
    """Glyph text (or Latin-1-decoded bytes) in VNI -> Unicode, lines already in Unicode left alone."""
    return _per_line(text, lambda line: _VNI_RE.sub(lambda m: VNI_SEQUENCES[m.group()],
                                                     line.translate(_C1_TO_CP1252)))


def _per_line(text: str, convert) -> str:
    return "\n".join(line if _UNICODE_ONLY_RE.search(line) else convert(line) for line in text.split("\n"))


_ASCII_LOWER_RE = re.compile(r"[a-z]")
# The first letter of a line, of a sentence, or after a clause/point number: "ñy ban" -> "Ủy ban".
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?]\s+|^\d+[.)]\s*|^[a-zđ]\)\s*|^[-+•]\s*)(?P<letter>[^\W\d_])")


def _restore_tcvn3_capitals(line: str) -> str:
    """Undo the .VnTimeH trick: capitals with tones were stored as lower-case codes."""
    if not any(ch in _TCVN3_CASELESS for ch in line):
        return line
    matches = list(_WORD_RE.finditer(line))
    for index in _capital_word_indexes(line, matches):
        match = matches[index]
        line = line[:match.start()] + match.group().upper() + line[match.end():]   # same length
    return _SENTENCE_START_RE.sub(_capitalise_caseless, line)


_TCVN3_CAPITALS = frozenset("ĂÂÊÔƠƯĐ")


def _capital_word_indexes(line: str, matches: list[re.Match]) -> list[int]:
    """Indexes of the words typed in capitals, e.g. all of "CộNG HòA Xã HộI" (before upper-casing).

    A word with a capital after its first letter and a Vietnamese letter is surely in capitals ("QUốC",
    "ủY", "DÂN"); so is, for our purpose, an ASCII word in capitals ("VI"). A capitalised word whose
    other letters all carry tones ("Xã", "Sự", "Bộ") is ambiguous: it is in capitals when a word next
    to it (separated by spaces only) is, and no word next to it is in lower case.
    """
    kinds = [_capital_kind(match.group()) for match in matches]
    adjacent = [line[a.end():b.start()].isspace() for a, b in zip(matches, matches[1:])]
    changed = True
    while changed:
        changed = False
        for index, kind in enumerate(kinds):
            if kind != "maybe":
                continue
            neighbours = ([kinds[index - 1]] if index > 0 and adjacent[index - 1] else []) + \
                         ([kinds[index + 1]] if index + 1 < len(kinds) and adjacent[index] else [])
            if any(k in ("sure", "caps") for k in neighbours) and "lower" not in neighbours:
                kinds[index] = "caps"
                changed = True
    return [index for index, kind in enumerate(kinds) if kind in ("sure", "caps")
            and any(ch in _TCVN3_CASELESS for ch in matches[index].group())]


def _capital_kind(word: str) -> str:
    """'sure', 'caps' (ASCII capitals), 'maybe' (capital + toned letters), 'lower' or ''."""
    if _ASCII_LOWER_RE.search(word):
        return "lower"
    rest = word[1:]
    if any(ch.isupper() for ch in rest):
        return "sure" if any(ch in _TCVN3_CASELESS or ch in _TCVN3_CAPITALS for ch in word) else "caps"
    if word[0].isupper() and rest and all(ch in _TCVN3_CASELESS for ch in rest):
        return "maybe"
    return "lower" if word[0].islower() else ""


def _capitalise_caseless(match: re.Match) -> str:
    letter = match.group("letter")
    if letter not in _TCVN3_CASELESS:
        return match.group()
    return match.group()[:-1] + letter.upper()


def _repair_utf8_as_cp1252(text: str) -> str | None:
    """'Äiá»u' -> 'Điều' when UTF-8 bytes were read as Windows-1252; None if `text` is not such."""
    try:
        raw = bytes(_cp1252_byte(ch) for ch in text)
        return raw.decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


# Windows-1252 characters, and Latin-1 ones for the bytes it leaves undefined or that a tool kept as C1.
_CP1252_BYTES = {**{chr(code): code for code in range(256)}, **{_cp1252_char(code): code for code in range(256)}}


def _cp1252_byte(ch: str) -> int:
    code = _CP1252_BYTES.get(ch)
    if code is None:
        raise ValueError(ch)
    return code


def _glyph_candidates(text: str) -> dict[str, str]:
    candidates = {TCVN3: decode_tcvn3(text), VNI: decode_vni(text)}
    repaired = _repair_utf8_as_cp1252(text)
    if repaired is not None:
        candidates[UTF8_AS_CP1252] = repaired
    return candidates


def _best(candidates: dict[str, str]) -> tuple[str, str, float]:
    scored = {name: vietnamese_score(text) for name, text in candidates.items()}
    name = max(scored, key=scored.get)
    return name, candidates[name], scored[name]


def convert_legacy(data: str | bytes) -> tuple[str, str | None]:
    """Unicode text and the legacy encoding it was converted from (None if it was Unicode already).

    Raises ParseError when the text looks like legacy glyphs that no known encoding turns into Vietnamese.
    """
    if isinstance(data, bytes):
        return _convert_bytes(data)
    markers = legacy_marker_ratio(data)
    if markers < 0.005:
        return data, None  # Unicode already (normalize_text() makes it NFC)
    text = unicodedata.normalize("NFC", data)
    name, converted, score = _best(_glyph_candidates(text))
    if score >= _MIN_SCORE and score >= vietnamese_score(text) + _MIN_GAIN:
        return unicodedata.normalize("NFC", converted), name
    if markers >= 0.03 and len(text) >= _MIN_EVIDENCE and vietnamese_score(text) < _MIN_SCORE:
        raise ParseError(LEGACY_ENCODING_MESSAGE)
    return text, None


def _convert_bytes(data: bytes) -> tuple[str, str | None]:
    """Bytes without a BOM: UTF-8 if they decode as such, else the best of the 8-bit Vietnamese encodings."""
    try:
        return convert_legacy(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    latin1 = data.decode("latin-1")
    candidates = {CP1258: unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
                  TCVN3: decode_tcvn3(latin1), VNI: decode_vni(latin1)}
    name, converted, score = _best(candidates)
    if score >= _MIN_SCORE:
        return unicodedata.normalize("NFC", converted), name
    if sum(byte >= 0x80 for byte in data[:_SAMPLE]) <= 0.03 * min(len(data), _SAMPLE):
        return data.decode("cp1252", errors="replace"), CP1252  # essentially ASCII, not Vietnamese
    raise ParseError(LEGACY_ENCODING_MESSAGE)


# --- encoding (for tests and fixtures) ------------------------------------------------------------

_TCVN3_ENCODE = {letter: byte for byte, letter in TCVN3_TABLE.items()}
_TCVN3_ENCODE.update({letter.upper(): byte for byte, letter in TCVN3_TABLE.items() if letter in _TCVN3_CASELESS})


def encode_legacy(text: str, encoding: str) -> bytes:
    """Unicode -> TCVN3 or VNI bytes, as an old word processor would have saved it.

    TCVN3 has no capitals with tones: they are written with the lower-case code (font .VnTimeH).
    Characters outside the encoding and Windows-1252 raise UnicodeEncodeError.
    """
    text = unicodedata.normalize("NFC", text)
    out = bytearray()
    for ch in text:
        if encoding == TCVN3 and ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif encoding == VNI and ch in _VNI_ENCODE:
            out += _VNI_ENCODE[ch].encode("latin-1")
        elif encoding in (TCVN3, VNI):
            out += ch.encode("cp1252")
        else:
            raise ValueError(f"unknown legacy encoding {encoding!r}")
    return bytes(out)
