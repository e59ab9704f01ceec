"""The economics checks of a scripted world: do debtors get deals they can carry, does strategy matter?

Runs (or reuses) one en and one zh run with the same seed, all four strategies,
and prints the figures the economics work is judged by, each beside its target:

- distressed debtors reaching an affordable arrangement (> 5 % of their calls), and
  agreements beyond the debtor's means at the moment of agreement (none);
- calls in which the debtor states its exact hidden ceiling (< 2 %);
- en and zh calls with the same seed and index that have the same act sequence (< 20 %);
- per root cause except fraud, the spread of agreement between strategies (≥ 5 points);
- DPO pairs (when the run exported them): tied best rewards (none), typed pairs that prefer a
  plan over a lump sum (≥ 10 %), and among hardship debtors in the strained and distressed
  bands the share preferring a lump sum (≤ 50 %);
- a campaign run's corr(agreed, recovery_ratio) over its calls (< 0.9), when `--campaign` names one.

Then the outcome tables a supervisor reads: agreement and expected recovery by band × strategy
and by stage × strategy.

    python bench/economics.py --n 400 --seed 3 --out /tmp/econ
    python bench/economics.py --out /tmp/econ --campaign /tmp/camp   # reuse runs, add a campaign
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from scenarios.money import money_amounts
from simulator.repayment import affordable, expected_paid
from simulator.transcript import Speaker, Transcript, agreement_offer

HARDSHIP = {"job_loss", "income_drop", "medical", "business_failure", "family_emergency", "over_indebtedness"}


def simulate(out: Path, language: str, n: int, seed: int) -> Path:
    run = out / language
    if (run / "transcripts.jsonl").exists():
        return run
    code = "from debtsim.cli import main; main()"
    args = [f"n_dialogues={n}", f"seed={seed}", f"language={language}", f"output_dir={run}"]
    print(f"simulating {n} {language} calls into {run} ...", flush=True)
    done = subprocess.run([sys.executable, "-c", code, "run", *args], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"bench: the {language} run failed:\n{done.stderr[-2000:]}")
    return run


def transcripts(run: Path) -> list[Transcript]:
    with (run / "transcripts.jsonl").open(encoding="utf-8") as f:
        return [Transcript.model_validate_json(line) for line in f if line.strip()]


def states_ceiling(t: Transcript) -> bool:
    """Whether any debtor line names the hidden lump-sum or installment ceiling to the cent."""
    fin = t.persona.finances
    ceilings = [c for c in (fin.max_lump_sum, fin.max_installment) if c > 0]
    for turn in t.turns:
        if turn.speaker is Speaker.DEBTOR:
            said = [a.value for a in money_amounts(turn.clean_text, t.language)]
            if any(abs(v - c) < 0.005 for v in said for c in ceilings):
                return True
    return False


def row(t: Transcript) -> dict:
    offer = agreement_offer(t)
    return {
        "dialogue_id": t.dialogue_id,
        "language": t.language,
        "index": t.index,
        "strategy": t.strategy,
        "root_cause": str(t.persona.root_cause),
        "band": str(t.persona.band),
        "stage": str(t.case.stage),
        "agreed": offer is not None,
        "affordable": offer is not None and affordable(t.persona, offer),
        "lump_only": offer is not None and offer.count == 0,
        "expected_recovery": 0.0 if offer is None else expected_paid(t.persona, offer) / t.case.outstanding,
        "ceiling": states_ceiling(t),
        "acts": " ".join(str(turn.act) for turn in t.turns),
        "termination": str(t.termination),
    }


def check(name: str, value: float, target: str, ok: bool) -> None:
    print(f"  {'PASS' if ok else 'FAIL'}  {name}: {value:.3f}  (target {target})")


def world_checks(frame: pd.DataFrame) -> None:
    distressed = frame[frame.band == "distressed"]
    share = float((distressed.agreed & distressed.affordable).mean()) if len(distressed) else 0.0
    check("distressed calls ending in an affordable arrangement", share, "> 0.05", share > 0.05)
    beyond = int((frame.agreed & ~frame.affordable).sum())
    check("agreements beyond the debtor's means", beyond, "0", beyond == 0)
    ceiling = float(frame.ceiling.mean())
    check("calls in which the debtor states its exact ceiling", ceiling, "< 0.02", ceiling < 0.02)
    pivot = frame.pivot_table(index="index", columns="language", values="acts", aggfunc="first").dropna()
    if {"en", "zh"} <= set(pivot.columns):
        same = float((pivot.en == pivot.zh).mean())
        check("en/zh calls with the same act sequence", same, "< 0.20", same < 0.20)
    by_cause = frame.pivot_table(index="root_cause", columns="strategy", values="agreed", aggfunc="mean")
    spread = (by_cause.max(axis=1) - by_cause.min(axis=1)).drop("fraud_victim", errors="ignore")
    flat = spread[spread < 0.05]
    check("root causes (not fraud) where strategy moves agreement < 5 pts", len(flat), "0", flat.empty)
    print("\nagreement by root cause × strategy (en + zh):")
    print((100 * by_cause).round(1).to_string())


def pair_checks(runs: list[Path], frame: pd.DataFrame) -> None:
    debtor = {
        d: (cause, band)
        for d, cause, band in frame[["dialogue_id", "root_cause", "band"]].itertuples(index=False)
    }
    pairs = []
    for run in runs:
        path = run / "dpo" / "pairs.jsonl"
        if path.exists():
            pairs += [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    branched = [p for p in pairs if p.get("kind", "branch") != "compliance"]
    if not branched:
        print("  (no branching DPO pairs exported: export.dpo off?)")
        return
    tied = sum(1 for p in branched if sorted(p["rewards"], reverse=True)[:2].count(max(p["rewards"])) > 1)
    check("branching pairs with a tied best reward", tied, "0", tied == 0)
    typed = [p for p in branched if lump_or_plan(p["chosen"]) and lump_or_plan(p["rejected"])]
    typed = [p for p in typed if lump_or_plan(p["chosen"]) != lump_or_plan(p["rejected"])]
    plan = sum(1 for p in typed if lump_or_plan(p["chosen"]) == "plan")
    share = plan / len(typed) if typed else 0.0
    check(f"lump-vs-plan pairs preferring the plan ({plan}/{len(typed)})", share, ">= 0.10", share >= 0.10)
    hard = [p for p in typed if hardship_debtor(*debtor.get(p["dialogue_id"], ("", "")))]
    lump = sum(1 for p in hard if lump_or_plan(p["chosen"]) == "lump")
    share = lump / len(hard) if hard else 0.0
    check(
        f"hardship strained/distressed pairs preferring a lump ({lump}/{len(hard)})",
        share,
        "<= 0.5",
        share <= 0.5,
    )


def lump_or_plan(branch: dict) -> str | None:
    offer = branch.get("offer")
    if not offer:
        return None
    return "lump" if offer["count"] == 0 else "plan"


def hardship_debtor(root_cause: str, band: str) -> bool:
    return root_cause in HARDSHIP and band in {"strained", "distressed"}


def campaign_check(run: Path) -> None:
    scores = pd.read_parquet(run / "scores.parquet")
    corr = float(np.corrcoef(scores["agreed"].astype(float), scores["recovery_ratio"])[0, 1])
    check("campaign corr(agreed, recovery_ratio)", corr, "< 0.9", corr < 0.9)


def tables(frame: pd.DataFrame) -> None:
    for cut in ("band", "stage"):
        grouped = frame.groupby([cut, "strategy"]).agg(
            calls=("agreed", "size"),
            agreed=("agreed", "mean"),
            expected_recovery=("expected_recovery", "mean"),
        )
        print(f"\noutcomes by {cut} × strategy (en + zh):")
        print(grouped.round(3).unstack("strategy").to_string())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/debtsim-economics"))
    parser.add_argument("--campaign", type=Path, help="a campaign run directory to check as well")
    args = parser.parse_args()
    runs = [simulate(args.out, lang, args.n, args.seed) for lang in ("en", "zh")]
    frame = pd.DataFrame([row(t) for run in runs for t in transcripts(run) if t.error is None])
    print(f"{len(frame)} calls (seed {args.seed}); checks:")
    world_checks(frame)
    pair_checks(runs, frame)
    if args.campaign:
        campaign_check(args.campaign)
    tables(frame)


if __name__ == "__main__":
    main()
