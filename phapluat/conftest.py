"""Fixtures shared by every app's tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def _no_vectors_from_another_test():
    """Each test's database starts afresh (and SQLite reuses ids after a rollback): drop the semantic
    vectors this process loaded for an earlier test."""
    from phapluat.search import diacritics
    from phapluat.search.vectors import VectorIndex

    VectorIndex.forget()
    diacritics.forget()


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Rate limits count in fixed minutes: a test that sends 25 slow requests could straddle two and see
    its count restart. Within a test, time stays in one window."""
    from phapluat.core import ratelimit

    monkeypatch.setattr(ratelimit, "current_window", lambda window: 0)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests do not run collectstatic, so the hashed-manifest storage would have nothing to look up."""
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def browser_tools():
    """Headless Chromium and the Node modules (phapluat/a11y) for checks in a real browser. Skips only when
    Chromium is absent outside CI; missing Node modules are an installation error."""
    from phapluat.a11y import runner

    if runner.chromium_path() is None and not os.environ.get("CI"):
        pytest.skip("Chromium không có trên máy (apt-get install chromium, hoặc chạy `make test`)")
    reason = runner.missing()
    if reason:
        pytest.fail(f"Không chạy được kiểm thử trong trình duyệt: {reason}. Chạy `make a11y-tools`.")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The real data beside the checkout (../shared). Tests that need it skip when it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED_DIR


@pytest.fixture
def hue_plan(shared_dir, db):
    """Huế's own plan (no articles: sections I./1./a)), imported through the command."""
    from django.core.management import call_command

    from phapluat.laws.models import Document

    call_command("import", str(shared_dir / "data/hue/ke-hoach-chuyen-doi-so-pbgdpl-hue-2025-2030.txt"),
                 "--no-progress")
    return Document.objects.get()


@pytest.fixture
def make_document(db):
    """Builds a published document from a compact description, through the real upsert service."""
    from phapluat.laws.parsing.model import ParsedNode
    from phapluat.laws.services.documents import DocumentData, document_upsert

    def article(number: str, heading: str, *clauses: str) -> ParsedNode:
        node = ParsedNode(kind="dieu", number=number, heading=heading, anchor=f"dieu-{number}")
        for index, text in enumerate(clauses, start=1):
            node.children.append(
                ParsedNode(kind="khoan", number=str(index), text=text, anchor=f"dieu-{number}-khoan-{index}")
            )
        return node

    def build(*, number: str, title: str, articles=None, user=None, **fields):
        """A `status` given here is what an official source says (recorded as such, dated 2026-02-26):
        statuses are never taken from the upsert alone."""
        official_status = fields.pop("status", None)
        nodes = articles if articles is not None else [
            article("1", "Phạm vi điều chỉnh", "Luật này quy định về phạm vi."),
            article("2", "Đối tượng áp dụng", "Cơ quan, tổ chức.", "Cá nhân."),
        ]
        body = "\n".join(f"Điều {n.number}. {n.heading}" for n in nodes)
        data = DocumentData(source_key=f"test:{number or title}", title=title, number=number,
                            doc_type=fields.pop("doc_type", "luat"), body_text=body, nodes=nodes, **fields)
        document, _ = document_upsert(data=data, user=user)
        if official_status:
            from datetime import date

            from phapluat.laws.services.status import record_official_status, refresh_statuses

            record_official_status(document=document, status=official_status, source_label="danh mục kiểm thử",
                                   checked_on=date(2026, 2, 26), effective_date=fields.get("effective_date"))
            refresh_statuses(document)
            document.refresh_from_db()
        return document

    build.article = article
    return build


def pytest_addoption(parser):
    parser.addoption(
        "--backend-only", action="store_true",
        help="Only the tests that use the database: a second run on another backend skips what cannot differ.")


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--backend-only"):
        return
    uses_database = {"db", "transactional_db", "django_db_setup"}
    kept, skipped = [], []
    for item in items:
        needs = item.get_closest_marker("django_db") or uses_database & set(getattr(item, "fixturenames", ()))
        (kept if needs else skipped).append(item)
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = kept
