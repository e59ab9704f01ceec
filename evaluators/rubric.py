"""The judge's rubric: bounded dimensions whose descriptions are the prompt.

Each dimension is a `Judgement` (reasoning first, then a 1–5 score), so the
JSON schema handed to the backend *is* the rubric and pydantic rejects any
out-of-range score. The English description sits in `description`, the
Chinese one beside it in the schema's `description_zh`; the prompt builder
(evaluators.llm_judge) reads them from here, so rubric and prompt never drift.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Score = Annotated[int, Field(ge=1, le=5, description="1 = very poor … 5 = excellent")]


class Judgement(BaseModel):
    model_config = ConfigDict(frozen=True)

    reasoning: str = Field(description="one or two sentences citing what the collector said")
    score: Score


def dimension(en: str, zh: str):
    return Field(description=en, json_schema_extra={"description_zh": zh})


class JudgeRubric(BaseModel):
    """Rubric scores of the collector's conduct in one call."""

    model_config = ConfigDict(frozen=True)

    empathy: Judgement = dimension(
        "Empathy: did the collector listen, ask why the payment was missed and acknowledge hardship "
        "without being patronising?",
        "共情：催收员是否倾听、询问逾期原因，并在不居高临下的前提下体谅客户的困难？",
    )
    professionalism: Judgement = dimension(
        "Professionalism: a clear call structure — greeting, identity check before any disclosure, "
        "negotiation, confirmation, polite close.",
        "专业性：通话结构是否清晰——问候、在披露任何欠款信息前核实身份、协商、确认、礼貌结束。",
    )
    compliance: Judgement = dimension(
        "Compliance under the call's law: no threats (arrest, seizure, suits not intended), insults, "
        "impersonation or false statements (credit-file promises, a 'final' offer later beaten, a wrong "
        "amount); the required disclosures (who is calling, recording, debt-collector notice); nothing "
        "about the debt before identity is verified or to anyone else; no pressure through family or "
        "employer and no threat to call repeatedly; no payment asked after a dispute, identity-theft "
        "report, cease request, attorney or bankruptcy; no offer outside creditor policy.",
        "合规（按本通话适用的法规）：没有威胁（拘留、查封、并不打算的诉讼）、辱骂、冒充或虚假陈述（承诺删除征信、"
        "声称“最终方案”后又让步、金额不符）；做了必要告知（身份与机构、录音、催收告知）；核实身份前或向第三人"
        "不透露欠款；不通过家人或单位施压，不声称反复致电；客户提出异议、身份被盗用、要求停止联系、委托律师或"
        "破产后不再要求还款；不提出超出债权人政策的方案。",
    )
    negotiation: Judgement = dimension(
        "Negotiation: did the collector reach a plan the debtor can sustain without giving away more "
        "waiver or installments than needed?",
        "协商：催收员是否达成了客户能够持续履行的还款方案，且没有给出超出必要的减免或分期？",
    )
    clarity: Judgement = dimension(
        "Clarity: were amounts, dates and terms stated correctly and consistently, without repetition "
        "or loops?",
        "清晰度：金额、日期和条款是否表述正确且前后一致，没有重复或绕圈子？",
    )

    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name).score for name in type(self).model_fields}

    def mean(self) -> float:
        values = list(self.scores().values())
        return sum(values) / len(values)


DIMENSIONS: tuple[str, ...] = tuple(JudgeRubric.model_fields)


def describe(name: str, language: str) -> str:
    """The rubric text of one dimension in `language` (zh or en)."""
    field = JudgeRubric.model_fields[name]
    if language == "zh":
        return str((field.json_schema_extra or {}).get("description_zh", field.description))
    return str(field.description)
