"""Fixtures for the learning tests: real organizations, the real first course, officials and staff."""
from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model

from phapluat.learning.models import Course
from phapluat.learning.seed import load_first_course
from phapluat.orgs.models import Membership, Organization
from phapluat.orgs.services import grant_role, load_all


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def orgs(db):
    load_all()
    wards = Organization.objects.filter(kind=Organization.Kind.WARD).order_by("name")
    return {"justice": Organization.objects.get(kind=Organization.Kind.JUSTICE),
            "ward": wards[0], "other_ward": wards[1]}


@pytest.fixture
def course(orgs) -> Course:
    load_first_course()
    return Course.objects.get()


@pytest.fixture
def make_user(db):
    def make(username: str, *, organization=None, role=Membership.Role.EDITOR, full_name: str = ""):
        first, _, last = full_name.rpartition(" ")
        user = get_user_model().objects.create_user(username=username, password="mat-khau-dai-123",
                                                    first_name=last, last_name=first)
        if organization is not None:
            grant_role(user=user, organization=organization, role=role)
        return user

    return make


@pytest.fixture
def ward_admin(orgs, make_user):
    return make_user("quantri-phuong", organization=orgs["ward"], role=Membership.Role.ADMIN)


def right_answers(lesson) -> dict[str, str]:
    return {f"cau-{q.pk}": q.correct_key for q in lesson.questions.all()}


def wrong_answers(lesson) -> dict[str, str]:
    return {f"cau-{q.pk}": next(o["key"] for o in q.options if o["key"] != q.correct_key)
            for q in lesson.questions.all()}


def xlsx(rows: list[list]) -> io.BytesIO:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "danh-sach.xlsx"
    return out
