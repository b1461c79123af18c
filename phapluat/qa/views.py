"""Public pages of Q&A, situations and the business area: parse, call a selector or a service, render."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..core.ratelimit import client_address, rate_limited
from ..core.sanitize import clean_text
from . import selectors, services
from .forms import QuestionForm, ReportForm
from .models import Advisor, AskerType, Attachment, Industry, IssueType, Publication, Question
from .text import visitor_key

PER_PAGE = 20
ROBOT_MESSAGE = "Không gửi được câu hỏi. Nếu bạn là người thật, vui lòng tải lại trang và gửi lại."
DUPLICATE_MESSAGE = ("Câu hỏi giống hệt đã được gửi trong 30 ngày qua và đang được xử lý. Bạn có thể theo dõi "
                     "bằng mã theo dõi đã nhận, hoặc tìm trong các câu hỏi đã trả lời.")

PUBLICATION_LISTS = {
    Publication.Kind.SITUATION: ("Tình huống pháp lý", "Các tình huống thực tế kèm phân tích và điều khoản áp dụng."),
    Publication.Kind.PROBLEM: ("Vướng mắc trong thi hành pháp luật",
                               "Những vướng mắc khi áp dụng pháp luật và hướng giải quyết của cơ quan có thẩm quyền."),
    Publication.Kind.PETITION_REPLY: ("Trả lời kiến nghị",
                                      "Văn bản trả lời kiến nghị của người dân, doanh nghiệp."),
    Publication.Kind.ADVISORY: ("Ý kiến tư vấn pháp lý cho doanh nghiệp",
                                "Ý kiến của mạng lưới tư vấn viên pháp luật hỗ trợ doanh nghiệp."),
}


def _page(request, items):
    raw = (request.GET.get("trang") or "1")[:4]
    return Paginator(items, PER_PAGE).get_page(raw if raw.isdigit() else 1)


def _query_without_page(request) -> str:
    return urlencode([(k, v[:200]) for k, v in request.GET.items() if k != "trang"])


# --- Knowledge base ----------------------------------------------------------------------------------

@require_GET
def index(request):
    filters = selectors.QuestionFilters.from_params(request.GET)
    page = _page(request, selectors.question_list(filters))
    return render(request, "qa/index.html", {
        "filters": filters, "page": page, "topics": selectors.topics_with_counts(filters.topic),
        "query_without_page": _query_without_page(request),
        "searched": bool(filters.query or filters.topic or filters.asker_type),
        "sections": [(kind, title) for kind, (title, _) in PUBLICATION_LISTS.items()],
    })


@require_GET
def question_detail(request, pk: int):
    question = selectors.public_question(pk)
    answer = question.answer
    citations = selectors.citations_of(answer)
    return render(request, "qa/question_detail.html", {
        "question": question, "answer": answer, "citations": citations,
        "needs_review": any(c.needs_review for c in citations),
        "feedback": selectors.feedback_summary(question),
        "voted": request.GET.get("danh-gia") == "1",
    })


def _ask(request, *, business: bool):
    initial = {"asker_type": AskerType.BUSINESS} if business else {}
    form = QuestionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_robot:
            return HttpResponseBadRequest(ROBOT_MESSAGE, content_type="text/plain; charset=utf-8")
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = services.question_submit(
                    body=data["body"], topic=data["topic"], locality=data["locality"], asker_type=data["asker_type"],
                    industry=data["industry"], issue_type=data["issue_type"], contact_name=data["contact_name"],
                    contact_email=data["contact_email"], contact_phone=data["contact_phone"])
            except services.DuplicateQuestion:
                form.add_error("body", DUPLICATE_MESSAGE)
            except services.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                return redirect(f"{question.get_tracking_url()}?moi=1")
        status = 400
    return render(request, "qa/ask.html", {"form": form, "business": business}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited(scope="qa-ask", limit=5, window=600)
def ask(request):
    return _ask(request, business=False)


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited(scope="qa-ask", limit=5, window=600)
def business_ask(request):
    return _ask(request, business=True)


@require_GET
@rate_limited(scope="qa-suggest", limit=60, window=60, methods=("GET",))
def suggest(request):
    query = clean_text(request.GET.get("body") or request.GET.get("q") or "", max_length=1000)
    result = selectors.suggestions(query)
    template = "qa/_suggestions.html" if getattr(request, "htmx", False) else "qa/suggest_page.html"
    return render(request, template, {"query": query, "suggestions": result})


# --- Tracking -------------------------------------------------------------------------------------------

@never_cache
@require_GET
@rate_limited(scope="qa-track", limit=30, window=60, methods=("GET",))
def track_lookup(request):
    code = clean_text(request.GET.get("ma") or "", max_length=30).upper()
    if code:
        if selectors.tracked_question(code):
            return redirect("qa:track", code=code)
        return render(request, "qa/track_lookup.html", {"code": code, "not_found": True}, status=404)
    return render(request, "qa/track_lookup.html", {"code": ""})


@never_cache
@require_GET
@rate_limited(scope="qa-track", limit=30, window=60, methods=("GET",))
def track(request, code: str):
    question = selectors.tracked_question(code)
    if question is None:
        return render(request, "qa/track_lookup.html", {"code": code[:30], "not_found": True}, status=404)
    answer = getattr(question, "answer", None) if question.state in (
        Question.State.PUBLISHED, Question.State.ANSWERED_PRIVATELY) else None
    response = render(request, "qa/track.html", {
        "question": question, "answer": answer, "just_sent": request.GET.get("moi") == "1",
        "citations": selectors.citations_of(answer) if answer else [],
        "steps": _steps(question),
    })
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _steps(question: Question) -> list[tuple[str, bool]]:
    labels = ["Tiếp nhận", "Chuyển đơn vị trả lời", "Soạn dự thảo trả lời", "Phê duyệt và trả lời"]
    done_index = {Question.State.NEW: 0, Question.State.ROUTED: 1, Question.State.PENDING: 2}.get(question.state, 3)
    if question.state == Question.State.REJECTED:
        return [(labels[0], True), ("Không thụ lý", True)]
    return [(label, i <= done_index) for i, label in enumerate(labels)]


# --- Feedback and reports ------------------------------------------------------------------------------------

@require_POST
@rate_limited(scope="qa-feedback", limit=20, window=60)
def feedback(request, pk: int):
    question = selectors.public_question(pk)
    value = request.POST.get("huu-ich")
    if value not in ("co", "khong"):
        return HttpResponseBadRequest("Vui lòng chọn “Có” hoặc “Không”.", content_type="text/plain; charset=utf-8")
    counted = services.feedback_record(question=question, helpful=value == "co",
                                       voter=visitor_key(client_address(request), f"feedback:{question.pk}"))
    if getattr(request, "htmx", False):
        return render(request, "qa/_feedback_thanks.html", {"counted": counted})
    return redirect(f"{question.get_absolute_url()}?danh-gia=1#danh-gia")


REPORTABLE = {"cau-hoi": Question, "bai": Publication}


def _reportable(kind: str, pk: int):
    model = REPORTABLE.get(kind)
    if model is None:
        raise Http404
    item = model.objects.filter(pk=pk).first()
    if item is None or not item.is_public:
        raise Http404("Nội dung không tồn tại hoặc không còn được công bố.")
    return item


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited(scope="qa-report", limit=10, window=600)
def report(request, kind: str, pk: int):
    item = _reportable(kind, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            services.report_item(item=item, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
                                 reporter=visitor_key(client_address(request), f"report:{kind}:{pk}"))
            return render(request, "qa/report_done.html", {"item": item})
        return render(request, "qa/report.html", {"form": form, "item": item, "kind": kind}, status=400)
    return render(request, "qa/report.html", {"form": form, "item": item, "kind": kind})


# --- Publications ----------------------------------------------------------------------------------------

@require_GET
def publication_list(request, kind: str):
    if kind not in PUBLICATION_LISTS:
        raise Http404
    title, intro = PUBLICATION_LISTS[kind]
    query = clean_text(request.GET.get("q") or "", max_length=500)
    topic_slug = (request.GET.get("chu-de") or "")[:120]
    qs = selectors.public_publications(kind)
    if topic_slug:
        qs = qs.filter(topic__slug=topic_slug)
    audience = request.GET.get("doi-tuong") or ""
    if audience in Publication.Audience.values:
        qs = qs.filter(audience=audience)
    items = selectors.match(qs, query, limit=100) if query else qs
    return render(request, "qa/publication_list.html", {
        "kind": kind, "title": title, "intro": intro, "page": _page(request, items), "query": query,
        "topics": selectors.Topic.objects.all(), "topic_slug": topic_slug, "audience": audience,
        "audiences": Publication.Audience.choices, "query_without_page": _query_without_page(request),
    })


@require_GET
def publication_detail(request, slug: str):
    publication = selectors.public_publication(slug)
    citations = list(publication.citations.select_related("provision__document", "document"))
    return render(request, "qa/publication_detail.html", {
        "publication": publication, "citations": citations, "attachments": publication.attachments.all(),
        "needs_review": any(c.needs_review for c in citations),
    })


@require_GET
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("publication"), pk=pk)
    if not attachment.publication.is_public:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Tệp không còn trên máy chủ.")
    filename = attachment.name if attachment.name.lower().endswith(f".{attachment.file_kind}") else (
        f"{attachment.name}.{attachment.file_kind}")
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- Business area --------------------------------------------------------------------------------------------

@require_GET
def business_index(request):
    filters = selectors.CaseFilters.from_params(request.GET)
    return render(request, "qa/business_index.html", {
        "filters": filters, "page": _page(request, selectors.business_cases(filters)),
        "industries": Industry.choices, "issue_types": IssueType.choices,
        "counts": selectors.business_case_counts(),
        "opinions": selectors.public_publications(Publication.Kind.ADVISORY)[:5],
        "advisor_count": Advisor.objects.filter(active=True).count(),
        "query_without_page": _query_without_page(request),
    })


@require_GET
def advisors(request):
    items = Advisor.objects.filter(active=True).select_related("organization").prefetch_related("topics")
    return render(request, "qa/advisors.html", {"advisors": items})


def report_url(item) -> str:
    kind = "cau-hoi" if isinstance(item, Question) else "bai"
    return reverse("qa:report", kwargs={"kind": kind, "pk": item.pk})

