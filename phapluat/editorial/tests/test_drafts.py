"""Drafts open for comment: whole-draft or per-article comments, moderated, rate-limited, sanitised."""
from datetime import timedelta

import pytest
from django.utils import timezone

from phapluat.editorial.models import DraftArticle, DraftComment, DraftPage
from phapluat.orgs.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(site, add_page):
    now = timezone.now()
    page = DraftPage(title="Dự thảo Quy chế phối hợp phổ biến pháp luật", slug="du-thao-quy-che",
                     summary="Lấy ý kiến về quy chế phối hợp.", opens_at=now - timedelta(days=1),
                     closes_at=now + timedelta(days=30))
    page.articles = [DraftArticle(number="1", heading="Phạm vi điều chỉnh", text="Quy chế này quy định..."),
                     DraftArticle(number="2", heading="Đối tượng áp dụng", text="Các cơ quan...")]
    return add_page(site["so-tu-phap"], page)


def _post(client, draft, **data):
    return client.post(draft.url, {"body": "Đề nghị bổ sung trách nhiệm của xã.", "commenter_kind": "nguoi-dan",
                                   "article": "", "quote": "", **data})


def test_a_comment_on_one_article_waits_for_moderation_then_shows_under_that_article(client, draft, member):
    article = draft.articles.get(number="2")
    response = _post(client, draft, article=str(article.pk), quote="Các cơ quan",
                     body="<script>alert(1)</script>Nên nêu rõ \x07 tổ chức hội.")
    assert response.status_code == 302 and response["Location"].endswith("?da-gui=1#gop-y")
    comment = DraftComment.objects.get()
    assert comment.state == DraftComment.State.PENDING and comment.article == article
    assert "\x07" not in comment.body
    html = client.get(draft.url).content.decode()
    assert "Nên nêu rõ" not in html

    from phapluat.editorial.services import comment_moderate

    approver = member(draft.get_parent().specific.organization, Membership.Role.APPROVER)
    comment_moderate(comment=comment, approve=True, user=approver)
    html = client.get(draft.url).content.decode()
    assert "Nên nêu rõ" in html and "<script>alert(1)</script>" not in html
    assert html.index("Nên nêu rõ") > html.index('id="dieu-2"')


def test_another_organizations_approver_cannot_moderate(client, draft, member, site):
    from django.core.exceptions import PermissionDenied

    from phapluat.editorial.services import comment_moderate

    _post(client, draft)
    with pytest.raises(PermissionDenied):
        comment_moderate(comment=DraftComment.objects.get(), approve=True,
                         user=member(site["phuong-thuan-hoa"].organization, Membership.Role.ADMIN))


def test_invalid_comment_gets_an_error_summary_and_nothing_is_saved(client, draft):
    response = _post(client, draft, body="ngắn")
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and "Nội dung góp ý" in html
    assert not DraftComment.objects.exists()


def test_article_of_another_draft_is_refused(client, draft, site, add_page):
    other = add_page(site["so-tu-phap"], DraftPage(title="Khác", slug="khac", summary="x",
                                                   opens_at=draft.opens_at, closes_at=draft.closes_at))
    foreign = DraftArticle.objects.create(draft=other, number="9", text="...")
    assert _post(client, draft, article=str(foreign.pk)).status_code == 400
    assert not DraftComment.objects.exists()


def test_closed_draft_takes_no_comment_and_shows_the_summary_of_responses(client, draft):
    draft.closes_at = timezone.now() - timedelta(minutes=1)
    draft.comment_summary = "<p>Tiếp thu 12 ý kiến, giải trình 3 ý kiến.</p>"
    draft.save_revision().publish()
    html = client.get(draft.url).content.decode()
    assert "Tiếp thu 12 ý kiến" in html and "Gửi góp ý" not in html
    assert _post(client, draft).status_code == 400
    assert not DraftComment.objects.exists()


def test_comments_are_rate_limited_per_address(client, draft):
    statuses = [_post(client, draft).status_code for _ in range(6)]
    assert statuses[:5] == [302] * 5 and statuses[5] == 429
    assert "quá nhiều" in _post(client, draft).content.decode()


def test_honeypot_and_csrf(draft):
    from django.test import Client

    assert _post(Client(), draft, website="http://spam").status_code == 400
    assert _post(Client(enforce_csrf_checks=True), draft).status_code == 403
    assert not DraftComment.objects.exists()


def test_open_drafts_are_listed_and_linked_per_article(client, draft):
    from phapluat.editorial.models import DraftIndexPage

    index = client.get(DraftIndexPage.objects.get().url).content.decode()
    assert draft.title in index
    html = client.get(draft.url).content.decode()
    article = draft.articles.get(number="1")
    assert f'href="?dieu={article.pk}#gop-y"' in html
    html = client.get(f"{draft.url}?dieu={article.pk}").content.decode()
    assert f'<option value="{article.pk}" selected>' in html
