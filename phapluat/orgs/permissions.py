"""The one place that answers "may this user do this to that?".

Roles are per organization. A role implies the ones below it: admin ⊃ approver ⊃ editor.
Superusers may do everything. Legal documents are managed by the Department of Justice.
"""
from __future__ import annotations

from enum import Enum

from .models import Membership, Organization


class Action(str, Enum):
    EDIT = "edit"          # create and change drafts
    PUBLISH = "publish"    # approve and publish
    ADMINISTER = "admin"   # manage the organization's members


ROLES_ALLOWED = {
    Action.EDIT: {Membership.Role.EDITOR, Membership.Role.APPROVER, Membership.Role.ADMIN},
    Action.PUBLISH: {Membership.Role.APPROVER, Membership.Role.ADMIN},
    Action.ADMINISTER: {Membership.Role.ADMIN},
}


def user_roles(user, organization: Organization) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Membership.objects.filter(user=user, organization=organization).values_list("role", flat=True)
    )


def can(user, action: Action, organization: Organization | None) -> bool:
    """True if `user` may perform `action` on content owned by `organization`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if organization is None:
        return False
    return bool(user_roles(user, organization) & ROLES_ALLOWED[Action(action)])


def justice_department() -> Organization | None:
    return Organization.objects.filter(kind=Organization.Kind.JUSTICE).first()


def can_manage_legal_documents(user, action: Action = Action.EDIT) -> bool:
    """Legal documents of the library are kept by the Department of Justice."""
    return can(user, action, justice_department())


def organizations_for(user, action: Action) -> list[Organization]:
    """The organizations whose content `user` may act on."""
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_superuser:
        return list(Organization.objects.all())
    roles = ROLES_ALLOWED[Action(action)]
    return list(Organization.objects.filter(memberships__user=user, memberships__role__in=roles).distinct())


# Wagtail's own actions (publishing a revision, the admin menu) check Django model permissions, so each
# role in an organization of a given kind is mirrored into a group holding those permissions.
# The source of truth stays the Membership rows; grant_role keeps the groups in step.
MODEL_PERMISSIONS_BY_ROLE = {
    (Organization.Kind.JUSTICE, Membership.Role.EDITOR): [
        "laws.add_document", "laws.change_document", "laws.view_document", "laws.lock_document",
    ],
    (Organization.Kind.JUSTICE, Membership.Role.APPROVER): [
        "laws.add_document", "laws.change_document", "laws.view_document", "laws.lock_document",
        "laws.publish_document", "laws.unlock_document", "laws.delete_document",
    ],
}
MODEL_PERMISSIONS_BY_ROLE[(Organization.Kind.JUSTICE, Membership.Role.ADMIN)] = MODEL_PERMISSIONS_BY_ROLE[
    (Organization.Kind.JUSTICE, Membership.Role.APPROVER)
]
ADMIN_ACCESS = "wagtailadmin.access_admin"
