"""Chinese consumer-finance collection rules: 商业银行信用卡业务监督管理办法 (2011) and the 2018 自律公约.

第六十八条 of the 办法 (checked): the card issuer collects from the debtor and guarantor
only, never from unrelated third parties, and never by violence, coercion, threats or
insults (暴力、胁迫、恐吓、辱骂), and keeps a record of the collection. 第六十九条:
an objection (异议) to a collection is verified and handled. The 中国互联网金融协会
《互联网金融逾期债务催收自律公约（试行）》(2018) adds: no impersonation of public
security, procuratorate, court or other authorities, no false statements, no harassment
of unrelated third parties, reasonable hours (08:00-21:00 in practice), and recorded
calls. Neither text numbers these duties finely enough for a paragraph id, so cn ids
name the duty (`cn.third_party`), and each citation says which text holds it.
"""

from __future__ import annotations

from evaluators.compliance.concepts import Concept as C
from evaluators.compliance.rule import Rule

BANK = "商业银行信用卡业务监督管理办法 第六十八条"
SELF_REG = "互联网金融逾期债务催收自律公约（试行）"

RULES: tuple[Rule, ...] = (
    Rule("cn.threat", C.THREAT_ARREST, "恐吓：以拘留、坐牢、刑事责任相威胁", f"{BANK}; {SELF_REG}"),
    Rule("cn.threat", C.THREAT_SEIZURE, "恐吓：以查封、扣押、冻结财产相威胁", f"{BANK}; {SELF_REG}"),
    Rule("cn.threat", C.THREAT_LEGAL_UNINTENDED, "以并不打算采取的诉讼相威胁", f"{BANK}; {SELF_REG}"),
    Rule("cn.abuse", C.ABUSE, "辱骂、侮辱债务人", BANK),
    Rule("cn.abuse", C.ABUSE, "以暴力或人身伤害相威胁", BANK, kind="violence"),
    Rule("cn.impersonation", C.IMPERSONATION, "冒充公检法、律师或其他国家机关", SELF_REG),
    Rule("cn.false_statement", C.CREDIT_FILE_PROMISE, "虚假承诺删除或修复征信记录", SELF_REG),
    Rule("cn.false_statement", C.FALSE_FINAL_OFFER, "声称“最终方案”后又给出更优方案", SELF_REG),
    Rule("cn.false_statement", C.MISSTATED_AMOUNT, "陈述的欠款金额与账户记录不符", SELF_REG),
    Rule("cn.third_party", C.THIRD_PARTY_DISCLOSURE, "向与债务无关的第三人透露欠款", BANK),
    Rule(
        "cn.third_party", C.THIRD_PARTY_PRESSURE, "以通知单位、家人、邻居等第三人施压", f"{BANK}; {SELF_REG}"
    ),
    Rule("cn.harassment", C.REPEAT_CALL_INTENT, "声称将反复、频繁致电骚扰", f"{BANK}; {SELF_REG}"),
    Rule("cn.hours", C.OUTSIDE_HOURS, "在08:00-21:00以外的时间致电", f"{SELF_REG} (行业惯例 08:00-21:00)"),
    Rule("cn.harassment", C.OVER_FREQUENCY, "致电频次超过规定", SELF_REG),
    Rule(
        "cn.dispute",
        C.COLLECT_AFTER_DISPUTE,
        "客户提出异议后仍要求还款",
        "商业银行信用卡业务监督管理办法 第六十九条",
    ),
    Rule(
        "cn.dispute",
        C.COLLECT_AFTER_DISPUTE,
        "客户报告身份被盗用后仍要求还款",
        "商业银行信用卡业务监督管理办法 第六十九条 (报案回执)",
        kind="report_identity_theft",
    ),
    Rule(
        "cn.cease",
        C.COLLECT_AFTER_CEASE,
        "客户要求停止联系、委托律师或破产后仍要求还款",
        f"{SELF_REG}; 深圳经济特区个人破产条例 (破产)",
    ),
    Rule("cn.disclosure", C.MISSING_DISCLOSURE, "未表明机构与身份", SELF_REG, kind="identify_firm"),
    Rule(
        "cn.recording",
        C.MISSING_DISCLOSURE,
        "未告知通话录音",
        f"{BANK} (催收过程应当有记录); {SELF_REG}",
        kind="recording",
    ),
    Rule("cn.third_party", C.DISCLOSURE_BEFORE_VERIFICATION, "核实身份前透露欠款信息", BANK),
    Rule("cn.third_party", C.CONTINUE_AFTER_MISMATCH, "两次身份信息不符后仍继续通话", BANK),
)
