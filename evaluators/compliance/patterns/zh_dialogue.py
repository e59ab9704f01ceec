"""Chinese dialogue cues: asking for payment, naming the debt, claiming finality, disclosures.

Like their English counterparts (`en_dialogue`) these become findings only in a state
of the dialogue; their exceptions are the lawful ways of saying the opposite
(核实期间不会要求您还款, 还款的事今天先不谈, 暂停催收).
"""

from __future__ import annotations

from evaluators.compliance.cues import Cue, CuePatterns
from evaluators.compliance.patterns.zh_words import YOU, G

DIALOGUE: dict[Cue, CuePatterns] = {
    Cue.PAYMENT_ASK: CuePatterns(
        match=(
            "还款|还钱|还(?:一部分|一点|多少|一半|清|上|掉|了|这笔|欠款|最低|给|一笔)|能还|先还|得还|要还|必须还|应该还"
            "|该还|付款|结清|分期|诚意|最低还款|打款|缴清|还欠|转(?:一笔|钱|账|过来)",
            f"把{G}{{1,6}}还(?:了|上|清|掉)",
            f"给个{G}{{0,2}}(?:日期|时间|承诺|说法)",
            "还(?:款)?\\s*\\d[\\d,.]*\\s*(?:元|块|美元|英镑|欧元)",
            f"在{G}{{0,8}}前还",
            "什么时候还|哪天还|怎么还|多久还|何时还|能还多少|先还多少|还点",
        ),
        suppress=(
            f"(?:不|无)(?:用|需|需要|必|要求){YOU}?{G}{{0,2}}(?:还款|还钱|付款|还|支付|缴)",
            f"不会(?:再)?(?:要求|催|让){YOU}?{G}{{0,4}}(?:还款|还钱|付款|还)",
            f"(?:不再|不会再|不会|不)(?:向|对|找|跟|和){YOU}{G}{{0,4}}(?:要求|催|收|谈|提){G}{{0,2}}(?:还款|还钱|付款|还)?",
            "(?:暂停|停止)(?:催收|还款|催款|扣款|收款)|不再(?:催收|催款|要求)|无需(?:还款|付款|还)",
            f"(?:不涉及|不会有人|没有人会|没人会|不会再){G}{{0,6}}(?:还款|还钱|付款|还)",
            "还款(?:凭证|记录|证明|流水|截图)|已(?:经)?还(?:款|清)",
            f"(?:还款|还钱)的?事?{G}{{0,4}}(?:不谈|不说|放一放|不提|不讨论|搁置|暂停|停止|先不)",
            f"(?:不谈|不提|不讨论|不涉及|搁置|暂停|停止){G}{{0,4}}(?:还款|还钱)",
            f"(?:代理人|律师|他们|债务顾问|顾问){G}{{0,6}}(?:还款|还钱)",
        ),
    ),
    Cue.DEBT_MENTION: CuePatterns(
        match=(
            "逾期|欠款|欠费|欠钱|欠了|欠着|欠的|债务|催收|还款|未还|没还|拖欠|账单|待还|应还|罚息|滞纳金|还款日"
            "|欠(?:我们|银行|你们|贵|某机构)|欠(?:\\d|[一二三四五六七八九十百千万两])",
            f"(?:还没|没有|未)收到{G}{{0,4}}(?:还款|款)",
        ),
    ),
    Cue.FINALITY: CuePatterns(
        match=(
            f"最终(?:方案|条件|报价|价格|决定|的)|最后(?:一次|一个方案|的机会|价格|方案|报价|的条件|一口价)"
            f"|最低(?:方案|的|了|价格|只能)|底线|不会再(?:调整|降|减|让|优惠|改|变|少)|(?<!能)不能再(?:低|降|减|少|让)"
            f"|再也不会(?:降|调整|减)|没有{G}{{0,4}}(?:减免|调整|商量|优惠|降低)的?(?:空间|余地)|只有这一次|仅限今天"
            f"|要不要随(?:你|您)|不会再有更(?:优惠|好|低)|就这一个方案|没有更(?:低|好|优惠)的|只能做到这样",
        ),
    ),
    Cue.DEBT_AMOUNT: CuePatterns(
        match=("欠|余额|待还|应还|总额|总共|一共|逾期金额|本金|罚息|涨到|合计|共计|未还|需要还|要还",),
    ),
    Cue.IDENTITY_REQUEST: CuePatterns(
        match=(
            "后四位|出生日期|生日|再试|再说一次|再核对|卡号|再给您一次机会|是多少|请(?:您)?提供|请(?:您)?再",
        ),
    ),
    Cue.RECORDING: CuePatterns(match=("录音|录制",), suppress=(f"(?:不会|没有|不)(?:被)?{G}{{0,2}}录音",)),
    Cue.DEBT_COLLECTOR: CuePatterns(
        match=(
            f"债务催收|催收(?:通话|电话|机构|人员|公司|目的)|用于{G}{{0,2}}(?:催收|收回欠款|债务)|收回欠款"
            f"|这是一(?:次|通|个){G}{{0,3}}催收",
        ),
    ),
    Cue.IDENTIFY_FIRM: CuePatterns(match=("某机构",)),
}
