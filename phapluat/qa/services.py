"""Writes of the Q&A app: keyword-only, transactional, permission-checked with orgs.permissions.can(),
audited in Wagtail's log. Every move of a question goes through `_move`, which enforces TRANSITIONS."""
from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..core.sanitize import clean_text
from ..core.text import vn_slugify
from ..laws.models import Provision
from ..orgs.models import Organization
from ..orgs.permissions import Action, can, justice_department
from . import notify
from .models import (
    Advisor, Answer, AnswerCitation, Attachment, Feedback, Publication, PublicationCitation, Question, Report,
    Topic, TRANSITIONS,
)
from .text import anonymise, fingerprint, folded, official_html, plain, title_from

QUESTION_MAX_CHARS = 5000
ANSWER_MAX_CHARS = 50000
DUPLICATE_DAYS = 30
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


class WorkflowError(Exception):
    """A move the workflow does not allow; the message is Vietnamese and shown to the official."""


class DuplicateQuestion(Exception):
    pass


def answer_days() -> int:
    return int(getattr(settings, "PHAPLUAT_QA_ANSWER_DAYS", 15))


def reports_to_hide() -> int:
    return max(1, int(getattr(settings, "PHAPLUAT_QA_REPORTS_TO_HIDE", 3)))


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"HD-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _move(question: Question, to_state: str) -> str:
    before = question.state
    if to_state not in TRANSITIONS[before]:
        raise WorkflowError(
            f"Không thể chuyển câu hỏi từ “{Question.State(before).label}” sang “{Question.State(to_state).label}”."
        )
    question.state = to_state
    return before


def _locked(question: Question) -> Question:
    """Re-read the question inside the transaction (row-locked on PostgreSQL) so two officials
    cannot both move it from the same state."""
    return Question.objects.select_for_update().get(pk=question.pk)


def _log(question: Question, action: str, **kwargs) -> None:
    """Audit a question's change. The entry is labelled by id: no text the asker typed goes into the log."""
    log(question, action, title=f"Câu hỏi số {question.pk}", **kwargs)


def _title(item) -> str:
    return f"Câu hỏi số {item.pk}" if isinstance(item, Question) else str(item)


def _require_state(question: Question, state: str, message: str) -> None:
    if question.state != state:
        raise WorkflowError(f"{message} (câu hỏi đang ở trạng thái “{question.get_state_display()}”).")


def _answer_of(question: Question) -> Answer:
    answer = Answer.objects.filter(question=question).select_related("organization", "drafted_by").first()
    if answer is None:
        raise WorkflowError("Câu hỏi chưa có câu trả lời.")
    return answer


def drafted_by(answer: Answer | None, user) -> bool:
    """Four eyes: an answer speaks for the authority, so the official who drafted it does not approve it."""
    return answer is not None and answer.drafted_by_id == user.pk


def _require(user, action: Action, organization, message: str) -> None:
    if not can(user, action, organization):
        raise PermissionDenied(message)


# --- Asking -------------------------------------------------------------------------------------------

@transaction.atomic
def question_submit(*, body: str, topic: Topic, locality: Organization, asker_type: str, industry: str = "",
                    issue_type: str = "", contact_name: str = "", contact_email: str = "",
                    contact_phone: str = "") -> Question:
    body = clean_text(body, max_length=QUESTION_MAX_CHARS)
    if not locality.is_local_unit:
        raise WorkflowError("Vui lòng chọn một xã hoặc phường của thành phố.")
    mark = fingerprint(body)
    since = timezone.now() - timedelta(days=DUPLICATE_DAYS)
    if Question.objects.filter(fingerprint=mark, submitted_at__gte=since).exclude(
            state=Question.State.REJECTED).exists():
        raise DuplicateQuestion
    question = Question(
        body=body, topic=topic, locality=locality, asker_type=asker_type, industry=industry, issue_type=issue_type,
        contact_name=clean_text(contact_name, max_length=200), contact_email=clean_text(contact_email, max_length=254),
        contact_phone=clean_text(contact_phone, max_length=30), fingerprint=mark,
        public_title=title_from(anonymise(body, names=[contact_name])),
    )
    for _ in range(5):
        question.tracking_code = new_tracking_code()
        try:
            with transaction.atomic():
                question.save()
            break
        except IntegrityError:  # a code drawn twice (1 in 10^18): draw again
            continue
    else:  # pragma: no cover
        raise WorkflowError("Không tạo được mã theo dõi, vui lòng gửi lại.")
    _log(question, "qa.submit", data={"topic": topic.pk, "locality": locality.pk, "asker_type": asker_type})
    notify.new_question(question, justice_department())
    return question


def contact_retention_days() -> int:
    return int(getattr(settings, "PHAPLUAT_QA_CONTACT_RETENTION_DAYS", 365))


@transaction.atomic
def contacts_purge(*, today=None) -> int:
    """Personal data is kept only as long as it serves its purpose (Nghị định 13/2023/NĐ-CP, Luật Bảo vệ dữ
    liệu cá nhân): contact details of questions finished more than the retention period ago are erased."""
    now = timezone.now() if today is None else today
    cutoff = now - timedelta(days=contact_retention_days())
    finished = Question.objects.exclude(state__in=[Question.State.NEW, Question.State.ROUTED, Question.State.PENDING])
    stale = finished.filter(updated_at__lt=cutoff).exclude(contact_name="", contact_email="", contact_phone="")
    ids = list(stale.values_list("pk", flat=True))
    Question.objects.filter(pk__in=ids).update(contact_name="", contact_email="", contact_phone="")
    for question in Question.objects.filter(pk__in=ids):
        _log(question, "qa.contacts_purged")
    return len(ids)


# --- Officials ----------------------------------------------------------------------------------------

def routable_organizations():
    return Organization.objects.exclude(kind=Organization.Kind.OTHER).order_by("kind", "name")


@transaction.atomic
def question_route(*, question: Question, organization: Organization, user, deadline=None) -> Question:
    """The Sở Tư pháp sends the question to the organization that answers it (it may also keep it)."""
    _require(user, Action.EDIT, justice_department(), "Chỉ Sở Tư pháp phân loại và chuyển câu hỏi.")
    question = _locked(question)
    before = _move(question, Question.State.ROUTED)
    question.assigned_to = organization
    question.routed_at = timezone.now()
    question.deadline = deadline or (timezone.localdate() + timedelta(days=answer_days()))
    question.state_note = ""
    question.save()
    _log(question, "qa.route", user=user, data={"from": before, "organization": organization.pk,
                                                "deadline": question.deadline.isoformat()})
    notify.routed(question)
    return question


@transaction.atomic
def question_reject(*, question: Question, user, reason: str) -> Question:
    reason = clean_text(reason, max_length=1000)
    if not reason:
        raise WorkflowError("Vui lòng nêu lý do không thụ lý.")
    justice = justice_department()
    if not (can(user, Action.EDIT, justice) or can(user, Action.PUBLISH, question.assigned_to)):
        raise PermissionDenied("Bạn không có quyền từ chối câu hỏi này.")
    question = _locked(question)
    before = _move(question, Question.State.REJECTED)
    question.state_note = reason
    question.save()
    _log(question, "qa.reject", user=user, data={"from": before})
    notify.rejected(question)
    return question


def _provisions(provision_ids) -> list[Provision]:
    ids = []
    for raw in provision_ids or []:
        try:
            ids.append(int(raw))
        except (TypeError, ValueError):
            continue
    return list(Provision.objects.filter(pk__in=ids[:50], document__live=True).select_related("document", "parent"))


def _cite(model, owner_field: str, owner, provisions: list[Provision]) -> None:
    wanted = {(p.document_id, p.anchor): p for p in provisions}
    existing = {(c.document_id, c.anchor): c for c in model.objects.filter(**{owner_field: owner})}
    for key, citation in existing.items():
        if key not in wanted:
            citation.delete()
    for key, provision in wanted.items():
        if key in existing:
            continue
        label = f"{provision.citation or provision.label} {provision.document.display_name}".strip()
        model.objects.create(**{owner_field: owner}, provision=provision, document=provision.document,
                             anchor=provision.anchor, label=label[:600])


@transaction.atomic
def answer_save(*, question: Question, user, body: str, delivery: str, public_title: str = "",
                public_text: str = "", provision_ids=(), submit: bool = False) -> Answer:
    """Draft (or re-draft) the answer in the organization the question was routed to; `submit` sends it
    to the approver."""
    question = _locked(question)
    _require(user, Action.EDIT, question.assigned_to, "Chỉ đơn vị được giao mới soạn được trả lời.")
    if question.state != Question.State.ROUTED:
        raise WorkflowError(f"Câu hỏi đang ở trạng thái “{question.get_state_display()}”, không soạn trả lời được.")
    body = official_html(clean_text(body, max_length=ANSWER_MAX_CHARS))
    if not plain(body).strip():
        raise WorkflowError("Nội dung trả lời không được để trống.")
    if delivery not in Question.Delivery.values:
        raise WorkflowError("Hình thức trả lời không hợp lệ.")
    answer, created = Answer.objects.update_or_create(
        question=question,
        defaults={"organization": question.assigned_to, "body": body, "delivery": delivery, "drafted_by": user},
    )
    _cite(AnswerCitation, "answer", answer, _provisions(provision_ids))
    question.public_title = clean_text(public_title, max_length=300) or question.public_title
    question.public_text = clean_text(public_text, max_length=QUESTION_MAX_CHARS) or anonymise(
        question.body, names=[question.contact_name])
    action = "qa.answer_draft"
    if submit:
        _move(question, Question.State.PENDING)
        question.state_note = ""
        action = "qa.answer_submit"
    question.save()
    _log(question, action, user=user, data={"citations": answer.citations.count(), "delivery": delivery})
    if submit:
        notify.awaiting_approval(question)
    return answer


@transaction.atomic
def answer_return(*, question: Question, user, note: str) -> Question:
    question = _locked(question)
    _require(user, Action.PUBLISH, question.assigned_to, "Chỉ người phê duyệt của đơn vị mới trả lại dự thảo.")
    _require_state(question, Question.State.PENDING, "Chỉ trả lại được dự thảo đang chờ phê duyệt")
    note = clean_text(note, max_length=1000)
    if not note:
        raise WorkflowError("Vui lòng ghi rõ nội dung cần sửa.")
    _move(question, Question.State.ROUTED)
    question.state_note = note
    question.save()
    _log(question, "qa.answer_return", user=user)
    notify.returned(question, _answer_of(question).drafted_by)
    return question


@transaction.atomic
def answer_approve(*, question: Question, user) -> Question:
    """Publish the answer (with the anonymised question) or send it privately, as the draft says."""
    question = _locked(question)
    _require(user, Action.PUBLISH, question.assigned_to, "Chỉ người phê duyệt của đơn vị mới phê duyệt trả lời.")
    _require_state(question, Question.State.PENDING, "Chỉ phê duyệt được dự thảo đang chờ phê duyệt")
    answer = _answer_of(question)
    if drafted_by(answer, user):
        raise WorkflowError("Người soạn dự thảo không tự phê duyệt được; cần một người phê duyệt khác của đơn vị.")
    public = answer.delivery == Question.Delivery.PUBLIC
    if public and not question.public_text.strip():
        raise WorkflowError("Chưa có nội dung câu hỏi công bố (đã ẩn thông tin cá nhân).")
    before = _move(question, Question.State.PUBLISHED if public else Question.State.ANSWERED_PRIVATELY)
    now = timezone.now()
    question.answered_at = now
    question.search_folded = folded(question.public_title, question.public_text, plain(answer.body)) if public else ""
    question.save()
    answer.approved_by, answer.approved_at = user, now
    answer.save(update_fields=["approved_by", "approved_at", "updated_at"])
    _log(question, "qa.publish" if public else "qa.answer_private", user=user, data={"from": before})
    notify.answered(question)
    return question


@transaction.atomic
def answer_mark_reviewed(*, question: Question, user) -> Answer:
    """After a cited provision lost effect, an official of the answering organization confirms the answer
    was reviewed (and edited where needed); the notice disappears until another provision lapses."""
    answer = _answer_of(question)
    _require(user, Action.EDIT, answer.organization, "Chỉ đơn vị trả lời mới rà soát được câu trả lời.")
    lapsed = [c.pk for c in answer.citations.select_related("provision__document") if c.lapsed]
    AnswerCitation.objects.filter(pk__in=lapsed).update(lapse_reviewed=True)
    answer.reviewed_at = timezone.now()
    answer.save(update_fields=["reviewed_at", "updated_at"])
    _log(question, "qa.answer_reviewed", user=user, data={"citations": lapsed})
    return answer


@transaction.atomic
def answer_revise(*, question: Question, user, body: str, provision_ids=()) -> Answer:
    """Correct a published answer (e.g. after review); the change is audited."""
    answer = _answer_of(question)
    _require(user, Action.PUBLISH, answer.organization, "Chỉ người phê duyệt của đơn vị mới sửa được câu trả lời đã công bố.")
    body = official_html(clean_text(body, max_length=ANSWER_MAX_CHARS))
    if not plain(body).strip():
        raise WorkflowError("Nội dung trả lời không được để trống.")
    answer.body = body
    answer.save(update_fields=["body", "updated_at"])
    _cite(AnswerCitation, "answer", answer, _provisions(provision_ids))
    if question.state == Question.State.PUBLISHED:
        question.search_folded = folded(question.public_title, question.public_text, plain(answer.body))
        question.save(update_fields=["search_folded", "updated_at"])
    _log(question, "qa.answer_revise", user=user)
    return answer


# --- Visitors: feedback and reports ---------------------------------------------------------------------

def feedback_record(*, question: Question, helpful: bool, voter: str) -> bool:
    """One vote per visitor and answer; False when this visitor had already voted (the vote is kept)."""
    if not question.is_public:
        raise WorkflowError("Chỉ đánh giá được câu trả lời đã công bố.")
    try:
        with transaction.atomic():
            Feedback.objects.create(question=question, helpful=helpful, voter=voter)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def report_item(*, item, reason: str, note: str, reporter: str) -> bool:
    """Record a report; hide the item once it has PHAPLUAT_QA_REPORTS_TO_HIDE open reports.
    Returns True if this report hid the item."""
    if reason not in Report.Reason.values:
        raise WorkflowError("Vui lòng chọn lý do báo cáo.")
    if not item.is_public:
        raise WorkflowError("Nội dung này không còn được công bố.")
    content_type = ContentType.objects.get_for_model(item)
    try:
        with transaction.atomic():
            Report.objects.create(content_type=content_type, object_id=item.pk, reason=reason,
                                  note=clean_text(note, max_length=500), reporter=reporter)
    except IntegrityError:
        return False  # this visitor already has an open report on it
    count = Report.objects.filter(content_type=content_type, object_id=item.pk, resolved=False).count()
    if count >= reports_to_hide():
        type(item).objects.filter(pk=item.pk).update(hidden=True)
        item.hidden = True
        log(item, "qa.auto_hide", title=_title(item), data={"reports": count})
        return True
    return False


@transaction.atomic
def moderation_decide(*, item, user, keep: bool, note: str = "") -> None:
    """A moderator of the Sở Tư pháp restores a reported item (keep) or keeps it hidden (remove)."""
    _require(user, Action.PUBLISH, justice_department(), "Chỉ người kiểm duyệt của Sở Tư pháp mới quyết định.")
    content_type = ContentType.objects.get_for_model(item)
    open_reports = Report.objects.filter(content_type=content_type, object_id=item.pk, resolved=False)
    count = open_reports.update(resolved=True)
    type(item).objects.filter(pk=item.pk).update(hidden=not keep)
    item.hidden = not keep
    log(item, "qa.moderate_keep" if keep else "qa.moderate_remove", user=user, title=_title(item),
        data={"reports": count, "note": clean_text(note, max_length=300)})


# --- Publications (situations, problems, petition replies, advisory opinions) ----------------------------

def _unique_slug(title: str, exclude_pk=None) -> str:
    base = vn_slugify(title, max_length=140) or "bai"
    slug, n = base, 2
    while Publication.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def publication_save(*, user, organization: Organization, kind: str, title: str, topic: Topic, audience: str,
                     facts: str, analysis: str, industry: str = "", advisor: Advisor | None = None,
                     provision_ids=(), files=(), publication: Publication | None = None) -> Publication:
    owner = publication.organization if publication else organization
    _require(user, Action.EDIT, owner, "Bạn không có quyền soạn bài của đơn vị này.")
    if publication is not None and publication.organization_id != organization.pk:
        _require(user, Action.EDIT, organization, "Bạn không có quyền chuyển bài sang đơn vị này.")
    title = clean_text(title, max_length=300)
    facts = clean_text(facts, max_length=ANSWER_MAX_CHARS)
    analysis = official_html(clean_text(analysis, max_length=ANSWER_MAX_CHARS))
    if not title or not facts or not plain(analysis).strip():
        raise WorkflowError("Tiêu đề, nội dung và phần phân tích/trả lời không được để trống.")
    if kind not in Publication.Kind.values or audience not in Publication.Audience.values:
        raise WorkflowError("Loại bài hoặc đối tượng không hợp lệ.")
    created = publication is None
    publication = publication or Publication(created_by=user)
    publication.kind, publication.title, publication.topic, publication.audience = kind, title, topic, audience
    publication.facts, publication.analysis, publication.industry = facts, analysis, industry
    publication.organization, publication.advisor = organization, advisor
    if created or not publication.slug:
        publication.slug = _unique_slug(title)
    if publication.state == Publication.State.PUBLISHED:
        publication.search_folded = folded(title, facts, plain(analysis))
    publication.save()
    _cite(PublicationCitation, "publication", publication, _provisions(provision_ids))
    for kind_, uploaded in files:
        Attachment.objects.create(publication=publication, file=uploaded, name=clean_text(uploaded.name)[-200:],
                                  file_kind=kind_, size=uploaded.size)
    log(publication, "qa.publication_create" if created else "qa.publication_edit", user=user,
        data={"attachments": len(files)})
    return publication


@transaction.atomic
def publication_publish(*, publication: Publication, user, publish: bool = True) -> Publication:
    _require(user, Action.PUBLISH, publication.organization, "Chỉ người phê duyệt của đơn vị mới công bố được bài.")
    target = Publication.State.PUBLISHED if publish else Publication.State.DRAFT
    if publication.state == target:
        raise WorkflowError("Bài đã công bố." if publish else "Bài đang là bản nháp.")
    publication.state = target
    publication.published_at = timezone.now() if publish else publication.published_at
    publication.search_folded = folded(publication.title, publication.facts, plain(publication.analysis)) if publish else ""
    publication.save()
    log(publication, "qa.publication_publish" if publish else "qa.publication_unpublish", user=user)
    return publication


@transaction.atomic
def publication_mark_reviewed(*, publication: Publication, user) -> int:
    """Like answer_mark_reviewed, for a publication whose cited provision lost effect."""
    _require(user, Action.EDIT, publication.organization, "Bạn không có quyền rà soát bài này.")
    lapsed = [c.pk for c in publication.citations.select_related("provision__document") if c.lapsed]
    PublicationCitation.objects.filter(pk__in=lapsed).update(lapse_reviewed=True)
    log(publication, "qa.publication_reviewed", user=user, data={"citations": lapsed})
    return len(lapsed)


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user) -> None:
    publication = attachment.publication
    _require(user, Action.EDIT, publication.organization, "Bạn không có quyền sửa bài này.")
    name, storage, path = attachment.name, attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))  # the file goes only if the row went
    log(publication, "qa.attachment_remove", user=user, data={"name": name})
