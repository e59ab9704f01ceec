"""Turn-level DPO from branched rollouts: margins hold, rewards are the rollouts', same seed → same pairs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from debtsim.branching import OneTurnOverride
from debtsim.export.preference import reward, run_config
from scenarios import CollectorAct, Offer
from scenarios.strategies import CollectorMove, make_strategy
from simulator.backends import make_backend
from simulator.conf_defaults import load_defaults
from simulator.dialogue import build_context, plan_dialogue, run_dialogue
from simulator.graph import build_graph
from tests.export.conftest import TARGETS

ROOT = Path(__file__).resolve().parents[2]


def all_pairs(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "dpo" / "pairs.jsonl").read_text().splitlines()]


def pairs(run_dir: Path) -> list[dict]:
    """The branching (outcome) pairs; compliance pairs are checked on their own below."""
    return [p for p in all_pairs(run_dir) if p["kind"] == "outcome"]


def trl_records(run_dir: Path, kind: str) -> list[dict]:
    lines = (run_dir / "dpo" / "trl.jsonl").read_text().splitlines()
    return [r for r in map(json.loads, lines) if r["kind"] == kind]


def test_chosen_rollout_beats_rejected_by_at_least_the_margin(en_run):
    """And beats every other reply tried: a set whose best reward is shared makes no pair (`tied`)."""
    run_dir, summary = en_run
    margin = load_defaults("export")["dpo"]["margin"]
    found = pairs(run_dir)
    assert len(found) == summary["dpo"]["pairs"] > 0
    trl = trl_records(run_dir, "outcome")
    for pair, record in zip(found, trl, strict=True):
        chosen, rejected = pair["chosen"]["reward"], pair["rejected"]["reward"]
        assert chosen >= rejected + margin - 1e-9
        assert chosen == max(pair["rewards"]) and rejected == min(pair["rewards"])
        assert (
            sorted(pair["rewards"])[-2] < chosen
        )  # the best reward is this reply's alone: no tie at the top
        assert record["margin"] == pytest.approx(chosen - rejected)
        assert (record["chosen_score"], record["rejected_score"]) == (chosen, rejected)
        assert record["chosen"][0]["content"] == pair["chosen"]["reply"]
    assert sum(summary["dpo"]["by_margin"].values()) == len(found)


def replay(run_dir: Path, dialogue_id: str, turn: int, branch: dict):
    """The branch rebuilt from scratch — no checkpoint — with the stored move forced at `turn`."""
    config = run_config(run_dir)
    backend = make_backend(config.llm, str(config.language))
    index = int(dialogue_id.rsplit("-", 1)[1])
    plan = plan_dialogue(config, config.grid().cells(), index)
    ctx = build_context(config, plan, backend)
    kind, _, name = branch["source"].partition(":")
    if kind != "original":
        tone = make_strategy(name).tone if kind == "strategy" else ctx.strategy.tone
        offer = Offer.model_validate(branch["offer"]) if branch["offer"] else None
        move = CollectorMove(act=CollectorAct(branch["act"]), offer=offer)
        ctx = replace(ctx, strategy=OneTurnOverride(ctx.strategy, turn, move, tone))
    return run_dialogue(build_graph(), ctx, config.run_id(), plan.cell.key)


def test_pair_rewards_are_those_of_independent_rollouts(en_run):
    run_dir, _ = en_run
    for pair in pairs(run_dir)[:3]:
        for side in ("chosen", "rejected"):
            rollout = replay(run_dir, pair["dialogue_id"], pair["turn"], pair[side])
            assert rollout.turns[pair["turn"]].clean_text == pair[side]["reply"]
            assert reward(rollout) == pair[side]["reward"]


def whole_conversations(run_dir: Path) -> dict[str, dict]:
    """Every dialogue of the run as its TRL SFT record, kept by the filters or not (DPO branches both)."""
    from debtsim.export.conversation import sft_conversation
    from debtsim.export.export_settings import parse_export_settings
    from debtsim.export.record import record_of
    from debtsim.export.system_prompt import collector_system_prompt
    from debtsim.export.targets import make_format
    from tests.export.conftest import export_settings

    settings, trl, out = parse_export_settings(export_settings()), make_format("trl"), {}
    for line in (run_dir / "transcripts.jsonl").read_text(encoding="utf-8").splitlines():
        r = record_of(json.loads(line))
        system = collector_system_prompt(r.case, r.policy, r.strategy, r.language, settings)
        out[r.dialogue_id] = trl.sft(sft_conversation(r.dialogue_id, system, r.turns, r.language, settings))
    return out


def test_prompt_is_the_dialogue_history_before_the_decision(en_run):
    run_dir, _ = en_run
    sft_ids = [
        json.loads(x)["dialogue_id"] for x in (run_dir / "sft" / "index.jsonl").read_text().splitlines()
    ]
    sft = [json.loads(x) for x in (run_dir / "sft" / "trl.jsonl").read_text().splitlines()]
    whole = dict(zip(sft_ids, sft, strict=True))
    built = whole_conversations(run_dir)
    assert all(built[d] == record for d, record in whole.items())  # the reference is the SFT record
    dpo = trl_records(run_dir, "outcome")
    for pair, record in zip(pairs(run_dir), dpo, strict=True):
        prompt = record["prompt"]
        # +1 for the inserted [call connected] turn, +1 for the system message
        assert len(prompt) == pair["prefix_turns"] + 2
        assert prompt == built[pair["dialogue_id"]]["messages"][: len(prompt)]


RESIMULATE = """
import json, sys
from pathlib import Path
from simulator.conf_defaults import load_defaults
from debtsim.export.export_stage import export_run
from tests.export.conftest import EN_RUN, export_settings, simulate

out = simulate(Path(sys.argv[1]), *EN_RUN)
summary = export_run(out, load_defaults("filter"), export_settings())
(out / "dpo_summary.json").write_text(json.dumps(summary["dpo"]))
"""


def test_same_seed_gives_the_same_pairs_in_a_fresh_process(en_run, tmp_path):
    """Simulated again from the seed alone, in another interpreter with another hash seed:
    the same dialogues, branches, rollouts and pairs, byte for byte."""
    run_dir, summary = en_run
    again = tmp_path / "again"
    env = os.environ | {"PYTHONHASHSEED": "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"}
    done = subprocess.run(
        [sys.executable, "-c", RESIMULATE, str(again)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (again / "transcripts.jsonl").read_bytes() == (run_dir / "transcripts.jsonl").read_bytes()
    assert json.loads((again / "dpo_summary.json").read_text()) == summary["dpo"]
    assert summary["dpo"]["pairs"] > 0
    for name in ("pairs.jsonl", *(f"{t}.jsonl" for t in TARGETS)):
        assert (again / "dpo" / name).read_bytes() == (run_dir / "dpo" / name).read_bytes(), name


def test_a_model_collector_run_skips_branching_and_says_why(en_run, tmp_path):
    """Branching must replay a dialogue exactly; a model collector cannot, so no pair is made up."""
    import shutil

    import yaml

    from debtsim.export.export_settings import parse_export_settings
    from debtsim.export.preference import export_pairs
    from debtsim.export.targets import make_format

    run = tmp_path / "run"
    shutil.copytree(en_run[0], run)
    config = yaml.safe_load((run / "config.yaml").read_text())
    config["llm"]["backend"] = "hf"
    (run / "config.yaml").write_text(yaml.safe_dump(config))
    settings = parse_export_settings(load_defaults("export"))
    summary = export_pairs(run, [], settings, [make_format(t) for t in settings.targets])
    assert summary["pairs"] == summary["branched"] == 0
    assert "llm.backend=hf" in summary["skipped"] and "scripted" in summary["skipped"]


def test_compliance_pairs_are_confirmed_by_the_judge_and_marked(en_run):
    """Chosen is the collector's own compliant turn, rejected a violating variant of it from the same
    state: the judge flags the rejected reply at that turn and not the chosen one."""
    from debtsim.export.compliance_pairs import findings_at, with_reply
    from simulator.store import iter_transcripts

    run_dir, summary = en_run
    found = [p for p in all_pairs(run_dir) if p["kind"] == "compliance"]
    assert len(found) == summary["dpo"]["compliance_pairs"] > 0
    assert sum(summary["dpo"]["compliance_by_concept"].values()) == len(found)
    assert len({p["concept"] for p in found}) >= 3
    transcripts = {t.dialogue_id: t for t in iter_transcripts(run_dir / "transcripts.jsonl")}
    trl = trl_records(run_dir, "compliance")
    assert len(trl) == len(found)
    for pair, record in zip(found, trl, strict=True):
        transcript = transcripts[pair["dialogue_id"]]
        turn = transcript.turns[pair["turn"]]
        assert pair["chosen"] == turn.clean_text and pair["chosen"] != pair["rejected"]
        assert not findings_at(transcript, pair["turn"])
        assert findings_at(with_reply(transcript, pair["turn"], pair["rejected"]), pair["turn"])
        assert record["chosen"][0]["content"] == pair["chosen"]
        assert record["rejected"][0]["content"] == pair["rejected"]
        assert record["prompt"][-1]["role"] == "user"
