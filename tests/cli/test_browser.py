"""The HTML page in a real headless Chromium (Debian's ``chromium``), driven over the DevTools
protocol through a pipe (``--remote-debugging-pipe``: no port, no extra Python package).

A missing Chromium FAILS these tests; set ``CLAIMX_SKIP_BROWSER=1`` to skip them on purpose.  The
executable is ``$CLAIMX_CHROMIUM``, else ``chromium`` on the PATH.  Screenshots are saved under
``test-artifacts/browser/`` (gitignored).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--mute-audio", "--remote-debugging-pipe"]
CATEGORIES = ("money", "dates", "locations", "entities", "projections", "quotes")


def chromium_path() -> str:
    exe = os.environ.get("CLAIMX_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if exe:
        return exe
    if os.environ.get("CLAIMX_SKIP_BROWSER"):
        pytest.skip("no chromium, and CLAIMX_SKIP_BROWSER is set")
    pytest.fail("chromium not found: install Debian's chromium (apt-get install chromium; .ci/run does) "
                "or set CLAIMX_SKIP_BROWSER=1 to skip the browser tests")


def _high(fd: int) -> int:
    new = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return new


class Chromium:
    """One headless browser and one page, over the DevTools protocol on fds 3 (in) and 4 (out)."""

    def __init__(self, exe: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="claimx-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # above fd 4, so that "3<&r 4>&w" cannot overwrite one end with the other (bash: dash takes no fd > 9)
        to_chrome_r, from_chrome_w = (_high(to_chrome_r), _high(from_chrome_w))
        script = f'exec "$0" "$@" 3<&{to_chrome_r} 4>&{from_chrome_w}'
        args = [exe, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        self.proc = subprocess.Popen(["/bin/bash", "-c", script, *args],
                                     pass_fds=(to_chrome_r, from_chrome_w), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next = 0
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._inbox: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1,
                  mobile=False)

    def _read(self) -> None:
        buf = b""
        while chunk := os.read(self._from_chrome, 1 << 16):
            buf += chunk
            *messages, buf = buf.split(b"\0")
            for raw in messages:
                self._inbox.put(json.loads(raw))
        self._inbox.put(None)

    def _pump(self, until) -> None:
        deadline = time.monotonic() + self.timeout
        while not until():
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            msg = self._inbox.get(timeout=left)
            if msg is None:
                raise RuntimeError("chromium went away")
            if "id" in msg:
                self._replies[msg["id"]] = msg
            else:
                self.events.append(msg)

    def send(self, method: str, session: str | None = None, **params) -> dict:
        self._next += 1
        msg = {"id": self._next, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        number = self._next
        self._pump(lambda: number in self._replies)
        reply = self._replies.pop(number)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def call(self, method: str, **params) -> dict:
        """A command to the page."""
        return self.send(method, self.session, **params)

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", url=url)
        self._pump(lambda: any(e["method"] == "Page.loadEventFired" for e in self.events))

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def mouse(self, kind: str, x: float, y: float) -> None:
        extra = {"button": "left", "clickCount": 1} if kind != "mouseMoved" else {}
        self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, **extra)

    def click(self, selector: str) -> None:
        x, y = self.center(selector)
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y)
        self.mouse("mouseReleased", x, y)

    def center(self, selector: str) -> tuple[float, float]:
        self.js(f"document.querySelector({json.dumps(selector)}).scrollIntoView({{block: 'center'}})")
        rect = self.js(f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
                       ".getClientRects()[0]; "
                       "return [r.left + Math.min(r.width / 2, 8), r.top + r.height / 2]; })()")
        return rect[0], rect[1]

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))

    def settle(self) -> None:
        """Let pending events (late requests, console messages) arrive."""
        self.js("new Promise(r => setTimeout(r, 300))")

    def requests(self, page_url: str) -> list[str]:
        """Every URL the page asked for beyond the page itself."""
        sent = [e for e in self.events if e["method"] == "Network.requestWillBeSent"]
        urls = [e["params"]["request"]["url"] for e in sent]
        return [u for u in urls if u != page_url]

    def errors(self) -> list[dict]:
        """Console errors, uncaught exceptions, and error log entries (CSP violations among them)."""
        out = []
        for e in self.events:
            p = e.get("params", {})
            if (e["method"] == "Runtime.exceptionThrown"
                    or (e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"))
                    or (e["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") == "error")):
                out.append(e)
        return out

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.send("Browser.close")
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    started = time.perf_counter()
    chrome = Chromium(chromium_path())
    yield chrome
    chrome.close()
    print(f"\nbrowser tests: chromium up for {time.perf_counter() - started:.1f} s")


def page_counts(chrome: Chromium) -> dict[str, int]:
    return chrome.js("(() => { const n = {}; document.querySelectorAll('mark.hl').forEach(m => { "
                     "const [c] = m.dataset.item.split('-'); "
                     "(n[c] = n[c] || new Set()).add(m.dataset.item); }); "
                     "return Object.fromEntries(Object.entries(n).map(([c, s]) => [c, s.size])); })()")


@pytest.mark.slow
def test_the_seed_page_highlights_every_item_marks_a_clicked_projection_and_stays_offline(
        browser, seed_text, tmp_path):
    source = tmp_path / "openai-foxconn.txt"
    source.write_text(seed_text, encoding="utf-8")
    page = tmp_path / "seed.html"
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(source), "-d", "2025-11-21", "-f", "html", "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    record = json.loads(runner.invoke(app, ["extract", str(source), "-d", "2025-11-21", "-f", "json"]).stdout)
    url = page.as_uri()
    browser.open(url)
    assert page_counts(browser) == {c: len(record[c]) for c in CATEGORIES if record[c]}
    assert browser.js("document.getElementById('text').textContent") == seed_text
    # a projection row: click it, its span is marked and scrolled into view
    assert record["projections"]
    browser.click('tr[data-target="projections-0"]')
    marked = browser.js("[...document.querySelectorAll('mark.current')].map(m => m.dataset.item)")
    assert marked and set(marked) == {"projections-0"}
    in_view = browser.js("(() => { const r = document.querySelector('mark.current').getBoundingClientRect(); "
                         "return r.top >= 0 && r.bottom <= window.innerHeight; })()")
    assert in_view
    # hovering a money figure shows its normalised fields
    x, y = browser.center('mark.c-money[data-item="money-0"]')
    browser.mouse("mouseMoved", x, y)
    tip = browser.js("(() => { const t = document.getElementById('tip'); "
                     "return t.hidden ? null : t.textContent; })()")
    assert tip is not None and record["money"][0]["currency"] in tip
    # a toggle hides a category's colour
    browser.click('input[data-toggle="entities"]')
    assert browser.js("document.body.classList.contains('hide-entities')")
    browser.click('input[data-toggle="entities"]')
    browser.js("window.scrollTo(0, 0)")
    browser.click('tr[data-target="projections-0"]')
    browser.screenshot(ARTIFACTS / "seed.png")
    browser.settle()
    assert browser.requests(url) == []
    assert browser.errors() == []
    assert (ARTIFACTS / "seed.png").stat().st_size > 10_000


HOSTILE = ('Acme said: "<script>window.__pwned = 1</script> costs rose $5 million" and '
           '<img src=x onerror="window.__pwned = 2"> then </mark><b onclick="x()">bold</b> '
           '"><svg onload="window.__pwned = 3"> in Ohio next year.')


def test_markup_in_an_article_shows_as_text_and_runs_nothing(browser, tmp_path):
    dump = tmp_path / "hostile.jsonl"
    dump.write_text(json.dumps({"id": "<i>x</i>\"'", "text": HOSTILE,
                                "title": "</title><script>window.__pwned = 4</script>"}) + "\n",
                    encoding="utf-8")
    out = tmp_path / "pages"
    result = CliRunner().invoke(app, ["extract", str(dump), "-m", "blank", "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    pages = sorted(p for p in out.iterdir() if p.name != "index.html")
    assert len(pages) == 1
    for page in (pages[0], out / "index.html"):
        url = page.as_uri()
        browser.open(url)
        browser.settle()
        assert browser.js("typeof window.__pwned") == "undefined"
        injected = "main script, main img, main svg, main b, header script, td script"
        assert browser.js(f"document.querySelectorAll('{injected}').length") == 0
        assert browser.requests(url) == []
        assert browser.errors() == []
    browser.open(pages[0].as_uri())
    assert browser.js("document.getElementById('text').textContent") == HOSTILE
    assert browser.js("document.title").startswith("</title><script>")
    assert browser.js("document.querySelectorAll('mark.c-money').length") == 1
    browser.screenshot(ARTIFACTS / "hostile.png")
