"""One-line errors for the command line: the message names the field or URL, no traceback."""

from __future__ import annotations

import re
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


SECRET_PATTERNS = (
    re.compile(r"\b(?:sk|pk|rk|key|tok|hf|gsk|xai)[-_][A-Za-z0-9_\-]{8,}"),  # sk-..., hf_..., gsk_...
    re.compile(r"(?i)\b((?:bearer|basic)\s+)[A-Za-z0-9._~+/=\-]{8,}"),
    re.compile(
        r"(?i)((?:api[_-]?key|token|secret|password|authorization)[\"']?\s*[:=]\s*[\"']?)[^\s\"',;}]+"
    ),
    re.compile(r"(?<=://)[^/@\s:]+:[^/@\s]+(?=@)"),  # credentials inside a URL
)
SECRET_MASK = "[redacted]"


def scrub(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` with known secrets (e.g. the api key's value) and anything secret-looking masked.

    Error messages from a client may echo a header or a URL; they end up in transcripts, the
    manifest and the console, so no key may survive in them.
    """
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, SECRET_MASK)
    for pattern in SECRET_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) + SECRET_MASK) if m.lastindex else SECRET_MASK, text)
    return text


class TooManyErrors(DebtsimError):
    """More dialogues errored than the run allows (`max_error_share`): exit 1, rerun to retry them."""

    exit_code = 1
