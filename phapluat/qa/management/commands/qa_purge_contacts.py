"""`phapluat qa_purge_contacts`: erase the contact details of questions finished longer ago than
PHAPLUAT_QA_CONTACT_RETENTION_DAYS (default 365). Run daily (cron, systemd timer)."""
from django.core.management.base import BaseCommand

from ...services import contact_retention_days, contacts_purge


class Command(BaseCommand):
    help = "Xóa thông tin liên hệ của người hỏi khi đã quá thời hạn lưu giữ."

    def handle(self, *args, **options):
        count = contacts_purge()
        self.stdout.write(f"Đã xóa thông tin liên hệ của {count} câu hỏi (lưu tối đa {contact_retention_days()} ngày "
                          "sau khi xử lý xong).")
