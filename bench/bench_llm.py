"""debtsim's `openai` backend vs a raw async OpenAI client, same server, prompts and concurrency.

The prompts are the collector prompts of scripted dialogues (speak mode), rendered
exactly as the backend renders them; both sides send the same seed, temperature and
token cap, so the replies (and their token counts) are the same and only the
client-side overhead differs. Rounds alternate raw/debtsim/debtsim/raw to cancel drift.
Prints generated tokens/s for each and debtsim ÷ raw (target >= 0.95).

    python bench/bench_llm.py                       # starts the local llama.cpp server
    python bench/bench_llm.py --base-url http://127.0.0.1:8000/v1 --model smollm2 --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

from openai import AsyncOpenAI

from simulator.llm.base import AgentMode
from simulator.llm.local_server import LocalServer
from simulator.llm.openai_compat import OpenAICompatBackend, turn_seed
from simulator.llm.samples import sample_turns
from simulator.llm.settings import EndpointSettings
from simulator.transcript import Speaker


async def debtsim_round(backend: OpenAICompatBackend, samples) -> tuple[int, float]:
    start = time.perf_counter()
    replies = await asyncio.gather(*(backend.acollector_turn(s.view, s.move, s.rng) for s in samples))
    return sum(r.usage.completion_tokens for r in replies), time.perf_counter() - start


async def raw_round(client: AsyncOpenAI, settings: EndpointSettings, samples, prompts) -> tuple[int, float]:
    gate = asyncio.Semaphore(settings.concurrency)

    async def one(sample, messages) -> int:
        async with gate:
            reply = await client.chat.completions.create(
                model=settings.model,
                messages=[{"role": r, "content": t} for r, t in messages],
                temperature=settings.temperature,
                seed=turn_seed(sample.rng),
                extra_body={"max_tokens": settings.max_tokens},
            )
        return reply.usage.completion_tokens

    start = time.perf_counter()
    tokens = await asyncio.gather(*(one(s, m) for s, m in zip(samples, prompts, strict=True)))
    return sum(tokens), time.perf_counter() - start


async def bench(settings: EndpointSettings, language: str, n_prompts: int, rounds: int) -> dict:
    samples = [s for s in sample_turns(language, 8) if s.role is Speaker.COLLECTOR][:n_prompts]
    backend = OpenAICompatBackend(settings, language, AgentMode.SPEAK, AgentMode.SPEAK)
    prompts = [
        backend.book.collector_messages(
            s.view, s.move, AgentMode.SPEAK, settings.structured, settings.history_lines
        )
        for s in samples
    ]
    client = AsyncOpenAI(
        base_url=settings.base_url, api_key=settings.api_key(), max_retries=0, timeout=settings.timeout
    )
    totals = {"raw": [0, 0.0], "debtsim": [0, 0.0]}
    await raw_round(client, settings, samples[:2], prompts[:2])  # warm both paths (prefix cache, imports)
    await debtsim_round(backend, samples[:2])
    for r in range(rounds):
        order = ("raw", "debtsim") if r % 2 == 0 else ("debtsim", "raw")
        for side in order:
            tokens, wall = await (
                raw_round(client, settings, samples, prompts)
                if side == "raw"
                else debtsim_round(backend, samples)
            )
            totals[side][0] += tokens
            totals[side][1] += wall
            print(
                f"round {r} {side:8} {tokens:6d} tokens {wall:7.2f} s {tokens / wall:7.1f} tok/s", flush=True
            )
    await client.close()
    backend.close()
    raw_tps, ours_tps = (totals[k][0] / totals[k][1] for k in ("raw", "debtsim"))
    return {
        "raw_tok_s": round(raw_tps, 2),
        "debtsim_tok_s": round(ours_tps, 2),
        "ratio": round(ours_tps / raw_tps, 3),
        "prompts": len(samples),
        "rounds": rounds,
        "concurrency": settings.concurrency,
        "max_tokens": settings.max_tokens,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="an OpenAI-compatible server; default: start the local one")
    parser.add_argument("--model", default="smollm2-135m-instruct")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--prompts", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--max-tokens", type=int, default=48)
    parser.add_argument("--language", choices=["en", "zh"], default="en")
    args = parser.parse_args()
    server = None if args.base_url else LocalServer.start()
    try:
        settings = EndpointSettings(
            base_url=args.base_url or server.base_url,
            model=args.model,
            temperature=0.0,
            max_tokens=args.max_tokens,
            concurrency=args.concurrency,
            timeout=600,
            retries=0,
        )
        print(json.dumps(asyncio.run(bench(settings, args.language, args.prompts, args.rounds))))
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
