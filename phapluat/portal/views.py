from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from ..editorial import selectors as editorial
from ..laws import selectors as laws
from .context_processors import DISPLAY_COOKIE, display_classes


@require_GET
def home(request):
    from ..qa.selectors import public_questions

    today = timezone.localdate()
    return render(request, "portal/home.html", {
        "recent": laws.recent_documents(),
        "upcoming": laws.upcoming_documents(today),
        "counts": laws.library_counts(),
        "featured": editorial.featured_pages(today),
        "materials": editorial.latest_materials(),
        "articles": editorial.latest_articles(),
        "open_drafts": editorial.open_drafts()[:5],
        "questions": public_questions().order_by("-answered_at", "-pk")[:5],  # never the tracking code
        "local_sections": editorial.commune_sections(),
    })


@require_GET
def display(request):
    """Large text / high contrast without JavaScript: a GET link sets a cookie read server-side."""
    chosen = set(display_classes(request).split())
    for param, token in (("chu", "chu-lon"), ("tuong-phan", "tuong-phan-cao")):
        value = request.GET.get(param)
        if value in ("lon", "cao"):
            chosen.add(token)
        elif value == "thuong":
            chosen.discard(token)
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()) or not target.startswith("/"):
        target = "/"
    response = redirect(target)
    if chosen:
        response.set_cookie(DISPLAY_COOKIE, ".".join(sorted(chosen)), max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True, secure=request.is_secure())
    else:
        response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
    return response


def csrf_failure(request, reason=""):
    """A forged or stale form post: a clear Vietnamese page with status 403."""
    return render(request, "403_csrf.html", status=403)
