"""Registering a list of participants from a spreadsheet (a school or a ward registers its people at once).

The sheet needs the columns "Tên hiển thị", "Xã, phường" and optionally "Trường" on its first row. The import
is all or nothing: one bad row and nothing is stored, with a Vietnamese reason per row. A row already imported
(same name, ward and school) is not registered twice, so the same file can be sent again. The result is a sheet
of re-entry codes for the new participants, which the official hands out (the codes are not kept).
"""
from __future__ import annotations

import hashlib
import io
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.log_actions import log

from ...core.db import one_writer
from ...core.sanitize import clean_text
from ...core.spreadsheets import SpreadsheetError, fold_cell, read_rows
from ...orgs.models import Organization
from ...orgs.permissions import Action, can
from ..models import Contest, Participant
from .contests import ContestError, NotAllowed, validate_display_name

COLUMNS = {"ten hien thi": "name", "xa, phuong": "ward", "truong": "school"}
REQUIRED = ("name", "ward")
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class ImportResult:
    created: list[tuple[Participant, str]] = field(default_factory=list)  # participant, re-entry code
    existing: int = 0


def participants_import(*, user, contest: Contest, file) -> ImportResult:
    if not can(user, Action.EDIT, contest.organization):
        raise NotAllowed("Bạn không có quyền đăng ký người dự thi cho cuộc thi này.")
    if contest.is_practice:
        raise ContestError("Phần luyện tập không cần đăng ký.")
    try:
        rows = read_rows(file, max_bytes=MAX_BYTES)
    except SpreadsheetError as error:
        raise ContestError(error.message) from error
    if not rows:
        raise ContestError("Bảng tính trống.")
    header = [fold_cell(cell) for cell in rows[0]]
    positions = {COLUMNS[name]: i for i, name in enumerate(header) if name in COLUMNS}
    missing = [label for label, key in (("Tên hiển thị", "name"), ("Xã, phường", "ward")) if key not in positions]
    if missing:
        found = ", ".join(f"“{cell}”" for cell in rows[0] if cell not in (None, "")) or "không có"
        raise ContestError(f"Bảng tính thiếu cột {', '.join(f'“{m}”' for m in missing)} ở dòng đầu. Cần các cột "
                           f"“Tên hiển thị”, “Xã, phường” và (không bắt buộc) “Trường”; tệp có: {found}.")
    if len(rows) - 1 > MAX_ROWS:
        raise ContestError(f"Mỗi lần nhập tối đa {MAX_ROWS} người.")
    wards = {fold_cell(o.name): o for o in Organization.objects.filter(
        kind__in=[Organization.Kind.WARD, Organization.Kind.COMMUNE])}
    wards.update({fold_cell(name.split(" ", 1)[1]): o for name, o in list(wards.items()) if " " in name})
    errors, parsed, seen = [], [], set()
    for number, row in enumerate(rows[1:], start=2):
        def cell(key, row=row):
            index = positions.get(key)
            return row[index] if index is not None and index < len(row) else None

        try:
            name = validate_display_name(str(cell("name") or ""))
        except ContestError as error:
            errors.append(f"Dòng {number}: {error.message}")
            continue
        ward = wards.get(fold_cell(cell("ward")))
        if ward is None:
            errors.append(f"Dòng {number}: không có xã, phường “{clean_text(str(cell('ward') or ''), max_length=60)}” "
                          "trong thành phố.")
            continue
        school = " ".join(clean_text(str(cell("school") or ""), max_length=120).split())
        key = hashlib.sha256(f"{fold_cell(name)}|{ward.pk}|{fold_cell(school)}".encode()).hexdigest()
        if key in seen:
            errors.append(f"Dòng {number}: trùng với một dòng phía trên (cùng tên, xã phường và trường).")
            continue
        seen.add(key)
        parsed.append((name, ward, school, key))
    if errors:
        shown = errors[:20] + ([f"… và {len(errors) - 20} dòng khác."] if len(errors) > 20 else [])
        raise ContestError("Chưa nhập người nào vì có dòng không hợp lệ: " + " ".join(shown))
    result = ImportResult()
    with one_writer(), transaction.atomic():
        already = set(Participant.objects.filter(contest=contest, import_key__in=[p[3] for p in parsed])
                      .values_list("import_key", flat=True))
        for name, ward, school, key in parsed:
            if key in already:
                result.existing += 1
                continue
            secret = secrets.token_urlsafe(12)
            participant = Participant.objects.create(contest=contest, display_name=name, ward=ward, school=school,
                                                     import_key=key, secret_hash=Participant.hash_secret(secret))
            result.created.append((participant, f"{participant.pk}-{secret}"))
        log(contest, "contests.participants_import", user=user,
            data={"created": len(result.created), "existing": result.existing})
    return result


def codes_xlsx(contest: Contest, result: ImportResult) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Mã dự thi"
    sheet.append([f"Mã dự thi – {contest.title}"])
    sheet.append(["Giao riêng cho từng người; mã dùng để vào thi tại trang “Vào lại bằng mã”. Mã không được lưu "
                  "trên máy chủ: hãy giữ tệp này cẩn thận."])
    sheet.append(["Tên hiển thị", "Xã, phường", "Trường", "Mã dự thi"])
    for participant, code in result.created:
        sheet.append([f"'{v}" if v[:1] in "=+-@" else v
                      for v in (participant.display_name, participant.ward.name, participant.school, code)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
