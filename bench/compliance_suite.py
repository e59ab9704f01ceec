"""The compliance judge's development suite, measured: per-rule recall and precision, en and zh.

    python bench/compliance_suite.py [--languages en zh] [--calls 80] [--misses]

Simulates scripted calls of each language under each jurisdiction (us, uk, cn), injects
the suite's violations (tests/compliance: phrasing banks and structural edits) and
prints, per concept: the rule ids it maps to, cases, recall at the injected turn (all,
dev block, held-out block), precision on the designed cases, and untouched calls with a
finding. Then the false-positive shares: untouched calls with any finding (all concepts;
without missing_disclosure; without missing_disclosure and false_final_offer, which the
scripted 'firm' strategy commits by claiming a final offer and conceding later) and
lawful cases with any finding. `--misses` lists the dev cases the judge missed (never
held-out ones: that block is not for tuning).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluators.compliance import Concept, RuleBook
from scenarios.jurisdiction import PROFILES
from tests.compliance.suite import ENGINE_CONCEPTS, blocks, build, judge, misses, share, table, turn_text


def rule_ids(concept: str) -> str:
    """The rule ids a concept maps to under us / uk / cn (kinds merged)."""
    ids = []
    for profile in PROFILES.values():
        found = sorted({r.id for r in RuleBook(profile).rules() if r.concept == Concept(concept)})
        if all(rule.startswith("policy.") for rule in found):
            ids.append("policy.*")
        else:
            ids.append("/".join(found) if len(found) < 3 else f"{found[0]}+{len(found) - 1}")
    return ", ".join(ids)


def ratio(hits: int, n: int) -> str:
    return f"{hits / n:.3f} ({hits}/{n})" if n else "–"


def report(language: str, calls: int, show_misses: bool) -> None:
    start = time.time()
    judged = [judge(case) for case in build(language, n=calls)]
    print(f"\n== {language}: {len(judged)} cases, {time.time() - start:.1f}s")
    print(
        f"{'concept':31s} {'rules (us, uk, cn)':44s} {'n':>4s} {'recall':>7s} {'dev':>7s} {'held':>7s} {'prec':>6s} untouched"
    )
    for concept, row in table(judged).items():
        dev = row.dev_hits / row.dev_n if row.dev_n else float("nan")
        held = row.heldout_hits / row.heldout_n if row.heldout_n else float("nan")
        print(
            f"{concept:31s} {rule_ids(concept)[:44]:44s} {row.n:4d} {row.recall:7.3f} {dev:7.3f} {held:7.3f}"
            f" {row.precision:6.3f} {row.untouched:4d}"
        )
    print("recall, dev block:     ", ratio(*blocks(judged, "dev")))
    print("recall, held-out block:", ratio(*blocks(judged, "heldout")))
    print("untouched calls with any finding:               ", ratio(*share(judged, "untouched")))
    print(
        "  without missing_disclosure:                   ",
        ratio(*share(judged, "untouched", ("missing_disclosure",))),
    )
    print(
        "  without missing_disclosure, false_final_offer:",
        ratio(*share(judged, "untouched", ENGINE_CONCEPTS)),
    )
    print("lawful cases with any finding:                  ", ratio(*share(judged, "lawful")))
    if show_misses:
        for j in misses(judged, "dev"):
            print(
                "  MISS",
                j.case.label,
                j.case.jurisdiction,
                "|",
                turn_text(j.case.transcript, j.case.turn)[:160],
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", default=["en", "zh"])
    parser.add_argument("--calls", type=int, default=80, help="scripted calls per language and jurisdiction")
    parser.add_argument("--misses", action="store_true", help="list the dev cases the judge missed")
    args = parser.parse_args()
    for language in args.languages:
        report(language, args.calls, args.misses)


if __name__ == "__main__":
    main()
