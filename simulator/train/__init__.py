"""Fine-tune the collector on the simulator's own export (`debtsim train`, extra `debtsim[train]`).

`job.train_run` is the entry point: TRL SFT on `sft/trl.jsonl` with loss on
collector turns only, then optional DPO on `dpo/trl.jsonl`; LoRA by default,
full fine-tuning by config (`conf/train/`). `llamafactory` hands the same data
to LLaMA-Factory as a second trainer. Heavy libraries are imported lazily.
"""
