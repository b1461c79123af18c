"""`phapluat import` killed with SIGKILL in the middle of a folder, then run again, as an operator would:
no document is left half-written, none is stored twice, and the second run finishes the job. Runs the real
command in a child process on its own SQLite database (the crash semantics of the embedded default)."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from phapluat.laws.services.documents import DocumentData

REPO = Path(__file__).resolve().parents[3]
FILES = ["168-2024-ND-CP_xu-phat-vi-pham-giao-thong-duong-bo.docx", "35-2024-QH15_luat-duong-bo.docx",
         "36-2024-QH15_luat-trat-tu-an-toan-giao-thong-duong-bo.docx", "41-2024-QH15_luat-bao-hiem-xa-hoi.docx",
         "48-2024-QH15_luat-thue-gia-tri-gia-tang.docx", "108-2025-QH15_luat-quan-ly-thue.docx"]


def _command(*args: str) -> list[str]:
    return [sys.executable, str(REPO / "manage.py"), *args]


def _environment(var: Path) -> dict:
    environment = {**os.environ, "PHAPLUAT_VAR_DIR": str(var)}
    environment.pop("DATABASE_URL", None)
    return environment


def _stored(database: Path) -> dict[str, int]:
    """number -> articles stored, read as another process would (WAL: only committed transactions)."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as connection:
        rows = connection.execute(
            "SELECT d.number, COUNT(p.id) FROM laws_document d LEFT JOIN laws_provision p "
            "ON p.document_id = d.id AND p.kind = 'dieu' GROUP BY d.id").fetchall()
    return dict(rows)


def _wait_for_first_document(database: Path, process: subprocess.Popen, timeout: float = 240) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if database.exists():
            try:
                stored = _stored(database)
            except sqlite3.OperationalError:   # tables not there yet, or a write in progress
                stored = {}
            if stored:
                return stored
        time.sleep(0.05)
    pytest.fail("Lệnh nhập không lưu được văn bản nào trong thời gian chờ.")


@pytest.mark.slow
def test_an_import_killed_midway_leaves_nothing_half_written_and_a_rerun_completes(shared_dir, tmp_path):
    folder, var = tmp_path / "so-tu-phap", tmp_path / "var"
    folder.mkdir()
    for name in FILES:
        shutil.copy(shared_dir / "data/laws/current" / name, folder / name)
    environment = _environment(var)
    subprocess.run(_command("migrate", "--noinput"), env=environment, check=True, capture_output=True)
    database = var / "phapluat.sqlite3"

    process = subprocess.Popen(_command("import", str(folder), "--no-progress"), env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_first_document(database, process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be interrupted"

    expected = {data.number: data.article_count for data in
                (DocumentData.from_file((folder / n).read_bytes(), name=n, source_key=n) for n in FILES)}
    after_kill = _stored(database)
    assert 1 <= len(after_kill) < len(FILES)
    assert {number: expected[number] for number in after_kill} == after_kill     # whole documents only

    rerun = subprocess.run(_command("import", str(folder), "--no-progress"), env=environment,
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert _stored(database) == expected                                          # each once, complete
    unchanged = [line for line in rerun.stdout.splitlines() if ": không đổi – " in line]
    assert sorted(number for number in expected if any(number in line for line in unchanged)) == sorted(after_kill)
