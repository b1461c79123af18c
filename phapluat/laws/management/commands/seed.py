"""`phapluat seed`: the real data a fresh installation starts with, shipped inside the repository.

Each shipped data file is loaded once per database (its checksum is recorded), so later starts take
seconds and a release that ships a new or changed file loads just that one. Known replacements and the
statuses they imply are brought up to date every time (cheap, idempotent).
"""
import hashlib
import sys

from django.core.management.base import BaseCommand

from ....contests.seed import load_banks, relink
from ....editorial.seed import build_site
from ....learning.seed import load_first_course
from ....orgs.services import load_all
from ...importers import run_import
from ...importers.replacements import load_known_replacements
from ...models import SeedSource
from ...seed_data import CENSUS, DOCUMENT_SOURCES


def _checksum(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pending(paths, force: bool) -> list:
    recorded = dict(SeedSource.objects.values_list("name", "sha256"))
    return [p for p in paths if force or recorded.get(p.name) != _checksum(p)]


class Command(BaseCommand):
    help = "Nạp dữ liệu ban đầu: cơ quan, 40 xã phường của Huế và kho văn bản pháp luật (mỗi tệp một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Nạp lại kể cả khi đã có dữ liệu")

    def handle(self, *args, **options):
        created = load_all()
        self.stdout.write(f"Cơ quan, đơn vị: {created} mới.")
        site = build_site()
        self.stdout.write(f"Trang chuyên mục: {site['sections_created']} mới, {site['sections']} đơn vị.")
        for line in load_banks():
            self.stdout.write(line)
        self.stdout.write(load_first_course())
        pending = _pending(DOCUMENT_SOURCES, options["force"])
        if not pending and not _pending([CENSUS], options["force"]):
            self.stdout.write("Kho văn bản đã nạp đủ, bỏ qua bước nạp.")
        else:
            self._import([*pending, CENSUS])
        known = load_known_replacements()
        if known:
            self.stdout.write(f"Ghi nhận {known} văn bản đã bị thay thế bởi văn bản chưa có trong thư viện.")

    def _import(self, paths) -> None:
        summary = run_import(paths, progress=sys.stderr.isatty())
        for line in summary.lines():
            self.stdout.write(line)
        # Recorded even when a file inside failed (it was reported): a start must not retry it every time.
        for path in paths:
            SeedSource.objects.update_or_create(name=path.name, defaults={"sha256": _checksum(path)})
        relink()  # quiz questions to the traffic law, now that it is in the library
        self.stdout.write(load_first_course())  # again: its lessons link to provisions now loaded
