from django.test import RequestFactory

from phapluat.core.ratelimit import hit
from phapluat.core.sanitize import clean_html, clean_text


def test_clean_html_drops_scripts_and_handlers_but_keeps_formatting():
    dirty = '<p onclick="x()">Xin <strong>chào</strong><script>alert(1)</script><img src=x onerror=y></p>'
    assert clean_html(dirty) == "<p>Xin <strong>chào</strong></p>"
    assert "javascript" not in clean_html('<a href="javascript:alert(1)">x</a>')


def test_clean_text_removes_control_characters_and_normalises():
    assert clean_text("  Câu\x00 hỏi\x1b \r\n ") == "Câu hỏi"
    assert clean_text("a" * 50, max_length=10) == "a" * 10


def test_rate_limit_counts_per_address(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "ratelimit-test"}}
    factory = RequestFactory()
    one, other = factory.post("/", REMOTE_ADDR="10.0.0.1"), factory.post("/", REMOTE_ADDR="10.0.0.2")
    assert all(hit(one, scope="t", limit=3) for _ in range(3))
    assert not hit(one, scope="t", limit=3)
    assert hit(other, scope="t", limit=3)
