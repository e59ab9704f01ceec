"""TRL conversational formats: `messages` (SFT); `prompt`/`chosen`/`rejected` (explicit-prompt preference)."""

from __future__ import annotations

from debtsim.export.conversation import Conversation
from debtsim.export.export_settings import Target
from debtsim.export.targets.base import (
    PreferenceExample,
    TargetFormat,
    chat,
    messages_rule,
    single_reply_rule,
)


class Trl(TargetFormat):
    target = Target.TRL

    def sft(self, conversation: Conversation) -> dict:
        """`assistant_only_loss` trains every assistant turn (no per-message mask): cut before a
        fallback message."""
        conversation = conversation.trained_prefix()
        return {"messages": chat(conversation.messages, conversation.system)}

    def dpo(self, example: PreferenceExample) -> dict:
        return {
            "prompt": chat(example.prompt.messages, example.prompt.system),
            "chosen": [{"role": "assistant", "content": example.chosen}],
            "rejected": [{"role": "assistant", "content": example.rejected}],
            "margin": example.margin,
            "chosen_score": example.chosen_score,
            "rejected_score": example.rejected_score,
            "kind": str(example.kind),
        }

    def sft_rule(self, record: dict) -> str | None:
        return messages_rule(record.get("messages"), "assistant")

    def dpo_rule(self, record: dict) -> str | None:
        rule = messages_rule(record.get("prompt"), "user")
        rule = rule or single_reply_rule(record.get("chosen"), "chosen")
        rule = rule or single_reply_rule(record.get("rejected"), "rejected")
        if rule is None and record["chosen"][0]["content"] == record["rejected"][0]["content"]:
            rule = "chosen and rejected are the same text"
        return rule
