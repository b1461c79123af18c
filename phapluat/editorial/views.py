"""Public POST of the editorial pages (served through Wagtail's page serve): thin, rate-limited."""
from __future__ import annotations

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from ..core.ratelimit import TOO_MANY, hit
from . import services
from .forms import CommentForm

COMMENT_LIMIT, COMMENT_WINDOW = 5, 600


def draft_comment(request, draft):
    if not hit(request, scope="editorial-comment", limit=COMMENT_LIMIT, window=COMMENT_WINDOW):
        response = HttpResponse(TOO_MANY, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(COMMENT_WINDOW)
        return response
    form = CommentForm(request.POST, draft=draft)
    if form.is_robot:
        return HttpResponseBadRequest("Không gửi được góp ý.", content_type="text/plain; charset=utf-8")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.comment_submit(draft=draft, body=data["body"], article=data["article"], quote=data["quote"],
                                    commenter_kind=data["commenter_kind"])
        except services.CommentClosed as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{draft.url}?da-gui=1#gop-y")
    context = draft.get_context(request)
    context["form"] = form
    return TemplateResponse(request, draft.get_template(request), context, status=400)
