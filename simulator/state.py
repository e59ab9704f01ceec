"""The dialogue's graph state: only facts the dialogue produced.

`turns` is the one accumulating key and has a reducer; every other key is
replaced by the node that owns it. Termination is a typed enum set by a node,
which is all routing reads (`graph.route`). A failed dialogue's error is recorded by
the runner, outside the graph, so it has no key here: every key is a channel LangGraph
reads and checkpoints at every step, written or not.
"""

from __future__ import annotations

import operator
from typing import Annotated, TypedDict

from scenarios import Agreement
from scenarios.strategies import Evidence
from simulator.debtor_policy import DebtorMemory
from simulator.transcript import Termination, Turn


class DialogueState(TypedDict):
    turns: Annotated[list[Turn], operator.add]
    evidence: Evidence  # collector's memory, owned by the collector node
    memory: DebtorMemory  # debtor's memory, owned by the debtor node
    agreement: Agreement | None
    termination: Termination | None
