"""Real scripted transcripts to inject violations into, simulated at test time.

The suite judges the judge on what the engine really produces: each (language,
jurisdiction) gets a batch of scripted dialogues run in memory through
`simulator.dialogue`, from the same composed config and the same per-dialogue context
as a `debtsim run` (persona grid, case, strategy, profile, call context, light noise). Editing
helpers rebuild a transcript with new turns (re-indexed) or a new call context.
"""

from __future__ import annotations

import functools

from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from debtsim.app import CONF_DIR
from scenarios import CallContext
from simulator.backends import make_backend
from simulator.config import RunConfig, parse_run_config
from simulator.dialogue import run_dialogue
from simulator.graph import build_graph
from simulator.shard import dialogue_context
from simulator.transcript import Speaker, Termination, Transcript, Turn

LANGUAGES = ("en", "zh")
JURISDICTIONS = ("us", "uk", "cn")


@functools.cache
def run_config(language: str, jurisdiction: str, n: int, seed: int) -> RunConfig:
    """conf/run.yaml composed as `debtsim run language=… jurisdiction=… noise=light` composes it."""
    overrides = [f"n_dialogues={n}", f"seed={seed}", f"language={language}", f"jurisdiction={jurisdiction}"]
    with initialize_config_dir(config_dir=CONF_DIR, version_base="1.3"):
        cfg = compose(config_name="run", overrides=[*overrides, "noise=light", "output_dir=/tmp/suite"])
    return parse_run_config(OmegaConf.to_container(cfg, resolve=True))


@functools.cache
def scripted_calls(language: str, jurisdiction: str, n: int, seed: int = 0) -> tuple[Transcript, ...]:
    """`n` scripted dialogues of a `debtsim run` (persona grid, all strategies, light noise), in memory.

    Dialogue i is the run's dialogue i: its debtor, case, strategy, profile and call context,
    wrong parties, disputes and identity mismatches included. Cached per test session.
    """
    config = run_config(language, jurisdiction, n, seed)
    backend, graph, cells = make_backend(config.llm, language), build_graph(), config.grid().cells()
    calls = []
    for i in range(n):
        ctx, cell = dialogue_context(config, cells, i, backend)
        calls.append(run_dialogue(graph, ctx, f"suite-{jurisdiction}", cell, config.llm))
    return tuple(calls)


def said(turn: Turn, text: str) -> Turn:
    """The turn saying `text` instead (heard and said alike)."""
    return turn.model_copy(update={"text": text, "clean_text": text})


def collector(act, text: str, offer=None) -> Turn:
    return Turn(index=0, speaker=Speaker.COLLECTOR, act=act, text=text, clean_text=text, offer=offer)


def debtor(act, text: str) -> Turn:
    return Turn(index=0, speaker=Speaker.DEBTOR, act=act, text=text, clean_text=text)


def with_turns(t: Transcript, turns: list[Turn], termination: Termination | None = None) -> Transcript:
    """`t` with these turns, re-indexed; a changed ending drops the agreement."""
    indexed = [turn.model_copy(update={"index": i}) for i, turn in enumerate(turns)]
    update: dict = {"turns": indexed}
    if termination is not None:
        update |= {"termination": termination, "agreement": None}
    return t.model_copy(update=update)


def with_call(t: Transcript, clock: str | None = None, **fields) -> Transcript:
    """`t` placed at another local time (HH:MM) or with other prior-contact counts."""
    call = t.call or CallContext(
        local_start="2026-03-02T10:00:00+00:00", timezone=t.jurisdiction.places[0].timezone, attempts_7d=0
    )
    update = dict(fields)
    if clock is not None:
        update["local_start"] = call.local_start[:11] + clock + call.local_start[16:]
    return t.model_copy(update={"call": call.model_copy(update=update)})


def first(t: Transcript, act, after: int = -1) -> int | None:
    """Index of the first turn with `act` after `after`, or None."""
    return next((turn.index for turn in t.turns if turn.act == act and turn.index > after), None)
