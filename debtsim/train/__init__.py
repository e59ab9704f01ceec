"""Fine-tune the collector on the simulator's own export (`debtsim train`, extra `debtsim[train]`).

`job.train_run` is the entry point: TRL SFT on the export's train split
(`sft/train/trl.jsonl`; one prompt/completion sample per collector reply,
shaped like the `llm=hf` replay prompt — `samples`), evaluated on the
validation split, then optional DPO on `dpo/train/trl.jsonl` (+ SPIN pairs);
LoRA by default, full fine-tuning by config (`conf/train/`). `llamafactory`
hands the same data to LLaMA-Factory as a second trainer. Heavy libraries are
imported lazily.
"""
