"""The result model's JSON Schema (`claimx schema`): every field says what it means."""

import json

from claimx.schema import json_schema


def test_every_field_of_every_model_in_the_json_schema_says_what_it_means():
    schema = json_schema()
    models = {"Article": schema, **schema["$defs"]}
    missing = [f"{model}.{name}" for model, body in models.items()
               for name, prop in body.get("properties", {}).items()
               if len(prop.get("description", "").split()) < 3]
    assert missing == []
    assert len(models) >= 12 and all(body.get("description") for body in models.values())


def test_the_schema_describes_the_values_people_ask_about():
    text = json.dumps(json_schema())
    for value in ("certain", "probable", "possible", "direct", "indirect", "according_to", "given",
                  "input", "'text'", "none", "2026-SP", "'202'", "P3Y", "PRESENT_REF", "FY2026",
                  "grammatical subject"):
        assert value in text, value
