"""DDL of the full-text structures, per database vendor (used by the migration and by `reindex`)."""
from ..text import MAX_PAIR_WORD, PAIR_JOINER

TABLE = "search_searchentry"
FTS = "search_fts"
COLUMNS = ("title", "heading", "body", "fold_title", "fold_heading", "fold_body")

_cols = ", ".join(COLUMNS)


def _values(row: str) -> str:
    # The document's title is indexed once, on the document's own entry: copied into each of its
    # articles it would make every article of "Luật Đất đai" match "đất đai" (slow on large
    # libraries, and the named-document boost in services does that job).
    return ", ".join(
        f"CASE WHEN {row}.kind = 'document' THEN {row}.{c} ELSE '' END" if c in ("title", "fold_title")
        else f"{row}.{c}" for c in COLUMNS
    )


_new = _values("new")
_old = _values("old")

SQLITE_FULLTEXT_FORWARD = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({_cols}, content='{TABLE}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    # Per-word document counts, read from the FTS index itself (used to prune very common words).
    f"CREATE VIRTUAL TABLE {FTS}_vocab USING fts5vocab('{FTS}', 'row')",
    f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, {_cols}) VALUES (new.id, {_new}); END",
    f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {_cols}) VALUES ('delete', old.id, {_old}); END",
    f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {_cols}) VALUES ('delete', old.id, {_old}); "
    f"INSERT INTO {FTS}(rowid, {_cols}) VALUES (new.id, {_new}); END",
]

# Article headings alone, a small index beside the full one: on large libraries a keyword query is first
# answered by the articles whose heading holds every word, which must not cost a pass over the posting
# lists of every article's text.
HEADINGS = f"{FTS}_heading"
HEADING_COLUMNS = ("heading", "fold_heading")
_heading_cols = ", ".join(HEADING_COLUMNS)


def _heading_values(row: str) -> str:
    return ", ".join(f"CASE WHEN {row}.kind = 'article' THEN {row}.{c} ELSE '' END" for c in HEADING_COLUMNS)


SQLITE_HEADINGS_FORWARD = [
    f"CREATE VIRTUAL TABLE {HEADINGS} USING fts5({_heading_cols}, content='{TABLE}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"INSERT INTO {HEADINGS}(rowid, {_heading_cols}) SELECT e.id, {_heading_values('e')} FROM {TABLE} e",
    f"CREATE TRIGGER {HEADINGS}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {HEADINGS}(rowid, {_heading_cols}) VALUES (new.id, {_heading_values('new')}); END",
    f"CREATE TRIGGER {HEADINGS}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {HEADINGS}({HEADINGS}, rowid, {_heading_cols}) VALUES ('delete', old.id, {_heading_values('old')}); END",
    f"CREATE TRIGGER {HEADINGS}_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {HEADINGS}({HEADINGS}, rowid, {_heading_cols}) VALUES ('delete', old.id, {_heading_values('old')}); "
    f"INSERT INTO {HEADINGS}(rowid, {_heading_cols}) VALUES (new.id, {_heading_values('new')}); END",
]
SQLITE_HEADINGS_REVERSE = [
    f"DROP TRIGGER IF EXISTS {HEADINGS}_ai", f"DROP TRIGGER IF EXISTS {HEADINGS}_ad",
    f"DROP TRIGGER IF EXISTS {HEADINGS}_au", f"DROP TABLE IF EXISTS {HEADINGS}",
]
# Adjacent syllable pairs of article headings and texts as tokens ('su_dung'), beside the full index: on
# large libraries a question is ranked on its rarer pairs without reading the huge posting lists of the
# common syllables that form them. Contentless (the pairs are derived, never shown), so a row is removed
# by repeating the tokens it was given: PAIR_FUNCTION (text.pair_text, registered on every SQLite
# connection by the app) is deterministic; a change of its output needs the table rebuilt (a migration
# that runs SQLITE_PAIRS_REVERSE then SQLITE_PAIRS_FORWARD).
PAIRS = f"{FTS}_pairs"
PAIR_FUNCTION = "search_pair_text"


def _pairs_of(row: str) -> str:
    return f"{PAIR_FUNCTION}({row}.fold_heading), {PAIR_FUNCTION}({row}.fold_body)"


_insert_pairs = (f"INSERT INTO {PAIRS}(rowid, heading, body) SELECT new.id, {_pairs_of('new')} "
                 f"WHERE new.kind = 'article';")
_delete_pairs = (f"INSERT INTO {PAIRS}({PAIRS}, rowid, heading, body) SELECT 'delete', old.id, {_pairs_of('old')} "
                 f"WHERE old.kind = 'article';")
SQLITE_PAIRS_FORWARD = [
    f"CREATE VIRTUAL TABLE {PAIRS} USING fts5(heading, body, content='', "
    f"tokenize=\"unicode61 remove_diacritics 0 tokenchars '{PAIR_JOINER}'\")",
    f"CREATE VIRTUAL TABLE {PAIRS}_vocab USING fts5vocab('{PAIRS}', 'row')",
    f"INSERT INTO {PAIRS}(rowid, heading, body) SELECT e.id, {_pairs_of('e')} FROM {TABLE} e WHERE e.kind = 'article'",
    f"CREATE TRIGGER {PAIRS}_ai AFTER INSERT ON {TABLE} BEGIN {_insert_pairs} END",
    f"CREATE TRIGGER {PAIRS}_ad AFTER DELETE ON {TABLE} BEGIN {_delete_pairs} END",
    f"CREATE TRIGGER {PAIRS}_au AFTER UPDATE ON {TABLE} BEGIN {_delete_pairs} {_insert_pairs} END",
]
SQLITE_PAIRS_REVERSE = [
    f"DROP TRIGGER IF EXISTS {PAIRS}_ai", f"DROP TRIGGER IF EXISTS {PAIRS}_ad", f"DROP TRIGGER IF EXISTS {PAIRS}_au",
    f"DROP TABLE IF EXISTS {PAIRS}_vocab", f"DROP TABLE IF EXISTS {PAIRS}",
]
SQLITE_FULLTEXT_REVERSE = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai", f"DROP TRIGGER IF EXISTS {FTS}_ad", f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}_vocab", f"DROP TABLE IF EXISTS {FTS}",
]


def _pg_vector(prefix: str) -> str:
    def part(column: str, weight: str) -> str:
        # Our own word boundaries (letters and digits), so that both sides tokenize alike.
        value = f"coalesce(NEW.{prefix}{column}, '')"
        if column == "title":  # indexed on the document's own entry only (see _values above)
            value = f"CASE WHEN NEW.kind = 'document' THEN {value} ELSE '' END"
        return (f"setweight(to_tsvector('simple', regexp_replace(lower({value}), "
                f"'[^[:alnum:]]+', ' ', 'g')), '{weight}')")

    return " || ".join([part("title", "C"), part("heading", "A"), part("body", "D")])


# The adjacent syllable pairs of an article's folded heading and text as lexemes ('su_dung', no positions),
# as text.pair_text makes them: the pool of candidates is chosen by the question's rarer pairs with one
# GIN lookup each, where a phrase query ('su' <-> 'dung') rechecks every row holding both words.
PG_PAIR_FUNCTION = "search_pair_lexemes"


def _pg_trigger_function(*, pairs: bool) -> str:
    pair_line = (f"  NEW.vec_p := CASE WHEN NEW.kind = 'article' THEN {PG_PAIR_FUNCTION}(NEW.fold_heading) || "
                 f"{PG_PAIR_FUNCTION}(NEW.fold_body) ELSE ''::tsvector END;\n") if pairs else ""
    return f"""CREATE OR REPLACE FUNCTION {TABLE}_tsv() RETURNS trigger AS $$
BEGIN
  NEW.vec_a := {_pg_vector('')};
  NEW.vec_f := {_pg_vector('fold_')};
{pair_line}  RETURN NEW;
END $$ LANGUAGE plpgsql"""


POSTGRES_FORWARD = [
    f"ALTER TABLE {TABLE} ADD COLUMN vec_a tsvector, ADD COLUMN vec_f tsvector",
    _pg_trigger_function(pairs=False),
    f"CREATE TRIGGER {TABLE}_tsv BEFORE INSERT OR UPDATE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION {TABLE}_tsv()",
    # fastupdate off: a pending list left by a bulk import would slow every search until VACUUM.
    f"CREATE INDEX {TABLE}_vec_a ON {TABLE} USING gin(vec_a) WITH (fastupdate = off)",
    f"CREATE INDEX {TABLE}_vec_f ON {TABLE} USING gin(vec_f) WITH (fastupdate = off)",
]

POSTGRES_PAIRS_FORWARD = [
    f"""CREATE FUNCTION {PG_PAIR_FUNCTION}(text) RETURNS tsvector AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT w || '{PAIR_JOINER}' || next)), ''::tsvector) FROM (
    SELECT w, lead(w) OVER (ORDER BY i) AS next
    FROM unnest(regexp_split_to_array(lower(coalesce($1, '')), '[^[:alnum:]]+')) WITH ORDINALITY AS t(w, i)
    WHERE w <> '' AND length(w) <= {MAX_PAIR_WORD}
  ) p WHERE next IS NOT NULL
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE""",
    f"ALTER TABLE {TABLE} ADD COLUMN vec_p tsvector",
    _pg_trigger_function(pairs=True),
    f"UPDATE {TABLE} SET vec_p = ''::tsvector",  # the trigger fills the column of the rows already there
    f"CREATE INDEX {TABLE}_vec_p ON {TABLE} USING gin(vec_p) WITH (fastupdate = off)",
]
POSTGRES_PAIRS_REVERSE = [
    f"DROP INDEX IF EXISTS {TABLE}_vec_p",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vec_p",
    _pg_trigger_function(pairs=False),
    f"DROP FUNCTION IF EXISTS {PG_PAIR_FUNCTION}(text)",
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_tsv ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_tsv()",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vec_a, DROP COLUMN IF EXISTS vec_f",
]

# What migration 0002 created; 0004 added the headings index, 0005 the pairs index.
FULLTEXT_FORWARD_SQL = {"sqlite": SQLITE_FULLTEXT_FORWARD, "postgresql": POSTGRES_FORWARD}
FULLTEXT_REVERSE_SQL = {"sqlite": SQLITE_FULLTEXT_REVERSE, "postgresql": POSTGRES_REVERSE}
# Everything, as `reindex --recreate` and a migration that rebuilds the entries table must recreate it.
FORWARD_SQL = {"sqlite": SQLITE_FULLTEXT_FORWARD + SQLITE_HEADINGS_FORWARD + SQLITE_PAIRS_FORWARD,
               "postgresql": POSTGRES_FORWARD + POSTGRES_PAIRS_FORWARD}
REVERSE_SQL = {"sqlite": SQLITE_PAIRS_REVERSE + SQLITE_HEADINGS_REVERSE + SQLITE_FULLTEXT_REVERSE,
               "postgresql": POSTGRES_PAIRS_REVERSE + POSTGRES_REVERSE}
