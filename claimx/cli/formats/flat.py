"""Flat rows for spreadsheets and databases, derived from the result model (not hand-listed).

Each list field of :class:`~claimx.schema.Article` (entities, money, ...) is a *category*: one row
per item, carrying the article's ``article_id``, ``date`` and ``source`` and the item's position
``item``.  An item's scalar fields are columns named as in the JSON (``text``, ``start_char``,
``value``, ``currency``, ...).  A nested item (a projection's ``speaker``, ``value``, ``horizon``)
becomes a group of columns: ``speaker`` holds its normalised ``value`` where it has one, else its
``text`` (``horizon`` = ``"2025"``, ``speaker`` = ``"Sam Altman"``), and its other fields follow
as ``speaker_title``, ``horizon_text``, ``horizon_start``, ...  A union of models (``Money |
Quantity``) gets the columns of both.  A field added to the schema appears here by itself.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Union

from pydantic import BaseModel

from claimx.schema import Article

#: the columns every item row starts with: which article, and where in its list
ITEM_KEYS = ("article_id", "date", "source", "item")
#: what the span fields every item shares mean (the schema leaves them undescribed)
_SPAN_FIELDS = {"text": "the words as they stand in the article",
                "start_char": "offset of the first character in the article text",
                "end_char": "offset just past the last character"}


@dataclass(frozen=True)
class Column:
    name: str
    path: tuple[str, ...]
    """Where the value sits in the item's (or article's) JSON."""
    kind: type
    """str, int, float or bool; ``list``/``dict`` for a nested list, written as JSON text."""
    description: str | None = None


def categories() -> tuple[str, ...]:
    """The list fields of an article whose items are models: ``("entities", "money", ...)``."""
    return tuple(name for name, f in Article.model_fields.items() if _item_model(f.annotation) is not None)


def _item_model(annotation: Any) -> type[BaseModel] | None:
    if typing.get_origin(annotation) is list:
        (arg,) = typing.get_args(annotation)
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _members(annotation: Any) -> list[Any]:
    """The members of a union (``X | None`` -> ``[X]``), or the annotation itself."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _scalar(annotation: Any) -> type | None:
    """The column type of a scalar annotation; None for a model."""
    kinds = set()
    for member in _members(annotation):
        if typing.get_origin(member) is Literal:
            kinds.add(type(typing.get_args(member)[0]))
        elif isinstance(member, type) and issubclass(member, BaseModel):
            return None
        elif typing.get_origin(member) in (list, dict):
            kinds.add(typing.get_origin(member))
        elif isinstance(member, type):
            kinds.add(member)
    for kind in (str, float, int, bool):  # the widest wins (a float | int field is a float)
        if kind in kinds:
            return kind
    return list if list in kinds else dict if dict in kinds else str


def _fields(models: list[type[BaseModel]]) -> dict[str, Any]:
    """The fields of one model or a union of models, in order, first model first."""
    out: dict[str, Any] = {}
    for model in models:
        for name, f in model.model_fields.items():
            out.setdefault(name, f)
    return out


def _columns(model_fields: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[Column]:
    cols: list[Column] = []
    for name, f in model_fields.items():
        kind = _scalar(f.annotation)
        if kind is not None:
            cols.append(Column(name, (*prefix, name), kind, f.description or _SPAN_FIELDS.get(name)))
            continue
        models = [m for m in _members(f.annotation) if isinstance(m, type)]
        nested = _fields(models)
        head = "value" if "value" in nested else "text" if "text" in nested else None
        what = f.description or " ".join((models[0].__doc__ or name).split()).split(". ")[0].rstrip(".")
        order = sorted(nested, key=lambda sub: sub != head)  # the group's own column first
        for sub in order:
            g = nested[sub]
            desc = g.description or _SPAN_FIELDS.get(sub) or sub
            if sub == head:
                desc = f"{what} ({'normalised value' if sub == 'value' else 'as written'})"
            col = name if sub == head else f"{name}_{sub}"
            cols.append(Column(col, (*prefix, name, sub), _scalar(g.annotation) or dict, f"{name}: {desc}"))
    return cols


@cache
def item_columns(category: str) -> tuple[Column, ...]:
    """The columns of one category's rows: :data:`ITEM_KEYS`, then the item's own."""
    model = _item_model(Article.model_fields[category].annotation)
    if model is None:
        raise KeyError(category)
    keys = (Column("article_id", ("article_id",), str, "the article's id (articles.id)"),
            Column("date", ("date",), str, "the article's date (YYYY-MM-DD)"),
            Column("source", ("source",), str, "where the article came from"),
            Column("item", ("item",), int, f"position in the article's list of {category} (from 0)"))
    cols = (*keys, *_columns(model.model_fields))
    names = [c.name for c in cols]
    if len(set(names)) != len(names):
        raise RuntimeError(f"{category}: flattening gives the same column twice: {names}")
    return cols


@cache
def article_columns() -> tuple[Column, ...]:
    """The articles table: the article's scalar fields, then how many items of each category."""
    scalars = {n: f for n, f in Article.model_fields.items() if _scalar(f.annotation) is not None
               and _item_model(f.annotation) is None}
    counts = tuple(Column(f"n_{c}", (f"n_{c}",), int, f"how many {c} the article has") for c in categories())
    return (*_columns(scalars), *counts)


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    return value


def article_row(article: Article, dump: dict[str, Any] | None = None) -> dict[str, Any]:
    """The article's row: its scalar fields and its item counts."""
    dump = dump if dump is not None else article.model_dump(mode="json")
    row = {c.name: _cell(_get(dump, c.path)) for c in article_columns() if not c.name.startswith("n_")}
    row.update({f"n_{c}": len(dump[c]) for c in categories()})
    return row


def item_rows(article: Article, category: str, dump: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """One row per item of ``category``, columns as :func:`item_columns`."""
    dump = dump if dump is not None else article.model_dump(mode="json")
    cols = item_columns(category)[len(ITEM_KEYS):]
    rows = []
    for i, item in enumerate(dump[category]):
        row: dict[str, Any] = {"article_id": article.id, "date": article.date, "source": article.source,
                               "item": i}
        row.update({c.name: _cell(_get(item, c.path)) for c in cols})
        rows.append(row)
    return rows
