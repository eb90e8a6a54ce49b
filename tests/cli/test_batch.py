"""Batch runs: a corpus of good and bad inputs runs to completion; resume, errors file, fail-fast.

These use ``--model blank`` (the rules only): what is tested here is the batch machinery."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from claimx import runner as claimx_runner
from claimx.cli import app

GOOD = "Acme will invest $5 million in Ohio next year, CEO Jane Doe said on March 3, 2024."
HTML = """<html><head><title>Acme bets on Ohio</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav>Home | Business | Markets</nav><article><h1>Acme bets on Ohio</h1>
<p>Acme will invest $5 million in Ohio next year, chief executive Jane Doe said on Tuesday.</p>
<p>The plant should open by 2027, the company said.</p></article><footer>© Acme News</footer></body></html>"""


def invoke(*args):
    return CliRunner().invoke(app, [*args, "--model", "blank"])


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def name(rec: dict) -> str:
    return os.path.basename(rec.get("source") or rec["id"])


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """Every kind of input the issue lists, good and bad, in one folder."""
    monkeypatch.setattr(claimx_runner, "CHUNK_CHARS", 2_000)  # "huge" without a slow test
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a_valid.txt").write_text(GOOD, encoding="utf-8")
    (root / "b_latin1.txt").write_bytes(b"Caf\xe9 profits rose \x93sharply\x94 to \x805m in Paris.")
    (root / "c_bom.txt").write_bytes("\ufeffSales hit $5bn in Ohio.".encode())
    (root / "d_utf16.txt").write_bytes("Sales hit €3m in Zürich.".encode("utf-16"))
    (root / "e_empty.txt").write_bytes(b"")
    (root / "f_huge.txt").write_text("\n\n".join([GOOD] * 100), encoding="utf-8")
    (root / "g_binary.txt").write_bytes(b"\x00\x01\x02binary\x00\xff")
    (root / "h_page.html").write_text(HTML, encoding="utf-8")
    (root / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (root / "sub" / "i_valid.md").write_text(GOOD, encoding="utf-8")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "sub" / "j_dangling.txt").symlink_to(root / "missing.txt")  # unreadable
    return root


def test_a_corpus_of_good_and_bad_inputs_runs_to_completion(corpus, tmp_path):
    errors = tmp_path / "errors.jsonl"
    result = invoke("extract", str(corpus), "--format", "jsonl", "--workers", "1", "--errors", str(errors))
    assert result.exit_code == 3, result.stderr
    recs = {name(r): r for r in lines(result.stdout)}
    assert sorted(recs) == ["a_valid.txt", "b_latin1.txt", "c_bom.txt", "d_utf16.txt", "e_empty.txt",
                            "f_huge.txt", "h_page.html", "i_valid.md"]
    assert recs["b_latin1.txt"]["encoding"] == "cp1252"
    assert recs["c_bom.txt"]["encoding"] == "utf-8-sig"
    assert recs["d_utf16.txt"]["encoding"] == "utf-16"
    assert recs["e_empty.txt"]["money"] == []
    assert len(recs["f_huge.txt"]["money"]) == 100
    huge = (corpus / "f_huge.txt").read_text(encoding="utf-8")
    for m in recs["f_huge.txt"]["money"]:
        assert huge[m["start_char"]:m["end_char"]] == m["text"]
    page = recs["h_page.html"]
    assert page["title"] == "Acme bets on Ohio"
    assert page["date"] == "2024-03-05" and page["date_source"] == "input"
    assert [m["value"] for m in page["money"]] == [5e6]
    failed = {name(e): e for e in lines(errors.read_text(encoding="utf-8"))}
    assert sorted(failed) == ["g_binary.txt", "j_dangling.txt"]
    assert set(failed["g_binary.txt"]) == {"id", "source", "error"}
    assert "binary" in failed["g_binary.txt"]["error"]
    # one line each on stderr: errors, warnings (empty, hidden, loop), the summary at the end
    err = result.stderr.splitlines()
    assert any("g_binary.txt" in line and "binary" in line for line in err)
    assert any(".hidden.txt" in line and "hidden" in line for line in err)
    assert any("symlink loop" in line for line in err)
    assert any("e_empty.txt" in line and "empty" in line for line in err)
    assert "10 input(s)" in err[-1] and "8 written, 2 failed" in err[-1]


def test_html_offsets_point_into_the_extracted_text(tmp_path):
    from claimx.io import html_to_text

    page = tmp_path / "page.htm"
    page.write_text(HTML, encoding="utf-8")
    result = invoke("extract", str(page), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    text, _title, _date = html_to_text(HTML)
    assert "Home | Business" not in text and "© Acme News" not in text
    assert rec["money"] and all(text[m["start_char"]:m["end_char"]] == m["text"] for m in rec["money"])


def test_quiet_keeps_errors_only(corpus):
    result = invoke("extract", str(corpus), "--format", "jsonl", "--workers", "1", "--quiet")
    assert result.exit_code == 3
    assert all(line.startswith("claimx: error:") for line in result.stderr.splitlines())


def test_fail_fast_stops_at_the_first_failure(corpus):
    result = invoke("extract", str(corpus), "--format", "jsonl", "--workers", "1", "--fail-fast")
    assert result.exit_code == 1
    assert sorted(name(r) for r in lines(result.stdout)) == ["a_valid.txt", "b_latin1.txt", "c_bom.txt",
                                                            "d_utf16.txt", "e_empty.txt", "f_huge.txt"]
    assert "--fail-fast" in result.stderr.splitlines()[-1]


def test_resume_skips_ids_already_written_and_drops_a_torn_line(tmp_path):
    dump = tmp_path / "dump.jsonl"
    rows = [{"id": f"r{i}", "text": f"Sales hit ${i}bn."} for i in range(1, 6)]
    dump.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    full = invoke("extract", str(dump), "--format", "jsonl")
    first_two = "".join(full.stdout.splitlines(keepends=True)[:2])
    torn = '{"schema_version": "1.1", "id": "r3", "sou'  # a run killed mid-line
    out.write_text(first_two + torn, encoding="utf-8")
    result = invoke("extract", str(dump), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == full.stdout
    assert "2 skipped" in result.stderr


@pytest.mark.parametrize("args", [["--resume"], ["--resume", "-o", "x.json", "--format", "json"]])
def test_resume_needs_a_jsonl_output_file(tmp_path, args):
    f = tmp_path / "a.txt"
    f.write_text(GOOD, encoding="utf-8")
    result = invoke("extract", str(f), *args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--resume" in result.stderr


def test_json_array_output_file_is_valid_when_some_inputs_fail(corpus, tmp_path):
    out = tmp_path / "out.json"
    result = invoke("extract", str(corpus), "--format", "json", "--workers", "1", "-o", str(out))
    assert result.exit_code == 3
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 8
