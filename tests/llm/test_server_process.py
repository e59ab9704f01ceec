"""A server that never answers: a one-line error naming the timeout to raise, and no process left behind."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from simulator.errors import DebtsimError
from simulator.llm.server_process import ServerProcess, free_port


def test_a_server_that_never_answers_is_stopped_and_named():
    port = free_port()
    marker = f"never-answers-{port}"
    silent = [sys.executable, "-c", f"import time; time.sleep(60)  # {marker}"]
    with pytest.raises(DebtsimError) as caught:
        ServerProcess.launch(silent, port, "m", "test server", timeout=1.0)
    message = str(caught.value)
    assert "test server not ready after 1 s" in message
    assert "llm.settings.startup_timeout" in message and "log is empty" in message
    assert "\n" not in message
    time.sleep(0.5)  # terminate() was sent; give the child a moment to go
    alive = [p for p in Path("/proc").glob("[0-9]*/cmdline") if marker in read(p)]
    assert not alive


def read(path: Path) -> str:
    try:
        return path.read_bytes().decode(errors="replace")
    except OSError:
        return ""
