"""Vietnamese text helpers shared by every app: pure functions, no database."""
import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_MARKS = re.compile(r"[\u0300-\u036f]")  # the combining marks of Vietnamese tones and vowels
_D_BAR = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def strip_diacritics(text: str) -> str:
    """'Điều 5. Đất đai' -> 'Dieu 5. Dat dai'. Unicode's decomposition leaves đ/Đ alone, so fold them here,
    with the look-alike Ð/ð that some old files use for Đ/đ."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).translate(_D_BAR)


def vn_slugify(text: str, max_length: int = 150) -> str:
    """'Luật 60/2014/QH13' -> 'luat-60-2014-qh13'."""
    slug = _NON_SLUG.sub("-", strip_diacritics(text).lower()).strip("-")
    return slug[:max_length].rstrip("-")
