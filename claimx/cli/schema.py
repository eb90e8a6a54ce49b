"""``claimx schema``: the JSON Schema of one output record (no spaCy import)."""

from __future__ import annotations

import json
import sys

from claimx.cli import app


@app.command()
def schema() -> None:
    """Print the JSON Schema of one output record."""
    from claimx.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")
