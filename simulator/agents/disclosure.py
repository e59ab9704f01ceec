"""How a debtor answers the budget question: the income-and-expenditure statement it discloses.

The statement is the debtor's own account of its hidden finances, so it can be honest or
not, and traits decide which (issue 23, item 2). Everyone rounds: income down and spending
up to the nearest ten, so no statement recites a figure from the file to the cent. A
debtor that shades what it says it can pay (`behaviour.understate`: strategic defaulters
most) understates its income and savings and overstates its spending by that much; an
uncooperative one hides part of its savings (income shaded by half the factor, spending by a
quarter, savings by all of it); a financially illiterate one is optimistic
and overstates its income. A collector that sizes a plan by an understated statement
asks too little; by an overstated one, a plan the debtor then refuses (it answers offers
from its true finances, `simulator.debtor_policy.respond_to_offer`).
"""

from __future__ import annotations

import math

from personas import DebtorPersona, RootCause
from scenarios.budget import Budget

ROUND_TO = 10.0
OPTIMISM = (1.05, 1.2)
"""Range of the income overstatement of a financially illiterate debtor."""
HIDDEN_SAVINGS = (0.3, 0.7)
"""Share of savings an uncooperative debtor leaves out."""
UNCOOPERATIVE = 0.35
"""Cooperativeness below which a debtor hides part of its savings."""


def _down(value: float) -> float:
    return max(0.0, math.floor(value / ROUND_TO) * ROUND_TO)


def _up(value: float) -> float:
    return max(0.0, math.ceil(value / ROUND_TO) * ROUND_TO)


def disclose_budget(persona: DebtorPersona) -> Budget:
    """The statement the debtor gives, shaded by its traits.

    A function of the persona alone (no draw): asked again, or after "sorry?", a debtor
    gives the same figures. How optimistic, and how much it hides, follow its traits.
    """
    fin, behaviour, traits = persona.finances, persona.behaviour, persona.traits
    shade = behaviour.understate
    optimism = OPTIMISM[0] + (OPTIMISM[1] - OPTIMISM[0]) * traits.verbosity
    hidden = HIDDEN_SAVINGS[0] + (HIDDEN_SAVINGS[1] - HIDDEN_SAVINGS[0]) * (1.0 - traits.cooperativeness)
    income = fin.monthly_income * (1.0 - shade / 2)
    if persona.root_cause is RootCause.FINANCIAL_ILLITERACY:
        income *= optimism
    savings = fin.liquid_savings * (1.0 - shade)
    if persona.traits.cooperativeness < UNCOOPERATIVE:
        savings *= 1.0 - hidden
    return Budget(
        monthly_income=_down(income),
        essential_expenses=_up(fin.essential_expenses * (1.0 + shade / 4)),
        other_debt_payments=_up(fin.other_debt_payments),
        savings=_down(savings),
    )
