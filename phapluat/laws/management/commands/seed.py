"""`phapluat seed`: the real data a fresh installation starts with, shipped inside the repository.

Runs once: a database that already holds documents is left alone, so later starts take seconds.
"""
import sys

from django.core.management.base import BaseCommand

from ....contests.seed import load_banks, relink
from ....editorial.seed import build_site
from ....learning.seed import load_first_course
from ....orgs.services import load_all
from ...importers import run_import
from ...models import Document
from ...seed_data import SEED_SOURCES


class Command(BaseCommand):
    help = "Nạp dữ liệu ban đầu: cơ quan, 40 xã phường của Huế và kho văn bản luật (chỉ lần đầu)."

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
        if Document.objects.exists() and not options["force"]:
            self.stdout.write("Thư viện văn bản đã có dữ liệu, bỏ qua bước nạp kho luật.")
            return
        summary = run_import(SEED_SOURCES, progress=sys.stderr.isatty())
        for line in summary.lines():
            self.stdout.write(line)
        relink()  # quiz questions to the traffic law, now that it is in the library
        self.stdout.write(load_first_course())  # again: its lessons link to provisions now loaded
