"""Evaluators (the judges): per-dialogue scores, aggregates with CIs, filters, selection, the report.

Every evaluator is a pure function of a stored `Transcript` (plus the hidden
persona it carries) returning a typed result; none re-simulates or mutates.
They import the domain and the engine, never the app (`debtsim/`), which runs them.

- per dialogue: `outcome` (recovery, expected recovery, over-concession),
  `health` (plan burden, savings left, unsustainable), `coherence`,
  `completeness`, `compliance/` (rule registry per regulation family, findings
  with rule, concept, turn and evidence; amounts read back by `amounts`),
  `llm_judge` (rubric in `rubric`; answered by the run's own backend).
- one row: `scoring.score_transcript` → `ScoreRow`, written by `table`;
  `manifest` rewrites one section of a run's manifest.json.
- across dialogues: `aggregate` (bootstrap CIs, paired differences),
  `report` + `plots` + `report_samples` (report.html from `templates/`).
- `filters/` (the export filter chain) and `selection/` (pool, IFD, clusters,
  splits, dataset card) are sub-packages.
"""
