import pytest
from django.core.exceptions import ValidationError

from phapluat.editorial.models import ArticlePage, Audience, LanguageVersion, MaterialPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def materials(site, add_page):
    from phapluat.laws.models import Field

    traffic = Field.objects.create(name="Giao thông", slug="giao-thong")
    schools = Audience.objects.get(slug="truong-hoc")
    citizens = Audience.objects.get(slug="nguoi-dan")
    a = MaterialPage(title="An toàn giao thông cho học sinh", slug="atgt-hoc-sinh", format="van-ban", topic=traffic)
    a.audiences = [schools]
    b = MaterialPage(title="Hỏi đáp đất đai cho người dân", slug="dat-dai", format="van-ban",
                     easy_read="<p>Sổ đỏ là giấy chứng nhận.</p>")
    b.audiences = [citizens]
    return add_page(site["so-giao-duc-va-dao-tao"], a), add_page(site["phuong-thuan-hoa"], b)


def test_materials_are_found_by_audience_topic_and_format(client, materials):
    from phapluat.editorial.models import MaterialIndexPage

    school, land = materials
    finder = MaterialIndexPage.objects.get().url
    html = client.get(f"{finder}?doi-tuong=truong-hoc").content.decode()
    assert school.title in html and land.title not in html
    html = client.get(f"{finder}?linh-vuc=giao-thong&hinh-thuc=van-ban").content.decode()
    assert school.title in html and land.title not in html
    html = client.get(f"{finder}?hinh-thuc=video").content.decode()
    assert "Không có học liệu phù hợp" in html


def test_audio_and_video_need_a_file_a_transcript_and_captions():
    page = MaterialPage(title="Video", slug="v", format=MaterialPage.Format.VIDEO)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert {"media", "transcript", "captions"} <= set(error.value.message_dict)


def test_new_document_introduction_must_point_into_the_library():
    with pytest.raises(ValidationError):
        ArticlePage(title="Giới thiệu", slug="g", kind=ArticlePage.Kind.NEW_DOCUMENT).clean()


def test_introduction_links_the_library_document(client, site, add_page, make_document):
    document = make_document(number="99/2025/QH15", title="Luật Phổ biến thử")
    page = add_page(site["so-tu-phap"], ArticlePage(title="Giới thiệu Luật mới", slug="gioi-thieu",
                                                    kind=ArticlePage.Kind.NEW_DOCUMENT, document=document))
    html = client.get(page.url).content.decode()
    assert f'href="{document.get_absolute_url()}"' in html


def test_language_versions_carry_a_lang_attribute_and_a_switcher(client, materials):
    from django.utils.translation import get_language_info

    _, land = materials
    LanguageVersion.objects.create(page=land, language="ktv", title="Bản tiếng Cơ Tu", body="<p>...</p>")
    LanguageVersion.objects.create(page=land, language="en", title="Land questions", body="<p>Land.</p>")
    html = client.get(land.url).content.decode()
    assert f'href="{land.url}?ngon-ngu=ktv" hreflang="ktv"' in html and "Bản dễ đọc" in html
    html = client.get(f"{land.url}?ngon-ngu=ktv").content.decode()
    assert '<html lang="vi"' in html and '<article lang="ktv"' in html and "Bản tiếng Cơ Tu" in html
    html = client.get(f"{land.url}?ngon-ngu=xx").content.decode()
    assert land.title in html and 'lang="xx"' not in html
    html = client.get(f"{land.url}?ban=de-doc").content.decode()
    assert "Sổ đỏ là giấy chứng nhận." in html
    assert get_language_info("ktv")["name_local"] == "Cơ Tu" and get_language_info("tth")["name_local"] == "Tà Ôi"


def test_section_page_lists_its_content_and_local_documents_with_helpful_empty_states(client, site, materials,
                                                                                     make_document):
    ward = site["phuong-thuan-hoa"]
    document = make_document(number="05/2025/QĐ-UBND", title="Quyết định về chợ Đông Ba")
    type(document).objects.filter(pk=document.pk).update(scope="xa", scope_organization=ward.organization)
    html = client.get(ward.url).content.decode()
    assert "Hỏi đáp đất đai cho người dân" in html and "Quyết định về chợ Đông Ba" in html
    empty = client.get(site["xa-a-luoi-1"].url).content.decode()
    assert "đang được Xã A Lưới 1 cập nhật" in empty and "Thư viện chưa có văn bản" in empty
