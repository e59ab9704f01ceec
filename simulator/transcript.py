"""What a finished dialogue leaves behind: turns, termination and the full record.

The transcript is the boundary between simulation and everything after it
(evaluation, export, re-scoring), so it carries every input needed to rebuild
or judge the dialogue: ids, seeds, the resolved config, case, policy, persona.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
)

from personas import DebtorPersona
from scenarios import (
    Agreement,
    CallContext,
    CollectorAct,
    CreditorPolicy,
    DebtCase,
    DebtorAct,
    JurisdictionProfile,
    Offer,
)
from scenarios.budget import Budget
from simulator.contact_history import ContactHistory
from simulator.repayment import Repayment

CAMPAIGN_FIELDS = ("account_id", "contact", "campaign_day", "prior", "repayment")
"""Transcript keys a campaign sets; left out of a single call's line."""
PROVENANCE_FIELDS = ("source", "unknown")
"""Transcript keys an ingested (real) call sets; left out of a simulated call's line."""
MARKS = ("fallback", "repaired")
"""Turn keys written only when true: scripted words in place of a model reply, or a repaired reply."""
FAILURE_FIELDS = ("error_turn", "error_class")
"""Transcript keys an errored dialogue sets (H6, issue 27); left out of a finished call's line."""


class Speaker(StrEnum):
    COLLECTOR = "collector"
    DEBTOR = "debtor"


class Source(StrEnum):
    """Where a transcript came from: the simulator, or a real call read in by `debtsim ingest`."""

    SIMULATED = "simulated"
    INGESTED = "ingested"


class Termination(StrEnum):
    AGREEMENT = "agreement"
    REFUSAL = "refusal"
    HANG_UP = "hang_up"
    MAX_TURNS = "max_turns"
    ESCALATION = "escalation"
    WRONG_PARTY = "wrong_party"
    DISPUTE_RECORDED = "dispute_recorded"  # a dispute recorded; collection waits for validation
    IDENTITY_THEFT = "identity_theft"  # identity theft reported; collection stopped
    CEASE_CONTACT = "cease_contact"  # the debtor asked for contact to stop
    REPRESENTED = "represented"  # an attorney acts for the debtor; contact goes there
    BANKRUPTCY = "bankruptcy"  # a bankruptcy filing stops collection
    UNVERIFIED = "unverified"  # identity did not match the file: ended without disclosure
    ERROR = "error"


class Usage(BaseModel):
    """Cost of producing one turn; zero for the scripted backend."""

    model_config = ConfigDict(frozen=True)

    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    repaired: bool = False
    fallback: bool = False


class Turn(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int
    speaker: Speaker
    act: CollectorAct | DebtorAct
    text: str = Field(description="what the other party heard")
    clean_text: str = Field(description="what was actually said")
    offer: Offer | None = None
    budget: Budget | None = Field(None, description="the budget a DISCLOSE_BUDGET turn states, as said")
    noise: tuple[str, ...] = ()
    garbled: bool = False
    thought: str = Field("", description="private reasoning; never shown to the other party")
    template_id: str | None = None
    usage: Usage = Usage()
    raw: str | None = Field(None, description="raw model output when it had to be repaired")

    @property
    def fallback(self) -> bool:
        """The model gave nothing usable: these are scripted words standing in for its reply."""
        return self.usage.fallback

    @property
    def repaired(self) -> bool:
        """The model's reply was valid only after a repair request (its first answer is in `raw`)."""
        return self.usage.repaired

    @model_serializer(mode="wrap")
    def _marked(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """`fallback: true` / `repaired: true` beside the text, where a reader sees them; written only
        when set, so a scripted turn's bytes stay what they were (reading the line back ignores them:
        `usage` stays the one source of both)."""
        data = handler(self)
        for key in MARKS:
            if getattr(self, key):
                data[key] = True
        return data


class NoiseSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    level: float
    kinds: tuple[str, ...] = Field(description="noise kinds the line could show at this level")


class BackendSettings(BaseModel):
    """Which backend spoke and how; modes are None where the producer did not say."""

    model_config = ConfigDict(frozen=True)

    backend: str
    collector_mode: str | None = None
    debtor_mode: str | None = None
    debtor_decision: str | None = None
    model: str | None = Field(None, description="the model name or folder, for model backends")


class DialogueSettings(BaseModel):
    """What determined this dialogue, in a few hundred bytes: enough to tell runs and cells
    apart line by line, without repeating the whole run config on every one of 100k lines
    (that lives once in the run's config.yaml)."""

    model_config = ConfigDict(frozen=True)

    run_id: str
    strategy: str
    cell: str
    language: str
    seed: int
    max_turns: int
    noise: NoiseSettings
    llm: BackendSettings


class Transcript(BaseModel):
    model_config = ConfigDict(frozen=True)

    dialogue_id: str
    run_id: str
    index: int
    seed: int
    language: str
    strategy: str
    backend: str
    noise_level: float
    cell: str
    case: DebtCase
    policy: CreditorPolicy
    jurisdiction: JurisdictionProfile | None = Field(
        None, description="the legal regime of the call; None in transcripts written before profiles"
    )
    call: CallContext | None = Field(None, description="local start time and prior attempts of the call")
    persona: DebtorPersona
    turns: list[Turn]
    termination: Termination
    error: str | None = None
    agreement: Agreement | None = None
    config: DialogueSettings | None = Field(None, description="the dialogue's resolved settings")
    account_id: str | None = Field(
        None, description="a campaign's account (debtor + case); None for a single call"
    )
    contact: int | None = Field(None, ge=1, description="number of this conversation on the account, from 1")
    campaign_day: int | None = Field(None, ge=0, description="campaign day of the call")
    prior: ContactHistory | None = Field(None, description="the earlier contacts the call remembered")
    repayment: Repayment | None = Field(
        None, description="what the call's promise actually paid within the campaign; None outside one"
    )
    scores: dict[str, Any] = Field(default_factory=dict)
    source: Source | None = Field(None, description="None or simulated: the simulator; ingested: a real call")
    unknown: tuple[str, ...] = Field(
        (), description="fields an ingested call did not carry, filled with placeholders (e.g. persona)"
    )
    error_turn: int | None = Field(
        None, ge=0, description="an errored dialogue: index of the turn that failed (= turns kept); H6"
    )
    error_class: str | None = Field(None, description="an errored dialogue: the exception's class name; H6")

    @model_serializer(mode="wrap")
    def _campaign_fields_only_in_a_campaign(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """A single call's line carries no campaign keys: its bytes stay what they were before campaigns."""
        data = handler(self)
        for key in CAMPAIGN_FIELDS:
            if data.get(key, 0) is None:
                del data[key]
        for key in PROVENANCE_FIELDS:
            if key in data and not data[key]:
                del data[key]
        for key in FAILURE_FIELDS:
            if data.get(key, 0) is None:
                del data[key]
        return data

    @field_validator("config", mode="before")
    @classmethod
    def _old_empty_config(cls, value: Any) -> Any:
        """Transcripts written before settings were stored carry `config: {}`."""
        return None if value == {} else value


def agreement_offer(transcript: Transcript) -> Offer | None:
    return transcript.agreement.offer if transcript.agreement else None
