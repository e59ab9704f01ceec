"""One-line errors for the command line: the message names the field or URL, no traceback."""

from __future__ import annotations

import sys
from typing import NoReturn

EXIT_USAGE = 2


class DebtsimError(ValueError):
    """An expected failure the user can fix (bad setting, bad record, unreachable server): one line, no traceback."""


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    print(f"debtsim: error: {message}", file=sys.stderr)
    raise SystemExit(code)
