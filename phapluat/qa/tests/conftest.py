"""Fixtures for the Q&A tests: real organizations, real roles (orgs.services.grant_role), a real library
document with articles (make_document), and clients that check CSRF like a browser would."""
from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, TestCase

from phapluat.laws.models import EffectStatus
from phapluat.orgs.models import Membership, Organization
from phapluat.orgs.services import grant_role
from phapluat.qa.models import Topic


@pytest.fixture(autouse=True)
def _fresh_cache_and_mail(settings, tmp_path):
    """Rate-limit counters live in the cache: every test starts from zero. Uploads go to a temporary folder."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def orgs(db):
    make = Organization.objects.create
    return {
        "justice": make(name="Sở Tư pháp", slug="so-tu-phap", kind=Organization.Kind.JUSTICE),
        "labour": make(name="Sở Nội vụ", slug="so-noi-vu", kind=Organization.Kind.DEPARTMENT),
        "other": make(name="Sở Tài chính", slug="so-tai-chinh", kind=Organization.Kind.DEPARTMENT),
        "ward": make(name="Phường Phú Xuân", slug="phuong-phu-xuan", kind=Organization.Kind.WARD),
        "commune": make(name="Xã Phú Vinh", slug="xa-phu-vinh", kind=Organization.Kind.COMMUNE),
    }


@pytest.fixture
def topic(db):
    return Topic.objects.get(slug="dat-dai")  # from the data migration


def _user(username, org=None, role=None):
    # No password: the tests log in with force_login, and hashing one costs ~0.3 s per user.
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.vn")
    if org is not None:
        grant_role(user=user, organization=org, role=role)
    return user


@pytest.fixture
def staff(orgs):
    return {
        "triage": _user("tuphap", orgs["justice"], Membership.Role.EDITOR),
        "moderator": _user("kiemduyet", orgs["justice"], Membership.Role.APPROVER),
        "drafter": _user("chuyenvien", orgs["labour"], Membership.Role.EDITOR),
        "approver": _user("lanhdao", orgs["labour"], Membership.Role.APPROVER),
        "outsider": _user("sokhac", orgs["other"], Membership.Role.APPROVER),
        "nobody": _user("khongvaitro"),
    }


def login(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf_post(client: Client, url: str, data: dict, *, page: str | None = None, **extra):
    """Post as a browser does: load the page first, send back the token it holds."""
    response = client.get(page or url)
    assert response.status_code == 200, response.status_code
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
    # The test's own transaction never commits; run what the request registered for "after commit"
    # (the e-mails) as a real commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {**data, "csrfmiddlewaretoken": token}, **extra)


@pytest.fixture
def law(make_document):
    article = make_document.article
    return make_document(
        number="31/2024/QH15", title="Luật Đất đai", status=EffectStatus.IN_FORCE,
        articles=[
            article("220", "Tách thửa đất, hợp thửa đất",
                    "Việc tách thửa đất, hợp thửa đất phải bảo đảm các nguyên tắc và điều kiện.",
                    "Thửa đất đã được cấp giấy chứng nhận."),
            article("221", "Đăng ký biến động", "Người sử dụng đất đăng ký biến động đất đai."),
        ],
    )


@pytest.fixture
def question_data(orgs, topic):
    return {
        "body": "Tôi tên là Nguyễn Văn An, số điện thoại 0912 345 678. Gia đình tôi muốn tách thửa đất ở để cho "
                "con. Điều kiện tách thửa đất theo luật mới là gì?",
        "topic": topic.pk, "locality": orgs["ward"].pk, "asker_type": "ca-nhan",
        "contact_name": "Nguyễn Văn An", "contact_email": "an.nguyen@example.com", "contact_phone": "0912345678",
        "consent": "on", "website": "",
    }
