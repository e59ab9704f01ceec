"""What the debtor says on a turn that a noise event replaced.

The debtor agent picks the event (``NoiseProfile.draw_event``); this module only
supplies a short line for it, in the call's language, so that scripted and LLM
backends produce the same kind of disturbance. Third-party lines are not here:
who answers and what they say depends on the case, which the template book owns.
Outbursts are emotional, never slurs or threats, so transcripts stay usable.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from personas import RootCause
from scenarios.acts import Language
from simulator.noise.profile import NoiseKind

_EN: dict[NoiseKind, tuple[str, ...]] = {
    NoiseKind.OFF_TOPIC: (
        "Did you see the game last night?",
        "Sorry, my dog is barking like crazy.",
        "Hold on, someone's at the door.",
        "Is it going to rain today where you are?",
        "My car broke down again this morning.",
        "Do you know a good mechanic around here?",
        "I'm actually in the middle of cooking dinner.",
        "My kid just spilled juice all over the floor.",
        "Are you calling from overseas? The line sounds weird.",
        "I was just about to head to the gym.",
        "Have you tried that new noodle place downtown?",
        "My phone battery is almost dead.",
        "The traffic here is unbelievable today.",
        "My neighbor's been drilling all morning.",
        "Did I leave the stove on? Hang on.",
        "I'm at the supermarket, it's really loud in here.",
        "Is it Tuesday or Wednesday today?",
        "My mom keeps texting me about dinner.",
    ),
    NoiseKind.SILENCE: (
        "...",
        "Hello?",
        "Hello? Are you there?",
        "Hmm...",
        "Sorry, hello?",
    ),
    NoiseKind.INTERRUPTION: (
        "Wait, wait—",
        "Hold on—",
        "Hang on, let me—",
        "No, no, listen—",
        "Sorry, can I just—",
        "Wait, what—",
        "Stop, stop—",
    ),
    NoiseKind.OUTBURST: (
        "Why do you people keep calling me?!",
        "I'm so sick of this!",
        "Do you have any idea what I'm going through?!",
        "This is ridiculous!",
        "Leave me alone!",
        "I can't take this anymore!",
        "Stop harassing me!",
        "Every single day, calls, calls, calls!",
        "I already told you all of this!",
        "Don't you dare threaten me!",
    ),
}

_ZH: dict[NoiseKind, tuple[str, ...]] = {
    NoiseKind.OFF_TOPIC: (
        "你听说今天要下大雨吗？",
        "不好意思，我家狗一直在叫。",
        "等下，有人敲门。",
        "我正在做饭呢，锅里还煮着东西。",
        "你们那边天气怎么样？",
        "我车今天早上又坏了。",
        "你知道附近哪有修车的吗？",
        "孩子把果汁洒了一地。",
        "我手机快没电了。",
        "我在超市呢，这边好吵。",
        "今天是星期二还是星期三来着？",
        "楼上又在装修，吵死了。",
        "我刚下班，在地铁上。",
        "你这信号怎么这么差？",
        "昨晚的球赛你看了没？",
        "我妈刚打电话叫我回家吃饭。",
        "我在排队买菜呢。",
        "最近菜价又涨了。",
    ),
    NoiseKind.SILENCE: ("……", "喂？", "喂？听得到吗？", "嗯……", "..."),
    NoiseKind.INTERRUPTION: (
        "等一下等一下——",
        "你先别说——",
        "不是，你听我说——",
        "等等，我——",
        "哎，你等会儿——",
        "停一下——",
    ),
    NoiseKind.OUTBURST: (
        "你们烦不烦啊！天天打！",
        "我已经说过了！",
        "我真的受够了！",
        "你知道我现在有多难吗？！",
        "别再打了行不行！",
        "一天打八遍，有完没完！",
        "你这是威胁我吗？！",
        "我快被你们逼疯了！",
        "能不能让我喘口气！",
        "再这样打我就打12378投诉你们！",
        "吵什么吵，我听得见！",
    ),
}

_CAUSE_OUTBURSTS: dict[Language, dict[RootCause, str]] = {
    Language.EN: {
        RootCause.JOB_LOSS: "I lost my job, okay?! What do you want from me?!",
        RootCause.INCOME_DROP: "They cut my hours, I'm barely getting by!",
        RootCause.MEDICAL: "I'm still paying the hospital, okay?!",
        RootCause.BUSINESS_FAILURE: "My business just went under, give me a break!",
        RootCause.FAMILY_EMERGENCY: "My family is in crisis right now, do you understand?!",
        RootCause.OVER_INDEBTEDNESS: "Every lender I have calls me every single day!",
    },
    Language.ZH: {
        RootCause.JOB_LOSS: "我工作都丢了，你让我拿什么还！",
        RootCause.INCOME_DROP: "工资都降了一半了，我哪有钱！",
        RootCause.MEDICAL: "我还在看病花钱，你们还催！",
        RootCause.BUSINESS_FAILURE: "生意都黄了，你让我怎么办！",
        RootCause.FAMILY_EMERGENCY: "家里出了这么大的事，你们还天天打！",
        RootCause.OVER_INDEBTEDNESS: "好几家平台都在催，我哪还得过来！",
    },
}
"""An outburst that names why the debtor is behind: only ever said by a debtor of that root cause."""

_ADMITS_DEBT: dict[Language, str] = {
    Language.EN: "You think I don't know I owe money?!",
    Language.ZH: "我又没说不还！逼我有什么用！",
}
"""An outburst that owns the debt: never said by a debtor who says the debt is not (all) theirs."""

DISOWNING = frozenset({RootCause.BILLING_DISPUTE, RootCause.FRAUD_VICTIM, RootCause.STRATEGIC_DEFAULT})
"""Root causes whose debtors contest or evade the debt: an outburst of theirs never admits it."""

EVENT_LINES: MappingProxyType[Language, MappingProxyType[NoiseKind, tuple[str, ...]]] = MappingProxyType(
    {Language.EN: MappingProxyType(_EN), Language.ZH: MappingProxyType(_ZH)}
)
"""Language -> event kind -> lines the debtor may say instead of its move."""


def lines_for(kind: NoiseKind, language: Language, cause: RootCause | str | None = None) -> tuple[str, ...]:
    """The lines a debtor of root cause ``cause`` may say for ``kind``: noise never contradicts the persona.

    Off-topic talk, silence and interruptions are anyone's. An outburst may name the debtor's own
    hardship (never another cause's: a medical debtor does not shout that it lost its job) and may
    own the debt, unless the debtor contests or evades it. ``cause`` None: the cause-free lines.
    """
    language = Language(language)
    lines = EVENT_LINES[language].get(kind)
    if lines is None:
        raise ValueError(f"no event line for noise kind {kind!r}; see event_text's docstring")
    if kind is not NoiseKind.OUTBURST or cause is None:
        return lines
    cause = RootCause(cause)
    own = _CAUSE_OUTBURSTS[language].get(cause)
    admits = () if cause in DISOWNING else (_ADMITS_DEBT[language],)
    return lines + ((own,) if own else ()) + admits


def event_text(
    kind: NoiseKind, language: Language, rng: np.random.Generator, cause: RootCause | str | None = None
) -> str:
    """A short line for ``kind`` in the voice of a debtor of root cause ``cause``; draws one number.

    Raises ValueError for THIRD_PARTY (the template book writes those) and for
    channel kinds, which corrupt text rather than replace it.
    """
    lines = lines_for(kind, language, cause)
    return lines[int(rng.integers(len(lines)))]
