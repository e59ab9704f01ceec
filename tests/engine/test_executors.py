"""The Ray executor gives exactly the local executor's transcripts for the same seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.runner import run

ray = pytest.importorskip("ray", reason="Ray is the `ray` extra")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_matches_local(make_config, local_ray):
    local = make_config("n_dialogues=40", "seed=13", "noise=heavy", sub="local")
    remote = make_config(
        "n_dialogues=40", "seed=13", "noise=heavy", "executor=ray", "executor.chunk=7", sub="ray"
    )
    run(local, "", progress=False)
    manifest = run(remote, "", progress=False)
    assert manifest["executor"] == "ray"
    a = (Path(local.output_dir) / "transcripts.jsonl").read_bytes()
    b = (Path(remote.output_dir) / "transcripts.jsonl").read_bytes()
    assert a == b
    assert a.count(b"\n") == 40
