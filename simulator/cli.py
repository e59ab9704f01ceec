"""The `debtsim` command: one entry point, one sub-command per job.

`run` is the Hydra app; the other sub-commands take a run directory and
re-use a stage on old transcripts. Heavy sub-commands import what they need
only when chosen, so `debtsim --help` stays fast.
"""

from __future__ import annotations

import sys

USAGE = """usage: debtsim <command> [args]

commands:
  run [overrides...]          simulate dialogues (Hydra app: key=value overrides, -m for sweeps)
"""


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return
    command, rest = args[0], args[1:]
    if command == "run":
        from simulator.app import run_command

        run_command(rest)
        return
    from simulator.errors import fail

    fail(f"unknown command {command!r}; see `debtsim --help`")


if __name__ == "__main__":
    main()
