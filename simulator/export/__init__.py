"""Training data from transcripts: filtered multi-turn SFT and branched turn-level DPO.

`stage.export_run` is the stage of `debtsim run`; `commands.export_command` is
`debtsim export`. Targets (LLaMA-Factory, ms-swift, TRL, OpenAI) live in
`targets/`, one module each, all of one shape. This package is a composition
root: it may import `evaluators` (filters, scoring).

What a run directory gets:

    sft/<target>.jsonl      one whole conversation per kept transcript
    sft/index.jsonl         the dialogue id (strategy, cell, language) of each line, in order
    sft/dataset_info.json   LLaMA-Factory registration (`debtsim_sft`, sharegpt)
    dpo/<target>.jsonl      one preference pair per line (history, chosen, rejected)
    dpo/pairs.jsonl         per pair: dialogue, decision point, turn, both branches, all K rewards, margin
    dpo/dataset_info.json   LLaMA-Factory registration (`debtsim_dpo`, sharegpt, ranking)
"""
