"""Known replacements of library laws by laws not (yet) in it, shipped as editor verifications
(data/known-replacements.tsv). Idempotent: a row already recorded is skipped."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from ..models import EffectStatus, StatusRecord
from ..selectors import document_by_number
from ..services.status import verify_status

KNOWN_REPLACEMENTS = Path(__file__).resolve().parents[1] / "data" / "known-replacements.tsv"
TEAM = "Nhóm phát triển phapluat (dữ liệu ban đầu)"
COLUMNS = ("number", "title", "replaced_by_number", "replaced_by_title", "expired_on", "checked_on")


def _rows(path: Path) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"]
    return [dict(zip(COLUMNS, row)) for row in csv.reader(lines, delimiter="\t")]


def load_known_replacements(path: Path = KNOWN_REPLACEMENTS) -> int:
    """Record each known replacement once. Returns how many were recorded now."""
    recorded = 0
    for row in _rows(path):
        document = document_by_number(row["number"], title=row["title"])
        if document is None or StatusRecord.objects.filter(
                document=document, kind=StatusRecord.Kind.EDITOR, checked_by_name=TEAM,
                replaced_by_number=row["replaced_by_number"]).exists():
            continue
        verify_status(
            document=document, status=EffectStatus.EXPIRED, expiry_date=date.fromisoformat(row["expired_on"]),
            replaced_by_number=row["replaced_by_number"], checked_on=date.fromisoformat(row["checked_on"]),
            source_label=f"điều khoản thi hành của {row['replaced_by_title']} số {row['replaced_by_number']}",
            checked_by_name=TEAM,
        )
        recorded += 1
    return recorded
