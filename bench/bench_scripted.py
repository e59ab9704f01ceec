"""Speed of the full engine (LangGraph + scripted backend) against LangGraph's own floor.

Prints, in one run:
- engine dialogues/s for dialogues capped at 12 exchanges (24 node calls), and node calls/s;
- the floor: an empty LangGraph graph with the same node calls per dialogue, whose nodes
  return a constant partial update;
- their ratio (target >= 0.6), judged per node call so shorter engine dialogues don't flatter it;
- the speed-up of the same run split across 2 processes (target >= 1.8x).

Usage: python bench/bench_scripted.py [--dialogues 2000]
"""

from __future__ import annotations

import argparse
import operator
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, TypedDict

from langgraph.graph import END, START, StateGraph

from simulator.app import CONF_DIR

NODE_CALLS = 24


def engine_config(out: Path, n: int):
    from hydra import compose, initialize_config_dir
    from omegaconf import OmegaConf

    from simulator.config import parse_run_config

    with initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
        cfg = compose("run", overrides=[f"output_dir={out}", f"n_dialogues={n}", "max_turns=24"])
    return parse_run_config(OmegaConf.to_container(cfg, resolve=True))


def run_shard(n: int, shard: tuple[int, int]) -> tuple[float, int]:
    """Simulate one shard (no file I/O); returns (seconds, node calls)."""
    from simulator.runner import run_indices

    with tempfile.TemporaryDirectory() as tmp:
        config = engine_config(Path(tmp), n)
    start = time.perf_counter()
    calls = sum(line.count('"speaker":') for line in run_indices(config, range(shard[0], n, shard[1])))
    return time.perf_counter() - start, calls


class Empty(TypedDict):
    turns: Annotated[list, operator.add]
    done: bool


def empty_graph():
    def a(state: Empty) -> dict:
        return {"turns": [1], "done": len(state["turns"]) + 1 >= NODE_CALLS}

    def route(state: Empty) -> str:
        return END if state["done"] else "next"

    graph = StateGraph(Empty)
    graph.add_node("a", a)
    graph.add_node("b", a)
    graph.add_edge(START, "a")
    graph.add_conditional_edges("a", route, {"next": "b", END: END})
    graph.add_conditional_edges("b", route, {"next": "a", END: END})
    return graph.compile()


def floor_rate(n: int) -> float:
    graph = empty_graph()
    start = time.perf_counter()
    for _ in range(n):
        graph.invoke({"turns": [], "done": False}, config={"recursion_limit": NODE_CALLS + 10})
    return n / (time.perf_counter() - start)


def two_processes(n: int) -> float:
    """Wall time of the run split in 2 shards, each in its own fresh process (imports excluded)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--dialogues", str(n), "--shard"]
    procs = [subprocess.Popen([*cmd, str(k)], stdout=subprocess.PIPE, text=True) for k in range(2)]
    return max(float(p.communicate()[0].split()[0]) for p in procs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dialogues", type=int, default=2000)
    parser.add_argument("--shard", type=int, default=None, help="internal: run shard k of 2, print seconds")
    args = parser.parse_args()
    n = args.dialogues
    if args.shard is not None:
        run_shard(20, (0, 1))
        print(run_shard(n, (args.shard, 2))[0])
        return
    run_shard(50, (0, 1))  # warm imports and template compilation
    seconds, calls = run_shard(n, (0, 1))
    engine_dps, engine_cps = n / seconds, calls / seconds
    floor_dps = floor_rate(n)
    floor_cps = floor_dps * NODE_CALLS
    ratio = engine_cps / floor_cps
    wall_two = two_processes(n)
    speedup = seconds / wall_two
    print(
        f"engine:   {engine_dps:8.1f} dialogues/s  {engine_cps:9.0f} node calls/s  "
        f"(mean {calls / n:.1f} turns, cap {NODE_CALLS})"
    )
    print(f"engine at {NODE_CALLS} node calls/dialogue: {engine_cps / NODE_CALLS:8.1f} dialogues/s")
    print(
        f"floor:    {floor_dps:8.1f} dialogues/s  {floor_cps:9.0f} node calls/s  (empty graph, {NODE_CALLS} calls)"
    )
    print(f"ratio engine/floor per node call: {ratio:.2f}  (target >= 0.6)")
    print(f"2 processes: {seconds:.2f}s -> {wall_two:.2f}s  speed-up {speedup:.2f}x  (target >= 1.8x)")


if __name__ == "__main__":
    main()
