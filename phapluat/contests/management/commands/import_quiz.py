"""`phapluat import_quiz PATH`: imports a question bank (GPLX JSON format, .json or .json.xz). Idempotent."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...services.banks import BankFormatError, bank_import


class Command(BaseCommand):
    help = "Nhập ngân hàng câu hỏi trắc nghiệm (JSON như bộ 600 câu sát hạch lái xe). Nhập lại không tạo bản trùng."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--slug", default="", help="Mã ngân hàng (mặc định: theo tên tệp)")
        parser.add_argument("--name", default="", help="Tên ngân hàng")

    def handle(self, *args, path: Path, slug: str, name: str, **options):
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        stem = path.name.split(".")[0]
        try:
            bank, summary = bank_import(path=path, slug=slug or stem, name=name or stem, source=path.name)
        except BankFormatError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Ngân hàng “{bank.name}” ({bank.slug}):")
        for line in summary.lines():
            self.stdout.write(line)
        if summary.errors:
            raise CommandError(f"{len(summary.errors)} câu không nhập được (xem danh sách ở trên).", returncode=1)
