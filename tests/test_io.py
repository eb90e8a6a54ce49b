"""Tests for claimx.io: every kind of input to a stream of text records."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimx.io import (
    InputError,
    Record,
    UsageError,
    decode_bytes,
    expands_to_many,
    iter_records,
    parse_date,
)


def records(*args: str | Path, **kwargs) -> list[Record | InputError]:
    return list(iter_records([str(arg) for arg in args], **kwargs))


def only_record(*args: str | Path, **kwargs) -> Record:
    (item,) = records(*args, **kwargs)
    assert isinstance(item, Record), item
    return item


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


# -- decode_bytes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Prices rose 5% — “sharply”.".encode(), "Prices rose 5% — “sharply”.", "utf-8"),
        (b"\xef\xbb\xbfHello", "Hello", "utf-8-sig"),
        ("Zürich €5".encode("utf-16"), "Zürich €5", "utf-16"),
        (b"\xfe\xff" + "Big end".encode("utf-16-be"), "Big end", "utf-16"),
        (b"He said \x93yes\x94 for \x80" + b"5", "He said “yes” for €5", "cp1252"),
        (b"undefined in cp1252: \x81\xe9", "undefined in cp1252: \x81é", "latin-1"),
        (b"", "", "utf-8"),
    ],
)
def test_decode_bytes_tries_bom_then_utf8_then_cp1252_then_latin1(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


def test_decode_bytes_keeps_newlines_exactly():
    assert decode_bytes(b"a\r\nb\rc\n")[0] == "a\r\nb\rc\n"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\xef\xbb\xbfab\x00c"])
def test_decode_bytes_rejects_nul_bytes_as_binary(data):
    with pytest.raises(ValueError, match="binary file"):
        decode_bytes(data)


@given(st.text().filter(lambda text: "\0" not in text and not text.startswith("\ufeff")))
def test_decode_bytes_round_trips_any_utf8_text(text):
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


@given(st.binary().filter(lambda data: b"\0" not in data))
def test_decode_bytes_never_fails_on_bytes_without_nul(data):
    text, encoding = decode_bytes(data)
    assert encoding in {"utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"}
    assert isinstance(text, str)


# -- plain files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "text", "encoding"),
    [
        ("Plain UTF-8 café.".encode(), "Plain UTF-8 café.", "utf-8"),
        (b"\xef\xbb\xbfWith a BOM.", "With a BOM.", "utf-8-sig"),
        ("UTF-16 with a BOM.".encode("utf-16"), "UTF-16 with a BOM.", "utf-16"),
        (b"\x93Smart quotes\x94 from Windows.", "“Smart quotes” from Windows.", "cp1252"),
        (b"Latin-1 only: \x8d\xe9t\xe9", "Latin-1 only: \x8dété", "latin-1"),
    ],
)
def test_text_file_is_decoded_with_its_encoding_reported(tmp_path, content, text, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    record = only_record(path)
    assert (record.text, record.encoding) == (text, encoding)
    assert (record.id, record.source) == ("article.txt", str(path))  # a file's id: its name
    assert record.meta == {}


def test_text_file_keeps_crlf_so_offsets_point_into_the_original(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Line one.\r\nLine two.\r\n")
    assert only_record(path).text == "Line one.\r\nLine two.\r\n"


def test_binary_file_yields_input_error_and_the_stream_goes_on(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"GIF89a\x00\x01\x00\x01")
    good = tmp_path / "good.txt"
    good.write_text("Fine.", encoding="utf-8")
    error, record = records(binary, good)
    assert error == InputError(str(binary), str(binary), "binary file (NUL bytes), skipped")
    assert isinstance(record, Record)
    assert record.text == "Fine."


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_or_whitespace_file_yields_a_record_for_the_caller_to_warn_about(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert only_record(path).text == content.decode()


def test_explicit_file_is_read_whatever_its_extension(tmp_path):
    path = tmp_path / "notes.log"
    path.write_text("Logged.", encoding="utf-8")
    assert only_record(path).text == "Logged."


def test_path_as_given_is_the_id_and_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("rel.txt").write_text("x", encoding="utf-8")
    record = only_record("rel.txt")
    assert (record.id, record.source) == ("rel.txt", "rel.txt")


def test_unreadable_file_yields_input_error(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("hidden", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that can read a chmod 000 file")
        (error,) = records(path)
        assert isinstance(error, InputError)
        assert error.source == str(path)
        assert error.error == "cannot read file (permission denied), skipped"
    finally:
        path.chmod(0o644)


def test_unreadable_file_in_folder_is_skipped_not_fatal(tmp_path):
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    locked = tmp_path / "b.txt"
    locked.write_text("B", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with privileges that can read a chmod 000 file")
        first, second = records(tmp_path)
        assert isinstance(first, Record)
        assert isinstance(second, InputError)
        assert second.source == str(locked)
    finally:
        locked.chmod(0o644)


def test_unreadable_subfolder_yields_input_error_and_walk_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("no", encoding="utf-8")
    (tmp_path / "z.txt").write_text("Z", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with privileges that can read a chmod 000 folder")
        items = records(tmp_path)
        assert [type(item).__name__ for item in items] == ["Record", "InputError", "Record"]
        assert items[1].error == "cannot read folder (permission denied), skipped"
    finally:
        locked.chmod(0o755)


def test_broken_symlink_in_folder_yields_input_error(tmp_path):
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    try:
        (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")
    except OSError:
        pytest.skip("symlinks not supported here")
    record, error = records(tmp_path)
    assert isinstance(record, Record)
    assert isinstance(error, InputError)
    assert error.error == "cannot read file (no such file or directory), skipped"


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2025-03-14", "2024-02-29", "1999-12-31"])
def test_parse_date_accepts_real_iso_dates(value):
    assert parse_date(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "2025-02-30",
        "2023-02-29",
        "2025-13-01",
        "14/03/2025",
        "2025-3-14",
        "20250314",
        "",
        "2025-03-14T10:00",
        " 2025-03-14",
        "２０２５-03-14",
    ],
)
def test_parse_date_rejects_anything_but_a_real_yyyy_mm_dd(value):
    with pytest.raises(UsageError, match="invalid date"):
        parse_date(value)


def test_given_date_is_the_base_date_of_a_plain_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Yesterday.", encoding="utf-8")
    record = only_record(path, date="2025-03-14")
    assert (record.date, record.date_source) == ("2025-03-14", "given")


def test_no_date_means_none(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Yesterday.", encoding="utf-8")
    record = only_record(path)
    assert (record.date, record.date_source) == (None, "none")


ARTICLE = "Acme buys Foo for $5bn\n\nMarch 01, 2008\n\nAcme said on Friday it would buy Foo next year.\n"


def test_a_date_line_at_the_head_is_the_base_date_when_none_is_given(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    record = only_record(path)
    assert (record.date, record.date_source, record.title) == ("2008-03-01", "text", "Acme buys Foo for $5bn")
    assert record.text == ARTICLE  # the headline and date line stay in the text


def test_a_given_date_wins_over_the_text_and_the_records_own_over_both(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert only_record(path, date="2025-03-14").date_source == "given"
    dump = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": ARTICLE, "date": "2020-01-02"},
                                              {"id": "b", "text": ARTICLE}])
    own, from_text = records(dump, date="2025-03-14")
    assert (own.date, own.date_source) == ("2020-01-02", "input")
    assert (from_text.date, from_text.date_source) == ("2025-03-14", "given")
    assert [(r.date_source, r.title) for r in records(dump)] == [("input", None), ("text", None)]


def test_stdin_text_gets_its_date_and_headline_from_the_text():
    record = only_record("-", stdin=io.BytesIO(ARTICLE.encode()))
    assert (record.date, record.date_source, record.title) == ("2008-03-01", "text", "Acme buys Foo for $5bn")


def test_an_html_page_without_metadata_date_gets_one_from_its_text(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><article><p>LONDON, March 4, 2008 (Reuters) - Acme said it would buy "
                    "Foo for $5bn next year.</p></article></body></html>", encoding="utf-8")
    record = only_record(page)
    assert (record.date, record.date_source) == ("2008-03-04", "text")


def test_bad_date_argument_is_a_usage_error_before_reading(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="2025-02-30"):
        iter_records([str(path)], date="2025-02-30")


# -- folders --------------------------------------------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order(tmp_path):
    for name in ["b.txt", "a.md", "sub/z.txt", "sub/deeper/m.text", "c.html", "sub2/a.htm"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        html = name.endswith((".html", ".htm"))
        path.write_text(f"<html><body><p>{name}</p></body></html>" if html else name, encoding="utf-8")
    texts = [item.text for item in records(tmp_path) if isinstance(item, Record)]
    assert texts == ["a.md", "b.txt", "c.html", "sub/deeper/m.text", "sub/z.txt", "sub2/a.htm"]


def test_folder_paths_are_ids_relative_to_the_folder_and_sources_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("articles/world").mkdir(parents=True)
    Path("articles/world/a.txt").write_text("x", encoding="utf-8")
    record = only_record("articles")
    assert record.id == os.path.join("world", "a.txt")
    assert record.source == os.path.join("articles", "world", "a.txt")


def test_folder_skips_hidden_and_non_text_files(tmp_path):
    (tmp_path / "keep.txt").write_text("keep", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("no", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "inside.txt").write_text("no", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / "script.py").write_text("print()", encoding="utf-8")
    assert only_record(tmp_path).text == "keep"


def test_folder_suffixes_match_case_insensitively(tmp_path):
    (tmp_path / "SHOUT.TXT").write_text("loud", encoding="utf-8")
    assert only_record(tmp_path).text == "loud"


def test_symlink_loop_in_folder_terminates(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("once", encoding="utf-8")
    try:
        (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
        (tmp_path / "self").symlink_to(tmp_path / "sub", target_is_directory=True)
    except OSError:
        pytest.skip("symlinks not supported here")
    items = records(tmp_path)
    assert [item.text for item in items if isinstance(item, Record)] == ["once"]


def test_folder_mixing_text_and_jsonl_streams_both(tmp_path):
    (tmp_path / "a.txt").write_text("plain", encoding="utf-8")
    write_jsonl(tmp_path / "b.jsonl", [{"id": "r1", "text": "from jsonl"}])
    assert [item.id for item in records(tmp_path)] == ["a.txt", "r1"]


def test_folder_without_text_files_is_a_usage_error(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("no", encoding="utf-8")
    with pytest.raises(UsageError, match="no text files"):
        iter_records([str(tmp_path)])


def test_empty_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match=re.escape(str(tmp_path))):
        iter_records([str(tmp_path)])


def test_usage_error_comes_before_any_record(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match=r"missing\.txt"):
        iter_records([str(good), str(tmp_path / "missing.txt")])


def test_missing_path_is_a_usage_error_naming_it(tmp_path):
    with pytest.raises(UsageError, match=r"no such file or folder: .*nope\.txt"):
        iter_records([str(tmp_path / "nope.txt")])


# -- globs ----------------------------------------------------------------------------------------


def test_glob_is_expanded_sorted_when_the_shell_did_not(tmp_path):
    for name in ["b.txt", "a.txt", "c.md", "sub/d.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    assert [item.text for item in records(tmp_path / "*.txt")] == ["a.txt", "b.txt"]


def test_recursive_glob_matches_nested_files(tmp_path):
    for name in ["a.txt", "sub/b.txt", "sub/deeper/c.txt", "sub/skip.md"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    texts = [item.text for item in records(tmp_path / "**" / "*.txt")]
    assert texts == ["a.txt", "sub/b.txt", "sub/deeper/c.txt"]


def test_glob_with_no_matches_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match=r"no files match"):
        iter_records([str(tmp_path / "*.txt")])


# -- JSON Lines -----------------------------------------------------------------------------------


def test_jsonl_records_carry_ids_text_dates_and_other_fields(tmp_path):
    path = write_jsonl(
        tmp_path / "dump.jsonl",
        [
            {"id": "r1", "text": "First.", "date": "2024-05-01", "title": "Headline"},
            {"id": 42, "text": "Second."},
        ],
    )
    first, second = records(path)
    assert first == Record(
        id="r1",
        text="First.",
        source=f"{path}:1",
        date="2024-05-01",
        date_source="input",
        title="Headline",
        meta={"title": "Headline"},
    )
    assert (second.id, second.source, second.date, second.date_source) == ("42", f"{path}:2", None, "none")
    assert first.encoding is None


def test_a_jsonl_id_that_is_no_string_is_its_json_text(tmp_path):
    rows = [{"id": 7, "text": "a"}, {"id": {"b": 1, "a": 2}, "text": "b"}, {"id": True, "text": "c"},
            {"id": ["x", 1], "text": "d"}]
    path = write_jsonl(tmp_path / "dump.jsonl", rows)
    assert [r.id for r in records(path)] == ["7", '{"a": 2, "b": 1}', "true", '["x", 1]']


def test_jsonl_record_date_wins_over_given_date_else_given_applies_and_an_invalid_one_is_warned_of(tmp_path):
    path = write_jsonl(
        tmp_path / "dump.ndjson",
        [
            {"id": "own", "text": "a", "date": "2024-05-01"},
            {"id": "absent", "text": "b"},
            {"id": "null", "text": "c", "date": None},
            {"id": "invalid", "text": "d", "date": "2024-02-30"},
            {"id": "datetime", "text": "e", "date": "2024-05-01T09:30:00Z"},
        ],
    )
    warnings: list[tuple[str, str]] = []
    dates = {item.id: (item.date, item.date_source)
             for item in records(path, date="2025-01-01", warn=lambda p, m: warnings.append((p, m)))}
    assert warnings == [(str(path), 'record dates that are not YYYY-MM-DD dates are ignored (first: '
                                    f'"2024-02-30" at {path}:4)')]
    assert dates == {
        "own": ("2024-05-01", "input"),
        "absent": ("2025-01-01", "given"),
        "null": ("2025-01-01", "given"),
        "invalid": ("2025-01-01", "given"),
        "datetime": ("2024-05-01", "input"),
    }


def test_jsonl_bad_lines_become_input_errors_and_blank_lines_are_skipped(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok", "text": "Good."}),
                "",
                "{not json",
                json.dumps(["a", "list"]),
                json.dumps({"id": "no-text", "title": "T"}),
                json.dumps({"id": 7, "text": 12}),
                json.dumps({"text": "No id."}),
                "   ",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    items = records(path)
    assert [(type(item).__name__, item.id, item.source) for item in items] == [
        ("Record", "ok", f"{path}:1"),
        ("InputError", f"{path}:3", f"{path}:3"),
        ("InputError", f"{path}:4", f"{path}:4"),
        ("InputError", "no-text", f"{path}:5"),
        ("InputError", "7", f"{path}:6"),
        ("Record", f"{path.name}:7", f"{path}:7"),  # the id relative to the file's folder
    ]
    assert items[1].error.startswith("not valid JSON")
    assert items[2].error == "not a JSON object (got list), skipped"
    assert items[3].error == 'JSON record has no "text" field, skipped'


def test_jsonl_text_is_kept_exactly(tmp_path):
    text = "Line one.\r\nLine two\u2028with a line separator.\n"
    path = write_jsonl(tmp_path / "dump.jsonl", [{"id": "x", "text": text}])
    assert only_record(path).text == text


def test_jsonl_with_bom_and_crlf_line_endings(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"id": "a", "text": "A"}\r\n{"id": "b", "text": "B"}\r\n')
    assert [(item.id, item.text) for item in records(path)] == [("a", "A"), ("b", "B")]


def test_gzipped_jsonl_is_streamed(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for number in range(3):
            handle.write(json.dumps({"id": f"g{number}", "text": f"Text {number}"}) + "\n")
    assert [item.id for item in records(path)] == ["g0", "g1", "g2"]


def test_corrupt_gzip_yields_input_error(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(b"this is not gzip data")
    (error,) = records(path)
    assert isinstance(error, InputError)
    assert error.source == str(path)
    assert "rest of file skipped" in error.error


def test_truncated_gzip_keeps_the_records_read_before(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    payload = "".join(json.dumps({"id": str(n), "text": "x" * 50}) + "\n" for n in range(200))
    data = gzip.compress(payload.encode())
    path.write_bytes(data[: len(data) // 2])
    items = records(path)
    assert isinstance(items[0], Record)
    assert isinstance(items[-1], InputError)


def test_record_with_meta_is_hashable_and_meta_is_read_only(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": "t", "title": "T"}])
    record = only_record(path)
    hash(record)
    with pytest.raises(TypeError):
        record.meta["title"] = "changed"  # type: ignore[index]


# -- stdin ----------------------------------------------------------------------------------------


def test_stdin_text_is_one_article_with_id_dash():
    stdin = io.BytesIO(b"\x93Quoted\x94 from a pipe.\n")
    record = only_record("-", stdin=stdin, date="2025-03-14")
    assert record == Record(
        id="-",
        text="“Quoted” from a pipe.\n",
        source="-",
        date="2025-03-14",
        date_source="given",
        encoding="cp1252",
    )


def test_stdin_json_that_is_not_a_record_stays_text():
    stdin = io.BytesIO(b'{"title": "no text key"}\n')
    assert only_record("-", stdin=stdin).text == '{"title": "no text key"}\n'


def test_stdin_jsonl_is_detected_from_its_first_non_blank_line():
    lines = [{"id": "s1", "text": "One.", "date": "2024-01-02"}, {"text": "Two."}]
    stdin = io.BytesIO(b"\n" + "".join(json.dumps(line) + "\n" for line in lines).encode())
    first, second = records("-", stdin=stdin)
    assert (first.id, first.source, first.date_source) == ("s1", "-:2", "input")
    assert (second.id, second.source, second.text) == ("-:3", "-:3", "Two.")


def test_empty_stdin_is_one_empty_article():
    assert only_record("-", stdin=io.BytesIO(b"")).text == ""


def test_binary_stdin_yields_input_error():
    (error,) = records("-", stdin=io.BytesIO(b"\x00\x01\x02"))
    assert error == InputError("-", "-", "binary file (NUL bytes), skipped")


def test_stdin_given_twice_is_a_usage_error():
    with pytest.raises(UsageError, match="only once"):
        iter_records(["-", "-"], stdin=io.BytesIO(b""))


# -- expands_to_many ------------------------------------------------------------------------------


def test_expands_to_many(tmp_path):
    single = tmp_path / "a.txt"
    single.write_text("x", encoding="utf-8")
    dump = write_jsonl(tmp_path / "d.jsonl", [])
    assert not expands_to_many([str(single)])
    assert not expands_to_many(["-"])
    assert not expands_to_many([])
    assert expands_to_many([str(single), str(single)])
    assert expands_to_many([str(tmp_path)])
    assert expands_to_many([str(tmp_path / "*.txt")])
    assert expands_to_many(["articles/**/*.txt"])
    assert expands_to_many([str(dump)])
    assert expands_to_many(["dump.jsonl.gz"])
