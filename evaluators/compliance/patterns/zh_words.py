"""Building blocks shared by the Chinese pattern banks (see `zh_conduct`, `zh_dialogue`).

Chinese has no word boundaries, so gaps are bounded by characters inside a clause (`G`),
and a negation is never a bare 不 — 不还就… opens a threat's condition.
"""

from __future__ import annotations

G = "[^，,。！？!?；;]"
"""Any character inside a clause (a bounded gap is `{G}{{0,6}}`)."""
YOU = "(?:你|您|他|她)"
THIRD = (
    "(?:单位|公司|领导|老板|上司|同事|家人|家里人|家属|父母|爸妈|爸爸|妈妈|老婆|老公|妻子|丈夫|配偶|孩子|子女|儿子|房东|室友|居委会|村委"
    "|女儿|邻居|朋友|亲戚|亲友|通讯录|紧急联系人|联系人|老家|村里|小区|物业|学校|人事|HR|朋友圈|微信群)"
)
NOT = "(?:不会|不再|绝不|从不|没有|没|无需|无须|不用|不需要|并不|并非|不是|不至于|不可能|不存在)"
"""Negations; never a bare 不, which also opens a threat's condition (不还就…)."""
FAMILY = "(?:家人|家里人|老婆|老公|妻子|丈夫|孩子|小孩|子女|儿子|女儿|父母|爸妈|全家|一家|配偶|家属|亲属|下一代|后代|子孙)"
"""Relatives a false credit threat drags in (征信连累家人, 孩子考公受影响)."""
CREDIT = "(?:记录|征信|不良|逾期|黑名单|失信名单|标记|污点|信用记录|信用报告)"
"""What a credit-file promise is about: the record, the 征信 report, the blacklist."""
