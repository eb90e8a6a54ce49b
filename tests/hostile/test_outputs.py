"""Hostile outputs: an -o that is an input, a full disk, a killed run, a reader that goes away, a
closed stdout, and articles, ids and file names that hold rich markup or terminal escapes.

Every case: no traceback, the documented exit code, one clear line on stderr, and no good record
lost (what the output holds is whole).  Runs use ``--model blank``: the machinery is under test."""

from __future__ import annotations

import csv
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.cli.formats.base import FileSink, WriteError
from claimx.cli.terminal import printable

SENTENCE = "Acme will invest ${n} million in Ohio by 2027, chief executive Jane Doe said."


def dump(path: Path, n: int, *, sentence: str = SENTENCE) -> Path:
    path.write_text("".join(json.dumps({"id": f"r{i:03d}", "text": sentence.format(n=i + 1)}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(app, ["extract", *args, "--model", "blank"])


def claimx(*args: str, fsize: int | None = None, stdin=None, **kwargs) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process (``fsize``: the largest file it may write, in bytes:
    a disk that fills up)."""
    limit = (lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))) if fsize else None
    return subprocess.run([sys.executable, "-m", "claimx", "extract", *args, "--model", "blank"],
                          capture_output=True, text=True, preexec_fn=limit, stdin=stdin, timeout=300,
                          **kwargs)


def one_error_line(stderr: str, *words: str) -> None:
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("claimx: error:")]
    assert len(errors) == 1, stderr
    assert all(w in errors[0] for w in words), errors[0]


# -- an output that is one of the inputs ------------------------------------------------------------


def test_an_output_that_is_the_input_is_a_usage_error_and_the_input_is_untouched(tmp_path):
    source = dump(tmp_path / "dump.jsonl", 3)
    before = source.read_bytes()
    result = invoke(str(source), "-o", str(source))
    assert result.exit_code == 2
    one_error_line(result.stderr, "is the input")
    assert source.read_bytes() == before


@pytest.mark.parametrize("case", ["symlink", "hard link", "glob", "folder", "errors", "errors is -o",
                                  "pages in the folder"])
def test_variants_of_an_output_over_an_input_are_refused(tmp_path, case):
    folder = tmp_path / "in"
    folder.mkdir()
    source = dump(folder / "dump.jsonl", 3)
    before = source.read_bytes()
    args = {
        "symlink": [str(source), "-o", str(tmp_path / "link.jsonl")],
        "hard link": [str(source), "-o", str(tmp_path / "hard.jsonl")],
        "glob": [str(folder / "*.jsonl"), "-o", str(folder / "new.jsonl")],
        "folder": [str(folder), "-o", str(folder / "sub" / "claims.jsonl")],
        "errors": [str(source), "-o", str(tmp_path / "out.jsonl"), "--errors", str(source)],
        "errors is -o": [str(source), "-o", str(tmp_path / "o.jsonl"), "--errors", str(tmp_path / "o.jsonl")],
        "pages in the folder": [str(folder), "-f", "html", "-o", str(folder / "pages")],
    }[case]
    (tmp_path / "link.jsonl").symlink_to(source)
    os.link(source, tmp_path / "hard.jsonl")
    result = invoke(*args)
    assert result.exit_code == 2, result.stderr
    one_error_line(result.stderr, "write it elsewhere" if "errors is" not in case else "its own file")
    assert source.read_bytes() == before
    assert not (folder / "new.jsonl").exists() and not (folder / "pages").exists()


def test_outputs_beside_the_inputs_are_fine(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    dump(folder / "dump.jsonl", 2)
    for out in (folder / ".claims.jsonl", folder / "claims.json", folder / "csv"):  # hidden, or not read
        args = ["-f", "csv"] if out.name == "csv" else []
        result = invoke(str(folder), *args, "-o", str(out), "-q")
        assert result.exit_code == 0, result.stderr
        assert out.exists()


# -- the output file: whole records, an earlier file kept until the first one ------------------------


def test_a_run_that_cannot_start_leaves_an_earlier_output_as_it_was(tmp_path):
    out = tmp_path / "claims.jsonl"
    out.write_text('{"id": "kept"}\n', encoding="utf-8")
    sink = FileSink(str(out))
    sink.close(keep=False)  # the pipeline could not load
    assert out.read_text(encoding="utf-8") == '{"id": "kept"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.jsonl"]


def test_an_output_replaces_the_earlier_file_once_its_first_record_is_in(tmp_path):
    out = tmp_path / "claims.jsonl"
    out.write_text("old\n", encoding="utf-8")
    sink = FileSink(str(out))
    assert out.read_text(encoding="utf-8") == "old\n"
    sink.write("one\n")
    assert out.read_text(encoding="utf-8") == "one\n"  # from now on a kill leaves what is written
    sink.write("two\n")
    sink.close()
    assert out.read_text(encoding="utf-8") == "one\ntwo\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.jsonl"]


@pytest.mark.parametrize("out", ["claims.jsonl", "claims.json", "claims.db", "csv"])
def test_a_run_that_writes_no_article_leaves_an_earlier_output_as_it_was(tmp_path, out):
    good, bad = dump(tmp_path / "good.jsonl", 3), tmp_path / "bad.txt"
    bad.write_bytes(b"binary\x00data")
    target = tmp_path / "out" / out
    target.parent.mkdir()
    fmt = {"claims.jsonl": "jsonl", "claims.json": "json", "claims.db": "sqlite", "csv": "csv"}[out]
    assert invoke(str(good), "-f", fmt, "-o", str(target)).exit_code == 0

    def snapshot() -> dict[str, bytes]:
        paths = sorted(target.rglob("*")) if target.is_dir() else [target]
        return {str(p): p.read_bytes() for p in paths}

    before = snapshot()
    result = invoke(str(bad), "-f", fmt, "-o", str(target))  # every input fails: nothing new
    assert result.exit_code == 3
    assert snapshot() == before
    assert [p.name for p in tmp_path.rglob("*.tmp*")] == []
    fresh = tmp_path / "fresh" / out
    fresh.parent.mkdir()
    assert invoke(str(bad), "-f", fmt, "-o", str(fresh)).exit_code == 3
    assert fresh.exists()  # where there was none, the run's (empty) output is there


def test_ctrl_c_while_the_model_loads_leaves_an_earlier_output_as_it_was(tmp_path, monkeypatch):
    import claimx.cli.extract as extract

    out = tmp_path / "claims.jsonl"
    out.write_text('{"id": "kept"}\n', encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(extract, "_load_pipeline", interrupted)
    result = invoke(str(dump(tmp_path / "d.jsonl", 3)), "-f", "jsonl", "-o", str(out))
    assert result.exit_code == 130
    assert out.read_text(encoding="utf-8") == '{"id": "kept"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.jsonl", "d.jsonl"]


def test_a_record_that_does_not_fit_is_cut_back_and_the_tail_kept(tmp_path, monkeypatch):
    out = tmp_path / "claims.json"
    sink = FileSink(str(out))
    sink.write('[\n{"a": 1}', "\n]\n")
    real = os.pwrite
    calls = []

    def full(fd, data, offset):  # half the record fits, then the disk is full (once)
        calls.append(len(data))
        if len(calls) == 1:
            return real(fd, bytes(data[: len(data) // 2]), offset)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(fd, data, offset)

    monkeypatch.setattr(os, "pwrite", full)
    with pytest.raises(WriteError, match="No space left"):
        sink.write(',\n{"b": 2}', "\n]\n")
    monkeypatch.setattr(os, "pwrite", real)
    sink.close()
    assert json.loads(out.read_text(encoding="utf-8")) == [{"a": 1}]


def test_a_killed_run_leaves_every_complete_record_in_the_output_and_resume_finishes_it(tmp_path):
    source = dump(tmp_path / "dump.jsonl", 400)
    out = tmp_path / "claims.jsonl"
    cmd = [sys.executable, "-m", "claimx", "extract", str(source), "-f", "jsonl", "-o", str(out),
           "--model", "blank", "--workers", "1", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= 20:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    held = out.read_bytes().split(b"\n")
    whole = [json.loads(line) for line in held[:-1]]
    assert 20 <= len(whole) < 400, "the kill should land mid-run"
    result = invoke(str(source), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())] == \
        [f"r{i:03d}" for i in range(400)]


# -- a full disk -------------------------------------------------------------------------------------


def whole_lines(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data.endswith(b"\n"), "a torn last line"
    return [json.loads(line) for line in data.splitlines()]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "table"])
def test_a_full_disk_leaves_whole_records_and_says_how_many(tmp_path, fmt):
    source = dump(tmp_path / "dump.jsonl", 60)
    out = tmp_path / f"claims.{fmt}"
    result = claimx(str(source), "-f", fmt, "-o", str(out), "--workers", "1", fsize=12_000)
    assert result.returncode == 1, result.stderr
    one_error_line(result.stderr, "cannot write", str(out), "File too large", "are whole in")
    safe = int(result.stderr.split("; the ")[1].split(" record(s)")[0])
    assert 0 < safe < 60
    if fmt == "jsonl":
        assert [r["id"] for r in whole_lines(out)] == [f"r{i:03d}" for i in range(safe)]
    elif fmt == "json":
        records = json.loads(out.read_text(encoding="utf-8"))
        assert [r["id"] for r in records] == [f"r{i:03d}" for i in range(safe)]
    else:
        assert out.read_text(encoding="utf-8").count(" r0") == safe  # one rule per article
    assert f"{safe} written" in result.stderr.splitlines()[-1]


def test_a_full_disk_cuts_a_csv_folder_back_to_whole_articles(tmp_path):
    source = dump(tmp_path / "dump.jsonl", 60)
    out = tmp_path / "csv"
    result = claimx(str(source), "-f", "csv", "-o", str(out), "--workers", "1", fsize=6_000)
    assert result.returncode == 1, result.stderr
    one_error_line(result.stderr, "cannot write", "are whole in")
    with open(out / "articles.csv", encoding="utf-8-sig", newline="") as fh:
        articles = [row["id"] for row in csv.DictReader(fh)]
    for table in ("money", "locations", "dates"):
        with open(out / f"{table}.csv", encoding="utf-8-sig", newline="") as fh:
            assert {row["article_id"] for row in csv.DictReader(fh)} <= set(articles)
    assert 0 < len(articles) < 60


def test_a_full_disk_keeps_a_database_of_whole_articles(tmp_path):
    source = dump(tmp_path / "dump.jsonl", 300)
    out = tmp_path / "claims.db"
    result = claimx(str(source), "-o", str(out), "--workers", "1", fsize=400_000)
    assert result.returncode == 1, result.stderr
    one_error_line(result.stderr, "cannot write", "are whole in")
    conn = sqlite3.connect(out)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    n = conn.execute("select count(*) from articles").fetchone()[0]
    assert 0 < n < 300 and n % 32 == 0  # committed batches only


@pytest.mark.parametrize("where", ["-o", "stdout"])
def test_dev_full_is_one_error_line_and_exit_1(tmp_path, where):
    source = dump(tmp_path / "dump.jsonl", 3)
    if where == "-o":
        result = claimx(str(source), "-f", "jsonl", "-o", "/dev/full")
    else:
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-m", "claimx", "extract", str(source), "-f", "json",
                                     "--model", "blank"], stdout=full, stderr=subprocess.PIPE, text=True,
                                    timeout=120)
    assert result.returncode == 1
    one_error_line(result.stderr, "No space left on device")


# -- the reader goes away; stdout, stderr or stdin closed ---------------------------------------------


@pytest.mark.parametrize("fmt", [["-f", "table"], ["-f", "json"], ["-f", "jsonl"],
                                 ["-f", "csv", "--category", "money"]])
def test_a_reader_that_goes_away_ends_the_run_quietly_with_0(tmp_path, fmt):
    source = dump(tmp_path / "dump.jsonl", 300)  # far more than a pipe holds
    proc = subprocess.Popen([sys.executable, "-m", "claimx", "extract", str(source), *fmt,
                             "--model", "blank", "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()  # `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(120) == 0, err
    assert "Traceback" not in err and "error" not in err


def closed(stream: str, *args: str, stdin=None) -> subprocess.CompletedProcess[str]:
    """``claimx extract ARGS`` with stdout (``>&-``), stderr (``2>&-``) or stdin (``<&-``) closed."""
    redirect = {"stdout": ">&-", "stderr": "2>&-", "stdin": "<&-"}[stream]
    command = [sys.executable, "-m", "claimx", "extract", *args, "--model", "blank"]
    pipes = {"stderr": subprocess.PIPE} if stream == "stdout" else {"capture_output": True}
    return subprocess.run(["bash", "-c", f'exec "$@" {redirect}', "-", *command], text=True, timeout=120,
                          stdin=stdin, **pipes)


def test_a_closed_stdout_is_one_usage_error_line(tmp_path):
    source = dump(tmp_path / "dump.jsonl", 2)
    result = closed("stdout", str(source), "-f", "jsonl")
    assert result.returncode == 2
    one_error_line(result.stderr, "stdout is closed")
    out = tmp_path / "claims.jsonl"
    assert closed("stdout", str(source), "-f", "jsonl", "-o", str(out)).returncode == 0  # -o needs no stdout
    assert len(whole_lines(out)) == 2


def test_a_closed_stderr_changes_nothing_but_the_messages(tmp_path):
    source = tmp_path / "dump.jsonl"
    source.write_text('{"id": "a", "text": "Sales hit $5bn."}\nnot json\n', encoding="utf-8")
    result = closed("stderr", str(source), "-f", "jsonl")
    assert result.returncode == 3
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a"]


def test_a_closed_stdin_is_one_usage_error_line():
    result = closed("stdin", "-", "-f", "json")
    assert result.returncode == 2
    one_error_line(result.stderr, "stdin is closed")


# -- markup and terminal escapes in what is shown ----------------------------------------------------

HOSTILE = ("[bold red]loud[/bold red] [/x] [link=file:///etc/passwd]click[/link] "
           "\x1b]0;owned\x07 \x1b[2J \u202eevil")


def test_table_mode_shows_markup_and_escapes_as_written_and_obeys_neither(tmp_path):
    source = tmp_path / "dump.jsonl"
    text = f'"We will {HOSTILE} invest $5bn by 2027," Jane Doe said.'
    source.write_text(json.dumps({"id": f"id {HOSTILE}", "text": text}) + "\n"
                      + json.dumps({"id": "next", "text": "Sales hit $2bn."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(source), "-f", "table", "--model", "blank"],
                                env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "[bold red]loud[/bold red] [/x] [link=file:///etc/passwd]click[/link]" in out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "\\x1b]0;owned\\x07 \\x1b[2J \\u202eevil" in out
    assert "next" in out  # the run went on


def test_ids_and_names_with_escapes_reach_stderr_escaped_one_line_each(tmp_path):
    source = tmp_path / "dump.jsonl"
    source.write_text(json.dumps({"id": "\x1b[2J[red]x\nforged line", "title": "no text"}) + "\n",
                      encoding="utf-8")
    named = tmp_path / "\x1b]0;owned\x07.txt"
    named.write_bytes(b"\x00binary")
    result = invoke(str(source), str(named), "-f", "jsonl")
    assert result.exit_code == 3
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("claimx: error:")]
    assert len(errors) == 2
    assert "\\x1b[2J[red]x\\nforged line" in errors[0] and "\\x1b]0;owned\\x07.txt" in errors[1]


@pytest.mark.parametrize(("raw", "shown"), [("\x1b[2J", "\\x1b[2J"), ("a\rb", "a\\rb"),
                                            ("\x9b31m", "\\x9b31m"), ("\u202eabc", "\\u202eabc"),
                                            ("tab\tand\nline", "tab\tand\nline")])
def test_printable_escapes_control_characters_and_keeps_tabs_and_newlines(raw, shown):
    assert printable(raw) == shown
    assert "\n" not in printable(raw, one_line=True)
