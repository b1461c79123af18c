"""`phapluat bench legal-status --truth FILE [--json] [--ngay YYYY-MM-DD] [--co-so-du-lieu-hien-tai]`

Compares the statuses the portal shows with a truth file. By default in a temporary database holding the
shipped library exactly as a fresh installation seeds it; with --co-so-du-lieu-hien-tai, the configured one.
"""
import json as jsonlib
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...bench import TruthFileError, describe, evaluate, load_truth


def _seed_shipped_library(write) -> None:
    from ...importers import run_import
    from ...importers.replacements import load_known_replacements
    from ...seed_data import SEED_SOURCES

    summary = run_import(SEED_SOURCES, progress=sys.stderr.isatty())
    write(f"Thư viện tạm: {summary.documents} văn bản; {load_known_replacements()} thay thế đã biết.")


class Command(BaseCommand):
    help = "Đối chiếu tình trạng hiệu lực mà cổng hiển thị với một tệp sự thật (số hiệu, in_force/expired)."

    def add_arguments(self, parser):
        parser.add_argument("--truth", required=True, help="Tệp JSON: [{number, truth, expired_on}].")
        parser.add_argument("--json", action="store_true", help="Chỉ in các con số dạng JSON.")
        parser.add_argument("--ngay", help="Ngày đối chiếu (YYYY-MM-DD), mặc định hôm nay.")
        parser.add_argument("--co-so-du-lieu-hien-tai", action="store_true", dest="current_database",
                            help="Dùng cơ sở dữ liệu đang cấu hình thay vì thư viện gốc trong cơ sở dữ liệu tạm.")

    def handle(self, *args, truth, json=False, ngay=None, current_database=False, **options):
        try:
            rows = load_truth(truth)
            today = date.fromisoformat(ngay) if ngay else timezone.localdate()
        except TruthFileError as error:
            raise CommandError(str(error)) from error
        except ValueError as error:
            raise CommandError(f"Ngày đối chiếu không hợp lệ: {ngay} (cần YYYY-MM-DD).") from error
        if current_database:
            report = evaluate(rows, today)
        else:
            from ....search.bench import temporary_database

            with temporary_database():
                _seed_shipped_library(self.stderr.write)
                report = evaluate(rows, today)
        if json:
            self.stdout.write(jsonlib.dumps(report.counts(), ensure_ascii=False))
        else:
            self.stdout.write(describe(report))
