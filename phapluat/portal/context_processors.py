from django.conf import settings


def portal(request):
    return {
        "province": settings.PHAPLUAT_PROVINCE,
        "site_name": f"Pháp luật {settings.PHAPLUAT_PROVINCE['short_name']}",
        "search_query": request.GET.get("q", "")[:500] if request.method == "GET" else "",
    }
