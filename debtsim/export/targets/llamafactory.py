"""LLaMA-Factory sharegpt: `conversations` of `from`/`value`, `system`, and dataset_info.json.

The converter accepts human turns only at even indices and gpt turns only at
odd ones; SFT conversations must have an even length, preference contexts an
odd one (ending on the human), with single-message `chosen`/`rejected`.
"""

from __future__ import annotations

from debtsim.export.conversation import Conversation, Role
from debtsim.export.export_settings import Target
from debtsim.export.targets.base import DataKind, PreferenceExample, TargetFormat, turn_rule

TAG = {Role.USER: "human", Role.ASSISTANT: "gpt"}


def _reply_rule(reply: object, name: str) -> str | None:
    if not isinstance(reply, dict) or reply.get("from") != "gpt":
        return f"{name} must be one gpt message"
    if not str(reply.get("value", "")).strip():
        return f"{name} is empty"
    return None


class LlamaFactory(TargetFormat):
    target = Target.LLAMAFACTORY

    def _record(self, conversation: Conversation) -> dict:
        turns = [{"from": TAG[m.role], "value": m.content} for m in conversation.messages]
        return {"conversations": turns, "system": conversation.system}

    def sft(self, conversation: Conversation) -> dict:
        """Sharegpt trains every gpt turn (no per-message mask): cut before a fallback message."""
        return self._record(conversation.trained_prefix())

    def dpo(self, example: PreferenceExample) -> dict:
        record = self._record(example.prompt)
        record["chosen"] = {"from": "gpt", "value": example.chosen}
        record["rejected"] = {"from": "gpt", "value": example.rejected}
        record.update(
            margin=example.margin,
            chosen_score=example.chosen_score,
            rejected_score=example.rejected_score,
            kind=str(example.kind),
        )
        return record

    def _conversation_rule(self, record: dict, parity: int) -> str | None:
        turns = record.get("conversations")
        if not isinstance(turns, list) or not turns:
            return "conversations is empty"
        if len(turns) % 2 != parity:
            return f"conversations has {len(turns)} messages; needs an {'odd' if parity else 'even'} count"
        return turn_rule([t.get("from") for t in turns], [t.get("value") for t in turns], "human", "gpt")

    def sft_rule(self, record: dict) -> str | None:
        return self._conversation_rule(record, 0)

    def dpo_rule(self, record: dict) -> str | None:
        rule = self._conversation_rule(record, 1)
        rule = (
            rule
            or _reply_rule(record.get("chosen"), "chosen")
            or _reply_rule(record.get("rejected"), "rejected")
        )
        if rule is None and record["chosen"]["value"] == record["rejected"]["value"]:
            rule = "chosen and rejected are the same text"
        return rule

    def dataset_info(self, kind: DataKind, file_name: str, dataset_name: str) -> dict:
        columns = {"messages": "conversations", "system": "system"}
        entry: dict = {"file_name": file_name, "formatting": "sharegpt", "columns": columns}
        if kind is DataKind.DPO:
            entry["ranking"] = True
            columns.update(chosen="chosen", rejected="rejected")
        return {f"{dataset_name}_{kind}": entry}
