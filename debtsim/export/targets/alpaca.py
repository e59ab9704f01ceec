"""LLaMA-Factory alpaca: `instruction`/`input`/`output`/`system`/`history`; preference `chosen`/`rejected`.

Multi-turn calls fit alpaca through `history`: the earlier exchanges as
[debtor, collector] pairs (LLaMA-Factory trains on the collector replies in
`history` too), the last debtor line as `instruction` and the collector's last
reply as `output`. A preference record has the same history and instruction
with the two alternative replies as plain strings. The conversation already
starts with the user and alternates (`export.conversation`), so the pairs
line up; the rules below check it again before writing, as every target does.

Registered as `Target.ALPACA`: `targets=[..., alpaca]` writes `alpaca.jsonl`.
"""

from __future__ import annotations

from collections.abc import Sequence

from debtsim.export.conversation import Conversation, Message, Role
from debtsim.export.export_settings import Target
from debtsim.export.targets.base import DataKind, PreferenceExample, TargetFormat

COLUMNS = {"prompt": "instruction", "query": "input", "system": "system", "history": "history"}


def exchanges(messages: Sequence[Message]) -> list[list[str]]:
    """[user, assistant] pairs of an alternating conversation that starts with the user."""
    return [[messages[i].content, messages[i + 1].content] for i in range(0, len(messages) - 1, 2)]


def _text_rule(value: object, name: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"{name} is empty"
    return None


def _history_rule(history: object) -> str | None:
    if not isinstance(history, list):
        return "history is not a list"
    for i, pair in enumerate(history):
        if not isinstance(pair, list) or len(pair) != 2:
            return f"history[{i}] is not a [debtor, collector] pair"
        rule = _text_rule(pair[0], f"history[{i}][0]") or _text_rule(pair[1], f"history[{i}][1]")
        if rule:
            return rule
    return None


class Alpaca(TargetFormat):
    target = Target.ALPACA

    def sft(self, conversation: Conversation) -> dict:
        """History pairs train too (no per-message mask): cut before a fallback message."""
        conversation = conversation.trained_prefix()
        messages = conversation.messages
        if len(messages) % 2 or any(
            m.role is not (Role.USER, Role.ASSISTANT)[i % 2] for i, m in enumerate(messages)
        ):
            return {
                "instruction": "",
                "input": "",
                "output": "",
                "system": conversation.system,
                "history": None,
            }
        return {
            "instruction": messages[-2].content,
            "input": "",
            "output": messages[-1].content,
            "system": conversation.system,
            "history": exchanges(messages[:-2]),
        }

    def dpo(self, example: PreferenceExample) -> dict:
        messages = example.prompt.messages
        return {
            "instruction": messages[-1].content,
            "input": "",
            "chosen": example.chosen,
            "rejected": example.rejected,
            "system": example.prompt.system,
            "history": exchanges(messages[:-1]) if len(messages) % 2 else None,
        }

    def sft_rule(self, record: dict) -> str | None:
        return (
            _text_rule(record.get("instruction"), "instruction")
            or _text_rule(record.get("output"), "output")
            or _history_rule(record.get("history"))
        )

    def dpo_rule(self, record: dict) -> str | None:
        rule = _text_rule(record.get("instruction"), "instruction") or _history_rule(record.get("history"))
        rule = (
            rule
            or _text_rule(record.get("chosen"), "chosen")
            or _text_rule(record.get("rejected"), "rejected")
        )
        if rule is None and record["chosen"] == record["rejected"]:
            rule = "chosen and rejected are the same text"
        return rule

    def dataset_info(self, kind: DataKind, file_name: str, dataset_name: str) -> dict:
        columns = dict(COLUMNS)
        entry: dict = {"file_name": file_name, "formatting": "alpaca", "columns": columns}
        if kind is DataKind.DPO:
            entry["ranking"] = True
            columns.update(chosen="chosen", rejected="rejected")
        else:
            columns["response"] = "output"
        return {f"{dataset_name}_alpaca_{kind}": entry}
