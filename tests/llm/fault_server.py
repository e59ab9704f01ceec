"""A fake OpenAI-compatible chat endpoint that misbehaves on purpose, at seeded rates."""

from __future__ import annotations

import contextlib
import json
import random
import re
import socket
import threading
import time
from collections import Counter
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Fault(StrEnum):
    OK = "ok"
    ERROR_500 = "error_500"  # HTTP 500
    RATE_LIMIT = "rate_limit"  # HTTP 429
    HANG = "hang"  # answers only after the client's timeout
    DROP = "drop"  # closes the connection without a response
    MALFORMED_BODY = "malformed_body"  # HTTP 200 with a truncated JSON body
    BAD_ARGUMENTS = "bad_arguments"  # a valid response whose tool arguments are not valid JSON
    LENGTH = "length"  # a JSON reply cut at max_tokens (finish_reason "length")


_SUGGESTED = re.compile(r"(?:suggests|feel like doing|操作手册建议|你心里想的是)[:：] ?([a-z_]+)")
_OFFER_ACTS = {"offer_plan", "concede", "hold_firm", "confirm_agreement", "counter_offer"}


def _arguments(system: str, tool: str) -> dict:
    """Valid arguments: the suggested act, with a plan inside any policy when the act needs one."""
    found = _SUGGESTED.search(system)
    act = found.group(1) if found else ("clarify" if tool == "CollectorReply" else "stall")
    args: dict = {"act": act, "text": f"fake {act}"}
    if act in _OFFER_ACTS:
        args["offer"] = {
            "amount_now": 1.0e6,
            "installment": 0.0,
            "count": 0,
            "waiver": 0.0,
            "first_due_days": 7,
        }
    return args


_BY_TYPE = {"integer": 3, "number": 0.5, "string": "ok", "boolean": True}


def _generic_arguments(parameters: dict) -> dict:
    """Arguments for any other tool (judges): a middle value of each property's type."""
    return {name: _BY_TYPE.get(spec.get("type"), "ok") for name, spec in parameters["properties"].items()}


def _completion(request: dict) -> dict:
    message: dict = {"role": "assistant", "content": "fake reply"}
    if request.get("tools"):
        tool = request["tools"][0]["function"]["name"]
        system = next((m["content"] for m in request["messages"] if m["role"] == "system"), "")
        parameters = request["tools"][0]["function"]["parameters"]
        args = _arguments(system, tool) if tool.endswith("Reply") else _generic_arguments(parameters)
        call = {"id": "call_1", "type": "function", "function": {"name": tool, "arguments": json.dumps(args)}}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
    }


class FakeEndpoint:
    """A chat-completions server on 127.0.0.1 that injects faults at given rates (seeded)."""

    def __init__(self, rates: dict[Fault, float], seed: int = 0, hang_s: float = 2.0) -> None:
        self.rates, self.hang_s = rates, hang_s
        self.counts: Counter[Fault] = Counter()
        self.auth: set[str] = set()
        self._rng, self._lock, self._stop = random.Random(seed), threading.Lock(), threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def draw(self) -> Fault:
        with self._lock:
            roll, edge, fault = self._rng.random(), 0.0, Fault.OK
            for candidate, rate in self.rates.items():
                edge += rate
                if roll < edge:
                    fault = candidate
                    break
            self.counts[fault] += 1
            return fault

    @property
    def requests(self) -> int:
        return sum(self.counts.values())

    def _handler(self):
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def do_POST(self) -> None:
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                endpoint.auth.add(self.headers.get("Authorization", ""))
                fault = endpoint.draw()
                if fault is Fault.DROP:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fault is Fault.HANG:
                    endpoint._stop.wait(endpoint.hang_s)
                if fault in (Fault.ERROR_500, Fault.RATE_LIMIT):
                    status = 500 if fault is Fault.ERROR_500 else 429
                    self._send(status, b'{"error": {"message": "injected fault"}}')
                    return
                if fault is Fault.MALFORMED_BODY:
                    self._send(200, b'{"id": "chatcmpl-fake", "choices": [{"index": 0, "mess')
                    return
                body = _completion(request)
                if fault is Fault.BAD_ARGUMENTS and body["choices"][0]["message"].get("tool_calls"):
                    body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = '{"act": "gre'
                elif fault is Fault.BAD_ARGUMENTS:
                    body["choices"][0]["message"]["content"] = ""
                if fault is Fault.LENGTH:
                    body["choices"][0]["message"] = {"role": "assistant", "content": '{"act": "gre'}
                    body["choices"][0]["finish_reason"] = "length"
                self._send(200, json.dumps(body).encode())

        return Handler

    def __enter__(self) -> FakeEndpoint:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
