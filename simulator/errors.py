"""One-line errors for the command line: the message names the field or URL, no traceback."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

EXIT_USAGE = 2


class DebtsimError(ValueError):
    """An expected failure the user can fix (bad setting, bad record, unreachable server): one line, no traceback."""


def validated(model: type[M], data: Mapping[str, Any], error: type[DebtsimError], prefix: str) -> M:
    """`model` built from `data`, or `error` with one line naming the first bad field under `prefix`."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join([prefix, *(str(p) for p in err["loc"])]).strip(".")
        raise error(f"{where}: {err['msg']}") from None


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    print(f"debtsim: error: {message}", file=sys.stderr)
    raise SystemExit(code)
