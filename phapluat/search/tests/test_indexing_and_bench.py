"""Pure parts of indexing and the benchmark, and one small run on real ALQAC data."""
import json
from pathlib import Path

import pytest

from phapluat.search import bench
from phapluat.search.indexing import ProvisionRow, group_articles


def row(i, kind, number, depth, text="", heading=""):
    return ProvisionRow(id=i, kind=kind, number=number, heading=heading, text=text, anchor=f"a{i}",
                        breadcrumb="", status="", depth=depth, position=i)


def test_clauses_and_points_are_searched_as_part_of_their_article():
    rows = [
        row(1, "chuong", "I", 0, heading="Những quy định chung"),
        row(2, "dieu", "1", 1, heading="Phạm vi", text="Luật này quy định:"),
        row(3, "khoan", "1", 2, text="Quyền sử dụng đất;"),
        row(4, "diem", "a", 3, text="đất nông nghiệp."),
        row(5, "dieu", "2", 1, heading="Đối tượng"),
        row(6, "chuong", "II", 0, heading="Quyền"),
        row(7, "dieu", "3", 1, text="Nội dung."),
    ]
    articles = list(group_articles(rows))
    assert [a.provision.number for a in articles] == ["1", "2", "3"]
    assert articles[0].body == "Luật này quy định:\n1. Quyền sử dụng đất;\na) đất nông nghiệp."
    assert articles[1].body == "" and articles[2].body == "Nội dung."


def test_evaluate_computes_recall_and_mrr():
    qs = [bench.Question("1", "a", {("L", "1")}), bench.Question("2", "b", {("L", "2")}),
          bench.Question("3", "c", {("L", "9")})]
    answers = {"a": [("L", "1")], "b": [("L", "5"), ("L", "2")], "c": [("L", "1")]}
    result = bench.evaluate(qs, lambda text: answers[text])
    assert (result["R@1"], result["R@5"], result["MRR@10"]) == (round(1 / 3, 4), round(2 / 3, 4), 0.5)


@pytest.mark.parametrize("keep", [False, True])
def test_a_benchmark_database_does_not_swallow_an_error(keep, monkeypatch):
    """A failed measurement in a kept database once printed the build's figures as if all went well."""
    from django.db import connection

    calls = []
    monkeypatch.setattr(connection.creation, "create_test_db", lambda **kw: calls.append("create"))
    monkeypatch.setattr(connection.creation, "destroy_test_db", lambda *a, **kw: calls.append("destroy"))
    monkeypatch.setitem(connection.settings_dict, "TEST", dict(connection.settings_dict.get("TEST") or {}))
    with pytest.raises(RuntimeError, match="đo không được"):
        with bench.temporary_database(keep=keep):
            raise RuntimeError("đo không được")
    assert calls == (["create"] if keep else ["create", "destroy"])
    kept_file = Path(str(connection.settings_dict["TEST"]["NAME"]))
    assert kept_file.exists() == (keep and connection.vendor == "sqlite")
    kept_file.unlink(missing_ok=True)  # SQLite's (empty) database file, kept as asked


@pytest.fixture(scope="module")
def small_alqac(shared_dir, tmp_path_factory):
    """Two real laws of the ALQAC corpus and the real questions about them."""
    corpus = json.loads((shared_dir / "bench/retrieval/corpus-alqac2024.json").read_text(encoding="utf-8"))
    keep = {"Luật Cư trú", "Luật Thanh niên"}
    laws = [law for law in corpus if law["id"] in keep]
    path = tmp_path_factory.mktemp("alqac") / "corpus.json"
    path.write_text(json.dumps(laws, ensure_ascii=False), encoding="utf-8")
    questions = [q for q in bench.load_questions(shared_dir / "bench/retrieval/questions-alqac2025-train.json")
                 if q.relevant and all(law in keep for law, _ in q.relevant)]
    return path, questions


def test_plain_bm25_baseline_answers_real_questions(small_alqac):
    path, questions = small_alqac
    baseline = bench.PlainBM25(bench.load_corpus(path))
    assert len(questions) >= 40
    assert bench.evaluate(questions, baseline.ask)["R@10"] >= 0.8


@pytest.mark.django_db
def test_product_search_beats_the_baseline_on_real_questions(small_alqac):
    from phapluat.laws.importers import run_import

    path, questions = small_alqac
    assert run_import([path]).ok
    product = bench.evaluate(questions, bench.product_asker())
    baseline = bench.evaluate(questions, bench.PlainBM25(bench.load_corpus(path)).ask)
    assert product["R@1"] >= baseline["R@1"]
    assert product["R@10"] >= 0.9
