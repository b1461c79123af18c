"""Files made from stored results: the officials' XLSX export (openpyxl) and winners' PDF certificates
(the shared layout of phapluat.core.certificates)."""
from __future__ import annotations

import io

from django.utils import timezone

from ..core.certificates import render_certificate
from .models import Attempt, Certificate, Contest
from .selectors import export_rows

def _seconds(ms: int | None) -> float | None:
    return round(ms / 1000, 1) if ms is not None else None


def results_xlsx(contest: Contest) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rounds, rows = export_rows(contest)
    book = Workbook()
    sheet = book.active
    sheet.title = "Kết quả"
    header = ["Hạng", "Mã người dự thi", "Tên hiển thị", "Xã, phường", "Trường", "Tổng điểm",
              "Tổng thời gian (giây)"]
    for round_ in rounds:
        header += [f"Vòng {round_.number} – điểm", f"Vòng {round_.number} – giây", f"Vòng {round_.number} – trạng thái"]
    sheet.append([f"Kết quả cuộc thi: {contest.title}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"Xuất lúc {timezone.localtime():%H:%M ngày %d/%m/%Y}; xếp hạng theo tổng điểm, "
                  "bằng điểm thì ai làm nhanh hơn (thời gian do máy chủ đo) xếp trên."])
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        participant = row["participant"]
        values = [row["rank"], participant.pk, participant.display_name, participant.ward.name, participant.school,
                  row["score"], _seconds(row["duration_ms"]) if row["rank"] else None]
        for round_ in rounds:
            attempt = row["attempts"].get(round_.number)
            if attempt is None:
                values += [None, None, "Chưa làm"]
            elif attempt.status == Attempt.Status.SUBMITTED:
                values += [attempt.score, _seconds(attempt.duration_ms), "Đã nộp"]
            else:
                values += [None, None, attempt.get_status_display()]
        # Text typed by citizens must never be read as a formula by a spreadsheet.
        sheet.append([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in values])
    for index, width in enumerate([7, 10, 28, 24, 28, 10, 14] + [12, 12, 14] * len(rounds), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    participant = certificate.participant
    contest = participant.contest
    return render_certificate(
        issuer=contest.organization.name, holder=participant.display_name,
        holder_detail=participant.ward.name + (f" – {participant.school}" if participant.school else ""),
        achievement=f"đã đạt hạng {certificate.rank} với tổng số {certificate.score} điểm tại",
        title=contest.title, issued_at=certificate.issued_at, code=certificate.code, verify_url=verify_url)
