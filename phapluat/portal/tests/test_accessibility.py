"""Zero axe-core violations (WCAG 2.0/2.1 A and AA) on the public pages, in headless Chromium, on a phone width.

Runs against a live server that shares the test's database connection (phapluat/a11y/server.py: static files
through StaticFilesHandler, media through Django's test handler), so the test stays an ordinary rolled-back test.
Skips only when Chromium or the Node modules are missing on a developer machine; under CI (CI set) it fails.
"""
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from phapluat.a11y import runner
from phapluat.a11y.server import live_server_in_transaction

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), "white")
    ImageDraw.Draw(image).rectangle((20, 20, 300, 180), outline="black", width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def content(make_document, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.images.models import Image

    from phapluat.editorial.models import (ArticlePage, Audience, DraftArticle, DraftPage, LanguageVersion,
                                           MaterialPage, SectionPage)
    from phapluat.editorial.seed import build_site
    from phapluat.orgs.models import Organization

    settings.MEDIA_ROOT = str(tmp_path)
    for name, slug, kind in (("Sở Tư pháp", "so-tu-phap", "justice"), ("Phường Thuận Hóa", "phuong-thuan-hoa", "ward"),
                             ("Xã A Lưới 1", "xa-a-luoi-1", "commune")):
        Organization.objects.create(name=name, slug=slug, kind=kind)
    build_site(with_plan=False)
    document = make_document(number="12/2025/QH15", title="Luật Phổ biến, giáo dục pháp luật (thử)",
                             effective_date=timezone.localdate() + timedelta(days=15))
    ward = SectionPage.objects.get(organization__slug="phuong-thuan-hoa")
    justice = SectionPage.objects.get(organization__slug="so-tu-phap")

    def publish(parent, page):
        page = parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    publish(ward, ArticlePage(title="Giới thiệu luật mới", slug="gioi-thieu", kind="gioi-thieu-van-ban",
                              document=document, summary="Những điểm mới.",
                              body=[("doan_van", "<p>Luật quy định <strong>trách nhiệm</strong> của xã.</p>")]))
    image = Image(title="Infographic quy trình", file=ContentFile(_png(), name="quy-trinh.png"))
    image.save()
    material = MaterialPage(title="Quy trình hòa giải ở cơ sở", slug="hoa-giai", format="hinh-anh", image=image,
                            image_description="Bước 1: nhận yêu cầu. Bước 2: hòa giải. Bước 3: lập biên bản.",
                            summary="Infographic cho người dân.", easy_read="<p>Hòa giải giúp hai bên thỏa thuận.</p>")
    material.audiences = list(Audience.objects.filter(slug="nguoi-dan"))
    material = publish(ward, material)
    LanguageVersion.objects.create(page=material, language="tth", title="Hòa giải (tiếng Tà Ôi)", body="<p>...</p>")
    now = timezone.now()
    draft = DraftPage(title="Dự thảo Quy chế hòa giải", slug="du-thao-hoa-giai", summary="Lấy ý kiến nhân dân.",
                      opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=20))
    draft.articles = [DraftArticle(number="1", heading="Phạm vi", text="Quy chế này quy định...")]
    draft = publish(justice, draft)
    return {"document": document, "ward": ward, "material": material, "draft": draft}


@pytest.fixture
def live_url(content):
    with live_server_in_transaction() as url:
        yield url


def test_public_pages_have_no_axe_violations(browser_tools, live_url, content):
    from phapluat.editorial.models import DraftIndexPage, MaterialIndexPage

    base = live_url
    contrast = [{"name": "hien-thi", "value": "chu-lon.tuong-phan-cao"}]
    pages = [
        {"url": f"{base}/"},
        {"url": f"{base}/", "cookies": contrast},
        {"url": f"{base}/", "width": 1280},
        {"url": f"{base}{content['document'].get_absolute_url()}"},
        {"url": f"{base}/tim-kiem/?q=ph%E1%BA%A1m+vi"},
        {"url": f"{base}{content['ward'].url}"},
        {"url": f"{base}{content['material'].url}"},
        {"url": f"{base}{content['material'].url}?ngon-ngu=tth"},
        {"url": f"{base}{content['material'].url}?ban=de-doc", "cookies": contrast},
        {"url": f"{base}{content['draft'].url}"},
        {"url": f"{base}{MaterialIndexPage.objects.get().url}"},
        {"url": f"{base}{DraftIndexPage.objects.get().url}"},
        {"url": f"{base}/hoi-dap/gui-cau-hoi/"},
        {"url": f"{base}/tro-ly/?q=tr%C3%A1ch+nhi%E1%BB%87m+c%E1%BB%A7a+x%C3%A3"},
        {"url": f"{base}/tro-ly/?q=vuot+den+do+xe+may+phat+bao+nhieu"},  # the fines block of an answer
        {"url": f"{base}/khoa-hoc/"},
        {"url": f"{base}/cuoc-thi/"},
        {"url": f"{base}/tra-cuu-muc-phat/?q=vuot+den+do+xe+may"},
        {"url": f"{base}/doanh-nghiep/"},
    ]
    # A page known to be broken proves the check is not vacuous.
    canary = {"url": "data:text/html,<html><body><img src=x></body></html>"}
    *results, canary_result = runner.run_axe([*pages, canary])
    assert "image-alt" in [v["id"] for v in canary_result["violations"]]
    problems = []
    for result in results:
        if result.get("error") or result["status"] != 200:
            problems.append(f"{result['url']}: HTTP {result['status']} {result.get('error', '')}")
        for violation in result["violations"]:
            problems.append(f"{result['url']}: {violation['id']} ({violation['impact']}) {violation['help']} "
                            f"→ {violation['nodes']}")
    assert len(results) == len(pages)
    assert not problems, "\n".join(problems)
