"""Ray tasks across shards of dialogue indices, for runs larger than one machine.

Each task simulates a contiguous chunk of pending indices with the same
`run_indices` the local executor uses, so a dialogue's line is identical
whichever machine ran it. The driver keeps a bounded number of tasks in flight
and yields lines in index order as chunks finish, so the transcripts file is
the same as a local run's and memory stays flat.
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.config import ConfigError, RunConfig


def _chunks(indices: list[int], size: int) -> list[list[int]]:
    return [indices[i : i + size] for i in range(0, len(indices), size)]


def _simulate_chunk(config_json: str, indices: list[int]) -> list[str]:
    from simulator.config import RunConfig
    from simulator.shard import run_indices

    return list(run_indices(RunConfig.model_validate_json(config_json), indices))


def ray_lines(config: RunConfig, indices: list[int]) -> Iterator[str]:
    try:
        import ray
    except ModuleNotFoundError:
        raise ConfigError("executor=ray needs Ray: pip install 'debtsim[ray]'") from None
    settings = config.executor
    if not ray.is_initialized():
        ray.init(
            address=settings.address,
            num_cpus=settings.num_cpus,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    task = ray.remote(_simulate_chunk)
    payload = ray.put(config.model_dump_json())
    chunks = _chunks(indices, settings.chunk)
    width = 2 * int(ray.available_resources().get("CPU", 1))
    futures = [task.remote(payload, chunk) for chunk in chunks[:width]]
    submitted = len(futures)
    while futures:
        head = futures.pop(0)  # in order, so the file matches a local run line for line
        yield from ray.get(head)
        if submitted < len(chunks):
            futures.append(task.remote(payload, chunks[submitted]))
            submitted += 1
