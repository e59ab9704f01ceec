"""A model server this process starts on 127.0.0.1 and must stop: llama.cpp's, or vLLM's.

Started on a free port with its output in a temporary log, polled until its
`/v1/models` answers, and tied to our process so a killed run or test session
never leaves a server behind. A server that exits or never comes up is a
`BackendError` carrying the tail of its log.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from simulator.llm.base import BackendError

POLL_S = 0.1
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Runs in the server child before exec: the kernel kills it when our process dies,
    so a killed run or test session never leaves a model server behind (Linux only). The signal
    follows the *thread* that started the server: start it from a thread that outlives the run."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ready(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/models", timeout=1) as reply:
            return reply.status == 200
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class ServerProcess:
    """A running server process this process started; `stop` ends it."""

    process: subprocess.Popen
    base_url: str
    log: Path
    model: str
    label: str = "model server"

    @classmethod
    def launch(
        cls, command: list[str], port: int, model: str, label: str, timeout: float, env: dict | None = None
    ) -> ServerProcess:
        log = Path(tempfile.mkstemp(prefix="debtsim-server-", suffix=".log")[1])
        with log.open("wb") as sink:
            process = subprocess.Popen(
                command, stdout=sink, stderr=subprocess.STDOUT, preexec_fn=die_with_parent, env=env
            )
        server = cls(process, f"http://127.0.0.1:{port}/v1", log, model, label)
        server.wait_ready(timeout)
        return server

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log.read_text(errors="replace")[-400:]
                raise BackendError(f"{self.label} exited with {self.process.returncode}: {tail}")
            if ready(self.base_url):
                return
            time.sleep(POLL_S)
        tail = self.log.read_text(errors="replace")[-400:].strip() or "(its log is empty: still loading)"
        self.stop()
        raise BackendError(
            f"{self.label} not ready after {timeout:.0f} s (a busy machine may need a longer start-up "
            f"timeout, llm.settings.startup_timeout for llm=local): {tail}"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.unlink(missing_ok=True)
