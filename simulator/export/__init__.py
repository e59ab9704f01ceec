"""Training data from transcripts: filtered multi-turn SFT and branched turn-level DPO.

`stage.export_run` is the stage of `debtsim run`; `commands.export_command` is
`debtsim export`. Targets (LLaMA-Factory, ms-swift, TRL, OpenAI) live in
`targets/`, one module each, all of one shape. This package is a composition
root: it may import `evaluators` (filters, scoring).
"""
