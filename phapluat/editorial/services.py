"""Writes of the editorial side: keyword-only, transactional, audited (Wagtail's log)."""
from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import (Collection, GroupApprovalTask, GroupCollectionPermission, GroupPagePermission,
                            Workflow, WorkflowPage, WorkflowTask)

from ..core.sanitize import clean_text
from ..orgs.models import Membership, Organization
from .models import DraftArticle, DraftComment, DraftPage, FeaturedPage, SectionPage

# Page permissions on the organization's section subtree, per role (editor ⊂ approver ⊂ admin).
PAGE_PERMISSIONS = {
    Membership.Role.EDITOR: ["add_page", "change_page", "view_page"],
    Membership.Role.APPROVER: ["add_page", "change_page", "view_page", "publish_page", "lock_page", "unlock_page"],
    Membership.Role.ADMIN: ["add_page", "change_page", "view_page", "publish_page", "lock_page", "unlock_page",
                            "bulk_delete_page"],
}
# Document and image library permissions on the organization's collection (every role uploads and chooses).
COLLECTION_PERMISSIONS = ["wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
                          "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image"]
ROLE_LABELS = dict(Membership.Role.choices)


def group_name(organization: Organization, role: str) -> str:
    return f"Chuyên mục {organization.slug} – {role}"


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def organization_collection(organization: Organization) -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=organization.name).first()
    return collection or root.add_child(name=organization.name)


def section_workflow(organization: Organization, approvers: list[Group]) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=f"Duyệt nội dung – {organization.name}"[:255])
    task = GroupApprovalTask.objects.filter(name=f"Phê duyệt – {organization.name}"[:255]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"Phê duyệt – {organization.name}"[:255])
    task.groups.set(approvers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def sync_section_permissions(organization: Organization) -> SectionPage | None:
    """Mirror `organization`'s Membership rows into Wagtail: one group per role with page permissions on the
    section subtree, the same collection permissions on the organization's collection, the section's moderation
    workflow (approved by approvers and admins) and the group members. Idempotent; call it after any change
    of membership (orgs.services.grant_role) and after build_site()."""
    section = SectionPage.objects.filter(organization=organization).first()
    if section is None:
        return None
    collection = organization_collection(organization)
    page_permissions = {p.codename: p for p in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=set().union(*PAGE_PERMISSIONS.values()))}
    groups = {}
    for role, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name(organization, role))
        groups[role] = group
        group.permissions.add(_permission("wagtailadmin.access_admin"))
        wanted = {page_permissions[c] for c in codenames if c in page_permissions}
        existing = GroupPagePermission.objects.filter(group=group, page=section)
        existing.exclude(permission__in=wanted).delete()
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)
        for dotted in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection,
                                                            permission=_permission(dotted))
        users = [m.user for m in Membership.objects.filter(organization=organization, role=role)
                 .select_related("user")]
        group.user_set.set(users)
    workflow = section_workflow(organization, [groups[Membership.Role.APPROVER], groups[Membership.Role.ADMIN]])
    WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    return section


def sync_all_sections() -> int:
    count = 0
    for organization in Organization.objects.all():
        count += sync_section_permissions(organization) is not None
    return count


# --- Drafts open for comment -------------------------------------------------------------------------

class CommentClosed(Exception):
    """The draft is not open for comment now."""


@transaction.atomic
def comment_submit(*, draft: DraftPage, body: str, article: DraftArticle | None = None, quote: str = "",
                   commenter_kind: str = DraftComment.CommenterKind.CITIZEN) -> DraftComment:
    """A citizen's comment, pending moderation. Text is cleaned; nothing identifying is stored."""
    if not draft.live or not draft.is_open():
        raise CommentClosed("Dự thảo này hiện không nhận góp ý.")
    if article is not None and article.draft_id != draft.pk:
        raise ValueError("Điều không thuộc dự thảo này.")
    if commenter_kind not in DraftComment.CommenterKind.values:
        commenter_kind = DraftComment.CommenterKind.CITIZEN
    comment = DraftComment.objects.create(
        draft=draft, article=article, body=clean_text(body, max_length=3000),
        quote=clean_text(quote, max_length=500), commenter_kind=commenter_kind)
    log(comment, "editorial.comment_submitted", data={"draft": draft.pk})
    return comment


@transaction.atomic
def comment_moderate(*, comment: DraftComment, approve: bool, user) -> DraftComment:
    from ..orgs.permissions import Action, can

    if not can(user, Action.PUBLISH, comment.organization):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Chỉ người phê duyệt của đơn vị soạn thảo được duyệt góp ý.")
    comment.state = DraftComment.State.APPROVED if approve else DraftComment.State.REJECTED
    comment.moderated_at = timezone.now()
    comment.moderated_by = user
    comment.save(update_fields=["state", "moderated_at", "moderated_by"])
    log(comment, "editorial.comment_moderated", user=user, data={"approved": approve})
    return comment


# --- Home page ---------------------------------------------------------------------------------------------

CITY_KINDS = (Organization.Kind.CITY, Organization.Kind.JUSTICE)


def is_city_editor(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, organization__kind__in=CITY_KINDS).exists()


@transaction.atomic
def feature_page(*, page, user, position: int = 0, until=None) -> FeaturedPage:
    if not is_city_editor(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Chỉ biên tập viên của thành phố được đưa nội dung lên trang chủ.")
    featured, _ = FeaturedPage.objects.update_or_create(page=page, defaults={"position": position, "until": until})
    log(featured, "editorial.featured", user=user, data={"page": page.pk})
    return featured
