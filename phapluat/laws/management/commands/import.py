"""`phapluat import PATH...`: files, folders, archives and JSON corpora into the library."""
import sys

from django.core.management.base import BaseCommand

from ...importers import run_import


class Command(BaseCommand):
    help = ("Nhập văn bản pháp luật từ tệp (TXT, Markdown, DOCX, DOC, PDF, HTML), thư mục, tệp nén, kho JSON hoặc "
            "bản ghi JSON có trường full_text.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Tệp, thư mục, tệp nén (.tar.xz, .zip) hoặc JSON")
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến trình")

    def handle(self, *args, **options):
        summary = run_import(options["paths"], progress=not options["no_progress"])
        stream = self.stdout if summary.ok else self.stderr
        for line in summary.lines(per_file=True):
            stream.write(line)
        if not summary.ok:
            sys.exit(1)
