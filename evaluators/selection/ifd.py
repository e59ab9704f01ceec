"""IFD (instruction-following difficulty, Li et al. 2024 "Cherry LLM") per SFT sample, with a real causal LM.

An SFT sample is one collector reply and the context it is trained with: the
exported system prompt and the replay's history window
(`simulator.llm.collector_prompt`, the same builder `debtsim train` uses), cut
from the left to `max_length` the same way. IFD = mean token loss of the reply
given that context ÷ mean token loss of the reply alone (only the template's
assistant header before it). Below 1 the context helps predict the reply (the
sample teaches following the call); at or above 1 it does not.

Every collector reply of a dialogue is scored, the opening line of a
collector-opened call included (the export's `[call connected]` opener is its
context). Conversations are streamed from the exported `sft/trl.jsonl` (read
in lockstep with `sft/index.jsonl`), so scoring never holds a run in memory;
results are columns keyed by (dialogue id, reply number). Both losses come
from one padded forward pass each per batch; the model is placed on the
configured device (`simulator.llm.hf.placement`). The model is a local folder
(the converted SmolLM2 or any causal LM); this module never downloads, and
`torch` / `transformers` are imported only when a scorer is built.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import orjson

from evaluators.selection.selection_settings import IfdSettings
from simulator.llm.collector_prompt import (
    ASSISTANT,
    SYSTEM,
    collector_prompt,
    fit_history,
    history_window,
    reply_positions,
)

TRL, INDEX = "trl.jsonl", "index.jsonl"


@dataclass(frozen=True, slots=True)
class IfdItem:
    """One SFT sample: the system prompt, the history window before a collector reply, and the reply."""

    dialogue_id: str
    reply: int
    system: str
    history: tuple[dict, ...]
    text: str


def conversation_items(dialogue_id: str, messages: Sequence[dict], history_lines: int) -> list[IfdItem]:
    """One item per collector reply of an exported conversation (system message first, if any)."""
    system = messages[0]["content"] if messages and messages[0]["role"] == SYSTEM else ""
    rest = list(messages[1:] if system else messages)
    return [
        IfdItem(dialogue_id, k, system, tuple(history_window(rest[:i], history_lines)), rest[i]["content"])
        for k, i in enumerate(reply_positions(rest))
    ]


def exported_items(sft_dir: Path, wanted: set[str], history_lines: int) -> Iterator[IfdItem]:
    """The items of the `wanted` dialogues, streamed from `sft/trl.jsonl` and its key file."""
    with (sft_dir / INDEX).open("rb") as keys, (sft_dir / TRL).open("rb") as records:
        for key, record in zip(keys, records, strict=True):
            dialogue_id = orjson.loads(key)["dialogue_id"]
            if dialogue_id in wanted:
                yield from conversation_items(dialogue_id, orjson.loads(record)["messages"], history_lines)


@dataclass
class IfdScores:
    """Per-sample results as columns (compact for runs of 100k dialogues)."""

    dialogue_id: list[str] = field(default_factory=list)
    reply: list[int] = field(default_factory=list)
    conditioned: list[float] = field(default_factory=list)
    alone: list[float] = field(default_factory=list)

    def ifd(self) -> np.ndarray:
        c, a = np.asarray(self.conditioned, dtype=float), np.asarray(self.alone, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(a > 0, c / a, np.nan)

    def __len__(self) -> int:
        return len(self.reply)


class IfdScorer:
    """A causal LM that scores IFD in batches, on the configured device and precision."""

    def __init__(self, folder: Path, settings: IfdSettings) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        from simulator.llm.hf import placement

        torch.set_num_threads(settings.threads)
        self.torch, self.settings = torch, settings
        self.device, dtype = placement(settings.device, settings.precision, "filter.selection.ifd.device")
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        model = AutoModelForCausalLM.from_pretrained(folder, dtype=dtype)
        self.model = model.to(self.device).eval()
        self.pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        self.bare_prompt = self._ids(self._header())

    def _render(self, messages: Sequence[dict], generation: bool) -> str:
        return self.tokenizer.apply_chat_template(
            list(messages), add_generation_prompt=generation, tokenize=False
        )

    def _header(self) -> str:
        """What the template adds to open an assistant turn (`<|im_start|>assistant\\n` for ChatML)."""
        probe = [{"role": "user", "content": "."}]
        return self._render(probe, True).removeprefix(self._render(probe, False))

    def _ids(self, text: str) -> list[int]:
        return list(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def _count(self, prompt: list[dict], completion: str) -> int:
        """Tokens of the prompt and reply as the trainer renders them (the fit rule of the SFT sample)."""
        return len(self._ids(self._render([*prompt, {"role": ASSISTANT, "content": completion}], False)))

    def _pair(self, item: IfdItem) -> tuple[tuple[list[int], list[int]], tuple[list[int], list[int]]]:
        """(prompt, reply) token ids with and without the context; the history cut as for training."""
        room = self.settings.max_length
        reply = self._ids(item.text)[: room // 2]
        history, _ = fit_history(item.system, item.history, item.text, self._count, room)
        prompt = self._ids(
            self._render(collector_prompt(item.system, history) if item.system else history, True)
        )
        keep = room - len(reply)
        if len(prompt) > keep:  # still too long even with one exchange: cut tokens from the left
            prompt = prompt[len(prompt) - keep :]
        return (prompt, reply), (self.bare_prompt, reply)

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
        ids, mask, target = ids.to(self.device), mask.to(self.device), target.to(self.device)
        with torch.inference_mode():
            logits = self.model(input_ids=ids, attention_mask=mask).logits[:, :-1].float()
        nll = torch.nn.functional.cross_entropy(logits.transpose(1, 2), ids[:, 1:], reduction="none")
        target = target[:, 1:]
        per_row = (nll * target).sum(1) / target.sum(1).clamp(min=1)
        return per_row.cpu().tolist()

    def score_items(
        self, items: Iterable[IfdItem], total: int | None = None, progress: bool = True
    ) -> IfdScores:
        """Both losses of every item (streamed), in batches of `batch_size` items."""
        from tqdm import tqdm

        out = IfdScores()
        bar = tqdm(total=total, desc="ifd", unit="sample", disable=not progress, file=sys.stderr)
        batch: list[IfdItem] = []
        for item in items:
            batch.append(item)
            if len(batch) == self.settings.batch_size:
                self._score_batch(batch, out)
                bar.update(len(batch))
                batch = []
        if batch:
            self._score_batch(batch, out)
            bar.update(len(batch))
        bar.close()
        return out

    def _score_batch(self, batch: list[IfdItem], out: IfdScores) -> None:
        pairs = [self._pair(item) for item in batch]
        out.conditioned += self._losses([p[0] for p in pairs])
        out.alone += self._losses([p[1] for p in pairs])
        out.dialogue_id += [item.dialogue_id for item in batch]
        out.reply += [item.reply for item in batch]

    def score(self, items: Sequence[IfdItem], progress: bool = True) -> list[float]:
        """IFD of each item, in order."""
        return self.score_items(items, len(items), progress).ifd().tolist()
