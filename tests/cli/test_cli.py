"""The CLI contract: stdout carries data only, errors are one line on stderr with documented codes."""

import gzip
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claimx.cli import app

runner = CliRunner()


def invoke(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_help_and_schema_do_not_import_spacy():
    code = ("import sys; from typer.testing import CliRunner; from claimx.cli import app; "
            "r = CliRunner().invoke(app, ['schema']); assert r.exit_code == 0; "
            "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0; "
            "assert 'spacy' not in sys.modules, 'spacy imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("claimx ")


def test_schema_prints_json_schema_of_a_record():
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert {"money", "dates", "projections", "quotes", "schema_version", "id"} <= set(schema["properties"])


def test_missing_file_is_a_usage_error(tmp_path):
    result = invoke("extract", str(tmp_path / "nope.txt"), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "nope.txt" in result.stderr


def test_folder_without_articles_is_a_usage_error(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    result = invoke("extract", str(tmp_path), "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.startswith("claimx: error:")


@pytest.mark.parametrize("bad", ["2025-13-01", "yesterday", "21/11/2025"])
def test_bad_date_is_a_usage_error(tmp_path, bad):
    f = tmp_path / "a.txt"
    f.write_text("Text.")
    result = invoke("extract", str(f), "--date", bad)
    assert result.exit_code == 2
    assert "date" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("code", ["dollars", "XYZ", "US", "usd1", ""])
def test_a_dollar_that_is_no_iso_4217_code_is_a_usage_error(tmp_path, code):
    f = tmp_path / "a.txt"
    f.write_text("Text.")
    result = invoke("extract", str(f), "--dollar", code, "--model", "blank")
    assert result.exit_code == 2
    assert result.stdout == "" and result.stderr.count("\n") == 1 and "ISO 4217" in result.stderr


@pytest.mark.parametrize("code", ["AUD", "cad", "HKD", "ALL"])
def test_a_dollar_code_the_currency_data_or_iso_knows_is_used_for_a_bare_dollar(tmp_path, code):
    f = tmp_path / "a.txt"
    f.write_text("Sales hit $5bn.")
    result = invoke("extract", str(f), "--dollar", code, "--model", "blank", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["money"][0]["currency"] == code.upper()


def test_max_chars_bounds_each_input_and_the_rest_are_read(tmp_path):
    (tmp_path / "a.txt").write_text("Sales hit $5bn!", encoding="utf-8")  # 15 characters
    (tmp_path / "b.txt").write_text("Sales hit $5bn and then some more.", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text('{"id": "long", "text": "' + "word " * 10 + '"}\n'
                                      '{"id": "short", "text": "$2bn"}\n', encoding="utf-8")
    result = invoke("extract", str(tmp_path), "--max-chars", "15", "--model", "blank", "-f", "jsonl")
    assert result.exit_code == 3
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a.txt", "short"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("claimx: error:")]
    assert len(errors) == 2 and all("the limit is 15" in line for line in errors)


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_a_max_chars_below_one_is_a_usage_error(tmp_path, value):
    f = tmp_path / "a.txt"
    f.write_text("Text.")
    out = run_main("extract", str(f), "--max-chars", value, "--model", "blank")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "--max-chars" in out.stderr


@pytest.mark.slow
@pytest.mark.parametrize("model", ["no_such_pipeline_xyz", "spacy", "claimx", "tests"])
def test_unknown_model_is_a_usage_error(tmp_path, model):
    f = tmp_path / "a.txt"
    f.write_text("Text.")
    result = invoke("extract", str(f), "--model", model)  # (a module or folder that is no pipeline too)
    assert result.exit_code == 2
    assert f"spaCy pipeline {model!r}" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.slow
def test_single_file_json_is_one_object(tmp_path):
    f = tmp_path / "a.txt"
    text = "Acme Corp will invest $5 million in Ohio next year, CEO Jane Doe said on Tuesday."
    f.write_text(text)
    result = invoke("extract", str(f), "--date", "2025-11-21", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    assert rec["id"] == "a.txt" and rec["source"] == str(f)  # the id: relative to the file's folder
    assert rec["date"] == "2025-11-21" and rec["date_source"] == "given"
    assert rec["schema_version"]
    assert [m["value"] for m in rec["money"]] == [5e6]
    for key in ("entities", "money", "locations", "dates", "projections", "quotes"):
        for item in rec[key]:
            assert text[item["start_char"]:item["end_char"]] == item["text"]


@pytest.mark.slow
def test_folder_json_is_an_array_in_sorted_order(tmp_path):
    (tmp_path / "b.txt").write_text("Prices rose in France.")
    (tmp_path / "a.txt").write_text("Sales fell in Japan.")
    result = invoke("extract", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    recs = json.loads(result.stdout)
    assert [r["id"].rsplit("/", 1)[-1] for r in recs] == ["a.txt", "b.txt"]


@pytest.mark.slow
def test_jsonl_dump_in_jsonl_out_with_record_dates(tmp_path):
    dump = tmp_path / "dump.jsonl.gz"
    lines = [{"id": "r1", "text": "Profit will rise next year.", "date": "2020-03-02"},
             {"id": "r2", "text": "Nothing to see.", "date": None}]
    with gzip.open(dump, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(x) for x in lines) + "\n")
    result = invoke("extract", str(dump), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in recs] == ["r1", "r2"]
    assert recs[0]["date_source"] == "input"
    assert [d["value"] for d in recs[0]["dates"]] == ["2021"]


@pytest.mark.slow
def test_stdin_text_with_date():
    result = invoke("extract", "-", "--date", "2025-11-21", "--format", "json",
                    input="Revenue will reach $3bn by 2030.")
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    assert rec["id"] == "-"
    assert rec["money"][0]["value"] == 3e9


@pytest.mark.slow
def test_empty_file_warns_and_gives_empty_result(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    result = invoke("extract", str(f), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["money"] == []
    assert "empty" in result.stderr


@pytest.mark.slow
def test_binary_file_in_a_batch_is_a_partial_failure(tmp_path):
    (tmp_path / "good.txt").write_text("Shares rose in London.")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00")
    result = invoke("extract", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 3
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"].rsplit("/", 1)[-1] for r in recs] == ["good.txt"]
    assert "bad.txt" in result.stderr and "binary" in result.stderr


@pytest.mark.slow
def test_undecodable_bytes_fall_back_to_cp1252(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\xe9 profits rose \x93sharply\x94 in Paris.".encode("latin-1"))
    result = invoke("extract", str(f), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    assert rec["encoding"] == "cp1252"


@pytest.mark.slow
def test_output_file_option(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Sales fell in Japan.")
    out = tmp_path / "out.jsonl"
    result = invoke("extract", str(f), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text())["source"] == str(f)


@pytest.mark.slow
def test_table_format_shows_normalised_figures(seed_text, tmp_path):
    f = tmp_path / "seed.txt"
    f.write_text(seed_text, encoding="utf-8")
    result = invoke("extract", str(f), "--date", "2025-11-21", "--format", "table")
    assert result.exit_code == 0, result.stderr
    assert "1.4e12 USD" in result.stdout
    assert "Wisconsin" in result.stdout and "US-WI" in result.stdout


@pytest.mark.slow
def test_table_format_shows_percentage_and_quantity_projection_values(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Tesla said sales would rise 20% next year. Ford will cut 5,000 jobs by 2027.\n",
                 encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f), "--date", "2025-11-21", "--format", "table"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "20 percent" in result.stdout and "5,000 jobs" in result.stdout


def test_python_dash_m_runs_the_cli():
    out = subprocess.run([sys.executable, "-m", "claimx", "--version"], capture_output=True, text=True,
                         check=True)
    assert out.stdout.startswith("claimx ")


def run_main(*args, input=None):
    """The installed entry point (main()), not CliRunner: what a shell user sees."""
    return subprocess.run([sys.executable, "-m", "claimx", *args], input=input, capture_output=True,
                          text=True)


@pytest.mark.parametrize("args", [["extract", "x.txt", "--format", "yaml"], ["extract"], ["bogus"]])
def test_usage_errors_are_one_line_with_exit_2(args):
    out = run_main(*args)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.startswith("claimx: error:") and out.stderr.count("\n") == 1


def test_unwritable_output_is_a_usage_error_before_any_work(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Sales rose.")
    target = tmp_path / "no" / "dir" / "out.json"
    out = run_main("extract", str(f), "-o", str(target), "--model", "blank")
    assert out.returncode == 2
    assert f"cannot write {target}: No such file or directory" in out.stderr  # not its temporary name
    assert out.stderr.count("\n") == 1


def test_stdin_json_lines_with_format_json_is_a_valid_array():
    lines = '{"id": "a", "text": "Sales rose."}\n{"id": "b", "text": "Costs fell."}\n'
    out = run_main("extract", "-", "--format", "json", "--model", "blank", input=lines)
    assert out.returncode == 0, out.stderr
    assert [r["id"] for r in json.loads(out.stdout)] == ["a", "b"]


def test_json_lines_record_with_lone_surrogates_is_an_error_record(tmp_path):
    dump = tmp_path / "d.jsonl"
    dump.write_text('{"id": "s", "text": "bad \\ud83d here"}\n{"id": "ok", "text": "Fine."}\n')
    out = run_main("extract", str(dump), "--format", "jsonl", "--model", "blank")
    assert out.returncode == 3
    assert [json.loads(x)["id"] for x in out.stdout.splitlines()] == ["ok"]
    assert "surrogate" in out.stderr


def test_api_rejects_a_bad_date():
    import claimx
    from claimx.pipeline.build import build

    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        claimx.extract("Sales will rise.", date="21/11/2025", nlp=build("blank"))


def test_table_shows_an_unresolved_horizon_as_unresolved_not_none():
    import io

    from rich.console import Console

    from claimx.cli.render import render_tables
    from claimx.schema import Article, Horizon, Projection

    text = "Acme will raise $5bn by year-end."
    horizon = Horizon(text="year-end", start_char=24, end_char=32, value=None)  # no article date
    article = Article(id="a", source="a", projections=[Projection(text=text, start_char=0, end_char=33,
                                                                  horizon=horizon)])
    shown = io.StringIO()
    render_tables(article, Console(file=shown, width=200))
    assert "year-end → unresolved" in shown.getvalue() and "None" not in shown.getvalue()
