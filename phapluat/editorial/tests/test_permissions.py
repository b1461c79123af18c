"""Every section is editable only by its organization's people, published only after its approver's approval."""
import pytest
from wagtail.models import Page

from phapluat.editorial.models import ArticlePage
from phapluat.orgs.models import Membership

from .conftest import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_page(site, add_page):
    return add_page(site["phuong-thuan-hoa"], ArticlePage(title="Thông báo lịch tiếp dân", slug="lich-tiep-dan"))


@pytest.mark.parametrize("role", ROLES)
def test_no_role_of_one_organization_can_touch_another_organizations_section(role, site, other_page, member, client):
    user = member(site["xa-a-luoi-1"].organization, role)
    for page in (site["phuong-thuan-hoa"], other_page):
        perms = page.permissions_for_user(user)
        assert not perms.can_edit() and not perms.can_publish() and not perms.can_delete()
        assert not perms.can_add_subpage() and not perms.can_unpublish()
    client.force_login(user)
    response = client.get(f"/quan-tri/pages/{other_page.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(f"/quan-tri/pages/{other_page.pk}/edit/", {"title": "Bị sửa", "slug": "bi-sua"})
    assert response.status_code in (302, 403)
    other_page.refresh_from_db()
    assert other_page.title == "Thông báo lịch tiếp dân"
    response = client.get(f"/quan-tri/pages/add/editorial/articlepage/{site['phuong-thuan-hoa'].pk}/")
    assert response.status_code in (302, 403)
    # ...nor the home page and index pages above the sections.
    assert not Page.objects.get(depth=2).specific.permissions_for_user(user).can_add_subpage()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_works_in_its_own_section_as_far_as_the_role_goes(role, site, other_page, member, client):
    user = member(site["phuong-thuan-hoa"].organization, role)
    perms = other_page.permissions_for_user(user)
    assert perms.can_edit() and site["phuong-thuan-hoa"].permissions_for_user(user).can_add_subpage()
    assert perms.can_publish() == (role != Membership.Role.EDITOR)
    assert perms.can_delete() == (role != Membership.Role.EDITOR)  # Wagtail: change + publish may delete live pages
    client.force_login(user)
    assert client.get(f"/quan-tri/pages/{other_page.pk}/edit/").status_code == 200


def test_editor_submits_and_only_an_approver_of_that_organization_publishes(site, add_page, member):
    ward = site["phuong-thuan-hoa"]
    editor = member(ward.organization, Membership.Role.EDITOR)
    approver = member(ward.organization, Membership.Role.APPROVER)
    foreign_approver = member(site["xa-a-luoi-1"].organization, Membership.Role.APPROVER)
    page = add_page(ward, ArticlePage(title="Tin mới", slug="tin-moi"), publish=False)
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name.endswith(ward.organization.name)
    state = workflow.start(page, editor)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(page, editor) == []
    assert task.get_actions(page, foreign_approver) == []
    assert "approve" in [name for name, *_ in task.get_actions(page, approver)]
    task.on_action(task_state, approver, "approve")
    page.refresh_from_db()
    assert page.live


def test_revoked_membership_loses_access_on_next_sync(site, other_page, member):
    from phapluat.editorial.services import sync_section_permissions

    user = member(site["phuong-thuan-hoa"].organization, Membership.Role.EDITOR)
    Membership.objects.filter(user=user).delete()
    sync_section_permissions(site["phuong-thuan-hoa"].organization)
    assert not other_page.permissions_for_user(user).can_edit()


def test_documents_and_images_are_kept_per_organization_collection(site, member):
    from wagtail.documents.permissions import permission_policy

    ward_editor = member(site["phuong-thuan-hoa"].organization, Membership.Role.EDITOR)
    collections = permission_policy.collections_user_has_permission_for(ward_editor, "add")
    assert [c.name for c in collections] == ["Phường Thuận Hóa"]


def test_only_city_editors_feature_pages_on_the_home_page(site, other_page, member):
    from django.core.exceptions import PermissionDenied

    from phapluat.editorial.services import feature_page

    with pytest.raises(PermissionDenied):
        feature_page(page=other_page, user=member(site["phuong-thuan-hoa"].organization, Membership.Role.ADMIN))
    feature_page(page=other_page, user=member(site["so-tu-phap"].organization, Membership.Role.EDITOR))
