"""Officials' screens under /hoi-dap/quan-ly/: triage, routing, drafting with the provision picker,
approval, deadlines, review of answers whose provisions lapsed, moderation and publications.

Who may do what is asked of orgs.permissions.can() only (the services ask again before writing)."""
from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ..core.sanitize import clean_text
from ..laws.models import Provision
from ..orgs.permissions import Action, can, justice_department, organizations_for
from . import selectors, services
from .forms import AnswerForm, PublicationForm, ReasonForm, RouteForm
from .models import Attachment, Publication, Question

LOGIN_URL = "/quan-tri/login/"


def official(view):
    """Logged in (else to the admin login), never cached."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    return login_required(never_cache(wrapper), login_url=LOGIN_URL)


def _context_roles(user):
    justice = justice_department()
    return {
        "justice": justice,
        "is_triage": can(user, Action.EDIT, justice),
        "is_moderator": can(user, Action.PUBLISH, justice),
        "edit_orgs": organizations_for(user, Action.EDIT),
        "publish_orgs": organizations_for(user, Action.PUBLISH),
    }


@official
@require_GET
def dashboard(request):
    roles = _context_roles(request.user)
    if not roles["edit_orgs"]:
        raise PermissionDenied("Tài khoản chưa được giao vai trò trong đơn vị nào.")
    edit_orgs, publish_orgs = roles["edit_orgs"], roles["publish_orgs"]
    return render(request, "qa/manage/dashboard.html", {
        **roles,
        "triage": selectors.triage_queue()[:100] if roles["is_triage"] else [],
        "to_answer": selectors.org_questions(edit_orgs, [Question.State.ROUTED])[:100],
        "to_approve": selectors.org_questions(publish_orgs, [Question.State.PENDING])[:100],
        "overdue_groups": selectors.overdue_by_organization(None if roles["is_triage"] else edit_orgs),
        "to_review": selectors.answers_needing_review(None if roles["is_triage"] else edit_orgs),
        "reports": len(selectors.moderation_queue()) if roles["is_moderator"] else 0,
    })


@official
@require_GET
def overdue(request):
    roles = _context_roles(request.user)
    if not roles["edit_orgs"]:
        raise PermissionDenied
    return render(request, "qa/manage/overdue.html", {
        **roles, "groups": selectors.overdue_by_organization(None if roles["is_triage"] else roles["edit_orgs"]),
    })


def _may_see(user, question: Question) -> bool:
    return can(user, Action.EDIT, justice_department()) or (
        question.assigned_to_id is not None and can(user, Action.EDIT, question.assigned_to))


def _answer_initial(question: Question) -> dict:
    answer = getattr(question, "answer", None)
    from .text import anonymise

    return {
        "body": answer.body if answer else "",
        "delivery": answer.delivery if answer else Question.Delivery.PUBLIC,
        "public_title": question.public_title,
        "public_text": question.public_text or anonymise(question.body, names=[question.contact_name]),
    }


@official
@require_http_methods(["GET", "POST"])
def question(request, pk: int):
    item = get_object_or_404(Question.objects.select_related("topic", "locality", "assigned_to"), pk=pk)
    if not _may_see(request.user, item):
        raise PermissionDenied("Bạn không có quyền xem câu hỏi này.")
    user = request.user
    route_form, reason_form = RouteForm(), ReasonForm()
    answer_form = AnswerForm(initial=_answer_initial(item))
    answer = getattr(item, "answer", None)
    chosen = [c.provision for c in answer.citations.select_related("provision__document") if c.provision] \
        if answer else []
    picker_query = clean_text(request.GET.get("tim") or "", max_length=300)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "route":
                route_form = RouteForm(request.POST)
                if route_form.is_valid():
                    services.question_route(question=item, user=user, **route_form.cleaned_data)
                    messages.success(request, f"Đã chuyển câu hỏi tới {route_form.cleaned_data['organization']}.")
                    return redirect("qa:manage_question", pk=pk)
            elif action == "reject":
                reason_form = ReasonForm(request.POST)
                if reason_form.is_valid():
                    services.question_reject(question=item, user=user, reason=reason_form.cleaned_data["reason"])
                    messages.success(request, "Đã ghi nhận không thụ lý câu hỏi.")
                    return redirect("qa:manage_question", pk=pk)
            elif action in ("draft", "submit", "find"):
                answer_form = AnswerForm(request.POST) if action != "find" else AnswerForm(initial={
                    k: request.POST.get(k, "") for k in ("body", "delivery", "public_title", "public_text")})
                ids = request.POST.getlist("provisions")
                chosen = list(Provision.objects.filter(pk__in=[i for i in ids if i.isdigit()][:50])
                              .select_related("document"))
                if action == "find":  # the picker without JavaScript: search, keep what was typed
                    picker_query = clean_text(request.POST.get("tim") or "", max_length=300)
                elif answer_form.is_valid():
                    services.answer_save(question=item, user=user, provision_ids=ids, submit=action == "submit",
                                         **answer_form.cleaned_data)
                    messages.success(request, "Đã gửi dự thảo để phê duyệt." if action == "submit"
                                     else "Đã lưu dự thảo trả lời.")
                    return redirect("qa:manage_question", pk=pk)
            elif action == "return":
                reason_form = ReasonForm(request.POST)
                if reason_form.is_valid():
                    services.answer_return(question=item, user=user, note=reason_form.cleaned_data["reason"])
                    messages.success(request, "Đã trả lại dự thảo để sửa.")
                    return redirect("qa:manage_question", pk=pk)
            elif action == "approve":
                item = services.answer_approve(question=item, user=user)
                messages.success(request, "Đã phê duyệt: " + item.get_state_display().lower() + ".")
                return redirect("qa:manage_question", pk=pk)
            elif action == "reviewed":
                services.answer_mark_reviewed(question=item, user=user)
                messages.success(request, "Đã ghi nhận rà soát câu trả lời.")
                return redirect("qa:manage_question", pk=pk)
            elif action == "revise":
                answer_form = AnswerForm(request.POST)
                if answer_form.is_valid():
                    services.answer_revise(question=item, user=user, body=answer_form.cleaned_data["body"],
                                           provision_ids=request.POST.getlist("provisions"))
                    messages.success(request, "Đã cập nhật câu trả lời.")
                    return redirect("qa:manage_question", pk=pk)
            else:
                messages.error(request, "Thao tác không hợp lệ.")
            status = 400 if action != "find" else 200
        except services.WorkflowError as error:
            messages.error(request, str(error))
            status = 409
    item.refresh_from_db()
    answer = getattr(item, "answer", None)
    citations = selectors.citations_of(answer) if answer else []
    return render(request, "qa/manage/question.html", {
        **_context_roles(user), "question": item, "answer": answer, "citations": citations,
        "needs_review": any(c.needs_review for c in citations),
        "route_form": route_form, "reason_form": reason_form, "answer_form": answer_form,
        "can_route": can(user, Action.EDIT, justice_department()) and item.state in (
            Question.State.NEW, Question.State.ROUTED),
        "can_draft": item.state == Question.State.ROUTED and can(user, Action.EDIT, item.assigned_to),
        "can_approve": item.state == Question.State.PENDING and can(user, Action.PUBLISH, item.assigned_to),
        "own_draft": services.drafted_by(answer, user),
        "can_review": answer is not None and item.state in (
            Question.State.PUBLISHED, Question.State.ANSWERED_PRIVATELY) and can(user, Action.EDIT, answer.organization),
        "can_revise": answer is not None and item.state == Question.State.PUBLISHED and can(
            user, Action.PUBLISH, answer.organization),
        "chosen": chosen, "picker_query": picker_query, "picker": _picker(picker_query),
    }, status=status)


def _picker(query: str) -> list[dict]:
    """Articles found by the search app, each with its clauses, for the citation picker."""
    if not query:
        return []
    from ..search.services import search

    hits = [h for h in search(query, per_page=8, snippets=False).articles if h.provision_id]
    provisions = {p.pk: p for p in Provision.objects.filter(pk__in=[h.provision_id for h in hits]).select_related(
        "document")}
    children: dict[int, list[Provision]] = {}
    for child in Provision.objects.filter(parent_id__in=list(provisions), kind="khoan").select_related(
            "document", "parent").order_by("position"):
        children.setdefault(child.parent_id, []).append(child)
    return [{"provision": provisions[h.provision_id], "hit": h, "clauses": children.get(h.provision_id, [])}
            for h in hits if h.provision_id in provisions]


@official
@require_GET
def provision_picker(request):
    if not organizations_for(request.user, Action.EDIT):
        raise PermissionDenied
    query = clean_text(request.GET.get("tim") or "", max_length=300)
    return render(request, "qa/manage/_picker_results.html", {"picker": _picker(query), "picker_query": query})


@official
@require_http_methods(["GET", "POST"])
def moderation(request):
    if not can(request.user, Action.PUBLISH, justice_department()):
        raise PermissionDenied("Chỉ người kiểm duyệt của Sở Tư pháp.")
    if request.method == "POST":
        kind, raw_pk = request.POST.get("kind", ""), request.POST.get("pk", "")
        model = {"question": Question, "publication": Publication}.get(kind)
        if model is None or not raw_pk.isdigit():
            messages.error(request, "Yêu cầu không hợp lệ.")
            return redirect("qa:moderation")
        item = get_object_or_404(model, pk=int(raw_pk))
        keep = request.POST.get("decision") == "keep"
        services.moderation_decide(item=item, user=request.user, keep=keep, note=request.POST.get("note", ""))
        messages.success(request, "Đã khôi phục nội dung." if keep else "Đã gỡ nội dung khỏi trang công khai.")
        return redirect("qa:moderation")
    return render(request, "qa/manage/moderation.html", {**_context_roles(request.user),
                                                          "queue": selectors.moderation_queue()})


# --- Publications ------------------------------------------------------------------------------------------

@official
@require_GET
def publications(request):
    orgs = organizations_for(request.user, Action.EDIT)
    if not orgs:
        raise PermissionDenied
    items = Publication.objects.filter(organization__in=orgs).select_related("organization", "topic")[:300]
    return render(request, "qa/manage/publications.html", {**_context_roles(request.user), "items": items})


@official
@require_http_methods(["GET", "POST"])
def publication_edit(request, pk: int | None = None):
    user = request.user
    orgs = organizations_for(user, Action.EDIT)
    publication = get_object_or_404(Publication, pk=pk) if pk else None
    if not orgs or (publication and not can(user, Action.EDIT, publication.organization)):
        raise PermissionDenied("Bạn không có quyền soạn bài của đơn vị này.")
    initial = {}
    if publication:
        initial = {f: getattr(publication, f) for f in ("kind", "title", "audience", "industry", "facts", "analysis")}
        initial.update(topic=publication.topic, organization=publication.organization, advisor=publication.advisor)
    elif request.GET.get("loai") in Publication.Kind.values:
        initial = {"kind": request.GET["loai"]}
    form = PublicationForm(request.POST or None, request.FILES or None, organizations=orgs, initial=initial)
    chosen = [c.provision for c in publication.citations.select_related("provision__document") if c.provision] \
        if publication else []
    picker_query, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        ids = request.POST.getlist("provisions")
        chosen = list(Provision.objects.filter(pk__in=[i for i in ids if i.isdigit()][:50]).select_related("document"))
        try:
            if action == "publish" and publication:
                services.publication_publish(publication=publication, user=user)
                messages.success(request, "Đã công bố bài.")
                return redirect("qa:manage_publication", pk=publication.pk)
            if action == "unpublish" and publication:
                services.publication_publish(publication=publication, user=user, publish=False)
                messages.success(request, "Đã chuyển bài về bản nháp.")
                return redirect("qa:manage_publication", pk=publication.pk)
            if action == "reviewed" and publication:
                services.publication_mark_reviewed(publication=publication, user=user)
                messages.success(request, "Đã ghi nhận rà soát bài.")
                return redirect("qa:manage_publication", pk=publication.pk)
            if action.startswith("remove-file-") and publication:
                raw = action.removeprefix("remove-file-")
                attachment = get_object_or_404(Attachment, pk=int(raw) if raw.isdigit() else 0,
                                               publication=publication)
                services.attachment_remove(attachment=attachment, user=user)
                messages.success(request, "Đã gỡ tệp đính kèm.")
                return redirect("qa:manage_publication", pk=publication.pk)
            if action == "find":
                picker_query = clean_text(request.POST.get("tim") or "", max_length=300)
                form = PublicationForm(organizations=orgs, initial={
                    k: v for k, v in request.POST.items() if k in PublicationForm.base_fields and k != "files"})
            elif form.is_valid():
                data = form.cleaned_data
                saved = services.publication_save(
                    user=user, publication=publication, organization=data["organization"], kind=data["kind"],
                    title=data["title"], topic=data["topic"], audience=data["audience"], facts=data["facts"],
                    analysis=data["analysis"], industry=data["industry"], advisor=data["advisor"],
                    provision_ids=ids, files=data["files"])
                messages.success(request, "Đã lưu bài.")
                return redirect("qa:manage_publication", pk=saved.pk)
            else:
                status = 400
        except services.WorkflowError as error:
            messages.error(request, str(error))
            status = 409
    return render(request, "qa/manage/publication_edit.html", {
        **_context_roles(user), "form": form, "publication": publication, "chosen": chosen,
        "picker_query": picker_query, "picker": _picker(picker_query),
        "can_publish": publication is not None and can(user, Action.PUBLISH, publication.organization),
        "attachments": publication.attachments.all() if publication else [],
        "needs_review": publication is not None and any(
            c.needs_review for c in publication.citations.select_related("provision__document")),
    }, status=status)


def manage_url(question: Question) -> str:
    return reverse("qa:manage_question", kwargs={"pk": question.pk})

