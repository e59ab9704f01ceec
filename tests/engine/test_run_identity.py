"""What identifies a run, a debtor and a dialogue's settings, and how the run directory is read back.

- a run directory holds one run: other settings are refused, more dialogues continue it;
- persona ids name the debtor, not its position: equal across collector settings, distinct across grids;
- each transcript carries its resolved settings, compactly;
- persona.per_cell sizes a grid as cells × N × strategies;
- the transcripts file tolerates blank lines and names a broken one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.backends import make_backend
from simulator.config import ConfigError, LLMConfig
from simulator.dialogue import build_context, plan_dialogue
from simulator.runner import run
from simulator.store import StoreError, completed_ids, iter_records, iter_transcripts, stored_run_id
from simulator.tally import tally_file
from simulator.transcript import Termination, Transcript

SMALL = ("persona.root_cause=[job_loss,medical]", "persona.band=[stable,distressed]", "noise.level=[0.2]")


def transcripts(config) -> Path:
    return Path(config.output_dir) / "transcripts.jsonl"


def persona_ids(config, indices) -> list[str]:
    backend, cells = make_backend(LLMConfig(), str(config.language)), config.grid().cells()  # never called
    return [
        build_context(config, plan_dialogue(config, cells, i), backend).persona.persona_id for i in indices
    ]


# --- one run per directory -------------------------------------------------------------


def test_other_settings_are_refused_and_more_dialogues_continue(make_config):
    first = make_config("n_dialogues=4", "seed=3", *SMALL, sub="dir")
    run(first, "first", progress=False)
    before = transcripts(first).read_bytes()
    for other in (
        ("seed=4",),
        ("strategy=firm",),
        ("noise.level=[0.5]",),
        ("language=zh",),
        ("jurisdiction=uk",),
    ):
        changed = make_config("n_dialogues=4", "seed=3", *SMALL, *other, sub="dir")
        with pytest.raises(ConfigError) as err:
            run(changed, "second", progress=False)
        message = str(err.value)
        assert first.output_dir in message and first.run_id() in message and changed.run_id() in message
    assert transcripts(first).read_bytes() == before
    assert (Path(first.output_dir) / "config.yaml").read_text() == "first", "config.yaml was not overwritten"
    more = make_config(
        "n_dialogues=7", "seed=3", *SMALL, "executor.chunk=3", "+llm.settings.timeout=5", sub="dir"
    )
    assert more.run_id() == first.run_id(), "size, executor and transport are not part of the run id"
    run(more, "more", progress=False)
    fresh = make_config("n_dialogues=7", "seed=3", *SMALL, sub="fresh")
    run(fresh, "", progress=False)
    assert transcripts(more).read_bytes() == transcripts(fresh).read_bytes()


# --- persona ids ------------------------------------------------------------------------


def test_the_same_debtor_keeps_its_id_across_collector_settings(make_config):
    every = make_config("strategy=all", *SMALL)
    one = make_config("strategy=firm", *SMALL)
    other_collector = make_config(
        "strategy=policy_ladder", "max_turns=12", "llm=openai", "llm.settings.model=m", *SMALL
    )
    n = 8
    expected = persona_ids(one, range(n))  # strategy=firm: dialogue i meets debtor i
    assert persona_ids(every, range(0, 4 * n, 4)) == expected  # four strategies: debtor i at 4i
    assert persona_ids(other_collector, range(n)) == expected
    assert len(set(expected)) == n


def test_different_debtors_never_share_an_id(make_config):
    base = persona_ids(make_config("persona.root_cause=[job_loss]", "strategy=firm"), range(20))
    others = [
        make_config("persona.root_cause=[medical]", "strategy=firm"),  # another grid, same seed and index
        make_config("persona.root_cause=[job_loss]", "strategy=firm", "language=zh"),
        make_config("persona.root_cause=[job_loss]", "strategy=firm", "seed=1"),
        make_config("persona.root_cause=[job_loss]", "strategy=firm", "scenario.products=[bnpl]"),
        make_config("persona.root_cause=[job_loss]", "strategy=firm", "jurisdiction=uk"),  # same language
    ]
    for config in others:
        assert not set(base) & set(persona_ids(config, range(20))), config.model_dump(include={"persona"})


# --- the settings each transcript carries ------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_transcript_carries_its_resolved_settings_compactly(make_config, language):
    config = make_config("n_dialogues=6", f"language={language}", "noise=heavy", "max_turns=20", *SMALL[:2])
    manifest = run(config, "", progress=False)
    for line in transcripts(config).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        settings = record["config"]
        assert len(json.dumps(settings)) < 600, "a few hundred bytes, not the whole config"
        assert settings["run_id"] == manifest["run_id"] == record["run_id"]
        for key in ("strategy", "cell", "language", "seed"):
            assert settings[key] == record[key]
        assert settings["max_turns"] == 20
        assert settings["noise"]["level"] == record["noise_level"] > 0
        assert set(settings["noise"]["kinds"]) == {str(k) for k in config.noise.kinds}
        assert settings["llm"] == {
            "backend": "scripted",
            "collector_mode": "speak",
            "debtor_mode": "speak",
            "debtor_decision": "policy",
            "model": None,
        }


def test_transcripts_written_before_settings_were_stored_still_load(make_config):
    config = make_config("n_dialogues=1")
    run(config, "", progress=False)
    record = next(iter_records(transcripts(config)))
    record["config"] = {}
    assert Transcript.model_validate(record).config is None


# --- persona.per_cell ---------------------------------------------------------------------


def test_per_cell_gives_n_dialogues_per_cell_and_strategy(make_config):
    config = make_config("persona.per_cell=3", "n_dialogues=null", "strategy.names=[firm,empathetic]", *SMALL)
    assert config.n_dialogues == 4 * 3 * 2  # 2 root causes × 2 bands × 1 noise level; 3 each; 2 strategies
    run(config, "", progress=False)
    counts: dict[tuple[str, str], int] = {}
    for t in iter_transcripts(transcripts(config)):
        counts[(t.cell, t.strategy)] = counts.get((t.cell, t.strategy), 0) + 1
    assert len(counts) == 4 * 2 and set(counts.values()) == {3}


def test_per_cell_and_n_dialogues_must_agree(make_config):
    assert (
        make_config("persona.per_cell=2", "n_dialogues=32", *SMALL).n_dialogues == 32
    )  # 4 cells, 4 strategies
    with pytest.raises(ConfigError, match=r"n_dialogues: 10 does not match persona.per_cell=2 .* = 32"):
        make_config("persona.per_cell=2", "n_dialogues=10", *SMALL)
    with pytest.raises(ConfigError, match="n_dialogues"):
        make_config("n_dialogues=null")


# --- reading the run directory back ---------------------------------------------------------


def test_blank_lines_are_skipped_and_a_broken_line_is_named(tmp_path):
    path = tmp_path / "transcripts.jsonl"
    path.write_text('{"dialogue_id":"s0-0000000","run_id":"run-a"}\n\n   \n{"dialogue_id":"s0-0000001"}\n\n')
    assert completed_ids(path) == {"s0-0000000", "s0-0000001"}
    assert stored_run_id(path) == "run-a"
    path.write_text('\n{"dialogue_id": "s0-0000003"}\n{"no_id": 1}\n')
    with pytest.raises(StoreError, match=r"transcripts.jsonl:3: not a transcript line"):
        completed_ids(path)
    path.write_text('{"dialogue_id":"s0-00')  # a killed writer's first line
    assert stored_run_id(path) is None


def test_the_tally_counts_agreements_by_termination(make_config):
    config = make_config("n_dialogues=40", "seed=2")
    run(config, "", progress=False)
    stored = list(iter_transcripts(transcripts(config)))
    tally = tally_file(transcripts(config))
    agreed = [t for t in stored if t.termination is Termination.AGREEMENT]
    assert agreed, "a run of 40 reaches some agreements"
    assert sum(s.agreements for s in tally.by_strategy.values()) == len(agreed)
    assert tally.terminations[Termination.AGREEMENT] == len(agreed)
