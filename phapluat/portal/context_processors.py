from django.conf import settings

DISPLAY_COOKIE = "hien-thi"
DISPLAY_CLASSES = {"chu-lon", "tuong-phan-cao"}


def display_classes(request) -> str:
    """Large text and high contrast, chosen with plain links (no JavaScript, no session): a cookie read here."""
    raw = request.COOKIES.get(DISPLAY_COOKIE, "")
    return " ".join(sorted(token for token in raw.split(".") if token in DISPLAY_CLASSES))


def portal(request):
    from ..editorial.selectors import index_urls

    return {
        "province": settings.PHAPLUAT_PROVINCE,
        "site_name": f"Pháp luật {settings.PHAPLUAT_PROVINCE['short_name']}",
        "search_query": request.GET.get("q", "")[:500] if request.method == "GET" else "",
        "display_classes": display_classes(request),
        "editorial_links": index_urls(),
    }
