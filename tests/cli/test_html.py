"""``--format html`` without a browser: what is written where, and that a page asks for nothing."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.cli.formats.page import page_name

runner = CliRunner()
TEXT = "Acme will invest $5 million in Ohio next year, chief executive Jane Doe said."


def extract(*args, input=None):
    return runner.invoke(app, ["extract", *args, "--model", "blank"], input=input)


def assert_self_contained(html: str) -> None:
    """No reference to anything outside the page: no src/href but in-page ones, no @import/url()."""
    assert not re.search(r"""\b(src|srcset|action|poster|data)\s*=""", html)
    assert all(h == "index.html" or (h.endswith(".html") and "/" not in h)
               for h in re.findall(r'href="([^"]*)"', html))
    assert "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html


def test_a_single_article_is_one_page_on_stdout():
    result = extract("-", "-f", "html", "-d", "2025-11-21", input=TEXT)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!doctype html>") and result.stdout.rstrip().endswith("</html>")
    assert 'data-item="money-0"' in result.stdout and "$5 million" in result.stdout
    assert_self_contained(result.stdout)


def test_a_batch_writes_one_page_per_article_and_an_index(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    (src / "sub" / "a.txt").write_text("Sales hit €3m in Zürich.", encoding="utf-8")
    out = tmp_path / "pages"
    result = extract(str(src), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and "index.html" in names  # same file name, different folders: two pages
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in names:
        if name != "index.html":
            assert f'href="{name}"' in index
            page = (out / name).read_text(encoding="utf-8")
            assert 'href="index.html"' in page
            assert_self_contained(page)
    assert "Zürich" in "".join((out / n).read_text(encoding="utf-8") for n in names)
    assert not [p for p in out.iterdir() if ".tmp" in p.name]


def test_page_names_are_safe_and_distinct():
    names = {page_name(i) for i in ("a/b.txt", "c/b.txt", "../../etc/passwd", "x:1", "<script>", "")}
    assert len(names) == 6
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", n) and not n.startswith(".") for n in names)


@pytest.mark.parametrize("output", [None, "one.html"])
def test_a_batch_to_one_page_is_a_usage_error(tmp_path, output):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT)
    args = ["-o", str(tmp_path / output)] if output else []
    result = extract(str(tmp_path), "-f", "html", *args)
    assert result.exit_code == 2 and "-o DIR" in result.stderr and result.stderr.count("\n") == 1


def test_the_page_suffix_picks_the_html_format(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    result = extract(str(tmp_path / "a.txt"), "-o", str(tmp_path / "a.html"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "a.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_an_id_seen_twice_gets_a_page_each(tmp_path):
    dump = tmp_path / "d.jsonl"
    dump.write_text('{"id": "x", "text": "Sales hit $5m."}\n{"id": "x", "text": "Costs hit $6m."}\n')
    out = tmp_path / "pages"
    assert extract(str(dump), "-f", "html", "-o", str(out)).exit_code == 0
    pages = [p for p in out.iterdir() if p.name != "index.html"]
    assert len(pages) == 2
    assert {"$5m", "$6m"} <= {m for p in pages for m in re.findall(r"\$[56]m", p.read_text(encoding="utf-8"))}
