"""Languages a page or material can be offered in, besides Vietnamese.

Codes are ISO 639-3 where ISO 639-1 has none, as BCP 47 requires (the shortest code wins: English is "en").
The ethnic minorities of Huế (mainly in A Lưới and Nam Đông) speak Katuic languages:

- Tà Ôi: "tth" (Ta'oih, Upper — the variety of A Lưới; "tto", Lower Ta'oih, is spoken in Laos).
- Pa Kô: "pac" (Pacoh). The Vietnamese census counts Pa Kô within the Tà Ôi people, but it is a distinct
  language with its own ISO code, so texts are tagged with the language they are written in.
- Cơ Tu: "ktv" (Eastern Katu, the variety spoken in Vietnam; "kuf" is Western Katu of Laos).
- Bru-Vân Kiều: "bru" (Eastern Bru; "brv" is Western Bru of Laos/Thailand).

Django knows none of these, so LANG_INFO gets entries (for get_language_info and {% language %}).
"""
from __future__ import annotations

LANGUAGES = {
    "en": {"name": "English", "name_local": "English", "name_vi": "Tiếng Anh"},
    "tth": {"name": "Ta'oih (Upper)", "name_local": "Tà Ôi", "name_vi": "Tiếng Tà Ôi"},
    "pac": {"name": "Pacoh", "name_local": "Pa Kô", "name_vi": "Tiếng Pa Kô"},
    "ktv": {"name": "Katu (Eastern)", "name_local": "Cơ Tu", "name_vi": "Tiếng Cơ Tu"},
    "bru": {"name": "Bru (Eastern)", "name_local": "Bru-Vân Kiều", "name_vi": "Tiếng Bru-Vân Kiều"},
}
CHOICES = [(code, info["name_vi"]) for code, info in LANGUAGES.items()]


def register_language_info() -> None:
    from django.conf.locale import LANG_INFO

    for code, info in LANGUAGES.items():
        LANG_INFO.setdefault(code, {"bidi": False, "code": code, "name": info["name"],
                                    "name_local": info["name_local"], "name_translated": info["name_vi"]})


def label(code: str) -> str:
    return LANGUAGES.get(code, {}).get("name_vi", code)
