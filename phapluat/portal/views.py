from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..laws import selectors as laws
from ..orgs.models import Organization


@require_GET
def home(request):
    today = timezone.localdate()
    return render(request, "portal/home.html", {
        "recent": laws.recent_documents(),
        "upcoming": laws.upcoming_documents(today),
        "counts": laws.library_counts(),
        "wards": Organization.objects.filter(kind=Organization.Kind.WARD).order_by("name"),
        "communes": Organization.objects.filter(kind=Organization.Kind.COMMUNE).order_by("name"),
    })


def csrf_failure(request, reason=""):
    """A forged or stale form post: a clear Vietnamese page with status 403."""
    return render(request, "403_csrf.html", status=403)
