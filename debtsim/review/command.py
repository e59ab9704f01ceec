"""`debtsim review RUN_DIR [port=8765]`: serve the review queue on 127.0.0.1 (never another interface).

Decisions land in RUN_DIR/decisions.jsonl; `debtsim export RUN_DIR` honours them.
"""

from __future__ import annotations

from pathlib import Path

from simulator.errors import fail
from simulator.store import TRANSCRIPTS

USAGE = "usage: debtsim review RUN_DIR [port=8765]"
HOST = "127.0.0.1"


def parse(args: list[str]) -> tuple[Path, int]:
    if not args or args[0] in ("-h", "--help") or "=" in args[0]:
        fail(USAGE)
    run_dir, port = Path(args[0]), 8765
    for arg in args[1:]:
        key, sep, value = arg.partition("=")
        if key != "port" or not sep or not value.isdigit() or not 0 < int(value) < 65536:
            fail(f"bad argument {arg!r}\n{USAGE}")
        port = int(value)
    if not (run_dir / TRANSCRIPTS).exists():
        fail(f"{run_dir}: no {TRANSCRIPTS} (is this a run directory?)")
    return run_dir, port


def review_command(args: list[str]) -> None:
    import uvicorn

    from debtsim.review.app import create_app

    run_dir, port = parse(args)
    app = create_app(run_dir)
    print(f"review queue for {run_dir} on http://{HOST}:{port}/ (Ctrl-C to stop)", flush=True)
    uvicorn.run(app, host=HOST, port=port, log_level="warning")
