"""Prompts for the model backends: template files per language, role and mode.

The collector's prompt is filled only from a `CollectorView` (case, policy,
strategy, what was heard), so a hidden persona field cannot reach it; the
debtor's prompt carries the persona card. The card and the move go in the one
system message (some chat templates reject a second system message), and the
dialogue so far follows as alternating user/assistant turns from the
speaker's side. `debtsim prompt` prints a rendered prompt.

The collector's prompt carries the law of the call from its jurisdiction
profile: the disclosures the profile requires, the rule to stop after a
dispute, an identity-theft report, a cease request, an attorney or a
bankruptcy, the identity rule, and — when the move is a stopping act — the
next step that jurisdiction owes. The debtor's prompt carries the identity
digits on file and, for a dispute, what the dispute says is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

import yaml
from pydantic import BaseModel

from scenarios import DebtorAct, Offer
from scenarios.strategies import CollectorMove
from simulator.debtor_policy import DebtorMove
from simulator.llm.backend_settings import StructuredMethod
from simulator.llm.base import AgentMode
from simulator.llm.replies import CollectorReply, DebtorReply, SpokenDebtorAct
from simulator.llm.slots import case_slots, file_digits, money, offer_slots
from simulator.transcript import Speaker
from simulator.views import CollectorView, DebtorView, as_chat

PROMPTS = Path(__file__).parent / "prompts"
Message = tuple[str, str]
_MODE_FILE = {AgentMode.SPEAK: "speak", AgentMode.DECIDE_AND_SPEAK: "decide"}


@dataclass(frozen=True, slots=True)
class PromptBook:
    """The templates and phrases of one language."""

    language: str
    templates: dict[str, Template]
    phrases: dict

    @staticmethod
    @cache
    def load(language: str) -> PromptBook:
        folder = PROMPTS / language
        templates = {p.stem: Template(p.read_text(encoding="utf-8")) for p in folder.glob("*.md")}
        phrases = yaml.safe_load((folder / "phrases.yaml").read_text(encoding="utf-8"))
        return PromptBook(language, templates, phrases)

    def _offer(self, offer: Offer, case, call_date: str) -> str:
        key = "offer_full" if offer.count == 0 else "offer"
        return self.phrases[key].format(**offer_slots(offer, case, call_date))

    def _move(self, table: str, act: str, offer: Offer | None, case, call_date: str) -> str:
        said = f"{act} — {self.phrases[table][act]}"
        return said if offer is None else f"{said}: {self._offer(offer, case, call_date)}"

    def _collector_move(self, view: CollectorView, move: CollectorMove) -> str:
        """The playbook's move, with the jurisdiction's next step when it stops collection."""
        said = self._move("collector_acts", str(move.act), move.offer, view.case, view.call_date)
        steps = self.phrases["next_steps"].get(str(move.act))
        if steps is None:
            return said
        return f"{said}. {self.phrases['next_step']}: {steps[str(view.jurisdiction.id)]}"

    def _debtor_move(self, view: DebtorView, move: DebtorMove) -> str:
        """The persona's move, with what a dispute says is wrong."""
        said = self._move("debtor_acts", str(move.act), move.offer, view.case, view.call_date)
        kind = move.dispute_kind or view.memory.dispute_kind
        if move.act is not DebtorAct.DISPUTE or kind is None:
            return said
        return f"{said}: {self.phrases['dispute_kinds'][str(kind)]}"

    def law(self, view: CollectorView) -> str:
        """The rules of the call's jurisdiction: its regulation, required disclosures, stops, identity."""
        profile = view.jurisdiction
        lines = [self.phrases["law"].format(regulation=profile.regulation)]
        lines += [
            self.phrases["disclosures"][str(d)].format(creditor=view.case.creditor)
            for d in profile.disclosures
        ]
        lines += [self.phrases["stop_rule"], self.phrases["identity_rule"]]
        return "\n".join(lines)

    def _level(self, value: float) -> str:
        levels = self.phrases["levels"]
        return levels[min(len(levels) - 1, int(value * len(levels)))]

    def _format(self, method: StructuredMethod, schema: type[BaseModel]) -> str:
        head = self.phrases["format"][str(method)].format(name=schema.__name__)
        if method is StructuredMethod.FUNCTION_CALLING:
            return head
        return f"{head}\n{json.dumps(schema.model_json_schema(), ensure_ascii=False)}"

    def _acts(self, table: str, acts) -> str:
        return "\n".join(f"- {a}: {self.phrases[table][str(a)]}" for a in acts)

    def _chat(self, history, me: Speaker, limit: int) -> list[Message]:
        lines = as_chat(history[-limit:], me)
        if not lines or lines[0][0] == "assistant":
            lines.insert(0, ("user", self.phrases["call_connected"]))
        return lines

    def collector_slots(self, view: CollectorView) -> dict[str, str]:
        case, policy, ev = view.case, view.policy, view.evidence
        stated = [money(v, case) for v in (ev.stated_lump, ev.stated_installment) if v is not None]
        offers = "; ".join(self._offer(o, case, view.call_date) for o in ev.offers[-2:])
        return case_slots(case, view.call_date, view.agent_name) | {
            "call_date": view.call_date,
            "customer": case.customer_name,
            "salutation": case.customer_salutation,
            "currency": case.currency,
            "principal_due": money(case.principal_due, case),
            "fees": money(case.fees_interest, case),
            "max_waiver": money(policy.max_waiver(case), case),
            "max_installments": str(policy.max_installments),
            "min_down": money(case.outstanding * policy.min_down_fraction, case),
            "latest_first": str(policy.latest_first_payment_days),
            "floor": money(policy.floor(case), case),
            "strategy": self.phrases["strategies"].get(view.strategy, view.strategy),
            "tone": self.phrases["tones"][str(view.tone)],
            "verified": self.phrases["affirmative" if ev.identity_verified else "negative"],
            "mismatches": str(ev.identity_mismatches),
            "stated": " / ".join(stated) or self.phrases["none"],
            "offers": offers or self.phrases["none"],
        }

    def debtor_slots(self, view: DebtorView) -> dict[str, str]:
        p, case, fin = view.persona, view.case, view.persona.finances
        return case_slots(case, view.call_date, view.agent_name) | {
            "name": p.full_name(),
            "age": str(p.identity.age),
            "occupation": p.identity.occupation,
            "region": p.identity.region,
            "currency": case.currency,
            "root_cause": self.phrases["root_causes"][str(p.root_cause)],
            "income": money(fin.monthly_income, case),
            "expenses": money(fin.essential_expenses, case),
            "other_debt": money(fin.other_debt_payments, case),
            "savings": money(fin.liquid_savings, case),
            "max_lump": money(fin.max_lump_sum, case),
            "max_installment": money(fin.max_installment, case),
            "willingness": self._level(p.willingness),
            "cooperativeness": self._level(p.traits.cooperativeness),
            "volatility": self._level(p.traits.volatility),
            "trust": self._level(view.memory.trust),
            "id_digits": file_digits(case),
        }

    def collector_messages(
        self,
        view: CollectorView,
        move: CollectorMove,
        mode: AgentMode,
        method: StructuredMethod,
        limit: int,
    ) -> list[Message]:
        slots = self.collector_slots(view) | {
            "move": self._collector_move(view, move),
            "law": self.law(view),
            "acts": self._acts("collector_acts", self.phrases["collector_acts"]),
            "format": self._format(method, CollectorReply),
        }
        system = self.templates[f"collector_{_MODE_FILE[mode]}"].substitute(slots)
        return [("system", system), *self._chat(view.history, Speaker.COLLECTOR, limit)]

    def debtor_messages(
        self,
        view: DebtorView,
        move: DebtorMove,
        mode: AgentMode,
        method: StructuredMethod,
        limit: int,
    ) -> list[Message]:
        slots = self.debtor_slots(view) | {
            "move": self._debtor_move(view, move),
            "acts": self._acts("debtor_acts", SpokenDebtorAct),
            "format": self._format(method, DebtorReply),
        }
        system = self.templates[f"debtor_{_MODE_FILE[mode]}"].substitute(slots)
        return [("system", system), *self._chat(view.history, Speaker.DEBTOR, limit)]

    def repair(self, error: str, raw: str) -> Message:
        return ("user", self.templates["repair"].substitute(error=error[:600], raw=raw[:600]))


def render(messages: list[Message]) -> str:
    """A prompt as plain text, one block per message, for reading and debugging."""
    return "\n\n".join(f"[{role}]\n{text}" for role, text in messages)
