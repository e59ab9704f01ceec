"""Build one dialogue from the config, and run one dialogue to a transcript.

`build_context` is the build layer (config → objects); `run_dialogue` is the
run-one layer: no config parsing, no I/O. Dialogue `i` meets strategy
`i mod S` and persona `i div S`, so every persona in a multi-strategy run is
met by every strategy — strategy comparisons are paired by construction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import numpy as np

from personas import Home, Locale, sample_persona
from personas.language import world_key
from personas.names import COLLECTOR_NAMES
from personas.sampling import PersonaCell
from scenarios import JurisdictionProfile, Language, policy_for, sample_call, sample_case
from scenarios.strategies import Evidence, make_strategy
from simulator.config import LLMConfig, RunConfig
from simulator.context import DialogueContext
from simulator.debtor_policy import DebtorMemory, initial_memory
from simulator.graph import recursion_limit
from simulator.llm.base import Backend
from simulator.state import DialogueState
from simulator.transcript import BackendSettings, DialogueSettings, NoiseSettings, Termination, Transcript

PERSONA_STREAM = 0
CALL_STREAM = 16
"""The call's own stream (time, prior attempts), keyed like the persona's: drawing the call from it
moved none of the persona and case draws. Above every `context.Role` id, so no turn stream shares
its key."""
EPOCH = dt.date(2026, 1, 5)


@dataclass(frozen=True, slots=True)
class Plan:
    """Where dialogue `index` sits in the run."""

    index: int
    persona_index: int
    strategy: str
    cell: PersonaCell


def plan_dialogue(config: RunConfig, cells: list[PersonaCell], index: int) -> Plan:
    names = config.strategy.names
    persona_index = index // len(names)
    return Plan(index, persona_index, names[index % len(names)], cells[persona_index % len(cells)])


def dialogue_id(config: RunConfig, index: int) -> str:
    return f"s{config.seed}-{index:07d}"


def persona_id(config: RunConfig, plan: Plan) -> str:
    """A digest of everything that draws this debtor (and its case): seed, persona index, cell,
    language, jurisdiction, scenario settings. The same debtor gets the same id in runs that differ
    only in strategy, backend or other collector settings (paired comparisons join on it); debtors
    of different grids, languages or jurisdictions never share one, even at the same index."""
    payload = {
        "seed": config.seed,
        "persona_index": plan.persona_index,
        "cell": plan.cell.key,
        "language": str(config.language),
        "jurisdiction": str(config.profile().id),
        "scenario": config.scenario.model_dump(mode="json"),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return f"p-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def locale_of(profile: JurisdictionProfile, language: Language | str) -> Locale:
    """The profile's places, named in `language`, and its currency: what persona sampling needs."""
    homes = tuple(Home(place.names[Language(language)], place.timezone) for place in profile.places)
    return Locale(homes=homes, currency=profile.currency)


def build_context(config: RunConfig, plan: Plan, backend: Backend) -> DialogueContext:
    """The debtor, its case and its call, all under the run's jurisdiction profile."""
    world = world_key(config.language)  # zh draws its own debtors from the same seed; en adds nothing
    rng = np.random.default_rng([config.seed, plan.persona_index, PERSONA_STREAM, *world])
    language, profile = str(config.language), config.profile()
    persona = sample_persona(rng, plan.cell, language, persona_id(config, plan), locale_of(profile, language))
    products = config.scenario.products
    product = products[int(rng.integers(len(products)))]
    case = sample_case(
        rng,
        product,
        language,
        f"case-{config.seed}-{plan.persona_index:07d}",
        (persona.full_name(), persona.display_name()),
        config.scenario.balance,
        profile,
    )
    agents = COLLECTOR_NAMES[language]
    agent_name = agents[int(rng.integers(len(agents)))]
    call_date = EPOCH + dt.timedelta(days=int(rng.integers(0, 300)))
    call_rng = np.random.default_rng([config.seed, plan.persona_index, CALL_STREAM, *world])
    timezone = persona.identity.timezone or profile.places[0].timezone
    return DialogueContext(
        dialogue_id=dialogue_id(config, plan.index),
        index=plan.index,
        seed=config.seed,
        language=language,
        case=case,
        policy=policy_for(product, profile.id),
        persona=persona,
        strategy=make_strategy(plan.strategy),
        backend=backend,
        noise=config.noise.profile(plan.cell.noise_level),
        max_turns=config.max_turns,
        agent_name=agent_name,
        call_date=call_date.isoformat(),
        debtor_decision=config.llm.debtor_decision,
        jurisdiction=profile,
        call=sample_call(call_rng, profile, timezone, call_date, case.overdue_days),
    )


def recalled(memory: DebtorMemory, ctx: DialogueContext) -> DebtorMemory:
    """A campaign's follow-up: the debtor starts warier after promises it broke (none for a single call)."""
    if ctx.history is None:
        return memory
    return memory.model_copy(update=ctx.history.debtor_start(memory.trust, memory.patience))


def initial_state(ctx: DialogueContext) -> DialogueState:
    return DialogueState(
        turns=[],
        evidence=Evidence(turns_left=ctx.max_turns),
        memory=recalled(initial_memory(ctx.persona, ctx.case.outstanding), ctx),
        agreement=None,
        termination=None,
    )


def dialogue_settings(
    ctx: DialogueContext, run_id: str, cell: str, llm: LLMConfig | None = None
) -> DialogueSettings:
    """The compact settings stored on each transcript; modes only where the caller gives `llm`."""
    if llm is None:
        backend = BackendSettings(backend=str(ctx.backend.name), debtor_decision=str(ctx.debtor_decision))
    else:
        model = llm.settings.get("model")
        backend = BackendSettings(
            backend=str(llm.backend),
            collector_mode=str(llm.collector_mode),
            debtor_mode=str(llm.debtor_mode),
            debtor_decision=str(llm.debtor_decision),
            model=model if isinstance(model, str) else None,
        )
    kinds = tuple(sorted(str(k) for k in ctx.noise.kinds))
    return DialogueSettings(
        run_id=run_id,
        strategy=ctx.strategy.name,
        cell=cell,
        language=str(ctx.language),
        seed=ctx.seed,
        max_turns=ctx.max_turns,
        noise=NoiseSettings(level=ctx.noise.level, kinds=kinds),
        llm=backend,
    )


def to_transcript(
    ctx: DialogueContext, state: dict, run_id: str, cell: str, llm: LLMConfig | None = None
) -> Transcript:
    return Transcript(
        dialogue_id=ctx.dialogue_id,
        run_id=run_id,
        index=ctx.index,
        seed=ctx.seed,
        language=ctx.language,
        strategy=ctx.strategy.name,
        backend=str(ctx.backend.name),
        noise_level=ctx.noise.level,
        cell=cell,
        case=ctx.case,
        policy=ctx.policy,
        jurisdiction=ctx.jurisdiction,
        call=ctx.call,
        persona=ctx.persona,
        turns=state["turns"],
        termination=state["termination"] or Termination.ERROR,
        error=state.get("error"),
        agreement=state["agreement"],
        config=dialogue_settings(ctx, run_id, cell, llm),
    )


def invocation(ctx: DialogueContext) -> dict:
    """The arguments of one dialogue's `invoke` / `ainvoke`: shared, so both runners start alike."""
    config = {"recursion_limit": recursion_limit(ctx.max_turns)}
    return {"input": initial_state(ctx), "config": config, "context": ctx}


def run_dialogue(
    graph, ctx: DialogueContext, run_id: str, cell: str, llm: LLMConfig | None = None
) -> Transcript:
    return to_transcript(ctx, graph.invoke(**invocation(ctx)), run_id, cell, llm)


async def arun_dialogue(
    graph, ctx: DialogueContext, run_id: str, cell: str, llm: LLMConfig | None = None
) -> Transcript:
    """`run_dialogue` on the async graph (`build_async_graph`): only the invoke call differs."""
    return to_transcript(ctx, await graph.ainvoke(**invocation(ctx)), run_id, cell, llm)
