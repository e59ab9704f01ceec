"""Shared fixtures: the real Hydra configs, composed and shrunk to a few dialogues."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from debtsim.app import CONF_DIR
from simulator.config import RunConfig, parse_run_config


def compose_config(tmp: Path, *overrides: str) -> RunConfig:
    """Compose conf/run.yaml with overrides, as `debtsim run` would, writing into `tmp`."""
    with initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
        cfg = compose(config_name="run", overrides=[f"output_dir={tmp}", *overrides])
    return parse_run_config(OmegaConf.to_container(cfg, resolve=True))


@pytest.fixture
def make_config(tmp_path: Path):
    def make(*overrides: str, sub: str = "run") -> RunConfig:
        return compose_config(tmp_path / sub, *overrides)

    return make


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
