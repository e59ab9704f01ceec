"""IFD (instruction-following difficulty, Li et al. 2024 "Cherry LLM"), scored with a real causal LM.

For one SFT sample — a collector reply and the conversation before it —
IFD = mean token loss of the reply given the history ÷ mean token loss of the
reply alone. Below 1 the history helps predict the reply (the sample teaches
following the conversation); at or above 1 it does not (the reply ignores
what was said, or is boilerplate the model predicts anyway). Both losses come
from one forward pass each, batched. The conditioned prompt is the history
rendered with the model's chat template; the bare prompt is only the
template's assistant header, so the reply is scored as an assistant turn both
times.

The model is a local folder (the converted SmolLM2, `simulator.local_model`,
or any causal LM); this module never downloads. `torch` and `transformers`
are imported only when a scorer is built, so selection without IFD needs
neither.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evaluators.selection.record import Sample
from evaluators.selection.settings import IfdSettings
from simulator.transcript import Speaker

ROLE = {Speaker.COLLECTOR: "assistant", Speaker.DEBTOR: "user"}


@dataclass(frozen=True, slots=True)
class IfdItem:
    """One SFT sample: the messages before a collector reply (starting with the debtor), and the reply."""

    dialogue_id: str
    history: tuple[dict, ...]
    reply: str


def messages_of(sample: Sample) -> list[dict]:
    """Alternating chat messages: debtor as heard = user, collector's clean words = assistant."""
    out: list[dict] = []
    for line in sample.lines:
        role = ROLE[line.speaker]
        text = (line.heard if line.speaker is Speaker.DEBTOR else line.text).strip() or "..."
        if out and out[-1]["role"] == role:
            out[-1] = {"role": role, "content": f"{out[-1]['content']}\n{text}"}
        else:
            out.append({"role": role, "content": text})
    return out


def items_of(sample: Sample, per_dialogue: int) -> list[IfdItem]:
    """Up to `per_dialogue` collector replies with a debtor line before them, evenly spread."""
    messages = messages_of(sample)
    start = 1 if messages and messages[0]["role"] == "user" else 2
    eligible = [i for i in range(start, len(messages)) if messages[i]["role"] == "assistant"]
    if not eligible:
        return []
    picks = sorted({eligible[round(j)] for j in np.linspace(0, len(eligible) - 1, per_dialogue)})
    first = 0 if messages[0]["role"] == "user" else 1
    return [IfdItem(sample.dialogue_id, tuple(messages[first:i]), messages[i]["content"]) for i in picks]


class IfdScorer:
    """A causal LM that scores IFD in batches; CPU threads as configured."""

    def __init__(self, folder: Path, settings: IfdSettings) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        torch.set_num_threads(settings.threads)
        self.torch, self.settings = torch, settings
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()
        self.pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        self.bare_prompt = self._ids(self._header())

    def _render(self, history: Sequence[dict], generation: bool) -> str:
        return self.tokenizer.apply_chat_template(
            list(history), add_generation_prompt=generation, tokenize=False
        )

    def _header(self) -> str:
        """What the template adds to open an assistant turn (`<|im_start|>assistant\\n` for ChatML)."""
        probe = [{"role": "user", "content": "."}]
        return self._render(probe, True).removeprefix(self._render(probe, False))

    def _ids(self, text: str) -> list[int]:
        return list(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def _prompt(self, history: Sequence[dict]) -> list[int]:
        return self._ids(self._render(history, True))

    def _pair(self, item: IfdItem) -> tuple[tuple[list[int], list[int]], tuple[list[int], list[int]]]:
        """(prompt, reply) token ids with and without the history; the history cut from the left."""
        room = self.settings.max_length
        reply = self._ids(item.reply)[: room // 2]
        with_history = self._prompt(item.history)
        keep = room - len(reply)
        if len(with_history) > keep:
            with_history = with_history[len(with_history) - keep :]
        return (with_history, reply), (self.bare_prompt, reply)

    def _losses(self, pairs: Sequence[tuple[list[int], list[int]]]) -> list[float]:
        """Mean token loss of each reply after its prompt: one padded forward pass."""
        torch = self.torch
        width = max(len(p) + len(r) for p, r in pairs)
        ids = torch.full((len(pairs), width), self.pad, dtype=torch.long)
        mask = torch.zeros((len(pairs), width), dtype=torch.long)
        target = torch.zeros((len(pairs), width), dtype=torch.bool)
        for row, (prompt, reply) in enumerate(pairs):
            seq = prompt + reply
            ids[row, : len(seq)] = torch.tensor(seq)
            mask[row, : len(seq)] = 1
            target[row, len(prompt) : len(seq)] = True
        with torch.inference_mode():
            logits = self.model(input_ids=ids, attention_mask=mask).logits[:, :-1].float()
        nll = torch.nn.functional.cross_entropy(logits.transpose(1, 2), ids[:, 1:], reduction="none")
        target = target[:, 1:]
        per_row = (nll * target).sum(1) / target.sum(1).clamp(min=1)
        return per_row.tolist()

    def score(self, items: Sequence[IfdItem], progress: bool = True) -> list[float]:
        """IFD of each item, in order; batches of `batch_size` items (two sequences each)."""
        from tqdm import tqdm

        out: list[float] = []
        size = self.settings.batch_size
        bar = tqdm(total=len(items), desc="ifd", unit="sample", disable=not progress, file=sys.stderr)
        for start in range(0, len(items), size):
            batch = [self._pair(item) for item in items[start : start + size]]
            conditioned = self._losses([b[0] for b in batch])
            alone = self._losses([b[1] for b in batch])
            out.extend(c / a if a > 0 else float("nan") for c, a in zip(conditioned, alone, strict=True))
            bar.update(len(batch))
        bar.close()
        return out


def dialogue_ifd(items: Iterable[IfdItem], scores: Iterable[float]) -> dict[str, float]:
    """A dialogue's IFD: the mean over its scored replies."""
    sums: dict[str, list[float]] = {}
    for item, value in zip(items, scores, strict=True):
        sums.setdefault(item.dialogue_id, []).append(value)
    return {key: float(np.mean(values)) for key, values in sums.items()}
