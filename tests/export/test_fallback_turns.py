"""Fallback turns (scripted words standing in for an empty or invalid model reply) are marked in
transcripts, dropped by the export as `fallback_turn` by default, and with `filter.fallback=keep`
never an unmarked SFT target: masked (OpenAI `weight: 0`, ms-swift `loss: false`) or cut off."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from debtsim.export.conversation import sft_conversation
from debtsim.export.export_settings import Target, parse_export_settings
from debtsim.export.export_stage import INDEX, export_run
from debtsim.export.record import LineTurn, record_of
from debtsim.export.targets import make_format
from evaluators.manifest import read_manifest
from scenarios import CollectorAct
from simulator.batch import simulate_concurrently
from simulator.conf_defaults import load_defaults
from simulator.store import TRANSCRIPTS
from simulator.transcript import Speaker, Turn, Usage
from tests.export.conftest import export_settings, simulate
from tests.llm.fault_server import FakeEndpoint, Fault

MARK = "FB7"
"""Prefixed to every planted fallback turn, so its words can be traced into the exported files."""
FIRST, MIDDLE = 1, 2
"""Kept dialogues planted with a fallback in the collector's first turn, and in a later one."""


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def plant(turns: list[dict], position: int) -> None:
    """Make the collector's `position`-th turn a fallback, as the chat backend writes one."""
    turn = [t for t in turns if t["speaker"] == "collector"][position]
    turn["usage"]["fallback"], turn["fallback"], turn["raw"] = True, True, ""
    turn["clean_text"] = turn["text"] = f"{MARK} {turn['clean_text']}"


def no_dpo() -> dict:
    settings = export_settings()
    settings["dpo"] = {**settings["dpo"], "enabled": False}
    return settings


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> tuple[Path, dict, set[str], set[str]]:
    """A scripted run exported once clean; then a copy with fallbacks planted in kept dialogues."""
    clean = simulate(tmp_path_factory.mktemp("fallback-clean"), "n_dialogues=24", "language=en", "seed=5")
    summary = export_run(clean, filters("drop"), no_dpo())
    kept = [line["dialogue_id"] for line in lines(clean / "sft" / INDEX)]
    assert len(kept) > FIRST + MIDDLE
    first, middle = set(kept[:FIRST]), set(kept[FIRST : FIRST + MIDDLE])
    run = tmp_path_factory.mktemp("fallback-planted")
    for name in ("config.yaml", TRANSCRIPTS):
        shutil.copy(clean / name, run / name)
    rows = lines(run / TRANSCRIPTS)
    for row in rows:
        if row["dialogue_id"] in first | middle:
            plant(row["turns"], 0 if row["dialogue_id"] in first else 1)
    (run / TRANSCRIPTS).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return run, summary, first, middle


def filters(fallback: str, enabled: bool = True) -> dict:
    """The default filters less the outcome floor, so a small run keeps enough to plant in."""
    data = load_defaults("filter")
    stages = [s for s in data["stages"] if s != "outcome"]
    return {**data, "stages": stages, "fallback": fallback, "enabled": enabled}


def sft_files(run: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in (run / "sft").glob("*.jsonl") if p.name != INDEX}


def test_a_turn_is_marked_only_when_it_falls_back():
    said = {
        "index": 0,
        "speaker": Speaker.COLLECTOR,
        "act": CollectorAct.GREET,
        "text": "Hi",
        "clean_text": "Hi",
    }
    plain = json.loads(Turn(**said).model_dump_json())
    assert "fallback" not in plain and "repaired" not in plain  # scripted lines keep their bytes
    fell = Turn(**said, usage=Usage(fallback=True), raw="")
    repaired = Turn(**said, usage=Usage(repaired=True), raw="{bad")
    assert json.loads(fell.model_dump_json())["fallback"] is True
    assert json.loads(repaired.model_dump_json())["repaired"] is True
    back = Turn.model_validate_json(fell.model_dump_json())
    assert back.fallback and not back.repaired and back == fell


def test_a_line_written_before_the_mark_is_read_from_its_usage(planted):
    run, _, first, _ = planted
    row = next(r for r in lines(run / TRANSCRIPTS) if r["dialogue_id"] in first)
    for turn in row["turns"]:
        turn.pop("fallback", None)
    assert record_of(row).fallback_turns == 1


@pytest.mark.parametrize("enabled", [True, False])
def test_fallback_dialogues_are_dropped_by_default_with_their_own_reason(planted, enabled):
    run, clean, first, middle = planted
    summary = export_run(run, filters("drop", enabled), no_dpo())
    dropped = summary["sft"]["filters"]["dropped"]
    assert dropped["fallback_turn"] == len(first | middle)
    assert read_manifest(run)["export"]["sft"]["filters"]["dropped"]["fallback_turn"] == len(first | middle)
    if enabled:
        assert summary["sft"]["filters"]["kept"] == clean["sft"]["filters"]["kept"] - len(first | middle)
    written = {line["dialogue_id"] for line in lines(run / "sft" / INDEX)}
    assert not written & (first | middle)
    assert all(MARK not in text for text in sft_files(run).values())


def test_kept_fallback_turns_are_masked_or_cut_never_trained(planted):
    run, clean, first, middle = planted
    summary = export_run(run, filters("keep"), no_dpo())
    sft = summary["sft"]
    assert sft["filters"]["dropped"]["fallback_turn"] == len(first)  # nothing trains before its fallback
    assert sft["filters"]["kept"] == clean["sft"]["filters"]["kept"] - len(first)
    assert sft["fallback_kept"] == len(middle)
    index = lines(run / "sft" / INDEX)
    assert {line["dialogue_id"] for line in index if line.get("fallback_turns") == 1} == middle
    files = sft_files(run)
    for target, mask in (("openai", ("weight", 0)), ("swift", ("loss", False))):
        records = [json.loads(line) for line in files[target].splitlines()]
        marked = [m for r in records for m in r["messages"] if MARK in m["content"]]
        assert len(marked) == len(middle)
        assert all(m["role"] == "assistant" and m[mask[0]] == mask[1] for m in marked)
        assert sum(mask[0] in m for r in records for m in r["messages"]) == len(middle)
    for target in ("llamafactory", "trl", "alpaca"):
        assert MARK not in files[target]
        assert len(files[target].splitlines()) == len(index)  # still one record per index line


def test_a_fallback_dialogue_is_never_branched_for_dpo(planted):
    """Kept with `keep`, the planted dialogues still never reach branching: no DPO prompt or chosen
    reply comes from a call that had fallback words."""
    run, _, _, middle = planted
    kept = export_run(run, filters("keep"), export_settings(max_dialogues=1))
    dropped = export_run(run, filters("drop"), export_settings(max_dialogues=1))
    assert kept["sft"]["filters"]["kept"] == dropped["sft"]["filters"]["kept"] + len(middle)
    assert kept["sft"]["branchable"] == dropped["sft"]["branchable"] > 0


def test_an_empty_model_reply_is_marked_and_never_exported(make_config, tmp_path):
    """End to end: a model endpoint whose tool arguments are broken twice in a row falls back to scripted words;
    the transcript marks those turns and the export (filters off) drops every dialogue that has one:
    every exported collector line is the model's own ("fake ...")."""
    with FakeEndpoint({Fault.BAD_ARGUMENTS: 0.5}, seed=2) as endpoint:
        config = make_config(
            "llm=openai",
            f"llm.settings.base_url={endpoint.base_url}",
            "llm.settings.model=fake",
            "llm.collector_mode=decide_and_speak",
            "n_dialogues=4",
            "max_turns=8",
            "noise=none",
            "llm.settings.timeout=0.3",
        )
        out = tmp_path / "run"
        out.mkdir()
        simulate_concurrently(config, out, progress=False)
    rows = lines(out / TRANSCRIPTS)
    collector = [t for r in rows for t in r["turns"] if t["speaker"] == "collector"]
    fell = {
        r["dialogue_id"]
        for r in rows
        if any(t.get("fallback") for t in r["turns"] if t["speaker"] == "collector")
    }
    assert fell and any(not t["usage"]["fallback"] for t in collector)
    assert any(t.get("repaired") for t in collector)  # a repaired reply is marked too
    assert all(t["usage"]["fallback"] == bool(t.get("fallback")) for r in rows for t in r["turns"])
    summary = export_run(out, filters("drop", enabled=False), no_dpo())
    assert summary["sft"]["filters"]["dropped"] == {"fallback_turn": len(fell)}
    written = {line["dialogue_id"] for line in lines(out / "sft" / INDEX)}
    assert written and written == {r["dialogue_id"] for r in rows} - fell
    for record in lines(out / "sft" / "openai.jsonl"):
        said = [m["content"] for m in record["messages"] if m["role"] == "assistant"]
        assert said and all(line.startswith("fake ") for m in said for line in m.splitlines())


def test_a_merged_message_holding_a_fallback_is_untrained_as_a_whole():
    settings = parse_export_settings(load_defaults("export"))
    turns = [
        LineTurn(Speaker.COLLECTOR, "hello", "hello"),
        LineTurn(Speaker.DEBTOR, "hi", "hi"),
        LineTurn(Speaker.COLLECTOR, "one", "one"),
        LineTurn(Speaker.COLLECTOR, f"{MARK} two", f"{MARK} two", fallback=True),
        LineTurn(Speaker.DEBTOR, "ok", "ok"),
        LineTurn(Speaker.COLLECTOR, "three", "three"),
    ]
    conversation = sft_conversation("d-1", "sys", turns, "en", settings)
    assert conversation.messages[3].content == f"one\n{MARK} two" and conversation.untrained == {3}
    assert [m.content for m in conversation.trained_prefix().messages] == ["[call connected]", "hello"]
    openai = make_format(Target.OPENAI).sft(conversation)["messages"]
    assert [m.get("weight") for m in openai] == [None, None, None, None, 0, None, None]
