"""debtsim's model backends vs the bare client of the same engine: same prompts, seeds and concurrency.

Server mode: debtsim's `openai` backend vs a raw async OpenAI client against one
OpenAI-compatible server (the local llama.cpp server, vLLM's server, or any URL).
Engine mode: debtsim's `vllm` backend (open dialogues batched per step) vs one
direct `LLM.chat` call over the same prompts. The prompts are the collector
prompts of scripted dialogues (speak mode), rendered exactly as the backend
renders them; both sides send the same seed, temperature 0 and token cap, so
the replies (and their token counts) are the same and only the overhead on our
side differs. Rounds alternate raw/debtsim/debtsim/raw to cancel drift. Prints
generated tokens/s for each side and debtsim ÷ raw (target >= 0.95).

    python bench/bench_llm.py                          # starts the local llama.cpp server
    python bench/bench_llm.py --server vllm --concurrency 8    # starts vLLM's server (vllm env)
    python bench/bench_llm.py --engine                  # vLLM's offline engine (vllm env)
    python bench/bench_llm.py --base-url http://127.0.0.1:8000/v1 --model NAME --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Awaitable, Callable

from openai import AsyncOpenAI

from simulator.llm.backend_settings import EndpointSettings
from simulator.llm.base import AgentMode
from simulator.llm.chat_backend import turn_seed
from simulator.llm.openai_compat import OpenAICompatBackend
from simulator.sample_turns import sample_turns
from simulator.transcript import Speaker

Round = Callable[[], Awaitable[int]]


async def alternate(raw: Round, ours: Round, rounds: int) -> dict:
    """Run both sides `rounds` times in alternating order; tokens/s of each and their ratio."""
    totals = {"raw": [0, 0.0], "debtsim": [0, 0.0]}
    for r in range(rounds):
        for side in ("raw", "debtsim") if r % 2 == 0 else ("debtsim", "raw"):
            start = time.perf_counter()
            tokens = await (raw() if side == "raw" else ours())
            wall = time.perf_counter() - start
            totals[side][0] += tokens
            totals[side][1] += wall
            print(
                f"round {r} {side:8} {tokens:6d} tokens {wall:7.2f} s {tokens / wall:7.1f} tok/s", flush=True
            )
    raw_tps, ours_tps = (totals[k][0] / totals[k][1] for k in ("raw", "debtsim"))
    return {
        "raw_tok_s": round(raw_tps, 2),
        "debtsim_tok_s": round(ours_tps, 2),
        "ratio": round(ours_tps / raw_tps, 3),
    }


def collector_samples(language: str, n: int):
    return [s for s in sample_turns(language, 8) if s.role is Speaker.COLLECTOR][:n]


async def bench_server(settings: EndpointSettings, language: str, n_prompts: int, rounds: int) -> dict:
    samples = collector_samples(language, n_prompts)
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

    async def raw() -> int:
        return sum(await asyncio.gather(*(one(s, m) for s, m in zip(samples, prompts, strict=True))))

    async def ours() -> int:
        replies = await asyncio.gather(*(backend.acollector_turn(s.view, s.move, s.rng) for s in samples))
        return sum(r.usage.completion_tokens for r in replies)

    await raw()  # warm both paths (prefix cache, imports)
    await ours()
    result = await alternate(raw, ours, rounds)
    await client.close()
    backend.close()
    return {
        **result,
        "path": f"server {settings.base_url}",
        "prompts": len(samples),
        "rounds": rounds,
        "concurrency": settings.concurrency,
        "max_tokens": settings.max_tokens,
    }


def bench_engine(model: str | None, language: str, n_prompts: int, rounds: int, max_tokens: int) -> dict:
    from vllm.sampling_params import SamplingParams

    from simulator.llm.backend_settings import StructuredMethod
    from simulator.llm.vllm_engine import VLLMBackend, VLLMEngine, VLLMSettings

    settings = VLLMSettings(
        model=model,
        temperature=0.0,
        max_tokens=max_tokens,
        max_model_len=2048,
        enforce_eager=True,
        cpu_kvcache_space_gb=1,
        dtype="float32",
    )
    engine = VLLMEngine(settings)
    backend = VLLMBackend(settings, language, AgentMode.SPEAK, AgentMode.SPEAK, engine)
    samples = collector_samples(language, n_prompts)
    chats = [
        [
            {"role": r, "content": t}
            for r, t in backend.book.collector_messages(
                s.view, s.move, AgentMode.SPEAK, StructuredMethod.JSON_SCHEMA, settings.history_lines
            )
        ]
        for s in samples
    ]
    params = [
        SamplingParams(temperature=0.0, top_p=settings.top_p, max_tokens=max_tokens, seed=turn_seed(s.rng))
        for s in samples
    ]

    async def raw() -> int:
        outputs = await asyncio.to_thread(engine.llm.chat, chats, params, use_tqdm=False)
        return sum(len(o.outputs[0].token_ids) for o in outputs)

    async def ours() -> int:
        async def one(s):
            async with backend.session():
                return await backend.acollector_turn(s.view, s.move, s.rng)

        replies = await asyncio.gather(*(one(s) for s in samples))
        return sum(r.usage.completion_tokens for r in replies)

    async def main() -> dict:
        await raw()
        await ours()
        return await alternate(raw, ours, rounds)

    try:
        result = asyncio.run(main())
    finally:
        backend.close()
    calls_per_round = len(backend.batchers.sizes) / (rounds + 1)  # a warm-up round, then one per round
    return {
        **result,
        "path": "vllm offline engine",
        "prompts": len(samples),
        "rounds": rounds,
        "engine_calls_per_debtsim_round": calls_per_round,
        "max_tokens": max_tokens,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="an OpenAI-compatible server already running")
    parser.add_argument("--server", choices=["local", "vllm"], default="local", help="the server to start")
    parser.add_argument("--engine", action="store_true", help="vLLM's offline engine instead of a server")
    parser.add_argument("--model", default=None, help="served model name, or model folder for vllm")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--prompts", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--max-tokens", type=int, default=48)
    parser.add_argument("--language", choices=["en", "zh"], default="en")
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(bench_engine(args.model, args.language, args.prompts, args.rounds, args.max_tokens)))
        return
    server, name = None, args.model
    if args.base_url is None and args.server == "local":
        from simulator.llm.local_server import LocalServer

        server = LocalServer.start()
    elif args.base_url is None:
        from simulator.llm.vllm_server import VLLMServer
        from simulator.local_model import ensure_local_model

        server = VLLMServer.start(ensure_local_model())
    try:
        settings = EndpointSettings(
            base_url=args.base_url or server.base_url,
            model=name or (server.model if server else "default"),
            temperature=0.0,
            max_tokens=args.max_tokens,
            concurrency=args.concurrency,
            timeout=600,
            retries=0,
        )
        print(json.dumps(asyncio.run(bench_server(settings, args.language, args.prompts, args.rounds))))
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
