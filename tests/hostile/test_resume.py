"""``--resume`` compares what it skips: two dumps that number their records alike, a resume from
another working directory, an input changed since the first run, an output from before schema 2.1.
Nothing is lost or duplicated silently (JSON Lines and SQLite alike).  ``--model blank``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app


def invoke(*args: str):
    return CliRunner().invoke(app, ["extract", *args, "--model", "blank", "--workers", "1"])


def numbered_dump(path: Path, letter: str, n: int) -> None:
    path.write_text("".join(json.dumps({"id": i, "text": f"{letter} sold ${i}bn of bonds."}) + "\n"
                            for i in range(1, n + 1)), encoding="utf-8")


def ids_in(out: Path) -> list[str]:
    if out.suffix == ".db":
        with sqlite3.connect(out) as conn:
            return [row[0] for row in conn.execute("select id from articles order by rowid")]
    return [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]


def cut(out: Path, keep: int) -> None:
    """What a run interrupted after ``keep`` records leaves (JSON Lines) ."""
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:keep]), encoding="utf-8")


def test_two_dumps_numbering_their_records_alike_resume_without_losing_any(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    numbered_dump(corpus / "a.jsonl", "Acme", 20)
    numbered_dump(corpus / "b.jsonl", "Borealis", 20)
    out = tmp_path / "claims.jsonl"
    full = invoke(str(corpus), "-f", "jsonl", "-o", str(out))
    assert full.exit_code == 0, full.stderr
    everything = out.read_text(encoding="utf-8")
    cut(out, 30)  # 20 of a, 10 of b
    result = invoke(str(corpus), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert "10 written" in result.stderr and "30 skipped" in result.stderr
    assert out.read_text(encoding="utf-8") == everything
    assert len(set(ids_in(out))) == 40


@pytest.mark.parametrize("suffix", [".jsonl", ".db"])
def test_a_resume_from_another_working_directory_neither_duplicates_nor_loses(tmp_path, monkeypatch, suffix):
    corpus = tmp_path / "corpus"
    (corpus / "world").mkdir(parents=True)
    for i in range(6):
        (corpus / ("world" if i % 2 else "") / f"{i}.txt").write_text(f"Sales hit ${i}bn.", encoding="utf-8")
    out = tmp_path / f"claims{suffix}"
    monkeypatch.chdir(tmp_path)
    assert invoke("corpus", "-o", out.name, *(["-f", "jsonl"] if suffix == ".jsonl" else [])).exit_code == 0
    first = ids_in(out)
    if suffix == ".jsonl":
        cut(out, 3)
    else:
        with sqlite3.connect(out) as conn:
            conn.execute("delete from articles where id not in "
                         "(select id from articles order by rowid limit 3)")
    monkeypatch.chdir(corpus / "world")
    result = invoke("..", "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert "3 skipped" in result.stderr and "3 written" in result.stderr
    assert sorted(ids_in(out)) == sorted(first) and len(first) == 6


@pytest.mark.parametrize("suffix", [".jsonl", ".db"])
def test_a_record_whose_text_changed_since_is_an_error_not_a_silent_skip(tmp_path, suffix):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text(f"{name.upper()} Corp sold $2bn of bonds.", encoding="utf-8")
    out = tmp_path / f"claims{suffix}"
    fmt = "jsonl" if suffix == ".jsonl" else "sqlite"
    assert invoke(str(corpus), "-o", str(out), "-f", fmt).exit_code == 0
    (corpus / "b.txt").write_text("B Corp sold $9bn of shares instead.", encoding="utf-8")
    (corpus / "d.txt").write_text("D Corp sold $1bn of bonds.", encoding="utf-8")
    result = invoke(str(corpus), "-o", str(out), "--resume")
    assert result.exit_code == 3
    errors = [line for line in result.stderr.splitlines() if line.startswith("claimx: error:")]
    assert len(errors) == 1 and "b.txt" in errors[0] and "another text" in errors[0]
    assert sorted(ids_in(out)) == ["a.txt", "b.txt", "c.txt", "d.txt"]  # b's earlier record kept, d added


def test_an_output_from_before_schema_2_1_is_resumed_by_id_with_one_warning(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text("Sales hit $2bn.", encoding="utf-8")
    out = tmp_path / "claims.jsonl"
    assert invoke(str(corpus), "-f", "jsonl", "-o", str(out)).exit_code == 0
    old = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()[:2]]
    # as claimx before 2.1 wrote them: no fingerprint, a file's id the path as given
    stripped = [{**{k: v for k, v in r.items() if k != "text_sha256"}, "id": r["source"]} for r in old]
    out.write_text("".join(json.dumps(r) + "\n" for r in stripped), encoding="utf-8")
    result = invoke(str(corpus), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert sum("no text fingerprint" in line for line in result.stderr.splitlines()) == 1
    assert ids_in(out) == [str(corpus / "a.txt"), str(corpus / "b.txt"), "c.txt"]  # none twice
