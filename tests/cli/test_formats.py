"""The renderer table: how a format is chosen for a target, and what every renderer promises."""

from __future__ import annotations

import pytest

from claimx.cli.formats import RENDERERS, OutputError, Target, choose
from claimx.cli.formats.base import Renderer
from claimx.schema import Article


def test_every_format_is_a_renderer_named_by_its_key():
    for name, cls in RENDERERS.items():
        assert issubclass(cls, Renderer) and cls.name == name


def test_format_is_json_off_a_terminal_without_output(monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    assert choose(None, Target(output=None, many=False)).name == "json"


def test_resume_defaults_to_jsonl_and_needs_an_output():
    assert choose(None, Target(output="out.jsonl", many=True, resume=True)).name == "jsonl"
    with pytest.raises(OutputError, match="-o"):
        choose(None, Target(output=None, many=True, resume=True))


def test_resume_is_refused_for_a_format_that_cannot_continue():
    with pytest.raises(OutputError, match="--resume works with --format jsonl"):
        choose("json", Target(output="out.json", many=True, resume=True))


@pytest.mark.parametrize("name", [n for n in RENDERERS if n not in ("table", "html")])
def test_an_empty_run_closes_to_a_valid_output(tmp_path, name):
    target = Target(output=str(tmp_path / f"out.{name}"), many=True, category="money")
    renderer = RENDERERS[name](target)
    renderer.open()
    renderer.close()
    renderer.close()  # closing twice is harmless
    assert (tmp_path / f"out.{name}").exists()


def test_json_renderer_writes_one_object_then_an_array_when_a_second_arrives(tmp_path):
    import json

    out = tmp_path / "out.json"
    renderer = RENDERERS["json"](Target(output=str(out), many=False))
    renderer.open()
    renderer.write(Article(id="a", source="a"), "")
    renderer.write(Article(id="b", source="b"), "")
    renderer.close()
    assert [r["id"] for r in json.loads(out.read_text())] == ["a", "b"]


def test_an_empty_run_to_one_page_leaves_no_page(tmp_path):
    renderer = RENDERERS["html"](Target(output=str(tmp_path / "a.html"), many=False))
    renderer.open()
    renderer.close()
    assert not (tmp_path / "a.html").exists()
