"""The public pages of the library, driven through the real HTTP views."""
import pytest

from phapluat.laws.models import Document, EffectStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def law(make_document):
    return make_document(number="91/2015/QH13", title="Bộ luật Dân sự", doc_type="bo-luat",
                         status=EffectStatus.IN_FORCE, issuer="QUỐC HỘI")


def test_document_page_shows_metadata_status_toc_and_addressable_clauses(client, law):
    response = client.get("/van-ban/bo-luat-91-2015-qh13/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Bộ luật Dân sự</h1>" in html
    assert 'class="badge status-con-hieu-luc">Còn hiệu lực<' in html
    assert 'href="#dieu-2"' in html                      # table of contents
    assert 'id="dieu-2-khoan-2"' in html                 # every clause addressable
    assert 'data-anchor="dieu-1"' in html                # copy-link button, enabled by JavaScript
    assert "/van-ban/bo-luat-91-2015-qh13/tai-ve/" in html and "/ban-in/" in html


def test_go_to_article_works_without_javascript(client, law):
    response = client.get("/van-ban/bo-luat-91-2015-qh13/?dieu=2")
    assert response.status_code == 302
    assert response["Location"].endswith("#dieu-2")


def test_drafts_are_never_public(client, law):
    Document.objects.filter(pk=law.pk).update(live=False)
    assert client.get("/van-ban/bo-luat-91-2015-qh13/").status_code == 404
    assert "Bộ luật Dân sự" not in client.get("/van-ban/").content.decode()


def test_list_filters_by_type_year_and_status(client, law, make_document):
    make_document(number="1/2019/ND-CP", title="Nghị định về xử phạt", doc_type="nghi-dinh",
                  status=EffectStatus.EXPIRED)
    html = client.get("/van-ban/?loai=bo-luat").content.decode()
    assert "Bộ luật Dân sự" in html and "Nghị định về xử phạt" not in html
    html = client.get("/van-ban/?hieu-luc=het-hieu-luc").content.decode()
    assert "Nghị định về xử phạt" in html and "Bộ luật Dân sự" not in html


def test_bad_filter_values_are_ignored_not_errors(client, law):
    response = client.get("/van-ban/?nam=abc&loai=<script>&hieu-luc=x&trang=999")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_download_is_an_attachment_that_cannot_run_in_the_browser(client, law):
    response = client.get("/van-ban/bo-luat-91-2015-qh13/tai-ve/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_print_view_has_the_text_without_the_site_chrome(client, law):
    html = client.get("/van-ban/bo-luat-91-2015-qh13/ban-in/").content.decode()
    assert 'id="dieu-2"' in html and "site-header" not in html


def test_home_page_lists_recent_documents(client, law):
    response = client.get("/")
    assert response.status_code == 200
    assert "Bộ luật Dân sự" in response.content.decode()
