"""The trained collector's prompt: system prompt + the last lines of the call, built one way for all.

Why one module: a fine-tuned collector only does well on prompts shaped like
the ones it was trained on. Replay (`llm=hf`), training samples
(`debtsim.train.train_samples`), SPIN pairs (`debtsim.loop`) and IFD scoring
(`evaluators.selection.ifd`) all build the collector's context here, so the
window the model is replayed with is the window it was trained and scored on.

The messages follow the export's rules (`debtsim.export.conversation`):
debtor = user, collector = assistant, a synthetic user opener when the
collector speaks first, same-role lines merged with a newline, an empty line
replaced by the inaudible marker. The window keeps the last `limit` messages
and never starts with the assistant. This module holds no model and no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from scenarios import CreditorPolicy, DebtCase
from scenarios.money import format_amount

USER, ASSISTANT, SYSTEM = "user", "assistant", "system"
TokenCount = Callable[[list[dict], str], int]
"""Tokens of a prompt (chat messages, generation header included) plus one completion."""


def chat_messages(lines: Iterable[tuple[str, str]], opener: str, inaudible: str) -> list[dict]:
    """(role, text) lines as alternating messages that start with the user, as the export writes them."""
    out: list[dict] = []
    for role, text in lines:
        content = (text or "").strip() or inaudible
        if not out and role == ASSISTANT:
            out.append({"role": USER, "content": opener})
        if out and out[-1]["role"] == role:
            out[-1] = {"role": role, "content": f"{out[-1]['content']}\n{content}"}
        else:
            out.append({"role": role, "content": content})
    return out


def history_window(messages: Sequence[dict], limit: int) -> list[dict]:
    """The last `limit` messages, starting with the user: what the collector is shown of the call."""
    window = list(messages[-limit:]) if limit > 0 else []
    return window[1:] if window and window[0]["role"] == ASSISTANT else window


def render_system_prompt(case: DebtCase, policy: CreditorPolicy, template: str, note: str) -> str:
    """The collector's system prompt from its template and the strategy's note: the case and policy only."""
    outstanding = case.outstanding
    return template.format(
        creditor=case.creditor,
        customer_name=case.customer_name,
        salutation=case.customer_salutation,
        product_name=case.product_name,
        principal=format_amount(case.principal),
        principal_due=format_amount(case.principal_due),
        fees_interest=format_amount(case.fees_interest),
        outstanding=format_amount(outstanding),
        currency=case.currency,
        overdue_days=case.overdue_days,
        max_waiver=format_amount(policy.max_waiver(case)),
        max_installments=policy.max_installments,
        min_down=format_amount(outstanding * policy.min_down_fraction),
        first_payment_days=policy.latest_first_payment_days,
        floor=format_amount(policy.floor(case)),
        strategy_note=note,
    ).strip()


def collector_prompt(system: str, history: Sequence[dict]) -> list[dict]:
    return [{"role": SYSTEM, "content": system}, *history]


def fit_history(
    system: str, history: Sequence[dict], completion: str, count: TokenCount, budget: int
) -> tuple[list[dict], bool]:
    """Drop the oldest exchanges until prompt + completion fit `budget` tokens; the history and whether it fits.

    The system prompt and the last debtor line are never dropped: when even
    they do not fit, the sample is returned as it is and flagged (a trainer
    will cut its end, so the caller counts it as still truncated).
    """
    rest = list(history)
    while True:
        if count(collector_prompt(system, rest), completion) <= budget:
            return rest, True
        if len(rest) <= 1:
            return rest, False
        rest = history_window(rest[2:], len(rest))


def reply_positions(messages: Sequence[dict]) -> list[int]:
    """Indexes of the assistant messages (the collector's replies) in a conversation without its system."""
    return [i for i, m in enumerate(messages) if m["role"] == ASSISTANT]
