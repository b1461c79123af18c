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
