"""Phrases a collector must never say, in zh and en, as compiled patterns.

Kept apart from the compliance rules so the lists can grow (and be reviewed by
a compliance person) without touching the logic. Factual, lawful statements of
consequence — credit reporting, referral to a recovery team, possible legal
review — are *not* listed: collectors may say them, and the scripted
templates do. Patterns match `clean_text` case-insensitively.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Category(StrEnum):
    THREAT = "threat"
    ABUSE = "abuse"
    FALSE_STATEMENT = "false_statement"
    DEBT_MENTION = "debt_mention"


PHRASES: dict[Category, dict[str, tuple[str, ...]]] = {
    Category.THREAT: {
        "en": (
            r"\bwe(?:'ll| will) (?:come|turn up|show up) (?:to|at) your (?:house|home|work|door)",
            r"\b(?:tell|inform|call|contact) your (?:employer|boss|family|neighbou?rs|friends|colleagues)",
            r"\byou(?:'ll| will) regret\b",
            r"\b(?:or else|watch your back|make your life (?:hell|difficult))\b",
            r"\bhave you arrested\b",
            r"\bwe know where you live\b",
            r"\bshame you\b|\bexpose you\b",
        ),
        "zh": (
            r"上门(?:催收|找你|拜访)",
            r"(?:通知|告诉|联系)你的?(?:单位|领导|家人|同事|邻居|朋友)",
            r"后果自负",
            r"让你好看",
            r"曝光你",
            r"走着瞧",
        ),
    },
    Category.ABUSE: {
        "en": (
            r"\b(?:idiot|stupid|moron|deadbeat|loser|scum|pathetic|useless)\b",
            r"\bliar\b",
            r"\bshut up\b",
        ),
        "zh": (
            r"骗子",
            r"老赖",
            r"废物",
            r"白痴",
            r"混蛋",
            r"不要脸",
            r"无耻",
            r"滚开|滚蛋|给我滚",
            r"蠢货|愚蠢|蠢猪",
        ),
    },
    Category.FALSE_STATEMENT: {
        "en": (
            r"\bcriminal (?:offen[cs]e|charges?|record)\b",
            r"\b(?:arrest )?warrant\b",
            r"\byou(?:'ll| will) (?:go to|be sent to) (?:jail|prison)\b",
            r"\bthe court has (?:already )?(?:ordered|ruled)\b",
            r"\bwe (?:will|can|are going to) (?:seize|garnish|repossess|take) your (?:car|house|home|wages|salary|property|belongings|benefits)\b",
            r"\bpolice\b",
        ),
        "zh": (
            r"刑事(?:责任|案件)?",
            r"坐牢",
            r"拘留",
            r"逮捕",
            r"法院已经(?:判决|立案)",
            r"报警",
            r"冻结你的",
        ),
    },
    Category.DEBT_MENTION: {
        "en": (
            r"\b(?:overdue|debt|debts|arrears|owe|owing|outstanding|unpaid|missed payments?|repayments?)\b",
        ),
        "zh": (r"逾期", r"欠款", r"欠费", r"债务", r"催收", r"还款", r"未还"),
    },
}


def _compile() -> dict[tuple[Category, str], re.Pattern[str]]:
    return {
        (category, language): re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        for category, by_language in PHRASES.items()
        for language, patterns in by_language.items()
    }


PATTERNS = _compile()


def match(category: Category, text: str, language: str) -> str | None:
    """The first listed phrase of `category` found in `text`, or None."""
    found = PATTERNS[(category, language if language == "zh" else "en")].search(text)
    return found.group(0) if found else None
