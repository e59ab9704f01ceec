"""The embedded default backend: policy-decided moves spoken from templates.

No model and no network; every choice of wording draws from the turn's
Generator, so a seed reproduces a dialogue byte for byte. It speaks only the
move it is given (it never decides), which also makes it the reference the
tests and the LLM backends' fallbacks use.
"""

from __future__ import annotations

import numpy as np

from scenarios import CollectorAct, DebtorAct
from scenarios.strategies import CollectorMove
from simulator.agents.debtor_policy import DebtorMove
from simulator.llm.base import Backend, BackendName, Utterance
from simulator.llm.slots import ID_HINTS, RELATIONS, case_slots, offer_shape, offer_slots
from simulator.llm.template_book import TemplateBook
from simulator.views import CollectorView, DebtorView

_WITH_OFFER_BODY = frozenset(
    {CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.HOLD_FIRM, CollectorAct.CONFIRM_AGREEMENT}
)


class ScriptedBackend(Backend):
    name = BackendName.SCRIPTED

    def __init__(self, language: str) -> None:
        self.book = TemplateBook.load(language)
        self.language = language

    def _slots(self, view: CollectorView | DebtorView, offer, rng: np.random.Generator) -> dict[str, str]:
        case = view.case
        slots = case_slots(case, view.call_date, view.agent_name)
        hints, relations = ID_HINTS[self.language], RELATIONS[self.language]
        spread = rng.random() * len(hints)  # one draw picks both: the fraction indexes the relation
        slots.update(
            debtor_name=case.customer_salutation,
            debtor_full_name=case.customer_name,
            id_hint=hints[int(spread)],
            relation=relations[int((spread % 1.0) * len(relations))],
        )
        slots.update(offer_slots(offer, case, view.call_date))
        return slots

    def collector_turn(self, view: CollectorView, move: CollectorMove, rng: np.random.Generator) -> Utterance:
        slots = self._slots(view, move.offer, rng)
        lead = self.book.render(f"collector.{move.act}.{view.tone}", slots, rng)
        parts = [lead.text]
        if move.act in _WITH_OFFER_BODY and move.offer is not None:
            parts.append(self.book.render(f"collector.offer_body.{offer_shape(move.offer)}", slots, rng).text)
            if move.offer.waiver > 0:
                parts.append(self.book.render("collector.waiver_clause", slots, rng).text)
            if move.act is not CollectorAct.CONFIRM_AGREEMENT:
                parts.append(self.book.render("collector.offer_question", slots, rng).text)
        return Utterance(text=self._join(parts), template_id=lead.template_id)

    def debtor_turn(self, view: DebtorView, move: DebtorMove, rng: np.random.Generator) -> Utterance:
        persona = view.persona
        upset = rng.random() < persona.traits.volatility * (1.0 - view.memory.trust)
        mood = "upset" if upset else "calm"
        offer = move.offer or view.offer_on_table or view.memory.heard_offer
        slots = self._slots(view, offer, rng)
        key = f"debtor.{move.act}.{mood}"
        if move.act is DebtorAct.EXPLAIN_REASON:
            key = f"debtor.explain_reason.{persona.root_cause}.{mood}"
        elif move.act is DebtorAct.DISPUTE:
            cause = (
                persona.root_cause if persona.root_cause in ("billing_dispute", "fraud_victim") else "other"
            )
            key = f"debtor.dispute.{cause}.{mood}"
        rendered = self.book.render(key, slots, rng)
        return Utterance(text=rendered.text, template_id=rendered.template_id)

    def _join(self, parts: list[str]) -> str:
        return ("" if self.language == "zh" else " ").join(p for p in parts if p)
