"""Vietnamese text helpers shared by every app: pure functions, no database."""
import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def strip_diacritics(text: str) -> str:
    """'Điều 5. Đất đai' -> 'Dieu 5. Dat dai'. Unicode's decomposition leaves đ/Đ alone, so fold them here."""
    decomposed = unicodedata.normalize("NFD", text)
    without_marks = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", without_marks.replace("đ", "d").replace("Đ", "D"))


def vn_slugify(text: str, max_length: int = 150) -> str:
    """'Luật 60/2014/QH13' -> 'luat-60-2014-qh13'."""
    slug = _NON_SLUG.sub("-", strip_diacritics(text).lower()).strip("-")
    return slug[:max_length].rstrip("-")
