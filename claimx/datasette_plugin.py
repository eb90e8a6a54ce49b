"""claimx's Datasette plugin: a database that claimx wrote describes itself to Datasette.

``datasette claims.db`` (with Datasette installed next to claimx: ``pip install 'claimx[datasette]'``)
then shows the table and column descriptions and the facets claimx stored in the database's
``_claimx_meta`` table, with no ``--metadata`` file.  Registered through the ``datasette`` entry
point; imports nothing from claimx, so it costs Datasette nothing to load.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import Any

from datasette import hookimpl

_CACHE: dict[str, tuple[tuple[int, int], dict[str, Any] | None]] = {}


def stored_metadata(path: str) -> dict[str, Any] | None:
    """The Datasette metadata stored in a claimx database; None for any other file."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    meta = None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("select value from _claimx_meta where key = 'datasette'").fetchone()
        finally:
            conn.close()
        meta = json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError):
        meta = None
    _CACHE[path] = (stamp, meta)
    return meta


@hookimpl
def get_metadata(datasette, key, database, table):
    databases = {}
    for name, db in datasette.databases.items():
        path = getattr(db, "path", None)
        if path and (database is None or database == name):
            meta = stored_metadata(path)
            if meta is not None:
                databases[name] = meta
    return {"databases": databases} if databases else {}
