"""The Ray executor gives exactly the local executor's transcripts for the same seed.

Once on a Ray instance the runner starts itself (`executor.num_cpus=2`, the path a
plain `debtsim run executor=ray` takes), once on one the caller started.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.runner import run

ray = pytest.importorskip("ray", reason="Ray is the `ray` extra")


@pytest.fixture
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.fixture
def no_ray():
    ray.shutdown()
    yield
    ray.shutdown()


def test_the_runner_starts_its_own_ray_instance(make_config, no_ray):
    local = make_config("n_dialogues=12", "seed=5", sub="local")
    remote = make_config(
        "n_dialogues=12", "seed=5", "executor=ray", "executor.num_cpus=2", "executor.chunk=5", sub="ray"
    )
    run(local, "", progress=False)
    assert not ray.is_initialized()
    manifest = run(remote, "", progress=False)
    assert ray.is_initialized(), "executor=ray with no address starts a local instance"
    assert ray.cluster_resources()["CPU"] == 2, "executor.num_cpus caps it"
    assert manifest["executor"] == "ray" and manifest["counts"]["transcripts"] == 12
    a = (Path(local.output_dir) / "transcripts.jsonl").read_bytes()
    assert a == (Path(remote.output_dir) / "transcripts.jsonl").read_bytes()


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
