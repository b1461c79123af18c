"""`phapluat embed`: give every indexed article its semantic vectors (resumable; skips what is done).

`--export FILE` writes the stored vectors for shipping instead (how `search/data/passage-vectors.npz.xz`, the
vectors of the shipped library, is made: `phapluat seed`, `phapluat embed`, then
`phapluat embed --export phapluat/search/data/passage-vectors.npz.xz`)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from phapluat.search import embeddings
from phapluat.search.engine import native_library


class Command(BaseCommand):
    help = ("Tính vectơ ngữ nghĩa cho các điều luật đã lập chỉ mục mà chưa có (chạy lại an toàn: "
            "bỏ qua phần đã làm, tiếp tục phần còn dở).")

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Chỉ làm tối đa N điều.")
        parser.add_argument("--threads", type=int, default=None,
                            help="Số luồng CPU cho mô hình (mặc định: tất cả).")
        parser.add_argument("--export", metavar="FILE", default=None,
                            help="Không tính gì: ghi vectơ đã có của mọi điều vào FILE (.npz.xz) để đóng gói.")

    def handle(self, *args, limit=None, threads=None, export=None, **options):
        if export:
            self._export(Path(export))
            return
        if not embeddings.enabled():
            raise CommandError("Tìm kiếm ngữ nghĩa đang tắt (PHAPLUAT_SEMANTIC=off): không có gì để làm.")
        if limit is not None and limit < 1:
            raise CommandError("--limit phải là số nguyên dương.")
        if threads is not None:
            if threads < 1:
                raise CommandError("--threads phải là số nguyên dương.")
            embeddings.set_threads(threads)
        done = embeddings.embed_pending(limit=limit, progress=options["verbosity"] > 0)
        # The engine the questions will run on is built now rather than on a citizen's first question
        # (the shipped library's vectors need no model, so nothing above may have built it).
        native_library()
        self.stdout.write(self.style.SUCCESS(f"Đã tính vectơ cho {done} điều."))

    def _export(self, path: Path):
        if not path.parent.is_dir():
            raise CommandError(f"Không có thư mục {path.parent} để ghi tệp vectơ.")
        count = embeddings.export_vectors(path)
        if not count:
            raise CommandError("Chưa có vectơ nào để ghi: chạy `phapluat embed` trước.")
        self.stdout.write(self.style.SUCCESS(
            f"Đã ghi vectơ của {count} đoạn vào {path} ({path.stat().st_size / 1e6:.1f} MB)."))
