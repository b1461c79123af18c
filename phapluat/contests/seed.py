"""Real data a fresh installation starts with: the road-traffic question bank shipped (xz) in the repository
and one practice contest on it, so /cuoc-thi/ is not empty on first run. The lead calls `load_banks()` from
`phapluat seed`; it is idempotent (a second run changes nothing and creates nothing)."""
from __future__ import annotations

from pathlib import Path

from ..orgs.models import Organization
from .models import Contest, QuestionBank
from .services.banks import bank_import, link_provisions

DATA_DIR = Path(__file__).resolve().parent / "data"
TRAFFIC_BANK = {
    "path": DATA_DIR / "gplx-600-questions.json.xz",
    "slug": "gplx-600",
    "name": "600 câu hỏi sát hạch lái xe (giao thông đường bộ)",
    "source": "Bộ 600 câu hỏi lý thuyết sát hạch giấy phép lái xe (định dạng 2025)",
}
PRACTICE_SLUG = "luyen-tap-luat-giao-thong-duong-bo"


def load_banks() -> list[str]:
    """Imports the shipped banks and the practice contest. Returns human-readable summary lines."""
    bank, summary = bank_import(**TRAFFIC_BANK)
    lines = [f"Ngân hàng “{bank.name}”: " + " ".join(summary.lines())]
    lines.append(seed_practice_contest(bank))
    return lines


def seed_practice_contest(bank: QuestionBank) -> str:
    if Contest.objects.filter(slug=PRACTICE_SLUG).exists():
        return "Cuộc thi luyện tập giao thông đã có, giữ nguyên."
    owner = (Organization.objects.filter(kind=Organization.Kind.JUSTICE).first()
             or Organization.objects.order_by("pk").first())
    if owner is None:
        return "Chưa có cơ quan nào (chạy nạp cơ quan trước), chưa tạo cuộc thi luyện tập."
    Contest.objects.create(
        slug=PRACTICE_SLUG, mode=Contest.Mode.PRACTICE, organization=owner, bank=bank, practice_size=10,
        title="Luyện tập: Tìm hiểu pháp luật về trật tự, an toàn giao thông đường bộ",
        description=("Mỗi lượt 10 câu rút ngẫu nhiên từ bộ 600 câu hỏi sát hạch lái xe (chỉ những câu không cần "
                     "hình ảnh), từ dễ đến khó. Nộp bài để xem đáp án, lời giải thích và điều luật liên quan. "
                     "Không cần đăng ký, không lưu kết quả."))
    return "Đã tạo cuộc thi luyện tập giao thông."


def relink() -> int:
    """After the library gains a law (e.g. Luật Giao thông đường bộ 2008), link questions to its articles."""
    return sum(link_provisions(bank=bank) for bank in QuestionBank.objects.all())
