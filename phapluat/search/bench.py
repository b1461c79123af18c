"""Retrieval benchmark: the product's search against a plain BM25 over syllables, in the same run.

Used by `phapluat bench retrieval`. The product side imports the corpus through the real importer
and asks every question through `services.search`, the function the portal page uses.
"""
from __future__ import annotations

import json
import math
import os
import tempfile
import re
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from ..core.stats import percentile

Key = tuple[str, str]  # (law_id, article_id)


@dataclass
class Question:
    id: str
    text: str
    relevant: set[Key]


def load_questions(path: str | Path) -> list[Question]:
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for i, row in enumerate(rows):
        rel = {(str(r["law_id"]), str(r["article_id"])) for r in row.get("relevant_articles", [])}
        out.append(Question(str(row.get("question_id", row.get("id", i))), row["text"], rel))
    return out


def load_corpus(path: str | Path) -> list[tuple[str, str, str]]:
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [(str(law["id"]), str(a["id"]), a.get("text", "")) for law in rows for a in law.get("articles", [])]


def evaluate(questions: list[Question], ask: Callable[[str], list[Key]]) -> dict:
    """R@1, R@5, R@10, MRR@10 and latency (ms) of `ask` over the questions."""
    ranks, latencies = [], []
    for q in questions:
        started = time.perf_counter()
        got = ask(q.text)[:10]
        latencies.append((time.perf_counter() - started) * 1000)
        ranks.append(next((i for i, key in enumerate(got) if key in q.relevant), None))
    n = len(questions) or 1

    def recall(k: int) -> float:
        return sum(1 for r in ranks if r is not None and r < k) / n

    return {
        "questions": len(questions),
        "R@1": round(recall(1), 4), "R@5": round(recall(5), 4), "R@10": round(recall(10), 4),
        "MRR@10": round(sum(1 / (r + 1) for r in ranks if r is not None) / n, 4),
        "p50_ms": round(statistics.median(latencies), 2) if latencies else 0.0,
        "p95_ms": round(percentile(latencies, 95), 2),
    }


# --- Baseline: plain BM25 over syllables (lower case, diacritics kept), k1 = 1.2, b = 0.75 ---------------

_SYLLABLE = re.compile(r"[^\W_]+")


class PlainBM25:
    def __init__(self, corpus: list[tuple[str, str, str]], k1: float = 1.2, b: float = 0.75):
        self.keys = [(law, art) for law, art, _ in corpus]
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths = []
        for i, (_, _, text) in enumerate(corpus):
            tokens = _SYLLABLE.findall(text.lower())
            self.lengths.append(len(tokens))
            for term, tf in Counter(tokens).items():
                self.postings[term].append((i, tf))
        self.avg = sum(self.lengths) / max(1, len(self.lengths))
        n = len(self.keys)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def ask(self, text: str, k: int = 10) -> list[Key]:
        scores: dict[int, float] = defaultdict(float)
        for term in set(_SYLLABLE.findall(text.lower())):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i, tf in self.postings[term]:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
                scores[i] += idf * tf * (self.k1 + 1) / (tf + norm)
        best = sorted(scores.items(), key=lambda x: -x[1])[:k]
        return [self.keys[i] for i, _ in best]


# --- The product -------------------------------------------------------------------------------------------

def unaccented(questions: list[Question]) -> list[Question]:
    """The same questions as people type them on a phone: no diacritics (đ -> d), case kept."""
    from ..core.text import strip_diacritics

    return [Question(q.id, strip_diacritics(q.text), q.relevant) for q in questions]


def half(questions: list[Question], which: str) -> list[Question]:
    """'odd' or 'even': questions whose id ends in an odd or even number (the ALQAC ids end in a serial),
    to tune on one half and report on the other."""
    def serial(q: Question) -> int:
        digits = re.findall(r"\d+", q.id)
        return int(digits[-1]) if digits else 0

    return [q for q in questions if serial(q) % 2 == (1 if which == "odd" else 0)]


def product_asker(*, semantic: bool = True, restore: bool = True) -> Callable[[str], list[Key]]:
    """Asks through services.search and maps hits back to (law_id, article_id) via source_key."""
    from phapluat.laws.models import Document

    from .services import search

    law_of = {pk: key.split(":", 1)[1] for pk, key in Document.objects.filter(
        source_key__startswith="alqac:").values_list("pk", "source_key")}

    def ask(text: str) -> list[Key]:
        results = search(text, per_page=10, snippets=False, semantic=semantic, restore=restore)
        return [(law_of.get(h.document_id, ""), h.number) for h in results.articles]

    return ask


def describe_run(report: dict) -> str:
    return (f"Kho: {report['corpus']} — {report['questions']} câu hỏi — CSDL: {report['database']}; nhập và lập "
            f"chỉ mục {report['import_seconds']} giây; vectơ ngữ nghĩa cho {report['embedded_articles']} điều "
            f"trong {report['embed_seconds']} giây.")


RETRIEVAL_METRICS = ("R@1", "R@5", "R@10", "MRR@10", "p50_ms", "p95_ms")


def format_table(rows: dict[str, dict], metrics: tuple[str, ...] = RETRIEVAL_METRICS, width: int = 14) -> str:
    """The figures of each run (columns of `width`) side by side, one metric a line."""
    names = list(rows)
    label = max(10, *(len(m) + 2 for m in metrics))
    lines = [f"{'':{label}}" + "".join(f"{name:>{width}}" for name in names)]
    for m in metrics:
        lines.append(f"{m:{label}}" + "".join(f"{rows[name][m]:>{width}}" for name in names))
    return "\n".join(lines)


def load_library(corpus: str | Path, report: Callable[[str], None]) -> dict:
    """Import the corpus through the product's importer, then embed its articles as `phapluat embed`
    does (passages already in the machine's cache are not embedded again). Returns the timings."""
    from phapluat.laws.importers import run_import

    from . import embeddings
    from .backends import get_backend

    started = time.perf_counter()
    summary = run_import([corpus])
    get_backend().optimize()  # planner statistics after a bulk import, as `reindex` does
    imported = time.perf_counter() - started
    for line in ([] if summary.ok else summary.lines()):
        report(line)
    started = time.perf_counter()
    embedded = embeddings.embed_pending() if embeddings.enabled() else 0
    return {"import_seconds": round(imported, 1), "embedded_articles": embedded,
            "embed_seconds": round(time.perf_counter() - started, 1)}


# --- A fresh database for a benchmark run ---------------------------------------------------------------

@contextmanager
def temporary_database(*, keep: bool = False):
    """Point the default connection at a fresh, migrated database for the duration of a benchmark
    (kept afterwards with `keep`, to inspect it)."""
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        handle, path = tempfile.mkstemp(prefix="phapluat-bench-", suffix=".sqlite3")
        os.close(handle)
        connection.settings_dict.setdefault("TEST", {})["NAME"] = path
    else:
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"phapluat_bench_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        # No `return` here: it would swallow an error raised in the block (a kept run's measurement
        # failed silently and printed the build's figures alone).
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            test_name = connection.settings_dict.get("TEST", {}).get("NAME")
            if connection.vendor == "sqlite" and test_name and os.path.exists(str(test_name)):
                os.remove(str(test_name))
