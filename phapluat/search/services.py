"""The one search entry point: `search(query, filters=..., page=...)`, used by the page, the
suggestions and the benchmark alike.

Steps: understand the query (text.parse_query), find documents by number, get lexical candidates from
the database backend, re-rank them with shared signals (document named in the query, article number,
legal effect, exact accents), then page, snippet and count facets.
"""
from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from . import diacritics
from .backends import Filters, TermQuery, get_backend
from .models import EntryKind, SearchEntry
from .text import (DEFINITION_HEADINGS, ParsedQuery, clean_query, defined_terms, defines, fold, folded_words,
                   has_diacritics, parse_query, snippet_window, stopwords, words)
from .vectors import PendingSimilarities, Similarities, similarities

# How many lexical candidates are re-ranked; facets are counted over them.
CANDIDATES = 100
# A query that finds fewer articles than this is completed by a looser pass (see _lexical_passes); with
# more, page one is full of exact matches and another pass would only cost time (a third of the slowest
# queries on 200,000 articles).
FOLDED_FILL_BELOW = 20
PER_PAGE = 10
MAX_PAGE = 50
# Share of words typed with diacritics above which a query is matched on accented text first.
ACCENTED_SHARE = 0.4

# Keyword queries up to this many distinct words need all of them; longer ones and questions rank by any.
ALL_TERMS_UP_TO = 6
# Longer queries are questions, not names: they are not matched against document titles.
DOCUMENT_QUERY_TERMS = 10
# Re-ranking factors (multiplicative on the normalised lexical score).
NAMED_DOCUMENT_BOOST = 1.5  # the document's title is written out in the query ("theo Luật Cư trú")
NAMED_ARTICLE_BOOST = 3.0  # "Điều 5" in the query and this is Điều 5 of a named/number-matched document
DEFINITION_BOOST = 1.5  # "X là gì?" and this is the article that defines X ("Giải thích từ ngữ")
STATEMENT_BOOST = 1.05  # "X là Y, đúng hay sai?" and this article defines X or Y
NOT_CURRENT_FACTOR = 0.6  # expired, suspended or not yet in force: ranked below current provisions
# Hybrid ranking (questions and descriptions, not names): the lexical score, normalised to the best one,
# plus this weight times the cosine similarity of the question to the article (e5 cosines lie in a narrow
# band, ~0.75-0.9). 4, 6, 8 and 10 tried on the ALQAC dev questions: 6 best, 4-8 within 0.4 point of R@1.
SEMANTIC_WEIGHT = 6.0
SEMANTIC_MIN_TERMS = 4  # fewer distinct words: a name or a keyword lookup, ranked on keywords alone
SEMANTIC_CANDIDATES = 20  # articles closest in meaning added to the lexical candidates

# Quoted as current law only with a verified or derived status (laws.models.CURRENT_STATUSES)...
CURRENT = {"con-hieu-luc", "het-hieu-luc-mot-phan"}
# ...but an unverified one is not known to be out of force either: it is not ranked down.
RANKED_AS_CURRENT = CURRENT | {"chua-xac-minh", "chua-xac-dinh", ""}
STATUS_LABELS = {
    "chua-xac-minh": "Chưa xác minh hiệu lực",
    "con-hieu-luc": "Còn hiệu lực",
    "het-hieu-luc-mot-phan": "Hết hiệu lực một phần",
    "het-hieu-luc": "Hết hiệu lực",
    "chua-co-hieu-luc": "Chưa có hiệu lực",
    "ngung-hieu-luc": "Ngưng hiệu lực",
    "chua-xac-dinh": "Chưa xác định",
}


@dataclass
class Snippet:
    parts: list[tuple[str, bool]]  # (text, highlighted)
    cut_before: bool = False
    cut_after: bool = False


@dataclass
class Hit:
    entry_id: int
    document_id: int
    provision_id: int | None
    kind: str
    title: str
    heading: str
    number: str  # article number
    anchor: str
    breadcrumb: str
    status: str
    number_key: str
    doc_type: str
    score: float
    issuer: str = ""  # the document's, as the facets count them
    year: int | None = None
    document_number: str = ""
    slug: str = ""  # the document's page
    snippet: Snippet | None = None
    url: str = ""
    by_meaning: bool = False  # found by the semantic signal alone: it shares no keyword with the query

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT

    @property
    def ranked_as_current(self) -> bool:
        return self.status in RANKED_AS_CURRENT

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "")

    @property
    def status_notice(self) -> str:
        """What a reader must know before relying on a hit that is not current law ('' if it is)."""
        if self.is_current:
            return ""
        if self.status in ("chua-xac-minh", "chua-xac-dinh", ""):
            return "Chưa xác minh hiệu lực: thư viện chưa có nguồn xác nhận quy định này còn hiệu lực."
        if self.status == "chua-co-hieu-luc":
            return "Chưa có hiệu lực: quy định này chưa được áp dụng."
        if self.status == "ngung-hieu-luc":
            return "Ngưng hiệu lực: quy định này đang tạm ngưng áp dụng."
        return "Hết hiệu lực: quy định này không còn được áp dụng; hãy kiểm tra văn bản thay thế."

    @property
    def label(self) -> str:
        if self.kind != EntryKind.ARTICLE:
            return self.title
        # An article's number is a number ('5', '10a'); a plan's section carries its citation ('Khoản 1 Mục III').
        number = f"Điều {self.number}" if self.number[:1].isdigit() else self.number
        return f"{number}. {self.heading}".strip(". ")


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: ParsedQuery
    filters: Filters
    articles: list[Hit] = field(default_factory=list)  # the current page
    restored: str = ""  # the question with its diacritics restored, when it was typed without them
    documents: list[Hit] = field(default_factory=list)  # matching documents (number, title)
    total: int = 0  # article hits considered (at most CANDIDATES)
    page: int = 1
    per_page: int = PER_PAGE
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    elapsed_ms: float = 0.0
    accented: bool = False
    in_order: bool = False  # the query named documents: `articles` are theirs, as they read, not ranked
    missing_numbers: list[str] = field(default_factory=list)  # document numbers asked that no document has

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def start(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def is_empty(self) -> bool:
        return not self.articles and not self.documents


def accented_mode(pq: ParsedQuery) -> bool:
    ws = [w for w in words(pq.raw[:1000]) if not w.isdigit()]
    if not ws:
        return False
    return sum(1 for w in ws if has_diacritics(w)) / len(ws) >= ACCENTED_SHARE


def _term_query(pq: ParsedQuery, accented: bool, *, any_word: bool = False) -> TermQuery:
    if accented:
        sequence = [w for w in words(pq.text)][:len(pq.sequence)]
    else:
        sequence = list(pq.sequence)
    wanted = set(pq.terms)
    terms = [w for w in sequence if fold(w) in wanted]
    # Pairs of two stopwords ('đúng hay', 'hay sai') say nothing; mark them out of the sequence.
    stop = stopwords()
    cleaned = [w if not (w in stop and (i + 1 >= len(sequence) or sequence[i + 1] in stop)
                         and (i == 0 or sequence[i - 1] in stop)) else "" for i, w in enumerate(sequence)]
    return TermQuery(terms=terms, accented=accented, phrases=pq.typed_phrases if accented else pq.phrases,
                     sequence=cleaned,
                     require_all=not (any_word or pq.is_question) and len(set(terms)) <= ALL_TERMS_UP_TO)


def _lexical_passes(pq: ParsedQuery, accented: bool):
    """The term queries to ask in turn while fewer than FOLDED_FILL_BELOW articles are found: as typed;
    then without accents (a typo in the accents, an unaccented word); then, for a document's name with a
    topic ("luật đất đai chuyển nhượng", whose name is in the title, not in the article), any word."""
    first = _term_query(pq, accented)
    yield first
    if accented:
        yield _term_query(pq, False)
    if first.require_all and pq.names_a_type:
        yield _term_query(pq, False, any_word=True)


def _number_matches(pq: ParsedQuery, filters: Filters) -> list[int]:
    """Ids of documents whose number matches one written in the query (exact first)."""
    if not pq.numbers:
        return []
    condition = Q()
    for number in pq.numbers:
        prefix = number.prefix
        condition |= Q(number_key=prefix) if number.year and number.suffix else Q(number_key__startswith=prefix)
        if not number.year:
            # '60' also matches '060/...' as written in some sources.
            condition |= Q(number_key__startswith="0" + prefix)
    qs = SearchEntry.objects.filter(condition, kind=EntryKind.DOCUMENT)
    if pq.doc_types:
        qs = qs.filter(doc_type__in=pq.doc_types)
    if filters.doc_type:
        qs = qs.filter(doc_type=filters.doc_type)
    rows = list(qs.values_list("document_id", "number_key")[:20])
    exact = {n.prefix for n in pq.numbers}
    rows.sort(key=lambda r: (r[1] not in exact, r[1]))
    return [doc_id for doc_id, _ in rows]


def _named_documents(folded_query: str, titles: dict[int, str]) -> set[int]:
    """Documents whose (folded) title is written out in the query, as whole words."""
    padded = f" {' '.join(folded_words(folded_query))} "
    named = set()
    for doc_id, title in titles.items():
        t = " ".join(folded_words(title))
        if len(t.split()) >= 2 and f" {t} " in padded:
            named.add(doc_id)
    return named


_HIT_COLUMNS = tuple(f"e.{c}" for c in ("id", "document_id", "provision_id", "kind", "title", "heading", "number",
                                         "anchor", "breadcrumb", "status", "number_key", "doc_type", "issuer", "year"))
_HIT_DOCUMENT_COLUMNS = ("d.number", "d.slug")
_HIT_FIELDS = [c.split(".")[1] for c in _HIT_COLUMNS[1:]] + ["document_number", "slug"]


def _fetch_hits(ids: list[int], articles_within: Filters | None = None) -> dict[int, Hit]:
    """The hits of these entries; with `articles_within`, only those that are articles passing the filters."""
    where, params = "", []
    if articles_within is not None:
        where, params = articles_within.sql()
        where, params = f" AND e.kind = %s{where}", [EntryKind.ARTICLE, *params]
    # In SQL, with their documents' number and page (read before the question's meaning is known, while
    # the page's documents would be read after it): the ORM took 1.3 ms for 100 rows, the statement 0.5.
    columns = ", ".join(_HIT_COLUMNS + _HIT_DOCUMENT_COLUMNS)
    rows = _rows_of(ids, columns, where, tuple(params), with_document=True)
    return {row[0]: Hit(**dict(zip(_HIT_FIELDS, row[1:])), entry_id=row[0], score=0.0) for row in rows}


def _rows_of(ids: list[int], columns: str, where: str = "", params: tuple = (), *,
             with_document: bool = False) -> list[tuple]:
    """These columns of the entries `ids` (alias e; their document d `with_document`) that meet `where`,
    in no order."""
    if not ids:
        return []
    placeholders = ", ".join(["%s"] * len(ids))
    documents = SearchEntry._meta.get_field("document").related_model._meta.db_table
    joined = f" JOIN {documents} d ON d.id = e.document_id" if with_document else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {SearchEntry._meta.db_table} e{joined} "
                       f"WHERE e.id IN ({placeholders}){where}", [*map(int, ids), *params])
        return cursor.fetchall()


def _rank_articles(pq: ParsedQuery, filters: Filters, number_docs: list[int],
                   semantic: bool = True) -> tuple[list[Hit], bool]:
    backend = get_backend()
    accented = accented_mode(pq)
    article_filters = filters
    if number_docs:
        article_filters = Filters(**{**filters.__dict__, "document_ids": number_docs})
    scored: dict[int, float] = {}
    pending = _similarities(pq) if semantic else None  # the question is embedded meanwhile
    first: tuple[TermQuery, float] | None = None  # the first pass and its best score
    for n, query in enumerate(_lexical_passes(pq, accented) if pq.terms or pq.phrases else ()):
        if n and len(scored) >= FOLDED_FILL_BELOW:
            break
        found = backend.candidates(query, kind=EntryKind.ARTICLE, filters=article_filters, limit=CANDIDATES)
        top = found[0][1] if found and found[0][1] > 0 else 1.0
        first = first or (query, top)
        for entry_id, score in found:
            scored.setdefault(entry_id, (0.0 if n else 1.0) + score / top)  # the first pass stays above
    if pq.article:
        # "Điều 5" of the document named or numbered in the query, even if its text shares no word.
        same_number = SearchEntry.objects.filter(kind=EntryKind.ARTICLE, number=pq.article)
        if number_docs:
            same_number = same_number.filter(document_id__in=number_docs)
        for pk in same_number.values_list("pk", flat=True)[:CANDIDATES]:
            scored.setdefault(pk, 1.0)
    # Read while the question is still being embedded: the embedding is the longer of the two.
    hits = _fetch_hits(list(scored))
    boosts = _definitions(pq, hits)
    meaning = pending.result() if pending is not None else None
    if meaning is not None:
        by_meaning = _fetch_hits([e for e in meaning.top(SEMANTIC_CANDIDATES) if e not in scored], article_filters)
        close = list(by_meaning)
        if close and first and not backend.exhaustive:
            # Close in meaning but left out of the backend's pool: ranked with the keyword score they have.
            query, top = first
            for entry_id, score in backend.score(query, close).items():
                scored[entry_id] = 1.0 + score / top
        for entry_id in close:
            scored.setdefault(entry_id, 0.0)
        for hit in by_meaning.values():
            hit.by_meaning = True
        boosts |= _definitions(pq, by_meaning)
        hits |= by_meaning
    if not hits:
        return [], accented
    titles = {h.document_id: h.title for h in hits.values()}
    named = _named_documents(" ".join([pq.text, *pq.expansions]), titles)
    targeted = named | set(number_docs)
    for entry_id, hit in hits.items():
        score = scored[entry_id]
        if hit.document_id in named:
            score *= NAMED_DOCUMENT_BOOST
        if pq.article and hit.number == pq.article and (hit.document_id in targeted or not targeted):
            score *= NAMED_ARTICLE_BOOST
        hit.score = score
    if meaning is not None:
        _add_meaning(hits, meaning)
    for entry_id, boost in boosts.items():
        hits[entry_id].score *= boost
    for hit in hits.values():
        if not hit.ranked_as_current:
            hit.score *= NOT_CURRENT_FACTOR
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.entry_id))
    return ranked, accented


def _definitions(pq: ParsedQuery, hits: dict[int, Hit]) -> dict[int, float]:
    """Candidates that define a term the question asks the meaning of, with their boost: DEFINITION_BOOST
    for "X là gì?", STATEMENT_BOOST for a statement "X là Y" (which is as often about something else)."""
    asked, stated = defined_terms(pq.text), defined_terms(pq.text, statements=True)
    if not (asked or stated):
        return {}
    headings = sorted(DEFINITION_HEADINGS)
    boosts = {}
    for pk, body in _rows_of(list(hits), "id, fold_body",
                             f" AND fold_heading IN ({', '.join(['%s'] * len(headings))})", tuple(headings)):
        if asked and defines(body, asked):
            boosts[pk] = DEFINITION_BOOST
        elif defines(body, stated):
            boosts[pk] = STATEMENT_BOOST
    return boosts


def _similarities(pq: ParsedQuery) -> PendingSimilarities | None:
    """The semantic signal, for questions and descriptions only: a name, a few keywords or 'Điều N' are a
    lookup that keywords answer exactly, and a quoted phrase asks for those very words."""
    if pq.phrases or pq.article or len(set(pq.terms)) < SEMANTIC_MIN_TERMS:
        return None
    return similarities(clean_query(pq.raw))


def _add_meaning(hits: dict[int, Hit], meaning: Similarities) -> None:
    """Lexical score (normalised to the best) + SEMANTIC_WEIGHT × cosine. An article not embedded yet
    gets the mean similarity of the others, so that an index being embedded ranks fairly."""
    cosine = meaning.of(hits)
    if not cosine:
        return
    neutral = sum(cosine.values()) / len(cosine)
    top = max(h.score for h in hits.values()) or 1.0
    for entry_id, hit in hits.items():
        hit.score = hit.score / top + SEMANTIC_WEIGHT * cosine.get(entry_id, neutral)


def _name_terms(pq: ParsedQuery) -> list[str]:
    """The words that may name a document: all but "Điều N" ("BLDS điều 5" names Bộ luật Dân sự)."""
    article_words = {"dieu", pq.article} if pq.article else set()
    return [t for t in dict.fromkeys(pq.terms) if t not in article_words]


def _rank_documents(pq: ParsedQuery, filters: Filters, number_docs: list[int]) -> list[Hit]:
    scored: dict[int, float] = {}
    if number_docs:
        ids = SearchEntry.objects.filter(document_id__in=number_docs, kind=EntryKind.DOCUMENT).values_list(
            "pk", "document_id")
        order = {doc_id: i for i, doc_id in enumerate(number_docs)}
        for pk, doc_id in ids:
            scored[pk] = 100.0 - order[doc_id]
    name_terms = _name_terms(pq)
    if name_terms and not pq.numbers and len(pq.terms) <= DOCUMENT_QUERY_TERMS:
        # Titles: documents are few (thousands, not millions), so a plain scan of their titles is fast
        # and does not wade through every article of the documents named.
        qs = SearchEntry.objects.filter(kind=EntryKind.DOCUMENT)
        for term in name_terms:
            qs = qs.filter(fold_title__contains=term)
        for name in ("doc_type", "issuer", "year", "status"):
            if getattr(filters, name):
                qs = qs.filter(**{name: getattr(filters, name)})
        if filters.field:
            qs = qs.filter(fields__contains=f"|{filters.field}|")
        for entry_id, title in qs.values_list("pk", "fold_title")[:200]:
            scored.setdefault(entry_id, 10.0 / (1 + len(title)))
    hits = _fetch_hits(list(scored))
    wanted = set(name_terms)
    result = []
    for entry_id, hit in hits.items():
        hit.score = scored[entry_id]
        if entry_id in scored and scored[entry_id] >= 90:
            result.append(hit)
            continue
        title_words = set(folded_words(hit.title)) | set(folded_words(hit.heading))
        # A document is a result when the query is (mostly) its name, not when one word is shared.
        if wanted and len(wanted & title_words) / len(wanted) >= 0.75:
            if not hit.ranked_as_current:
                hit.score *= NOT_CURRENT_FACTOR
            result.append(hit)
    result.sort(key=lambda h: (-h.score, h.entry_id))
    return result[:5]


def _named_by_query(pq: ParsedQuery, documents: list[Hit]) -> list[int]:
    """Documents whose title holds every word of the query (apart from 'Điều N')."""
    wanted = set(_name_terms(pq))
    if not wanted:
        return []
    return [h.document_id for h in documents if wanted <= set(folded_words(h.title))]


def _names_only(pq: ParsedQuery, target_docs: list[int], documents: list[Hit]) -> bool:
    """The query only names documents (title, number, type), perhaps with "Điều N": "Luật Hôn nhân và gia
    đình", "nd 100/2019", "BLDS điều 5". Their articles are then read in order, not searched for the words
    of their name."""
    if not target_docs or pq.phrases or pq.is_question:
        return False
    from phapluat.laws.models import DocumentType

    labels = dict(DocumentType.choices)
    names = {w for h in documents if h.document_id in target_docs for w in folded_words(h.title)}
    names |= {w for t in pq.doc_types for w in folded_words(labels.get(t, ""))}
    return not (set(_name_terms(pq)) - names)


def _articles_in_order(pq: ParsedQuery, document_ids: list[int], filters: Filters) -> list[Hit]:
    """The articles of these documents as they read (the documents in the given order), "Điều N" first."""
    where, params = filters.sql()
    placeholders = ", ".join(["%s"] * len(document_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.id, e.document_id, e.number FROM {SearchEntry._meta.db_table} e WHERE e.kind = %s "
                       f"AND e.document_id IN ({placeholders}){where} ORDER BY e.position, e.id",
                       [EntryKind.ARTICLE, *document_ids, *params])
        rows = cursor.fetchall()
    rank = {doc_id: i for i, doc_id in enumerate(document_ids)}
    rows.sort(key=lambda r: (r[2] != pq.article, rank[r[1]]))  # stable: positions stay in order
    rows = rows[:MAX_PAGE * PER_PAGE]  # every page a reader can reach, not only the first CANDIDATES
    hits = _fetch_hits([entry_id for entry_id, _, _ in rows])
    ranked = [hits[entry_id] for entry_id, _, _ in rows if entry_id in hits]
    for i, hit in enumerate(ranked):
        hit.score = float(len(ranked) - i)
    return ranked


def _facets(hits: list[Hit], filters: Filters) -> dict[str, list[Facet]]:
    from phapluat.laws.models import DocumentType

    types, statuses, years, issuers = Counter(), Counter(), Counter(), Counter()
    for h in hits:
        types[h.doc_type] += 1
        statuses[h.status] += 1
        if h.year:
            years[str(h.year)] += 1
        if h.issuer:
            issuers[h.issuer] += 1
    type_labels = dict(DocumentType.choices)
    return {
        "doc_type": [Facet(v, type_labels.get(v, v or "Khác"), c, v == filters.doc_type)
                     for v, c in types.most_common() if v],
        "status": [Facet(v, STATUS_LABELS.get(v, v), c, v == filters.status) for v, c in statuses.most_common() if v],
        "year": [Facet(v, v, c, v == str(filters.year or "")) for v, c in sorted(years.items(), reverse=True)],
        "issuer": [Facet(v, v, c, v == filters.issuer) for v, c in issuers.most_common(10)],
    }


def _snippet(text: str, terms: set[str], pairs: frozenset[tuple[str, str]]) -> Snippet:
    window, spans, before, after = snippet_window(text, terms, pairs=pairs)
    parts, last = [], 0
    for s, e in spans:
        if s > last:
            parts.append((window[last:s], False))
        parts.append((window[s:e], True))
        last = e
    if last < len(window):
        parts.append((window[last:], False))
    return Snippet(parts, before, after)


def _document_url(slug: str) -> str:
    try:
        return reverse("laws:document", kwargs={"slug": slug}) if slug else ""
    except NoReverseMatch:  # a slug that is not URL-safe must not break the results page
        return ""


def search(query: str, *, filters: Filters | None = None, page: int = 1, per_page: int = PER_PAGE,
           snippets: bool = True, semantic: bool = True, restore: bool = True) -> SearchResults:
    """Search the library. Never raises on user input: bad input gives an empty result.

    A question typed without diacritics is searched with them restored by the library's own model
    (`diacritics`), the folded match completing it. `semantic=False` ranks on keywords alone and
    `restore=False` searches as typed (the benchmarks' comparisons)."""
    started = time.perf_counter()
    filters = filters or Filters()
    restored = diacritics.restore(clean_query(query)) if restore else ""
    pq = parse_query(restored or query)
    page = min(max(1, int(page or 1)), MAX_PAGE)
    results = SearchResults(query=pq, filters=filters, page=page, per_page=per_page, restored=restored)
    if pq.is_empty and not any((filters.doc_type, filters.issuer, filters.year, filters.status, filters.field)):
        return results
    number_docs = _number_matches(pq, filters)
    if pq.numbers and not number_docs:  # said on the page: what follows matches the words only
        results.missing_numbers = [n.label for n in pq.numbers]
    results.documents = _rank_documents(pq, filters, number_docs)
    # A query that is a document's name ("luat dat dai", "BLDS điều 5") looks inside that document.
    target_docs = number_docs or _named_by_query(pq, results.documents)
    results.in_order = _names_only(pq, target_docs, results.documents)
    if results.in_order:
        ranked, results.accented = _articles_in_order(pq, target_docs, filters), accented_mode(pq)
    else:
        ranked, results.accented = _rank_articles(pq, filters, target_docs, semantic)
    results.total = len(ranked)
    results.articles = ranked[(page - 1) * per_page: page * per_page]
    if snippets:
        texts = dict(SearchEntry.objects.filter(pk__in=[h.entry_id for h in results.articles]).values_list(
            "id", "body"))
        # Articles listed in order show how they begin: the words of the document's name mark nothing.
        terms = set() if results.in_order else set(pq.terms) | {t for p in pq.phrases for t in p}
        pairs = frozenset(pair for words in (pq.sequence, *pq.phrases) for pair in zip(words, words[1:]))
        for hit in results.articles:
            hit.snippet = _snippet(texts.get(hit.entry_id, ""), terms, pairs)
    for hit in results.articles + results.documents:
        hit.url = _document_url(hit.slug) + (f"#{hit.anchor}" if hit.anchor else "")
    results.facets = _facets(ranked, filters)
    results.elapsed_ms = (time.perf_counter() - started) * 1000
    return results


def suggest(prefix: str, *, limit: int = 8) -> list[Hit]:
    """Documents whose number or title starts like what is being typed (for the search box)."""
    pq = parse_query(prefix)
    folded = " ".join(folded_words(prefix))
    if len(folded) < 2:
        return []
    qs = SearchEntry.objects.filter(kind=EntryKind.DOCUMENT)
    if pq.numbers:
        cond = Q()
        for n in pq.numbers:
            cond |= Q(number_key__startswith=n.prefix)
        qs = qs.filter(cond)
    else:
        key = fold(prefix).strip().replace(" ", "")
        cond = Q(number_key__startswith=key) if any(ch.isdigit() for ch in key) else Q(pk__in=[])
        title_cond = Q()
        for w in folded.split()[:8]:
            title_cond &= Q(fold_title__contains=w)
        qs = qs.filter(cond | title_cond)
    rows = list(qs.values("id", "document_id", "title", "heading", "number_key", "status", "fold_title")[:200])
    first = folded.split()[0] if folded else ""
    rows.sort(key=lambda r: (not r["fold_title"].startswith(folded), not r["fold_title"].startswith(first),
                             len(r["title"])))
    from phapluat.laws.models import Document

    slugs = dict(Document.objects.filter(pk__in=[r["document_id"] for r in rows[:limit]]).values_list("id", "slug"))
    out = []
    for r in rows[:limit]:
        out.append(Hit(entry_id=r["id"], document_id=r["document_id"], provision_id=None, kind=EntryKind.DOCUMENT,
                       title=r["title"], heading=r["heading"], number="", anchor="", breadcrumb="",
                       status=r["status"], number_key=r["number_key"], doc_type="", score=0.0,
                       document_number=r["heading"],
                       url=_document_url(slugs.get(r["document_id"], ""))))
    return out
