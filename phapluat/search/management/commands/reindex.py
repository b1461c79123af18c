from django.core.management.base import BaseCommand

from phapluat.search.backends import get_backend
from phapluat.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Xây dựng lại toàn bộ chỉ mục tìm kiếm từ thư viện văn bản."

    def add_arguments(self, parser):
        parser.add_argument("--recreate", action="store_true",
                            help="Tạo lại cấu trúc chỉ mục toàn văn (FTS5 / tsvector) trước khi lập chỉ mục.")

    def handle(self, *args, recreate=False, **options):
        if recreate:
            get_backend().recreate()
        total = rebuild_index(progress=options["verbosity"] > 0)
        self.stdout.write(self.style.SUCCESS(f"Đã lập chỉ mục {total} mục tìm kiếm."))
