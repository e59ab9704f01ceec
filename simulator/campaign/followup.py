"""A follow-up call after a broken promise: the collector names the missed payment.

The collector's file shows what was promised and what arrived, so a call after
a missed payment opens the debt with it ("the payment you promised for 3 March
has not arrived") rather than as if the account were new. The line names the date,
not the amount: the turn that states the debt may state only amounts on the case
record (the compliance judge's misstated-amount rule), and the instalment is not one. This wraps the run's
backend for such a call and appends one line (`collector.missed_payment.<tone>`)
to the collector's first statement of the debt — after the identity check, so
nothing is said about the debt to an unverified listener. Every other turn, and
every backend call, passes through unchanged.
"""

from __future__ import annotations

import contextlib

import numpy as np

from scenarios import CollectorAct, Language, Offer
from simulator.contact_history import PriorContact
from simulator.llm.base import Backend, Utterance
from simulator.llm.slots import case_slots, offer_slots
from simulator.llm.template_book import TemplateBook
from simulator.views import CollectorView, DebtorView

MISSED_KEY = "collector.missed_payment"


def missed_line(view: CollectorView, missed: PriorContact, rng: np.random.Generator) -> str:
    """The sentence naming the missed payment, in the call's language and the strategy's tone."""
    book = TemplateBook.load(Language(view.language))
    amount = Offer(
        amount_now=missed.missed_amount or 0.0, installment=0.0, count=0, waiver=0.0, first_due_days=0
    )
    slots = case_slots(view.case, view.call_date, view.agent_name)
    slots |= offer_slots(amount, view.case, missed.missed_date or view.call_date)
    return book.render(f"{MISSED_KEY}.{view.tone}", slots, rng).text


def first_statement(view: CollectorView, act: CollectorAct) -> bool:
    """The collector's first statement of the debt in this call."""
    said = str(CollectorAct.INFORM_DEBT)
    return act is CollectorAct.INFORM_DEBT and not any(line.act == said for line in view.history)


class FollowUpBackend(Backend):
    """The run's backend, with the missed payment named when the debt is first stated."""

    def __init__(self, inner: Backend, missed: PriorContact) -> None:
        self.inner, self.missed = inner, missed
        self.name = inner.name

    def _with_missed(self, view: CollectorView, move, utt: Utterance, rng: np.random.Generator) -> Utterance:
        act = utt.act if isinstance(utt.act, CollectorAct) else move.act
        if not first_statement(view, act):
            return utt
        joiner = "" if Language(view.language) is Language.ZH else " "
        return utt.model_copy(update={"text": utt.text + joiner + missed_line(view, self.missed, rng)})

    def collector_turn(self, view: CollectorView, move, rng: np.random.Generator) -> Utterance:
        return self._with_missed(view, move, self.inner.collector_turn(view, move, rng), rng)

    async def acollector_turn(self, view: CollectorView, move, rng: np.random.Generator) -> Utterance:
        return self._with_missed(view, move, await self.inner.acollector_turn(view, move, rng), rng)

    def debtor_turn(self, view: DebtorView, move, rng: np.random.Generator) -> Utterance:
        return self.inner.debtor_turn(view, move, rng)

    async def adebtor_turn(self, view: DebtorView, move, rng: np.random.Generator) -> Utterance:
        return await self.inner.adebtor_turn(view, move, rng)

    def complete_json(self, messages, schema):
        return self.inner.complete_json(messages, schema)

    async def acomplete_json(self, messages, schema):
        return await self.inner.acomplete_json(messages, schema)

    def session(self) -> contextlib.AbstractAsyncContextManager[None]:
        return self.inner.session()

    def close(self) -> None:
        """The inner backend belongs to the run, which closes it."""
