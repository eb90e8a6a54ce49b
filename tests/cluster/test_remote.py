"""Inputs as fsspec URLs (fsspec's ``memory://`` filesystem, in this process): planned and read as a
local copy of the same files is, with the URL where the local path was; a cluster run on them
writes a local run's records; a filesystem whose package is missing is a usage error."""

from __future__ import annotations

import gzip
import json
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx import io
from claimx.cli import app

fsspec = pytest.importorskip("fsspec", reason="URL inputs need claimx[cluster]")


def _write_corpus(top: Path) -> None:
    """Invented inputs with the twists reading has: repeated ids, bad and blank lines, gzip, an
    over-long line, hidden and non-text names, HTML, a binary file, a long text file."""
    (top / "corp" / "sub" / "deep").mkdir(parents=True)
    rows = []
    for i in range(23):
        if i == 5:
            rows.append("")
        if i == 7:
            rows.append("not json")
            continue
        if i == 9:
            rows.append(json.dumps({"id": "x1", "body": "no text"}))
            continue
        rows.append(json.dumps({"id": f"x{i % 10}", "text": f"Acme said it sold {i} kites.",
                                "date": "2020-01-02"}))
    (top / "corp" / "a.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with gzip.open(top / "corp" / "sub" / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i in range(17):
            row = {"text": f"Beta Corp made {i} boats."} if i % 3 else {"id": "x2", "text": "dup"}
            fh.write(json.dumps(row) + "\n")
    big = json.dumps({"id": "big", "text": "Gamma " * 220_000})  # over the line limit of --max-chars 40
    (top / "corp" / "sub" / "big.ndjson").write_text(f'{{"text": "Before."}}\n{big}\n{{"text": "After."}}\n',
                                                     encoding="utf-8")
    (top / "corp" / "sub" / "t1.txt").write_text("March 3, 2020\nGamma Ltd paid $5.", encoding="utf-8")
    (top / "corp" / "sub" / "x3.txt").write_text("Delta rose.", encoding="utf-8")
    (top / "corp" / "sub" / "deep" / "long.md").write_text("Epsilon grew. " * 10, encoding="utf-8")
    (top / "corp" / "sub" / "deep" / "page.html").write_text(
        "<html><head><title>Zeta wins</title></head><body><p>Zeta Bank said on Monday it would hire "
        "200 people in Perth.</p></body></html>", encoding="utf-8")
    (top / "corp" / "latin.txt").write_bytes("Caf\xe9 Omega sold \u20ac5 million.".encode("cp1252"))
    (top / "corp" / "bin.txt").write_bytes(b"\x00\x01binary")
    (top / "corp" / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (top / "corp" / "sub" / ".git").mkdir()
    (top / "corp" / "sub" / ".git" / "x.txt").write_text("Hidden too.", encoding="utf-8")
    (top / "corp" / "notes.csv").write_text("not,an,input\n", encoding="utf-8")


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """The URL prefix (``memory://tXXXXXXXX/``) of a copy in memory of the corpus in ``tmp_path``
    (the working directory): ``prefix + "corp"`` is the URL of the local ``corp``."""
    monkeypatch.chdir(tmp_path)
    _write_corpus(tmp_path)
    memory = fsspec.filesystem("memory")
    top = f"/t{uuid.uuid4().hex[:8]}"
    for path in tmp_path.rglob("*"):
        if path.is_file():
            memory.pipe(f"{top}/{path.relative_to(tmp_path).as_posix()}", path.read_bytes())
    prefix = f"memory://{top.lstrip('/')}/"
    yield prefix
    memory.rm(top, recursive=True)


def local_view(value, prefix: str):
    """``value`` (pieces, records, warnings) with the URL prefix taken out, as JSON."""
    def plain(item):
        if isinstance(item, io.Record | io.InputError):
            return {"kind": type(item).__name__, **{k: getattr(item, k) for k in item.__slots__}}
        if isinstance(item, dict | list | tuple):
            return item
        return dict(item)
    return json.dumps(value, default=plain, sort_keys=True).replace(prefix, "")


ARGS = [
    ["corp"],
    ["corp", "corp/sub/x3.txt", "corp/a.jsonl"],
    ["corp/sub/*.txt", "corp/**/*.html"],
    ["corp/sub/b.jsonl.gz", "corp/sub/big.ndjson"],
]


@pytest.mark.parametrize("args", ARGS, ids=["folder", "folder+files", "globs", "dumps"])
@pytest.mark.parametrize(("size", "max_chars"), [(1, io.MAX_CHARS), (4, 40), (1000, io.MAX_CHARS)])
def test_urls_plan_and_read_as_a_local_copy_does(corpus, args, size, max_chars):
    urls = [corpus + arg for arg in args]
    seen: list[tuple[str, str]] = []
    local = io.plan_pieces(args, size, warn=lambda p, m: seen.append((p, m)), max_chars=max_chars)
    got: list[tuple[str, str]] = []
    remote = io.plan_pieces(urls, size, warn=lambda p, m: got.append((p, m)), max_chars=max_chars)
    assert local_view(remote, corpus) == local_view(local, "")
    assert local_view(got, corpus) == local_view(seen, "")
    assert all((unit.get("file") or unit["jsonl"]).startswith(corpus)
               for p in remote for unit in p["units"] if "error" not in unit)
    records = [item for p in local for item in io.read_pieces(p, date="2021-05-06", max_chars=max_chars)]
    read = [item for p in json.loads(json.dumps(remote))
            for item in io.read_pieces(p, date="2021-05-06", max_chars=max_chars)]
    assert local_view(read, corpus) == local_view(records, "")
    assert records  # something was read, errors included
    if max_chars == 40 and "corp/sub/big.ndjson" in args:
        assert any(isinstance(i, io.InputError) and "line longer than" in i.error for i in read)


def test_a_url_record_has_the_local_id_and_the_url_as_source(corpus):
    pieces = io.plan_pieces([corpus + "corp/"], 1000)
    records = {item.id: item for p in pieces for item in io.read_pieces(p)}
    page = records["sub/deep/page.html"]
    assert page.source == corpus + "corp/sub/deep/page.html" and page.title == "Zeta wins"
    assert records["latin.txt"].encoding == "cp1252"
    assert records["x0"].source == corpus + "corp/a.jsonl:1"
    failed = [item for item in records.values() if isinstance(item, io.InputError)]
    assert any(e.source == corpus + "corp/bin.txt" and "binary" in e.error for e in failed)


def test_a_chained_url_reads_through_the_cache_the_same(corpus, tmp_path):
    args = ["corp/sub"]
    cached = [f"simplecache::{corpus}{arg}" for arg in args]
    local = [i for p in io.plan_pieces(args, 3) for i in io.read_pieces(p)]
    got = [i for p in io.plan_pieces(cached, 3) for i in io.read_pieces(p)]
    assert local_view(got, f"simplecache::{corpus}") == local_view(local, "")


def test_missing_urls_and_filesystems_are_usage_errors(corpus):
    with pytest.raises(io.UsageError, match="no such file or folder"):
        io.plan_pieces([corpus + "nowhere.jsonl"], 10)
    with pytest.raises(io.UsageError, match="no files match"):
        io.plan_pieces([corpus + "corp/*.xml"], 10)
    with pytest.raises(io.UsageError, match="Protocol not known"):
        io.plan_pieces(["nosuchfs://bucket/corpus/"], 10)
    with pytest.raises(io.UsageError, match="need --cluster"):
        list(io.iter_records([corpus + "corp"]))


def _missing_filesystem() -> str:
    """A URL whose filesystem package is not installed here."""
    import importlib.util

    for url, package in (("s3://bucket/x", "s3fs"), ("gcs://bucket/x", "gcsfs"), ("abfs://c/x", "adlfs")):
        if importlib.util.find_spec(package) is None:
            return url
    pytest.skip("s3fs, gcsfs and adlfs are all installed")


def test_a_url_whose_filesystem_is_not_installed_is_one_usage_line_before_any_cluster(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = _missing_filesystem()
    result = CliRunner().invoke(app, ["extract", url, "--cluster", "local", "-o", "out/", "--model", "blank",
                                      "-q"])
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimx: error: input ") and "install" in lines[0]
    assert "dashboard" not in result.stderr and result.stdout == ""


def test_a_local_run_says_urls_need_the_cluster(corpus):
    result = CliRunner().invoke(app, ["extract", corpus + "corp/", "--model", "blank", "-f", "jsonl"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"claimx: error: input '{corpus}corp/' is a URL: remote inputs need --cluster (--cluster local -o "
        "OUTDIR reads them on this machine)"]


def test_a_cluster_run_on_urls_writes_the_records_of_a_local_run(corpus, tmp_path):
    distributed = pytest.importorskip("distributed", reason="the cluster tests need claimx[cluster]")
    from claimx import cluster

    args = ["corp", "corp/sub/b.jsonl.gz"]
    local = CliRunner().invoke(app, ["extract", *args, "-f", "jsonl", "--workers", "1", "--model", "blank",
                                     "-q"])
    assert local.exit_code == 3, local.stderr  # the binary file and the bad lines fail, as here
    errors: list[io.InputError] = []
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1,
                            dashboard_address=None) as client:
        summary = cluster.extract_to([corpus + arg for arg in args], str(tmp_path / "out"), client=client,
                                     shard_size=6, model="blank", error=errors.append)
    assert summary.shards >= 4 and summary.done == summary.shards and not summary.failed_shards
    out = sorted((tmp_path / "out").glob("part-*[0-9].jsonl"))
    parts = "".join(p.read_text(encoding="utf-8") for p in out)
    assert parts.replace(corpus, "") == local.stdout
    assert corpus + "corp/sub/x3.txt" in parts
    assert summary.failed == len(errors) == local.stderr.count("claimx: error:")
