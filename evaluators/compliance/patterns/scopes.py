"""Scopes that cancel a conduct cue whatever its wording: a negated act, and words put in the debtor's mouth.

A reviewer reads "nothing goes to court from this call", "no one is calling your
employer", "we can't touch your wages" or "没有人说您是老赖" as reassurances, and "you
said it was a stupid decision" / "您刚才说自己是个废物" as the collector repeating the
debtor — none of them is the collector's own threat or insult. Rather than teach every
cue each negated form, these scopes mark the stretch of a clause a negation or an
attribution governs (up to the next comma, colon or dash); a cue match overlapping it
does not count (`text`).

What a negation never covers: "don't" in a condition ("if you don't pay…"), the
collector as the one who will not *stop* or *hesitate* ("we won't stop calling", 不会放过你),
a threat aimed at the debtor ("you won't see your car again", 你别想跑) and rhetorical
desire ("nobody wants their boss to know", 你也不想…吧). Credit-file promises are often
negations themselves ("it won't show on your file"), so that cue takes attribution only
(`cues.NEGATABLE`).
"""

from __future__ import annotations

from evaluators.compliance.patterns.zh_words import G

_SEGMENT = r"[^,;:—–]*"
"""The rest of the comma-segment a negation or an attribution governs."""
_NOT_AFTER = (
    r"(?!\s+(?:(?:going to|gonna|be|ever)\s+)?(?:hesitate|stop|give up|let up|rest|think twice|wait|go away|back down"
    r"|drop (?:it|this)|leave you|forget|mess|play|joking|kidding|bluffing|take no|accept|tolerate|put up|be ignored"
    r"|be messed|let (?:you|this|it) go|last|going away)\b)"
)
"""Negations that are threats themselves: "we won't stop", "I'm not joking", "we will not accept…"."""
_NO_HEAD = (
    r"(?!(?:payment|payments|money|pay|deal|more|excuses?|doubt|choice|options?|way|matter|longer|other|sooner|point"
    r"|time|wonder|problem|mercy|escape|one escapes|hiding|chance|exceptions?|ifs)\b)"
)
_NOT_WANT = (
    r"(?!\s+(?:wants?|likes?|will stop|can stop|stops|is stopping|left|else|but|can help|can save|escapes?|gets away"
    r"|pays|would want|needs? to know)\b)"
)

EN_NEGATED: tuple[str, ...] = (
    r"(?:^|[,:;]\s*|\b(?:and|so|because|as|rest assured|don'?t worry|honestly)[,]?\s+)(?:no one|no-one|nobody|nothing"
    r"|none of (?:us|them|this|that)|there(?:'s|’s| is| are| will be| won'?t be)\s+(?:absolutely\s+)?no"
    rf"|no\s+{_NO_HEAD}[\w'’-]+)(?:'s|’s)?\b{_NOT_WANT}{_SEGMENT}",
    r"\b(?:we|i|they|our [\w'’-]+|the (?:police|court|courts|bailiffs?|agency|agencies|bureaus?|bank|government"
    r"|sheriff|authorities))(?:'re|’re|'m|’m|'ll|’ll)?\s+(?:(?:are|am|will|would|can|could|do|does|have|has|shall"
    r"|is|really|certainly|definitely)\s+)?(?:not|never|no longer|cannot|can'?t|won'?t|don'?t|doesn'?t|wouldn'?t"
    rf"|aren'?t|isn'?t|haven'?t|hasn'?t|couldn'?t|shouldn'?t|am not)\b{_NOT_AFTER}{_SEGMENT}",
    r"\b(?:won'?t|will not|isn'?t|is not|aren'?t|are not|wouldn'?t|would not|not going to|never|hasn'?t been"
    r"|haven'?t been)\s+(?:be\s+|get\s+|ever be\s+|been\s+)?(?:affected|involved|frozen|seized|taken|touched|contacted"
    r"|called|told|informed|arrested|sued|garnished|repossessed|charged|prosecuted|jailed|locked up|detained"
    r"|visited|bothered|disturbed|summoned|filed|issued|started|at risk|in (?:any )?danger)\b",
    r"\b(?:please\s+)?(?:don'?t|do not|never)\s+(?:call|think of|see|consider|feel|beat up on|talk about)\s+yourself\b"
    + _SEGMENT,
)
"""Negated acts: a negated subject (nobody, nothing, no court claim, there's no…), the collector's side saying
it will not act, or what is affected said not to be."""
EN_QUOTED: tuple[str, ...] = (
    r"\byou(?:'ve|’ve)?\s+(?:just\s+|also\s+|already\s+|yourself\s+|even\s+)?(?:said|told me|mentioned|called (?:it"
    r"|yourself|them|him|her|that)|described|were saying|are saying|admitted|claimed|felt like|feel like|put it"
    r"|told us|wrote|reckon(?:ed)?)\b" + _SEGMENT,
    r"\b(?:in your (?:own )?words|as you (?:said|put it|say|described it)|according to you|your words were"
    r"|you'?re (?:telling me|saying))\b" + _SEGMENT,
)
"""The debtor's words repeated back: "you said it was a stupid decision", "as you put it, …"."""

ZH_NEGATED: tuple[str, ...] = (
    "(?<![是有会能用要])(?:没有人|没人|没(?:说|骂|讲|叫|称|想)|没有谁|谁都不会|谁也不会|不会有人|没有任何人|并没有|没有(?!钱|还|收到|能力|按时|好|退路|别的|其他|办法|选择"
    "|人能|人救|人帮|多少)|不会(?!放过|手软|客气|善罢甘休|让你好过|停|罢休|有好|好过|想|希望|愿意|再给|是)|不再(?!给|等|拖)|绝不"
    "(?!放过|手软)|决不(?!放过|手软)|从不|从来不|并不|并非|不是(?:我)?(?!吓唬|吓|开玩笑|说着玩|闹着玩|危言耸听|第一|你的|您的|你家|你能|闹)|无权|无法"
    "(?!逃|躲|跑|摆脱|回避|赖|抵赖|无天)|不能(?!再拖|拖|再等|等|逃|躲|跑|赖|抵赖)|不可能(?!逃|躲|跑|放过)|不涉及|不存在|不需要|不用"
    "(?!我们)|不必|别担心|无需|无须|不至于)" + G + "{0,10}",
    f"(?:跟|和|与){G}{{0,8}}(?:没有关系|没关系|无关|不相关)",
    f"(?:我们|我|公司|这边|本公司)(?:也|并|暂时|目前|现在|今天|都|从来)?(?:不|没)(?:打算|想|希望|准备|考虑|计划|要|会){G}{{0,10}}",
    f"不(?:谈|提|讨论|涉及|聊){G}{{0,10}}",
    f"{G}{{0,10}}(?:不用|不必|别|无需|用不着)(?:太)?(?:担心|害怕|怕|紧张|多想|焦虑)",
    f"{G}{{0,10}}(?:不是|并非|从来不是)(?:我们|我)的?(?:目的|本意|意思|想法|初衷|做法)",
    f"(?:别|不要|不用)(?:这么)?(?:说|觉得|认为|以为){G}{{0,2}}(?:自己|您|你){G}{{0,8}}",
)
"""Negated acts: 没有人说您是老赖, 我们不会冻结您的账户, 这件事跟公安没有关系; never a bare 不 (不还就…)."""
ZH_QUOTED: tuple[str, ...] = (
    f"(?:您|你)(?:刚才|刚刚|之前|前面|刚|自己|也|一直)(?:说|讲|提到|提过|说过|表示|承认|觉得|认为)(?:过|了)?{G}*",
    f"您(?:说|讲|提到|说过|讲过)(?:过|了)?(?!呢|是不是|对不对|行不行|怎么办|吧){G}*",
    f"你(?:说过|提到|提过|讲过){G}*",
    f"(?:按|照|用)(?:您|你)的(?:说法|话(?:说|讲)?){G}*",
)
"""The debtor's words repeated back: 您刚才说…, 按您的说法… (never a bare 你说, which also opens a rhetorical
question: 你说你是不是…)."""

SCOPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (EN_NEGATED, EN_QUOTED),
    "zh": (ZH_NEGATED, ZH_QUOTED),
}
"""Per language: (negated scopes, attributed scopes)."""
