"""Running counts over a batch, kept while dialogues stream to disk.

The end-of-run summary and the manifest read these counters, so neither needs
to load the transcripts back into memory.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from simulator.transcript import Termination, Transcript


@dataclass
class StrategyTally:
    dialogues: int = 0
    agreements: int = 0
    recovery_sum: float = 0.0
    turns_sum: int = 0


@dataclass
class Tally:
    terminations: Counter = field(default_factory=Counter)
    by_strategy: dict[str, StrategyTally] = field(default_factory=lambda: defaultdict(StrategyTally))
    usage: Counter = field(default_factory=Counter)

    def add(self, t: Transcript) -> None:
        self.terminations[str(t.termination)] += 1
        s = self.by_strategy[t.strategy]
        s.dialogues += 1
        s.turns_sum += len(t.turns)
        if t.agreement is not None and t.termination is Termination.AGREEMENT:
            s.agreements += 1
            s.recovery_sum += t.agreement.offer.total / t.case.outstanding
        for turn in t.turns:
            u = turn.usage
            if u.completion_tokens or u.prompt_tokens or u.latency_s:
                self.usage["prompt_tokens"] += u.prompt_tokens
                self.usage["completion_tokens"] += u.completion_tokens
                self.usage["latency_s"] += u.latency_s
            self.usage["repaired"] += u.repaired
            self.usage["fallback"] += u.fallback

    @property
    def dialogues(self) -> int:
        return sum(self.terminations.values())

    def as_dict(self) -> dict:
        return {
            "terminations": dict(self.terminations),
            "by_strategy": {
                name: {
                    "dialogues": s.dialogues,
                    "agreement_rate": round(s.agreements / s.dialogues, 4) if s.dialogues else 0.0,
                    "mean_recovery_ratio": round(s.recovery_sum / s.dialogues, 4) if s.dialogues else 0.0,
                    "mean_turns": round(s.turns_sum / s.dialogues, 2) if s.dialogues else 0.0,
                }
                for name, s in sorted(self.by_strategy.items())
            },
            "usage": {k: round(v, 3) for k, v in self.usage.items()},
        }
