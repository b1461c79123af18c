"""Wagtail permission policies backed by our per-organization roles (orgs.permissions)."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import Membership, Organization
from .permissions import ROLES_ALLOWED, Action

# Wagtail's action names mapped to ours.
WAGTAIL_ACTIONS = {
    "add": Action.EDIT, "change": Action.EDIT, "view": Action.EDIT, "lock": Action.EDIT,
    "publish": Action.PUBLISH, "unlock": Action.PUBLISH, "delete": Action.PUBLISH,
}


class OrganizationRolePermissionPolicy(BasePermissionPolicy):
    """Content of a model kept by one kind of organization (e.g. legal documents by the Sở Tư pháp)."""

    def __init__(self, model, *, owner_kind: str = Organization.Kind.JUSTICE):
        super().__init__(model)
        self.owner_kind = owner_kind

    def _roles(self, action: str) -> set[str]:
        return ROLES_ALLOWED[WAGTAIL_ACTIONS.get(action, Action.ADMINISTER)]

    def user_has_permission(self, user, action):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if user.is_superuser:
            return True
        return Membership.objects.filter(
            user=user, organization__kind=self.owner_kind, role__in=self._roles(action)
        ).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        roles = set().union(*(self._roles(a) for a in actions)) if actions else set()
        return get_user_model().objects.filter(
            Q(is_superuser=True)
            | Q(memberships__organization__kind=self.owner_kind, memberships__role__in=roles)
        ).filter(is_active=True).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
