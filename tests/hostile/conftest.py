"""Helpers for the hostile-input suite: a child Python process under generous resource limits.

Bounds on time and memory are shown by limits a correct run stays far below (a CPU-seconds
limit, an address-space limit), never by a tight timed assertion: the machine may be busy."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable

import pytest


def _run_limited(code: str, *, cpu_seconds: int, memory_mb: int | None = None,
                 timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter with RLIMIT_CPU (and RLIMIT_AS) set; stdout, stderr kept."""
    limits = f"resource.setrlimit(resource.RLIMIT_CPU, ({cpu_seconds}, {cpu_seconds}))\n"
    if memory_mb is not None:
        limits += f"resource.setrlimit(resource.RLIMIT_AS, ({memory_mb << 20}, {memory_mb << 20}))\n"
    program = "import resource\n" + limits + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=timeout,
                          check=False)


@pytest.fixture
def run_limited() -> Callable[..., subprocess.CompletedProcess[str]]:
    return _run_limited
