"""Realistic backend inputs without a model: the views and moves of scripted dialogues.

Printing a rendered prompt and benchmarking a server both need the exact
(view, move) pairs a run would send; replaying a scripted dialogue and
rebuilding each turn's view gives them, deterministically per seed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from scenarios.strategies import CollectorMove, after_move
from simulator.agents import collector, debtor
from simulator.backends import make_backend
from simulator.config import LLMConfig, RunConfig
from simulator.context import Role
from simulator.debtor_policy import DebtorMove, initial_memory
from simulator.dialogue import build_context, initial_state, plan_dialogue, run_dialogue
from simulator.graph import build_graph
from simulator.transcript import Speaker
from simulator.views import CollectorView, DebtorView


@dataclass(frozen=True, slots=True)
class SampleTurn:
    """One turn's backend input: who speaks, at which index, what they see and the move to speak."""

    role: Speaker
    index: int
    view: CollectorView | DebtorView
    move: CollectorMove | DebtorMove
    rng: np.random.Generator


def sample_config(language: str, n_dialogues: int, seed: int = 0) -> RunConfig:
    return RunConfig.model_validate(
        {
            "seed": seed,
            "n_dialogues": n_dialogues,
            "language": language,
            "max_turns": 24,
            "output_dir": "/tmp",
            "persona": {},
            "scenario": {},
            "strategy": {"names": ["empathetic", "firm"]},
            "llm": {},
            "noise": {},
        }
    )


def sample_turns(language: str, n_dialogues: int, seed: int = 0) -> Iterator[SampleTurn]:
    """Every turn of `n_dialogues` scripted dialogues, with the view its speaker had."""
    config = sample_config(language, n_dialogues, seed)
    backend, graph, cells = make_backend(LLMConfig(), language), build_graph(), config.grid().cells()
    for i in range(n_dialogues):
        ctx = build_context(config, plan_dialogue(config, cells, i), backend)
        turns = run_dialogue(graph, ctx, "sample", "sample").turns
        evidence, memory = initial_state(ctx)["evidence"], initial_memory(ctx.persona, ctx.case.outstanding)
        for index, turn in enumerate(turns):
            head = turns[:index]
            if turn.speaker is Speaker.COLLECTOR:
                evidence = collector.heard_evidence(head, evidence, ctx)
                view = collector.build_view(head, evidence, ctx)
                move = CollectorMove(act=turn.act, offer=turn.offer)
                yield SampleTurn(turn.speaker, index, view, move, ctx.rng(Role.COLLECTOR, index))
                evidence = after_move(evidence, turn.act, turn.offer)
            else:
                view = debtor.build_view(head, memory, ctx)
                move = DebtorMove(act=turn.act, offer=turn.offer)
                yield SampleTurn(turn.speaker, index, view, move, ctx.rng(Role.DEBTOR, index))
