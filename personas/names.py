"""Synthetic name and occupation pools, per language.

Pools are plain tuples so sampling is one integer draw; they are deliberately
generic so no sampled identity points at a real person. Names follow the
debtor's language, not its jurisdiction (an English speaker in China keeps an
English name; US and UK speakers share one pool). Places do follow the
jurisdiction, so they are not here: the engine hands them in (`personas.locale`).
"""

from __future__ import annotations

from personas.language import Language
from personas.traits import Gender

EN_GIVEN = {
    Gender.FEMALE: (
        "Emma",
        "Olivia",
        "Sophia",
        "Grace",
        "Chloe",
        "Hannah",
        "Megan",
        "Laura",
        "Rachel",
        "Naomi",
        "Julia",
        "Alice",
        "Fiona",
        "Irene",
        "Kate",
        "Linda",
        "Monica",
        "Paula",
        "Rosa",
        "Tina",
    ),
    Gender.MALE: (
        "James",
        "Daniel",
        "Michael",
        "David",
        "Ryan",
        "Kevin",
        "Brian",
        "Peter",
        "Mark",
        "Jason",
        "Owen",
        "Eric",
        "Simon",
        "Victor",
        "Adam",
        "Colin",
        "Frank",
        "Gavin",
        "Henry",
        "Luke",
    ),
}
EN_FAMILY = (
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Hughes",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Turner",
    "Hill",
    "Moore",
    "Cooper",
    "Ward",
    "Morris",
    "King",
    "Baker",
    "Harris",
    "Lewis",
    "Young",
    "Allen",
    "Scott",
    "Price",
)
ZH_FAMILY = (
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "黄",
    "赵",
    "吴",
    "周",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "高",
    "林",
    "罗",
    "郑",
    "梁",
    "谢",
    "宋",
    "唐",
    "许",
    "韩",
    "冯",
    "邓",
    "曹",
)
ZH_GIVEN = {
    Gender.FEMALE: (
        "静",
        "丽",
        "芳",
        "敏",
        "婷",
        "雪",
        "慧",
        "娜",
        "佳怡",
        "晓红",
        "秀英",
        "梦琪",
        "欣然",
        "雅琴",
    ),
    Gender.MALE: (
        "伟",
        "强",
        "磊",
        "军",
        "洋",
        "勇",
        "杰",
        "涛",
        "建国",
        "志明",
        "浩然",
        "俊杰",
        "子轩",
        "宇航",
    ),
}
OCCUPATIONS = {
    Language.EN: (
        "warehouse worker",
        "nurse",
        "delivery driver",
        "teacher",
        "shop owner",
        "software tester",
        "electrician",
        "accountant",
        "chef",
        "sales associate",
        "freelance designer",
        "bus driver",
        "hairdresser",
        "construction worker",
        "office clerk",
        "retired",
        "student",
        "mechanic",
    ),
    Language.ZH: (
        "仓库管理员",
        "护士",
        "快递员",
        "教师",
        "个体店主",
        "软件测试",
        "电工",
        "会计",
        "厨师",
        "销售",
        "自由设计师",
        "公交司机",
        "理发师",
        "建筑工人",
        "文员",
        "退休",
        "学生",
        "汽修工",
    ),
}
COLLECTOR_NAMES = {
    Language.EN: (
        "Sarah",
        "Tom",
        "Anna",
        "Mike",
        "Lucy",
        "Chris",
        "Helen",
        "Sam",
        "Jenny",
        "Alex",
        "Ben",
        "Kelly",
    ),
    Language.ZH: (
        "小王",
        "小李",
        "小陈",
        "小刘",
        "小张",
        "小周",
        "小林",
        "小何",
        "小赵",
        "小吴",
        "小郑",
        "小孙",
    ),
}
GIVEN = {Language.EN: EN_GIVEN, Language.ZH: ZH_GIVEN}
"""Given-name pools per language, then per gender."""
FAMILY = {Language.EN: EN_FAMILY, Language.ZH: ZH_FAMILY}

SELF_EMPLOYED = {
    Language.EN: ("shop owner", "freelance designer", "electrician", "chef", "hairdresser", "mechanic"),
    Language.ZH: ("个体店主", "自由设计师", "电工", "厨师", "理发师", "汽修工"),
}
"""Occupations one can run as one's own business: the only ones a business failure goes with."""
NOT_EMPLOYED = {Language.EN: ("retired", "student"), Language.ZH: ("退休", "学生")}
"""Occupations without a wage to lose or cut: never a job loss or an income drop."""


def occupations_for(language: Language, cause: str | None = None) -> tuple[str, ...]:
    """The occupations a debtor behind for `cause` can plausibly have (all of them for None)."""
    pool = OCCUPATIONS[language]
    if cause == "business_failure":
        return SELF_EMPLOYED[language]
    if cause in ("job_loss", "income_drop"):
        return tuple(o for o in pool if o not in NOT_EMPLOYED[language])
    return pool
