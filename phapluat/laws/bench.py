"""Legal-status benchmark: what the portal shows for documents whose true status is known.

A truth file is a JSON list of {"number", "truth": "in_force" | "expired", "expired_on"?}. Each document is
found by its number (or the number's stem and nothing else: "28/2004/QH" for "28/2004/QH11") and its shown
status, as of a date, is compared with the truth. The targets are 0 expired shown as in force and 0 in force
shown as expired; unverified documents are counted apart (the portal says it does not know).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .models import EffectStatus
from .models.document import CURRENT_STATUSES
from .selectors import document_by_number, public_documents

SHOWN_EXPIRED = {EffectStatus.EXPIRED, EffectStatus.SUSPENDED}
SHOWN_UNVERIFIED = {EffectStatus.UNVERIFIED, EffectStatus.UNKNOWN}


class TruthFileError(ValueError):
    """A truth file that cannot be read. The message is Vietnamese."""


@dataclass
class TruthRow:
    number: str
    truth: str
    expired_on: date | None = None


def load_truth(path: str | Path) -> list[TruthRow]:
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TruthFileError(f"Không đọc được tệp sự thật {path}: {error}") from error
    if not isinstance(rows, list):
        raise TruthFileError("Tệp sự thật phải là một danh sách JSON [{\"number\", \"truth\", \"expired_on\"}].")
    truth = []
    for index, row in enumerate(rows, 1):
        if not isinstance(row, dict) or row.get("truth") not in ("in_force", "expired") or not row.get("number"):
            raise TruthFileError(f"Dòng {index} của tệp sự thật không hợp lệ: cần number và truth "
                                 f"(in_force hoặc expired): {row!r}")
        try:
            expired_on = date.fromisoformat(row["expired_on"]) if row.get("expired_on") else None
        except (TypeError, ValueError) as error:
            raise TruthFileError(f"Dòng {index}: expired_on phải có dạng YYYY-MM-DD ({row.get('expired_on')!r}).") \
                from error
        truth.append(TruthRow(str(row["number"]).strip(), row["truth"], expired_on))
    return truth


def shown_as(status: str) -> str:
    if status in CURRENT_STATUSES:
        return "in_force"
    if status in SHOWN_EXPIRED:
        return "expired"
    if status in SHOWN_UNVERIFIED:
        return "unverified"
    return "not_yet"


@dataclass
class StatusReport:
    checked: int = 0
    missing: list[str] = field(default_factory=list)
    expired_shown_in_force: list[str] = field(default_factory=list)
    in_force_shown_expired: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    not_yet_but_in_force: list[str] = field(default_factory=list)
    correct: int = 0
    expiry_date_differs: list[str] = field(default_factory=list)

    def counts(self) -> dict:
        return {
            "truth_rows": self.checked, "missing_from_library": len(self.missing), "correct": self.correct,
            "expired_shown_in_force": len(self.expired_shown_in_force),
            "in_force_shown_expired": len(self.in_force_shown_expired), "unverified": len(self.unverified),
            "not_yet_shown_for_in_force": len(self.not_yet_but_in_force),
            "expiry_date_differs": len(self.expiry_date_differs),
        }


def evaluate(truth: list[TruthRow], today: date) -> StatusReport:
    report = StatusReport()
    for row in truth:
        report.checked += 1
        document = document_by_number(row.number, documents=public_documents())
        if document is None:
            report.missing.append(row.number)
            continue
        shown = shown_as(document.current_status(today))
        label = f"{row.number} ({document.title[:60]}): hiển thị {EffectStatus(document.current_status(today)).label}"
        if shown == "unverified":
            report.unverified.append(label)
        elif row.truth == "expired" and shown == "in_force":
            report.expired_shown_in_force.append(label)
        elif row.truth == "in_force" and shown == "expired":
            report.in_force_shown_expired.append(label)
        elif row.truth == "in_force" and shown == "not_yet":
            report.not_yet_but_in_force.append(label)
        else:
            report.correct += 1
            if row.truth == "expired" and row.expired_on and document.expiry_date != row.expired_on:
                report.expiry_date_differs.append(
                    f"{label}; ngày hết hiệu lực {document.expiry_date} thay vì {row.expired_on}")
    return report


def describe(report: StatusReport) -> str:
    counts = report.counts()
    lines = [
        f"Đối chiếu {counts['truth_rows']} văn bản ({counts['missing_from_library']} không có trong thư viện):",
        f"  đúng: {counts['correct']}",
        f"  hết hiệu lực nhưng hiển thị còn hiệu lực: {counts['expired_shown_in_force']} (mục tiêu 0)",
        f"  còn hiệu lực nhưng hiển thị hết hiệu lực: {counts['in_force_shown_expired']} (mục tiêu 0)",
        f"  chưa xác minh (cổng nói không biết): {counts['unverified']}",
        f"  còn hiệu lực nhưng hiển thị chưa có hiệu lực: {counts['not_yet_shown_for_in_force']}",
        f"  đúng tình trạng, khác ngày hết hiệu lực: {counts['expiry_date_differs']}",
    ]
    for title, items in (("Hết hiệu lực, hiển thị còn hiệu lực", report.expired_shown_in_force),
                         ("Còn hiệu lực, hiển thị hết hiệu lực", report.in_force_shown_expired),
                         ("Khác ngày hết hiệu lực", report.expiry_date_differs),
                         ("Chưa xác minh", report.unverified), ("Không có trong thư viện", report.missing)):
        if items:
            lines.append(f"{title}:")
            lines += [f"  - {item}" for item in items]
    return "\n".join(lines)
