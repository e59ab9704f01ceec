"""The run configuration as a frozen pydantic model: Hydra stops at `main`.

`main` turns the composed DictConfig into a `RunConfig` once; nothing below
takes a DictConfig. Defaults live in the YAML files only. A validation error
becomes one line naming the offending field.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PositiveFloat,
    ValidationError,
    field_validator,
    model_validator,
)

from personas import GridSpec, HealthBand, RootCause
from scenarios import Jurisdiction, JurisdictionProfile, Language, Product, profile_for
from scenarios.strategies import StrategyName
from simulator.debtor_policy import DebtorDecision
from simulator.errors import DebtsimError
from simulator.llm.base import AgentMode, BackendName
from simulator.noise import NoiseKind, NoiseProfile


class ConfigError(DebtsimError):
    """A bad setting; its message is one line naming the field."""


def _not_empty(value: tuple | None) -> tuple | None:
    if value is not None and len(value) == 0:
        raise ValueError("axis is empty: the grid would have no cells")
    return value


def _as_tuple(value: Any) -> Any:
    if value is None or isinstance(value, (list, tuple)):
        return tuple(value) if value is not None else None
    return (value,)


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PersonaConfig(Frozen):
    root_cause: tuple[RootCause, ...] | None = Field(None, description="None: every root cause")
    band: tuple[HealthBand, ...] | None = Field(None, description="None: every health band")
    per_cell: int | None = Field(
        None,
        ge=1,
        description="debtors per grid cell, each met by every strategy; None: n_dialogues sets the size",
    )

    _tuples = field_validator("root_cause", "band", mode="before")(_as_tuple)
    _filled = field_validator("root_cause", "band")(_not_empty)


class ScenarioConfig(Frozen):
    products: tuple[Product, ...] = tuple(Product)
    balance: tuple[PositiveFloat, PositiveFloat] | None = Field(
        None, description="principal range (low, high) replacing the library's per-product range"
    )

    _tuples = field_validator("products", mode="before")(_as_tuple)

    @field_validator("products")
    @classmethod
    def _some_products(cls, value: tuple) -> tuple:
        if not value:
            raise ValueError("no products: the run would have no cases")
        return value

    @field_validator("balance")
    @classmethod
    def _ordered(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and value[0] > value[1]:
            raise ValueError(f"low {value[0]} is above high {value[1]}")
        return value


class StrategyConfig(Frozen):
    names: tuple[StrategyName, ...]

    _tuples = field_validator("names", mode="before")(_as_tuple)
    _filled = field_validator("names")(_not_empty)


class NoiseConfig(Frozen):
    level: tuple[Annotated[float, Field(ge=0.0, le=1.0)], ...] = (0.0,)
    kinds: tuple[NoiseKind, ...] = tuple(NoiseKind)

    _tuples = field_validator("level", "kinds", mode="before")(_as_tuple)
    _filled = field_validator("level")(_not_empty)

    def profile(self, level: float) -> NoiseProfile:
        return NoiseProfile(level=level, kinds=frozenset(self.kinds))


class LLMConfig(Frozen):
    backend: BackendName = BackendName.SCRIPTED
    collector_mode: AgentMode = AgentMode.SPEAK
    debtor_mode: AgentMode = AgentMode.SPEAK
    debtor_decision: DebtorDecision = DebtorDecision.POLICY
    settings: dict[str, Any] = Field(default_factory=dict, description="backend-specific options")

    @model_validator(mode="after")
    def _decider_can_decide(self) -> LLMConfig:
        """debtor_decision=llm means the debtor's backend picks act and offer, so it must be asked to."""
        if self.debtor_decision is DebtorDecision.LLM:
            if self.backend is BackendName.SCRIPTED:
                raise ValueError("debtor_decision=llm needs a model backend; scripted only speaks")
            if self.debtor_mode is not AgentMode.DECIDE_AND_SPEAK:
                raise ValueError("debtor_decision=llm needs debtor_mode=decide_and_speak")
        if self.backend is BackendName.SCRIPTED and AgentMode.DECIDE_AND_SPEAK in (
            self.collector_mode,
            self.debtor_mode,
        ):
            raise ValueError("the scripted backend only speaks: use collector_mode/debtor_mode=speak")
        return self


class JurisdictionConfig(Frozen):
    name: Jurisdiction | Literal["auto"] = Field("auto", description="legal regime; auto: en -> us, zh -> cn")


class ExecutorKind(StrEnum):
    LOCAL = "local"  # one process (asyncio inside for network backends)
    RAY = "ray"  # Ray tasks over shards of dialogue indices, local or on a cluster


class ExecutorConfig(Frozen):
    kind: ExecutorKind = ExecutorKind.LOCAL
    address: str | None = Field(None, description="Ray cluster address; None starts a local instance")
    num_cpus: int | None = Field(None, ge=1, description="CPUs for a local Ray instance")
    chunk: int = Field(200, ge=1, description="dialogues per Ray task")


class CampaignConfig(Frozen):
    """How an account is worked: the days, the dialler's pace, and what an attempt reaches."""

    enabled: bool = True
    days: int = Field(ge=1, le=730, description="simulated days each account is worked")
    attempts_per_day: int = Field(ge=1, le=10, description="most call attempts on one account in a day")
    max_attempts: int = Field(ge=1, le=999, description="most call attempts on one account in the campaign")
    p_no_answer: float = Field(
        ge=0, lt=1, description="chance an attempt reaches nobody (ring-out, voicemail)"
    )
    p_wrong_party: float = Field(ge=0, lt=1, description="chance someone other than the debtor answers")
    retry_days: int = Field(ge=1, description="days to wait after a conversation without an agreement")
    follow_up_days: int = Field(
        ge=0, description="days after a missed payment before the collector calls about it"
    )
    broken_trust: float = Field(
        ge=0, le=1, description="trust the debtor starts a call with less, per promise it broke"
    )
    broken_patience: int = Field(ge=0, description="patience less per broken promise (never below 1)")

    @model_validator(mode="after")
    def _someone_answers(self) -> CampaignConfig:
        if self.p_no_answer + self.p_wrong_party >= 1:
            raise ValueError("campaign: p_no_answer + p_wrong_party must leave a chance of the right party")
        return self

    @property
    def p_right_party(self) -> float:
        return 1.0 - self.p_no_answer - self.p_wrong_party


def parse_campaign(value: Any) -> CampaignConfig | None:
    """None for `campaign=none` (absent, empty or `enabled: false`), else the validated settings."""
    if value is None or isinstance(value, CampaignConfig):
        return value if value is None or value.enabled else None
    data = dict(value)
    if not data or not data.get("enabled", True):
        return None
    return CampaignConfig.model_validate(data)


TRANSPORT_SETTINGS = frozenset({"concurrency", "timeout", "retries", "backoff_initial", "backoff_max"})
"""llm.settings keys that change how requests travel, never what a dialogue says."""


class RunConfig(Frozen):
    seed: int = Field(ge=0)
    n_dialogues: int | None = Field(
        gt=0, description="total dialogues, dealt round-robin over cells; None: from persona.per_cell"
    )
    language: Language
    max_turns: int = Field(ge=4, le=200)
    output_dir: str
    persona: PersonaConfig
    scenario: ScenarioConfig
    strategy: StrategyConfig
    llm: LLMConfig
    noise: NoiseConfig
    jurisdiction: JurisdictionConfig = JurisdictionConfig()
    executor: ExecutorConfig = ExecutorConfig()
    replay: str | None = Field(None, description="eval_scenarios.jsonl to replay instead of sampling debtors")
    evaluate: dict[str, Any] = Field(default_factory=dict, description="scoring stage; parsed by evaluators")
    filter: dict[str, Any] = Field(
        default_factory=dict, description="filter chain; parsed by evaluators.filters"
    )
    export: dict[str, Any] = Field(
        default_factory=dict, description="SFT/DPO export; parsed by debtsim.export"
    )
    campaign: CampaignConfig | None = Field(
        None, description="a multi-contact campaign (conf/campaign); None: single calls (campaign=none)"
    )
    max_error_share: float = Field(
        0.05, ge=0, le=1, description="the run exits non-zero above this share of errored dialogues (0: none)"
    )
    retry_errors: bool = Field(True, description="a rerun into the same output_dir retries errored dialogues")

    _campaign = field_validator("campaign", mode="before")(parse_campaign)

    @model_validator(mode="after")
    def _engine_stays_local(self) -> RunConfig:
        """The in-process vLLM engine batches every open dialogue of one process; Ray shards would each
        start an engine and lose the batching. Across machines, serve vLLM and use llm=openai."""
        if self.llm.backend is BackendName.VLLM and self.executor.kind is ExecutorKind.RAY:
            raise ValueError(
                "executor: llm=vllm runs its engine in this process; use executor=local, or a vLLM "
                "server with llm=openai across machines"
            )
        return self

    @model_validator(mode="after")
    def _size(self) -> RunConfig:
        """n_dialogues and persona.per_cell describe one size: fill the one left null, refuse a mismatch."""
        per_cell = self.persona.per_cell
        if per_cell is None:
            if self.n_dialogues is None:
                raise ValueError("n_dialogues: give a number of dialogues, or persona.per_cell")
            return self
        if self.replay is not None:
            raise ValueError("persona.per_cell: a replay run meets stored debtors; use n_dialogues")
        cells, strategies = len(self.grid().cells()), len(self.strategy.names)
        total = cells * per_cell * strategies
        if self.n_dialogues is None:
            object.__setattr__(self, "n_dialogues", total)  # frozen: filled once, during validation
        elif self.n_dialogues != total:
            raise ValueError(
                f"n_dialogues: {self.n_dialogues} does not match persona.per_cell={per_cell} × {cells} cells"
                f" × {strategies} strategies = {total}; set n_dialogues={total} or n_dialogues=null"
            )
        return self

    def grid(self) -> GridSpec:
        causes, bands = self.persona.root_cause, self.persona.band
        return GridSpec(
            root_causes=tuple(RootCause) if causes is None else causes,
            bands=tuple(HealthBand) if bands is None else bands,
            noise_levels=self.noise.level,
            mix=causes is None or bands is None,  # an open axis is drawn in plausible proportions
            language=str(self.language),
        )

    def profile(self) -> JurisdictionProfile:
        """The run's legal regime: the configured one, or the language's default."""
        return profile_for(self.jurisdiction.name, self.language)

    def run_id(self) -> str:
        """Stable id of what each dialogue is: the same settings give the same id, wherever written.

        Left out is what never changes a dialogue's line: where it is written, the later stages,
        the executor, request transport, how errors are judged and retried, and the run's size
        (n_dialogues, persona.per_cell), so a resume that asks for more dialogues continues the same run. The jurisdiction counts as
        the profile it resolves to: `auto` with en is the same run as `us`.
        """
        payload = self.model_dump(
            mode="json",
            exclude={
                "output_dir": True,
                "n_dialogues": True,
                "evaluate": True,
                "filter": True,
                "export": True,
                "executor": True,
                "max_error_share": True,
                "retry_errors": True,
                "persona": {"per_cell"},
            },
        )
        payload["jurisdiction"] = {"name": str(self.profile().id)}
        if payload.get("campaign") is None:
            payload.pop("campaign", None)  # single calls keep the run id they had before campaigns
        settings = payload["llm"]["settings"]
        payload["llm"]["settings"] = {k: v for k, v in settings.items() if k not in TRANSPORT_SETTINGS}
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        return f"run-{self.seed}-{hashlib.sha256(text.encode()).hexdigest()[:10]}"


MODEL_ERROR = "Value error, "


def first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    if not err["loc"] and err["msg"].startswith(MODEL_ERROR):  # a cross-field check names its fields
        return err["msg"].removeprefix(MODEL_ERROR)
    where = ".".join(str(p) for p in err["loc"]) or "config"
    return f"{where}: {err['msg']}"


def parse_run_config(data: dict[str, Any]) -> RunConfig:
    try:
        config = RunConfig.model_validate(data)
        config.grid()
    except ValidationError as exc:
        raise ConfigError(first_error(exc)) from None
    return config
