"""Speed of the full engine (LangGraph + scripted backend) against LangGraph's own floor.

Prints, in one run:
- the engine on 12-exchange dialogues: exactly 24 node calls each. The graph is the
  engine's own (its collector and debtor node bodies, the scripted backend, noise,
  the transcript built and serialised as `debtsim run` does); only the routing
  differs, going on to the 24th turn whatever the nodes decided, so every dialogue
  makes the same number of node calls as the floor;
- the floor: an empty LangGraph graph with 24 node calls per dialogue, whose nodes
  return a constant partial update and are routed by conditional edges;
- their ratio in dialogues/s (target >= 0.6). The two are measured in alternating rounds
  (engine, floor, engine, floor, ...), so a slow spell of a shared machine slows both
  sides of a round alike; the judged ratio is the median of the rounds' ratios, and the
  spread and the ratio of the totals are printed beside it;
- for reference, a second floor routed as the engine is: its nodes return a constant
  `Command` (update and goto), which LangGraph runs with fewer instructions per step than
  a conditional edge. The engine's ratio to it says how much of the judged ratio comes
  from the cheaper routing rather than from the engine's own code;
- for reference, the engine on natural dialogues (cap 24 turns; most end sooner),
  per dialogue and per node call;
- the speed-up of a natural run split across 2 processes (target >= 1.8x): both
  worker processes are started, import and warm up, then wait at a barrier; the
  wall time runs from releasing the barrier until the last worker finishes, and is
  compared with one worker doing all the work under the same protocol. One-process and
  two-process runs alternate (`--repeats` pairs); the judged speed-up is the median of the
  pairs' ratios, with their range beside it.

Usage: python bench/bench_scripted.py [--dialogues 1000]
"""

from __future__ import annotations

import argparse
import operator
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, TypedDict

from langgraph.graph import END, START, StateGraph
from langgraph.types import Command

from debtsim.app import CONF_DIR

NODE_CALLS = 24
WARM = 40


def engine_config(n: int):
    from hydra import compose, initialize_config_dir
    from omegaconf import OmegaConf

    from simulator.config import parse_run_config

    with tempfile.TemporaryDirectory() as out, initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
        cfg = compose("run", overrides=[f"output_dir={out}", f"n_dialogues={n}", f"max_turns={NODE_CALLS}"])
    return parse_run_config(OmegaConf.to_container(cfg, resolve=True))


def natural(config, indices) -> int:
    """Run the dialogues as `debtsim run` does (no file I/O); returns the node calls made."""
    from simulator.shard import run_indices

    return sum(line.count('"speaker":') for line in run_indices(config, indices))


def fixed_length_graph():
    """The engine's node bodies, routed on turn count only: every dialogue makes exactly NODE_CALLS calls."""
    from simulator.context import DialogueContext
    from simulator.graph import COLLECTOR, DEBTOR, take_turn
    from simulator.state import DialogueState

    def node(step, then: str):
        def run(state, runtime) -> Command:
            update = take_turn(step, state, runtime.context)
            return Command(update=update, goto=END if len(state["turns"]) + 1 >= NODE_CALLS else then)

        return run

    graph = StateGraph(DialogueState, context_schema=DialogueContext)
    graph.add_node("collector", node(COLLECTOR, "debtor"), destinations=("debtor", END))
    graph.add_node("debtor", node(DEBTOR, "collector"), destinations=("collector", END))
    graph.add_edge(START, "collector")
    return graph.compile()


def fixed_length(config, n: int, first: int = 0) -> float:
    """Seconds for dialogues first..first+n-1, each exactly NODE_CALLS node calls, serialised."""
    from simulator.backends import make_backend
    from simulator.dialogue import build_context, initial_state, plan_dialogue, to_transcript

    backend, graph = make_backend(config.llm, str(config.language)), fixed_length_graph()
    cells, run_id, limit = config.grid().cells(), config.run_id(), {"recursion_limit": NODE_CALLS + 10}
    start = time.perf_counter()
    for i in range(first, first + n):
        plan = plan_dialogue(config, cells, i)
        ctx = build_context(config, plan, backend)
        state = graph.invoke(initial_state(ctx), config=limit, context=ctx)
        assert len(state["turns"]) == NODE_CALLS
        to_transcript(ctx, state, run_id, plan.cell.key).model_dump_json()
    return time.perf_counter() - start


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


def command_graph():
    def node(then: str):
        def run(state: Empty) -> Command:
            done = len(state["turns"]) + 1 >= NODE_CALLS
            return Command(update={"turns": [1], "done": done}, goto=END if done else then)

        return run

    graph = StateGraph(Empty)
    graph.add_node("a", node("b"), destinations=("b", END))
    graph.add_node("b", node("a"), destinations=("a", END))
    graph.add_edge(START, "a")
    return graph.compile()


def floor_seconds(n: int, make=empty_graph) -> float:
    graph = make()
    graph.invoke({"turns": [], "done": False}, config={"recursion_limit": NODE_CALLS + 10})
    start = time.perf_counter()
    for _ in range(n):
        graph.invoke({"turns": [], "done": False}, config={"recursion_limit": NODE_CALLS + 10})
    return time.perf_counter() - start


def alternating(config, n: int, rounds: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds per dialogue of the engine, the floor and the Command floor in each of `rounds`
    alternating rounds of n / rounds dialogues each."""
    per = max(1, n // rounds)
    engine, floor, command = [], [], []
    for k in range(rounds):
        engine.append(fixed_length(config, per, first=k * per) / per)
        floor.append(floor_seconds(per) / per)
        command.append(floor_seconds(per, command_graph) / per)
    return engine, floor, command


def worker(n: int, part: int, parts: int) -> None:
    """Child process: warm up, report ready, wait for go, run its shard, report done."""
    config = engine_config(n)
    natural(config, range(WARM))
    print("ready", flush=True)
    sys.stdin.readline()
    natural(config, range(part, n, parts))
    print("done", flush=True)


def synchronised_wall(n: int, parts: int) -> float:
    """Wall time from releasing the barrier until every one of `parts` workers has finished."""
    script = str(Path(__file__).resolve())
    procs = [
        subprocess.Popen(
            [sys.executable, script, "--dialogues", str(n), "--worker", str(k), str(parts)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for k in range(parts)
    ]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        assert p.stdout.readline().strip() == "done"
    wall = time.perf_counter() - start
    for p in procs:
        p.wait()
    return wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dialogues", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10, help="alternating engine/floor rounds")
    parser.add_argument("--repeats", type=int, default=3, help="alternating 1-process/2-process pairs")
    parser.add_argument("--worker", type=int, nargs=2, default=None, help="internal: shard k of n")
    args = parser.parse_args()
    n = args.dialogues
    if args.worker is not None:
        worker(n, *args.worker)
        return
    config = engine_config(n)
    natural(config, range(WARM))  # imports, template compilation
    fixed_length(config, WARM)
    floor_seconds(WARM)
    floor_seconds(WARM, command_graph)
    engine, floor, command = alternating(config, n, args.rounds)
    engine_per, floor_per, command_per = (statistics.fmean(x) for x in (engine, floor, command))
    ratios = [f / e for e, f in zip(engine, floor, strict=True)]
    command_ratios = [c / e for e, c in zip(engine, command, strict=True)]
    start = time.perf_counter()
    calls = natural(config, range(n))
    natural_s = time.perf_counter() - start
    print(f"engine, 12 exchanges ({NODE_CALLS} node calls) each: {1 / engine_per:8.1f} dialogues/s")
    print(f"floor, empty graph, {NODE_CALLS} node calls each:     {1 / floor_per:8.1f} dialogues/s")
    print(
        f"ratio engine/floor: {statistics.median(ratios):.2f}  (target >= 0.6; median of "
        f"{len(ratios)} alternating rounds, range {min(ratios):.2f}-{max(ratios):.2f}, "
        f"ratio of totals {floor_per / engine_per:.2f})"
    )
    print(
        f"reference floor routed by Command, {NODE_CALLS} node calls each: {1 / command_per:8.1f} dialogues/s"
    )
    print(
        f"ratio engine/Command floor: {statistics.median(command_ratios):.2f}  (reference; median, "
        f"range {min(command_ratios):.2f}-{max(command_ratios):.2f})"
    )
    print(
        f"engine, natural dialogues (cap {NODE_CALLS}, mean {calls / n:.1f} turns): "
        f"{n / natural_s:8.1f} dialogues/s, {calls / natural_s:8.0f} node calls/s"
    )
    walls = [(synchronised_wall(n, 1), synchronised_wall(n, 2)) for _ in range(args.repeats)]
    speedups = [one / two for one, two in walls]
    one, two = (statistics.median(w) for w in zip(*walls, strict=True))
    print(
        f"natural run of {n}: 1 process {one:.2f}s, 2 processes {two:.2f}s (wall, started together; medians)"
    )
    print(
        f"speed-up on 2 processes: {statistics.median(speedups):.2f}x  (target >= 1.8x; median of "
        f"{len(speedups)} alternating pairs, range {min(speedups):.2f}-{max(speedups):.2f})"
    )


if __name__ == "__main__":
    main()
