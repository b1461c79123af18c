"""Reading the spreadsheets officials upload (participant lists, attendance lists, staff rosters)."""
from __future__ import annotations

import io
from zipfile import BadZipFile

from .text import strip_diacritics

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class SpreadsheetError(ValueError):
    """A file that is not a readable spreadsheet. `message` is Vietnamese and shown as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def fold_cell(value) -> str:
    """A header or a name compared loosely: no diacritics, lower case, single spaces."""
    return " ".join(strip_diacritics(str(value or "")).lower().split())


def read_rows(file, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[tuple]:
    """The non-empty rows of the first sheet of an .xlsx file, as tuples of cell values."""
    from openpyxl import load_workbook

    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SpreadsheetError(f"Tệp quá lớn (tối đa {max_bytes // (1024 * 1024)} MB).")
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except (BadZipFile, KeyError, ValueError, OSError, IndexError) as error:
        raise SpreadsheetError("Không đọc được tệp: cần một bảng tính Excel (.xlsx).") from error
    return [row for row in sheet.iter_rows(values_only=True) if any(cell not in (None, "") for cell in row)]
