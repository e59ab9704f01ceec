"""Counts over a run's transcripts, read back from the file in one streaming pass.

The end-of-run summary and the manifest read these counters. Counting from the
file (not from what this process happened to simulate) keeps them right after
a resume or a distributed run, and memory stays flat in run size. The manifest
lists every termination, zeros included, so a reader sees that no call of a run
ended in, say, a recorded dispute, rather than guessing whether the key was new,
and counts the calls the collector stopped as the law asks (`stopped`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from simulator.store import iter_records
from simulator.termination import STOP_TERMINATIONS
from simulator.transcript import Termination

USAGE_KEYS = ("prompt_tokens", "completion_tokens", "latency_s", "repaired", "fallback")


@dataclass
class StrategyTally:
    dialogues: int = 0
    agreements: int = 0
    recovery_sum: float = 0.0
    turns_sum: int = 0

    def row(self) -> dict:
        n = max(self.dialogues, 1)
        return {
            "dialogues": self.dialogues,
            "agreement_rate": round(self.agreements / n, 4),
            "mean_recovery_ratio": round(self.recovery_sum / n, 4),
            "mean_turns": round(self.turns_sum / n, 2),
        }


@dataclass
class Tally:
    terminations: Counter = field(default_factory=Counter)
    by_strategy: dict[str, StrategyTally] = field(default_factory=lambda: defaultdict(StrategyTally))
    usage: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)

    def add(self, record: dict) -> None:
        self.terminations[record["termination"]] += 1
        s = self.by_strategy[record["strategy"]]
        s.dialogues += 1
        s.turns_sum += len(record["turns"])
        agreement = record.get("agreement")
        if agreement and Termination(record["termination"]) is Termination.AGREEMENT:
            offer = agreement["offer"]
            s.agreements += 1
            total = offer["amount_now"] + offer["installment"] * offer["count"]
            if record.get("repayment") is not None:  # a campaign's call: what its promise actually paid
                total = sum(p["paid"] for p in record["repayment"]["payments"])
            s.recovery_sum += total / record["case"]["outstanding"]
        if record.get("error"):
            self.errors[record["error"].split(":")[0]] += 1
        for turn in record["turns"]:
            usage = turn.get("usage") or {}
            for key in USAGE_KEYS:
                self.usage[key] += usage.get(key, 0)

    @property
    def dialogues(self) -> int:
        return sum(self.terminations.values())

    def as_dict(self) -> dict:
        counts = {str(t): self.terminations.get(str(t), 0) for t in Termination}
        counts |= dict(self.terminations)  # anything not a member (never expected) still shows
        return {
            "terminations": counts,
            "stopped": sum(counts[str(t)] for t in STOP_TERMINATIONS),
            "errors": dict(self.errors),
            "by_strategy": {name: s.row() for name, s in sorted(self.by_strategy.items())},
            "usage": {k: round(v, 3) for k, v in self.usage.items()},
        }


def tally_file(path: Path) -> Tally:
    tally = Tally()
    if path.exists():
        for record in iter_records(path):
            tally.add(record)
    return tally
