"""Pure text processing for Vietnamese legal search: folding, tokenizing, document numbers, queries.

Nothing here touches the database, so every function can be tested on plain strings. Both sides of the
search (what is indexed and what is asked) go through the same functions, which is what makes
`luat dat dai` find "Luật Đất đai" on every backend: SQLite's own accent removal keeps "đ", so we fold
the text ourselves before it reaches any full-text engine.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..core.text import strip_diacritics

DATA_DIR = Path(__file__).resolve().parent / "data"

# Longest query we look at; longer input is cut (a pasted page must not cost more than a question).
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """NFC and lower case, diacritics kept: 'LUẬT Đất đai' (NFD or NFC) -> 'luật đất đai'."""
    return unicodedata.normalize("NFC", text or "").lower()


def fold(text: str) -> str:
    """Lower case without diacritics, đ folded to d: 'Luật Đất đai' -> 'luat dat dai'."""
    return strip_diacritics((text or "").lower())


def words(text: str) -> list[str]:
    """Syllables (Vietnamese writes one syllable per space-separated token), accents kept."""
    return _WORD.findall(normalize(text))


def folded_words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def split_folded(folded: str) -> list[str]:
    """The syllables of a text that is already folded (an index column): `folded_words` without folding."""
    return _WORD.findall(folded or "")


PAIR_JOINER = "_"  # never inside a word (see _WORD), so a pair token cannot be mistaken for a word
MAX_PAIR_WORD = 200  # longer "words" (a pasted blob) make no pair: PostgreSQL refuses lexemes over 2,047 bytes


def pair_token(first: str, second: str) -> str:
    """Two adjacent folded syllables as one token: ('su', 'dung') -> 'su_dung'."""
    return f"{first}{PAIR_JOINER}{second}"


def pair_text(folded: str) -> str:
    """The adjacent syllable pairs of a folded text, as space-separated tokens, in order: the pair index's
    text ('quyen su dung dat' -> 'quyen_su su_dung dung_dat'). A pair's posting list is its own and
    short, where a phrase query reads the long lists of both its (often very common) syllables."""
    ws = [w for w in split_folded(folded) if len(w) <= MAX_PAIR_WORD]
    return " ".join(pair_token(a, b) for a, b in zip(ws, ws[1:]))


def has_diacritics(text: str) -> bool:
    return fold(text) != (text or "").lower()


# --- Data files ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Syllables (accents kept) that carry no meaning in a legal question ('của', 'thì', 'đúng').

    Kept with diacritics on purpose: folded, 'đúng' would also remove 'dụng'.
    """
    path = DATA_DIR / "query_stopwords.txt"
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.update(words(line))
    return frozenset(out)


@dataclass(frozen=True)
class Alias:
    phrase: str  # folded words of what people type
    accented: str  # the same with diacritics, as written in the list
    expansion: str  # the official wording, with diacritics
    doc_type: str  # DocumentType value if the alias names a type, else ""


@lru_cache(maxsize=1)
def aliases() -> tuple[Alias, ...]:
    """The curated list in data/aliases.tsv: abbreviations and everyday names, longest first."""
    rows = []
    with (DATA_DIR / "aliases.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            phrase = " ".join(folded_words(parts[0]))
            expansion = parts[1].strip() if len(parts) > 1 else ""
            doc_type = parts[2].strip() if len(parts) > 2 else ""
            if phrase:
                rows.append(Alias(phrase, " ".join(words(parts[0])), expansion, doc_type))
    rows.sort(key=lambda a: -len(a.phrase.split()))
    return tuple(rows)


# --- Document numbers -----------------------------------------------------------------------------------

# 60/2014/QH13, 100/2019/NĐ-CP, 05/2020/TTLT-BTC-BNV, 1234/QĐ-UBND (no year), 60/2014
_SUFFIX = r"[a-zđ][a-zđ0-9]*(?:-[a-zđ0-9]+)*"
_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5})\s*/\s*(?:(\d{4})(?:\s*/\s*(" + _SUFFIX + r"))?|(" + _SUFFIX + r"-[a-zđ0-9]+))(?![\w/])"
)
# "nd 100", "nghi dinh 100/2019", "luat 60": a type word followed by a bare number.
_TYPED_NUMBER = re.compile(r"(?<!\w)(\d{1,5})(?:\s*/\s*(\d{4}))?(?![\w/])")


def number_key(number: str) -> str:
    """Canonical form of a document number for exact matching: '60/2014/QH13' -> '60/2014/qh13'."""
    key = fold(number).replace(" ", "")
    key = re.sub(r"[–—‐]", "-", key)
    return key


# Parts of number suffixes whose letters were folded (đ -> d), spelled back for display.
_SUFFIX_SPELLING = {"nd": "NĐ", "qd": "QĐ", "hdnd": "HĐND", "ttg": "TTg"}


@dataclass(frozen=True)
class NumberQuery:
    """A (possibly partial) document number found in a query."""

    serial: str  # '60' (leading zeros kept as typed are stripped for matching)
    year: str = ""
    suffix: str = ""  # 'qh13', 'nd-cp'

    @property
    def prefix(self) -> str:
        """What the canonical key of a matching document starts with."""
        key = f"{int(self.serial)}/"
        if self.year:
            key += f"{self.year}/"
            if self.suffix:
                key += self.suffix
        elif self.suffix:
            key += self.suffix
        return key

    @property
    def label(self) -> str:
        """The number as people write it: '100/2019', '60/2014/QH13', '100/2019/NĐ-CP'."""
        parts = self.suffix.split("-") if self.suffix else []
        suffix = "-".join(_SUFFIX_SPELLING.get(part, part.upper()) for part in parts)
        return "/".join(x for x in (self.serial, self.year, suffix) if x)

    def matches(self, key: str) -> bool:
        key = strip_leading_zeros(key)
        if self.year and self.suffix:
            return key == self.prefix
        return key.startswith(self.prefix)


def strip_leading_zeros(key: str) -> str:
    return re.sub(r"^0+(?=\d)", "", key)


def find_numbers(query: str) -> tuple[list[NumberQuery], str]:
    """Document numbers in a query, and the query with them removed."""
    folded = fold(query)
    found = []

    def take(m: re.Match) -> str:
        serial, year, suffix, suffix_no_year = m.groups()
        suffix = fold(suffix or suffix_no_year or "")
        found.append(NumberQuery(serial.lstrip("0") or "0", year or "", suffix))
        return " "

    rest = _NUMBER.sub(take, folded)
    return found, rest


# --- Query parsing ------------------------------------------------------------------------------------------

@dataclass
class ParsedQuery:
    raw: str
    text: str  # the query as understood, accents kept, aliases expanded
    terms: list[str] = field(default_factory=list)  # folded syllables that matter for ranking
    sequence: list[str] = field(default_factory=list)  # all folded syllables in order (for word pairs)
    accented_terms: list[str] = field(default_factory=list)  # as typed (only those with diacritics)
    phrases: list[list[str]] = field(default_factory=list)  # folded syllables of "quoted phrases"
    typed_phrases: list[list[str]] = field(default_factory=list)  # the same as typed (accents kept)
    numbers: list[NumberQuery] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)  # types named in the query ('nghị định 100')
    expansions: list[str] = field(default_factory=list)  # titles named through an alias ('BLDS')
    typed_diacritics: bool = False
    article: str = ""  # 'Điều 5' named in the query
    is_question: bool = False  # asked in words ("… bao nhiêu tuổi?"), not a list of keywords
    names_a_type: bool = False  # a document type is written out ("luật …", "nghị định …", "nd …")

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.numbers or self.phrases)


# Words that make a query a question (folded, whole words): its words are then evidence to weigh, not
# conditions that every answer must meet ("nam nữ bao nhiêu tuổi thì được kết hôn" is answered by an
# article that never says "được").
_QUESTION_MARKERS = ("bao nhieu", "bao lau", "bao gio", "khi nao", "the nao", "nhu nao", "o dau", "la gi",
                     "gi", "nao", "ai", "tai sao", "vi sao", "hay sai", "hay khong", "duoc khong", "phai khong")
# 'không' and 'chưa' ask only at the end ("… có được không"); elsewhere they are content ("tàu bay không
# người lái", "chưa thành niên").
_QUESTION_ENDINGS = ("khong", "chua")


def looks_like_question(text: str) -> bool:
    if "?" in text:
        return True
    ws = folded_words(text)
    padded = f" {' '.join(ws)} "
    return any(f" {marker} " in padded for marker in _QUESTION_MARKERS) or bool(ws and ws[-1] in _QUESTION_ENDINGS)


_QUOTED = re.compile(r"[\"“”„«»](.+?)[\"“”„«»]")


def clean_query(raw: str) -> str:
    """Bounded, NFC, printable: control characters and oversize input cannot reach an engine."""
    text = unicodedata.normalize("NFC", raw or "")[:MAX_QUERY_CHARS]
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()


@lru_cache(maxsize=1)
def _aliases_by_first_word() -> dict[str, tuple[Alias, ...]]:
    table: dict[str, list[Alias]] = {}
    for alias in aliases():
        table.setdefault(alias.phrase.split()[0], []).append(alias)
    return {k: tuple(v) for k, v in table.items()}


def _apply_aliases(typed: list[str]) -> tuple[list[str], list[Alias]]:
    """Replace alias phrases by their expansion, on whole words (normalised, accents kept).

    A word typed without diacritics matches the alias's folded form ('so do' -> 'sổ đỏ'); a word
    typed with diacritics must match exactly, so 'sơ đồ' is not taken for 'sổ đỏ'.
    """
    used, out, i = [], [], 0
    table = _aliases_by_first_word()
    folded = [fold(w) for w in typed]
    while i < len(typed):
        for alias in table.get(folded[i], ()):
            folded_parts, accented_parts = alias.phrase.split(), alias.accented.split()
            n = len(folded_parts)
            if folded[i : i + n] != folded_parts:
                continue
            window = typed[i : i + n]
            if all(w == a or not has_diacritics(w) for w, a in zip(window, accented_parts)):
                used.append(alias)
                out.extend(words(alias.expansion) or window)
                i += n
                break
        else:
            out.append(typed[i])
            i += 1
    return out, used


_ARTICLE = re.compile(r"(?<!\w)(?:dieu|d\.)\s*(\d{1,4}[a-z]?)(?!\w)")


def parse_query(raw: str) -> ParsedQuery:
    text = clean_query(raw)
    pq = ParsedQuery(raw=raw or "", text=text)
    if not text:
        return pq
    pq.typed_diacritics = has_diacritics(text)
    pq.is_question = looks_like_question(text)
    quoted = [m for m in _QUOTED.findall(text) if folded_words(m)]
    pq.phrases, pq.typed_phrases = [folded_words(m) for m in quoted], [words(m) for m in quoted]
    numbers, _ = find_numbers(text)
    pq.numbers = numbers
    no_numbers = _NUMBER.sub(" ", normalize(text))
    m = _ARTICLE.search(fold(no_numbers))
    if m:
        pq.article = m.group(1)
    typed = _WORD.findall(no_numbers)
    pq.accented_terms = [w for w in typed if has_diacritics(w)][:MAX_QUERY_TERMS]
    expanded, used = _apply_aliases(typed)
    for alias in used:
        if alias.doc_type:
            pq.doc_types.append(alias.doc_type)
        elif alias.expansion:
            pq.expansions.append(alias.expansion)
    # A type word followed by a bare number: 'nghị định 100', 'luật 60/2014', 'nd 100'.
    if not pq.numbers and (pq.doc_types or "luật" in expanded or "luat" in expanded):
        for i, w in enumerate(expanded):
            if w.isdigit() and i > 0 and fold(expanded[i - 1]) in _TYPE_TAILS:
                pq.numbers.append(NumberQuery(w.lstrip("0") or "0"))
    folded_expanded = [fold(w) for w in expanded]
    pq.names_a_type = bool(pq.doc_types) or any(
        w == "luat" and folded_expanded[i + 1:i + 2] != ["su"] for i, w in enumerate(folded_expanded))  # not "luật sư"
    stop = stopwords()
    kept = [w for w in expanded if w not in stop]
    pq.terms = [fold(w) for w in (kept or expanded)][:MAX_QUERY_TERMS]
    pq.sequence = folded_expanded[:MAX_QUERY_TERMS]
    pq.text = " ".join(expanded)
    return pq


# Last folded syllable of a type name, before which a bare number is a document serial.
_TYPE_TAILS = {"luat", "dinh", "tu", "quyet", "thi", "lenh", "phap", "nd", "tt", "qd", "nq"}


# --- Snippets -------------------------------------------------------------------------------------------------

def _matches(text: str, terms: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of each word of `text` whose folded form is in `terms`."""
    found, folded = [], {}  # each distinct word folded once (a long article repeats its words)
    for m in _WORD.finditer(text):
        word = m.group()
        if word not in folded:
            folded[word] = fold(word)
        if folded[word] in terms:
            found.append((m.start(), m.end(), folded[word]))
    return found


def highlight_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Character spans of `text` whose folded word is in `terms` (folded)."""
    return [(start, end) for start, end, _ in _matches(text, terms)]


# A query pair found side by side counts as much as this many more distinct words.
SNIPPET_PAIR_WEIGHT = 2
SNIPPET_LEAD = 40  # characters shown before the first match of the window


def snippet_window(text: str, terms: set[str], width: int = 240,
                   pairs: frozenset[tuple[str, str]] = frozenset()) -> tuple[str, list[tuple[int, int]], bool, bool]:
    """The window of `text` that shows most of the query, with highlight spans relative to it: the most
    distinct query words, each of the query's `pairs` (folded) found side by side counting
    SNIPPET_PAIR_WEIGHT more, so that "người dưới 18 tuổi ... hợp đồng" shows the passage on minors
    rather than the one that repeats "người" and "lao động" most."""
    found = _matches(text, terms)
    spans = [(start, end) for start, end, _ in found]
    if len(text) <= width:
        return text, spans, False, False
    start = 0
    if found:
        # The best run, with up to SNIPPET_LEAD characters of what precedes it (from a word's start).
        best_start = _best_window(text, found, width - SNIPPET_LEAD, pairs)
        lead_from = best_start - SNIPPET_LEAD
        if lead_from > 0:
            space = text.find(" ", lead_from, best_start)
            start = space + 1 if space >= 0 else best_start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    rel = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    return window, rel, start > 0, end < len(text)


def _best_window(text: str, found: list[tuple[int, int, str]], width: int,
                 pairs: frozenset[tuple[str, str]]) -> int:
    """Where the best-scoring run of matches that fits in `width` characters starts (the first of equals).
    One pass: matches enter the window on the right and leave it on the left."""
    side_by_side = [False] + [
        (a[2], b[2]) in pairs and not text[a[1]:b[0]].strip(" ")
        for a, b in zip(found, found[1:])
    ]  # side_by_side[k]: match k directly follows match k - 1 as a query pair
    words: Counter[str] = Counter()
    pair_count: Counter[tuple[str, str]] = Counter()
    best_start, best_score, j = 0, -1, 0
    for i, (s, _, _) in enumerate(found):
        j = max(j, i)  # a match longer than the window never enters it
        while j < len(found) and found[j][1] <= s + width:
            words[found[j][2]] += 1
            if side_by_side[j] and j > i:
                pair_count[(found[j - 1][2], found[j][2])] += 1
            j += 1
        score = len(words) + SNIPPET_PAIR_WEIGHT * len(pair_count)
        if score > best_score:
            best_score, best_start = score, s
        if i < j:  # match i leaves; so does its pair with match i + 1
            _leave(words, found[i][2])
            if i + 1 < j and side_by_side[i + 1]:
                _leave(pair_count, (found[i][2], found[i + 1][2]))
    return best_start


def _leave(counter: Counter, key) -> None:
    counter[key] -= 1
    if not counter[key]:
        del counter[key]


# --- Questions asking what a term means ---------------------------------------------------------------
# Laws define their terms in one article ("Giải thích từ ngữ": "1. Thanh niên là công dân ..."). A
# question such as "thanh niên là gì", "thế nào là an ninh mạng", "định nghĩa tiếp cận thông tin" or a
# statement "X là Y, đúng hay sai?" names the term; the search then looks for it in those articles.
DEFINITION_HEADINGS = frozenset({"giai thich tu ngu", "dinh nghia", "khai niem", "giai thich tu ngu va dinh nghia"})
_DEFINE_BEFORE = ("dinh nghia ve", "dinh nghia", "khai niem ve", "khai niem", "the nao la", "the nao duoc goi la")
_DEFINE_AFTER = ("la gi", "duoc hieu", "duoc dinh nghia", "duoc goi la")
MAX_TERM_WORDS = 8


def defined_terms(query: str, *, statements: bool = False) -> list[str]:
    """Terms (folded, space-separated, two words or more) the question may be asking the meaning of,
    longest first: every run of up to MAX_TERM_WORDS words just before 'là gì' / 'được hiểu', or just
    after 'định nghĩa' / 'khái niệm' / 'thế nào là'. With `statements`, also the runs on both sides of a
    plain 'là' ("người được cấp thẻ ... là hướng dẫn viên du lịch, đúng hay sai?"). Most are not terms at
    all; only those a definitions article actually defines count."""
    ws = folded_words(query)[:MAX_QUERY_TERMS]
    text = f" {' '.join(ws)} "
    found: set[str] = set()

    def runs_before(start: int) -> None:
        before = text[:start].split()[-MAX_TERM_WORDS:]
        found.update(" ".join(before[i:]) for i in range(len(before) - 1))

    def runs_after(start: int) -> None:
        after = text[start:].split()[:MAX_TERM_WORDS]
        found.update(" ".join(after[:i]) for i in range(2, len(after) + 1))

    for marker in _DEFINE_AFTER + (("la",) if statements else ()):
        start = text.find(f" {marker} ")
        while start != -1:
            runs_before(start)
            if marker == "la":
                runs_after(start + len(" la "))
            start = text.find(f" {marker} ", start + 1)
    for marker in _DEFINE_BEFORE:
        start = text.find(f" {marker} ")
        if start != -1:
            runs_after(start + len(marker) + 2)
    return sorted(found, key=lambda t: (-len(t.split()), t))


def defines(body: str, terms: list[str]) -> bool:
    """Whether a definitions article's text defines one of `terms` ('N. <term> là ...')."""
    text = f" {' '.join(folded_words(body))} "
    return any(f" {term} la " in text for term in terms)
