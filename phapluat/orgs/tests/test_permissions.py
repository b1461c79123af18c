"""Roles are per organization; legal documents belong to the Department of Justice."""
import pytest
from django.contrib.auth import get_user_model

from phapluat.laws.models import Document
from phapluat.orgs.models import Membership, Organization
from phapluat.orgs.permissions import Action, can, can_manage_legal_documents
from phapluat.orgs.policies import OrganizationRolePermissionPolicy
from phapluat.orgs.services import grant_role, load_all

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def orgs():
    load_all()
    return {
        "justice": Organization.objects.get(kind=Organization.Kind.JUSTICE),
        "ward": Organization.objects.get(name="Phường Phú Xuân"),
        "commune": Organization.objects.filter(kind=Organization.Kind.COMMUNE).first(),
    }


def make_user(name: str, organization=None, role=None):
    user = get_user_model().objects.create_user(username=name, password="mat-khau-dai-123")
    if organization:
        grant_role(user=user, organization=organization, role=role)
    return user


def test_load_all_creates_40_communes_and_wards_with_population(orgs):
    assert Organization.objects.filter(kind=Organization.Kind.WARD).count() == 21
    assert Organization.objects.filter(kind=Organization.Kind.COMMUNE).count() == 19
    assert orgs["ward"].population == 130247 and orgs["ward"].is_urban
    assert not orgs["commune"].is_urban
    assert load_all() == 0  # idempotent


@pytest.mark.parametrize("role, edit, publish, administer", [
    (Role.EDITOR, True, False, False),
    (Role.APPROVER, True, True, False),
    (Role.ADMIN, True, True, True),
])
def test_roles_imply_the_ones_below_them_within_their_own_organization_only(orgs, role, edit, publish, administer):
    user = make_user("u", orgs["ward"], role)
    assert can(user, Action.EDIT, orgs["ward"]) is edit
    assert can(user, Action.PUBLISH, orgs["ward"]) is publish
    assert can(user, Action.ADMINISTER, orgs["ward"]) is administer
    for other in (orgs["commune"], orgs["justice"]):
        assert not any(can(user, action, other) for action in Action)


def test_anonymous_and_inactive_users_can_do_nothing(orgs):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), Action.EDIT, orgs["ward"])
    user = make_user("gone", orgs["ward"], Role.ADMIN)
    user.is_active = False
    assert not can(user, Action.EDIT, orgs["ward"])


def test_only_justice_department_staff_manage_legal_documents(orgs):
    justice_editor = make_user("tp", orgs["justice"], Role.EDITOR)
    ward_admin = make_user("px", orgs["ward"], Role.ADMIN)
    assert can_manage_legal_documents(justice_editor)
    assert not can_manage_legal_documents(justice_editor, Action.PUBLISH)
    assert not can_manage_legal_documents(ward_admin)
    policy = OrganizationRolePermissionPolicy(Document)
    assert policy.user_has_permission(justice_editor, "change")
    assert not policy.user_has_permission(justice_editor, "publish")
    assert not policy.user_has_permission(ward_admin, "change")
    assert set(policy.users_with_permission("change")) == {justice_editor}


def test_editorial_views_follow_the_roles(client, orgs):
    ward_admin = make_user("px", orgs["ward"], Role.ADMIN)
    client.force_login(ward_admin)
    for url in ("/quan-tri/snippets/laws/document/add/", "/quan-tri/van-ban/tai-len/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    justice_editor = make_user("tp", orgs["justice"], Role.EDITOR)
    client.force_login(justice_editor)
    assert client.get("/quan-tri/snippets/laws/document/add/").status_code == 200
    assert client.get("/quan-tri/van-ban/tai-len/").status_code == 200
