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
        parser.add_argument("--unaccented", action="store_true",
                            help="Hỏi thêm các câu hỏi đã bỏ dấu (có và không khôi phục dấu), in cạnh nhau.")
        parser.add_argument("--half", choices=["odd", "even"],
                            help="Chỉ dùng nửa bộ câu hỏi có số thứ tự lẻ hoặc chẵn.")

    def handle(self, *args, corpus, questions, json: bool = False, unaccented: bool = False, half=None,
               **options):
        as_json = json
        qs = bench.load_questions(questions)
        if half:
            qs = bench.half(qs, half)
        plain = bench.unaccented(qs)
        started = time.perf_counter()
        baseline = bench.PlainBM25(bench.load_corpus(corpus))
        baseline_build = time.perf_counter() - started
        runs = {}
        with bench.temporary_database():
            timings = bench.load_library(corpus, self.stderr.write)
            settle_for_serving()  # questions are asked as in a serving process (phapluat.wsgi)
            runs["phapluat"] = bench.evaluate(qs, bench.product_asker())
            if unaccented:
                runs["không dấu"] = bench.evaluate(plain, bench.product_asker())
                runs["không dấu, không khôi phục"] = bench.evaluate(plain, bench.product_asker(restore=False))
        runs["BM25 âm tiết"] = bench.evaluate(qs, baseline.ask)
        if unaccented:
            runs["BM25 không dấu"] = bench.evaluate(plain, baseline.ask)
        report = {
            "corpus": os.path.basename(corpus), "questions": len(qs), "database": connection.vendor, "half": half,
            **timings, "baseline_build_seconds": round(baseline_build, 1),
            "product": runs["phapluat"], "baseline_bm25_syllables": runs["BM25 âm tiết"],
            **({"product_unaccented": runs["không dấu"],
                "product_unaccented_without_restoring": runs["không dấu, không khôi phục"],
                "baseline_unaccented": runs["BM25 không dấu"]} if unaccented else {}),
        }
        if as_json:
            self.stdout.write(__import__("json").dumps(report, ensure_ascii=False))
            return
        self.stdout.write(bench.describe_run(report))
        self.stdout.write(bench.format_table(runs, width=28 if unaccented else 14))
