import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ..core.ratelimit import TOO_MANY, hit
from .models import Exchange, Feedback
from .services import ask, feedback_record

# Questions per address per minute, for the page and the API alike.
QUESTIONS_PER_MINUTE = 20


def _too_many(request) -> bool:
    return not hit(request, scope="assistant", limit=QUESTIONS_PER_MINUTE, window=60)


@require_http_methods(["GET", "POST"])
def assistant_page(request):
    """Works without JavaScript: `?q=` answers a question given in the address (shareable), a plain form
    post answers in the conversation; with htmx only the new exchange is returned."""
    source = request.POST if request.method == "POST" else request.GET
    question = source.get("q", "")
    context = {"answer": None, "question": question, "reasons": Feedback.Reason.choices}
    status = 200
    if question.strip():
        if _too_many(request):
            context["error"], status = TOO_MANY, 429
        else:
            context["answer"] = ask(question, conversation_key=source.get("hoi-thoai"))
    template = "assistant/_exchange.html" if request.htmx and request.method == "POST" else "assistant/page.html"
    return render(request, template, context, status=status)


@require_POST
def feedback(request, exchange_id: int):
    if _too_many(request):
        return HttpResponse(TOO_MANY, status=429, content_type="text/plain; charset=utf-8")
    helpful = request.POST.get("huu-ich")
    if helpful not in ("co", "khong") or not Exchange.objects.filter(pk=exchange_id).exists():
        return HttpResponse("Đánh giá không hợp lệ.", status=400, content_type="text/plain; charset=utf-8")
    feedback_record(exchange_id=exchange_id, helpful=helpful == "co", reason=request.POST.get("ly-do", ""),
                    comment=request.POST.get("gop-y", ""))
    return render(request, "assistant/_thanks.html")


@csrf_exempt  # a JSON API for apps (Hue-S, Zalo); it changes nothing a session could be tricked into
@require_POST
def api_ask(request):
    if _too_many(request):
        return JsonResponse({"error": TOO_MANY}, status=429)
    try:
        payload = json.loads(request.body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JsonResponse({"error": "Nội dung gửi lên phải là JSON, ví dụ {\"question\": \"...\"}."}, status=400)
    question = payload.get("question") if isinstance(payload, dict) else None
    if not isinstance(question, str) or not question.strip():
        return JsonResponse({"error": "Thiếu trường \"question\" (câu hỏi)."}, status=400)
    conversation = payload.get("conversation")
    answer = ask(question, conversation_key=conversation if isinstance(conversation, str) else None)
    return JsonResponse(answer.as_json(), json_dumps_params={"ensure_ascii": False})
