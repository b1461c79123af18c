"""The page of the most-amended law with today's reading (amendments in force applied) beside the same page
as promulgated (?ban-goc=1), p50/p95 in the same run, cached as in production (the target: within 1.5×).

Usage: python bench/amended_page.py [--requests 200]
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import SHARED, corpus_source, fresh_django  # noqa: E402
from document_page import timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    fresh_django()
    from django.db.models import Count, Q
    from django.test import Client

    from phapluat.core.stats import percentile
    from phapluat.laws.importers import run_import
    from phapluat.laws.models import AmendmentState, Document

    current = SHARED / "data" / "laws" / "current"
    run_import([corpus_source()] + ([current] if current.is_dir() else []))
    applied = Count("amendments_received", filter=Q(amendments_received__state=AmendmentState.APPLIED))
    most = Document.objects.annotate(n=applied).order_by("-n")[0]
    client = Client()
    url = most.get_absolute_url()
    results = {}
    for label, query in (("nội dung hiện hành", ""), ("văn bản gốc (?ban-goc=1)", "?ban-goc=1")):
        first = timed(client, url + query, 1)[0]
        timed(client, url + query, 5)
        results[label] = (first, timed(client, url + query, args.requests))
    print(f"văn bản được sửa đổi nhiều nhất: {most.display_name} ({most.n} sửa đổi đã đọc)")
    print(f"{'':28} {'lần đầu (ms)':>12} {'p50 (ms)':>9} {'p95 (ms)':>9}")
    for label, (first, samples) in results.items():
        print(f"{label:28} {first:12.1f} {statistics.median(samples):9.2f} {percentile(samples, 95):9.2f}")
    today, original = (percentile(s, 95) for _, s in results.values())
    print(f"tỉ lệ p95 hiện hành / văn bản gốc: {today / original:.2f} (mục tiêu ≤ 1,5)")


if __name__ == "__main__":
    main()
