"""Restoring the diacritics of a question typed without them, as most people type on a phone:
"nghi phep nam duoc bao nhieu ngay" -> "nghỉ phép năm được bao nhiêu ngày".

The model is learnt from the library's own text: how often each accented syllable occurs, and each pair of
adjacent syllables. Each typed syllable may be any accented form seen with the same folding; Viterbi picks
the sequence the library makes most likely (bigrams interpolated with unigrams). A syllable the library
never wrote is kept as typed. The search then matches the restored words as written, with the folded match
as its fallback, so a wrong restoration costs precision, never recall.

The model is built from the index (a few seconds for the shipped library) and kept in memory and under
VAR_DIR, keyed by the index's size and newest row, so a process loads it once and an import rebuilds it.
"""
from __future__ import annotations

import gzip
import math
import pickle
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings

from .text import _NUMBER, _WORD, fold, has_diacritics, normalize, words

MAX_CANDIDATES = 6   # accented forms tried per syllable (the most frequent ones)
SMOOTHING = 4.0      # weight of the unigram estimate in each bigram probability
MIN_SYLLABLES = 3    # shorter input is a name or a keyword: restored words would add little
# Laws rarely ask questions: "bao nhiêu", "thế nào" are rarer in them than "bảo", "thế". Everyday phrases
# (data/everyday-phrases.txt, MIT, stopwords/vietnamese-stopwords: 1,941 function words and phrases) are
# counted this many times beside the library's text.
EVERYDAY_WEIGHT = 20
EVERYDAY_PHRASES = Path(__file__).resolve().parent / "data" / "everyday-phrases.txt"


class DiacriticsModel:
    def __init__(self, unigrams: Counter, bigrams: Counter):
        self.unigrams, self.bigrams = unigrams, bigrams
        self.total = sum(unigrams.values()) or 1
        forms: dict[str, list[str]] = defaultdict(list)
        for word, _ in unigrams.most_common():
            if len(forms[fold(word)]) < MAX_CANDIDATES:
                forms[fold(word)].append(word)
        self.forms = dict(forms)

    @classmethod
    def learn(cls, texts) -> "DiacriticsModel":
        unigrams, bigrams = Counter(), Counter()
        for text in texts:
            syllables = words(text)
            unigrams.update(syllables)
            bigrams.update(zip(syllables, syllables[1:]))
        return cls(unigrams, bigrams)

    def _unigram(self, word: str) -> float:
        return (self.unigrams.get(word, 0) + 0.1) / (self.total + 0.1 * len(self.unigrams))

    def _transition(self, previous: str, word: str) -> float:
        together = self.bigrams.get((previous, word), 0)
        return math.log((together + SMOOTHING * self._unigram(word)) / (self.unigrams.get(previous, 0) + SMOOTHING))

    def restore_words(self, typed: list[str]) -> list[str]:
        """The most likely accented form of each folded syllable (unknown ones as typed)."""
        lattice = [self.forms.get(word, [word]) for word in typed]
        best = {form: (math.log(self._unigram(form)), [form]) for form in lattice[0]}
        for candidates in lattice[1:]:
            best = {
                form: max(((score + self._transition(prev, form), path + [form])
                           for prev, (score, path) in best.items()), key=lambda item: item[0])
                for form in candidates
            }
        return max(best.values(), key=lambda item: item[0])[1]

    def restore(self, text: str) -> str:
        """`text` (lower case) with diacritics restored in place; punctuation, digits and document numbers
        ("nd 100/2019", "100/2019/nd-cp") untouched. "" when it has some already or is too short."""
        lowered = normalize(text)
        if has_diacritics(lowered):
            return ""
        numbers = [m.span() for m in _NUMBER.finditer(lowered)]
        spans = [m.span() for m in _WORD.finditer(lowered)
                 if not any(a <= m.start() < b for a, b in numbers) and not any(c.isdigit() for c in m.group())]
        if len(spans) < MIN_SYLLABLES:
            return ""
        restored = self.restore_words([lowered[a:b] for a, b in spans])
        out, last = [], 0
        for (a, b), word in zip(spans, restored):
            out += [lowered[last:a], word]
            last = b
        return "".join(out) + lowered[last:]


RECHECK_SECONDS = 60
_lock = threading.Lock()
_loaded: dict[tuple, DiacriticsModel] = {}
_checked_at = 0.0


def _signature() -> tuple[int, int, int]:
    """Articles indexed, the newest row and the total length: another library (or a re-import) differs."""
    from django.db.models import Count, Max, Sum

    from .models import EntryKind, SearchEntry

    row = SearchEntry.objects.filter(kind=EntryKind.ARTICLE).aggregate(n=Count("id"), last=Max("id"),
                                                                       length=Sum("length"))
    return row["n"], row["last"] or 0, row["length"] or 0


def forget() -> None:
    """Drop the model this process holds (tests: each starts with its own library)."""
    with _lock:
        _loaded.clear()


def _path(signature: tuple[int, int, int]) -> Path:
    return Path(settings.VAR_DIR) / f"diacritics-{'-'.join(map(str, signature))}.pickle.gz"


def _build() -> DiacriticsModel:
    from .models import EntryKind, SearchEntry

    rows = SearchEntry.objects.filter(kind=EntryKind.ARTICLE).values_list("heading", "body").iterator(chunk_size=2000)
    everyday = EVERYDAY_PHRASES.read_text(encoding="utf-8").splitlines() * EVERYDAY_WEIGHT
    return DiacriticsModel.learn([*(f"{heading}\n{body}" for heading, body in rows), *everyday])


def model() -> DiacriticsModel | None:
    """The model of the library as indexed (None for an empty library). The index is looked at again at most
    every RECHECK_SECONDS: its signature reads every article row (24 ms on the shipped library), which a
    search must not pay each time; an import shows in the model within that delay."""
    global _checked_at
    with _lock:
        if _loaded and time.monotonic() - _checked_at < RECHECK_SECONDS:
            return next(iter(_loaded.values()))
        signature = _signature()
        _checked_at = time.monotonic()
        if not signature[0]:
            _loaded.clear()
            return None
        if signature not in _loaded:
            _loaded.clear()
            _loaded[signature] = _load_or_build(signature)
        return _loaded[signature]


def _load_or_build(signature: tuple[int, int, int]) -> DiacriticsModel:
    path = _path(signature)
    try:
        with gzip.open(path, "rb") as stored:
            unigrams, bigrams = pickle.load(stored)
        return DiacriticsModel(unigrams, bigrams)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError):
        pass
    built = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("diacritics-*.pickle.gz"):
            old.unlink(missing_ok=True)
        temporary = path.with_suffix(".tmp")
        with gzip.open(temporary, "wb", compresslevel=3) as out:
            pickle.dump((built.unigrams, built.bigrams), out, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:  # a read-only VAR_DIR: keep the model in memory only
        pass
    return built


def restore(text: str) -> str:
    """`text` with its diacritics restored by the library's model, or "" (nothing to restore)."""
    if has_diacritics(text) or len(words(text)) < MIN_SYLLABLES:
        return ""
    found = model()
    return found.restore(text) if found else ""
