"""Permission policy for snippets owned by one organization (registry, outreach, comments): the same
per-organization roles as everything else (orgs.permissions.can)."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies.base import BasePermissionPolicy

from ..orgs.models import Membership, Organization
from ..orgs.permissions import ROLES_ALLOWED, Action, can, organizations_for
from ..orgs.policies import WAGTAIL_ACTIONS


def _action(action: str) -> Action:
    return WAGTAIL_ACTIONS.get(action, Action.ADMINISTER)


class OrganizationOwnedPolicy(BasePermissionPolicy):
    def __init__(self, model, *, owner=lambda obj: obj.organization, moderation: bool = False):
        super().__init__(model)
        self.owner = owner
        # Moderating comments is approving: every action needs PUBLISH.
        self.moderation = moderation

    def _act(self, action):
        return Action.PUBLISH if self.moderation else _action(action)

    def user_has_permission(self, user, action):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if user.is_superuser:
            return True
        return Membership.objects.filter(user=user, role__in=ROLES_ALLOWED[self._act(action)]).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return can(user, self._act(action), self.owner(instance))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def users_with_any_permission(self, actions):
        roles = set().union(*(ROLES_ALLOWED[self._act(a)] for a in actions)) if actions else set()
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(memberships__role__in=roles)).filter(is_active=True).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class CityOnlyPolicy(OrganizationOwnedPolicy):
    """Home-page features and audiences: editors of UBND thành phố and the Sở Tư pháp."""

    KINDS = (Organization.Kind.CITY, Organization.Kind.JUSTICE)

    def user_has_permission(self, user, action):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        return user.is_superuser or Membership.objects.filter(
            user=user, organization__kind__in=self.KINDS, role__in=ROLES_ALLOWED[_action(action)]).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class OrganizationScopedForm(WagtailAdminModelForm):
    """Limits the organization field to the ones the user may edit for."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "organization" in self.fields and for_user is not None and not for_user.is_superuser:
            ids = [o.pk for o in organizations_for(for_user, Action.EDIT)]
            self.fields["organization"].queryset = Organization.objects.filter(pk__in=ids)
        if "reporters" in self.fields and for_user is not None and not for_user.is_superuser:
            from .models import LegalReporter

            ids = [o.pk for o in organizations_for(for_user, Action.EDIT)]
            self.fields["reporters"].queryset = LegalReporter.objects.filter(organization__in=ids)
