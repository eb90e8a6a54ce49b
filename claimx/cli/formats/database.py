"""``-o claims.db``: a SQLite database of the claims, through sqlite-utils, ready for Datasette.

Tables: ``articles`` (one row per article: its fields, item counts and text) and one per category
(``entities``, ``money``, ``locations``, ``dates``, ``projections``, ``quotes``) with the columns of
:mod:`claimx.cli.formats.flat`, primary key ``(article_id, item)`` and a foreign key to
``articles.id``.  Indexes on the columns people filter by, full-text search on article text and
titles, projection statements and quote contents.  Articles are committed in batches, each in one
transaction, so a killed run leaves a database holding every article committed so far, whole;
``--resume`` skips the ids already in it.  ``_claimx_meta`` holds the schema version and the
Datasette metadata (table and column descriptions, facets) that claimx's Datasette plugin serves.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from typing import Any

from claimx.__about__ import __version__
from claimx.cli.formats.base import OutputError, Renderer, Target, WriteError
from claimx.cli.formats.flat import Column, article_columns, article_row, categories, item_columns, item_rows
from claimx.schema import SCHEMA_VERSION, Article

META = "_claimx_meta"
#: articles per transaction
BATCH_ARTICLES = 32
#: columns indexed wherever a table has them: what people filter claims by
INDEXED = ("date", "subject", "subject_resolved", "speaker", "speaker_name", "currency", "value_currency",
           "horizon", "label", "country")
#: columns Datasette offers as facets wherever a table has them
FACETED = ("date_source", "label", "kind", "country", "currency", "value_currency", "value_unit", "hedge",
           "negated", "speaker", "horizon")
#: full-text search: table -> columns
FTS = {"articles": ("title", "text"), "projections": ("text",), "quotes": ("text",)}
_SQL_TYPES = {str: str, int: int, float: float, bool: int, list: str, dict: str}
_SIDE_FILES = ("-journal", "-wal", "-shm")


def table_columns(table: str) -> tuple[Column, ...]:
    if table == "articles":
        return (*article_columns(), Column("text", ("text",), str, "the article text the offsets point into"))
    return item_columns(table)


def _tables() -> tuple[str, ...]:
    return ("articles", *categories())


def datasette_metadata() -> dict[str, Any]:
    """Datasette's metadata for one claimx database: descriptions, facets, search, labels."""
    described = {
        "articles": "One row per article: where it came from, its date, how many items of each kind it "
                    "has, and its text (full-text searchable).",
        "entities": "Named entities (people, organisations, places, ...) with their OntoNotes label.",
        "money": "Money figures, normalised to numbers in major units and ISO 4217 currencies.",
        "locations": "Place mentions, normalised to an ISO country and, where possible, subdivision.",
        "dates": "Date expressions with their TIMEX3 value, relative to the article's date.",
        "projections": "Forward-looking statements: who projects what, for whom, by when, how hedged "
                       "(statement text full-text searchable).",
        "quotes": "Quotes and attributions: the content, its speaker and its cue (content full-text "
                  "searchable).",
    }
    tables: dict[str, Any] = {}
    for table in _tables():
        cols = table_columns(table)
        names = [c.name for c in cols]
        meta: dict[str, Any] = {
            "description": described.get(table, f"The {table} claimx found, one row per item."),
            "columns": {c.name: c.description for c in cols if c.description},
            "facets": [name for name in FACETED if name in names],
        }
        if table == "articles":
            meta["label_column"] = "id"
        else:
            meta["sort"] = "article_id"
        tables[table] = meta
    tables[META] = {"hidden": True}
    return {"title": "claimx claims",
            "description": f"Claims extracted by claimx {__version__} (schema {SCHEMA_VERSION}): money "
                           "figures, dates, places, entities, projections and quotes, each with its "
                           "offsets into the article text.",
            "tables": tables}


class SqliteRenderer(Renderer):
    name = "sqlite"
    suffixes = (".db", ".sqlite", ".sqlite3")
    binding_suffix = True
    resumable = True

    @classmethod
    def check(cls, target: Target) -> None:
        if target.output is None:
            raise OutputError("--format sqlite needs -o FILE.db: the database to write")

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.db: Any = None
        self.pending: list[tuple[Article, str]] = []
        self.committed = 0  # articles in the database, whole
        self.temp: str | None = None  # a new database written beside an old one, until its first commit

    def _is_claimx(self, path: str) -> bool:
        """Whether ``path`` is a claimx database (usage error for anything else)."""
        if os.path.isdir(path):
            raise OutputError(f"-o {path} is a folder, not a database file")
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                names = {row[0] for row in conn.execute("select name from sqlite_master")}
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise OutputError(f"-o {path} exists and is not a SQLite database ({exc})") from None
        if names and META not in names:
            raise OutputError(f"-o {path} is a database claimx did not write (no {META} table): "
                              "choose another name")
        return bool(names)

    def done(self) -> dict[str, str | None]:
        path = self.target.output
        assert path is not None
        if not os.path.exists(path) or not self._is_claimx(path):
            return {}
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            have = {row[1] for row in conn.execute("pragma table_info(articles)")}
            sha = "text_sha256" if "text_sha256" in have else "null"  # a database from before schema 2.1
            return {str(row[0]): row[1] for row in conn.execute(f"select id, {sha} from articles")}
        except sqlite3.OperationalError:
            return {}
        finally:
            conn.close()

    def open(self) -> None:
        path = self.target.output
        assert path is not None
        if os.path.exists(path) and self._is_claimx(path) and not self.target.resume:
            # A new run starts a new database, as -o FILE does: written beside the old one, which
            # it replaces once its first articles are committed (a run that stops before, or
            # whose pipeline cannot load, leaves the old database as it was).
            self.temp = f"{os.path.realpath(path)}.tmp{os.getpid()}"
            _remove(self.temp)
        self._connect(self.temp or path)

    def _connect(self, path: str) -> None:
        import sqlite_utils

        try:
            self.db = sqlite_utils.Database(path)
            with self.db.atomic():
                self._create()
        except sqlite3.Error as exc:
            raise OutputError(f"cannot write {self.target.output}: {exc}") from None

    def _publish(self) -> None:
        """After a commit: the new database takes the output's name (once), in place of the old one."""
        if self.temp is None:
            return
        temp, self.temp = self.temp, None
        target = os.path.realpath(str(self.target.output))
        self.db.close()
        self.db = None
        _remove(target, sides_only=True)  # the old database's journal must not be read as the new one's
        os.replace(temp, target)
        _remove(temp, sides_only=True)
        self._connect(target)

    def _create(self) -> None:
        db = self.db
        for table in _tables():
            cols = {c.name: _SQL_TYPES[c.kind] for c in table_columns(table)}
            t = db.table(table)
            if table == "articles":
                t.create(cols, pk="id", if_not_exists=True)
            else:
                t.create(cols, pk=("article_id", "item"), if_not_exists=True,
                         foreign_keys=[("article_id", "articles", "id")])
            have = set(t.columns_dict)
            for name, kind in cols.items():  # a database from an older schema gets the new columns
                if name not in have:
                    t.add_column(name, kind)
            for name in INDEXED:
                if name in cols:
                    t.create_index([name], if_not_exists=True, find_unique_name=True)
            if table in FTS and not t.detect_fts():
                t.enable_fts(list(FTS[table]), create_triggers=True)
        db.table(META).insert_all(
            [{"key": "schema_version", "value": SCHEMA_VERSION},
             {"key": "claimx_version", "value": __version__},
             {"key": "datasette", "value": json.dumps(datasette_metadata(), ensure_ascii=False)}],
            pk="key", replace=True)

    def write(self, article: Article, text: str) -> None:
        self.pending.append((article, text))
        if len(self.pending) >= BATCH_ARTICLES:
            self._flush()
        self.n += 1

    def _flush(self) -> None:
        """The pending articles, whole, in one transaction."""
        if not self.pending or self.db is None:
            return
        batch, self.pending = self.pending, []
        rows: dict[str, list[dict[str, Any]]] = {table: [] for table in _tables()}
        for article, text in batch:
            dump = article.model_dump(mode="json")
            rows["articles"].append({**article_row(article, dump), "text": text})
            for category in categories():
                rows[category].extend(item_rows(article, category, dump))
        ids = [(article.id,) for article, _ in batch]
        try:
            with self.db.atomic():
                for category in categories():  # an id seen again replaces its earlier items
                    self.db.conn.executemany(f"delete from [{category}] where article_id = ?", ids)
                for table, table_rows in rows.items():
                    if table_rows:
                        self.db.table(table).insert_all(table_rows, replace=True)
        except sqlite3.Error as exc:  # a full disk: the transaction is rolled back, the batch is not in
            raise WriteError(str(self.target.output), str(exc), safe=self.committed) from None
        self.committed += len(batch)
        self._publish()

    def close(self, *, complete: bool = True) -> None:
        if self.db is None:
            return
        try:
            if complete:
                self._flush()  # (a run that committed nothing leaves the old database as it was)
        finally:
            if self.db is not None:
                self.db.close()
                self.db = None
            if self.temp is not None:  # never started, or stopped before its first commit
                _remove(self.temp)
                self.temp = None


def _remove(path: str, *, sides_only: bool = False) -> None:
    """A database file and its journals (``sides_only``: the journals alone)."""
    for suffix in _SIDE_FILES if sides_only else ("", *_SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)
