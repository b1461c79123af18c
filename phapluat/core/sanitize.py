"""User-supplied text and HTML made safe to show: no script, no markup that breaks the page."""
from __future__ import annotations

import unicodedata

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def clean_html(html: str) -> str:
    """Keep simple formatting; drop scripts, styles, event handlers and unknown tags."""
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="nofollow noopener")


def clean_text(text: str, *, max_length: int | None = None) -> str:
    """Plain text: NFC, no control characters except newlines and tabs, trimmed. Escaping is the
    template's job; this only removes what no person typed on purpose."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = text.replace("\r\n", "\n").strip()
    return text[:max_length] if max_length else text
