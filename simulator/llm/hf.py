"""`llm=hf`: a Hugging Face model folder (± a LoRA adapter) run in process as the collector.

This is how a collector we trained ourselves is replayed against debtors it
never saw. Only the collector is a model; the debtor keeps the scripted
templates, so two runs with the same seed and grid meet the same debtors with
the same draws and differ only in what the collector said — a paired design.

The prompt (setting `prompt`) is either `training` — the exported SFT system
prompt and the last `history_lines` messages, built by
`simulator.llm.collector_prompt` exactly as `debtsim train` builds its samples —
or `speak` — the prompt book's speak prompt, which also names the policy's
move. What the turn records depends on `llm.collector_mode`:

- `decide_and_speak` (the default in `conf/llm/hf.yaml`): the move is read
  from the model's own words (`simulator.llm.offer_reading`: the offer it
  stated, and offer_plan / concede / hold_firm against the standing offer, or a
  cue in the words). The collector agent checks that move against creditor
  policy outside the model. So agreement, recovery, over-concession and plan
  burden depend on what the trained model said.
- `speak`: the policy's act and offer are recorded whatever the words say;
  outcomes move only through what the debtor hears.

`device` / `precision` place the model (auto: CUDA in bf16 where available,
else CPU in float32); `placement` is shared with training and IFD scoring.

Sampling is per row with its own seeded generator (a logits processor draws,
greedy decoding takes the draw), so a reply depends on its turn's seed, not on
which other dialogues share its batch (up to float rounding in padded batches). Async runs batch the pending collector
turns of concurrent dialogues into one `generate` call per step (`batcher`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from scenarios.strategies import CollectorMove
from simulator.debtor_policy import DebtorMove
from simulator.llm.backend_settings import parse_settings
from simulator.llm.base import AgentMode, Backend, BackendError, BackendName, Utterance
from simulator.llm.batcher import LoopBatchers, TurnBatcher
from simulator.llm.collector_prompt import (
    chat_messages,
    collector_prompt,
    history_window,
    render_system_prompt,
)
from simulator.llm.offer_reading import read_move
from simulator.local_model import default_model
from simulator.transcript import Speaker, Usage
from simulator.views import CollectorView, DebtorView, as_chat

SEED_RANGE = 2**31 - 1


class CollectorPrompt(StrEnum):
    TRAINING = "training"  # exported SFT system prompt + history: the trained model's own format
    SPEAK = "speak"  # the prompt book's speak prompt, naming the policy's move


class Device(StrEnum):
    AUTO = "auto"  # cuda when a CUDA device is visible, else cpu
    CPU = "cpu"
    CUDA = "cuda"


class Precision(StrEnum):
    AUTO = "auto"  # bf16 on a CUDA device that supports it (else fp16), fp32 on CPU
    FP32 = "fp32"
    BF16 = "bf16"
    FP16 = "fp16"


class DeviceError(BackendError):
    """A device or precision this machine cannot give; one line naming the setting."""


def placement(device: Device | str, precision: Precision | str, field: str = "device"):
    """(torch device name, torch dtype) for the settings; auto picks CUDA and bf16 where available."""
    import torch

    device, precision = Device(device), Precision(precision)
    cuda = torch.cuda.is_available()
    if device is Device.CUDA and not cuda:
        raise DeviceError(f"{field}: cuda requested but no CUDA device is visible")
    name = "cuda" if device is Device.CUDA or (device is Device.AUTO and cuda) else "cpu"
    if precision is Precision.AUTO:
        if name == "cpu":
            return name, torch.float32
        return name, torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    dtype = {Precision.FP32: torch.float32, Precision.BF16: torch.bfloat16, Precision.FP16: torch.float16}
    if name == "cpu" and precision is Precision.FP16:
        raise DeviceError(f"{field}: fp16 needs a CUDA device; use fp32 or bf16 on CPU")
    return name, dtype[precision]


class HFSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str | None = Field(None, description="model folder; None: the converted SmolLM2-135M")
    adapter: str | None = Field(None, description="PEFT adapter folder over `model`")
    prompt: CollectorPrompt = CollectorPrompt.TRAINING
    temperature: float = Field(0.7, ge=0.0, le=2.0, description="0: greedy")
    top_p: float = Field(0.95, gt=0.0, le=1.0)
    max_new_tokens: int = Field(64, gt=0, le=1024)
    history_lines: int = Field(12, gt=0)
    batch_size: int = Field(8, gt=0, description="collector turns generated together")
    concurrency: int = Field(8, gt=0, description="read by the batch layer: dialogues open = 2 x this")
    threads: int = Field(2, gt=0)
    seed: int = Field(0, ge=0)
    device: Device = Field(Device.AUTO, description="auto: cuda when available, else cpu")
    precision: Precision = Field(Precision.AUTO, description="auto: bf16/fp16 on cuda, fp32 on cpu")


def row_seed(settings: HFSettings, rng: np.random.Generator) -> int:
    """A sampling seed from the run seed and the turn's Generator (a spawned child: its draw stream is untouched)."""
    turn = int(rng.spawn(1)[0].integers(SEED_RANGE))
    return int(np.random.default_rng([settings.seed, turn]).integers(SEED_RANGE))


def row_sampler(seeds: list[int], temperature: float, top_p: float):
    """A logits processor that samples each row with its own generator and leaves only the draw."""
    import torch
    from transformers import LogitsProcessor

    class RowSampler(LogitsProcessor):
        def __init__(self) -> None:
            self.generators = [torch.Generator().manual_seed(s) for s in seeds]

        def __call__(self, input_ids, scores):
            probs = torch.softmax(scores.float().cpu() / temperature, dim=-1)  # CPU generators draw
            ordered, order = probs.sort(dim=-1, descending=True)
            outside = ordered.cumsum(-1) - ordered > top_p
            ordered = ordered.masked_fill(outside, 0.0)
            out = torch.full_like(scores, float("-inf"))
            for row, gen in enumerate(self.generators):
                pick = torch.multinomial(ordered[row], 1, generator=gen)
                out[row, int(order[row, pick])] = 0.0
            return out

    return RowSampler()


@dataclass(slots=True)
class Reply:
    text: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float


class Generator:
    """The loaded model and tokenizer; `generate` answers a batch of chat prompts."""

    def __init__(self, settings: HFSettings) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        torch.set_num_threads(settings.threads)
        folder = Path(settings.model) if settings.model else default_model(BackendError)
        if not (folder / "config.json").exists():
            raise BackendError(f"llm.settings.model: {folder} is not a Hugging Face model folder")
        self.settings = settings
        self.device, dtype = placement(settings.device, settings.precision, "llm.settings.device")
        self.tokenizer = AutoTokenizer.from_pretrained(folder, padding_side="left")
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        model = AutoModelForCausalLM.from_pretrained(folder, dtype=dtype)
        if settings.adapter:
            from peft import PeftModel

            if not (Path(settings.adapter) / "adapter_config.json").exists():
                raise BackendError(f"llm.settings.adapter: no adapter_config.json in {settings.adapter}")
            model = PeftModel.from_pretrained(model, settings.adapter).merge_and_unload()
        self.model = model.to(self.device).eval()
        ends = {self.tokenizer.eos_token_id, self.tokenizer.convert_tokens_to_ids("<|im_end|>")}
        self.stop = sorted(i for i in ends if isinstance(i, int) and i >= 0)

    def generate(self, prompts: list[list[dict]], seeds: list[int]) -> list[Reply]:
        import torch

        s, start = self.settings, time.perf_counter()
        texts = [
            self.tokenizer.apply_chat_template(p, tokenize=False, add_generation_prompt=True) for p in prompts
        ]
        batch = self.tokenizer(texts, return_tensors="pt", padding=True).to(self.device)
        extra = (
            {} if s.temperature == 0 else {"logits_processor": [row_sampler(seeds, s.temperature, s.top_p)]}
        )
        with torch.inference_mode():
            out = self.model.generate(
                **batch,
                max_new_tokens=s.max_new_tokens,
                do_sample=False,
                eos_token_id=self.stop,
                pad_token_id=self.tokenizer.pad_token_id,
                **extra,
            )
        new = out[:, batch["input_ids"].shape[1] :]
        seconds = (time.perf_counter() - start) / len(prompts)
        replies = []
        for row, ids in enumerate(new):
            kept = [int(t) for t in ids if int(t) not in self.stop and int(t) != self.tokenizer.pad_token_id]
            text = " ".join(self.tokenizer.decode(kept, skip_special_tokens=True).split())  # one spoken line
            replies.append(Reply(text, int(batch["attention_mask"][row].sum()), len(kept), seconds))
        return replies


class HFBackend(Backend):
    """Collector: the model. Debtor: the scripted templates (same draws as any other run)."""

    name = BackendName.HF

    def __init__(self, settings: HFSettings, language: str, mode: AgentMode = AgentMode.SPEAK) -> None:
        from simulator.llm.scripted import ScriptedBackend

        self.settings, self.language, self.mode = settings, language, mode
        self.scripted = ScriptedBackend(language)
        self.batchers: LoopBatchers[tuple[list[dict], int], Reply] = LoopBatchers(
            lambda: TurnBatcher(self._generate_batch, settings.batch_size, label="hf generate")
        )

    @classmethod
    def from_config(cls, config, language: str) -> HFBackend:
        """`collector_mode=decide_and_speak`: the move is read from the model's words; `speak`: the policy's."""
        if config.debtor_mode is not AgentMode.SPEAK:
            raise BackendError("llm=hf runs only the collector; the debtor speaks: use llm.debtor_mode=speak")
        return cls(parse_settings(HFSettings, dict(config.settings)), language, config.collector_mode)

    @cached_property
    def generator(self) -> Generator:
        return Generator(self.settings)

    @cached_property
    def _texts(self) -> dict:
        """The packaged export texts (system prompt, strategy notes, opener, inaudible): the training format."""
        from simulator.conf_defaults import load_defaults

        return load_defaults("export")

    def prompt(self, view: CollectorView, move: CollectorMove) -> list[dict]:
        """The chat the model answers: its training format, or the prompt book's speak prompt."""
        limit = self.settings.history_lines
        if self.settings.prompt is CollectorPrompt.SPEAK:
            from simulator.llm.backend_settings import StructuredMethod
            from simulator.llm.prompt_book import PromptBook

            book = PromptBook.load(self.language)
            pairs = book.collector_messages(view, move, AgentMode.SPEAK, StructuredMethod.JSON_MODE, limit)
            return [{"role": role, "content": text} for role, text in pairs]
        texts, language = self._texts, str(view.language)
        template, note = texts["system_prompt"][language], texts["strategy_notes"][language][view.strategy]
        system = render_system_prompt(view.case, view.policy, template, note)
        return collector_prompt(system, self.history(view, limit))

    def history(self, view: CollectorView, limit: int) -> list[dict]:
        """The last lines as alternating user/assistant messages that start with the user, as exported."""
        opener, inaudible = self._texts["opener"][self.language], self._texts["inaudible"][self.language]
        lines = as_chat(view.history, Speaker.COLLECTOR)
        messages = chat_messages(lines, opener, inaudible) or [{"role": "user", "content": opener}]
        return history_window(messages, limit)

    def _utterance(self, reply: Reply, view: CollectorView, move, rng) -> Utterance:
        usage = Usage(
            prompt_tokens=reply.prompt_tokens,
            completion_tokens=reply.completion_tokens,
            latency_s=round(reply.seconds, 4),
        )
        if reply.text and self.mode is AgentMode.DECIDE_AND_SPEAK:
            said = read_move(reply.text, view, move)
            return Utterance(text=reply.text, act=said.act, offer=said.offer, usage=usage, raw=reply.text)
        if reply.text:
            return Utterance(text=reply.text, usage=usage, raw=reply.text)
        words = self.scripted.collector_turn(view, move, rng).text
        return Utterance(text=words, usage=usage.model_copy(update={"fallback": True}), raw="")

    def collector_turn(self, view: CollectorView, move: CollectorMove, rng: np.random.Generator) -> Utterance:
        seed = row_seed(self.settings, rng)
        reply = self.generator.generate([self.prompt(view, move)], [seed])[0]
        return self._utterance(reply, view, move, rng)

    def _generate_batch(self, requests) -> list[Reply]:
        return self.generator.generate([prompt for prompt, _ in requests], [seed for _, seed in requests])

    def session(self):
        return self.batchers.session()

    async def acollector_turn(
        self, view: CollectorView, move: CollectorMove, rng: np.random.Generator
    ) -> Utterance:
        reply = await self.batchers.submit((self.prompt(view, move), row_seed(self.settings, rng)))
        return self._utterance(reply, view, move, rng)

    def debtor_turn(self, view: DebtorView, move: DebtorMove, rng: np.random.Generator) -> Utterance:
        return self.scripted.debtor_turn(view, move, rng)

    async def adebtor_turn(self, view: DebtorView, move: DebtorMove, rng: np.random.Generator) -> Utterance:
        return self.scripted.debtor_turn(view, move, rng)

    def close(self) -> None:
        """Stop the batchers and drop the model (the loop loads several collectors in one process)."""
        self.batchers.stop()
        self.__dict__.pop("generator", None)
