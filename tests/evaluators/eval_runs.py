"""Simulating a small scripted run from the real configs, as `debtsim run` composes them."""

from __future__ import annotations

from pathlib import Path

from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from debtsim.app import CONF_DIR
from simulator import runner
from simulator.config import parse_run_config

SMALL_RUN = ("n_dialogues=48", "seed=7", "noise=light")


def simulate(out: Path, *overrides: str) -> Path:
    """Compose conf/run.yaml with `overrides` and simulate into `out` (no later stages)."""
    with initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
        cfg = compose(config_name="run", overrides=[f"output_dir={out}", *overrides])
    config = parse_run_config(OmegaConf.to_container(cfg, resolve=True))
    runner.run(config, OmegaConf.to_yaml(cfg), progress=False)
    return out
