"""Server time of the largest document's page (p50, p95), beside a minimal Django view as the floor.

Both go through the same middleware stack with Django's test client, in one process, in the same run.
Usage: python bench/document_page.py [--requests 200]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import corpus_source, fresh_django  # noqa: E402



def timed(client, url: str, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    fresh_django(urlconf="_floor_urls")
    from django.db.models import Count, Q
    from django.test import Client

    from phapluat.core.stats import percentile
    from phapluat.laws.importers import run_import
    from phapluat.laws.models import Document

    source = corpus_source()
    names = ["Bo-luat-dan-su-2015-296215.txt", "Bo-luat-hinh-su-2015-296661.txt"]
    run_import([source / name for name in names] if source.is_dir() else [source])
    largest = Document.objects.annotate(n=Count("provisions", filter=Q(provisions__kind="dieu"))).order_by("-n")[0]
    client = Client()
    url = largest.get_absolute_url()
    cold = timed(client, url, 1)[0]
    timed(client, url, 5)  # warm up
    page = timed(client, url, args.requests)
    floor = timed(client, "/bench-floor/", args.requests)
    size = len(client.get(url, HTTP_ACCEPT_ENCODING="gzip").content)
    print(f"văn bản lớn nhất: {largest.display_name} ({largest.n} điều, {largest.provisions.count()} nút)")
    print(f"lần đầu (chưa có bộ nhớ đệm): {cold:.1f} ms; trang nén gzip: {size / 1024:.0f} KiB")
    print(f"{'':24} {'p50 (ms)':>9} {'p95 (ms)':>9}")
    print(f"{'trang văn bản':24} {statistics.median(page):9.2f} {percentile(page, 95):9.2f}")
    print(f"{'view Django tối thiểu':24} {statistics.median(floor):9.2f} {percentile(floor, 95):9.2f}")


if __name__ == "__main__":
    main()
