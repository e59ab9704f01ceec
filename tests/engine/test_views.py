"""Information asymmetry: the collector's view never holds the persona's hidden fields."""

from __future__ import annotations

import dataclasses

from personas import DebtorPersona
from simulator.agents.collector import build_view
from simulator.debtor_policy import DebtorMemory
from simulator.dialogue import build_context, initial_state, plan_dialogue
from simulator.graph import build_graph, recursion_limit
from simulator.llm.scripted import ScriptedBackend
from simulator.transcript import Speaker
from simulator.views import CollectorView


def _hidden_amounts(persona: DebtorPersona) -> set[str]:
    fin = persona.finances
    numbers = [fin.monthly_income, fin.liquid_savings, fin.essential_expenses, fin.max_installment]
    return {f"{n:,.2f}" for n in numbers if n > 0} | {repr(n) for n in numbers if n > 0}


def _said_aloud(turns) -> set[str]:
    """Amounts the debtor itself named (a counter-offer may state its true capacity)."""
    amounts = [
        x
        for t in turns
        if t.speaker is Speaker.DEBTOR and t.offer
        for x in (t.offer.amount_now, t.offer.installment)
    ]
    return {f"{x:,.2f}" for x in amounts} | {repr(x) for x in amounts}


def test_collector_view_type_has_no_hidden_field():
    hints = {f.name: str(f.type) for f in dataclasses.fields(CollectorView)}
    assert "persona" not in hints and "memory" not in hints
    assert not any("DebtorPersona" in t or "DebtorMemory" in t for t in hints.values())


def test_collector_views_during_dialogues_never_hold_persona_values(make_config):
    config = make_config("n_dialogues=40", "noise=heavy")
    cells = config.grid().cells()
    backend = ScriptedBackend("en")
    graph = build_graph()
    corrupted = 0
    for index in range(config.n_dialogues):
        ctx = build_context(config, plan_dialogue(config, cells, index), backend)
        state = graph.invoke(
            initial_state(ctx), config={"recursion_limit": recursion_limit(ctx.max_turns)}, context=ctx
        )
        turns = state["turns"]
        for cut in range(len(turns) + 1):
            view = build_view(turns[:cut], state["evidence"], ctx)
            dumped = repr(view)
            beside_history = repr(dataclasses.replace(view, history=()))
            for value in _hidden_amounts(ctx.persona) - _said_aloud(turns[:cut]):
                assert value not in dumped
            assert str(ctx.persona.root_cause) not in beside_history  # only what the debtor chose to say
            assert not any(isinstance(v, DebtorPersona | DebtorMemory) for v in dataclasses.astuple(view))
            assert len(view.history) == cut
            for line, turn in zip(view.history, turns[:cut], strict=True):
                assert line.speaker is turn.speaker
                if turn.speaker is Speaker.DEBTOR and turn.thought:
                    assert turn.thought not in beside_history  # the debtor's reasoning stays private
                if turn.speaker is Speaker.DEBTOR:
                    assert line.text == turn.text  # what the collector heard, noise included
                    assert line.act == (None if turn.garbled else str(turn.act))
        corrupted += sum(t.speaker is Speaker.DEBTOR and t.text != t.clean_text for t in turns)
    assert corrupted > 20  # the heavy line really corrupted what the collector heard
