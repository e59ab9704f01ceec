"""Information asymmetry: the collector's view never holds the persona's hidden fields."""

from __future__ import annotations

import dataclasses

from personas import DebtorPersona
from simulator.agents.collector import build_view
from simulator.agents.debtor_policy import DebtorMemory
from simulator.dialogue import build_context, initial_state, plan_dialogue
from simulator.graph import build_graph, recursion_limit
from simulator.llm.scripted import ScriptedBackend
from simulator.views import CollectorView


def _hidden_values(persona: DebtorPersona) -> list[str]:
    fin = persona.finances
    numbers = [fin.monthly_income, fin.liquid_savings, fin.essential_expenses, fin.max_installment]
    return [f"{n:,.2f}" for n in numbers if n > 0] + [str(persona.root_cause)]


def test_collector_view_type_has_no_hidden_field():
    hints = {f.name: str(f.type) for f in dataclasses.fields(CollectorView)}
    assert "persona" not in hints and "memory" not in hints
    assert not any("DebtorPersona" in t or "DebtorMemory" in t for t in hints.values())


def test_collector_views_during_dialogues_never_hold_persona_values(make_config):
    config = make_config("n_dialogues=40", "noise=heavy")
    cells = config.grid().cells()
    backend = ScriptedBackend("en")
    graph = build_graph()
    for index in range(config.n_dialogues):
        ctx = build_context(config, plan_dialogue(config, cells, index), backend)
        state = graph.invoke(
            initial_state(ctx), config={"recursion_limit": recursion_limit(ctx.max_turns)}, context=ctx
        )
        turns = state["turns"]
        for cut in range(len(turns) + 1):
            view = build_view(turns[:cut], state["evidence"], ctx)
            dumped = repr(view)
            for value in _hidden_values(ctx.persona):
                assert value not in dumped
            assert not any(isinstance(v, DebtorPersona | DebtorMemory) for v in dataclasses.astuple(view))
            for line in view.history:
                debtor_turn = next((t for t in turns[:cut] if t.text == line.text), None)
                assert debtor_turn is None or line.text == debtor_turn.text  # heard, not clean
