"""The search index: one row per searchable unit (a document, or one of its articles).

Rows are derived data, rebuilt from `laws` by `indexing.index_document` in the same transaction as the
edit. The full-text structures on top of this table depend on the database (an FTS5 table kept in
step by triggers on SQLite, tsvector columns with GIN indexes on PostgreSQL); see `backends`.
"""
from django.db import models


class EntryKind(models.TextChoices):
    DOCUMENT = "document", "Văn bản"
    ARTICLE = "article", "Điều"


class SearchEntry(models.Model):
    document = models.ForeignKey("laws.Document", on_delete=models.CASCADE, related_name="search_entries")
    # Plain id, not a foreign key: provisions are replaced wholesale when a text is re-parsed, and the
    # index is rebuilt right after in the same transaction.
    provision_id = models.BigIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    # Filters and facets, copied from the document so that a search needs no join.
    number_key = models.CharField(max_length=80, blank=True, db_index=True)
    doc_type = models.CharField(max_length=30, blank=True)
    issuer = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=30, blank=True)  # effective status of this unit (article or document)
    fields = models.CharField(max_length=500, blank=True)  # "|dat-dai|giao-thong|"
    # What is shown and searched. `title` is the document's title, `heading` the article's own heading.
    # article number ('5', '2a'); for the sections of a document without articles, their citation ('Khoản 1 Mục III')
    number = models.CharField(max_length=20, blank=True)
    anchor = models.CharField(max_length=120, blank=True)
    position = models.PositiveIntegerField(default=0)
    breadcrumb = models.CharField(max_length=500, blank=True)
    title = models.TextField(blank=True)
    heading = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The same three, folded (lower case, no diacritics, đ -> d), so that unaccented queries match.
    fold_title = models.TextField(blank=True)
    fold_heading = models.TextField(blank=True)
    fold_body = models.TextField(blank=True)
    length = models.PositiveIntegerField(default=0)  # syllables in title, heading and body (for BM25)

    class Meta:
        indexes = [
            models.Index(fields=["document", "kind"]),
            models.Index(fields=["kind", "number_key"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.heading}" if self.heading else self.title


class SearchTerm(models.Model):
    """Document frequency of a word among indexed articles (PostgreSQL ranking needs it; SQLite's FTS5
    keeps its own): folded words, pairs ('su_dung') and, marked, words as written ('~đất'). Rows '#n' and
    '#len' hold the number of articles and their total length."""

    term = models.TextField(primary_key=True)
    df = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term}: {self.df}"


class Embedding(models.Model):
    """The semantic vectors of one article entry: its passages (overlapping windows of the text, each
    prefixed with the document title) embedded by `embeddings.MODEL`, as float16 rows of DIM values.

    Derived data like the entry itself: deleted with it, and filled in by `embeddings.embed_pending`
    (the `embed` command), which skips what is already there."""

    entry = models.OneToOneField(SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="embedding")
    model = models.CharField(max_length=60)
    passages = models.PositiveSmallIntegerField()
    vectors = models.BinaryField()

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.passages} × {self.model}"
