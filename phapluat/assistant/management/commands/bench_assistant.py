"""`phapluat bench assistant --corpus FILE --questions FILE [--json]` (prints figures; not a test)."""
import json as jsonlib
import os

from django.core.management.base import BaseCommand
from django.db import connection

from phapluat.assistant import bench
from phapluat.search import bench as retrieval_bench


class Command(BaseCommand):
    help = ("Đo trích dẫn của trợ lý pháp luật (R@1, R@5, tỷ lệ không trích dẫn, thời gian trả lời) "
            "so với chỉ tìm kiếm từ khóa, trong một cơ sở dữ liệu tạm.")

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, help="Tệp JSON theo định dạng ALQAC.")
        parser.add_argument("--questions", required=True, help="Tệp JSON: text, relevant_articles.")
        parser.add_argument("--json", action="store_true", help="In một đối tượng JSON.")

    def handle(self, *args, corpus, questions, json=False, **options):
        qs = retrieval_bench.load_questions(questions)
        corpus_keys = {(law, article) for law, article, _ in retrieval_bench.load_corpus(corpus)}
        with retrieval_bench.temporary_database():
            timings = retrieval_bench.load_library(corpus, self.stderr.write)
            audit = bench.StatusAudit()
            assistant = {**bench.evaluate(qs, bench.assistant_asker(audit), corpus_keys), **audit.figures()}
            keyword = {**bench.evaluate(qs, bench.keyword_asker(), corpus_keys),
                       **dict.fromkeys(audit.figures(), "–")}  # search alone composes no answer
        report = {"corpus": os.path.basename(corpus), "questions": len(qs), "database": connection.vendor,
                  **timings, "assistant": assistant, "keyword_search": keyword}
        if json:
            self.stdout.write(jsonlib.dumps(report, ensure_ascii=False))
            return
        self.stdout.write(retrieval_bench.describe_run(report))
        self.stdout.write(bench.format_table({"trợ lý": assistant, "chỉ tìm kiếm": keyword}))
