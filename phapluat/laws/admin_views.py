"""Officials' screens for effect statuses: the queue of documents whose status no source vouches for, and
a one-step verification with name, date and source. Thin: the rules live in services.status."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ..orgs.permissions import Action, can_manage_legal_documents
from .forms import VerifyStatusForm
from .models import Document, StatusSource
from .services.status import StatusVerificationError, verify_status
from .status_view import status_view

QUEUE_PAGE_SIZE = 50


def verification_queue():
    """Published documents whose status has no source: the most read and most cited first."""
    cited = Count("incoming_relations", filter=Q(incoming_relations__source__live=True), distinct=True)
    return (Document.objects.filter(live=True, status_source=StatusSource.UNVERIFIED)
            .annotate(cited=cited).order_by("-view_count", "-cited", "-issue_date", "title"))


def drafts_awaiting_metadata():
    """Imported drafts whose number or date the text left blank for a signature that could not be read:
    an editor enters them from the signed original, then publishes."""
    return Document.objects.filter(live=False).filter(Q(number="") | Q(issue_date=None)).order_by("-id")


def status_queue(request):
    if not can_manage_legal_documents(request.user, Action.EDIT):
        raise PermissionDenied
    page = Paginator(verification_queue(), QUEUE_PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "laws/admin/status_queue.html", {
        "page": page, "can_verify": can_manage_legal_documents(request.user, Action.PUBLISH),
        "drafts": drafts_awaiting_metadata()[:QUEUE_PAGE_SIZE],
    })


def status_verify(request, pk: int):
    if not can_manage_legal_documents(request.user, Action.PUBLISH):
        raise PermissionDenied
    document = get_object_or_404(Document, pk=pk)
    form = VerifyStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verify_status(document=document, user=request.user, **form.cleaned_data)
        except StatusVerificationError as error:
            form.add_error(None, str(error))
        else:
            document.refresh_from_db()
            messages.success(request, f"Đã ghi nhận tình trạng “{status_view(document).label}” của "
                                      f"{document.display_name}; trang văn bản, tìm kiếm và trợ lý đã được cập nhật.")
            return redirect(reverse("laws_status_queue"))
    return TemplateResponse(request, "laws/admin/status_verify.html", {
        "document": document, "form": form, "view": status_view(document),
        "records": document.status_records.select_related("checked_by")[:20],
    })
