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

MAX_ERROR_IDS = 50
"""Errored dialogue ids the manifest lists; the count says how many there are in all."""
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
    error_turns: Counter = field(default_factory=Counter)
    error_ids: list[str] = field(default_factory=list)
    last_error: str | None = None

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
            self.add_error(record)
        for turn in record["turns"]:
            usage = turn.get("usage") or {}
            for key in USAGE_KEYS:
                self.usage[key] += usage.get(key, 0)

    def add_error(self, record: dict) -> None:
        """An errored dialogue: its class, the turn it failed at ("?" in lines written before), its id."""
        self.errors[record.get("error_class") or record["error"].split(":")[0]] += 1
        turn = record.get("error_turn")
        self.error_turns["?" if turn is None else str(turn)] += 1
        if len(self.error_ids) < MAX_ERROR_IDS:
            self.error_ids.append(record["dialogue_id"])
        self.last_error = record["error"]

    @property
    def errored(self) -> int:
        return sum(self.errors.values())

    def failures(self, retried: int = 0) -> dict:
        """The manifest's account of errored dialogues: how many, which (first 50), why, where, retried."""
        return {
            "errored": self.errored,
            "ids": self.error_ids,
            "by_class": dict(self.errors),
            "by_turn": dict(
                sorted(self.error_turns.items(), key=lambda kv: (kv[0] == "?", len(kv[0]), kv[0]))
            ),
            "last_error": self.last_error,
            "retried": retried,
        }

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
