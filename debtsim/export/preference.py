"""The DPO half of the export: branch kept dialogues, keep pairs above the margin, write them.

The run's own `config.yaml` rebuilds each dialogue's context exactly as it was
simulated (same plan, persona, case, seeds), the `Brancher` replays and forks
it, and the evaluators' branching reward (`evaluators.reward.branch_reward`:
expected recovery under the kept/broken payment model, less penalties for an
unsustainable plan and for conduct findings) scores every rollout. A set whose
best reward is shared by another reply makes no pair (`tied`). A replay whose turns
differ from the stored transcript (the engine changed since the run) is not
branched and is counted as `replay_mismatch`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import yaml

from debtsim.branching import Brancher, PreferencePair, best_and_worst, why_no_pair
from debtsim.export.compliance_pairs import CompliancePair, compliance_pairs
from debtsim.export.conversation import prompt_conversation
from debtsim.export.export_settings import BranchFrom, ExportError, ExportSettings
from debtsim.export.record import DialogueRecord
from debtsim.export.system_prompt import collector_system_prompt
from debtsim.export.targets import DataKind, PairKind, PreferenceExample, TargetFormat
from debtsim.export.writer import TargetFiles
from evaluators.filters.reasons import DropReason
from evaluators.reward import branch_reward
from simulator.backends import make_backend
from simulator.config import ConfigError, RunConfig, parse_run_config
from simulator.dialogue import build_context, plan_dialogue
from simulator.llm import BackendName
from simulator.transcript import Transcript

PAIRS = "pairs.jsonl"
OUTCOME_DROPS = frozenset(
    {
        DropReason.WEAK_DEAL,
        DropReason.ENDING,
        DropReason.NOT_CLOSED,
        DropReason.NON_AGREEMENT_SHARE,
        DropReason.STOP_SHARE,
        DropReason.NEAR_DUPLICATE,
        DropReason.CELL_CAP,
    }
)
"""SFT drops that say nothing against the dialogue's history: how it ended, or that the SFT set has
enough like it. A pair is learnt from one state and the rollouts after it, so the call's own ending
does not matter — a call the debtor hung up on, or a weak deal, is where a better reply is to be
found (a distressed debtor's calls rarely end in a deal the SFT filters keep)."""
CLEAN_COLUMNS = ("compliant", "loop_free")


def branchable(reason: DropReason | None, scores: dict, branch_from: BranchFrom) -> bool:
    """Whether a dialogue the SFT chain judged (`reason`: why it was dropped, None: kept) is branched.

    Beyond the kept ones (`branch_from=clean`): those dropped for an outcome reason whose
    history is clean — compliant, no loop — as far as the score row tells (a row without
    those columns, filters off, counts as clean).
    """
    if reason is None:
        return True
    if branch_from is BranchFrom.KEPT or reason not in OUTCOME_DROPS:
        return False
    return all(scores.get(column, True) for column in CLEAN_COLUMNS)


def reward(transcript: Transcript) -> float:
    """The branching reward of one rollout (`evaluators.reward`; not the score table's quality `reward`)."""
    return branch_reward(transcript)


def run_config(run_dir: Path) -> RunConfig:
    path = run_dir / "config.yaml"
    if not path.exists():
        raise ExportError(
            f"{run_dir}: no config.yaml to rebuild dialogues for DPO branching (dpo.enabled=false skips it)"
        )
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["output_dir"] = str(run_dir)
    try:
        return parse_run_config(data)
    except ConfigError as exc:
        raise ExportError(f"{path}: {exc}") from None


def margin_bucket(margin: float, edges: Sequence[float]) -> str:
    edges = sorted(edges)
    if not edges or margin < edges[0]:
        return f"<{edges[0]}" if edges else "all"
    for low, high in pairwise(edges):
        if margin < high:
            return f"{low}-{high}"
    return f">={edges[-1]}"


def example_of(pair: PreferencePair, record: DialogueRecord, settings: ExportSettings) -> PreferenceExample:
    system = collector_system_prompt(record.case, record.policy, record.strategy, record.language, settings)
    prompt = prompt_conversation(record.dialogue_id, system, pair.prefix, record.language, settings)
    return PreferenceExample(
        prompt=prompt,
        chosen=pair.chosen.reply,
        rejected=pair.rejected.reply,
        chosen_score=pair.chosen.reward,
        rejected_score=pair.rejected.reward,
    )


def pair_line(pair: PreferencePair) -> dict:
    """What `pairs.jsonl` keeps of a pair: everything but the shared history."""
    line = pair.model_dump(mode="json", exclude={"prefix"})
    return line | {"prefix_turns": len(pair.prefix), "kind": str(PairKind.OUTCOME)}


def compliance_example(
    pair: CompliancePair, record: DialogueRecord, settings: ExportSettings
) -> PreferenceExample:
    system = collector_system_prompt(record.case, record.policy, record.strategy, record.language, settings)
    prompt = prompt_conversation(record.dialogue_id, system, pair.prefix, record.language, settings)
    return PreferenceExample(
        prompt=prompt,
        chosen=pair.chosen,
        rejected=pair.rejected,
        chosen_score=1.0,
        rejected_score=0.0,
        kind=PairKind.COMPLIANCE,
    )


def compliance_line(pair: CompliancePair, dialogue_id: str) -> dict:
    return {
        "dialogue_id": dialogue_id,
        "kind": str(PairKind.COMPLIANCE),
        "turn": pair.turn,
        "act": str(pair.act),
        "concept": pair.concept,
        "rules": list(pair.rules),
        "chosen": pair.chosen,
        "rejected": pair.rejected,
        "prefix_turns": len(pair.prefix),
    }


PAIR_COUNTS = (
    "branched",
    "replay_mismatch",
    "decision_points",
    "tied",
    "below_margin",
    "pairs",
    "compliance_pairs",
    "compliance_refused",
)


def skipped_pairs(reason: str) -> dict:
    """The summary of a DPO stage that could not branch: zero pairs, and why."""
    return {
        **dict.fromkeys(PAIR_COUNTS, 0),
        "by_margin": {},
        "compliance_by_concept": {},
        "records": {},
        "skipped": reason,
    }


def export_pairs(
    run_dir: Path,
    records: Sequence[DialogueRecord],
    settings: ExportSettings,
    formats: Sequence[TargetFormat],
) -> dict:
    dpo = settings.dpo
    config = run_config(run_dir)
    if config.llm.backend is not BackendName.SCRIPTED:
        return skipped_pairs(
            f"llm.backend={config.llm.backend}: branching replays each dialogue exactly, which only the "
            "scripted collector does; model collectors get preference pairs from self_improve (SPIN)"
        )
    backend = make_backend(config.llm, str(config.language))
    brancher = Brancher(reward, dpo.decision_points, dpo.alternatives)
    cells, run_id = config.grid().cells(), config.run_id()
    tally: Counter[str] = Counter()
    buckets: Counter[str] = Counter()
    concepts: Counter[str] = Counter()
    try:
        with TargetFiles(run_dir / "dpo", DataKind.DPO, formats, settings.dataset_name) as files:
            pairs_file = files.side(PAIRS)
            for record in records:
                plan = plan_dialogue(config, cells, record.index)
                original, sets = brancher.branch(build_context(config, plan, backend), run_id, plan.cell.key)
                if [t.clean_text for t in original.turns] != [t.clean_text for t in record.turns]:
                    tally["replay_mismatch"] += 1
                    continue
                tally["branched"] += 1
                tally["decision_points"] += len(sets)
                for branch_set in sets:
                    pair = best_and_worst(branch_set, dpo.margin)
                    if pair is None:
                        why = why_no_pair(branch_set, dpo.margin)
                        tally["tied" if why == "tied" else "below_margin"] += 1
                        continue
                    files.write(example_of(pair, record, settings), record.dialogue_id)
                    pairs_file.write(pair_line(pair))
                    buckets[margin_bucket(pair.margin, dpo.buckets)] += 1
                    tally["pairs"] += 1
                found, refused = compliance_pairs(original, dpo.compliance_pairs)
                tally["compliance_refused"] += refused
                for pair in found:
                    files.write(compliance_example(pair, record, settings), record.dialogue_id)
                    pairs_file.write(compliance_line(pair, record.dialogue_id))
                    concepts[pair.concept] += 1
                    tally["compliance_pairs"] += 1
    finally:
        backend.close()
    return {
        **{k: tally[k] for k in PAIR_COUNTS},
        "by_margin": dict(sorted(buckets.items())),
        "compliance_by_concept": dict(sorted(concepts.items())),
        "records": files.counts(),
    }
