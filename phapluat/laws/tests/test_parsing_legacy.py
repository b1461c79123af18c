"""TCVN3 and VNI: known spellings, round trips over real laws, detection, and refusal of unknown mojibake."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from phapluat.laws.parsing.legacy import (
    TCVN3, UTF8_AS_CP1252, VNI, _TCVN3_CASELESS, convert_legacy, decode_tcvn3, decode_vni, encode_legacy,
)
from phapluat.laws.parsing.model import ParseError
from phapluat.laws.parsing.normalize import normalize_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__file__).resolve().parents[3].parent / "shared"
VLC = SHARED / "data" / "laws" / "vlc"
needs_corpus = pytest.mark.skipif(not VLC.is_dir(), reason=f"corpus not found at {VLC}")

EXCERPT = (FIXTURES / "bo-luat-dan-su-2015-excerpt.txt").read_text(encoding="utf-8")


# Spellings as they appear in old files, independent of our encoder.
@pytest.mark.parametrize("glyphs, unicode", [
    ("§iÒu", "Điều"),
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("ng\u00adêi, c¸c, b»ng, n¨m, d©n, c«ng, c¬ quan, ®Æc biÖt, b¾t buéc",
     "người, các, bằng, năm, dân, công, cơ quan, đặc biệt, bắt buộc"),
    ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Bé LUËT D¢N Sù", "BỘ LUẬT DÂN SỰ"),
    ("ñy ban nh©n d©n", "Ủy ban nhân dân"),
])
def test_known_tcvn3_spellings(glyphs, unicode):
    assert decode_tcvn3(glyphs) == unicode


@pytest.mark.parametrize("glyphs, unicode", [
    ("Ñieàu", "Điều"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("ñöôïc, trôøi, ñòa chæ, Kyø, yù kieán", "được, trời, địa chỉ, Kỳ, ý kiến"),
    ("CHUÛ TÒCH QUOÁC HOÄI", "CHỦ TỊCH QUỐC HỘI"),
])
def test_known_vni_spellings(glyphs, unicode):
    assert decode_vni(glyphs) == unicode


def test_fixtures_in_legacy_encodings_convert_back_exactly():
    for suffix, encoding in ((".tcvn3.txt", TCVN3), (".vni.txt", VNI)):
        data = (FIXTURES / f"bo-luat-dan-su-2015-excerpt{suffix}").read_bytes()
        assert convert_legacy(data) == (EXCERPT, encoding)
        # the same glyphs as a DOCX gives them: Windows-1252 characters in a str
        assert convert_legacy(data.decode("cp1252", errors="strict") if encoding == VNI
                              else data.decode("latin-1")) == (EXCERPT, encoding)


@needs_corpus
@pytest.mark.parametrize("name", ["Bo-luat-dan-su-2015-296215.txt", "Bo-luat-hinh-su-2015-296661.txt"])
def test_vni_round_trip_of_a_whole_code_is_exact(name):
    text = normalize_text((VLC / name).read_text(encoding="utf-8"))
    assert convert_legacy(encode_legacy(text, VNI)) == (text, VNI)


@needs_corpus
@pytest.mark.parametrize("name", ["Bo-luat-dan-su-2015-296215.txt", "Bo-luat-hinh-su-2015-296661.txt"])
def test_tcvn3_round_trip_loses_only_what_tcvn3_cannot_store(name):
    text = normalize_text((VLC / name).read_text(encoding="utf-8"))
    converted, encoding = convert_legacy(encode_legacy(text, TCVN3))
    assert encoding == TCVN3
    assert converted.lower() == text.lower()
    differing = [(a, b) for a, b in zip(text.split(), converted.split()) if a != b]
    # TCVN3 has no capitals with tones: words typed in capitals and sentence starts are restored, but a
    # capitalised word inside a sentence ("của Ủy ban") comes back in lower case.
    assert len(differing) < 0.001 * len(text.split())
    assert all(original[0].lower() in _TCVN3_CASELESS for original, _ in differing)


def test_unicode_text_is_left_alone():
    assert convert_legacy(EXCERPT) == (EXCERPT, None)
    nfd = unicodedata.normalize("NFD", EXCERPT)
    assert convert_legacy(nfd)[1] is None
    assert convert_legacy(EXCERPT.encode("utf-8")) == (EXCERPT, None)
    assert convert_legacy("Hello, world. Plain ASCII text.") == ("Hello, world. Plain ASCII text.", None)


def test_unicode_lines_of_a_mixed_document_are_kept():
    glyph_body = encode_legacy(EXCERPT, TCVN3).decode("latin-1")
    mixed = "QUỐC HỘI\nLuật số: 91/2015/QH13\n" + glyph_body
    converted, encoding = convert_legacy(mixed)
    assert encoding == TCVN3
    assert converted == "QUỐC HỘI\nLuật số: 91/2015/QH13\n" + EXCERPT


def test_utf8_read_as_windows_1252_is_repaired():
    garbled = "".join(chr(byte) for byte in EXCERPT.encode("utf-8"))
    assert convert_legacy(garbled) == (EXCERPT, UTF8_AS_CP1252)


def test_unknown_legacy_glyphs_are_refused_with_advice():
    # TCVN3 bytes shifted by one: looks like legacy glyphs, but no encoding makes Vietnamese of it
    shifted = bytes(b + 1 if 0xA0 <= b < 0xFE else b for b in encode_legacy(EXCERPT, TCVN3))
    with pytest.raises(ParseError, match="bảng mã tiếng Việt cũ"):
        convert_legacy(shifted.decode("latin-1"))
    with pytest.raises(ParseError, match="Unikey"):
        convert_legacy(shifted)


def test_encoder_rejects_characters_outside_the_encoding():
    with pytest.raises(UnicodeEncodeError):
        encode_legacy("α ≤ β", TCVN3)
    with pytest.raises(ValueError):
        encode_legacy("x", "viscii")
