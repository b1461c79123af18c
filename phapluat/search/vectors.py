"""The read side of the semantic signal: every stored passage vector in one matrix per process.

A question is embedded once (5-25 ms) and compared with all passages by one matrix product; an article
scores the best of its passages. The matrix is reloaded when the stored vectors change (checked at most
every RECHECK_SECONDS), so articles embedded by the `embed` command join without a restart.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from django.db import connection

from . import embeddings
from .models import Embedding

RECHECK_SECONDS = 5.0
log = logging.getLogger(__name__)


@dataclass
class Similarities:
    """Cosine similarity of one question to the embedded articles."""

    entry_ids: np.ndarray  # article entries, in matrix order (by id)
    scores: np.ndarray  # best passage per entry

    def top(self, k: int) -> list[int]:
        if not len(self.scores):
            return []
        k = min(k, len(self.scores))
        best = np.argpartition(-self.scores, k - 1)[:k]
        return [int(self.entry_ids[i]) for i in best[np.argsort(-self.scores[best])]]

    def of(self, entry_ids) -> dict[int, float]:
        """The similarity of each of these entries that has vectors (`entry_ids` of the matrix are sorted:
        a lookup table of every embedded article would cost more per question than the search itself)."""
        wanted = np.fromiter((int(i) for i in entry_ids), dtype=np.int64)
        if not len(wanted) or not len(self.entry_ids):
            return {}
        at = np.minimum(np.searchsorted(self.entry_ids, wanted), len(self.entry_ids) - 1)
        found = self.entry_ids[at] == wanted
        return dict(zip(wanted[found].tolist(), self.scores[at[found]].tolist()))


class VectorIndex:
    _lock = threading.Lock()
    _state: dict[str, tuple] = {}  # database alias+name -> (signature, checked_at, matrix, starts, entry_ids)

    @classmethod
    def _signature(cls) -> tuple:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*), coalesce(max(entry_id), 0) FROM {Embedding._meta.db_table}")
            return tuple(cursor.fetchone())

    @classmethod
    def _load(cls) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rows = Embedding.objects.filter(model=embeddings.MODEL).order_by("entry_id").values_list(
            "entry_id", "passages", "vectors")
        ids, counts, blobs = [], [], []
        for entry_id, count, blob in rows.iterator(chunk_size=2000):
            ids.append(entry_id)
            counts.append(count)
            blobs.append(bytes(blob))
        if not ids:
            return np.zeros((0, embeddings.DIM), np.float32), np.zeros(0, np.int64), np.zeros(0, np.int64)
        matrix = np.frombuffer(b"".join(blobs), dtype=np.float16).astype(np.float32).reshape(-1, embeddings.DIM)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        return matrix, starts, np.asarray(ids, dtype=np.int64)

    @classmethod
    def current(cls) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        key = f"{connection.alias}:{connection.settings_dict['NAME']}"
        now = time.monotonic()
        with cls._lock:
            state = cls._state.get(key)
            if state and now - state[1] < RECHECK_SECONDS:
                return state[2:]
            signature = cls._signature()
            if state and state[0] == signature:
                cls._state[key] = (signature, now, *state[2:])
                return state[2:]
            loaded = cls._load()
            cls._state[key] = (signature, now, *loaded)
            return loaded

    @classmethod
    def forget(cls) -> None:
        """Drop the matrices held by this process (tests switch databases under one name)."""
        with cls._lock:
            cls._state.clear()


_encoder_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="e5-query")


class PendingSimilarities:
    """The question is embedded in a worker thread (the engine releases the GIL) while the caller gets its
    keyword candidates from the database; `result()` then compares it with every stored passage."""

    def __init__(self, question: str):
        self.matrix, self.starts, self.entry_ids = VectorIndex.current()  # the database, in this thread
        self.future = _encoder_thread.submit(embeddings.Encoder.query, question) if len(self.entry_ids) else None

    def result(self) -> Similarities | None:
        if self.future is None:
            return None
        try:
            question = self.future.result()
        except Exception:  # the model could not load or run: rank on keywords rather than fail the search
            log.exception("Không tính được vectơ của câu hỏi; tìm kiếm chỉ theo từ khóa.")
            return None
        return Similarities(self.entry_ids, np.maximum.reduceat(self.matrix @ question, self.starts))


def similarities(question: str) -> PendingSimilarities | None:
    """How close every embedded article is to the question (None when semantic search is off)."""
    if not embeddings.enabled():
        return None
    return PendingSimilarities(question)
