"""The review server: a Starlette (ASGI) app with the page at `/` and a small JSON API behind it.

- `GET /` — the page (page.html; zh or en by `?lang=` or the browser's language)
- `GET /api/queue` — calls, most uncertain first, with their reasons and current verdict
- `GET /api/call/{id}` — one call's turns (reviewer edits applied, marked)
- `POST /api/decision` — `{dialogue_id, action: accept|reject|edit|undo, turn?, text?}`, saved atomically
Transcripts are read by byte offset (an index built once), so a large run
does not sit in memory; the queue is recomputed only at start.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from debtsim.review.decisions import Decision, Reviewed, read_decisions, save_decision
from debtsim.review.queue import build_queue
from simulator.store import TRANSCRIPTS

QUEUE_LIMIT = 2000
"""Calls listed on the page: a reviewer never reaches further down a queue ranked by uncertainty."""


def line_offsets(path: Path) -> dict[str, int]:
    offsets, position = {}, 0
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                offsets[json.loads(line)["dialogue_id"]] = position
            position += len(line)
    return offsets


def page_language(request: Request) -> str:
    asked = request.query_params.get("lang") or request.headers.get("accept-language", "en")
    return "zh" if asked.lower().startswith("zh") else "en"


def call_view(data: dict, reviewed: Reviewed) -> dict:
    """One call as the page shows it: turns with the reviewer's edits applied and marked."""
    call_id = data["dialogue_id"]
    turns = [
        {
            "index": t["index"],
            "speaker": t["speaker"],
            "act": t["act"],
            "text": reviewed.edits.get((call_id, t["index"]), t["clean_text"]),
            "edited": (call_id, t["index"]) in reviewed.edits,
        }
        for t in data["turns"]
    ]
    return {
        "dialogue_id": call_id,
        "language": data.get("language"),
        "termination": data.get("termination"),
        "source": data.get("source", "simulated"),
        "unknown": data.get("unknown", []),
        "verdict": reviewed.verdict(call_id),
        "turns": turns,
    }


class ReviewApi:
    """The handlers over one run directory; the queue is ranked once, decisions are re-read per request."""

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = Path(run_dir)
        self.path = self.run_dir / TRANSCRIPTS
        self.offsets = line_offsets(self.path)
        self.queue = build_queue(self.run_dir)[:QUEUE_LIMIT]
        self.page = resources.files("debtsim.review").joinpath("page.html").read_text(encoding="utf-8")

    def read_call(self, dialogue_id: str) -> dict | None:
        if dialogue_id not in self.offsets:
            return None
        with self.path.open("rb") as f:
            f.seek(self.offsets[dialogue_id])
            return json.loads(f.readline())

    async def index(self, request: Request) -> HTMLResponse:
        lang = page_language(request)
        return HTMLResponse(self.page.replace("__LANG__", lang).replace("__RUN__", self.run_dir.name))

    async def get_queue(self, request: Request) -> JSONResponse:
        reviewed = Reviewed.load(self.run_dir)
        items = [item.model_dump() | {"verdict": reviewed.verdict(item.dialogue_id)} for item in self.queue]
        return JSONResponse({"run": self.run_dir.name, "items": items, "summary": reviewed.summary()})

    async def get_call(self, request: Request) -> JSONResponse:
        data = self.read_call(request.path_params["dialogue_id"])
        if data is None:
            return JSONResponse({"error": "no such call"}, status_code=404)
        return JSONResponse(call_view(data, Reviewed.load(self.run_dir)))

    async def post_decision(self, request: Request) -> JSONResponse:
        try:
            decision = Decision.model_validate(await request.json())
        except (ValidationError, ValueError) as exc:
            return JSONResponse({"error": str(exc).splitlines()[0]}, status_code=422)
        data = self.read_call(decision.dialogue_id)
        if data is None:
            return JSONResponse({"error": "no such call"}, status_code=404)
        if decision.turn is not None and decision.turn >= len(data["turns"]):
            return JSONResponse({"error": "no such turn"}, status_code=422)
        save_decision(self.run_dir, decision)
        return JSONResponse(
            {"saved": decision.model_dump(), "summary": Reviewed.load(self.run_dir).summary()}
        )

    async def get_decisions(self, request: Request) -> JSONResponse:
        return JSONResponse([d.model_dump() for d in read_decisions(self.run_dir)])


def create_app(run_dir: Path) -> Starlette:
    api = ReviewApi(run_dir)
    return Starlette(
        routes=[
            Route("/", api.index),
            Route("/api/queue", api.get_queue),
            Route("/api/call/{dialogue_id:path}", api.get_call),
            Route("/api/decision", api.post_decision, methods=["POST"]),
            Route("/api/decisions", api.get_decisions),
        ]
    )
