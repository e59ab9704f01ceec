"""The `debtsim` command: one entry point, one sub-command per job.

`run` is the Hydra app; the other sub-commands take a run directory and
re-use a stage on old transcripts. Each sub-command's module is imported only
when chosen, so `debtsim --help` stays fast and optional extras stay optional.
"""

from __future__ import annotations

import importlib
import sys

from simulator.errors import DebtsimError, fail

COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("debtsim.app:run_command", "simulate dialogues (Hydra: key=value overrides, -m for sweeps)"),
    "evaluate": (
        "debtsim.evaluate_commands:evaluate_command",
        "re-score a run's transcripts: evaluate RUN_DIR",
    ),
    "aggregate": ("debtsim.evaluate_commands:aggregate_command", "merge runs/sweeps into one table + report"),
    "export": ("debtsim.export.commands:export_command", "filter + export SFT/DPO data: export RUN_DIR"),
    "serve-local": (
        "simulator.llm.local_server:serve_command",
        "serve the shipped SmolLM2 GGUF on 127.0.0.1",
    ),
    "convert-local": (
        "simulator.local_model:convert_command",
        "convert the shipped GGUF to a Hugging Face folder",
    ),
    "train": (
        "debtsim.train.commands:train_command",
        "fine-tune the collector on an export (extra: train)",
    ),
    "campaign": (
        "debtsim.pipeline:campaign_command",
        "summarise a campaign run per strategy: campaign RUN_DIR",
    ),
    "compare": ("debtsim.compare:compare_command", "compare collectors across runs with paired CIs"),
    "prompt": ("debtsim.prompt:prompt_command", "print the rendered prompt of one role and mode"),
    "ingest": (
        "debtsim.ingest.command:ingest_command",
        "read real call transcripts into a run: ingest PATH output_dir=DIR",
    ),
    "sim2real": (
        "debtsim.sim2real:sim2real_command",
        "how far a simulated run is from a real one: sim2real SIM_RUN REAL_RUN output_dir=DIR",
    ),
    "review": ("debtsim.review.command:review_command", "review queue in the browser: review RUN_DIR port=N"),
}


INTERRUPTED = "interrupted; finished work is kept: rerun the same command to continue"
"""The one line Ctrl-C prints (exit 130): runs resume, and stages write atomically."""


def usage() -> str:
    lines = ["usage: debtsim <command> [args]", "", "commands:"]
    lines += [f"  {name:<12} {help_text}" for name, (_, help_text) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(usage())
        return
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        fail(f"unknown command {command!r}; see `debtsim --help`")
    module_name, func_name = COMMANDS[command][0].split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        fail(f"`debtsim {command}` is not available: {exc}")
    try:
        getattr(module, func_name)(rest)
    except DebtsimError as exc:  # expected failures: one line, no traceback
        fail(str(exc))
    except KeyboardInterrupt:  # Ctrl-C: what was finished is on disk; the same command continues
        print(f"debtsim {command}: {INTERRUPTED}", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
