"""The public knowledge base: diacritic-insensitive search over published answers, topics, suggestions
while typing, "was this helpful?", and the computed review notice when a cited provision lapses."""
import datetime

import pytest
from django.test import Client

from phapluat.laws.models import Document, EffectStatus, Provision
from phapluat.qa import selectors, services
from phapluat.qa.models import Question, Topic

from .conftest import csrf_post, login
from .test_question_lifecycle import approve, draft, route, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(orgs, staff, law, question_data):
    question = submit(question_data)
    clause = Provision.objects.get(document=law, anchor="dieu-220-khoan-1")
    return approve(staff, draft(staff, route(staff, orgs, question), [clause]))


def test_empty_knowledge_base_invites_a_question(db):
    html = Client().get("/hoi-dap/").content.decode()
    assert "Chưa có câu hỏi nào được trả lời" in html and 'href="/hoi-dap/gui-cau-hoi/"' in html
    for url in ("/hoi-dap/tinh-huong/", "/hoi-dap/vuong-mac/", "/hoi-dap/tra-loi-kien-nghi/", "/doanh-nghiep/",
                "/doanh-nghiep/tu-van-vien/", "/doanh-nghiep/y-kien-tu-van/"):
        response = Client().get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "Chưa có" in html or "đang được Sở Tư pháp cập nhật" in html, url


def test_search_ignores_accents_and_case(published):
    for query in ("tach thua", "TÁCH THỬA", "điều kiện tach thua dat"):
        html = Client().get("/hoi-dap/", {"q": query}).content.decode()
        assert published.public_title in html, query
    html = Client().get("/hoi-dap/", {"q": "ly hon nuoi con"}).content.decode()
    assert published.public_title not in html and "Không tìm thấy câu trả lời phù hợp" in html


def test_matching_is_on_whole_words(published):
    # 'tha' is inside 'thua' and 'thửa' but is not a word of the answer.
    assert selectors.match(selectors.public_questions(), "tha") == []
    assert selectors.match(selectors.public_questions(), "thua") == [published]


def test_topics_filter_the_list(published):
    other = Topic.objects.get(slug="lao-dong")
    assert published.public_title in Client().get("/hoi-dap/?chu-de=dat-dai").content.decode()
    assert published.public_title not in Client().get(f"/hoi-dap/?chu-de={other.slug}").content.decode()


def test_suggestions_while_typing_show_answers_and_articles(published):
    response = Client().get("/hoi-dap/goi-y/", {"body": "muốn tach thua dat cho con"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html  # a fragment for htmx
    assert published.public_title in html
    assert 'href="/van-ban/luat-31-2024-qh15/#dieu-220"' in html  # the article, from the search app
    # Without JavaScript the same suggestions are a page of their own.
    page = Client().get("/hoi-dap/goi-y/", {"q": "tach thua dat"}).content.decode()
    assert "<html" in page and published.public_title in page
    assert Client().get("/hoi-dap/goi-y/", {"body": "a"}, HTTP_HX_REQUEST="true").content.decode().strip() == ""


def test_one_helpful_vote_per_visitor(published):
    client = Client(enforce_csrf_checks=True)
    url = f"/hoi-dap/cau-hoi/{published.pk}/"
    first = csrf_post(client, f"{url}danh-gia/", {"huu-ich": "co"}, page=url)
    assert first.status_code == 302
    again = csrf_post(client, f"{url}danh-gia/", {"huu-ich": "khong"}, page=url, HTTP_HX_REQUEST="true")
    assert "đã đánh giá câu trả lời này trước đó" in again.content.decode()
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.1.1.1")
    csrf_post(other, f"{url}danh-gia/", {"huu-ich": "khong"}, page=url)
    assert selectors.feedback_summary(published) == {"yes": 1, "no": 1, "total": 2}
    assert selectors.satisfaction_by_organization() == [
        {"organization": "Sở Nội vụ", "yes": 1, "no": 1, "total": 2, "share": 0.5}]
    assert "1 trong 2 người đánh giá thấy hữu ích" in Client().get(url).content.decode()
    assert csrf_post(client, f"{url}danh-gia/", {"huu-ich": "???"}, page=url).status_code == 400


def test_answer_is_flagged_when_a_cited_provision_loses_effect_until_reviewed(published, law, staff):
    url = f"/hoi-dap/cau-hoi/{published.pk}/"
    notice = "đang chờ cơ quan trả lời rà soát lại"
    assert notice not in Client().get(url).content.decode()
    # The law expires (by date: computed from current_status(), nothing typed on the answer).
    Document.objects.filter(pk=law.pk).update(expiry_date=datetime.date(2025, 1, 1))
    html = Client().get(url).content.decode()
    assert notice in html and "Đã hết hiệu lực" in html
    assert published in selectors.answers_needing_review([published.assigned_to])
    assert published.tracking_code in login(staff["drafter"]).get("/hoi-dap/quan-ly/").content.decode()
    # An official of the answering organization reviews it; the notice goes.
    response = csrf_post(login(staff["drafter"]), f"/hoi-dap/quan-ly/cau-hoi/{published.pk}/", {"action": "reviewed"})
    assert response.status_code == 302
    assert notice not in Client().get(url).content.decode()
    assert selectors.answers_needing_review() == []


def test_a_provision_repealed_on_its_own_flags_the_answer(published, law):
    Provision.objects.filter(document=law, anchor="dieu-220-khoan-1").update(status=EffectStatus.EXPIRED)
    assert "đang chờ cơ quan trả lời rà soát lại" in Client().get(f"/hoi-dap/cau-hoi/{published.pk}/").content.decode()


def test_published_answer_can_be_corrected_by_the_approver(published, staff):
    services.answer_revise(question=published, user=staff["approver"], body="Nội dung đã cập nhật về hạn mức.",
                           provision_ids=[])
    html = Client().get(f"/hoi-dap/cau-hoi/{published.pk}/").content.decode()
    assert "Nội dung đã cập nhật về hạn mức." in html and "Căn cứ pháp lý" not in html
    assert selectors.match(selectors.public_questions(), "han muc") == [Question.objects.get(pk=published.pk)]


def test_citation_picker_finds_articles_and_their_clauses(law, staff):
    client = login(staff["drafter"])
    html = client.get("/hoi-dap/quan-ly/dieu-khoan/", {"tim": "tách thửa đất"}).content.decode()
    article = Provision.objects.get(document=law, anchor="dieu-220")
    clause = Provision.objects.get(document=law, anchor="dieu-220-khoan-2")
    assert f'name="provisions" value="{article.pk}"' in html and f'name="provisions" value="{clause.pk}"' in html
    assert Client().get("/hoi-dap/quan-ly/dieu-khoan/?tim=x").status_code == 302  # officials only
