"""models/claimx.cfg assembles into a pipeline that spacy.load and claimx --model accept."""

from pathlib import Path

import pytest

CFG = Path(__file__).resolve().parents[1] / "models" / "claimx.cfg"


@pytest.mark.slow
def test_models_config_assembles_a_loadable_claimx_pipeline(tmp_path):
    import spacy
    from spacy.util import load_config, load_model_from_config

    import claimx

    nlp = load_model_from_config(load_config(CFG), auto_fill=True)
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names[-6:] == ["claimx_entities", "claimx_money", "claimx_dates", "claimx_locations",
                                      "claimx_attributions", "claimx_projections"]
    article = claimx.extract("Acme will earn $5 billion by 2030.", date="2025-11-21",
                             nlp=claimx.load(str(tmp_path / "pipe")))
    assert [m.value for m in article.money] == [5e9]
    assert [p.horizon.value for p in article.projections if p.horizon] == ["2030"]

