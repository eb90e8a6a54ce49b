"""Every code block in README.md runs as written on a fresh clone (after ``make install``).

Shell blocks (```sh) run with bash (``-euo pipefail``) and python blocks with this interpreter, in
order, in one scratch folder that holds what a clone has (``samples/``, ``.venv``) and the inputs
the README's examples name as the reader's own (``articles/``, ``article.txt``, ``dump.jsonl``,
``corpus/``: invented articles).  ```json and ```text blocks are output and layout, not commands.
A block that cannot run here says so on the line before it, with the reason
(``<!-- readme-test: skip: REASON -->``); every other block must run cleanly."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RUN = {"sh": ["bash", "-euo", "pipefail", "-c"], "python": [sys.executable]}
SHOWN = {"json", "text"}
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
_SKIP = re.compile(r"<!-- readme-test: skip: (.+?) -->\n\Z")

ARTICLES = {
    "kestrel.txt": "Kestrel Air will spend $2 billion on new aircraft by 2027, chief executive Omar Haddad "
                   "said on Tuesday.\n",
    "borealis.txt": "Borealis Bank expects profit to rise 10% next year, its finance chief told analysts in "
                    "Oslo.\n",
    "world/acme.txt": "Acme Corp said it would invest €500 million in a plant in Ohio by 2026.\n",
}


def blocks() -> list[tuple[int, str, str, str | None]]:
    """(line, language, code, reason to skip) of every fenced block, in order."""
    text = README.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        skip = _SKIP.search(text, 0, match.start())
        found.append((line, match.group(1), match.group(2), skip.group(1) if skip else None))
    return found


def test_every_block_says_what_it_is_and_why_it_is_skipped():
    found = blocks()
    assert len(found) >= 8
    for line, language, _code, reason in found:
        assert language in RUN or language in SHOWN, f"README.md:{line}: say sh, python, json or text"
        assert reason is None or len(reason.split()) >= 3, f"README.md:{line}: say why it is skipped"


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A scratch folder laid out like a fresh clone after `make install`, with the reader's inputs."""
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "samples", root / "samples")
    (root / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    for folder in ("articles", "corpus"):
        for name, text in ARTICLES.items():
            (root / folder / name).parent.mkdir(parents=True, exist_ok=True)
            (root / folder / name).write_text(text, encoding="utf-8")
    (root / "article.txt").write_text(ARTICLES["kestrel.txt"], encoding="utf-8")
    rows = [{"id": f"r{i}", "text": text, "date": "2025-11-21"} for i, text in enumerate(ARTICLES.values())]
    (root / "dump.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.parametrize(("line", "language", "code", "reason"),
                         [pytest.param(*b, id=f"README.md:{b[0]}") for b in blocks() if b[1] in RUN])
def test_readme_block_runs_as_written(clone, line, language, code, reason):
    if reason is not None:
        pytest.skip(reason)
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("CLAIMX_MODEL", None)
    command = [*RUN[language], code]
    if language == "python":  # saved as a script, as a reader would (worker processes re-import it)
        script = clone / f"readme_block_{line}.py"
        script.write_text(code, encoding="utf-8")
        command = [sys.executable, str(script)]
    result = subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True,
                            timeout=600, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, f"README.md:{line} failed:\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr and "claimx: error" not in result.stderr, result.stderr[-3000:]
