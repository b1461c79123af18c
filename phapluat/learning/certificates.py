"""The completion certificate as PDF, drawn by the shared certificate layout."""
from __future__ import annotations

from ..core.certificates import render_certificate
from .models import CourseCertificate


def course_certificate_pdf(certificate: CourseCertificate, *, verify_url: str) -> bytes:
    return render_certificate(
        issuer=certificate.issuer_name, holder=certificate.holder_name,
        achievement="đã hoàn thành khóa bồi dưỡng, tập huấn trực tuyến", title=certificate.course_title,
        issued_at=certificate.issued_at, code=certificate.code, verify_url=verify_url)
