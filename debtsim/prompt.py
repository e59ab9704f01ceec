"""`debtsim prompt`: print the rendered prompt a model backend would be sent, for reading and debugging.

The view and move come from a scripted dialogue (`simulator.sample_turns`), so the
prompt is exactly the one a run would send at that turn.
"""

from __future__ import annotations

import argparse

from simulator.llm.backend_settings import StructuredMethod
from simulator.llm.base import AgentMode
from simulator.llm.prompt_book import PromptBook, render
from simulator.sample_turns import sample_turns
from simulator.transcript import Speaker


def prompt_command(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="debtsim prompt", description="Print a rendered prompt for one role and mode."
    )
    parser.add_argument("--language", choices=["en", "zh"], default="en")
    parser.add_argument("--role", choices=[str(s) for s in Speaker], default="collector")
    parser.add_argument("--mode", choices=[str(m) for m in AgentMode], default="speak")
    parser.add_argument(
        "--structured", choices=[str(m) for m in StructuredMethod], default="function_calling"
    )
    parser.add_argument("--turns", type=int, default=4, help="dialogue lines before the prompted turn")
    args = parser.parse_args(argv)
    book, role = PromptBook.load(args.language), Speaker(args.role)
    mode, method = AgentMode(args.mode), StructuredMethod(args.structured)
    sample = next(s for s in sample_turns(args.language, 1) if s.role is role and s.index >= args.turns)
    if role is Speaker.COLLECTOR:
        messages = book.collector_messages(sample.view, sample.move, mode, method, limit=16)
    else:
        messages = book.debtor_messages(sample.view, sample.move, mode, method, limit=16)
    print(render(messages))
