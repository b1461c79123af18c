"""Certificates as PDF (contest winners, course completions): A4 landscape, DejaVu fonts for Vietnamese
letters, and a QR code leading to the public verification page."""
from __future__ import annotations

import io
import lzma
import secrets
from functools import lru_cache
from pathlib import Path

from django.utils import timezone

FONT_DIR = Path(__file__).resolve().parent / "data" / "fonts"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in (("DejaVuSans", "DejaVuSans.ttf.xz"), ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf.xz")):
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(lzma.open(FONT_DIR / file).read())))
    return "DejaVuSans", "DejaVuSans-Bold"


def render_certificate(*, issuer: str, holder: str, achievement: str, title: str, issued_at, code: str,
                       verify_url: str, holder_detail: str = "") -> bytes:
    """A4 landscape: heading, "<issuer> chứng nhận", the holder (and a detail line under the name, e.g. the
    contests' ward and school), what they achieved, the title, the date, and a QR code to `verify_url`."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas

    regular, bold = register_fonts()
    out = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(out, pagesize=(width, height))
    pdf.setTitle(f"Giấy chứng nhận {code}")
    pdf.setAuthor(issuer)
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
    pdf.drawCentredString(width / 2, height - 6.6 * cm, f"{issuer} chứng nhận")
    pdf.setFont(bold, 24)
    pdf.drawCentredString(width / 2, height - 8.0 * cm, holder)
    pdf.setFont(regular, 14)
    if holder_detail:
        pdf.drawCentredString(width / 2, height - 8.9 * cm, holder_detail)
    pdf.drawCentredString(width / 2, height - (10.2 if holder_detail else 9.4) * cm, achievement)
    pdf.setFont(bold, 16)
    for index, line in enumerate(_wrap(title, 80)[:2]):
        pdf.drawCentredString(width / 2, height - ((11.2 if holder_detail else 10.5) + 0.8 * index) * cm, line)
    pdf.setFont(regular, 12)
    issued = timezone.localtime(issued_at)
    pdf.drawCentredString(width / 2, height - 12.6 * cm, f"Huế, ngày {issued:%d} tháng {issued:%m} năm {issued:%Y}")
    qr = QrCodeWidget(verify_url)
    x0, y0, x1, y1 = qr.getBounds()
    size = 3.6 * cm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(qr)
    renderPDF.draw(drawing, pdf, 2.2 * cm, 2.0 * cm)
    pdf.setFont(regular, 10)
    pdf.drawString(6.2 * cm, 3.6 * cm, f"Mã xác minh: {code}")
    pdf.drawString(6.2 * cm, 3.0 * cm, f"Kiểm tra tại: {verify_url}")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])
