"""A small fresh scripted run, simulated once per session and scored by the real stage; and (for
`llm`-marked tests) the real local llama.cpp server, as in tests/llm/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from debtsim.scoring_stage import score_run
from tests.evaluators.eval_runs import SMALL_RUN, simulate


@pytest.fixture(scope="session")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = simulate(tmp_path_factory.mktemp("evalrun") / "run", *SMALL_RUN)
    score_run(out, {"bootstrap": 200})
    return out
