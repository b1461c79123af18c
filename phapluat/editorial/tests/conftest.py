import pytest
from django.contrib.auth import get_user_model

from phapluat.orgs.models import Membership, Organization


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def orgs(db):
    """A small province: the Sở Tư pháp, one department, one ward and one commune (build_site is per org)."""
    rows = [("Sở Tư pháp", "so-tu-phap", Organization.Kind.JUSTICE),
            ("Sở Giáo dục và Đào tạo", "so-giao-duc-va-dao-tao", Organization.Kind.DEPARTMENT),
            ("Phường Thuận Hóa", "phuong-thuan-hoa", Organization.Kind.WARD),
            ("Xã A Lưới 1", "xa-a-luoi-1", Organization.Kind.COMMUNE)]
    return {slug: Organization.objects.create(name=name, slug=slug, kind=kind) for name, slug, kind in rows}


@pytest.fixture
def site(orgs):
    from phapluat.editorial.seed import build_site

    build_site(with_plan=False)
    from phapluat.editorial.models import SectionPage

    return {slug: SectionPage.objects.get(organization=org) for slug, org in orgs.items()}


@pytest.fixture
def member(db):
    """member(org, role) -> a user holding that role, synced the way grant_role will do it."""
    from phapluat.editorial.services import sync_section_permissions
    from phapluat.orgs.services import grant_role

    def make(organization, role, name=None):
        user = get_user_model().objects.create_user(username=name or f"{organization.slug}-{role}", password="x")
        grant_role(user=user, organization=organization, role=role)
        sync_section_permissions(organization)
        return user

    return make


@pytest.fixture
def add_page():
    def add(parent, instance, *, publish=True):
        page = parent.add_child(instance=instance)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page

    return add


ROLES = [Membership.Role.EDITOR, Membership.Role.APPROVER, Membership.Role.ADMIN]
