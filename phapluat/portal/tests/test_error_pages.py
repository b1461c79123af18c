import pytest

pytestmark = pytest.mark.django_db


def test_missing_page_answers_in_vietnamese_with_a_way_on(client):
    response = client.get("/van-ban/khong-co-van-ban-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and 'href="/van-ban/"' in html


def test_forged_form_post_gets_a_vietnamese_403(make_document):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/quan-tri/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()
