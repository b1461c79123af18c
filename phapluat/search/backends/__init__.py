"""Full-text candidate retrieval, one implementation per database, behind one interface.

A backend only answers "which entries match these terms, best first, with a score"; everything else
(query understanding, document numbers, status, re-ranking, snippets, facets) is shared code in
`services`, so both backends behave alike and pass the same tests.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.db import connection, transaction

from ..text import PAIR_JOINER, fold, normalize, pair_token, split_folded
from .sql import FORWARD_SQL, FTS, HEADINGS, PAIRS, REVERSE_SQL, TABLE


@dataclass
class Filters:
    """What the user narrowed the search to (all optional)."""

    doc_type: str = ""
    issuer: str = ""
    year: int | None = None
    status: str = ""
    field: str = ""
    document_ids: list[int] | None = None  # restrict to these documents (e.g. a number match)

    def sql(self, alias: str = "e") -> tuple[str, list]:
        clauses, params = [], []
        if self.doc_type:
            clauses.append(f"{alias}.doc_type = %s")
            params.append(self.doc_type)
        if self.issuer:
            clauses.append(f"{alias}.issuer = %s")
            params.append(self.issuer)
        if self.year:
            clauses.append(f"{alias}.year = %s")
            params.append(self.year)
        if self.status:
            clauses.append(f"{alias}.status = %s")
            params.append(self.status)
        if self.field:
            clauses.append(f"{alias}.fields LIKE %s")
            params.append(f"%|{self.field}|%")
        if self.document_ids is not None:
            ids = [int(i) for i in self.document_ids] or [0]
            clauses.append(f"{alias}.document_id IN ({', '.join(['%s'] * len(ids))})")
            params.extend(ids)
        return "".join(f" AND {c}" for c in clauses), params


@dataclass
class TermQuery:
    """The lexical query: syllables plus adjacent pairs (a cheap stand-in for Vietnamese words)."""

    terms: list[str]  # single syllables (stopwords removed)
    accented: bool  # match the accented columns (True) or the folded ones
    phrases: list[list[str]] = field(default_factory=list)  # required phrases ("quoted"), spelled as the terms
    sequence: list[str] = field(default_factory=list)  # every syllable in order, for adjacent pairs
    require_all: bool = False  # every single syllable must occur (short keyword queries)

    @property
    def bigrams(self) -> list[tuple[str, str]]:
        seq = self.sequence or self.terms
        return list(dict.fromkeys((a, b) for a, b in zip(seq, seq[1:]) if a and b))

    @property
    def unigrams(self) -> list[str]:
        return list(dict.fromkeys(self.terms))


# Column weights: document title, article heading, article text. Chosen on the ALQAC dev questions
# (heading weight 1..5 tried; 3 best, 2..5 within 0.5 point) — see bench/retrieval/README.md.
TITLE_WEIGHT, HEADING_WEIGHT, BODY_WEIGHT = 1.0, 3.0, 1.0
PAIR_WEIGHTS = f"{HEADING_WEIGHT}, {BODY_WEIGHT}"  # bm25() weights of the pairs index's columns


class SearchBackend:
    vendor = ""
    # True when `candidates` ranks every entry that matches (the query as the backend runs it), so that an
    # entry left out scores lower than the last one returned and `score` need not be asked about it.
    exhaustive = False

    def candidates(self, query: TermQuery, *, kind: str, filters: Filters, limit: int) -> list[tuple[int, float]]:
        """(entry id, score) best first; a higher score is better."""
        raise NotImplementedError

    def score(self, query: TermQuery, entry_ids: list[int]) -> dict[int, float]:
        """The scores `candidates` gives these entries, for those that match (on the same scale: entries
        found another way, by meaning, are ranked with their keyword score, not with none)."""
        raise NotImplementedError

    def optimize(self) -> None:
        """Compact the index after a bulk rebuild (optional)."""

    def forget_document(self, document_id: int) -> None:
        """Before a document's entries are deleted (statistics kept by the backend, if any)."""

    def count_document(self, document_id: int) -> None:
        """After a document's entries are inserted."""

    def recount(self) -> None:
        """Recompute statistics from all entries (after a rebuild)."""

    def recreate(self) -> None:
        """Drop and create the full-text structures (used by `reindex --recreate`, which then rebuilds).

        Entries go first, while the old structures can still follow their deletion."""
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
            if self.vendor == "postgresql":  # ALTER TABLE needs the deferred foreign-key checks done
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for statement in REVERSE_SQL.get(self.vendor, []):
                cursor.execute(statement)
            for statement in FORWARD_SQL.get(self.vendor, []):
                cursor.execute(statement)


@dataclass
class Required:
    """What every entry found for a query must hold: all its words (a keyword query) and its phrases."""

    words: list[str]  # folded
    phrases: list[list[str]]  # folded
    pairs: list[str]  # pair tokens of adjacent required words
    accented: bool  # the words and phrases are matched as typed, on the accented columns
    typed: list[str]  # the words as the index is asked for them
    typed_phrases: list[list[str]]  # the phrases as the index is asked for them

    @classmethod
    def of(cls, query: TermQuery) -> Required:
        phrases = [[fold(t) for t in p] for p in query.phrases]
        accented = query.accented and query.require_all
        typed = query.unigrams if query.require_all else [t for p in phrases for t in p]
        # Side by side: pairs of the query's words, not of its stopwords ('nghĩa vụ', not 'vụ gì').
        words = set(query.unigrams)
        pairs = [(fold(a), fold(b)) for a, b in query.bigrams if {a, b} <= words] if query.require_all else []
        pairs += [(a, b) for p in phrases for a, b in zip(p, p[1:])]
        return cls(words=list(dict.fromkeys(fold(t) for t in typed)), phrases=phrases,
                   pairs=list(dict.fromkeys(pair_token(a, b) for a, b in pairs)),
                   accented=accented, typed=typed, typed_phrases=query.phrases if accented else phrases)

    def lookups(self, kind: str):
        """(table, MATCH) of entries that hold every required word: in the heading, side by side, anywhere."""
        words = _all_of(self.typed)
        if kind == "article" and not self.phrases:
            yield HEADINGS, f"{{{'heading' if self.accented else 'fold_heading'}}} : ({words})"
        if self.pairs and not (self.accented and self.phrases):  # folded pairs: 'đã cấp' is not "đa cấp"
            yield PAIRS, _all_of(self.pairs)
        quoted = "".join(f' AND "{" ".join(p)}"' for p in self.typed_phrases)
        yield FTS, f"{{{'heading body' if self.accented else 'fold_heading fold_body'}}} : ({words}{quoted})"

    def met_by(self, found: dict[str, set[int]]) -> bool:
        """Whether an entry whose folded words are at these positions holds everything required."""
        return set(self.words) <= set(found) and all(self._holds(found, phrase) for phrase in self.phrases)

    @staticmethod
    def _holds(found: dict[str, set[int]], phrase: list[str]) -> bool:
        return any(all(start + i in found.get(w, ()) for i, w in enumerate(phrase))
                   for start in found.get(phrase[0], ()))


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    @staticmethod
    def match_expression(query: TermQuery, *, pairs: bool = True) -> str:
        """An FTS5 MATCH string built only from our own tokens (letters and digits), each quoted; with
        `pairs`, the query's adjacent pairs are asked as phrases too."""
        # Articles only: the title column holds text on documents' own entries alone, which would crowd
        # out the articles among the best matches of an unfiltered query ("nghị định 15").
        cols = "{heading body}" if query.accented else "{fold_heading fold_body}"
        quoted = " AND ".join(f'{cols} : "{" ".join(p)}"' for p in query.phrases)
        if quoted and set(query.unigrams) <= {t for p in query.phrases for t in p}:
            # Only quoted phrases: they say it all (their words and pairs would only add passes over the
            # posting lists of every word: '"quyền sử dụng đất"' 111 -> 19 ms at 200,000 articles).
            return quoted
        parts = [f'"{t}"' for t in query.unigrams] + ([f'"{a} {b}"' for a, b in query.bigrams] if pairs else [])
        expr = f"{cols} : ({' OR '.join(parts)})"
        if query.require_all:
            expr = f"{cols} : ({' AND '.join(parts[:len(query.unigrams)])}) AND {expr}"
        return f"({expr}) AND {quoted}" if quoted else expr

    # Large indexes only: words (and pairs) in more than this share of entries are left out of questions;
    # they weigh little in BM25 but cost a pass over huge posting lists.
    PRUNE_FROM = 50_000
    COMMON_SHARE = 0.005
    MAX_TERMS = 10

    def size(self) -> int:
        """Approximate number of entries (the largest id: O(log n), unlike count(*) on SQLite)."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(id) FROM {TABLE}")
            return cursor.fetchone()[0] or 0

    @staticmethod
    def _document_frequencies(table: str, tokens: list[str], up_to: int) -> dict[str, int]:
        """How many entries hold each token, counted up to `up_to` + 1 (more means common). FTS5 keeps no
        such count: its vocabulary table reads a token's whole posting list (40 ms for 'quyền' at a
        million articles), where counting stops at the bound (under 1 ms)."""
        if not tokens:
            return {}
        count = f"SELECT %s, (SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH %s LIMIT %s))"
        params = []
        for token in tokens:
            params += [token, f'"{token}"', int(up_to) + 1]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join([count] * len(tokens)), params)
            return dict(cursor.fetchall())

    def _rare(self, table: str, tokens: list[str], n: int, fallback: int = 0) -> list[str]:
        """The rarest of these tokens that are not common, at most MAX_TERMS; if none is, the `fallback`
        least common ones."""
        bound = self.COMMON_SHARE * n
        df = self._document_frequencies(table, tokens, int(bound))
        rare = sorted((t for t, d in df.items() if 0 < d <= bound), key=lambda t: df[t])[: self.MAX_TERMS]
        if rare or not fallback:
            return rare
        df = self._document_frequencies(table, [t for t, d in df.items() if d], int(bound * 10))
        return sorted(df, key=lambda t: df[t])[:fallback]

    @staticmethod
    def _prepared(query: TermQuery) -> TermQuery | None:
        return _with_phrase_words(query) if query.terms or query.phrases else None

    @property
    def exhaustive(self) -> bool:  # FTS5 computes bm25() for every matching row, below PRUNE_FROM
        return self.size() < self.PRUNE_FROM

    def candidates(self, query, *, kind, filters, limit):
        n = self.size()
        if n < self.PRUNE_FROM:
            query = self._prepared(query)
            if query is None:
                return []
            return self._ranked_with_pairs(query, kind, filters, limit)
        if query.require_all or query.phrases:
            return self._by_all_words(query, kind, filters, limit, n)
        if not query.terms:
            return []
        searches = self._rare_searches(query, n)
        if not searches:
            # Only common words and pairs ('giấy chứng nhận quyền sử dụng đất'): the entries that hold them
            # all, else the least common few still rank something.
            found = self._by_all_words(replace(query, require_all=True), kind, filters, limit, n)
            if found:
                return found
            searches = self._rare_searches(query, n, fallback=True)
        return _summed(self._ranked(table, match, weights, kind, filters, limit)
                       for table, match, weights in searches)[:limit]

    def score(self, query, entry_ids):
        n = self.size()
        ids = [int(i) for i in entry_ids]
        if not ids:
            return {}
        if n < self.PRUNE_FROM:
            query = self._prepared(query)
            if query is None:
                return {}
            words, pairs = self._words_and_pairs(query)
            scored = self._scored(FTS, words, self._weights(query), ids)
            if pairs and scored:
                for entry_id, score in self._scored(PAIRS, pairs, PAIR_WEIGHTS, list(scored)).items():
                    scored[entry_id] += score
            return scored
        if query.require_all or query.phrases:
            return dict(self._ranked_in_python(query, ids, n))
        searches = self._rare_searches(query, n)
        if not searches:
            return dict(self._ranked_in_python(replace(query, require_all=True), ids, n))
        return dict(_summed(self._scored(table, match, weights, ids).items() for table, match, weights in searches))

    def _ranked_with_pairs(self, query: TermQuery, kind: str, filters: Filters, limit: int) -> list[tuple[int, float]]:
        """Below PRUNE_FROM, where FTS5 scores every match: the words in the main index and their adjacent
        pairs as single tokens of the pairs index, the two BM25 scores summed (a pair only adds to an
        entry that matches the words). Asked as phrases of the main index, FTS5 intersected the pairs'
        position lists: 60% of a long question's search. ALQAC keywords only: p95 ~26 -> ~22 ms, R@1 and
        R@5 unchanged, R@10 +0.003; hybrid R@1 -0.0014 (one question; pairs are matched without accents)."""
        words, pairs = self._words_and_pairs(query)
        if not pairs:
            return self._ranked(FTS, words, self._weights(query), kind, filters, limit)
        where, params = filters.sql()
        sql = (f"WITH w AS MATERIALIZED (SELECT rowid AS id, -bm25({FTS}, {self._weights(query)}) AS s FROM {FTS} "
               f"WHERE {FTS} MATCH %s), p AS MATERIALIZED (SELECT rowid AS id, -bm25({PAIRS}, {PAIR_WEIGHTS}) AS s "
               f"FROM {PAIRS} WHERE {PAIRS} MATCH %s) "
               f"SELECT w.id, w.s + coalesce(p.s, 0) AS score FROM w LEFT JOIN p ON p.id = w.id "
               f"JOIN {TABLE} e ON e.id = w.id WHERE e.kind = %s{where} ORDER BY score DESC, w.id LIMIT %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [words, pairs, kind, *params, int(limit)])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def _words_and_pairs(self, query: TermQuery) -> tuple[str, str]:
        """Below PRUNE_FROM: the MATCH of the query's words in the main index, and of their adjacent pairs
        in the pairs index ('' when there are none)."""
        return self.match_expression(query, pairs=False), _any_of(_pair_tokens(query))

    @staticmethod
    def _scored(table: str, match: str, weights: str, ids: list[int]) -> dict[int, float]:
        """`_ranked`'s scores of these entries, for those that match."""
        # Joined, not "rowid IN (...)": SQLite would run the MATCH once per listed id (7x slower for 20).
        sql = (f"SELECT f.rowid, -bm25({table}, {weights}) FROM json_each(%s) j "
               f"JOIN {table} f ON f.rowid = j.value WHERE {table} MATCH %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [json.dumps(ids), match])
            return {row[0]: float(row[1]) for row in cursor.fetchall()}

    @staticmethod
    def _weights(query: TermQuery) -> str:
        w = (TITLE_WEIGHT, HEADING_WEIGHT, BODY_WEIGHT)
        return ", ".join(map(str, (w + (0, 0, 0)) if query.accented else ((0, 0, 0) + w)))

    def _rare_searches(self, query: TermQuery, n: int, *, fallback: bool = False) -> list[tuple[str, str, str]]:
        """Large index, a question: (table, MATCH, weights) of its rare words in the full index and of its
        rare adjacent pairs in the pairs index, whose BM25 scores are summed. A pair is far rarer than its
        words ('biện pháp', 'bắt buộc'), so the pairs carry the sense of a question made of common words
        without reading their posting lists. With `fallback`, the least common pairs (else words)."""
        pair_tokens = _pair_tokens(query)
        if fallback:
            pairs = self._rare(PAIRS, pair_tokens, n, fallback=2)
            words = [] if pairs else self._rare(FTS, query.unigrams, n, fallback=3)
        else:
            words, pairs = self._rare(FTS, query.unigrams, n), self._rare(PAIRS, pair_tokens, n)
        searches = []
        if words:
            cols = "{heading body}" if query.accented else "{fold_heading fold_body}"
            searches.append((FTS, f"{cols} : ({_any_of(words)})", self._weights(query)))
        if pairs:
            searches.append((PAIRS, _any_of(pairs), PAIR_WEIGHTS))
        return searches

    POOL = 100  # large index, keyword query: the entries ranked in Python (as PostgreSQL's POOL)
    SCORED_CHARS = 2000  # of each text: BM25 saturates, and tokenizing whole long articles in Python is slow

    def _by_all_words(self, query: TermQuery, kind: str, filters: Filters, limit: int,
                      n: int) -> list[tuple[int, float]]:
        """Large index, a few keywords all required, or quoted phrases: a pool of entries that hold them (in
        the heading first, then side by side, then anywhere), found without ranking, so that FTS5 stops at
        the bound (its bm25() reads the posting list of every word in full: 'xử phạt vi phạm hành chính'
        535 ms at a million articles), then ranked by BM25 in Python on the pool's texts."""
        if filters.document_ids is not None:  # a document named by its number: its own articles
            pool = self._entries(kind, filters)
        else:
            pool = []
            for table, match in Required.of(_with_phrase_words(query)).lookups(kind):
                if len(pool) >= self.POOL:
                    break
                taken = set(pool)
                pool += [i for i in self._matching(table, match, kind, filters, self.POOL) if i not in taken]
            pool = pool[: self.POOL]
        return self._ranked_in_python(query, pool, n)[:limit]

    def _ranked_in_python(self, query: TermQuery, pool: list[int], n: int) -> list[tuple[int, float]]:
        """The entries of `pool` that hold every required word and phrase, by BM25 over their texts."""
        query = _with_phrase_words(query)
        st = _Statistics.of(query, lambda tokens: self._frequencies(tokens, n))
        if st is None or not pool:
            return []
        rows = self._positions(pool, st)
        required = Required.of(query)
        complete = {entry_id for entry_id, found in self._words_found(rows).items() if required.met_by(found)}
        return [(i, score) for i, score in bm25(rows, pool, replace(st, avgdl=self._average_length()))
                if i in complete]

    @staticmethod
    def _average_length() -> float:
        """The mean length of articles, from the latest 2,000 entries (a full count would read every row)."""
        with connection.cursor() as cursor:
            # The kind is tested outside: inside, SQLite walks the index on kind, then sorts every article.
            cursor.execute(f"SELECT avg(length) FROM (SELECT length, kind FROM {TABLE} ORDER BY id DESC LIMIT 2000) "
                           f"WHERE kind = 'article'")
            return max(1.0, float(cursor.fetchone()[0] or 1))

    def _frequencies(self, tokens: set[str], n: int) -> dict[str, int]:
        """`_Statistics.of`'s frequencies, counted up to the share of common tokens."""
        bound = int(self.COMMON_SHARE * n)
        pairs = [t for t in tokens if PAIR_JOINER in t]
        words = [t for t in tokens if PAIR_JOINER not in t]
        return {**self._document_frequencies(FTS, words, bound), **self._document_frequencies(PAIRS, pairs, bound),
                "#n": n}

    @staticmethod
    def _matching(table: str, match: str, kind: str, filters: Filters, limit: int) -> list[int]:
        """Ids of entries that match, unranked (FTS5 stops at `limit`)."""
        where, params = filters.sql()
        with connection.cursor() as cursor:
            # CROSS JOIN: the full-text match drives (the planner may otherwise walk the entries by kind).
            cursor.execute(f"SELECT {table}.rowid FROM {table} CROSS JOIN {TABLE} e ON e.id = {table}.rowid "
                           f"WHERE {table} MATCH %s AND e.kind = %s{where} LIMIT %s", [match, kind, *params, limit])
            return [row[0] for row in cursor.fetchall()]

    def _entries(self, kind: str, filters: Filters) -> list[int]:
        where, params = filters.sql()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT e.id FROM {TABLE} e WHERE e.kind = %s{where} ORDER BY e.id LIMIT %s",
                           [kind, *params, self.POOL * 10])
            return [row[0] for row in cursor.fetchall()]

    def _positions(self, ids: list[int], st: _Statistics) -> list[tuple]:
        """`bm25`'s rows for these entries, read from their folded texts."""
        wanted = set(st.unigrams) | set(st.pair_words)
        rows = []
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT e.id, e.length, e.fold_heading, substr(e.fold_body, 1, %s) FROM json_each(%s) j "
                           f"JOIN {TABLE} e ON e.id = j.value", [self.SCORED_CHARS, json.dumps(ids)])
            texts = cursor.fetchall()
        for entry_id, length, heading, body in texts:
            found: dict[str, tuple[list[int], list[str]]] = {}
            tokens = [(HEADING, w) for w in split_folded(heading)] + [(BODY, w) for w in split_folded(body)]
            for position, (field_letter, word) in enumerate(tokens, start=1):
                if word in wanted:
                    positions, fields = found.setdefault(word, ([], []))
                    positions.append(position)
                    fields.append(field_letter)
            rows += [(entry_id, length, word, positions, fields) for word, (positions, fields) in found.items()]
        return rows

    @staticmethod
    def _words_found(rows) -> dict[int, dict[str, set[int]]]:
        """The positions of each word found, by entry."""
        found: dict[int, dict[str, set[int]]] = {}
        for entry_id, _, word, positions, _ in rows:
            found.setdefault(entry_id, {})[word] = set(positions)
        return found

    @staticmethod
    def _ranked(table: str, match: str, weights: str, kind: str, filters: Filters, limit: int):
        """(entry id, BM25) of the entries of `kind` passing `filters` that match, best first."""
        where, params = filters.sql()
        if where or kind != "article":
            sql = (
                f"SELECT e.id, -bm25({table}, {weights}) FROM {table} JOIN {TABLE} e ON e.id = {table}.rowid "
                f"WHERE {table} MATCH %s AND e.kind = %s{where} ORDER BY bm25({table}, {weights}) LIMIT %s"
            )
            args = [match, kind, *params, int(limit)]
        else:
            # No filter: rank in the FTS table alone, then drop the few document entries among the best.
            sql = (
                f"SELECT m.id, m.score FROM (SELECT rowid AS id, -bm25({table}, {weights}) AS score FROM {table} "
                f"WHERE {table} MATCH %s ORDER BY bm25({table}, {weights}) LIMIT %s) m "
                f"JOIN {TABLE} e ON e.id = m.id WHERE e.kind = %s ORDER BY m.score DESC LIMIT %s"
            )
            args = [match, int(limit) + 20, kind, int(limit)]
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def optimize(self):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")


# BM25 computed in Python over the positions of a query's words in a pool of candidates (PostgreSQL
# always; SQLite on large indexes, where FTS5's bm25() would read every posting list in full).
# Scored as SQLite's FTS5 scores the embedded default's index, so that both backends rank alike: FTS5's
# IDF, and a pair weighed by its own document frequency (the pairs index counts them), as a term of the
# pairs index is. Until the seventh session a pair weighed 3 x the mean IDF of its two words, from before
# pairs were counted: ALQAC, PostgreSQL keywords only R@1 0.823 -> 0.841 (SQLite 0.840), hybrid 0.857 ->
# 0.864.
K1, B = 1.2, 0.75
# Fields as PostgreSQL's tsvector weights name them (the positions' rows carry these letters).
TITLE, HEADING, BODY = "C", "A", "D"
FIELD_WEIGHTS = {TITLE: TITLE_WEIGHT, HEADING: HEADING_WEIGHT, BODY: BODY_WEIGHT}


def _idf(n: int, df: int) -> float:
    """FTS5's IDF: a word in half the articles or more weighs (almost) nothing."""
    return max(1e-6, math.log((n - df + 0.5) / (df + 0.5)))


# Marks an accented word's document frequency among the statistics PostgreSQL keeps ('~đất'), beside the
# folded word's ('dat'): the same letters may be both ('cho' as typed, and folded from 'chó', 'chờ').
ACCENTED_MARK = "~"


@dataclass
class _Statistics:
    """A query's words and phrases as `bm25` sees them (folded, or as typed when `accented`), with their
    document frequencies. Pairs are always folded (the pairs index holds no accents)."""

    unigrams: list[str]
    phrases: list[list[str]]
    n: int  # articles
    avgdl: float
    df: dict[str, int]
    idf: dict[str, float]
    pair_words: list[str]  # stopwords, which count only inside a pair
    pair_df: dict[str, int]  # the query's adjacent pairs as lexemes of the pairs column ('su_dung')
    pair_idf: dict[str, float]
    # The query's adjacent pairs that occur, in order: (pair token, first word, second word), the words as
    # `lexeme` makes them (an accented query's pairs are folded tokens of words spelled as typed).
    pairs: list[tuple[str, str, str]] = field(default_factory=list)
    accented: bool = False  # words are matched as typed (lower case), on the accented text

    @property
    def large(self) -> bool:
        return self.n >= SQLiteBackend.PRUNE_FROM

    def lexeme(self, word: str) -> str:
        """A query word as the text's words are compared with it."""
        return normalize(word) if self.accented else fold(word)

    @classmethod
    def of(cls, query: TermQuery, frequencies: Callable[[set[str]], dict[str, int]], *,
           accented: bool = False) -> _Statistics | None:
        """The statistics of `query`, from `frequencies`: the number of articles holding each of a set of
        words (accented ones marked with ACCENTED_MARK) and pairs, with '#n' the number of articles and
        '#len' their total length. With `accented` (a query typed with diacritics), its words and
        phrases are those spelled as typed. None when no word can match."""
        lexeme = normalize if accented else fold
        key = (lambda t: ACCENTED_MARK + t) if accented else (lambda t: t)
        unigrams = list(dict.fromkeys(lexeme(t) for t in query.unigrams))
        phrases = [[lexeme(t) for t in p] for p in query.phrases]
        if not (unigrams or phrases):
            return None
        # Pairs are scored as SQLite's FTS5 scores its phrases: also those with a stopword ("vụ của").
        paired = {lexeme(t) for pair in query.bigrams for t in pair} - set(unigrams)
        pairs = [(pair_token(fold(a), fold(b)), lexeme(a), lexeme(b)) for a, b in query.bigrams]
        pair_tokens = list(dict.fromkeys(token for token, _, _ in pairs))
        words = set(unigrams) | paired | {t for p in phrases for t in p}
        stats = frequencies({key(t) for t in words} | set(pair_tokens))
        n = max(1, stats.get("#n", 0))
        df = {t: stats.get(key(t), 0) for t in unigrams}
        return cls(
            unigrams=unigrams, phrases=phrases, n=n, avgdl=max(1.0, stats.get("#len", 0) / n), df=df,
            idf={t: _idf(n, d) for t, d in df.items()},
            pair_words=sorted(t for t in paired if stats.get(key(t))),
            pair_df={t: stats[t] for t in pair_tokens if stats.get(t)},
            pair_idf={t: _idf(n, stats[t]) for t in pair_tokens if stats.get(t)},
            pairs=[(token, a, b) for token, a, b in pairs if stats.get(token)],
            accented=accented,
        )


def bm25(rows, pool: list[int], st: _Statistics) -> list[tuple[int, float]]:
    """BM25 over words and adjacent pairs of the entries in `pool`, best first. `rows` are (entry, length,
    word, positions, field letters) of the query's words; tf is weighted by field (a heading counts
    HEADING_WEIGHT); stopwords (`st.pair_words`) only count inside a pair."""
    found: dict[int, dict[str, tuple[list[int], list[str]]]] = {}
    lengths: dict[int, int] = {}
    for entry_id, length, lexeme, pos, wts in rows:
        lengths[entry_id] = length or 1
        found.setdefault(entry_id, {})[lexeme] = (pos or [], wts or [])
    # A pair weighs by its folded frequency; its words side by side are read as `st` compares them (an
    # accented query's pairs where both words are spelled as typed).
    pairs: dict[str, tuple[str, str]] = {}
    for token, a, b in st.pairs:
        pairs.setdefault(token, (a, b))
    pair_idf = {words: st.pair_idf[token] for token, words in pairs.items()}
    scores = []
    for entry_id in pool:
        terms = found.get(entry_id)
        if not terms:
            continue
        norm = K1 * (1 - B + B * lengths[entry_id] / st.avgdl)
        score = 0.0
        for term, (pos, wts) in terms.items():
            idf = st.idf.get(term)
            if idf:  # not a stopword, whose many positions would be weighed for nothing
                tf = _weighted_count(wts) if wts else len(pos)
                score += idf * tf * (K1 + 1) / (tf + norm)
        for (a, b), idf in pair_idf.items():
            if a in terms and b in terms:
                second = set(terms[b][0])
                tf = 0.0
                for p, w in zip(*terms[a]):
                    if p + 1 in second:
                        tf += FIELD_WEIGHTS.get(w, BODY_WEIGHT)
                if tf:
                    score += idf * tf * (K1 + 1) / (tf + norm)
        if score > 0:
            scores.append((entry_id, score))
    scores.sort(key=lambda x: (-x[1], x[0]))
    return scores


# What a field adds to an occurrence beyond BODY_WEIGHT (counted with list.count: a Python loop over
# every position was a third of bm25's time).
_FIELD_EXTRA = {letter: weight - BODY_WEIGHT for letter, weight in FIELD_WEIGHTS.items() if weight != BODY_WEIGHT}


def _weighted_count(fields: list[str]) -> float:
    """Occurrences, each weighted by its field's letter (FIELD_WEIGHTS; any other letter counts as body)."""
    tf = BODY_WEIGHT * len(fields)
    for letter, extra in _FIELD_EXTRA.items():
        tf += extra * fields.count(letter)
    return tf


class PostgresBackend(SearchBackend):
    """PostgreSQL: a GIN index finds a pool of candidates by the query's rarer words, then BM25 over
    words and adjacent pairs is computed from the positions stored in each candidate's tsvector
    (ts_rank knows no word rarity, which ranks long questions badly)."""

    vendor = "postgresql"
    POOL = 100  # candidates scored with BM25 (all-words queries: ten times as many on small tables)
    # A question's pool, chosen by its rarest words and pairs. Since BM25 weighs pairs by their own rarity,
    # the ALQAC dev set ranks the same hybrid from 40 up (R@1 / R@10 0.864 / 0.979 at 40, 60 and 100);
    # keywords only R@10 0.967 at 100, 0.966 at 60, 0.963 at 40. 100 -> 60: p50 ~22 -> ~19 ms.
    QUESTION_POOL = 60
    # Large tables, all words required: this many entries holding the words side by side make the pool
    # (asking for every word too would read their long posting lists: 47-77 ms at a million articles).
    ENOUGH_SIDE_BY_SIDE = 20
    # Words of the question used to find the pool (the rarest ones), beside its pairs. ALQAC dev set, hybrid
    # and keywords only: the same ranking with 3, 5 or 8 (the pairs, far rarer, carry the pool); each word
    # costs a lookup of its posting list: 8 -> 5, p50 ~19 -> ~17 ms. Kept above 3 for questions whose pairs
    # are all common or absent.
    RARE_TERMS = 5
    # Large tables: words and pairs in more entries than this share do not select the pool (their posting
    # lists are long; at a million articles 0.2 cost 230-520 ms a question, most of it in this lookup).
    COMMON_SHARE = SQLiteBackend.COMMON_SHARE
    # The query's most telling word pairs (phrase lookups in the GIN index) also choose the pool. ALQAC dev
    # set, R@1 / R@10 hybrid: 0 → 0.848 / 0.958, 8 → 0.852 / 0.966, 16 → 0.853 / 0.970 (+4 ms p50).
    PAIR_LOOKUPS = 16

    def __init__(self):
        self._known_statistics: dict[str, _Statistics | None] = {}  # one backend serves one search

    @staticmethod
    def _lexeme(t: str) -> str:
        return "'" + t.replace("'", "") + "'"

    def tsquery(self, terms: list[str], phrases: list[list[str]], require_all: bool) -> str:
        """A to_tsquery string built only from our own tokens (letters and digits), each quoted."""
        joiner = " & " if require_all else " | "
        expr = joiner.join(self._lexeme(t) for t in terms)
        for phrase in phrases:
            chain = " <-> ".join(self._lexeme(t) for t in phrase)
            expr = f"({expr}) & ({chain})" if expr else f"({chain})"
        return expr

    def _stats(self, terms: set[str]) -> dict[str, int]:
        keys = sorted(terms | {"#n", "#len"})
        with connection.cursor() as cursor:
            cursor.execute("SELECT term, df FROM search_searchterm WHERE term = ANY(%s)", [keys])
            return dict(cursor.fetchall())

    def _statistics(self, query: TermQuery) -> _Statistics | None:
        """Asked once per query: `score` follows `candidates` with the same query in one search."""
        key = repr(query)
        if key not in self._known_statistics:
            self._known_statistics[key] = _Statistics.of(query, self._stats, accented=query.accented)
        return self._known_statistics[key]

    def candidates(self, query, *, kind, filters, limit):
        st = self._statistics(query)
        if st is None:
            return []
        if query.require_all and any(st.df[t] == 0 for t in st.unigrams) and kind == "article":
            return []
        known = sorted((t for t in st.unigrams if st.df[t]), key=lambda t: st.df[t])
        if not known and not st.phrases:
            return []
        pool = self._pool(query, st, known, kind, filters)
        if not pool:
            return []
        return bm25(self._positions(pool, st), pool, st)[:limit]

    def score(self, query, entry_ids):
        st = self._statistics(query)
        if st is None or not entry_ids:
            return {}
        ids = [int(i) for i in entry_ids]
        if query.require_all or st.phrases:  # as in `candidates`: only entries the index would match
            ids = self._matching(ids, query, st)
        return dict(bm25(self._positions(ids, st), ids, st))

    def _required(self, query: TermQuery, st: _Statistics) -> str:
        """The tsquery every entry must match (on `_words_column`) when the query needs all its words, or
        has phrases."""
        return self.tsquery(st.unigrams if query.require_all else [], st.phrases, True)

    @staticmethod
    def _words_column(st: _Statistics) -> str:
        """The tsvector the query's words are matched and scored on: as typed, or folded."""
        return "vec_a" if st.accented else "vec_f"

    def _matching(self, ids: list[int], query: TermQuery, st: _Statistics) -> list[int]:
        with connection.cursor() as cursor:
            # Materialized: these rows are read by id and tested one by one; left to the planner, the GIN
            # index may be asked for every entry holding the (common) words instead (41-61 ms at 1M).
            column = self._words_column(st)
            cursor.execute(f"WITH listed AS MATERIALIZED (SELECT e.id, e.{column} AS v FROM {TABLE} e "
                           f"WHERE e.id = ANY(%s)) SELECT id FROM listed WHERE v @@ to_tsquery('simple', %s)",
                           [ids, self._required(query, st)])
            matching = {row[0] for row in cursor.fetchall()}
        return [i for i in ids if i in matching]

    def _pool(self, query: TermQuery, st: _Statistics, known: list[str], kind: str, filters: Filters) -> list[int]:
        """The entries to score: those that match a short all-words query, else those holding the query's
        rarest words and pairs."""
        where, params = filters.sql()
        if query.require_all or st.phrases:
            return self._holding_all(query, st, kind, where, params)
        # The pool: entries holding the rarest words and pairs of the query, by the sum of their IDF.
        # Each is one GIN lookup; no vector is read, so this stays fast on large tables.
        if not st.large:
            lookups = self._word_lookups(known[: self.RARE_TERMS], st)
            lookups += sorted(self._pair_lookups(st), reverse=True)[: self.PAIR_LOOKUPS]
        else:
            lookups = self._within_budget(query, st, known)
            if not lookups:  # only common ones: the entries holding them all, else the least common
                found = self._holding_all(replace(query, require_all=True), st, kind, where, params)
                if found:
                    return found
                lookups = self._word_lookups(known[:2], st)
        # One statement whatever the number of lookups: the lookups are its parameters (a UNION ALL of one
        # SELECT per lookup took 1.8 ms to plan for a long question's 24).
        columns = (self._words_column(st), "vec_p")
        by_column = " UNION ALL ".join(
            f"SELECT e.id, l.w FROM unnest(%s::tsquery[], %s::float8[]) l(q, w) JOIN {TABLE} e "
            f"ON e.{column} @@ l.q WHERE e.kind = %s{where}" for column in columns)
        union_params = []
        for column in columns:
            chosen = [(tsquery, weight) for weight, col, tsquery in lookups if col == column]
            union_params += [[q for q, _ in chosen], [w for _, w in chosen], kind, *params]
        with connection.cursor() as cursor, transaction.atomic():
            # Each lookup must use the GIN index: a sequential scan would read (and decompress) every
            # vector, which the planner underestimates on small tables. And no parallel workers: starting
            # them cost more than the lookups (ALQAC: 12 -> 5 ms a question).
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            cursor.execute(f"SELECT id FROM ({by_column}) m GROUP BY id ORDER BY sum(w) DESC, id LIMIT %s",
                           [*union_params, self.QUESTION_POOL])
            return [row[0] for row in cursor.fetchall()]

    def _holding_all(self, query: TermQuery, st: _Statistics, kind: str, where: str, params: list) -> list[int]:
        """Few words, all required (or phrases): the index answers exactly; BM25 orders what it finds. On a
        large table, too many match to score them all: those with the words side by side first."""
        required, limit = self._required(query, st), self.POOL if st.large else self.POOL * 10
        pool = []
        pairs = [tsquery for _, _, tsquery in self._pair_lookups(st)]
        if st.large and pairs:
            # By the pairs alone (short posting lists; asked with the words too, the index would read the
            # words' long lists in full), then kept if they hold every word.
            pool = self._matching(self._with_pairs(pairs, kind, where, params, limit), query, st)
        if len(pool) < (self.ENOUGH_SIDE_BY_SIDE if st.large else limit):
            taken = set(pool)
            pool += [i for i in self._all_of(required, self._words_column(st), kind, where, params, limit,
                                             ordered=not st.large) if i not in taken]
        return pool[:limit]

    @staticmethod
    def _all_of(required: str, column: str, kind: str, where: str, params: list, limit: int, *,
                ordered: bool) -> list[int]:
        """Entries whose `column` matches the `required` tsquery; by id if `ordered` (which must find every
        match first: on large tables the first found are taken)."""
        order = " ORDER BY e.id" if ordered else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id FROM {TABLE} e WHERE e.{column} @@ to_tsquery('simple', %s) AND e.kind = %s{where}"
                f"{order} LIMIT %s",
                [required, kind, *params, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def _with_pairs(self, pairs: list[str], kind: str, where: str, params: list, limit: int) -> list[int]:
        """Entries holding all these pairs (quoted lexemes), the first found."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT e.id FROM {TABLE} e WHERE e.vec_p @@ %s::tsquery AND e.kind = %s{where} LIMIT %s",
                           [" & ".join(pairs), kind, *params, limit])
            return [row[0] for row in cursor.fetchall()]

    def _positions(self, ids: list[int], st: _Statistics) -> list[tuple]:
        """(entry, length, lexeme, positions, weights) of the query's words in these entries."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id, e.length, u.lexeme, u.positions, u.weights FROM {TABLE} e, "
                f"unnest({_only('e.' + self._words_column(st))}) u WHERE e.id = ANY(%s)",
                [(st.unigrams + st.pair_words) or [t for p in st.phrases for t in p], ids],
            )
            return cursor.fetchall()

    def _word_lookups(self, words: list[str], st: _Statistics) -> list[tuple[float, str, str]]:
        """(weight, column, tsquery) of these words, for choosing the pool."""
        return [(st.idf[t], self._words_column(st), self._lexeme(t)) for t in words]

    def _pair_lookups(self, st: _Statistics) -> list[tuple[float, str, str]]:
        """(weight, column, tsquery) of the query's adjacent pairs of words (not stopwords) that occur."""
        found = {}
        for token, a, b in st.pairs:
            if a in st.idf and b in st.idf:
                found[token] = (st.pair_idf[token], "vec_p", self._lexeme(token))
        return list(found.values())

    def _within_budget(self, query: TermQuery, st: _Statistics, known: list[str]) -> list[tuple[float, str, str]]:
        """Large tables: the rarest words and pairs, as many as hold together at most COMMON_SHARE of the
        articles (each posting read is a row fetched and added up: 19,000 cost 140 ms at a million)."""
        df_of = {self._lexeme(t): st.df[t] for t in known}
        df_of.update((self._lexeme(t), d) for t, d in st.pair_df.items())
        lookups = self._word_lookups(known, st) + self._pair_lookups(st)
        chosen, spent = [], 0
        for lookup in sorted(lookups, key=lambda x: df_of[x[2]]):
            spent += df_of[lookup[2]]
            if spent > self.COMMON_SHARE * st.n:
                break
            chosen.append(lookup)
        return chosen

    # Word (and pair) statistics, kept in step with the entries in the same transaction.
    def _apply_stats(self, where: str, params: list, sign: int) -> None:
        with connection.cursor() as cursor:
            # Folded words and pairs as they are; words as written marked (see ACCENTED_MARK).
            counted = {"": "vec_f || coalesce(vec_p, '')", ACCENTED_MARK: "vec_a"}
            cursor.execute(
                "INSERT INTO search_searchterm (term, df) "
                + " UNION ALL ".join(f"SELECT %s || word, {sign} * ndoc FROM ts_stat(%s)" for _ in counted)
                + " ON CONFLICT (term) DO UPDATE SET df = search_searchterm.df + EXCLUDED.df",
                [arg for mark, vectors in counted.items()
                 for arg in (mark, _inline(f"SELECT {vectors} FROM {TABLE} WHERE kind = 'article'{where}", params))],
            )
            cursor.execute(
                f"INSERT INTO search_searchterm (term, df) SELECT '#n', {sign} * count(*) FROM {TABLE} "
                f"WHERE kind = 'article'{where} UNION ALL SELECT '#len', {sign} * coalesce(sum(length), 0) "
                f"FROM {TABLE} WHERE kind = 'article'{where} "
                f"ON CONFLICT (term) DO UPDATE SET df = search_searchterm.df + EXCLUDED.df",
                params + params,
            )

    def forget_document(self, document_id):
        self._apply_stats(" AND document_id = %s", [int(document_id)], -1)

    def count_document(self, document_id):
        self._apply_stats(" AND document_id = %s", [int(document_id)], +1)

    def recount(self):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_searchterm")
        self._apply_stats("", [], +1)

    def optimize(self):
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")
            cursor.execute("DELETE FROM search_searchterm WHERE df <= 0")
            # Without fresh statistics the planner took the words table for a quarter of its size and read
            # all of it for a long question's ~100 words (ALQAC: 4.3 ms instead of 0.4, twice a question).
            cursor.execute("ANALYZE search_searchterm")


def _inline(sql: str, params: list) -> str:
    """ts_stat takes its query as text: the only parameters here are integers we produced."""
    return sql % tuple(int(p) for p in params)


def _only(vector: str) -> str:
    """SQL: the tsvector `vector` keeping only the lexemes of the text[] parameter it takes. Two deletions
    in C, where unnesting every lexeme (~120 an article) to keep the query's built ~120 rows of arrays
    each (ALQAC, 100 articles: 4.4 -> 2.4 ms)."""
    return f"ts_delete({vector}, tsvector_to_array(ts_delete({vector}, %s::text[])))"


def _pair_tokens(query: TermQuery) -> list[str]:
    """The query's adjacent pairs as tokens of the pairs index ('su_dung')."""
    return list(dict.fromkeys(pair_token(fold(a), fold(b)) for a, b in query.bigrams))


def _any_of(tokens: list[str]) -> str:
    """An FTS5 OR of our own tokens (letters, digits and the pair joiner), each quoted."""
    return " OR ".join(f'"{t}"' for t in tokens)


def _all_of(tokens: list[str]) -> str:
    return " AND ".join(f'"{t}"' for t in tokens)


def _summed(scored_lists) -> list[tuple[int, float]]:
    """Scores of the same entries from several (entry, score) lists added up, best first."""
    total: dict[int, float] = {}
    for scored in scored_lists:
        for entry_id, score in scored:
            total[entry_id] = total.get(entry_id, 0.0) + score
    return sorted(total.items(), key=lambda x: (-x[1], x[0]))


def _with_phrase_words(query: TermQuery) -> TermQuery:
    """A query of quoted phrases only, with their words as its words (pairs within each phrase only)."""
    if query.terms:
        return query
    return TermQuery(terms=[t for p in query.phrases for t in p], accented=query.accented, phrases=query.phrases,
                     sequence=[t for p in query.phrases for t in [*p, ""]])


def get_backend() -> SearchBackend:
    """The backend for the database in use: SQLite FTS5 (embedded default) or PostgreSQL."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise RuntimeError(f"Tìm kiếm chưa hỗ trợ cơ sở dữ liệu {connection.vendor}.")
