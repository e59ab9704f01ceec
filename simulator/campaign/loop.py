"""One account, worked day by day: dial, talk, book payments, until it closes or the days run out.

The run-one layer of a campaign: no config parsing, no I/O. Each day the
payments due are booked first (a missed one breaks the promise); an account
whose promise is being kept is left alone; otherwise the dialler places up to
`attempts_per_day` lawful attempts, and a right-party contact is a dialogue on
the same graph as a single call, with the account's file as of that day and
the record of earlier contacts. Every random draw comes from a Generator keyed
by the run seed, the account and the attempt or contact number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from personas.language import world_key
from simulator.campaign.account import AccountStatus, Ledger, Promise
from simulator.campaign.attempts import Attempt, AttemptOutcome, draw_outcome
from simulator.campaign.followup import FollowUpBackend
from simulator.campaign.schedule import DialLog, call_context, lawful, start_time
from simulator.config import CampaignConfig, LLMConfig
from simulator.contact_history import ContactHistory, PriorContact
from simulator.context import DialogueContext
from simulator.dialogue import run_dialogue
from simulator.repayment import draw_payments, plan_burden
from simulator.shard import error_transcript
from simulator.transcript import Termination, Transcript

ATTEMPT_STREAM = 32
PAYMENT_STREAM = 48
"""Seed keys of the dialler's and the payments' Generators, apart from the persona (0), call (16) and
turn (1, 2) streams."""
CONTACT_STRIDE = 1000
"""A contact's dialogue index is account index × stride + contact number: its turn streams are its own."""
HALTING = frozenset(
    {
        Termination.DISPUTE_RECORDED,
        Termination.IDENTITY_THEFT,
        Termination.CEASE_CONTACT,
        Termination.REPRESENTED,
        Termination.BANKRUPTCY,
    }
)
"""Endings after which collection stops (issue 22): the campaign stops calling the account."""


def stream(ctx: DialogueContext, account: int, key: int, number: int) -> np.random.Generator:
    return np.random.default_rng([ctx.seed, account, key, number, *world_key(ctx.language)])


class AccountRecord(BaseModel):
    """One account's campaign in one line of accounts.jsonl: the facts the campaign summary reads."""

    model_config = ConfigDict(frozen=True)

    account_id: str
    index: int
    run_id: str
    persona_id: str
    strategy: str
    language: str
    root_cause: str
    band: str
    product: str
    currency: str
    stage_start: str
    stage_end: str
    status: AccountStatus
    outstanding: float = Field(description="balance at the start of the campaign")
    paid: float
    lump_paid: float = Field(description="paid out of savings as lump sums")
    savings: float = Field(description="the debtor's liquid savings at the start")
    plan_burden: float | None = Field(None, description="installment ÷ disposable income of the last promise")
    attempts: int
    contacts: int = Field(description="right-party conversations")
    promises: int
    broken: int
    days: int = Field(description="days worked: to closing, or the whole campaign")


@dataclasses.dataclass(slots=True)
class AccountRun:
    """What one account leaves: its dialogues, its attempts and its record."""

    transcripts: list[Transcript]
    attempts: list[Attempt]
    record: AccountRecord


@dataclasses.dataclass(slots=True)
class Work:
    """The state of one account's loop."""

    base: DialogueContext
    account: int
    account_id: str
    config: CampaignConfig
    ledger: Ledger
    graph: object
    run_id: str
    cell: str
    llm: LLMConfig | None = None
    log: DialLog = dataclasses.field(default_factory=DialLog)
    transcripts: list[Transcript] = dataclasses.field(default_factory=list)
    attempts: list[Attempt] = dataclasses.field(default_factory=list)
    next_call: int = 0


def history_of(work: Work) -> ContactHistory:
    return ContactHistory(
        contacts=tuple(work.ledger.contacts),
        attempts=len(work.attempts),
        trust_drop=work.config.broken_trust,
        patience_drop=work.config.broken_patience,
    )


def contact_context(work: Work, day: int, attempt: Attempt, contact: int) -> DialogueContext:
    """The dialogue of a right-party contact: the file as of `day`, the call's timing, the history."""
    history = history_of(work)
    missed = history.last_broken
    backend = FollowUpBackend(work.base.backend, missed) if missed is not None else work.base.backend
    return dataclasses.replace(
        work.base,
        dialogue_id=f"{work.account_id}-c{contact:02d}",
        index=work.account * CONTACT_STRIDE + contact,
        case=work.ledger.case_on(day),
        call=attempt.call,
        call_date=(work.ledger.start + dt.timedelta(days=day)).isoformat(),
        history=history,
        backend=backend,
    )


def converse(work: Work, day: int, attempt: Attempt) -> Transcript:
    """Run the right-party dialogue of `attempt` and book what it agreed."""
    ledger, contact = work.ledger, len(work.ledger.contacts) + 1
    ctx = contact_context(work, day, attempt, contact)
    try:
        transcript = run_dialogue(work.graph, ctx, work.run_id, work.cell, work.llm)
    except Exception as exc:  # a failed dialogue is recorded, never lost; the account goes on
        transcript = error_transcript(ctx, work.cell, work.run_id, exc, work.llm)
    update = {"account_id": work.account_id, "contact": contact, "campaign_day": day, "prior": ctx.history}
    transcript = transcript.model_copy(update=update)
    offer = transcript.agreement.offer if transcript.agreement else None
    ledger.contacts.append(
        PriorContact(
            contact=contact,
            day=day,
            termination=str(transcript.termination),
            promised=offer.total if offer else 0.0,
        )
    )
    work.log = dataclasses.replace(work.log, last_conversation=day)
    work.next_call = day + work.config.retry_days
    if offer is not None:
        horizon = work.config.days - 1 - day
        repayment = draw_payments(
            ctx.persona, offer, stream(ctx, work.account, PAYMENT_STREAM, contact), horizon
        )
        ledger.promises.append(Promise(contact=contact, day=day, offer=offer, repayment=repayment))
        ledger.settle(day)  # a payment promised for today lands today
    elif transcript.termination in HALTING:
        ledger.stop(day)
    return transcript


def dial(work: Work, day: int, slot: int) -> Attempt:
    """Place one attempt in the `slot`-th part of the day's calling hours, and log it."""
    base, number = work.base, len(work.attempts) + 1
    rng = stream(base, work.account, ATTEMPT_STREAM, number)
    date = work.ledger.start + dt.timedelta(days=day)
    tz = base.call.timezone if base.call else base.jurisdiction.places[0].timezone
    start = start_time(rng, base.jurisdiction, date, slot, work.config.attempts_per_day, tz)
    call = call_context(start, work.log, day)
    outcome = draw_outcome(rng, work.config)
    contact = len(work.ledger.contacts) + 1
    dialogue = f"{work.account_id}-c{contact:02d}" if outcome is AttemptOutcome.RIGHT_PARTY else None
    attempt = Attempt(
        account_id=work.account_id, number=number, day=day, call=call, outcome=outcome, dialogue_id=dialogue
    )
    work.attempts.append(attempt)
    work.log = dataclasses.replace(work.log, attempt_days=(*work.log.attempt_days, day))
    return attempt


def work_day(work: Work, day: int) -> None:
    """One day of the account: payments first, then calls while the dialler may and nobody has talked."""
    broke = work.ledger.settle(day)
    if broke is not None:
        work.next_call = day + work.config.follow_up_days
    if not work.ledger.open or work.ledger.keeping(day) or day < work.next_call:
        return
    for slot in range(work.config.attempts_per_day):
        if len(work.attempts) >= work.config.max_attempts or not lawful(
            work.log, work.base.jurisdiction, day
        ):
            return
        attempt = dial(work, day, slot)
        if attempt.outcome is AttemptOutcome.RIGHT_PARTY:
            work.transcripts.append(converse(work, day, attempt))
            return


def with_payments(work: Work, last_day: int) -> list[Transcript]:
    """Each promising dialogue with what its promise actually paid within the campaign."""
    paid = {p.contact: p.arrived_by(last_day) for p in work.ledger.promises}
    return [
        t.model_copy(update={"repayment": paid.get(t.contact)}) if t.contact in paid else t
        for t in work.transcripts
    ]


def record_of(work: Work, last_day: int) -> AccountRecord:
    ledger, base = work.ledger, work.base
    status = ledger.final_status(last_day)
    days = ledger.closed_day + 1 if ledger.closed_day is not None else work.config.days
    promise = ledger.current_promise
    persona = base.persona
    return AccountRecord(
        account_id=work.account_id,
        index=work.account,
        run_id=work.run_id,
        persona_id=persona.persona_id,
        strategy=base.strategy.name,
        language=str(base.language),
        root_cause=str(persona.root_cause),
        band=str(persona.band),
        product=str(ledger.case.product),
        currency=ledger.case.currency,
        stage_start=str(ledger.case.stage),
        stage_end=str(ledger.case_on(min(last_day, days - 1)).stage),
        status=status,
        outstanding=ledger.case.outstanding,
        paid=ledger.paid,
        lump_paid=ledger.lump_paid,
        savings=persona.finances.liquid_savings,
        plan_burden=round(plan_burden(persona, promise.offer), 4) if promise else None,
        attempts=len(work.attempts),
        contacts=len(ledger.contacts),
        promises=len(ledger.promises),
        broken=sum(1 for c in ledger.contacts if c.broken),
        days=days,
    )


def run_account(work: Work) -> AccountRun:
    """Work the account day by day until it closes or the campaign ends."""
    last_day = work.config.days - 1
    for day in range(work.config.days):
        work_day(work, day)
        if not work.ledger.open:
            last_day = day
            break
    return AccountRun(with_payments(work, last_day), work.attempts, record_of(work, last_day))


def account_id(seed: int, account: int) -> str:
    return f"a{seed}-{account:07d}"


def start_work(
    base: DialogueContext, account: int, config: CampaignConfig, graph, run_id: str, cell: str, llm=None
) -> Work:
    """The loop's state for account `account`, whose debtor, case and strategy `base` holds."""
    start = dt.date.fromisoformat(base.call_date)
    return Work(
        base=base,
        account=account,
        account_id=account_id(base.seed, account),
        config=config,
        ledger=Ledger(case=base.case, start=start),
        graph=graph,
        run_id=run_id,
        cell=cell,
        llm=llm,
    )
