"""Staff rosters and in-person training sessions, with their attendance lists imported from spreadsheets.

Both sheets share one format, its header on the first row: “Họ và tên” (required), “Chức danh” and
“Tên đăng nhập” (optional; the portal account, when the person has one). Imports are all or nothing: one bad
row and nothing is stored, with a Vietnamese reason per row. Importing the same file again changes nothing.
The spreadsheet reading itself is the contests' reader (see the report: to move to phapluat/core/).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.log_actions import log

from ...core.spreadsheets import SpreadsheetError, fold_cell, read_rows
from ...core.sanitize import clean_text
from ...orgs.models import Organization
from ...orgs.permissions import Action, can
from ..models import Attendance, Course, StaffMember, TrainingSession
from .errors import LearningError, NotAllowed

COLUMNS = {"ho va ten": "name", "ho ten": "name", "chuc danh": "position", "ten dang nhap": "username"}
MAX_ROWS = 2000
EXPECTED = "“Họ và tên” (bắt buộc), “Chức danh” và “Tên đăng nhập” (không bắt buộc)"


@dataclass
class SheetRow:
    number: int
    name: str
    name_key: str
    position: str
    user: object | None


@dataclass
class ImportSummary:
    created: int = 0
    existing: int = 0
    outside_roster: int = 0


def name_key(name: str) -> str:
    return fold_cell(name)[:150]


def _rows(file) -> list[SheetRow]:
    """Reads and checks the whole sheet; raises LearningError listing every bad row."""
    try:
        rows = read_rows(file)
    except SpreadsheetError as error:
        raise LearningError(error.message) from error
    if not rows:
        raise LearningError("Bảng tính trống.")
    header = [fold_cell(cell) for cell in rows[0]]
    positions = {COLUMNS[name]: i for i, name in enumerate(header) if name in COLUMNS}
    if "name" not in positions:
        found = ", ".join(f"“{clean_text(str(c), max_length=40)}”" for c in rows[0] if c not in (None, "")) or "không có"
        raise LearningError(f"Bảng tính thiếu cột “Họ và tên” ở dòng đầu. Cần các cột {EXPECTED}; tệp có: {found}. "
                            "Chưa nhập dòng nào.")
    if len(rows) - 1 > MAX_ROWS:
        raise LearningError(f"Mỗi lần nhập tối đa {MAX_ROWS} người.")
    users = {}
    if "username" in positions:
        wanted = {str(r[positions["username"]]).strip() for r in rows[1:]
                  if positions["username"] < len(r) and r[positions["username"]] not in (None, "")}
        users = {u.get_username(): u for u in get_user_model().objects.filter(username__in=wanted, is_active=True)}
    errors, parsed, seen = [], [], set()
    for number, row in enumerate(rows[1:], start=2):
        def cell(key, row=row):
            index = positions.get(key)
            value = row[index] if index is not None and index < len(row) else None
            return " ".join(clean_text(str(value or ""), max_length=150).split())

        name = cell("name")
        if len(name) < 2:
            errors.append(f"Dòng {number}: thiếu họ và tên.")
            continue
        username = cell("username")
        user = users.get(username) if username else None
        if username and user is None:
            errors.append(f"Dòng {number}: không có tài khoản “{username[:40]}” trên cổng.")
            continue
        key = name_key(name) + (f"|{user.pk}" if user else "")
        if key in seen:
            errors.append(f"Dòng {number}: trùng với một dòng phía trên.")
            continue
        seen.add(key)
        parsed.append(SheetRow(number=number, name=name, name_key=name_key(name), position=cell("position"),
                               user=user))
    if errors:
        shown = errors[:20] + ([f"… và {len(errors) - 20} dòng khác."] if len(errors) > 20 else [])
        raise LearningError("Chưa nhập người nào vì có dòng không hợp lệ: " + " ".join(shown))
    if not parsed:
        raise LearningError("Bảng tính chỉ có dòng tiêu đề, chưa có người nào.")
    return parsed


@transaction.atomic
def roster_import(*, user, organization: Organization, file) -> ImportSummary:
    """Adds people to the organization's staff roster (who counts as staff for coverage)."""
    if not can(user, Action.ADMINISTER, organization):
        raise NotAllowed("Bạn không có quyền cập nhật danh sách cán bộ của đơn vị này.")
    rows = _rows(file)
    summary = ImportSummary()
    for row in rows:
        entry, created = StaffMember.objects.get_or_create(
            organization=organization, name_key=row.name_key,
            defaults={"full_name": row.name, "position": row.position, "user": row.user})
        if created:
            summary.created += 1
        else:
            summary.existing += 1
            if row.user and entry.user_id is None:
                entry.user = row.user
                entry.save(update_fields=["user"])
    log(organization, "learning.roster_import", user=user,
        data={"created": summary.created, "existing": summary.existing})
    return summary


@transaction.atomic
def session_create(*, user, organization: Organization, title: str, held_on: date, trainer: str,
                   location: str = "", course: Course | None = None) -> TrainingSession:
    if not can(user, Action.ADMINISTER, organization):
        raise NotAllowed("Bạn không có quyền ghi nhận buổi tập huấn cho đơn vị này.")
    title, trainer = clean_text(title, max_length=300), clean_text(trainer, max_length=200)
    if not title or not trainer:
        raise LearningError("Buổi tập huấn cần có nội dung và báo cáo viên.")
    session = TrainingSession.objects.create(
        organization=organization, title=title, held_on=held_on, trainer=trainer,
        location=clean_text(location, max_length=300), course=course, created_by=user)
    log(organization, "learning.session_create", user=user, data={"session": session.pk, "title": title})
    return session


@transaction.atomic
def attendance_import(*, user, session: TrainingSession, file) -> ImportSummary:
    """The attendance list of a session. A person is matched to the organization's roster by name (or by
    account); people outside the roster are recorded but do not count toward the organization's coverage."""
    if not can(user, Action.ADMINISTER, session.organization):
        raise NotAllowed("Bạn không có quyền nhập danh sách tham dự của buổi tập huấn này.")
    rows = _rows(file)
    roster = {s.name_key: s for s in StaffMember.objects.filter(organization=session.organization)}
    by_user = {s.user_id: s for s in roster.values() if s.user_id}
    already = set(session.attendances.values_list("import_key", flat=True))
    summary = ImportSummary()
    for row in rows:
        key = hashlib.sha256(f"{row.name_key}|{row.user.pk if row.user else ''}".encode()).hexdigest()
        if key in already:
            summary.existing += 1
            continue
        staff = by_user.get(row.user.pk) if row.user else None
        staff = staff or roster.get(row.name_key)
        Attendance.objects.create(session=session, full_name=row.name, position=row.position, staff=staff,
                                  user=row.user or (staff.user if staff else None), import_key=key)
        summary.created += 1
        if staff is None and row.user is None:
            summary.outside_roster += 1
    log(session.organization, "learning.attendance_import", user=user,
        data={"session": session.pk, "created": summary.created, "existing": summary.existing})
    return summary
