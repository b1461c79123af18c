"""Import of the 208-law corpus into a fresh database: documents/s, articles/s, peak memory.

Usage: python bench/import_corpus.py   (set DATABASE_URL to measure PostgreSQL instead of SQLite)
"""
from __future__ import annotations

import resource
import time

from _setup import corpus_source, fresh_django


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    fresh_django()
    from django.db import connection

    from phapluat.laws.importers import run_import

    source = corpus_source()
    before = rss_mib()
    started = time.perf_counter()
    summary = run_import([source])
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = run_import([source])
    second = time.perf_counter() - started
    print(f"nguồn: {source}  cơ sở dữ liệu: {connection.vendor}")
    print(f"lần nhập đầu : {summary.documents} văn bản, {summary.articles} điều, {len(summary.failures)} lỗi "
          f"trong {first:.1f} s -> {summary.documents / first:.1f} văn bản/s, {summary.articles / first:.0f} điều/s")
    print(f"nhập lại     : {again.unchanged} không đổi, {again.created} mới, {again.updated} cập nhật trong "
          f"{second:.1f} s -> {again.documents / second:.1f} văn bản/s")
    print(f"bộ nhớ đỉnh (RSS): {rss_mib():.0f} MiB (trước khi nhập: {before:.0f} MiB)")
    for label, reason in summary.failures:
        print(f"  lỗi: {label}: {reason}")


if __name__ == "__main__":
    main()
