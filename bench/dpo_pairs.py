"""DPO outcome pairs, measured: ties at the top, lump sums against plans, hardship, disputes.

Issue 23's checks on the branching pairs (`dpo/pairs.jsonl`, kind=outcome) of one en and
one zh scripted run with the same seed, every kept dialogue branched:

- no pair has a tied best reward (the chosen branch's reward shared by another option);
- between lump sums and plans ("typed" pairs: one reply offers a lump sum, the other a
  plan), at least 10 % prefer the plan;
- for hardship debtors in the strained and distressed bands, at most half of the typed
  pairs prefer a lump sum;
- no chosen reply demands a lump sum the debtor's disclosed budget cannot pay (and, printed:
  after any hardship disclosure, how many chosen lump sums exceed its real spare savings);
- at a dispute point no payment ask is chosen (the lawful reply: the stop, or a clarify when
  the dispute was not heard).

A reply's type is read from the offer it carries: a lump sum (no installments), a plan
(installments) or none (no offer). Figures print per language and pooled.

    python bench/dpo_pairs.py --n 400 --seed 3 --out /tmp/h4/dpo
    python bench/dpo_pairs.py --out /tmp/h4/dpo --reuse     # re-read runs already there
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from simulator.store import iter_transcripts

HARDSHIP_CAUSES = frozenset(
    {"job_loss", "income_drop", "medical", "business_failure", "family_emergency", "over_indebtedness"}
)
LOW_BANDS = frozenset({"strained", "distressed"})
STOPS = frozenset({"record_dispute", "record_identity_theft", "acknowledge_cease"})


def simulate(out: Path, n: int, seed: int, language: str) -> None:
    args = [
        f"n_dialogues={n}",
        f"seed={seed}",
        f"language={language}",
        f"output_dir={out}",
        "export.dpo.enabled=true",
        f"export.dpo.max_dialogues={n}",
    ]
    code = "from debtsim.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", code, "run", *args], check=False)
    if done.returncode:
        sys.exit(f"bench: debtsim run failed for {language}")


def reply_kind(branch: dict) -> str:
    offer = branch.get("offer")
    if not offer:
        return "none"
    return "plan" if offer["count"] > 0 else "lump"


HARDSHIP_ACTS = frozenset({"plead", "disclose_budget"})


def disclosed_budget(transcript, turn: int):
    """The last budget the debtor disclosed before `turn` (None: none yet)."""
    for said in reversed(transcript.turns[:turn]):
        if said.budget is not None:
            return said.budget
    return None


def hardship_before(transcript, turn: int) -> bool:
    """Whether the debtor disclosed a hardship before `turn`: a plea, a budget, or a hardship cause explained."""
    cause = str(transcript.persona.root_cause) in HARDSHIP_CAUSES
    return any(
        said.speaker == "debtor"
        and (str(said.act) in HARDSHIP_ACTS or (cause and str(said.act) == "explain_reason"))
        for said in transcript.turns[:turn]
    )


def measure(run_dir: Path) -> dict:
    lines = (run_dir / "dpo" / "pairs.jsonl").read_text(encoding="utf-8").splitlines()
    pairs = [p for p in map(json.loads, lines) if p["kind"] == "outcome"]
    wanted = {p["dialogue_id"] for p in pairs}
    transcripts = {
        t.dialogue_id: t for t in iter_transcripts(run_dir / "transcripts.jsonl") if t.dialogue_id in wanted
    }
    tally: Counter[str] = Counter()
    points: Counter[str] = Counter()
    for pair in pairs:
        t = transcripts[pair["dialogue_id"]]
        points[pair["point"]] += 1
        best = pair["chosen"]["reward"]
        tally["tied_best"] += sum(r == best for r in pair["rewards"]) > 1
        tally["tied_pair"] += pair["chosen"]["reward"] == pair["rejected"]["reward"]
        kinds = (reply_kind(pair["chosen"]), reply_kind(pair["rejected"]))
        hard = str(t.persona.root_cause) in HARDSHIP_CAUSES and str(t.persona.band) in LOW_BANDS
        if set(kinds) == {"lump", "plan"}:
            tally["typed"] += 1
            tally["typed_prefer_plan"] += kinds[0] == "plan"
            tally["typed_prefer_lump"] += kinds[0] == "lump"
            if hard:
                tally["hardship_typed"] += 1
                tally["hardship_prefer_lump"] += kinds[0] == "lump"
        if kinds[0] == "lump":
            lump = pair["chosen"]["offer"]["amount_now"]
            budget = disclosed_budget(t, pair["turn"])
            if budget is not None:
                tally["chosen_lump_after_budget"] += 1
                tally["chosen_lump_beyond_budget"] += lump > budget.affordable_lump + 0.01
            if hardship_before(t, pair["turn"]):
                tally["chosen_lump_after_hardship"] += 1
                tally["chosen_lump_after_hardship_beyond_means"] += (
                    lump > t.persona.finances.max_lump_sum + 0.01
                )
        if pair["point"] == "dispute":
            tally["dispute_pairs"] += 1
            tally["dispute_chosen_lawful"] += not pair["chosen"]["source"].startswith("unlawful")
            tally["dispute_chosen_stop"] += pair["chosen"]["act"] in STOPS
    return {"pairs": len(pairs), "by_point": dict(sorted(points.items())), **tally}


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else f"{part}/0"


def report(name: str, m: dict) -> None:
    print(f"== {name}: {m['pairs']} outcome pairs; by point {m['by_point']}")
    print(f"  tied best reward: {m.get('tied_best', 0)}; chosen == rejected reward: {m.get('tied_pair', 0)}")
    typed = m.get("typed", 0)
    print(
        f"  typed lump/plan pairs: {typed}; prefer plan {share(m.get('typed_prefer_plan', 0), typed)}, "
        f"prefer lump {share(m.get('typed_prefer_lump', 0), typed)}"
    )
    hard = m.get("hardship_typed", 0)
    print(
        f"  hardship x strained/distressed typed: {hard}; prefer lump {share(m.get('hardship_prefer_lump', 0), hard)}"
    )
    print(
        f"  chosen lump after a disclosed budget: {m.get('chosen_lump_after_budget', 0)}, beyond it: "
        f"{m.get('chosen_lump_beyond_budget', 0)}; after any hardship disclosure: "
        f"{m.get('chosen_lump_after_hardship', 0)}, beyond the real spare savings: "
        f"{m.get('chosen_lump_after_hardship_beyond_means', 0)}"
    )
    disputes = m.get("dispute_pairs", 0)
    print(
        f"  dispute pairs: {disputes}; lawful reply chosen {share(m.get('dispute_chosen_lawful', 0), disputes)}"
        f" (the stop itself {m.get('dispute_chosen_stop', 0)}; else a clarify: the dispute was not heard)"
    )


def checks(m: dict) -> list[tuple[str, bool]]:
    typed, hard = m.get("typed", 0), m.get("hardship_typed", 0)
    return [
        ("no tied best reward", m.get("tied_best", 0) == 0 and m.get("tied_pair", 0) == 0),
        (">= 10% of typed pairs prefer the plan", typed > 0 and m.get("typed_prefer_plan", 0) >= 0.1 * typed),
        ("hardship strained/distressed: <= half prefer lump", m.get("hardship_prefer_lump", 0) <= 0.5 * hard),
        ("no chosen lump beyond a disclosed budget", m.get("chosen_lump_beyond_budget", 0) == 0),
        ("dispute: no payment ask chosen", m.get("dispute_chosen_lawful", 0) == m.get("dispute_pairs", 0)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/debtsim-dpo-pairs"))
    parser.add_argument("--languages", default="en,zh")
    parser.add_argument("--reuse", action="store_true", help="measure runs already in --out")
    args = parser.parse_args()
    measured: dict[str, dict] = {}
    for language in args.languages.split(","):
        run_dir = args.out / language
        if not args.reuse:
            simulate(run_dir, args.n, args.seed, language)
        measured[language] = measure(run_dir)
        report(language, measured[language])
    pooled: Counter = Counter()
    for m in measured.values():
        pooled.update({k: v for k, v in m.items() if isinstance(v, int) and not isinstance(v, bool)})
        pooled.update({f"point:{k}": v for k, v in m["by_point"].items()})
    pooled_m = dict(pooled) | {"by_point": {k[6:]: v for k, v in pooled.items() if k.startswith("point:")}}
    report("pooled", pooled_m)
    failed = [name for name, ok in checks(pooled_m) if not ok]
    for name, ok in checks(pooled_m):
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
