"""Hostile inputs for claimx.io: things that are not files, inputs too big to hold, lines that
never end, dumps whose ids collide.  Nothing hangs, memory stays small, every good record is kept
and every bad input is one InputError (or a warning when it is skipped on purpose)."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import socket
import tracemalloc
from pathlib import Path

import pytest

from claimx.io import InputError, Record, count_records, iter_records


@pytest.fixture(autouse=True)
def no_hang():
    """A test here that blocks (a FIFO opened for reading, an endless stream) fails instead."""

    def fail(signum, frame):
        raise TimeoutError("blocked: a hostile input made the reader wait")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def read(*args, warnings: list | None = None, **kwargs) -> list[Record | InputError]:
    warn = (lambda path, message: warnings.append((path, message))) if warnings is not None else None
    return list(iter_records([str(a) for a in args], warn=warn, **kwargs))


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


# -- only regular files are inputs --------------------------------------------------------------------


@pytest.fixture
def odd_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Sales hit $5bn.", encoding="utf-8")
    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.txt")
    (folder / "to-pipe.jsonl").symlink_to(folder / "pipe.txt")
    (folder / "z.txt").write_text("Profit hit $2m.", encoding="utf-8")
    return folder


def test_a_folder_with_devices_and_fifos_skips_them_with_warnings(odd_folder):
    warnings: list = []
    out = read(odd_folder, warnings=warnings)
    assert [r.text for r in out] == ["Sales hit $5bn.", "Profit hit $2m."]
    skipped = {Path(path).name: message for path, message in warnings}
    assert "character device" in skipped["zero.txt"] and "FIFO" in skipped["pipe.txt"]
    assert "FIFO" in skipped["to-pipe.jsonl"]


def test_a_socket_in_a_folder_is_skipped(tmp_path):
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "s.txt"))
        (tmp_path / "a.txt").write_text("ok", encoding="utf-8")
        warnings: list = []
        assert [r.text for r in read(tmp_path, warnings=warnings)] == ["ok"]
        assert any("socket" in message for _, message in warnings)
    finally:
        server.close()


@pytest.mark.parametrize("name", ["pipe.txt", "zero.txt", "to-pipe.jsonl"])
def test_a_fifo_or_device_named_directly_is_an_error_at_once(odd_folder, name):
    (item,) = read(odd_folder / name)
    assert isinstance(item, InputError) and "not a regular file" in item.error


def test_dev_zero_named_directly_is_an_error(tmp_path):
    (item,) = read("/dev/zero")
    assert isinstance(item, InputError) and "character device" in item.error


def test_counting_records_does_not_open_fifos(odd_folder):
    assert count_records([str(odd_folder / "to-pipe.jsonl"), str(odd_folder / "a.txt")]) == 2


# -- the size limit -------------------------------------------------------------------------------------


def test_a_file_over_max_chars_is_an_error_and_the_next_one_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 101, encoding="utf-8")
    (tmp_path / "b.txt").write_text("é" * 100, encoding="utf-8")  # 200 bytes, 100 characters: fits
    out = read(tmp_path, max_chars=100)
    assert isinstance(out[0], InputError) and "too long (101 characters; the limit is 100)" in out[0].error
    assert isinstance(out[1], Record) and len(out[1].text) == 100


def test_a_file_far_over_the_limit_is_refused_from_its_size(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 10_000)
    (item,) = read(tmp_path / "big.txt", max_chars=100)
    assert isinstance(item, InputError) and "more than 100 characters" in item.error


def test_an_html_page_counts_its_markup(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body>" + "<p>Sales hit $5bn.</p>" * 20 + "</body></html>", encoding="utf-8")
    (item,) = read(page, max_chars=200)
    assert isinstance(item, InputError) and "too long" in item.error


def test_a_jsonl_text_over_max_chars_is_an_error_for_that_record(tmp_path):
    dump = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": "x" * 101}, {"id": "b", "text": "ok"}])
    out = read(dump, max_chars=100)
    assert isinstance(out[0], InputError) and out[0].id == "a" and "too long" in out[0].error
    assert out[1].text == "ok"


class Endless(io.RawIOBase):
    """A stream that never ends (what ``claimx extract - < /dev/zero`` reads), counting its bytes."""

    def __init__(self, byte: bytes) -> None:
        self.byte, self.served = byte, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = self.byte * len(buffer)
        self.served += len(buffer)
        return len(buffer)


@pytest.mark.parametrize("byte", [b"x", b"\0", b"\n"])
def test_an_endless_stdin_ends_in_an_error_after_reading_little_more_than_the_limit(byte):
    endless = Endless(byte)
    (item,) = read("-", stdin=io.BufferedReader(endless), max_chars=1000)
    assert isinstance(item, InputError) and "too long" in item.error
    assert endless.served < 2_000_000  # the limit's bytes and a buffer or two, not forever


def test_stdin_json_lines_are_streamed_so_a_long_dump_is_not_one_input():
    lines = b"".join(json.dumps({"id": i, "text": f"Sales hit ${i}bn."}).encode() + b"\n" for i in range(300))
    out = read("-", stdin=io.BytesIO(lines), max_chars=100)  # the whole dump is far over 100 characters
    assert len(out) == 300 and all(isinstance(r, Record) for r in out)
    assert out[299].source == "-:300"


# -- JSON Lines lines are read with a length limit --------------------------------------------------------


def bomb(path: Path, size: int) -> Path:
    """A gzipped dump whose second line inflates to ``size`` bytes of one line."""
    with gzip.open(path, "wb") as fh:
        fh.write(json.dumps({"id": "before", "text": "Sales hit $5bn."}).encode() + b"\n")
        fh.write(b'{"id": "bomb", "text": "')
        for _ in range(size >> 20):
            fh.write(b"0" * (1 << 20))
        fh.write(b'"}\n')
        fh.write(json.dumps({"id": "after", "text": "Profit hit $2m."}).encode() + b"\n")
    return path


def test_an_over_long_line_is_an_error_record_and_the_lines_after_it_are_kept(tmp_path):
    dump = bomb(tmp_path / "b.jsonl.gz", 8 << 20)
    out = read(dump, max_chars=1000)
    assert [type(r).__name__ for r in out] == ["Record", "InputError", "Record"]
    assert out[1].source.endswith("b.jsonl.gz:2") and "line longer than" in out[1].error
    assert out[2].id == "after" and out[2].source.endswith(":3")


def test_a_gzip_bomb_never_needs_its_line_in_memory(tmp_path):
    dump = bomb(tmp_path / "b.jsonl.gz", 64 << 20)
    tracemalloc.start()
    try:
        out = read(dump, max_chars=1000)
        assert count_records([str(dump)]) == 3
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [r.id for r in out if isinstance(r, Record)] == ["before", "after"]
    assert peak < 16 << 20  # the 64 MB line was never held (it was: twice, then MemoryError)


def test_a_plain_jsonl_over_long_line_too(tmp_path):
    dump = tmp_path / "d.jsonl"
    dump.write_bytes(b'{"id": "a", "text": "' + b"y" * 3_000_000 + b'"}\n{"id": "b", "text": "ok"}\n')
    out = read(dump, max_chars=100)
    assert isinstance(out[0], InputError) and out[1].text == "ok"


# -- ids are unique in a run ---------------------------------------------------------------------------------


def test_two_dumps_numbering_their_records_alike_give_unique_ids(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [{"id": i, "text": f"A{i}"} for i in range(1, 4)])
    write_jsonl(tmp_path / "b.jsonl", [{"id": str(i), "text": f"B{i}"} for i in range(1, 4)])
    warnings: list = []
    out = read(tmp_path, warnings=warnings)
    ids = [r.id for r in out]
    assert len(set(ids)) == 6
    assert ids[:3] == ["1", "2", "3"]
    assert ids[3:] == ["b.jsonl:1", "b.jsonl:2", "b.jsonl:3"]  # their location, relative to the folder
    assert [r.source for r in out[3:]] == [f"{tmp_path / 'b.jsonl'}:{n}" for n in (1, 2, 3)]
    assert len([w for w in warnings if "repeat ids" in w[1]]) == 1  # one warning for the file


def test_ids_are_the_same_from_run_to_run(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [{"id": 7, "text": "x"}, {"id": "7", "text": "y"}])
    first, second = read(tmp_path), read(tmp_path)
    assert [r.id for r in first] == [r.id for r in second] == ["7", "a.jsonl:2"]


def test_a_file_reached_twice_is_read_once_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text("once", encoding="utf-8")
    write_jsonl(tmp_path / "d.jsonl", [{"id": "1", "text": "x"}])
    warnings: list = []
    out = read(tmp_path, tmp_path / "a.txt", tmp_path / "d.jsonl", warnings=warnings)
    assert [r.text for r in out] == ["once", "x"]
    assert sum("already read" in message for _, message in warnings) == 2


def test_an_id_that_is_taken_with_its_location_too_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "d.jsonl", [{"id": "notes.txt", "text": "x"}, {"id": f"{tmp_path.name}/notes.txt",
                                                                          "text": "z"}])
    Path("notes.txt").write_text("y", encoding="utf-8")
    out = read("d.jsonl", "notes.txt")
    assert [r.id for r in out[:2]] == ["notes.txt", f"{tmp_path.name}/notes.txt"]
    assert isinstance(out[2], InputError) and "already used" in out[2].error


def test_file_ids_are_relative_to_the_argument_and_the_same_from_any_working_directory(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "world").mkdir(parents=True)
    (corpus / "a.txt").write_text("A", encoding="utf-8")
    (corpus / "world" / "b.txt").write_text("B", encoding="utf-8")
    write_jsonl(corpus / "d.jsonl", [{"text": "no id"}])
    expected = ["a.txt", "d.jsonl:1", os.path.join("world", "b.txt")]
    monkeypatch.chdir(tmp_path)
    assert [r.id for r in read("corpus")] == expected
    assert [r.id for r in read(corpus)] == expected  # absolute
    assert [r.id for r in read("corpus/**/*.txt")] == [expected[0], expected[2]]  # a pattern's fixed folder
    monkeypatch.chdir(corpus / "world")
    assert [r.id for r in read("..")] == expected
    assert [r.id for r in read("b.txt")] == [r.id for r in read(corpus / "world" / "b.txt")] == ["b.txt"]
    assert read("..")[0].source == os.path.join("..", "a.txt")  # source: the path as given


def test_files_of_two_folders_with_the_same_names_take_the_folder_name_too(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.txt").write_text(name, encoding="utf-8")
    warnings: list = []
    out = read(tmp_path / "a", tmp_path / "b", warnings=warnings)
    assert [r.id for r in out] == ["x.txt", os.path.join("b", "x.txt")]
    assert len(warnings) == 1 and "repeat ids" in warnings[0][1]


# -- file names that are not UTF-8 ---------------------------------------------------------------------


def test_file_names_that_are_not_utf8_give_ids_that_can_be_written(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as fh:
        fh.write(b"Sales hit $5bn.")
    with open(os.path.join(folder, b"d\xff.jsonl"), "wb") as fh:
        fh.write(b'{"text": "Profit hit $2m."}\n')
    out = read(tmp_path)
    assert [r.text for r in out] == ["Sales hit $5bn.", "Profit hit $2m."]
    assert out[0].id.endswith("caf\\xe9.txt") and out[1].source.endswith("d\\xff.jsonl:1")
    for r in out:
        json.dumps({"id": r.id, "source": r.source}, ensure_ascii=False).encode("utf-8")  # no surrogates
