"""`phapluat bench retrieval --corpus FILE --questions FILE [--json]` (prints figures; not a test)."""

import os
import time

from django.core.management.base import BaseCommand
from django.db import connection

from phapluat.search import bench
from phapluat.search.backends import get_backend


class Command(BaseCommand):
    help = ("Đo chất lượng tìm kiếm (R@1, R@5, R@10, MRR@10, độ trễ) trên một bộ câu hỏi, "
            "so với BM25 theo âm tiết, trong một cơ sở dữ liệu tạm.")

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, help="Tệp JSON theo định dạng ALQAC.")
        parser.add_argument("--questions", required=True, help="Tệp JSON: text, relevant_articles.")
        parser.add_argument("--json", action="store_true", help="In một đối tượng JSON.")

    def handle(self, *args, corpus, questions, json: bool = False, **options):
        from phapluat.laws.importers import run_import

        as_json = json
        qs = bench.load_questions(questions)
        started = time.perf_counter()
        baseline = bench.PlainBM25(bench.load_corpus(corpus))
        baseline_build = time.perf_counter() - started
        with bench.temporary_database():
            started = time.perf_counter()
            summary = run_import([corpus])
            get_backend().optimize()  # planner statistics after a bulk import, as `reindex` does
            import_seconds = time.perf_counter() - started
            if not summary.ok:
                for line in summary.lines():
                    self.stderr.write(line)
            product = bench.evaluate(qs, bench.product_asker())
        base = bench.evaluate(qs, baseline.ask)
        report = {
            "corpus": os.path.basename(corpus), "questions": len(qs), "database": connection.vendor,
            "import_seconds": round(import_seconds, 1), "baseline_build_seconds": round(baseline_build, 1),
            "product": product, "baseline_bm25_syllables": base,
        }
        if as_json:
            self.stdout.write(__import__("json").dumps(report, ensure_ascii=False))
            return
        self.stdout.write(f"Kho: {report['corpus']} — {len(qs)} câu hỏi — CSDL: {connection.vendor}; "
                          f"nhập và lập chỉ mục {report['import_seconds']} giây.")
        self.stdout.write(bench.format_table({"phapluat": product, "BM25 âm tiết": base}))
