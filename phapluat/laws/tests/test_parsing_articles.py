"""parse_article_body: articles given one by one, as in the ALQAC benchmark corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from phapluat.laws.parsing.articles import parse_article_body
from phapluat.laws.parsing.model import ARTICLE, CLAUSE, POINT

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
ALQAC = SHARED / "bench" / "retrieval" / "corpus-alqac2024.json"


def test_heading_then_body():
    node = parse_article_body("1", "Phạm vi điều chỉnh\n\nLuật này quy định về phòng, chống ma túy.")
    assert (node.kind, node.number, node.anchor) == (ARTICLE, "1", "dieu-1")
    assert node.heading == "Phạm vi điều chỉnh"
    assert node.text == "Luật này quy định về phòng, chống ma túy."
    assert node.children == []


def test_clauses_and_points():
    text = ("Giải thích từ ngữ\n\nTrong Luật này, các từ ngữ dưới đây được hiểu như sau:\n\n"
            "1. Chất ma túy là chất gây nghiện.\n\n2. Các trường hợp:\n\na) Trường hợp một;\n\nđ) Trường hợp năm.")
    node = parse_article_body("2", text)
    assert node.heading == "Giải thích từ ngữ"
    assert node.text == "Trong Luật này, các từ ngữ dưới đây được hiểu như sau:"
    assert [(c.kind, c.number, c.anchor) for c in node.children] == [
        (CLAUSE, "1", "dieu-2-khoan-1"), (CLAUSE, "2", "dieu-2-khoan-2")]
    points = node.children[1].children
    assert [(p.kind, p.number, p.anchor) for p in points] == [
        (POINT, "a", "dieu-2-khoan-2-diem-a"), (POINT, "đ", "dieu-2-khoan-2-diem-dd")]


def test_constitution_article_without_heading():
    node = parse_article_body("1", "Nước Cộng hòa xã hội chủ nghĩa Việt Nam là một nước độc lập, có chủ quyền.")
    assert node.heading == ""
    assert node.text.startswith("Nước Cộng hòa xã hội chủ nghĩa Việt Nam")
    node = parse_article_body("2", "1. Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là nhà nước pháp quyền.\n\n"
                                   "2. Nước Cộng hòa xã hội chủ nghĩa Việt Nam do Nhân dân làm chủ.")
    assert node.heading == "" and [c.number for c in node.children] == ["1", "2"]


def test_explicit_heading_and_repeated_article_line():
    node = parse_article_body("5", "1. Một.\n2. Hai.", heading="Nguyên tắc")
    assert node.heading == "Nguyên tắc" and len(node.children) == 2
    node = parse_article_body("5", "Điều 5. Nguyên tắc\n1. Một.")
    assert node.heading == "Nguyên tắc" and node.children[0].text == "Một."


def test_heading_starting_with_the_word_dieu_is_not_an_article_line():
    node = parse_article_body("20", "Điều kiện đăng ký thường trú\n\n1. Công dân có chỗ ở hợp pháp.")
    assert node.heading == "Điều kiện đăng ký thường trú"
    assert [c.number for c in node.children] == ["1"]


def test_empty_text_gives_an_empty_article():
    node = parse_article_body("7", "")
    assert (node.number, node.heading, node.text, node.children) == ("7", "", "", [])


@pytest.mark.skipif(not ALQAC.is_file(), reason=f"ALQAC corpus not found at {ALQAC}")
def test_whole_alqac_corpus():
    corpus = json.loads(ALQAC.read_text(encoding="utf-8"))
    nodes = [parse_article_body(a["id"], a["text"]) for law in corpus for a in law["articles"]]
    assert len(nodes) == 2249
    assert sum(1 for n in nodes if n.heading) > 2000
    assert sum(1 for n in nodes for c in n.children if c.kind == CLAUSE) > 4000
    laws = {law["id"]: law for law in corpus}
    constitution = [parse_article_body(a["id"], a["text"]) for a in laws["Hiến pháp"]["articles"]]
    assert all(not node.heading for node in constitution)
    civil_688 = next(a for a in laws["Bộ luật dân sự"]["articles"] if a["id"] == "688")
    node = parse_article_body("688", civil_688["text"])
    assert node.heading == "Điều khoản chuyển tiếp"
    assert [p.number for p in node.children[0].children] == ["a", "b", "c", "d"]
