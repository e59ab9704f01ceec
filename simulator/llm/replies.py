"""What a model must return in decide_and_speak mode, as pydantic models.

The JSON schema the server is asked for comes from these models, and the same
models validate the reply, so a schema and its checker cannot drift. The rules
checked here are about shape (an offer act carries an offer, text is not
empty); whether an offer is inside creditor policy is checked outside the
backend, by the collector agent.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scenarios import CollectorAct, DebtorAct, Offer
from scenarios.acts import OFFER_ACTS

_COLLECTOR_WITH_OFFER = OFFER_ACTS | {CollectorAct.CONFIRM_AGREEMENT}
M = TypeVar("M", bound=BaseModel)


class ReplyInvalid(ValueError):
    """A model reply that does not fit its schema; the message is fed back in the repair prompt."""


class SpokenDebtorAct(StrEnum):
    """Debtor acts a model may choose; noise acts (silence, outbursts, third parties) come from the noise layer."""

    ANSWER = DebtorAct.ANSWER.value
    PROVIDE_IDENTITY = DebtorAct.PROVIDE_IDENTITY.value
    REFUSE_IDENTITY = DebtorAct.REFUSE_IDENTITY.value
    ACKNOWLEDGE_DEBT = DebtorAct.ACKNOWLEDGE_DEBT.value
    EXPLAIN_REASON = DebtorAct.EXPLAIN_REASON.value
    REQUEST_VERIFICATION = DebtorAct.REQUEST_VERIFICATION.value
    DISPUTE = DebtorAct.DISPUTE.value
    ACCEPT = DebtorAct.ACCEPT.value
    REJECT = DebtorAct.REJECT.value
    COUNTER_OFFER = DebtorAct.COUNTER_OFFER.value
    STALL = DebtorAct.STALL.value
    PLEAD = DebtorAct.PLEAD.value
    CONFIRM = DebtorAct.CONFIRM.value
    HANG_UP = DebtorAct.HANG_UP.value
    IDENTITY_MISMATCH = DebtorAct.IDENTITY_MISMATCH.value
    REPORT_IDENTITY_THEFT = DebtorAct.REPORT_IDENTITY_THEFT.value
    REQUEST_CEASE = DebtorAct.REQUEST_CEASE.value
    REPRESENTED = DebtorAct.REPRESENTED.value
    DECLARE_BANKRUPTCY = DebtorAct.DECLARE_BANKRUPTCY.value


class CollectorReply(BaseModel):
    """The collector's next move and its words."""

    model_config = ConfigDict(extra="ignore")

    act: CollectorAct = Field(description="the dialogue act of this turn")
    offer: Offer | None = Field(
        None, description="the repayment plan, only for offer_plan, concede, hold_firm, confirm_agreement"
    )
    text: str = Field(min_length=1, description="exactly what the collector says")

    @model_validator(mode="after")
    def _offer_matches_act(self) -> CollectorReply:
        if self.act in _COLLECTOR_WITH_OFFER and self.offer is None:
            raise ValueError(f"act {self.act} needs an offer")
        if self.act not in _COLLECTOR_WITH_OFFER and self.offer is not None:
            return self.model_copy(update={"offer": None})
        return self


class DebtorReply(BaseModel):
    """The debtor's next move and its words."""

    model_config = ConfigDict(extra="ignore")

    act: SpokenDebtorAct = Field(description="the dialogue act of this turn")
    offer: Offer | None = Field(None, description="what the debtor offers to pay, only for counter_offer")
    text: str = Field(min_length=1, description="exactly what the debtor says")

    @model_validator(mode="after")
    def _offer_matches_act(self) -> DebtorReply:
        if self.act is SpokenDebtorAct.COUNTER_OFFER and self.offer is None:
            raise ValueError("act counter_offer needs an offer")
        if self.act is not SpokenDebtorAct.COUNTER_OFFER and self.offer is not None:
            return self.model_copy(update={"offer": None})
        return self

    def debtor_act(self) -> DebtorAct:
        return DebtorAct(self.act.value)


def brief(exc: ValidationError) -> str:
    """A validation error in a line a small model can act on."""
    parts = [f"{'.'.join(str(p) for p in e['loc']) or 'reply'}: {e['msg']}" for e in exc.errors()[:3]]
    return "; ".join(parts)


def parse_reply(text: str, schema: type[M]) -> M:
    """The one JSON object in `text` (chatter and code fences around it are tolerated), validated."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise ReplyInvalid("no JSON object in the reply" if text.strip() else "empty reply")
    try:
        return schema.model_validate_json(text[start : end + 1])
    except ValidationError as exc:
        raise ReplyInvalid(brief(exc)) from None
