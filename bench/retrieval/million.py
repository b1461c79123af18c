"""Scale benchmark: a corpus of N articles (default 1,000,000) grown from a real one, in a fresh database.

    python bench/retrieval/million.py --corpus ../shared/bench/retrieval/corpus-alqac2024.json \
        [--articles 1000000] [--json]          # DATABASE_URL picks SQLite (default) or PostgreSQL

Prints index build time, index size and p50/p95 latency of `services.search` (the portal's entry point)
for a fixed list of realistic queries. Documents are created as rows; their articles go to the search
index through `indexing.article_entry`, the same function `index_document` uses (the parser and the
provision tree are measured by the import benchmarks, not here).

Varied texts: each synthetic document takes a real law, a new type, number and year, and for each
article the real heading with a body made of sentences of two articles of that law, in shuffled order,
with the numbers changed. The vocabulary and the lengths stay those of real Vietnamese law.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phapluat.settings")

TYPES = [  # (DocumentType value, title prefix, number suffix)
    ("luat", "Luật", "QH{n}"), ("nghi-dinh", "Nghị định quy định chi tiết", "NĐ-CP"),
    ("thong-tu", "Thông tư hướng dẫn", "TT-BTP"), ("quyet-dinh", "Quyết định ban hành quy chế về", "QĐ-UBND"),
    ("nghi-quyet", "Nghị quyết về", "NQ-HĐND"),
]
STATUSES = ["con-hieu-luc"] * 6 + ["het-hieu-luc", "het-hieu-luc-mot-phan"]
_SENTENCE = re.compile(r"(?<=[.;:])\s+")
_DIGITS = re.compile(r"\d+")

QUERIES = [
    "luat dat dai", "Luật Hôn nhân và gia đình", "nd 100/2019", "100/2019/NĐ-CP", "nghị định 15",
    "luật 60/2014", "BLDS điều 5", "so do", "quyền sử dụng đất", "thủ tục đăng ký thường trú",
    "dieu kien ket hon", "tuổi kết hôn của nam", "bảo vệ môi trường nước", "xử phạt vi phạm hành chính",
    "hợp đồng vô hiệu", "thời hiệu khởi kiện", "cai nghiện ma túy bắt buộc", "nghĩa vụ của người hưởng dụng",
    '"quyền sử dụng đất"', "tiếp cận thông tin của công dân", "hướng dẫn viên du lịch", "an ninh mạng",
    "Người nghiện ma túy từ đủ 18 tuổi trở lên bị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc "
    "khi nào?",
    "Việc bán ngôi nhà duy nhất vợ chồng đang ở có cần sự đồng ý của cả hai vợ chồng không?",
    "Thẩm phán có quyền quyết định áp dụng biện pháp khẩn cấp tạm thời không?",
    "Quỹ hỗ trợ phát triển điện ảnh có mục đích gì?",
    "Địa điểm nào không được đăng ký thường trú mới?",
    "Trọng tài viên phải đáp ứng những tiêu chuẩn nào?",
    "Viên chức có được thành lập doanh nghiệp tư nhân không?",
    "Thanh niên có quyền và nghĩa vụ gì trong học tập?",
]


def synthetic_documents(laws: list[dict], n_articles: int, seed: int = 2025):
    """Yields (metadata, articles) until n_articles articles; articles are (number, heading, body)."""
    rng = random.Random(seed)
    made, serial = 0, 0
    while made < n_articles:
        law = laws[serial % len(laws)]
        serial += 1
        doc_type, prefix, suffix = TYPES[serial % len(TYPES)]
        year = 1995 + rng.randrange(31)
        title = law["id"] if doc_type == "luat" else f"{prefix} {law['id'].split(' ', 1)[-1].lower()}"
        number = f"{serial}/{year}/{suffix.format(n=rng.randrange(9, 16))}"
        source = law["articles"]
        articles = []
        for i, article in enumerate(source, start=1):
            if made + len(articles) >= n_articles:
                break
            head, _, body = article["text"].partition("\n")
            other = source[rng.randrange(len(source))]["text"].partition("\n")[2]
            sentences = _SENTENCE.split(body) + _SENTENCE.split(other)[: rng.randrange(1, 4)]
            rng.shuffle(sentences)
            text = " ".join(sentences)
            text = _DIGITS.sub(lambda m: str(int(m.group()) + rng.randrange(3)) if len(m.group()) < 5 else m.group(),
                               text)
            articles.append((str(i), head.strip(), text))
        made += len(articles)
        yield {"number": number, "title": title, "doc_type": doc_type, "year": year,
               "status": STATUSES[serial % len(STATUSES)]}, articles


def build(corpus_path: str, n_articles: int, *, progress: bool = True) -> dict:
    from datetime import date

    from django.db import connection, transaction

    from phapluat.laws.models import Document
    from phapluat.search.backends import get_backend
    from phapluat.search.indexing import article_entry, document_entry, document_fields
    from phapluat.search.models import SearchEntry
    from phapluat.search.text import fold

    laws = json.loads(Path(corpus_path).read_text(encoding="utf-8"))
    started = time.perf_counter()
    batch: list = []
    done = 0
    documents = synthetic_documents(laws, n_articles)
    while True:
        chunk = [next(documents, None) for _ in range(20)]
        chunk = [c for c in chunk if c]
        if not chunk:
            break
        with transaction.atomic():
            docs = Document.objects.bulk_create([
                Document(number=m["number"], slug="vb-" + re.sub(r"[^a-z0-9]+", "-", fold(m["number"])), title=m["title"],
                         doc_type=m["doc_type"], issue_date=date(m["year"], 1, 1), status=m["status"],
                         issuer="Quốc hội", live=True)
                for m, _ in chunk
            ])
            if docs[0].pk is None:  # databases that do not return keys from bulk inserts
                by_number = dict(Document.objects.filter(number__in=[m["number"] for m, _ in chunk])
                                 .values_list("number", "pk"))
                for doc in docs:
                    doc.pk = by_number[doc.number]
            for doc, (meta, articles) in zip(docs, chunk):
                common = document_fields(doc)
                batch.append(document_entry(common, number=doc.number, status=meta["status"], summary=""))
                for position, (number, heading, body) in enumerate(articles):
                    batch.append(article_entry(common, provision_id=None, number=number, anchor=f"dieu-{number}",
                                               position=position, breadcrumb="", status=meta["status"],
                                               heading=heading, body=body))
                done += len(articles)
            SearchEntry.objects.bulk_create(batch, batch_size=500)
            batch = []
        if progress:
            print(f"\r  {done:,} điều", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    with transaction.atomic():
        get_backend().recount()
    get_backend().optimize()
    build_seconds = time.perf_counter() - started
    return {"articles": done, "build_seconds": round(build_seconds, 1), "index_bytes": index_size(connection)}


def index_size(connection) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('search_searchentry') + "
                           "pg_total_relation_size('search_searchterm')")
            return int(cursor.fetchone()[0])
        cursor.execute("PRAGMA page_size")
        page = cursor.fetchone()[0]
        try:
            cursor.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_%'")
            return int(cursor.fetchone()[0] or 0)
        except Exception:  # dbstat not compiled in: the whole file
            cursor.execute("PRAGMA page_count")
            return int(cursor.fetchone()[0]) * page


def measure(rounds: int = 3) -> dict:
    from phapluat.core.stats import percentile
    from phapluat.search.services import search

    for q in QUERIES:  # warm the caches once, as a running server has them
        search(q)
    latencies, by_query = [], {q: [] for q in QUERIES}
    for _ in range(rounds):
        for q in QUERIES:
            started = time.perf_counter()
            search(q)
            latencies.append((time.perf_counter() - started) * 1000)
            by_query[q].append(latencies[-1])
    slowest = sorted(by_query, key=lambda q: -statistics.median(by_query[q]))[:5]
    return {"queries": len(QUERIES) * rounds, "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(percentile(latencies, 95), 1), "max_ms": round(max(latencies), 1),
            "slowest_ms": {q[:60]: round(statistics.median(by_query[q]), 1) for q in slowest}}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection

    from phapluat.core.runtime import settle_for_serving
    from phapluat.search import bench

    with bench.temporary_database(keep=args.keep):
        report = {"database": connection.vendor, **build(args.corpus, args.articles, progress=not args.json)}
        settle_for_serving()  # queries are asked as in a serving process (phapluat.wsgi)
        report.update(measure())
        report["database_name"] = str(connection.settings_dict["NAME"])
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        for key, value in report.items():
            print(f"{key:>15}: {value}")


if __name__ == "__main__":
    main()
