"""E-mail notifications through Django's e-mail backend (console or file by default, SMTP in production).

Sent after the transaction commits; a failing mail server is logged and never breaks the workflow."""
from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from ..orgs.permissions import ROLES_ALLOWED, Action

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def staff_emails(organization, action: Action) -> list[str]:
    if organization is None:
        return []
    users = get_user_model().objects.filter(
        is_active=True, memberships__organization=organization, memberships__role__in=ROLES_ALLOWED[action]
    ).exclude(email="").distinct()
    return sorted({u.email for u in users})


def _send(subject: str, body: str, recipients: list[str]) -> None:
    if not recipients:
        return
    try:
        send_mail(subject, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), recipients)
    except Exception:  # noqa: BLE001 — a mail outage must not undo or break an official's action
        logger.exception("Không gửi được thư thông báo hỏi đáp: %s", subject)


def later(subject: str, body: str, recipients: list[str]) -> None:
    recipients = list(recipients)
    transaction.on_commit(lambda: _send(subject, body, recipients))


def _manage_link(question) -> str:
    from django.urls import reverse

    return absolute(reverse("qa:manage_question", kwargs={"pk": question.pk}))


def new_question(question, justice) -> None:
    later(f"[Hỏi đáp] Câu hỏi mới {question.tracking_code} cần phân loại",
          f"Có câu hỏi mới về chủ đề “{question.topic}”.\nPhân loại và chuyển đơn vị trả lời: {_manage_link(question)}",
          staff_emails(justice, Action.EDIT))


def routed(question) -> None:
    deadline = question.deadline.strftime("%d/%m/%Y") if question.deadline else "chưa đặt"
    later(f"[Hỏi đáp] Câu hỏi {question.tracking_code} được chuyển tới đơn vị",
          f"Đơn vị {question.assigned_to} được giao trả lời câu hỏi {question.tracking_code}, hạn {deadline}.\n"
          f"Soạn trả lời: {_manage_link(question)}",
          staff_emails(question.assigned_to, Action.EDIT))


def awaiting_approval(question) -> None:
    later(f"[Hỏi đáp] Dự thảo trả lời {question.tracking_code} chờ phê duyệt",
          f"Dự thảo trả lời câu hỏi {question.tracking_code} đang chờ phê duyệt: {_manage_link(question)}",
          staff_emails(question.assigned_to, Action.PUBLISH))


def returned(question, drafter) -> None:
    recipients = [drafter.email] if drafter is not None and drafter.email else []
    later(f"[Hỏi đáp] Dự thảo trả lời {question.tracking_code} cần sửa",
          f"Người phê duyệt yêu cầu sửa dự thảo: {question.state_note}\n{_manage_link(question)}", recipients)


def answered(question) -> None:
    """To the person who asked, only if they left an e-mail address. The message holds the answer only
    when it is private; a public answer is linked."""
    if not question.contact_email:
        return
    link = absolute(question.get_tracking_url())
    if question.state == question.State.ANSWERED_PRIVATELY:
        from .text import plain

        body = (f"Câu hỏi mã {question.tracking_code} đã được {question.answer.organization} trả lời:\n\n"
                f"{plain(question.answer.body).strip()}\n\nXem lại tại: {link}")
    else:
        body = f"Câu hỏi mã {question.tracking_code} đã được trả lời và công bố. Xem tại: {link}"
    later(f"[Hỏi đáp] Câu hỏi {question.tracking_code} đã được trả lời", body, [question.contact_email])


def rejected(question) -> None:
    if question.contact_email:
        later(f"[Hỏi đáp] Câu hỏi {question.tracking_code} không được thụ lý",
              f"Lý do: {question.state_note}\nXem tại: {absolute(question.get_tracking_url())}",
              [question.contact_email])
