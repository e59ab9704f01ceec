"""Evaluators: per-dialogue scores, aggregates with CIs, the HTML report.

Every evaluator is a pure function of a stored `Transcript` (plus the hidden
persona it carries) returning a typed result; none re-simulates or mutates.

- per dialogue: `outcome` (recovery, expected recovery, over-concession),
  `health` (plan burden, savings left, unsustainable), `coherence`,
  `completeness`, `compliance` (rule findings with turn indices; phrases in
  `lexicon`, amounts read back by `amounts`), `judge` (rubric in `rubric`;
  by default answered by the run's own backend).
- one row: `scoring.score_transcript` → `ScoreRow`, written by `table`.
- stage and commands: `stage.score_run` (after `debtsim run`, or
  `debtsim evaluate`), `commands` (`evaluate`, `aggregate`); `manifest`
  rewrites one section of a run's manifest.json (the scoring and export
  stages each own theirs).
- across dialogues: `aggregate` (bootstrap CIs, paired differences),
  `report` + `plots` + `samples` (report.html).
- `filters/` (the export filter chain) is a separate sub-package.
"""
