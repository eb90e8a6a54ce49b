"""Shared fixtures: a blank English pipeline for rule tests, the real model once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SEED_DATE = "2025-11-21"


@pytest.fixture
def blank():
    """A tokenizer-only English pipeline: what rule components must cope with."""
    return spacy.blank("en")


@pytest.fixture(scope="session")
def nlp():
    """The whole claimx pipeline on the statistical model (loaded once)."""
    import claimx

    return claimx.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SAMPLES / "openai-foxconn.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(nlp, seed_text):
    """The seed article's result."""
    import claimx

    return claimx.extract(seed_text, date=SEED_DATE, nlp=nlp, id="openai-foxconn")


def _offsets_hold(article, text: str) -> None:
    """Every item, nested ones included, satisfies text[start_char:end_char] == item.text."""

    def walk(value):
        if isinstance(value, dict):
            if "start_char" in value:
                assert text[value["start_char"]:value["end_char"]] == value["text"], value
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(article.model_dump())


@pytest.fixture(scope="session")
def offsets_hold():
    """``offsets_hold(article, text)``: assert that every offset of the article points into ``text``."""
    return _offsets_hold
