"""``-o claims.db``: a SQLite claims database (sqlite-utils) that resumes, survives a kill, and that
Datasette serves with claimx's descriptions and facets."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils
from typer.testing import CliRunner

from claimx.cli import app
from claimx.cli.formats.database import FTS, INDEXED, META, table_columns
from claimx.cli.formats.flat import categories

runner = CliRunner()
SENTENCES = ["Acme will invest ${n} million in Ohio next year, chief executive Jane Doe said.",
             "Profits at Borealis rose {n}% to €{n}bn in March, the company said on Tuesday.",
             "\"We expect to hire {n},000 people by 2027,\" said Omar Haddad, head of Kestrel Air."]


def dump(tmp_path, n: int):
    path = tmp_path / "dump.jsonl"
    rows = [{"id": f"r{i:04d}", "text": SENTENCES[i % 3].format(n=i + 1), "date": "2025-03-04"}
            for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def extract(*args, model="blank"):
    return runner.invoke(app, ["extract", *args, *(["--model", model] if model else [])])


def jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def counts(db_path) -> dict[str, int]:
    db = sqlite_utils.Database(db_path)
    return {t: db.table(t).count for t in ("articles", *categories())}


def test_tables_match_the_json_lines_output_row_for_row(tmp_path):
    source = dump(tmp_path, 12)
    db_path, out = tmp_path / "claims.db", tmp_path / "claims.jsonl"
    assert extract(str(source), "-o", str(db_path)).exit_code == 0
    assert extract(str(source), "-f", "jsonl", "-o", str(out)).exit_code == 0
    records = jsonl(out)
    items = {c: sum(len(r[c]) for r in records) for c in categories()}
    assert counts(db_path) == {"articles": len(records), **items}
    db = sqlite_utils.Database(db_path)
    row = db.execute("select value, currency, article_id from money where article_id = 'r0000'").fetchone()
    assert row == (1e6, "USD", "r0000")
    text = db.execute("select text from articles where id = 'r0000'").fetchone()[0]
    assert text == SENTENCES[0].format(n=1)


def test_schema_has_foreign_keys_indexes_and_full_text_search(tmp_path):
    db_path = tmp_path / "claims.sqlite"
    assert extract(str(dump(tmp_path, 6)), "-o", str(db_path)).exit_code == 0
    db = sqlite_utils.Database(db_path)
    for category in categories():
        table = db.table(category)
        assert [(fk.column, fk.other_table, fk.other_column) for fk in table.foreign_keys] == [
            ("article_id", "articles", "id")]
        assert table.pks == ["article_id", "item"]
        assert list(table.columns_dict) == [c.name for c in table_columns(category)]
        indexed = {col for index in table.indexes for col in index.columns}
        assert {c for c in INDEXED if c in table.columns_dict} <= indexed
    for table, cols in FTS.items():
        assert db.table(table).detect_fts() == f"{table}_fts"
        assert cols
    hits = list(db.table("quotes").search("hire"))
    assert hits and all("hire" in h["text"] for h in hits)
    assert db.execute(f"select value from {META} where key = 'schema_version'").fetchone()[0]


def test_resume_skips_the_ids_already_in_the_database(tmp_path):
    source = dump(tmp_path, 10)
    db_path = tmp_path / "claims.db"
    first = tmp_path / "first.jsonl"
    first.write_text("".join(source.read_text().splitlines(keepends=True)[:4]))
    assert extract(str(first), "-o", str(db_path)).exit_code == 0
    result = extract(str(source), "-o", str(db_path), "--resume")
    assert result.exit_code == 0, result.stderr
    assert "4 skipped" in result.stderr
    db = sqlite_utils.Database(db_path)
    ids = [r[0] for r in db.execute("select id from articles order by id")]
    assert ids == [f"r{i:04d}" for i in range(10)]


def test_a_new_run_replaces_a_claimx_database_and_refuses_any_other(tmp_path):
    db_path = tmp_path / "claims.db"
    assert extract(str(dump(tmp_path, 5)), "-o", str(db_path)).exit_code == 0
    assert extract(str(dump(tmp_path, 3)), "-o", str(db_path)).exit_code == 0
    assert counts(db_path)["articles"] == 3
    other = tmp_path / "app.db"
    sqlite_utils.Database(other).table("users").insert({"name": "x"})
    result = extract(str(dump(tmp_path, 3)), "-o", str(other))
    assert result.exit_code == 2 and "did not write" in result.stderr
    assert sqlite_utils.Database(other).table("users").count == 1
    folder = tmp_path / "folder.db"
    folder.mkdir()
    result = extract(str(dump(tmp_path, 3)), "-o", str(folder))
    assert result.exit_code == 2 and "is a folder" in result.stderr
    text = tmp_path / "notes.db"
    text.write_text("not a database " * 100)
    result = extract(str(dump(tmp_path, 3)), "-o", str(text))
    assert result.exit_code == 2 and "not a SQLite database" in result.stderr


def test_a_new_run_replaces_the_old_database_only_once_it_has_committed_articles(tmp_path):
    db_path = tmp_path / "claims.db"
    assert extract(str(dump(tmp_path, 5)), "-o", str(db_path)).exit_code == 0
    result = extract(str(dump(tmp_path, 3)), "-o", str(db_path), model="no_such_model")
    assert result.exit_code != 0
    assert counts(db_path)["articles"] == 5, "a run that never started keeps the old database"
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []
    source = dump(tmp_path, 400)
    cmd = [sys.executable, "-m", "claimx", "extract", str(source), "-o", str(db_path), "--model", "blank",
           "--workers", "1", "-q"]
    stop_when_committed(cmd, db_path, 64, signal.SIGKILL)
    conn = sqlite3.connect(db_path)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    committed = conn.execute("select count(*) from articles").fetchone()[0]
    conn.close()
    assert 64 <= committed < 400, "once its first articles are in, the new database has the name"
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []


@pytest.mark.parametrize(("args", "message"), [(["-f", "sqlite"], "needs -o"),
                                               (["-f", "jsonl", "-o", "x.db"], "use --format sqlite")])
def test_sqlite_usage_errors(tmp_path, args, message):
    result = extract(str(dump(tmp_path, 2)), *args)
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_worker_processes_write_the_same_database(tmp_path):
    source = dump(tmp_path, 80)  # above the pool's threshold, so the workers really start
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert extract(str(source), "-o", str(one), "--workers", "1").exit_code == 0
    assert extract(str(source), "-o", str(two), "--workers", "2").exit_code == 0
    assert counts(one) == counts(two) and counts(one)["articles"] == 80
    q = "select * from projections order by article_id, item"
    assert list(sqlite_utils.Database(one).query(q)) == list(sqlite_utils.Database(two).query(q))


def stop_when_committed(cmd: list[str], db_path, articles: int, sig: int, timeout: float = 60) -> int:
    """Run ``cmd``; once ``db_path`` holds ``articles`` committed articles, send it ``sig``; its exit code."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
                    if conn.execute("select count(*) from articles").fetchone()[0] >= articles:
                        break
            except sqlite3.Error:
                pass  # not created yet
            time.sleep(0.02)
        proc.send_signal(sig)
        return proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def test_a_killed_run_leaves_a_valid_database_of_whole_articles_and_resume_finishes_it(tmp_path):
    source = dump(tmp_path, 400)
    db_path = tmp_path / "claims.db"
    cmd = [sys.executable, "-m", "claimx", "extract", str(source), "-o", str(db_path), "--model", "blank",
           "--workers", "1", "-q"]
    stop_when_committed(cmd, db_path, 64, signal.SIGKILL)  # a batch or two is in
    conn = sqlite3.connect(db_path)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    committed = conn.execute("select count(*) from articles").fetchone()[0]
    assert 0 < committed < 400, "the kill should land mid-run"
    for category in categories():  # every committed article has all its items, no more
        torn = conn.execute(f"select count(*) from articles a where n_{category} != "
                            f"(select count(*) from [{category}] c where c.article_id = a.id)").fetchone()[0]
        assert torn == 0
    conn.close()
    result = extract(str(source), "-o", str(db_path), "--resume")
    assert result.exit_code == 0, result.stderr
    assert counts(db_path)["articles"] == 400


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_datasette_serves_the_database_with_its_descriptions_and_facets(tmp_path):
    db_path = tmp_path / "claims.db"
    assert extract(str(dump(tmp_path, 9)), "-o", str(db_path), "--workers", "1", model=None).exit_code == 0
    port = free_port()
    datasette = os.path.join(os.path.dirname(sys.executable), "datasette")
    proc = subprocess.Popen([datasette, "serve", str(db_path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        body = None
        deadline = time.monotonic() + 60
        while body is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/claims/projections.json"
                with urllib.request.urlopen(url, timeout=5) as r:
                    body = json.load(r)
            except OSError:
                time.sleep(0.2)
        assert body is not None, proc.stderr.read().decode() if proc.poll() is not None else "no answer"
        assert len(body["rows"]) == counts(db_path)["projections"] > 0
        facets = body["facet_results"]
        assert {"hedge", "speaker", "horizon"} <= set(facets.get("results", facets))
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/metadata.json", timeout=5) as r:
            meta = json.load(r)["databases"]["claims"]["tables"]
        assert meta["projections"]["columns"]["speaker"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/claims/projections.json?_search=hire",
                                    timeout=5) as r:
            assert all("hire" in row[body["columns"].index("text")] for row in json.load(r)["rows"])
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stderr.close()


BBC = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "bbc-business"


def serve_json(db_path, path: str) -> dict:
    """GET ``path`` from ``datasette serve db_path`` (loopback, a free port, bounded waits)."""
    port = free_port()
    datasette = os.path.join(os.path.dirname(sys.executable), "datasette")
    proc = subprocess.Popen([datasette, "serve", str(db_path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
                    return json.load(r)
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"datasette did not serve {path}")
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.slow
@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpus/bbc-business is not there")
def test_bbc_business_corpus_database_matches_jsonl_and_resumes_after_an_interrupt(tmp_path):
    inputs = sorted(str(p) for p in BBC.glob("*.txt"))
    common = [sys.executable, "-m", "claimx", "extract", str(BBC), "--workers", "2", "-q"]
    out, db_path = tmp_path / "claims.jsonl", tmp_path / "claims.db"
    started = time.perf_counter()
    subprocess.run([*common, "-f", "jsonl", "-o", str(out)], check=True)
    jsonl_s = time.perf_counter() - started
    records = jsonl(out)
    assert len(records) == len(inputs)

    # a run interrupted (Ctrl-C) once some batches are in, then --resume
    started = time.perf_counter()
    assert stop_when_committed([*common, "-o", str(db_path)], db_path, 100, signal.SIGINT, timeout=300) == 130
    interrupted = counts(db_path)["articles"]
    assert 100 <= interrupted < len(inputs)
    subprocess.run([*common, "-o", str(db_path), "--resume"], check=True)
    db_s = time.perf_counter() - started

    db = sqlite_utils.Database(db_path)
    assert sorted(r[0] for r in db.execute("select id from articles")) == sorted(r["id"] for r in records)
    expected = {"articles": len(records), **{c: sum(len(r[c]) for r in records) for c in categories()}}
    assert counts(db_path) == expected
    # full-text search finds a projection by a word of its statement
    by_id = {r["id"]: r for r in records}
    projection = next(p for r in records for p in r["projections"] if len(p["text"].split()) > 4)
    word = max(re.findall(r"[A-Za-z]{4,}", projection["text"]), key=len)
    hits = {(h["article_id"], h["item"]) for h in db.table("projections").search(word)}
    owner = next(r for r in records if projection in r["projections"])
    assert (owner["id"], owner["projections"].index(projection)) in hits
    assert all(word.lower() in by_id[a]["projections"][i]["text"].lower() for a, i in hits)
    served = serve_json(db_path, "/claims/projections.json?_size=5")
    facets = served["facet_results"]
    assert {"hedge", "speaker", "horizon"} <= set(facets.get("results", facets))
    assert served["filtered_table_rows_count"] == expected["projections"]
    print(f"\nBBC business: {len(inputs)} articles; jsonl run {jsonl_s:.1f} s; db run interrupted at "
          f"{interrupted} articles + --resume {db_s:.1f} s; rows {expected}")
