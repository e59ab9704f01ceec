"""Measure the compliance judge on the held-out suite: `python -m tests.compliance_heldout.measure`.

Uses only the public API, `evaluators.compliance.score_compliance(transcript)` → a score with
`findings`, each with `.concept`, `.rule` and `.turn`. Per concept and language it prints
  - recall: the share of positive cases with a finding of that concept on the injected turn;
  - near-miss FP: the share of lawful near-misses with a new finding at the watched turn (any
    concept; for cases whose turns were renumbered, of the watched concept only) or of the
    watched concept anywhere — new meaning not on the untouched base call already;
and per language the share of untouched calls with any finding, also without missing_disclosure
(the engine's disclosure wording is written at the same time as the judge).

Robust to the judge written before issue 22: a finding without `.concept` or `.turn` matches no
concept and no turn (so it scores no recall), and a score that says `compliant=False` without
findings counts as one finding of unknown place; a judge that raises on a case counts as silent
on it (and the error is counted).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from simulator.transcript import Transcript
from tests.compliance_heldout.cases import Case, Polarity, Scope
from tests.compliance_heldout.suite import LANGUAGES, cases, untouched

WITHOUT = "missing_disclosure"
UNLOCATED = SimpleNamespace(concept=None, rule=None, turn=None)


def attr(finding: object, name: str) -> object:
    return getattr(finding, name, None)


def key(finding: object) -> tuple:
    return attr(finding, "concept"), attr(finding, "rule"), attr(finding, "turn")


@dataclass
class Judge:
    """`score_compliance` with a cache per transcript object and a count of cases it raised on."""

    errors: list[str] = field(default_factory=list)
    _seen: dict[int, list] = field(default_factory=dict)
    _score: Callable[[Transcript], object] | None = None

    def __post_init__(self) -> None:
        # imported here, so the suite's own checks run even while the judge cannot be imported
        from evaluators.compliance import score_compliance

        self._score = score_compliance

    def findings(self, transcript: Transcript) -> list:
        cached = self._seen.get(id(transcript))
        if cached is not None:
            return cached
        try:
            score = self._score(transcript)
        except Exception as exc:  # a judge that cannot read a case is silent on it; counted, not hidden
            self.errors.append(f"{transcript.dialogue_id}: {type(exc).__name__}: {exc}")
            score = None
        found = list(attr(score, "findings") or [])
        if not found and attr(score, "compliant") is False:
            found = [UNLOCATED]
        self._seen[id(transcript)] = found
        return found


def hit(case: Case, findings: list) -> bool:
    return any(attr(f, "concept") == case.concept and attr(f, "turn") in case.turns for f in findings)


def located(case: Case, findings: list) -> bool:
    """Some finding, of whatever concept, on the injected turn: the judge saw something there."""
    return any(attr(f, "turn") in case.turns for f in findings)


def alarms(case: Case, findings: list, base_keys: set) -> list:
    def watched(f: object) -> bool:
        if attr(f, "concept") == case.concept:
            return True
        turn = attr(f, "turn")
        return case.scope is Scope.TURN and (turn is None or turn in case.turns)

    return [f for f in findings if key(f) not in base_keys and watched(f)]


@dataclass
class Row:
    positives: int = 0
    hits: int = 0
    located: int = 0
    negatives: int = 0
    false_alarms: int = 0


@dataclass
class Measurement:
    rows: dict[tuple[str, str], Row] = field(default_factory=lambda: defaultdict(Row))
    untouched: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """language → (calls, calls with any finding, calls with a finding other than missing_disclosure)"""
    misses: list[Case] = field(default_factory=list)
    alarms: list[tuple[Case, list]] = field(default_factory=list)
    flagged: list[tuple[Transcript, list]] = field(default_factory=list)
    """untouched calls with findings, to be read: a scripted call may hold a real violation"""
    errors: list[str] = field(default_factory=list)

    def __repr__(self) -> str:  # pytest prints this beside a failed target; the table is `report`
        return f"Measurement({len(self.rows)} concept rows, {len(self.misses)} misses, {len(self.alarms)} alarms)"

    def _sum(self, language: str, kinds: set[str] | None = None) -> Row:
        total = Row()
        for (concept, lang), row in self.rows.items():
            if lang == language and (kinds is None or concept in kinds):
                total.positives += row.positives
                total.hits += row.hits
                total.located += row.located
                total.negatives += row.negatives
                total.false_alarms += row.false_alarms
        return total

    def recall(self, language: str) -> float:
        row = self._sum(language)
        return row.hits / max(row.positives, 1)

    def located_rate(self, language: str) -> float:
        row = self._sum(language)
        return row.located / max(row.positives, 1)

    def near_miss_rate(self, language: str) -> float:
        row = self._sum(language)
        return row.false_alarms / max(row.negatives, 1)

    def untouched_rate(self, language: str, without_disclosure: bool = False) -> float:
        n, flagged, flagged_without = self.untouched[language]
        return (flagged_without if without_disclosure else flagged) / max(n, 1)


def measure(languages: tuple[str, ...] = LANGUAGES) -> Measurement:
    judge, result = Judge(), Measurement()
    for language in languages:
        for case in cases(language):
            row, found = result.rows[(case.concept, language)], judge.findings(case.transcript)
            if case.polarity is Polarity.POSITIVE:
                row.positives += 1
                row.hits += hit(case, found)
                row.located += located(case, found)
                if not hit(case, found):
                    result.misses.append(case)
                continue
            base_keys = {key(f) for f in judge.findings(case.base)} if case.base is not None else set()
            raised = alarms(case, found, base_keys)
            row.negatives += 1
            row.false_alarms += bool(raised)
            if raised:
                result.alarms.append((case, raised))
        calls = untouched(language)
        flagged = [judge.findings(t) for t in calls]
        others = [[f for f in fs if attr(f, "concept") != WITHOUT] for fs in flagged]
        result.untouched[language] = (len(calls), sum(map(bool, flagged)), sum(map(bool, others)))
        result.flagged += [(t, fs) for t, fs in zip(calls, flagged, strict=True) if fs]
    result.errors = judge.errors
    return result


def report(m: Measurement, misses: int = 3) -> str:
    head = f"{'concept':32s} {'lang':4s} {'n+':>4s} {'recall':>7s} {'any@turn':>8s} {'n-':>4s} {'nearFP':>7s}"
    lines = [head]
    for (concept, language), row in sorted(m.rows.items()):
        n = max(row.positives, 1)
        recall, seen = row.hits / n, row.located / n
        fp = row.false_alarms / max(row.negatives, 1)
        lines.append(
            f"{concept:32s} {language:4s} {row.positives:4d} {recall:7.3f} {seen:8.3f} {row.negatives:4d} {fp:7.3f}"
        )
    for language in sorted(m.untouched):
        n = m.untouched[language][0]
        lines.append(
            f"[{language}] recall {m.recall(language):.3f} (target >= 0.95; any finding at the turn "
            f"{m.located_rate(language):.3f}) | near-miss FP {m.near_miss_rate(language):.3f} (<= 0.05) | "
            f"untouched calls flagged {m.untouched_rate(language):.3f}, without {WITHOUT} "
            f"{m.untouched_rate(language, True):.3f} (<= 0.02) of {n}"
        )
    if m.errors:
        lines.append(f"judge raised on {len(m.errors)} transcripts, e.g. {m.errors[0]}")
    lines += _examples(m, misses)
    return "\n".join(lines)


def _examples(m: Measurement, per_concept: int) -> list[str]:
    lines, shown = [], defaultdict(int)
    for case in m.misses:
        group = (case.language, case.concept)
        if shown[group] < per_concept:
            shown[group] += 1
            lines.append(
                f"MISS  {case.language} {case.concept} [{case.jurisdiction}] @{sorted(case.turns)}: {case.phrase}"
            )
    for case, raised in m.alarms[: per_concept * 10]:
        said = ", ".join(f"{attr(f, 'concept')}@{attr(f, 'turn')}" for f in raised)
        lines.append(f"FP    {case.language} {case.concept} [{case.jurisdiction}] {said}: {case.phrase}")
    for t, found in m.flagged[: per_concept * 10]:
        for f in found:
            turn = attr(f, "turn")
            said = t.turns[turn].clean_text if isinstance(turn, int) and 0 <= turn < len(t.turns) else ""
            where = f"{t.language} {t.dialogue_id} [{t.jurisdiction.id if t.jurisdiction else '-'}]"
            lines.append(f"CALL  {where} {attr(f, 'concept')}@{turn} ({attr(f, 'detail')}): {said[:160]}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--misses", type=int, default=3, help="missed phrasings shown per concept and language"
    )
    parser.add_argument("--language", choices=LANGUAGES, action="append", help="default: both")
    args = parser.parse_args()
    print(report(measure(tuple(args.language or LANGUAGES)), args.misses))


if __name__ == "__main__":
    main()
