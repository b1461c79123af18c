from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_site(db):
    from phapluat.editorial.seed import build_site
    from phapluat.orgs.models import Organization

    for name, slug, kind in (("Sở Tư pháp", "so-tu-phap", "justice"), ("Phường Thuận Hóa", "phuong-thuan-hoa", "ward"),
                             ("Xã A Lưới 1", "xa-a-luoi-1", "commune")):
        Organization.objects.create(name=name, slug=slug, kind=kind)
    build_site(with_plan=False)
    from django.core.cache import cache

    cache.clear()


def test_home_shows_documents_drafts_featured_contests_and_each_commune(client, small_site, make_document):
    from phapluat.editorial.models import ArticlePage, DraftPage, FeaturedPage, SectionPage

    soon = timezone.localdate() + timedelta(days=20)
    make_document(number="1/2026/QH16", title="Luật sắp có hiệu lực", effective_date=soon)
    justice = SectionPage.objects.get(organization__slug="so-tu-phap")
    now = timezone.now()
    draft = justice.add_child(instance=DraftPage(title="Dự thảo Nghị quyết hỗ trợ", slug="du-thao-nq", summary="x",
                                                 opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9)))
    draft.save_revision().publish()
    news = justice.add_child(instance=ArticlePage(title="Hội nghị tập huấn", slug="tap-huan", summary="Tóm tắt"))
    news.save_revision().publish()
    FeaturedPage.objects.create(page=news)
    html = client.get("/").content.decode()
    for text in ("Luật sắp có hiệu lực", "Dự thảo Nghị quyết hỗ trợ", "Hội nghị tập huấn", 'href="/cuoc-thi/"',
                 "Phường Thuận Hóa", "Xã A Lưới 1", "Gửi câu hỏi pháp luật"):
        assert text in html
    ward = SectionPage.objects.get(organization__slug="phuong-thuan-hoa")
    assert f'href="{ward.url}"' in html


def test_home_empty_states_are_helpful(client, db):
    html = client.get("/").content.decode()
    assert "Hiện không có dự thảo nào đang lấy ý kiến" in html and "phapluat seed" in html


def test_large_text_and_high_contrast_work_with_plain_links_and_a_cookie(client, db):
    response = client.get("/hien-thi/?chu=lon&next=/van-ban/")
    assert response.status_code == 302 and response["Location"] == "/van-ban/"
    assert response.cookies["hien-thi"].value == "chu-lon" and response.cookies["hien-thi"]["httponly"]
    client.get("/hien-thi/?tuong-phan=cao&next=/")
    html = client.get("/").content.decode()
    assert '<html lang="vi" class="chu-lon tuong-phan-cao">' in html
    assert "Chữ cỡ thường" in html and "Màu thường" in html
    assert "sessionid" not in client.cookies
    client.get("/hien-thi/?chu=thuong&tuong-phan=thuong")
    assert '<html lang="vi">' in client.get("/").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_display_switch_never_redirects_off_site(client, db, target):
    response = client.get("/hien-thi/", {"chu": "lon", "next": target})
    assert response["Location"] == "/"


def test_forged_cookie_values_are_ignored(client, db):
    client.cookies["hien-thi"] = '"><script>x</script>.chu-lon'
    html = client.get("/").content.decode()
    assert '<html lang="vi" class="chu-lon">' in html and "<script>x" not in html
