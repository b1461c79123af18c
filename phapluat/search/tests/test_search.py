"""The search service and pages on the database in use (run once on SQLite, once on PostgreSQL)."""
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from phapluat.laws.models import Document, EffectStatus
from phapluat.search import indexing
from phapluat.search.backends import Filters, get_backend
from phapluat.search.models import SearchEntry
from phapluat.search.services import search, suggest

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(make_document):
    a = make_document.article
    land = make_document(
        number="31/2024/QH15", title="Luật Đất đai", status=EffectStatus.IN_FORCE, issue_date=date(2024, 1, 18),
        issuer="Quốc hội",
        articles=[
            a("1", "Phạm vi điều chỉnh", "Luật này quy định về chế độ sở hữu đất đai."),
            a("27", "Quyền chuyển đổi, chuyển nhượng quyền sử dụng đất",
              "Người sử dụng đất được chuyển nhượng quyền sử dụng đất theo quy định của Luật này.",
              "Giấy chứng nhận quyền sử dụng đất là căn cứ để thực hiện quyền."),
        ])
    old_land = make_document(
        number="45/2013/QH13", title="Luật Đất đai", status=EffectStatus.EXPIRED, issue_date=date(2013, 11, 29),
        issuer="Quốc hội",
        articles=[a("188", "Điều kiện chuyển nhượng quyền sử dụng đất",
                    "Người sử dụng đất được chuyển nhượng quyền sử dụng đất khi có Giấy chứng nhận.")])
    decree = make_document(
        number="100/2019/NĐ-CP", title="Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực giao thông",
        doc_type="nghi-dinh", status=EffectStatus.IN_FORCE, issue_date=date(2019, 12, 30), issuer="Chính phủ",
        articles=[a("5", "Xử phạt người điều khiển xe ô tô",
                    "Phạt tiền đối với người điều khiển xe ô tô vượt đèn đỏ.")])
    civil = make_document(
        number="91/2015/QH13", title="Bộ luật Dân sự", doc_type="bo-luat", status=EffectStatus.IN_FORCE,
        issue_date=date(2015, 11, 24), issuer="Quốc hội",
        articles=[a("1", "Phạm vi điều chỉnh", "Bộ luật này quy định địa vị pháp lý, chuẩn mực pháp lý."),
                  a("5", "Áp dụng tập quán", "Tập quán là quy tắc xử sự có nội dung rõ ràng."),
                  a("150", "Các loại thời hiệu", "Thời hiệu hưởng quyền dân sự.")])
    return {"land": land, "old_land": old_land, "decree": decree, "civil": civil}


def first_article(query, **kw):
    res = search(query, **kw)
    assert res.articles, f"no result for {query!r}"
    return res.articles[0]


def test_the_backend_matches_the_database():
    assert get_backend().vendor == connection.vendor


def test_unaccented_query_finds_accented_text_including_d_with_stroke(library):
    hit = first_article("chuyen nhuong quyen su dung dat")
    assert hit.document_id == library["land"].pk and hit.number == "27"
    assert search("luat dat dai").documents[0].document_id == library["land"].pk


def test_in_force_provisions_rank_above_expired_ones_and_expired_hits_say_so(library):
    res = search("điều kiện chuyển nhượng quyền sử dụng đất")
    order = [h.document_id for h in res.articles]
    assert order.index(library["land"].pk) < order.index(library["old_land"].pk)
    expired = next(h for h in res.articles if h.document_id == library["old_land"].pk)
    assert not expired.is_current and expired.status_label == "Hết hiệu lực"


def test_accented_query_ranks_exact_accented_matches_first(make_document):
    a = make_document.article
    make_document(number="1/2020/QH14", title="Luật Một", status=EffectStatus.IN_FORCE,
                  articles=[a("1", "Quy định về bạn", "Bàn về bạn bè.")])
    make_document(number="2/2020/QH14", title="Luật Hai", status=EffectStatus.IN_FORCE,
                  articles=[a("1", "Quy định về bàn", "Bàn ghế trong phòng họp.")])
    assert first_article("bàn ghế").title == "Luật Hai"
    assert first_article("bạn bè").title == "Luật Một"
    assert {h.title for h in search("ban").articles} == {"Luật Một", "Luật Hai"}


def test_a_question_typed_with_diacritics_ranks_the_exact_spelling_first(make_document):
    a = make_document.article
    make_document(number="1/2020/QH14", title="Luật Một", status=EffectStatus.IN_FORCE,
                  articles=[a("1", "Bạn hàng", "Hành vi bạn hàng giả mạo giấy tờ thì bị xử phạt.")])
    make_document(number="2/2020/QH14", title="Luật Hai", status=EffectStatus.IN_FORCE,
                  articles=[a("1", "Bán hàng", "Hành vi bán hàng giả mạo giấy tờ thì bị xử phạt.")])
    assert first_article("Hành vi bán hàng giả mạo giấy tờ bị xử phạt như thế nào?").title == "Luật Hai"
    assert first_article("Hành vi bạn hàng giả mạo giấy tờ bị xử phạt như thế nào?").title == "Luật Một"


@pytest.mark.parametrize("large", [False, True], ids=["small index", "large-index path"])
def test_a_quoted_phrase_typed_with_diacritics_matches_it_as_typed_first(make_document, large, monkeypatch):
    """'"đa cấp"' (multi-level) is not 'đã cấp' (already issued), far more common in legal texts; typed
    without diacritics, the phrase matches both."""
    from phapluat.search.backends import PostgresBackend, SQLiteBackend

    if large:
        monkeypatch.setattr(SQLiteBackend, "PRUNE_FROM", 0)
        for backend in (SQLiteBackend, PostgresBackend):
            monkeypatch.setattr(backend, "COMMON_SHARE", 1.0)
    a = make_document.article
    make_document(number="1/2020/QH14", title="Luật Đất đai", status=EffectStatus.IN_FORCE,
                  articles=[a(str(n), "Thu hồi giấy chứng nhận", f"Thu hồi giấy chứng nhận đã cấp lần {n}.")
                            for n in range(1, 4)])
    make_document(number="2/2020/QH14", title="Luật Đầu tư", status=EffectStatus.IN_FORCE,
                  articles=[a("6", "Ngành, nghề cấm đầu tư kinh doanh", "Kinh doanh theo phương thức đa cấp.")])
    assert [h.title for h in search('"đa cấp"').articles][0] == "Luật Đầu tư"
    assert {h.title for h in search('"đa cấp"').articles} == {"Luật Đầu tư", "Luật Đất đai"}  # then the rest
    assert len(search('"da cap"').articles) == 4
    assert [h.title for h in search('kinh doanh "đa cấp"').articles] == ["Luật Đầu tư"]


def test_a_word_longer_than_a_hundred_letters_is_indexed(make_document):
    """A pasted code or blob: PostgreSQL's word statistics once refused it, and the import failed."""
    a = make_document.article
    blob = "x" * 150
    make_document(number="1/2020/QH14", title="Luật Một", articles=[a("1", "Mã", f"Mã {blob} của bạn bè.")])
    assert first_article("bạn bè").title == "Luật Một"
    assert first_article(blob).title == "Luật Một"


@pytest.mark.parametrize("query", [
    "100/2019/NĐ-CP", "100/2019/nd-cp", "nd 100/2019", "nghị định 100", "NĐ 100", "100/2019",
])
def test_document_numbers_in_every_form_put_the_document_first(library, query):
    res = search(query)
    assert res.documents and res.documents[0].document_id == library["decree"].pk


def test_a_law_number_with_the_word_luat(library):
    assert search("luật 91/2015").documents[0].document_id == library["civil"].pk
    assert search("91/2015/qh13").documents[0].document_id == library["civil"].pk


def test_an_abbreviation_and_an_article_number_find_the_article(library):
    hit = first_article("BLDS điều 5")
    assert (hit.document_id, hit.number) == (library["civil"].pk, "5")
    hit = first_article("91/2015/QH13 điều 150")
    assert (hit.document_id, hit.number) == (library["civil"].pk, "150")


def test_an_article_lookup_skips_the_full_text_index_but_a_question_about_it_does_not(library, monkeypatch):
    backend = type(get_backend())
    asked = []
    original = backend.candidates
    monkeypatch.setattr(backend, "candidates", lambda self, q, **kw: asked.append(q) or original(self, q, **kw))
    assert first_article("BLDS điều 5").number == "5" and asked == []
    assert first_article("bộ luật dân sự điều 5 tập quán").number == "5" and asked


def test_a_documents_name_lists_its_articles_as_they_read(library, monkeypatch):
    backend = type(get_backend())
    asked = []
    original = backend.candidates
    monkeypatch.setattr(backend, "candidates", lambda self, q, **kw: asked.append(q) or original(self, q, **kw))
    assert [h.number for h in search("Bộ luật Dân sự").articles] == ["1", "5", "150"]
    # Both laws named "Luật Đất đai": the one in force first, each in its own order.
    assert [h.number for h in search("luat dat dai").articles] == ["1", "27", "188"]
    assert [h.number for h in search("nd 100/2019").articles] == ["5"]
    assert asked == []
    assert first_article("luật đất đai chuyển nhượng").number == "27" and asked  # more than a name: searched


def test_a_long_documents_articles_can_all_be_paged_through(make_document):
    a = make_document.article
    make_document(number="45/2019/QH14", title="Bộ luật Lao động",
                  articles=[a(str(n), f"Quy định số {n}", "Nội dung.") for n in range(1, 131)])
    last = search("Bộ luật Lao động", page=13)
    assert last.total == 130 and [h.number for h in last.articles] == [str(n) for n in range(121, 131)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the headings index is SQLite's")
def test_the_headings_index_follows_edits(library, make_document):
    from phapluat.search.backends import Required, SQLiteBackend, TermQuery
    from phapluat.search.backends.sql import HEADINGS

    def headed(*words):
        table, match = next(Required.of(TermQuery(terms=list(words), accented=False, require_all=True))
                            .lookups("article"))
        assert table == HEADINGS
        return [SearchEntry.objects.get(pk=pk).heading for pk in SQLiteBackend._matching(
            table, match, "article", Filters(), 10)]

    assert headed("xu", "phat", "xe") == ["Xử phạt người điều khiển xe ô tô"]
    assert headed("luat", "dat") == []  # a document's own entry is not a heading
    a = make_document.article
    make_document(number="100/2019/NĐ-CP", title=library["decree"].title, doc_type="nghi-dinh",
                  articles=[a("5", "Tàu bay không người lái", "Cấm bay tàu bay không người lái.")])
    assert headed("xu", "phat", "xe") == []
    assert headed("tau", "bay") == ["Tàu bay không người lái"]
    call_command("reindex", "--recreate", verbosity=0)
    assert headed("tau", "bay") == ["Tàu bay không người lái"]


def _pair_counts_indexed() -> dict[str, int]:
    """Articles holding each pair, as the pairs index has them."""
    from phapluat.search.backends.sql import PAIRS, TABLE

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT term, doc FROM {PAIRS}_vocab")
        else:
            cursor.execute(f"SELECT u.lexeme, count(*) FROM {TABLE} e, unnest(e.vec_p) u GROUP BY u.lexeme")
        return dict(cursor.fetchall())


def _pair_counts_expected() -> dict[str, int]:
    from collections import Counter

    from phapluat.search.text import pair_text

    counts = Counter()
    for heading, body in SearchEntry.objects.filter(kind="article").values_list("fold_heading", "fold_body"):
        counts.update(set(pair_text(heading).split()) | set(pair_text(body).split()))
    return dict(counts)


def _assert_pairs_in_step():
    expected = _pair_counts_expected()
    assert _pair_counts_indexed() == expected
    if connection.vendor == "postgresql":  # its statistics count pairs too
        from phapluat.search.models import SearchTerm

        assert dict(SearchTerm.objects.filter(term__contains="_", df__gt=0).values_list("term", "df")) == expected


def test_the_pairs_index_follows_inserts_updates_deletes_and_rebuilds(library, make_document):
    assert _pair_counts_indexed()["su_dung"] == 2  # 'sử dụng' in Điều 27 and Điều 188
    _assert_pairs_in_step()
    a = make_document.article
    make_document(number="100/2019/NĐ-CP", title=library["decree"].title, doc_type="nghi-dinh",
                  articles=[a("5", "Tàu bay không người lái", "Cấm bay tàu bay không người lái."),
                            a("6", "Dữ liệu", "Mã " + "x" * 3000 + " hết.")])  # a pasted blob: no pair
    library["civil"].delete()
    _assert_pairs_in_step()
    assert _pair_counts_indexed()["tau_bay"] == 1 and _pair_counts_indexed()["ma_het"] == 1
    assert "xe_o" not in _pair_counts_indexed()
    SearchEntry.objects.filter(kind="article", number="1").update(fold_body="che do so huu toan dan")
    assert _pair_counts_indexed() == _pair_counts_expected()  # an UPDATE (statistics follow `index_document`)
    call_command("reindex", "--recreate", verbosity=0)
    _assert_pairs_in_step()


def test_words_side_by_side_outrank_the_same_words_scattered_and_score_agrees(make_document):
    from phapluat.search.models import EntryKind
    from phapluat.search.services import _lexical_passes, accented_mode
    from phapluat.search.text import parse_query

    a = make_document.article
    make_document(number="52/2014/QH13", title="Luật Hôn nhân và gia đình", articles=[
        a("35", "Tài sản chung", "Vợ chồng thỏa thuận về nơi ở và tài sản chung của gia đình trong thời kỳ "
                                 "hôn nhân theo quy định của pháp luật."),
        a("9", "Nghĩa vụ", "Chồng, vợ chọn ở nơi thuận tiện."),  # shorter, the same words, not side by side
    ])
    assert [h.number for h in search("Nơi ở của vợ chồng?").articles] == ["35", "9"]

    pq = parse_query("Nơi ở của vợ chồng?")
    query = next(_lexical_passes(pq, accented_mode(pq)))
    backend = get_backend()
    found = dict(backend.candidates(query, kind=EntryKind.ARTICLE, filters=Filters(), limit=10))
    assert backend.score(query, list(found)) == pytest.approx(found)


def test_on_a_large_index_the_pairs_rank_a_question_of_common_words(make_document, monkeypatch):
    from phapluat.search.backends import PostgresBackend, SQLiteBackend
    from phapluat.search.models import SearchTerm

    a = make_document.article
    make_document(number="52/2014/QH13", title="Luật Hôn nhân và gia đình", articles=[
        a("35", "Tài sản chung", "Vợ chồng thỏa thuận về nơi ở và tài sản chung của gia đình trong thời kỳ "
                                 "hôn nhân theo quy định của pháp luật."),
        a("9", "Nghĩa vụ", "Chồng, vợ chọn ở nơi thuận tiện."),  # the same words, not side by side
    ])
    question = "Nơi ở của vợ chồng?"
    # The large-index path on this small library: every word of the question is in both articles (too
    # common to be read), its pairs 'noi_o' and 'vo_chong' in one only.
    monkeypatch.setattr(SQLiteBackend, "PRUNE_FROM", 0)
    n = SQLiteBackend().size() if connection.vendor == "sqlite" else SearchTerm.objects.get(term="#n").df
    monkeypatch.setattr(type(get_backend()), "COMMON_SHARE", 1.5 / n)
    assert [h.number for h in search(question).articles] == ["35"]


def test_on_a_large_index_keywords_and_phrases_are_all_required(library, monkeypatch):
    """The large-index path (a pool found without ranking, then BM25) on the small library."""
    from phapluat.search.backends import PostgresBackend, SQLiteBackend

    monkeypatch.setattr(SQLiteBackend, "PRUNE_FROM", 0)
    for backend in (SQLiteBackend, PostgresBackend):
        monkeypatch.setattr(backend, "COMMON_SHARE", 1.0)
    found = search("chuyển nhượng quyền sử dụng đất").articles
    assert [(h.document_id, h.number) for h in found] == [(library["land"].pk, "27"), (library["old_land"].pk, "188")]
    assert [h.number for h in search("chuyen nhuong").articles] == ["27", "188"]
    assert {h.document_id for h in search('"vượt đèn đỏ"').articles} == {library["decree"].pk}
    assert search('"đèn vượt đỏ"').articles == []
    assert [h.number for h in search("nghị định 100/2019 xe ô tô").articles] == ["5"]


def test_everyday_name_finds_the_official_wording(library):
    hit = first_article("thủ tục cấp sổ đỏ")
    assert hit.document_id == library["land"].pk and hit.number == "27"


def test_quoted_phrase_requires_the_words_together(library):
    assert {h.document_id for h in search('"vượt đèn đỏ"').articles} == {library["decree"].pk}
    assert search('"đèn vượt đỏ"').articles == []


def test_filters_narrow_and_facets_count(library):
    res = search("quyền sử dụng đất")
    statuses = {f.value: f.count for f in res.facets["status"]}
    assert statuses == {"con-hieu-luc": 1, "het-hieu-luc": 1}
    only_old = search("quyền sử dụng đất", filters=Filters(status="het-hieu-luc"))
    assert {h.document_id for h in only_old.articles} == {library["old_land"].pk}
    assert search("quyền sử dụng đất", filters=Filters(year=2013)).articles[0].number == "188"
    assert search("xe ô tô", filters=Filters(doc_type="luat")).articles == []
    assert search("xe ô tô", filters=Filters(doc_type="nghi-dinh")).articles[0].number == "5"


def test_snippets_highlight_the_query_words(library):
    hit = first_article("vuot den do")
    marked = [text for text, mark in hit.snippet.parts if mark]
    assert marked == ["vượt", "đèn", "đỏ"]
    assert hit.url == "/van-ban/" + Document.objects.get(pk=hit.document_id).slug + "/#dieu-5"


def test_index_follows_edits_deletes_and_unpublishing(library, make_document):
    a = make_document.article
    assert not search("tàu bay không người lái").articles
    make_document(number="100/2019/NĐ-CP", title=library["decree"].title, doc_type="nghi-dinh",
                  articles=[a("5", "Tàu bay không người lái", "Cấm bay tàu bay không người lái.")])
    assert first_article("tàu bay không người lái").document_id == library["decree"].pk
    assert not search("vượt đèn đỏ").articles  # the old text is gone from the index
    library["decree"].delete()
    assert not search("tàu bay không người lái").articles
    civil = library["civil"]
    civil.live = False
    civil.save()
    indexing.index_document(civil)
    assert not search("tập quán").articles


def test_rebuild_index_restores_everything(library):
    before = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    assert not search("tập quán").articles
    assert indexing.rebuild_index() == before
    assert first_article("tập quán").number == "5"
    SearchEntry.objects.all().delete()
    call_command("reindex", verbosity=0)
    assert SearchEntry.objects.count() == before and first_article("tập quán").number == "5"
    call_command("reindex", "--recreate", verbosity=0)
    assert SearchEntry.objects.count() == before and first_article("tập quán").number == "5"
    assert [h.number for h in search("tập quán").articles] == ["5"]  # no stale rows left in the index


def test_word_statistics_follow_edits(library, make_document):
    """PostgreSQL ranks with word statistics kept beside the index: they must match a full recount."""
    from phapluat.search.models import SearchTerm

    a = make_document.article
    make_document(number="100/2019/NĐ-CP", title=library["decree"].title, doc_type="nghi-dinh",
                  articles=[a("5", "Tàu bay", "Cấm bay tàu bay không người lái.")])
    library["civil"].delete()
    incremental = dict(SearchTerm.objects.filter(df__gt=0).values_list("term", "df"))
    indexing.rebuild_index()
    assert dict(SearchTerm.objects.filter(df__gt=0).values_list("term", "df")) == incremental


def test_suggestions_by_number_and_title(library):
    assert [s.document_id for s in suggest("100/20")] == [library["decree"].pk]
    titles = [s.title for s in suggest("luat dat")]
    assert titles and set(titles) == {"Luật Đất đai"}
    assert suggest("x") == []


def test_pagination(make_document):
    a = make_document.article
    make_document(number="3/2020/QH14", title="Luật Ba", status=EffectStatus.IN_FORCE,
                  articles=[a(str(i), f"Quy định số {i} về hòa giải", "Hòa giải ở cơ sở.") for i in range(1, 26)])
    first, third = search("hòa giải", page=1), search("hòa giải", page=3)
    assert first.total == 25 and first.pages == 3 and len(third.articles) == 5
    assert not {h.entry_id for h in first.articles} & {h.entry_id for h in third.articles}


# --- Pages ---------------------------------------------------------------------------------------------


def test_a_documents_name_says_its_articles_are_listed_in_order(client, library):
    page = client.get("/tim-kiem/", {"q": "Bộ luật Dân sự"}).content.decode()
    assert "các điều của văn bản được liệt kê theo thứ tự" in page and "Các điều của văn bản, theo thứ tự" in page
    assert "<mark>" not in page  # each article shows how it begins, nothing highlighted
    assert "Bộ luật này quy định địa vị pháp lý" in page
    page = client.get("/tim-kiem/", {"q": "tập quán"}).content.decode()
    assert "theo thứ tự" not in page and "1 điều luật" in page


def test_a_document_number_the_library_lacks_is_said_so(client, library):
    assert search("nd 100/2019").missing_numbers == []
    assert search("nghị định 999/2019").missing_numbers == ["999/2019"]
    page = client.get("/tim-kiem/", {"q": "nghị định 999/2019/NĐ-CP"}).content.decode()
    assert "Thư viện chưa có văn bản số 999/2019/NĐ-CP" in page


def test_results_page_shows_articles_documents_facets_and_status(client, library):
    page = client.get("/tim-kiem/", {"q": "chuyển nhượng quyền sử dụng đất"}).content.decode()
    assert "Điều 27. Quyền chuyển đổi, chuyển nhượng quyền sử dụng đất" in page
    assert "<mark>" in page and "Hết hiệu lực" in page and "Lọc kết quả" in page
    filtered = client.get("/tim-kiem/", {"q": "quyền sử dụng đất", "hieu-luc": "het-hieu-luc"}).content.decode()
    assert "Điều 188" in filtered and "Điều 27." not in filtered


def test_nothing_found_suggests_what_to_try(client, library):
    page = client.get("/tim-kiem/", {"q": "khủng long bạo chúa", "loai": "luat"}).content.decode()
    assert "Không tìm thấy kết quả" in page
    assert "không dấu" in page and "Bỏ bộ lọc" in page and "/hoi-dap/gui-cau-hoi/" in page


@pytest.mark.parametrize("q", [
    "", " ", "x" * 10_000, '" * ( ) : NEAR AND', "NEAR(đất đai, 5)", "đất AND OR NOT", "'; DROP TABLE x; --",
    "1 OR 1=1", "😀🔥 luật", "漢字 Ελληνικά русский", "\x00", "%", "_", "{title}: x", "^đất", "đất*",
])
def test_bad_input_gives_a_normal_page(client, library, q):
    response = client.get("/tim-kiem/", {"q": q, "trang": "abc", "nam": "20x"})
    assert response.status_code == 200
    assert client.get("/tim-kiem/goi-y/", {"q": q}).status_code == 200


def test_suggestion_endpoint_serves_htmx_partial_and_plain_page(client, library):
    partial = client.get("/tim-kiem/goi-y/", {"q": "100/2019"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "100/2019/NĐ-CP" in partial
    full = client.get("/tim-kiem/goi-y/", {"q": "100/2019"}).content.decode()
    assert "<html" in full and "100/2019/NĐ-CP" in full


@pytest.mark.parametrize("large", [False, True], ids=["small index", "large-index path"])
def test_the_backend_scores_given_entries_as_it_ranks_its_candidates(library, large, monkeypatch):
    """Articles found by meaning are given the keyword score the backend's ranking gives them."""
    from phapluat.search.backends import PostgresBackend, SQLiteBackend
    from phapluat.search.services import _term_query
    from phapluat.search.text import parse_query

    if large:
        monkeypatch.setattr(SQLiteBackend, "PRUNE_FROM", 0)
        for backend_class in (SQLiteBackend, PostgresBackend):
            monkeypatch.setattr(backend_class, "COMMON_SHARE", 1.0)
    backend = get_backend()
    assert backend.exhaustive == (connection.vendor == "sqlite" and not large)
    for text, accented in (("người sử dụng đất được chuyển nhượng quyền như thế nào?", True),
                           ("chuyen nhuong quyen su dung dat", False)):
        query = _term_query(parse_query(text), accented)
        ranked = dict(backend.candidates(query, kind="article", filters=Filters(), limit=100))
        assert len(ranked) >= 2
        unrelated = SearchEntry.objects.get(document=library["decree"], kind="article").pk
        scored = backend.score(query, [*ranked, unrelated])
        if backend.exhaustive:  # the decree's article is not among the matches
            assert scored.keys() == ranked.keys()
        else:  # a pool: an article left out of it still has the score of the words it holds
            assert scored.keys() >= ranked.keys()
        for entry_id, score in ranked.items():
            assert scored[entry_id] == pytest.approx(score, rel=1e-6)


def test_bm25_weighs_a_pair_by_how_rare_the_pair_is_not_its_words():
    """Four words equally common; 'trung thành' side by side in one article of 100, 'thực hiện' in 50. The
    article holding the rare pair ranks first (FTS5 weighs the pairs index's tokens so, on SQLite)."""
    from phapluat.search.backends import TermQuery, _Statistics, bm25

    query = TermQuery(terms=["trung", "thanh", "thuc", "hien"], accented=False,
                      sequence=["trung", "thanh", "thuc", "hien"])
    counts = {"#n": 100, "#len": 1000, "trung": 60, "thanh": 60, "thuc": 60, "hien": 60,
              "trung_thanh": 1, "thanh_thuc": 0, "thuc_hien": 50}
    st = _Statistics.of(query, lambda tokens: {t: counts[t] for t in tokens | {"#n", "#len"} if t in counts})
    rows = [(1, 10, "trung", [1], "D"), (1, 10, "thanh", [2], "D"), (1, 10, "thuc", [5], "D"),
            (1, 10, "hien", [8], "D"),
            (2, 10, "trung", [5], "D"), (2, 10, "thanh", [8], "D"), (2, 10, "thuc", [1], "D"),
            (2, 10, "hien", [2], "D")]
    ranked = bm25(rows, [1, 2], st)
    assert [entry for entry, _ in ranked] == [1, 2]
    assert ranked[0][1] > ranked[1][1] * 1.5


# ---------------------------------------------------------------- diacritics restored for unaccented questions


def test_the_diacritics_model_restores_from_what_it_learnt_and_leaves_numbers_alone():
    from phapluat.search.diacritics import DiacriticsModel

    model = DiacriticsModel.learn([
        "Người lao động được nghỉ hằng năm hưởng nguyên lương.", "Số ngày nghỉ hằng năm được tăng thêm.",
        "Nghị định số 100/2019/NĐ-CP quy định xử phạt.", "Người lao động được nghỉ việc riêng.",
    ])
    assert model.restore("nguoi lao dong duoc nghi hang nam") == "người lao động được nghỉ hằng năm"
    assert model.restore("100/2019/nd-cp xu phat") == ""  # fewer than three words outside the number
    assert model.restore("nghi dinh 100/2019/nd-cp quy dinh xu phat") == "nghị định 100/2019/nd-cp quy định xử phạt"
    assert model.restore("Người lao động được nghỉ") == ""  # typed with diacritics: searched as typed
    assert model.restore("xyz abc qwe") == "xyz abc qwe"  # syllables never seen stay as typed


def test_an_unaccented_question_finds_what_the_accented_one_finds(make_document):
    art = make_document.article
    make_document(number="45/2019/QH14", title="Bộ luật Lao động", status="con-hieu-luc", articles=[
        art("113", "Nghỉ hằng năm", "Người lao động làm việc đủ 12 tháng thì được nghỉ hằng năm 12 ngày làm việc."),
        art("115", "Nghỉ việc riêng", "Người lao động được nghỉ việc riêng mà vẫn hưởng nguyên lương."),
    ])
    make_document(number="95/2015/QH13", title="Bộ luật Hàng hải", status="con-hieu-luc", articles=[
        art("64", "Thời giờ làm việc của thuyền viên", "Số ngày nghỉ hàng năm của thuyền viên theo pháp luật."),
    ])
    accented = search("người lao động được nghỉ hằng năm bao nhiêu ngày", semantic=False)
    plain = search("nguoi lao dong duoc nghi hang nam bao nhieu ngay", semantic=False)
    assert plain.restored.startswith("người lao động được nghỉ")
    assert [h.entry_id for h in plain.articles[:2]] == [h.entry_id for h in accented.articles[:2]]
    assert plain.articles[0].number == "113"
