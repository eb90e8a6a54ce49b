"""Planning a run into shards (claimx.io.plan_pieces / read_pieces) and the --cluster contract:
no model, no cluster."""

from __future__ import annotations

import gzip
import json

import pytest
from typer.testing import CliRunner

from claimx import io
from claimx.cli import app
from claimx.cli.cluster_run import parse_cluster


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """Invented inputs with every twist the ids have: repeated ids, bad lines, blank lines, gzip,
    a file named twice, plain text files."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corp" / "sub").mkdir(parents=True)
    with open("corp/a.jsonl", "w", encoding="utf-8") as fh:
        for i in range(23):
            if i == 5:
                fh.write("\n")
            if i == 7:
                fh.write("not json\n")
                continue
            if i == 9:
                fh.write(json.dumps({"id": "x1", "body": "no text"}) + "\n")
                continue
            fh.write(json.dumps({"id": f"x{i % 10}", "text": f"Acme said it sold {i} kites.",
                                 "date": "2020-01-02"}) + "\n")
    with gzip.open("corp/sub/b.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i in range(17):
            row = {"text": f"Beta Corp made {i} boats."} if i % 3 else {"id": "x2", "text": "dup"}
            fh.write(json.dumps(row))
            fh.write("\n")
    (tmp_path / "corp" / "sub" / "t1.txt").write_text("March 3, 2020\nGamma Ltd paid $5.", encoding="utf-8")
    (tmp_path / "corp" / "sub" / "x3.txt").write_text("Delta rose.", encoding="utf-8")
    return ["corp", "corp/sub/x3.txt", "corp/a.jsonl"]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_pieces_read_alone_give_the_local_records_ids_and_warnings(corpus, size):
    seen: list[tuple[str, str]] = []
    local = list(io.iter_records(corpus, date="2021-05-06", warn=lambda p, m: seen.append((p, m))))
    planned: list[tuple[str, str]] = []
    pieces = io.plan_pieces(corpus, size, warn=lambda p, m: planned.append((p, m)))
    got = [item for piece in pieces for item in io.read_pieces(piece, date="2021-05-06")]
    assert got == local
    assert planned == seen
    assert all(piece["records"] <= size for piece in pieces)
    assert sum(piece["records"] for piece in pieces) == len(local)


def test_a_piece_is_json_and_reads_the_same_from_another_working_directory(corpus, tmp_path, monkeypatch):
    pieces = json.loads(json.dumps(io.plan_pieces(corpus, 4)))
    local = list(io.iter_records(corpus))
    monkeypatch.chdir("/")
    assert [item for p in pieces for item in io.read_pieces(p, here=str(tmp_path))] == local


def test_planning_refuses_stdin_and_a_missing_input(corpus):
    with pytest.raises(io.UsageError, match="stdin"):
        io.plan_pieces(["-"], 10)
    with pytest.raises(io.UsageError, match="no such file"):
        io.plan_pieces(["nowhere.jsonl"], 10)


def test_an_empty_dump_plans_no_shards(tmp_path):
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    assert io.plan_pieces([str(tmp_path / "empty.jsonl")], 10) == []


def test_an_unreadable_file_is_an_error_record_of_its_shard(corpus, tmp_path):
    bad = tmp_path / "corp" / "sub" / "locked.txt"
    bad.write_text("x", encoding="utf-8")
    bad.chmod(0)
    try:
        local = list(io.iter_records(corpus))
        got = [item for p in io.plan_pieces(corpus, 3) for item in io.read_pieces(p)]
    finally:
        bad.chmod(0o644)
    assert got == local
    if any(isinstance(item, io.InputError) and "locked" in item.source for item in local):
        failed = [i.error for i in got if isinstance(i, io.InputError) and "locked" in i.source]
        assert "cannot read" in failed[0]


@pytest.mark.parametrize(("spec", "expected"), [
    ("local:3", ("local", 3)),
    ("tcp://scheduler:8786", ("remote", "tcp://scheduler:8786")),
    ("tls://10.0.0.1:8786", ("remote", "tls://10.0.0.1:8786")),
])
def test_cluster_specs_that_parse(spec, expected):
    assert parse_cluster(spec) == expected


@pytest.mark.parametrize("spec", ["bogus", "local:0", "local:x", "http://x:1", "tcp://", "local:-1"])
def test_cluster_specs_that_do_not(spec):
    with pytest.raises(ValueError):
        parse_cluster(spec)


@pytest.mark.parametrize(("args", "message"), [
    (["--cluster", "bogus", "-o", "out"], "--cluster takes local"),
    (["--cluster", "local:0", "-o", "out"], "at least 1 worker"),
    (["--cluster", "local"], "needs -o OUTDIR"),
    (["--cluster", "local", "-o", "out", "-f", "csv"], "--format jsonl only"),
    (["--cluster", "local", "-o", "out", "--resume"], "rerun the same command"),
    (["--cluster", "local", "-o", "out", "--errors", "e.jsonl"], "errors.jsonl"),
    (["--cluster", "local", "-o", "out", "--workers", "2"], "local:N"),
    (["--cluster", "local", "-o", "out", "--dollar", "XYZ"], "ISO 4217"),
])
def test_cluster_usage_errors_are_one_line_and_exit_2(corpus, args, message):
    result = CliRunner().invoke(app, ["extract", *corpus, "--model", "blank", *args])
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("claimx: error: ")


def test_without_dask_cluster_says_what_to_install(corpus, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.split(".")[0] in ("distributed", "dask"):
            raise ImportError(f"No module named {name!r}")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    result = CliRunner().invoke(app, ["extract", *corpus, "--model", "blank", "--cluster", "local",
                                      "-o", "out"])
    assert result.exit_code == 2
    assert result.stderr == "claimx: error: --cluster needs Dask: pip install 'claimx[cluster]'\n"


def test_cluster_output_inside_an_input_folder_or_on_a_file_is_refused_before_any_cluster(corpus):
    result = CliRunner().invoke(app, ["extract", *corpus, "--model", "blank", "--cluster", "local:1", "-o",
                                      "corp/out"])
    assert result.exit_code == 2 and "inside the input folder" in result.stderr
    result = CliRunner().invoke(app, ["extract", *corpus, "--model", "blank", "--cluster", "local:1", "-o",
                                      "corp/sub/x3.txt"])
    assert result.exit_code == 2 and "is a file" in result.stderr
    assert "dashboard" not in result.stderr
