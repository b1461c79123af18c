"""Files made from stored results: the officials' XLSX export (openpyxl) and winners' PDF certificates
(reportlab, with a QR code and the verification code). DejaVu Sans ships (xz) inside the repository because the
PDF base fonts have no Vietnamese letters."""
from __future__ import annotations

import io
import lzma
from functools import lru_cache
from pathlib import Path

from django.utils import timezone

from .models import Attempt, Certificate, Contest
from .selectors import export_rows

FONT_DIR = Path(__file__).resolve().parent / "data" / "fonts"


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


@lru_cache(maxsize=1)
def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in (("DejaVuSans", "DejaVuSans.ttf.xz"), ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf.xz")):
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(lzma.open(FONT_DIR / file).read())))
    return "DejaVuSans", "DejaVuSans-Bold"


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas

    regular, bold = _register_fonts()
    participant = certificate.participant
    contest = participant.contest
    out = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(out, pagesize=(width, height))
    pdf.setTitle(f"Giấy chứng nhận {certificate.code}")
    pdf.setAuthor(contest.organization.name)
    pdf.setStrokeColorRGB(0.48, 0.12, 0.12)
    pdf.setLineWidth(4)
    pdf.rect(1.2 * cm, 1.2 * cm, width - 2.4 * cm, height - 2.4 * cm)
    pdf.setFont(bold, 13)
    pdf.drawCentredString(width / 2, height - 2.6 * cm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    pdf.setFont(regular, 12)
    pdf.drawCentredString(width / 2, height - 3.2 * cm, "Độc lập – Tự do – Hạnh phúc")
    pdf.setFont(bold, 30)
    pdf.setFillColorRGB(0.48, 0.12, 0.12)
    pdf.drawCentredString(width / 2, height - 5.2 * cm, "GIẤY CHỨNG NHẬN")
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont(regular, 15)
    pdf.drawCentredString(width / 2, height - 6.6 * cm, f"{contest.organization.name} chứng nhận")
    pdf.setFont(bold, 24)
    pdf.drawCentredString(width / 2, height - 8.0 * cm, participant.display_name)
    pdf.setFont(regular, 14)
    where = participant.ward.name + (f" – {participant.school}" if participant.school else "")
    pdf.drawCentredString(width / 2, height - 8.9 * cm, where)
    pdf.drawCentredString(width / 2, height - 10.2 * cm, f"đã đạt hạng {certificate.rank} với tổng số "
                                                         f"{certificate.score} điểm tại")
    pdf.setFont(bold, 16)
    pdf.drawCentredString(width / 2, height - 11.2 * cm, contest.title[:90])
    pdf.setFont(regular, 12)
    issued = timezone.localtime(certificate.issued_at)
    pdf.drawCentredString(width / 2, height - 12.6 * cm, f"Huế, ngày {issued:%d} tháng {issued:%m} năm {issued:%Y}")
    qr = QrCodeWidget(verify_url)
    x0, y0, x1, y1 = qr.getBounds()
    size = 3.6 * cm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(qr)
    renderPDF.draw(drawing, pdf, 2.2 * cm, 2.0 * cm)
    pdf.setFont(regular, 10)
    pdf.drawString(6.2 * cm, 3.6 * cm, f"Mã xác minh: {certificate.code}")
    pdf.drawString(6.2 * cm, 3.0 * cm, f"Kiểm tra tại: {verify_url}")
    pdf.showPage()
    pdf.save()
    return out.getvalue()
