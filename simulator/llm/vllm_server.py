"""vLLM's OpenAI-compatible server on 127.0.0.1, started from Python: for tests and benchmarks.

On a GPU box users run `vllm serve MODEL` themselves and point `llm=openai` at
it; this starts the same server for the tests and `bench/bench_llm.py`, with
the flags that make every structured-output method of `llm=openai` work:
a tool-call parser with strict arguments (function_calling) and xgrammar
without free whitespace (json_schema). It runs as
`python -m vllm.entrypoints.openai.api_server` because the `vllm` console
script of the CPU build looks for the wrong package metadata.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from simulator.llm.base import BackendError
from simulator.llm.server_process import ServerProcess, free_port

SERVED_NAME = "smollm2"
STRUCTURED = {"backend": "xgrammar", "disable_any_whitespace": True}


def server_command(model: Path, port: int, served_name: str, max_model_len: int, eager: bool) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "vllm.entrypoints.openai.api_server",
        "--model",
        str(model),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--max-model-len",
        str(max_model_len),
        "--served-model-name",
        served_name,
        "--enable-auto-tool-choice",
        "--tool-call-parser",
        "hermes",
        "--tool-strict-level",
        "parameter",
        "--structured-outputs-config",
        json.dumps(STRUCTURED),
    ]
    return [*command, "--enforce-eager"] if eager else command


class VLLMServer(ServerProcess):
    """A vLLM server process serving one local model folder."""

    @classmethod
    def start(
        cls,
        model: Path,
        served_name: str = SERVED_NAME,
        max_model_len: int = 4096,
        eager: bool = True,
        timeout: float = 300.0,
        cpu_kvcache_space_gb: int | None = 1,
    ) -> VLLMServer:
        if not (Path(model) / "config.json").exists():
            raise BackendError(f"vllm server: {model} is not a Hugging Face model folder")
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        if cpu_kvcache_space_gb is not None:
            env.setdefault("VLLM_CPU_KVCACHE_SPACE", str(cpu_kvcache_space_gb))
        port = free_port()
        command = server_command(model, port, served_name, max_model_len, eager)
        return cls.launch(command, port, served_name, "vllm server", timeout, env=env)
