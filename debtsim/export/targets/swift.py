"""ms-swift `messages`; preference: `messages` ending on the chosen reply plus `rejected_response`.

ms-swift accepts malformed records silently, so the same alternation rules as
the other chat targets are enforced here. `margin` is a key ms-swift's reward
modelling reads; DPO ignores it.
"""

from __future__ import annotations

from debtsim.export.conversation import Conversation
from debtsim.export.export_settings import Target
from debtsim.export.targets.base import PreferenceExample, TargetFormat, chat, messages_rule


class Swift(TargetFormat):
    target = Target.SWIFT

    def sft(self, conversation: Conversation) -> dict:
        """Fallback assistant messages carry `loss: false`: present, never trained."""
        return {
            "messages": chat(
                conversation.messages, conversation.system, ("loss", False), conversation.untrained
            )
        }

    def dpo(self, example: PreferenceExample) -> dict:
        messages = chat(example.prompt.messages, example.prompt.system)
        messages.append({"role": "assistant", "content": example.chosen})
        return {
            "messages": messages,
            "rejected_response": example.rejected,
            "margin": example.margin,
            "kind": str(example.kind),
        }

    def sft_rule(self, record: dict) -> str | None:
        return messages_rule(record.get("messages"), "assistant")

    def dpo_rule(self, record: dict) -> str | None:
        rule = messages_rule(record.get("messages"), "assistant")
        rejected = record.get("rejected_response")
        if rule is None and (not isinstance(rejected, str) or not rejected.strip()):
            rule = "rejected_response is empty"
        if rule is None and rejected == record["messages"][-1]["content"]:
            rule = "chosen and rejected are the same text"
        return rule
