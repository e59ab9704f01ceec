"""Role alternation and first-turn rules, per target, on real exported files and planted bad records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debtsim.export.conversation import Role, prompt_conversation, sft_conversation
from debtsim.export.export_settings import (
    AdjacentTurns,
    ExportError,
    Target,
    TextSource,
    parse_export_settings,
)
from debtsim.export.record import LineTurn
from debtsim.export.targets import DataKind, PreferenceExample, make_format
from simulator.conf_defaults import load_defaults
from simulator.transcript import Speaker
from tests.export.conftest import TARGETS, alpaca_chat


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def roles_of(record: dict, target: Target) -> list[str]:
    if target is Target.LLAMAFACTORY:
        return [{"human": "user", "gpt": "assistant"}[m["from"]] for m in record["conversations"]]
    messages = alpaca_chat(record) if target is Target.ALPACA else record["messages"]
    assert messages[0]["role"] == "system" and messages[0]["content"].strip()
    return [m["role"] for m in messages[1:]]


def assert_alternates(roles: list[str]) -> None:
    assert roles[0] == "user"
    for i, role in enumerate(roles):
        assert role == ("user" if i % 2 == 0 else "assistant"), roles


@pytest.mark.parametrize("target", TARGETS)
def test_sft_records_start_with_user_alternate_and_end_on_assistant(exported, target):
    run_dir, summary = exported
    records = lines(run_dir / "sft" / f"{target}.jsonl")
    assert len(records) == summary["sft"]["records"][target] > 0
    opener = "[call connected]" if summary_language(run_dir) == "en" else "[电话接通]"
    for record in records:
        roles = roles_of(record, target)
        assert_alternates(roles)
        assert roles[-1] == "assistant"
        if target is Target.LLAMAFACTORY:
            first = record["conversations"][0]["value"]
        elif target is Target.ALPACA:
            first = alpaca_chat(record)[1]["content"]
            assert record["input"] == ""
        else:
            first = record["messages"][1]["content"]
        assert first == opener  # the scripted collector always opens the call


def summary_language(run_dir: Path) -> str:
    return json.loads((run_dir / "sft" / "index.jsonl").read_text().splitlines()[0])["language"]


def test_sft_index_lines_up_with_records(exported):
    run_dir, summary = exported
    index = lines(run_dir / "sft" / "index.jsonl")
    assert len(index) == summary["sft"]["filters"]["kept"] == summary["sft"]["records"]["trl"]


@pytest.mark.parametrize("target", TARGETS)
def test_dpo_prompts_end_on_user_and_replies_are_single_assistant_messages(en_run, target):
    run_dir, summary = en_run
    records = lines(run_dir / "dpo" / f"{target}.jsonl")
    assert len(records) == summary["dpo"]["pairs"] + summary["dpo"]["compliance_pairs"] > 0
    for r in records:
        if target is Target.LLAMAFACTORY:
            roles = roles_of(r, target)
            chosen, rejected = r["chosen"]["value"], r["rejected"]["value"]
            assert r["chosen"]["from"] == r["rejected"]["from"] == "gpt"
        elif target is Target.SWIFT:
            roles = roles_of(r, target)[:-1]
            chosen, rejected = r["messages"][-1]["content"], r["rejected_response"]
        elif target is Target.ALPACA:
            roles = roles_of(r, target)
            chosen, rejected = r["chosen"], r["rejected"]
            assert isinstance(chosen, str) and isinstance(rejected, str)
        else:
            prompt = r["prompt"] if target is Target.TRL else r["input"]["messages"]
            roles = roles_of({"messages": prompt}, Target.TRL)
            key_c, key_r = (
                ("chosen", "rejected")
                if target is Target.TRL
                else ("preferred_output", "non_preferred_output")
            )
            assert [m["role"] for m in r[key_c]] == [m["role"] for m in r[key_r]] == ["assistant"]
            chosen, rejected = r[key_c][0]["content"], r[key_r][0]["content"]
        assert_alternates(roles)
        assert roles[-1] == "user" and len(roles) % 2 == 1
        assert chosen.strip() and rejected.strip() and chosen != rejected


def test_llamafactory_dataset_info_registers_both_files(en_run):
    run_dir, _ = en_run
    sft = json.loads((run_dir / "sft" / "dataset_info.json").read_text())["debtsim_sft"]
    dpo = json.loads((run_dir / "dpo" / "dataset_info.json").read_text())["debtsim_dpo"]
    assert sft["formatting"] == dpo["formatting"] == "sharegpt"
    assert (run_dir / "sft" / sft["file_name"]).exists() and (run_dir / "dpo" / dpo["file_name"]).exists()
    assert dpo["ranking"] is True and "ranking" not in sft
    assert dpo["columns"]["chosen"] == "chosen" and dpo["columns"]["messages"] == "conversations"


def test_alpaca_is_registered_beside_sharegpt(en_run):
    run_dir, _ = en_run
    sft = json.loads((run_dir / "sft" / "dataset_info.json").read_text())["debtsim_alpaca_sft"]
    dpo = json.loads((run_dir / "dpo" / "dataset_info.json").read_text())["debtsim_alpaca_dpo"]
    assert sft["formatting"] == dpo["formatting"] == "alpaca" and dpo["ranking"] is True
    assert sft["columns"]["history"] == "history" and sft["columns"]["response"] == "output"
    assert (run_dir / "sft" / sft["file_name"]).exists() and (run_dir / "dpo" / dpo["file_name"]).exists()


def test_alpaca_is_in_the_default_targets():
    assert Target.ALPACA in parse_export_settings(load_defaults("export")).targets


# --- conversation rules on planted turns -------------------------------------------------


@pytest.fixture
def settings():
    return parse_export_settings(load_defaults("export"))


def turns(*spec: str) -> list[LineTurn]:
    speaker = {"c": Speaker.COLLECTOR, "d": Speaker.DEBTOR}
    return [LineTurn(speaker[s[0]], f"heard {s}", f"said {s}") for s in spec]


def test_collector_opening_gets_a_user_turn_first(settings):
    conv = sft_conversation("d-1", "sys", turns("c1", "d1", "c2"), "zh", settings)
    assert conv.messages[0] == (Role.USER, "[电话接通]")
    assert [m.role for m in conv.messages] == [Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT]


def test_debtor_opening_needs_no_synthetic_turn(settings):
    conv = sft_conversation("d-1", "sys", turns("d1", "c1"), "en", settings)
    assert [m.content for m in conv.messages] == ["heard d1", "said c1"]  # debtor heard, collector clean


def test_adjacent_same_role_turns_merge_by_default(settings):
    conv = sft_conversation("d-1", "sys", turns("c1", "d1", "d2", "c2", "c3", "d3"), "en", settings)
    assert [m.content for m in conv.messages] == [
        "[call connected]",
        "said c1",
        "heard d1\nheard d2",
        "said c2\nsaid c3",
    ]  # trailing debtor dropped


def test_adjacent_same_role_turns_fail_when_configured(settings):
    strict = settings.model_copy(update={"adjacent": AdjacentTurns.FAIL})
    with pytest.raises(ExportError, match="d-42"):
        sft_conversation("d-42", "sys", turns("c1", "d1", "d2", "c2"), "en", strict)


def test_text_source_is_configurable(settings):
    heard = settings.model_copy(
        update={"text": settings.text.model_copy(update={"collector": TextSource.HEARD})}
    )
    conv = sft_conversation("d-1", "sys", turns("c1", "d1", "c2"), "en", heard)
    assert conv.messages[1].content == "heard c1"


def test_preference_prompt_must_end_on_user(settings):
    with pytest.raises(ExportError, match="d-7"):
        prompt_conversation("d-7", "sys", turns("c1", "d1", "c2"), "en", settings)


@pytest.mark.parametrize("target", TARGETS)
def test_invalid_records_are_refused_naming_the_dialogue(settings, target):
    fmt = make_format(target)
    conv = sft_conversation("d-9", "sys", turns("c1", "d1", "c2"), "en", settings)
    good = fmt.sft(conv)
    fmt.checked(DataKind.SFT, good, "d-9")
    bad = json.loads(json.dumps(good))
    if target is Target.LLAMAFACTORY:
        bad["conversations"] = bad["conversations"][1:]  # starts with gpt
    elif target is Target.ALPACA:
        bad["output"] = "  "  # empty reply
    else:
        bad["messages"][2]["content"] = "  "  # empty assistant message
    with pytest.raises(ExportError, match=f"d-9.*{target}"):
        fmt.checked(DataKind.SFT, bad, "d-9")
    prompt = prompt_conversation("d-9", "sys", turns("c1", "d1"), "en", settings)
    same = PreferenceExample(prompt=prompt, chosen="a", rejected="a", chosen_score=1.0, rejected_score=0.0)
    with pytest.raises(ExportError, match="same text"):
        fmt.checked(DataKind.DPO, fmt.dpo(same), "d-9")
