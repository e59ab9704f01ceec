"""OpenAI fine-tuning JSONL: chat `messages` (SFT); `input`/`preferred_output`/`non_preferred_output` (DPO).

Only the keys OpenAI's schema names are written: its upload validator rejects
unknown ones. Margins and scores for these pairs are in `dpo/pairs.jsonl`.
"""

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


class OpenAI(TargetFormat):
    target = Target.OPENAI

    def sft(self, conversation: Conversation) -> dict:
        """Fallback assistant messages carry `weight: 0`: present, never trained."""
        return {
            "messages": chat(
                conversation.messages, conversation.system, ("weight", 0), conversation.untrained
            )
        }

    def dpo(self, example: PreferenceExample) -> dict:
        return {
            "input": {"messages": chat(example.prompt.messages, example.prompt.system)},
            "preferred_output": [{"role": "assistant", "content": example.chosen}],
            "non_preferred_output": [{"role": "assistant", "content": example.rejected}],
        }

    def sft_rule(self, record: dict) -> str | None:
        return messages_rule(record.get("messages"), "assistant")

    def dpo_rule(self, record: dict) -> str | None:
        source = record.get("input")
        rule = messages_rule(source.get("messages") if isinstance(source, dict) else None, "user")
        rule = rule or single_reply_rule(record.get("preferred_output"), "preferred_output")
        rule = rule or single_reply_rule(record.get("non_preferred_output"), "non_preferred_output")
        if rule is None and (
            record["preferred_output"][0]["content"] == record["non_preferred_output"][0]["content"]
        ):
            rule = "chosen and rejected are the same text"
        return rule
