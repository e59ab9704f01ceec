"""Fixtures for backend tests: the fault-injecting fake endpoint and (for `llm`-marked tests)
the real local llama.cpp server."""

from __future__ import annotations

import pytest

from tests.llm.fault_server import FakeEndpoint, Fault


@pytest.fixture
def fake_endpoint():
    """Start fake endpoints with given fault rates; all are stopped after the test."""
    started: list[FakeEndpoint] = []

    def start(rates: dict[Fault, float] | None = None, **kwargs) -> FakeEndpoint:
        endpoint = FakeEndpoint(rates or {}, **kwargs).__enter__()
        started.append(endpoint)
        return endpoint

    yield start
    for endpoint in started:
        endpoint.__exit__(None, None, None)
