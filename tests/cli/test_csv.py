"""``--format csv``: one file per category whose rows read back (Python's csv module) to the JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from claimx.cli import app
from claimx.cli.formats import flat
from claimx.cli.formats.spreadsheet import columns, read_cell, tables
from claimx.schema import Article, Location, Quote, Speaker

runner = CliRunner()


def read_table(path, table):
    with open(path / f"{table}.csv", encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == [c.name for c in columns(table)]
        return [{c.name: read_cell(row[c.name], c.kind) for c in columns(table)} for row in reader]


def expected_rows(record: dict, table: str) -> list[dict]:
    """What the rows should hold, read from the JSON record by each column's path."""
    if table == "articles":
        row = {c.name: flat._get(record, c.path) for c in columns(table)}
        row.update({f"n_{c}": len(record[c]) for c in flat.categories()})
        return [row]
    keys = {"article_id": record["id"], "date": record["date"], "source": record["source"]}
    return [{**keys, "item": i, **{c.name: flat._get(item, c.path) for c in columns(table)[4:]}}
            for i, item in enumerate(record[table])]


@pytest.mark.slow
def test_every_category_round_trips_through_the_csv_module_to_the_json_values(seed_text, tmp_path):
    article = tmp_path / "seed.txt"
    article.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "csv"
    result = runner.invoke(app, ["extract", str(article), "-d", "2025-11-21", "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    as_json = runner.invoke(app, ["extract", str(article), "-d", "2025-11-21", "-f", "json"])
    record = json.loads(as_json.stdout)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in tables())
    for table in tables():
        assert read_table(out, table) == expected_rows(record, table), table
    assert read_table(out, "projections"), "the seed article has projections"


def hostile_article() -> Article:
    speaker = Speaker(text="Zürich", start_char=0, end_char=6, title="-chief, \"acting\"")
    quote = Quote(text='"=HYPERLINK(1)\n@SUM costs €5m"', start_char=13, end_char=44, kind="direct",
                  speaker=speaker)
    place = Location(text="Zürich", start_char=0, end_char=6, label="GPE", name="Zürich", kind="city",
                     country="CH")
    return Article(id="a,1", source="in/a.txt", date="2025-01-02", title="+1 =cmd|' /C calc'!A0",
                   quotes=[quote], locations=[place])


def test_cells_keep_non_ascii_text_newlines_commas_and_formula_guards(tmp_path):
    from claimx.cli.formats.base import Target
    from claimx.cli.formats.spreadsheet import CsvRenderer

    article = hostile_article()
    renderer = CsvRenderer(Target(output=str(tmp_path), many=True))
    renderer.open()
    renderer.write(article, "")
    renderer.close()
    record = article.model_dump(mode="json")
    for table in tables():
        assert read_table(tmp_path, table) == expected_rows(record, table), table
    raw = (tmp_path / "quotes.csv").read_text(encoding="utf-8-sig")
    assert "'\"=HYPERLINK" not in raw and "'-chief" in raw  # a text that starts like a formula is guarded
    assert (tmp_path / "articles.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets


def test_stdout_writes_the_one_category_named_without_a_byte_order_mark():
    result = runner.invoke(app, ["extract", "-", "-m", "blank", "-f", "csv", "--category", "money"],
                           input="Acme will invest $5 million in Ohio next year.")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert not result.stdout.startswith("\ufeff")
    assert [(r["text"], float(r["value"]), r["currency"]) for r in rows] == [("$5 million", 5e6, "USD")]


@pytest.mark.parametrize(("args", "message"), [
    (["-f", "csv"], "--category"),
    (["-f", "csv", "--category", "nope"], "--category takes one of"),
    (["-f", "json", "--category", "money"], "--category works with --format csv"),
])
def test_csv_usage_errors_are_one_line_with_exit_2(tmp_path, args, message):
    f = tmp_path / "a.txt"
    f.write_text("Sales rose.")
    result = runner.invoke(app, ["extract", str(f), "-m", "blank", *args])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_a_csv_folder_over_an_existing_file_is_a_usage_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Sales rose.")
    result = runner.invoke(app, ["extract", str(f), "-m", "blank", "-f", "csv", "-o", str(f)])
    assert result.exit_code == 2 and "is a file" in result.stderr
    assert f.read_text() == "Sales rose."


def test_columns_come_from_the_model_so_a_new_nested_field_appears_by_itself():
    class When(BaseModel):
        text: str
        value: str | None
        start: str | None = None
        end: str | None = None

    class Claim(BaseModel):
        text: str
        horizon: When | None = None
        negated: bool = False

    names = [c.name for c in flat._columns(Claim.model_fields)]
    assert names == ["text", "horizon", "horizon_text", "horizon_start", "horizon_end", "negated"]
    kinds = {c.name: c.kind for c in flat._columns(Claim.model_fields)}
    assert kinds["negated"] is bool and kinds["horizon"] is str
