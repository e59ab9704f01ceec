"""A small fresh scripted run, simulated once per session and scored by the real stage; and (for
`llm`-marked tests) the real local llama.cpp server, as in tests/llm/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from evaluators.stage import score_run
from tests.evaluators.eval_runs import SMALL_RUN, simulate


@pytest.fixture(scope="session")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = simulate(tmp_path_factory.mktemp("evalrun") / "run", *SMALL_RUN)
    score_run(out, {"bootstrap": 200})
    return out


@pytest.fixture(scope="session")
def local_server() -> Iterator[str]:
    """The real llama.cpp server with SmolLM2-135M, once per session; skipped where it is not installed."""
    from simulator.llm.local_server import LocalServer, missing_parts

    missing = missing_parts()
    if missing:
        pytest.skip(f"llm=local needs {missing}: run .ci/llm-setup.sh")
    server = LocalServer.start()
    try:
        yield server.base_url
    finally:
        server.stop()
