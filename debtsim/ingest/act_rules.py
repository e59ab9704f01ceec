"""Acts of a real call's turns, read by keyword rules (en, zh): the first rule that matches wins.

A real transcript carries words, not acts; the evaluators and sim2real
compare acts, so each turn gets the act its words most plainly perform. The
rules are ordered from the acts that change the call most (a dispute, an
attorney, a cease request, an accepted plan) down to small talk; a turn no
rule matches falls back to `CLARIFY` (collector) or `OFF_TOPIC` (debtor) and
is counted as unmatched in ingest.json, so the share of guessed acts is seen.
Offers (amounts) are attached in `offers`, which may move an act to an offer act.
"""

from __future__ import annotations

import re

from scenarios import CollectorAct, DebtorAct

Rule = tuple[object, re.Pattern[str]]


def _rules(pairs: list[tuple[object, str, str]]) -> dict[str, list[Rule]]:
    return {
        "en": [(act, re.compile(en, re.I)) for act, en, _ in pairs if en],
        "zh": [(act, re.compile(zh)) for act, _, zh in pairs if zh],
    }


C = CollectorAct
COLLECTOR = _rules(
    [
        (
            C.RECORD_DISPUTE,
            r"\b(note|record|log)\w* (the |your |that )?dispute|send (you )?(a |the )?validation",
            r"记录.{0,4}(异议|争议)|核实后.{0,6}(回复|联系)|提交.{0,4}(核查|复核)",
        ),
        (
            C.RECORD_IDENTITY_THEFT,
            r"identity theft|fraud (team|report|claim)",
            r"冒用|盗用|欺诈.{0,4}(核查|部门)",
        ),
        (
            C.ACKNOWLEDGE_CEASE,
            r"(won't|will not|stop) (call|contact)\w*|no (more|further) calls",
            r"不再.{0,4}(致电|联系|打扰)",
        ),
        (
            C.NOTE_REPRESENTATION,
            r"(your )?(attorney|lawyer|solicitor)('s)? (details|contact|name)|contact your (attorney|lawyer)",
            r"(律师).{0,6}(联系方式|联系)",
        ),
        (
            C.NOTE_BANKRUPTCY,
            r"bankruptcy (case )?number|automatic stay|note (the )?bankruptcy",
            r"破产.{0,6}(登记|记录|备注)",
        ),
        (
            C.APOLOGIZE_WRONG_PARTY,
            r"sorry (to bother|for the trouble).{0,30}wrong|wrong (number|person)",
            r"打错|打扰了?.{0,6}(不是本人|弄错)",
        ),
        (
            C.VERIFY_IDENTITY,
            r"(date of birth|postcode|zip|last (four|4)|verify|confirm (your|some) (identity|details)|security (check|question))",
            r"(核实|验证).{0,4}(身份|信息)|身份证(后|尾)|出生日期",
        ),
        (
            C.CONFIRM_AGREEMENT,
            r"(^|so|okay|ok|alright|great|perfect|right)[,.]? (just )?to confirm\b|so (we('re| are) )?(agreed|that's agreed)|i('ll| will) (set|put) (that|it|this) up|confirm(ing)? (the|your) (plan|arrangement|payment)",
            r"(跟您|和您)?确认一下|那就这么定|给您登记|已经?为您(登记|申请|办理)",
        ),
        (
            C.REFER_DEBT_ADVICE,
            r"(free|independent) (debt )?advice|stepchange|national debtline|citizens advice|credit counsel",
            r"(免费|独立).{0,4}(咨询|建议)|(债务|财务).{0,2}(咨询|顾问)",
        ),
        (
            C.ASK_BUDGET,
            r"(income|expenses|outgoings|budget)\b.{0,40}\?|how much (do you|can you|could you) (earn|bring in|afford|manage)",
            r"(收入|支出|开销|每个?月.{0,4}(挣|赚|能剩))",
        ),
        (
            C.WARN_CONSEQUENCES,
            r"credit (report|score|file|record)|legal action|court|report(ed)? to|collection agency|default notice",
            r"征信|法律(程序|途径|责任)|起诉|法院|上门|影响.{0,4}(信用|记录)|失信",
        ),
        (
            C.ESCALATE,
            r"(transfer|refer|pass|escalat)\w* (you |this |it |your account )?(to )?(my |a )?(supervisor|manager|legal|team)",
            r"(转给|转接|移交|上报).{0,6}(主管|经理|法务|部门)",
        ),
        (
            C.PROVIDE_VERIFICATION,
            r"(the|your) (account|loan|card) (was )?(opened|taken out)|statement (shows|from)|last payment (was|we received)",
            r"(开户|借款)(时间|日期)|(账单|流水)显示|最后一次还款",
        ),
        (
            C.GREET,
            r"^(hi|hello|good (morning|afternoon|evening))|^this is\b|calling (from|on behalf)|my name is",
            r"^(您好|你好|喂)|这里是|我是.{0,10}(的|公司|银行|中心)",
        ),
        (
            C.INFORM_DEBT,
            r"(overdue|past due|outstanding|balance|arrears|missed (payment|instalment)|owe)",
            r"逾期|欠款|未还|待还|应还|账单",
        ),
        (
            C.EMPATHIZE,
            r"(sorry to hear|understand|that must be|i hear you|appreciate)",
            r"理解|抱歉听到|不容易|辛苦",
        ),
        (
            C.PROBE_REASON,
            r"(what|anything) (happened|changed|going on)|why .{0,20}(miss|late|behind)|reason",
            r"(什么|啥)原因|为什么.{0,6}(没|逾期)|遇到.{0,4}(困难|问题)|怎么回事",
        ),
        (C.CHECK_IN, r"are you (still )?there|can you hear me|hello\?$", r"您还在(吗|听)|听得到吗|喂[？?]"),
        (
            C.REDIRECT,
            r"(back to|coming back to|about) (the|your) (account|balance|payment)",
            r"回到.{0,4}(还款|欠款)|先说.{0,4}还款",
        ),
        (
            C.CLOSE,
            r"(thank you|thanks) for (your time|talking)|have a (good|nice)|goodbye|bye\b|take care",
            r"(再见|祝您|感谢.{0,4}(配合|接听))",
        ),
        (
            C.OFFER_PLAN,
            r"(payment plan|instal?lments?|arrangement|could you pay|can you pay|pay (it |the balance )?(in full|off))",
            r"(分期|还款计划|一次性还|先还|能不能还|可以还)",
        ),
    ]
)
D = DebtorAct
DEBTOR = _rules(
    [
        (
            D.REPORT_IDENTITY_THEFT,
            r"identity (was )?(stolen|theft)|someone (opened|used) .{0,20}(my name|my details)|never opened",
            r"(身份|信息).{0,4}(被盗|冒用|盗用)|不是我(办|借)的",
        ),
        (
            D.REPRESENTED,
            r"(my|an?) (attorney|lawyer|solicitor|debt adviser)|talk to my (lawyer|attorney)",
            r"(我的|找)律师|律师(跟|和)你们",
        ),
        (D.DECLARE_BANKRUPTCY, r"bankrupt|chapter (7|13)|\biva\b|debt relief order", r"破产|个人破产"),
        (
            D.REQUEST_CEASE,
            r"(stop|quit|don't|do not) (calling|contacting|ringing)|never call"
            r"|(don't|do not|never) (call|contact|ring|phone)( me| us| here| this number)? (again|anymore|any more)",
            r"(别|不要|不许)再?(打|联系|骚扰)|(再|还)打.{0,4}(投诉|报警)",
        ),
        (
            D.DISPUTE,
            r"(not|never) (my|mine|owe)|already paid|i paid (that|it|this)|don't owe|dispute|that's wrong|not correct",
            r"不是我的|我没(借|欠)|已经还(了|过)|还清了|有异议|不认|搞错了|金额不对",
        ),
        (
            D.THIRD_PARTY,
            r"(wrong number|(he|she)('s| is) not (here|home|in)|this is (his|her) (wife|husband|mother|son|daughter))",
            r"打错了|(他|她)不在|我是(他|她)的",
        ),
        (D.IDENTITY_MISMATCH, r"that'?s not my (date|address|postcode)", r"不是我的(生日|地址)"),
        (
            D.REFUSE_IDENTITY,
            r"(not|won't) (giving|give|tell) you (my|that)|why should i (tell|give)",
            r"(不|凭什么)(告诉|给)你",
        ),
        (D.HANG_UP, r"\[?hangs? up\]?|i'?m hanging up|\*click\*", r"挂了|\[?挂断\]?|不说了"),
        (
            D.CONFIRM,
            r"^(yes|yeah|yep|correct|that's right|right)[,.!]? (that's|that is) (right|correct|fine)|^(yes|yeah),? (confirmed|agreed)",
            r"^(对|是的|没错|好的)[，,。]?(没问题|就这样|确认)",
        ),
        (
            D.ACCEPT,
            r"(that |it )?sounds (good|fair|ok(ay)?|fine)|that works|\bdeal\b|i('ll| will) take (it|that)|\b(ok(ay)?|fine|alright|sure|yes),? (i('ll| will| can) (do|manage|pay|go with) (that|it)|let'?s do (that|it)|deal|that works|sounds (good|fair))|i (agree|accept)|i can do that",
            r"(行|好|可以|同意|没问题).{0,6}(就这么|按这个|我还|我同意|这样吧|就这样)|那我(就)?(先)?还|我同意|可以的",
        ),
        (
            D.REQUEST_VERIFICATION,
            r"(send|show) me (proof|something|a statement|it in writing)|how do i know|in writing|validation",
            r"(发|寄)(给我|个).{0,4}(证明|凭证|账单)|怎么证明|书面",
        ),
        (
            D.STALL,
            r"call (me )?back|not (a )?good time|(nothing|not) until|think about it|(next|after) (week|payday|month)|let me check|get back to you",
            r"(过|等)(几天|两天|一段时间|发工资)|再说|考虑一下|回头|晚点|下(个月|周)再|现在不方便",
        ),
        (
            D.DISCLOSE_BUDGET,
            r"(i )?(earn|make|bring (home|in)|take home|my (income|wage|salary|pension) is)|(rent|bills) (is|are|cost)",
            r"(工资|收入|每月(挣|赚)|房租|生活费)",
        ),
        (
            D.COUNTER_OFFER,
            r"(i )?(can|could) (only )?(pay|do|manage|afford)|how about|what about",
            r"(只能|最多|能不能|可以先)还?.{0,8}(块|元|百|千)|先还",
        ),
        (
            D.REJECT,
            r"\b(no|can't|cannot|not possible|no way|impossible)\b.{0,30}(pay|afford|do that|manage)|too (much|high)|not paying",
            r"(还不起|没钱|不可能|太多了|做不到|还不上|不还)",
        ),
        (
            D.PLEAD,
            r"(please|give me) (some )?(time|more time|a break)|can you (lower|reduce|waive)|help me out",
            r"(宽限|通融|减免|少还|能不能少|帮帮忙)",
        ),
        (
            D.EXPLAIN_REASON,
            r"(lost (my )?job|laid off|redundan|hospital|sick|ill\b|divorce|business|hours (were )?cut|medical|passed away|forgot)",
            r"(失业|没了工作|裁员|生病|住院|医院|离婚|生意|降薪|忘了|家里出事)",
        ),
        (
            D.OUTBURST,
            r"(ridiculous|harass|sick of|leave me alone|f\*+|damn|hell)",
            r"(烦死|骚扰|有病|滚|神经)",
        ),
        (
            D.ACKNOWLEDGE_DEBT,
            r"(i know|yes,? i('m| am) (behind|late)|i('m| am) aware|i owe)",
            r"(知道|我知道|是我欠|确实逾期|是的.{0,4}逾期)",
        ),
        (
            D.PROVIDE_IDENTITY,
            r"^\W*(it'?s |yes,? )?\d{3,5}\W*$|(my (date of birth|postcode|zip|dob)|it'?s \d{2}[/-]\d{2}|last four (are|is))",
            r"^\W*\d{3,6}\W*$|(出生|生日|身份证(后|尾)).{0,6}(是|\d)",
        ),
        (
            D.ANSWER,
            r"^((uh|um|oh|er|hmm)\W+)?(yes|yeah|speaking|that's me|this is (he|she|him|her)|hello|hi)\b",
            r"^(是|对|我是|喂|你好|您好)",
        ),
        (
            D.SILENCE,
            r"^\W*(\.\.\.|…|\[silence\]|\[inaudible\])\W*$",
            r"^\W*(\.\.\.|…|\[沉默\]|\[听不清\])\W*$",
        ),
    ]
)
FALLBACK = {"collector": CollectorAct.CLARIFY, "debtor": DebtorAct.OFF_TOPIC}


AFFIRM = re.compile(
    r"^\W*(yes|yeah|yep|ok(ay)?|sure|right|correct|that's right|fine|alright|好的?|对|是的|没问题|嗯|可以|行)"
    r"([\W]*(好的?|没问题|thanks?|thank you|that's (right|fine)|sure))*\W*$",
    re.I,
)
"""A bare yes: what it does depends on the turn before (an offer: accept; a restated plan: confirm)."""
AFTER = {
    CollectorAct.OFFER_PLAN: DebtorAct.ACCEPT,
    CollectorAct.CONCEDE: DebtorAct.ACCEPT,
    CollectorAct.HOLD_FIRM: DebtorAct.ACCEPT,
    CollectorAct.CONFIRM_AGREEMENT: DebtorAct.CONFIRM,
}


def infer_act(
    speaker: str, text: str, language: str, says_money: bool = False, before: object = None
) -> tuple[CollectorAct | DebtorAct, bool]:
    """The act of one turn, and whether a rule matched (False: the fallback).

    A turn that names money is past the greeting (`我是X中心的，您欠款…` informs); a bare yes
    answers the collector act `before` it."""
    if speaker == "debtor" and before in AFTER and AFFIRM.search(text):
        return AFTER[before], True
    rules = (COLLECTOR if speaker == "collector" else DEBTOR)["zh" if language == "zh" else "en"]
    for act, pattern in rules:
        if says_money and act is CollectorAct.GREET:
            continue
        if pattern.search(text):
            return act, True
    return FALLBACK[speaker], False
