"""`phapluat bench retrieval --corpus FILE --questions FILE [--json]` (prints figures; not a test)."""

import os
import time

from django.core.management.base import BaseCommand
from django.db import connection

from phapluat.core.runtime import settle_for_serving
from phapluat.search import bench


class Command(BaseCommand):
    help = ("Đo chất lượng tìm kiếm (R@1, R@5, R@10, MRR@10, độ trễ) trên một bộ câu hỏi, "
            "so với BM25 theo âm tiết, trong một cơ sở dữ liệu tạm.")

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, help="Tệp JSON theo định dạng ALQAC.")
        parser.add_argument("--questions", required=True, help="Tệp JSON: text, relevant_articles.")
        parser.add_argument("--json", action="store_true", help="In một đối tượng JSON.")

    def handle(self, *args, corpus, questions, json: bool = False, **options):
        as_json = json
        qs = bench.load_questions(questions)
        started = time.perf_counter()
        baseline = bench.PlainBM25(bench.load_corpus(corpus))
        baseline_build = time.perf_counter() - started
        with bench.temporary_database():
            timings = bench.load_library(corpus, self.stderr.write)
            settle_for_serving()  # questions are asked as in a serving process (phapluat.wsgi)
            product = bench.evaluate(qs, bench.product_asker())
        base = bench.evaluate(qs, baseline.ask)
        report = {
            "corpus": os.path.basename(corpus), "questions": len(qs), "database": connection.vendor,
            **timings, "baseline_build_seconds": round(baseline_build, 1),
            "product": product, "baseline_bm25_syllables": base,
        }
        if as_json:
            self.stdout.write(__import__("json").dumps(report, ensure_ascii=False))
            return
        self.stdout.write(bench.describe_run(report))
        self.stdout.write(bench.format_table({"phapluat": product, "BM25 âm tiết": base}))
