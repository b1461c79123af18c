"""Fixtures for the contests tests: real organizations, a bank built from the real GPLX file, officials."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from phapluat.contests.models import Contest
from phapluat.contests.seed import TRAFFIC_BANK
from phapluat.contests.services.banks import bank_import, read_bank_file
from phapluat.contests.services.contests import RoundData, contest_create
from phapluat.orgs.models import Membership, Organization
from phapluat.orgs.services import grant_role, load_all


@pytest.fixture
def orgs(db):
    load_all()
    return {
        "justice": Organization.objects.get(kind=Organization.Kind.JUSTICE),
        "ward": Organization.objects.get(name="Phường Phú Xuân"),
        "commune": Organization.objects.filter(kind=Organization.Kind.COMMUNE).order_by("name").first(),
        "other_ward": Organization.objects.filter(kind=Organization.Kind.WARD).exclude(name="Phường Phú Xuân")
        .order_by("name").first(),
    }


@pytest.fixture
def small_bank(db, tmp_path):
    """The first 40 text-only and 10 image questions of the shipped real bank (fast to import)."""
    rows = read_bank_file(TRAFFIC_BANK["path"])
    subset = [r for r in rows if not r["hasImage"]][:40] + [r for r in rows if r["hasImage"]][:10]
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(subset, ensure_ascii=False), encoding="utf-8")
    bank, _ = bank_import(path=path, slug="gplx-test", name="GPLX (thử)")
    return bank


@pytest.fixture
def official(orgs):
    user = get_user_model().objects.create_user(username="canbo", password="mat-khau-dai-123")
    grant_role(user=user, organization=orgs["justice"], role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def contest(orgs, small_bank, official):
    now = timezone.now()
    return contest_create(
        user=official, organization=orgs["justice"], bank=small_bank, title="Tìm hiểu Luật Giao thông 2026",
        first_round=RoundData(opens_at=now - timedelta(minutes=30), closes_at=now + timedelta(hours=1),
                              question_count=10, time_limit_seconds=600))


@pytest.fixture
def register(client, orgs):
    """Registers through the real HTTP form; returns the client (carrying the participant cookie)."""

    def do(contest: Contest, name: str = "Nguyễn An", ward=None, school: str = "", http_client=None, **extra):
        c = http_client or client
        response = c.post(f"/cuoc-thi/{contest.slug}/dang-ky/", {
            "display_name": name, "ward": (ward or orgs["ward"]).pk, "school": school, **extra})
        assert response.status_code == 302, response.content.decode()[:500]
        return c

    return do


@pytest.fixture(autouse=True)
def _fresh_process_cache():
    """Contests, rounds and banks are kept a few seconds per process; each test starts without them."""
    from phapluat.contests.selectors import forget_cached

    forget_cached()
    yield
    forget_cached()
