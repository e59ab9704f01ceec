"""Replaying held-out debtors: a run built from stored scenarios instead of fresh samples.

The selection stage writes the test split as `eval_scenarios.jsonl` (persona,
case, policy, seed and dialogue index of each held-out dialogue). A run with
`replay=PATH` puts every configured collector in front of those same debtors;
the per-turn draws are keyed by the stored (seed, index), so the debtor
behaves exactly as it would have against the same moves. Dialogue `i` meets
scenario `i div S` and strategy `i mod S`, as in a sampled run.

A scenario also carries the legal regime the debtor lived under and its call
(local start, prior attempts), so a replayed debtor is called under the same
law at the same hour. Files written before those existed still load: their
debtors get the configured jurisdiction, or their language's default under
`jurisdiction=auto`, and no call context.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from personas import DebtorPersona
from scenarios import CallContext, CreditorPolicy, DebtCase, JurisdictionProfile, profile_for
from scenarios.strategies import make_strategy
from simulator.config import ConfigError, RunConfig
from simulator.context import DialogueContext
from simulator.dialogue import dialogue_id
from simulator.llm.base import Backend

REPLAY_CALL_DATE = "2026-03-02"


class ReplayScenario(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    dialogue_id: str
    seed: int
    index: int
    cell: str
    noise_level: float
    persona: DebtorPersona
    case: DebtCase
    policy: CreditorPolicy
    jurisdiction: JurisdictionProfile | None = None
    call: CallContext | None = None

    def profile(self, config: RunConfig) -> JurisdictionProfile:
        """The stored regime; in an older file the configured one, `auto` meaning the persona's language."""
        if self.jurisdiction is not None:
            return self.jurisdiction
        return profile_for(config.jurisdiction.name, self.persona.language)

    @property
    def call_date(self) -> str:
        """The date the call was made (its local start), or the fixed replay date in an older file."""
        return self.call.local_start[:10] if self.call is not None else REPLAY_CALL_DATE


@functools.lru_cache(maxsize=4)
def load_scenarios(path: str) -> tuple[ReplayScenario, ...]:
    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"replay: no scenario file at {path}")
    try:
        lines = [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
        return tuple(ReplayScenario.model_validate_json(line) for line in lines)
    except ValidationError as exc:
        raise ConfigError(
            f"replay: {path} is not an eval_scenarios.jsonl file ({exc.errors()[0]['msg']})"
        ) from None


def replay_size(config: RunConfig) -> int:
    """Dialogues a replay run holds: every scenario meets every strategy, capped by n_dialogues."""
    scenarios = load_scenarios(str(config.replay))
    return min(config.n_dialogues, len(scenarios) * len(config.strategy.names))


def replay_context(config: RunConfig, index: int, backend: Backend) -> tuple[DialogueContext, str]:
    names = config.strategy.names
    scenario = load_scenarios(str(config.replay))[index // len(names)]
    ctx = DialogueContext(
        dialogue_id=dialogue_id(config, index),
        index=scenario.index,
        seed=scenario.seed,
        language=scenario.persona.language,
        case=scenario.case,
        policy=scenario.policy,
        persona=scenario.persona,
        strategy=make_strategy(names[index % len(names)]),
        backend=backend,
        noise=config.noise.profile(scenario.noise_level),
        max_turns=config.max_turns,
        agent_name="Sam" if scenario.persona.language == "en" else "小陈",
        call_date=scenario.call_date,
        debtor_decision=config.llm.debtor_decision,
        jurisdiction=scenario.profile(config),
        call=scenario.call,
    )
    return ctx, scenario.cell
