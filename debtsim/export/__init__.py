"""Training data from transcripts: filtered multi-turn SFT and branched turn-level DPO.

`stage.export_run` is the stage of `debtsim run`; `commands.export_command` is
`debtsim export` (settings from the run's own config.yaml, overrides on top).
Targets (LLaMA-Factory sharegpt and alpaca, ms-swift, TRL, OpenAI) live in
`targets/`, one module each, all of one shape. Each export rewrites
`manifest["export"]` and removes what an older export left that it did not
write (`stale`). This package is a composition root: it may import
`evaluators` (filters, scoring, selection).

What a run directory gets:

    sft/<target>.jsonl      one whole conversation per kept transcript
    sft/index.jsonl         the dialogue id (strategy, cell, language) of each line, in order
    sft/dataset_info.json   LLaMA-Factory registration (`debtsim_sft`, sharegpt)
    dpo/<target>.jsonl      one preference pair per line (history, chosen, rejected)
    dpo/pairs.jsonl         per pair: dialogue, decision point, turn, both branches (each with its
                            reply_kind: lump, plan or none), all K rewards (evaluators.reward), margin
    dpo/dataset_info.json   LLaMA-Factory registration (`debtsim_dpo`, sharegpt, ranking)
"""
