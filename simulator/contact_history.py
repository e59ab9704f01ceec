"""What earlier contacts on the account left behind: the structured record a follow-up call starts from.

A collector calling back after a missed payment opens with it, and a debtor who
broke a promise starts the call warier; both read this record, which travels on
the dialogue context (`DialogueContext.history`) and is stored on the transcript.
It holds facts the creditor's file has (when the calls were, what was promised,
what arrived), never the debtor's hidden finances, so the collector may see it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PriorContact(BaseModel):
    """One earlier right-party conversation and what came of its promise."""

    model_config = ConfigDict(frozen=True)

    contact: int = Field(ge=1, description="number of the conversation on the account, from 1")
    day: int = Field(ge=0, description="campaign day of the conversation")
    termination: str = Field(description="how it ended (a Termination value)")
    promised: float = Field(0.0, ge=0, description="total promised; 0 without an agreement")
    paid: float = Field(0.0, ge=0, description="what arrived on that promise up to now")
    broken: bool = Field(False, description="a promised payment was missed")
    missed_amount: float | None = Field(None, ge=0, description="the payment that did not arrive")
    missed_day: int | None = Field(None, ge=0, description="campaign day it was due")
    missed_date: str | None = Field(None, description="ISO date it was due")


class ContactHistory(BaseModel):
    """Every earlier conversation on the account, oldest first; empty on the first contact."""

    model_config = ConfigDict(frozen=True)

    contacts: tuple[PriorContact, ...] = ()
    attempts: int = Field(0, ge=0, description="call attempts on the account before this one")
    trust_drop: float = Field(
        0.0, ge=0, le=1, description="trust the debtor starts with less per broken promise"
    )
    patience_drop: int = Field(0, ge=0, description="patience less per broken promise (never below 1)")

    @property
    def broken_promises(self) -> int:
        return sum(1 for c in self.contacts if c.broken)

    @property
    def last_broken(self) -> PriorContact | None:
        """The latest conversation whose promise was broken, if it is the latest promise at all."""
        promised = [c for c in self.contacts if c.promised > 0]
        return promised[-1] if promised and promised[-1].broken else None

    def debtor_start(self, trust: float, patience: int) -> dict[str, float | int]:
        """The debtor's starting trust and patience after its broken promises: warier, quicker to give up."""
        broken = self.broken_promises
        return {
            "trust": round(max(0.0, trust - self.trust_drop * broken), 4),
            "patience": max(1, patience - self.patience_drop * broken),
        }
