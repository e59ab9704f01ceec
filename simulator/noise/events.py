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
        "You think I don't know I owe money?!",
        "Every single day, calls, calls, calls!",
        "I lost my job, okay?! What do you want from me?!",
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
        "我又没说不还！逼我有什么用！",
        "一天打八遍，有完没完！",
        "我工作都丢了，你让我拿什么还！",
        "你这是威胁我吗？！",
        "我快被你们逼疯了！",
        "能不能让我喘口气！",
        "吵什么吵，我听得见！",
    ),
}

EVENT_LINES: MappingProxyType[Language, MappingProxyType[NoiseKind, tuple[str, ...]]] = MappingProxyType(
    {Language.EN: MappingProxyType(_EN), Language.ZH: MappingProxyType(_ZH)}
)
"""Language -> event kind -> lines the debtor may say instead of its move."""


def event_text(kind: NoiseKind, language: Language, rng: np.random.Generator) -> str:
    """A short line for ``kind``; draws one number from ``rng``.

    Raises ValueError for THIRD_PARTY (the template book writes those) and for
    channel kinds, which corrupt text rather than replace it.
    """
    lines = EVENT_LINES[Language(language)].get(kind)
    if lines is None:
        raise ValueError(f"no event line for noise kind {kind!r}; see event_text's docstring")
    return lines[int(rng.integers(len(lines)))]
