"""The Wagtail editor works for a section's own people: forms open, a submission goes to moderation."""
import json
import re
from pathlib import Path

import pytest
import wagtail

from phapluat.editorial.models import ArticlePage, DraftComment, DraftPage
from phapluat.orgs.models import Membership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["articlepage", "materialpage", "draftpage"])
def test_editor_opens_the_add_form_of_every_page_type_in_its_section(model, site, member, client):
    ward = site["phuong-thuan-hoa"]
    client.force_login(member(ward.organization, Membership.Role.EDITOR))
    response = client.get(f"/quan-tri/pages/add/editorial/{model}/{ward.pk}/")
    assert response.status_code == 200


def test_editor_submission_goes_to_moderation_not_live(site, member, client):
    ward = site["phuong-thuan-hoa"]
    client.force_login(member(ward.organization, Membership.Role.EDITOR))
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    data = nested_form_data({"title": "Thông báo tiếp công dân", "slug": "tiep-cong-dan", "kind": "thong-bao",
                             "date": "2025-10-01", "summary": "", "easy_read": rich_text(""),
                             "body": streamfield([("doan_van", rich_text("<p>Lịch tiếp công dân.</p>"))]),
                             "language_versions": inline_formset([]), "action-submit": "1"})
    response = client.post(f"/quan-tri/pages/add/editorial/articlepage/{ward.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(slug="tiep-cong-dan")
    assert not page.live and page.workflow_in_progress


def test_comment_moderation_list_shows_only_the_organizations_own_comments(site, member, client, add_page):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    drafts = {}
    for slug in ("phuong-thuan-hoa", "xa-a-luoi-1"):
        page = DraftPage(title=f"Dự thảo {slug}", slug="du-thao", summary="x",
                         opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=3))
        drafts[slug] = add_page(site[slug], page)
        DraftComment.objects.create(draft=drafts[slug], body=f"Góp ý cho {slug}")
    client.force_login(member(site["phuong-thuan-hoa"].organization, Membership.Role.APPROVER))
    html = client.get("/quan-tri/snippets/editorial/draftcomment/").content.decode()
    assert "Góp ý cho phuong-thuan-hoa" in html and "Góp ý cho xa-a-luoi-1" not in html
    foreign = DraftComment.objects.get(draft=drafts["xa-a-luoi-1"])
    assert client.get(f"/quan-tri/snippets/editorial/draftcomment/edit/{foreign.pk}/").status_code in (302, 403, 404)
    client.force_login(member(site["phuong-thuan-hoa"].organization, Membership.Role.EDITOR))
    assert client.get("/quan-tri/snippets/editorial/draftcomment/").status_code in (302, 403)


def test_the_editor_speaks_vietnamese_where_wagtail_does_not(site, member, client, add_page):
    """phapluat/locale/vi fills the gaps of Wagtail's own Vietnamese catalogue (menus, page actions, edit screen)."""
    ward = site["phuong-thuan-hoa"]
    client.force_login(member(ward.organization, Membership.Role.EDITOR))
    # Vietnamese even from a browser set to English (phones often are).
    page = client.get(f"/quan-tri/pages/add/editorial/articlepage/{ward.pk}/",
                      HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    sidebar = [json.loads(f'"{label}"') for label in re.findall(r'"label": "([^"]+)"', page)]
    assert {"Hình ảnh", "Tài liệu", "Báo cáo", "Trợ giúp"} <= set(sidebar)
    assert not {"Images", "Documents", "Reports", "Help"} & set(sidebar)
    assert "Lưu bản nháp" in page and "Save draft" not in page
    # The rich-text toolbar: its buttons are described in Python (the JavaScript catalogue is tested below).
    toolbar = {json.loads(f'"{d}"') for d in re.findall(r'description&quot;: &quot;(.+?)&quot;', page)}
    assert {"Đậm", "Nghiêng", "Tiêu đề 2", "Liên kết", "Tài liệu"} <= toolbar
    assert not {"Bold", "Italic", "Heading 2", "Link", "Document"} & toolbar
    # The edit screen of a live page: privacy and publishing-schedule panels, preview and lock status.
    article = add_page(ward, ArticlePage(title="Thông báo lịch tiếp dân", slug="lich-tiep-dan"))
    page = client.get(f"/quan-tri/pages/{article.pk}/edit/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    translated = {
        "Privacy changes apply to all children of this page too.": "Thay đổi quyền xem cũng áp dụng cho mọi trang con",
        "Choose who can view the live version of this page": "Chọn người được xem phiên bản đang xuất bản",
        "Visible to all. Visit the live page": "Mọi người xem được. Mở trang đang xuất bản",
        "No publishing schedule set": "Chưa đặt lịch xuất bản",
        "Choose when this page should go live and/or expire": "Chọn thời điểm trang này bắt đầu",
        "Toggle preview": "Ẩn/hiện xem trước",
        "Anyone can edit this page": "Ai cũng sửa được trang này",
    }
    for english, vietnamese in translated.items():
        assert vietnamese in page and english not in page, english


def test_the_editors_scripts_speak_vietnamese_too(client):
    """Wagtail's JavaScript catalogue (rich-text editor, autosave, comments) reads phapluat/locale as well:
    every string Wagtail's French catalogue has is Vietnamese in the admin's script catalogue."""
    body = client.get("/quan-tri/jsi18n/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", body, re.S).group(1))
    assert catalogue["Insert a block"] == "Chèn một khối"
    assert catalogue["Write something or type ‘/’ to insert a block"] == "Viết nội dung hoặc gõ ‘/’ để chèn một khối"
    assert catalogue["%(num)s error"] == ["%(num)s lỗi"]
    french = (Path(wagtail.__file__).parent / "admin/locale/fr/LC_MESSAGES/djangojs.po").read_text(encoding="utf-8")
    msgids = {"".join(re.findall(r'"(.*)"', m)) for m in re.findall(r'^msgid ((?:".*"\n?)+)', french, re.M)} - {""}
    assert len(msgids) > 50 and msgids <= set(catalogue)

def test_the_sign_in_page_is_vietnamese(client):
    page = client.get("/quan-tri/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Mật khẩu" in page and "Nhập Tên đăng nhập của bạn" in page
    assert ">Password<" not in page.replace("\n", "").replace(" ", "")
