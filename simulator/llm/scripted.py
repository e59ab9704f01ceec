"""The embedded default backend: policy-decided moves spoken from templates.

No model and no network; every choice of wording draws from the turn's
Generator, so a seed reproduces a dialogue byte for byte. It speaks only the
move it is given (it never decides), which also makes it the reference the
tests and the LLM backends' fallbacks use.

What the jurisdiction requires is added to the lead line, so no strategy can
forget it: the recording notice in the greeting, the debt-collector disclosure
where the debt is first stated (`JurisdictionProfile.requires`), and after a
stopping act the jurisdiction's next step and a sign-off. A close before the
identity was verified says nothing about the account.

Structured requests (`complete_json`, what the LLM judge sends) get a
deterministic stand-in answer: every field of the requested schema is filled
within its declared bounds from a Generator seeded by a SHA-256 digest of the
messages, so the judge path — prompt, backend, validation, storing — runs end
to end without a model, and the same prompt gets the same answer in every
process. The values carry no judgement of the dialogue; the reasons say so.
"""

from __future__ import annotations

import hashlib
import types
import typing
from enum import Enum

import numpy as np
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from personas import RootCause
from personas.root_cause import DisputeKind
from scenarios import CollectorAct, DebtorAct, Language
from scenarios.acts import STOPPING_ACTS
from scenarios.jurisdiction import Disclosure
from scenarios.offer import OfferKind
from scenarios.strategies import CollectorMove, ladder
from scenarios.strategies.base import concedes
from simulator.debtor_policy import DebtorMove
from simulator.llm.base import Backend, BackendError, BackendName, Utterance
from simulator.llm.slots import (
    ID_HINTS,
    RELATIONS,
    budget_slots,
    case_slots,
    file_digits,
    offer_shape,
    offer_slot_items,
    wrong_digits,
)
from simulator.llm.template_book import TemplateBook
from simulator.transcript import Usage
from simulator.views import CollectorView, DebtorView

_WITH_OFFER_BODY = frozenset(
    {CollectorAct.OFFER_PLAN, CollectorAct.CONCEDE, CollectorAct.HOLD_FIRM, CollectorAct.CONFIRM_AGREEMENT}
)
_STOPS = frozenset(STOPPING_ACTS.values())
_DISCLOSED_IN = {
    CollectorAct.GREET: Disclosure.RECORDING,
    CollectorAct.INFORM_DEBT: Disclosure.DEBT_COLLECTOR,
}
"""The turn each disclosure is spoken in, when the jurisdiction requires it (IDENTIFY_FIRM: every greeting)."""
STAND_IN_TEXT = {
    Language.EN: "scripted stand-in, no model: {field} drawn from prompt digest {digest}",
    Language.ZH: "脚本后端替身（无模型）：{field} 由提示摘要 {digest} 决定",
}
UNBOUNDED = (0.0, 10.0)
"""Range used for a number field that declares no bounds."""


def digest_rng(messages: list[tuple[str, str]]) -> tuple[np.random.Generator, str]:
    """A Generator seeded by the messages' SHA-256 (never Python's salted hash), and its short hex."""
    hasher = hashlib.sha256()
    for role, text in messages:
        hasher.update(f"{len(role)}:{role}{len(text)}:".encode())  # lengths keep the split unambiguous
        hasher.update(text.encode("utf-8"))
    digest = hasher.digest()
    return np.random.default_rng(np.frombuffer(digest, dtype=np.uint32)), digest.hex()[:12]


def bounds(field: FieldInfo, integer: bool) -> tuple[float, float]:
    """The field's declared range (pydantic keeps `ge`/`gt`/`le`/`lt` as metadata objects)."""
    step = 1.0 if integer else 1e-6
    low, high = UNBOUNDED
    for rule in field.metadata:
        if (limit := getattr(rule, "ge", None)) is not None:
            low = float(limit)
        if (limit := getattr(rule, "gt", None)) is not None:
            low = float(limit) + step
        if (limit := getattr(rule, "le", None)) is not None:
            high = float(limit)
        if (limit := getattr(rule, "lt", None)) is not None:
            high = float(limit) - step
    return low, max(low, high)


class SchemaFiller:
    """Fills a pydantic model's fields from one Generator, field by field in declaration order."""

    def __init__(self, rng: np.random.Generator, digest: str, language: str) -> None:
        self.rng, self.digest = rng, digest
        self.text = STAND_IN_TEXT[Language.ZH if language == Language.ZH else Language.EN]

    def model(self, schema: type[BaseModel], path: str = "") -> dict:
        out = {}
        for name, field in schema.model_fields.items():
            where = f"{path}.{name}" if path else name
            value = self.value(field.annotation, field, where)
            if value is not None or not field.is_required():
                out[name] = value
        return out

    def value(self, annotation: object, field: FieldInfo, where: str) -> object:
        origin = typing.get_origin(annotation)
        if isinstance(annotation, types.UnionType) or origin is typing.Union:
            arms = [a for a in typing.get_args(annotation) if a is not type(None)]
            return self.value(arms[0], field, where) if arms else None
        if origin is typing.Literal:
            return typing.get_args(annotation)[0]
        if origin in (list, tuple, set, frozenset, dict):
            return {} if origin is dict else []
        if isinstance(annotation, type):
            return self.scalar(annotation, field, where)
        raise BackendError(f"llm.backend=scripted cannot fill field {where!r} of type {annotation!r}")

    def scalar(self, kind: type, field: FieldInfo, where: str) -> object:
        if issubclass(kind, BaseModel):
            return self.model(kind, where)
        if issubclass(kind, Enum):
            members = list(kind)
            return members[int(self.rng.integers(len(members)))].value
        if kind is bool:
            return bool(self.rng.integers(2))
        if kind is int:
            low, high = bounds(field, integer=True)
            return int(self.rng.integers(int(np.ceil(low)), int(np.floor(high)) + 1))
        if kind is float:
            low, high = bounds(field, integer=False)
            return float(self.rng.uniform(low, high))
        if kind is str:
            return self.text.format(field=where, digest=self.digest)
        raise BackendError(f"llm.backend=scripted cannot fill field {where!r} of type {kind.__name__}")


def counter_shape(offer) -> str:
    """A debtor's counter may name only a monthly amount (no count yet): word it as installments."""
    if offer.amount_now <= 0 and offer.installment > 0:
        return "installments"
    return "full_now" if offer.installment <= 0 else "down_and_installments"


def _spoken_digits(view: DebtorView, move: DebtorMove) -> str:
    """The digits an identity answer says: the file's when it matches, others when it does not."""
    if move.act is DebtorAct.IDENTITY_MISMATCH:
        return wrong_digits(view.case, max(1, view.memory.mismatches))
    return file_digits(view.case)


def _debtor_key(view: DebtorView, move: DebtorMove, offer, mood: str) -> str:
    """The template key of a debtor move: by root cause, dispute kind or offer shape where those differ."""
    cause = view.persona.root_cause
    if move.act is DebtorAct.EXPLAIN_REASON:
        return f"debtor.explain_reason.{cause}.{mood}"
    if move.act is DebtorAct.DISPUTE:
        if cause is RootCause.FRAUD_VICTIM:
            return f"debtor.dispute.fraud_victim.{mood}"
        kind = move.dispute_kind or view.memory.dispute_kind or DisputeKind.NOT_MINE
        return f"debtor.dispute.{kind}.{mood}"
    if move.act is DebtorAct.COUNTER_OFFER:  # worded by the plan's shape: no "0.00 now" when monthly only
        return f"debtor.counter_offer.{counter_shape(offer)}.{mood}" if offer else f"debtor.plead.{mood}"
    return f"debtor.{move.act}.{mood}"


def at_floor(view: CollectorView, move: CollectorMove) -> bool:
    """Whether no in-policy offer asks less than the one held: only then may the words call it final.

    Hardship arrangements (token payments, longer plans) stay open until the debtor's budget
    has been heard, so before a disclosure no offer is called final (no "final offer" then a
    better one); after it, the collector has already answered the budget.
    """
    if move.offer is None:
        return False
    if view.evidence.budget is None and move.offer.kind is not OfferKind.TOKEN:
        return False
    return not any(concedes(rung, move.offer) for rung in ladder(view.case, view.policy))


class ScriptedBackend(Backend):
    name = BackendName.SCRIPTED

    def __init__(self, language: str) -> None:
        self.book = TemplateBook.load(language)
        self.language = language

    def _slots(self, view: CollectorView | DebtorView, offer, rng: np.random.Generator) -> dict[str, str]:
        slots = case_slots(view.case, view.call_date, view.agent_name)
        hints, relations = ID_HINTS[self.language], RELATIONS[self.language]
        spread = rng.random() * len(hints)  # one draw picks both: the fraction indexes the relation
        slots["id_hint"] = hints[int(spread)]
        slots["relation"] = relations[int((spread % 1.0) * len(relations))]
        slots.update(offer_slot_items(offer, view.case, view.call_date))
        return slots

    def collector_turn(self, view: CollectorView, move: CollectorMove, rng: np.random.Generator) -> Utterance:
        slots = self._slots(view, move.offer, rng)
        lead = self.book.render(self._collector_key(view, move), slots, rng)
        parts = [lead.text]
        if (
            move.act is CollectorAct.INFORM_DEBT and view.case.current_possible
        ):  # early arrears: what is due now
            parts.append(self.book.render("collector.past_due_note", slots, rng).text)
        disclosure = _DISCLOSED_IN.get(move.act)
        if disclosure is not None and view.jurisdiction.requires(disclosure):
            parts.append(self.book.render(f"collector.disclosure.{disclosure}", slots, rng).text)
        if move.act in _STOPS:
            parts.append(
                self.book.render(f"collector.next_step.{move.act}.{view.jurisdiction.id}", slots, rng).text
            )
            parts.append(self.book.render(f"collector.sign_off.{view.tone}", slots, rng).text)
        if move.act is CollectorAct.REFER_DEBT_ADVICE:
            parts.append(self.book.render(f"collector.debt_advice.{view.jurisdiction.id}", slots, rng).text)
        if move.act in _WITH_OFFER_BODY and move.offer is not None:
            parts.append(self.book.render(f"collector.offer_body.{offer_shape(move.offer)}", slots, rng).text)
            if move.offer.waiver > 0 and move.offer.kind is not OfferKind.SETTLEMENT:  # a settlement says it
                parts.append(self.book.render("collector.waiver_clause", slots, rng).text)
            if move.offer.hardship:
                parts.append(self.book.render("collector.hardship_clause", slots, rng).text)
            if move.act is not CollectorAct.CONFIRM_AGREEMENT:
                parts.append(self.book.render("collector.offer_question", slots, rng).text)
        return Utterance(text=self._join(parts), template_id=lead.template_id)

    @staticmethod
    def _collector_key(view: CollectorView, move: CollectorMove) -> str:
        if move.act is CollectorAct.CLOSE and not view.evidence.identity_verified:
            return f"collector.close_unverified.{view.tone}"
        if (
            move.act is CollectorAct.VERIFY_IDENTITY
            and view.evidence.last_debtor_act is DebtorAct.IDENTITY_MISMATCH
        ):
            return f"collector.verify_again.{view.tone}"
        if move.act is CollectorAct.HOLD_FIRM and at_floor(view, move):
            return f"collector.hold_firm_floor.{view.tone}"
        if (
            move.act is CollectorAct.OFFER_PLAN
            and move.offer is not None
            and move.offer.kind is OfferKind.CATCH_UP
        ):
            return f"collector.offer_catch_up.{view.tone}"  # the arrears, not the balance
        return f"collector.{move.act}.{view.tone}"

    def debtor_turn(self, view: DebtorView, move: DebtorMove, rng: np.random.Generator) -> Utterance:
        persona = view.persona
        upset = rng.random() < persona.traits.volatility * (1.0 - view.memory.trust)
        mood = "upset" if upset else "calm"
        offer = move.offer or view.offer_on_table or view.memory.heard_offer
        slots = self._slots(view, offer, rng)
        slots["id_digits"] = _spoken_digits(view, move)
        slots.update(budget_slots(move.budget, view.case))
        rendered = self.book.render(_debtor_key(view, move, offer, mood), slots, rng)
        return Utterance(text=rendered.text, template_id=rendered.template_id)

    def complete_json(
        self, messages: list[tuple[str, str]], schema: type[BaseModel]
    ) -> tuple[BaseModel, Usage]:
        """A schema-valid stand-in answer derived from the messages alone (see the module docstring)."""
        rng, digest = digest_rng(messages)
        data = SchemaFiller(rng, digest, self.language).model(schema)
        try:
            return schema.model_validate(data), Usage()
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise BackendError(
                f"llm.backend=scripted: stand-in {schema.__name__}.{where}: {first['msg']}"
            ) from None

    def _join(self, parts: list[str]) -> str:
        return ("" if self.language == Language.ZH else " ").join(p for p in parts if p)
