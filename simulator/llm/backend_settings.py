"""Typed settings of the network backends, parsed once from `llm.settings`.

`LLMConfig.settings` is a free dict so each backend owns its options; this
module turns it into a frozen model at backend construction, so a typo in a
setting fails there with one line naming the field, not deep inside a run.
The API key itself is never a setting: only the name of the environment
variable that holds it, read when the client is built.
"""

from __future__ import annotations

import os
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.llm.base import BackendError

NO_KEY = "EMPTY"
"""What local servers (vLLM, llama.cpp) accept when no key is configured."""


class StructuredMethod(StrEnum):
    """How decide_and_speak asks the server for structured output."""

    FUNCTION_CALLING = "function_calling"  # a forced tool call; works on llama.cpp and vLLM (with a parser)
    JSON_MODE = "json_mode"  # response_format json_object; the schema is spelled out in the prompt
    JSON_SCHEMA = "json_schema"  # server-side schema; vLLM and hosted APIs, never llama.cpp (HTTP 500)


class TokenLimitField(StrEnum):
    """Where the reply length cap goes in the request."""

    MAX_TOKENS = "max_tokens"  # sent in extra_body: llama.cpp ignores max_completion_tokens
    MAX_COMPLETION_TOKENS = "max_completion_tokens"  # langchain's native field (hosted reasoning models)


class EndpointSettings(BaseModel):
    """One OpenAI-compatible endpoint and how to talk to it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str = "http://127.0.0.1:8000/v1"
    model: str
    api_key_env: str | None = Field(None, description="environment variable holding the key; None: no key")
    temperature: float = Field(0.7, ge=0.0, le=2.0)
    max_tokens: int = Field(160, gt=0, le=8192)
    token_limit_field: TokenLimitField = TokenLimitField.MAX_TOKENS
    seed: int = Field(0, ge=0, description="request seed for calls without a turn generator (judges)")
    timeout: float = Field(60.0, gt=0, description="seconds per request")
    concurrency: int = Field(8, gt=0, description="requests in flight per endpoint")
    retries: int = Field(3, ge=0, le=20, description="extra attempts after a transient failure")
    backoff_initial: float = Field(0.5, ge=0)
    backoff_max: float = Field(20.0, ge=0)
    structured: StructuredMethod = StructuredMethod.FUNCTION_CALLING
    history_lines: int = Field(16, gt=0, description="most recent dialogue lines put in a prompt")

    def api_key(self) -> str:
        if self.api_key_env is None:
            return NO_KEY
        key = os.environ.get(self.api_key_env)
        if not key:
            raise BackendError(
                f"llm.settings.api_key_env: environment variable {self.api_key_env} is not set"
            )
        return key


class LocalServerSettings(BaseModel):
    """How `llm=local` starts llama.cpp's server; the endpoint part is filled in once it is up."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    n_threads: int = Field(2, gt=0)
    n_ctx: int = Field(
        4096, gt=0, description="SmolLM2-135M holds 8192; 4096 fits the zh decide prompt with its rules"
    )
    startup_timeout: float = Field(60.0, gt=0)
    model_alias: str = "smollm2-135m-instruct"


def parse_settings(model: type[BaseModel], data: dict[str, Any]) -> Any:
    """Validate a settings dict, raising a one-line BackendError that names the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "settings"
        raise BackendError(f"llm.settings.{where}: {err['msg']}") from None
