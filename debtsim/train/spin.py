"""SPIN-style preference pairs for the next round: chosen = the best calls' replies, rejected = the model's own.

At the same history (the replay's window over a previous round's transcript),
chosen is the collector's reply in one of that round's best-scored calls and
rejected is what the current collector model says there. Pairs are drawn only
from the previous round's TRAIN split (its `sft/train/index.jsonl`), so no
held-out debtor reaches DPO, and they are added to the export's own branch
pairs (`debtsim.train.train_samples.dpo_records`), never replacing them. Prompts
are built by `simulator.llm.collector_prompt`, as replay and SFT build theirs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from debtsim.train.result import Collector
from simulator.llm.collector_prompt import chat_messages, collector_prompt, history_window
from simulator.store import TRANSCRIPTS, iter_transcripts, write_atomic
from simulator.transcript import Speaker

SPIN_FILE = "trl.jsonl"


def train_split_ids(run_dir: Path) -> set[str]:
    """Dialogue ids of the run's train split (the whole export when no selection split exists)."""
    for index in (run_dir / "sft" / "train" / "index.jsonl", run_dir / "sft" / "index.jsonl"):
        if index.exists():
            lines = index.read_text(encoding="utf-8").splitlines()
            return {json.loads(line)["dialogue_id"] for line in lines if line.strip()}
    return set()


def best_ids(run_dir: Path, share: float, among: set[str]) -> set[str]:
    """The best-scored `share` of `among` by reward."""
    from evaluators.table import SCORES, read_scores

    scores = read_scores(run_dir / SCORES)
    scores = scores[scores["dialogue_id"].isin(among)].sort_values("reward", ascending=False)
    return set(scores["dialogue_id"].head(max(1, int(len(scores) * share))))


def chosen_prompts(
    run_dir: Path, wanted: set[str], history_lines: int, limit: int
) -> Iterator[tuple[list, str]]:
    """(prompt, chosen reply) at each collector turn answering the debtor, in the wanted calls."""
    from debtsim.export.export_settings import parse_export_settings
    from debtsim.export.system_prompt import collector_system_prompt
    from simulator.conf_defaults import load_defaults

    export = parse_export_settings(load_defaults("export"))
    made = 0
    for t in iter_transcripts(run_dir / TRANSCRIPTS):
        if t.dialogue_id not in wanted:
            continue
        opener, inaudible = export.opener[t.language], export.inaudible[t.language]
        system = collector_system_prompt(t.case, t.policy, t.strategy, t.language, export)
        for k, turn in enumerate(t.turns):
            if (
                k == 0
                or turn.speaker is not Speaker.COLLECTOR
                or t.turns[k - 1].speaker is not Speaker.DEBTOR
            ):
                continue
            lines = [  # what the collector heard: its own clean words, the debtor's as heard
                ("assistant", x.clean_text) if x.speaker is Speaker.COLLECTOR else ("user", x.text)
                for x in t.turns[:k]
            ]
            history = history_window(chat_messages(lines, opener, inaudible), history_lines)
            yield collector_prompt(system, history), turn.clean_text
            made += 1
            if made >= limit:
                return


def spin_pairs(
    previous: Path, collector: Collector, replay: dict, share: float, limit: int, out: Path
) -> int:
    """Write up to `limit` pairs to `out/trl.jsonl`; how many (pairs where the model said the same are skipped)."""
    from simulator.llm.hf import Generator, HFSettings

    settings = HFSettings(**(replay | collector.settings()))
    wanted = best_ids(previous, share, train_split_ids(previous))
    pairs = list(chosen_prompts(previous, wanted, settings.history_lines, limit))
    prompts, chosen = [p for p, _ in pairs], [c for _, c in pairs]
    generator = Generator(settings)
    rejected: list[str] = []
    for i in range(0, len(prompts), settings.batch_size):
        batch = prompts[i : i + settings.batch_size]
        rejected += [r.text for r in generator.generate(batch, list(range(i, i + len(batch))))]
    records = [
        {
            "prompt": p,
            "chosen": [{"role": "assistant", "content": c}],
            "rejected": [{"role": "assistant", "content": r}],
        }
        for p, c, r in zip(prompts, chosen, rejected, strict=True)
        if r.strip() and r.strip() != c.strip()
    ]
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / SPIN_FILE, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return len(records)
