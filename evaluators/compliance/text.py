"""Reading what a collector turn says: cues found clause by clause, with negations and hedges.

A word list fires on "nobody is going to arrest you" and misses "you'll end up behind
bars". Each cue here (`Cue`) is a set of phrasing patterns
plus two kinds of exceptions a reviewer makes without thinking (banks in `patterns/`):

- `suppress`: a reassurance or negation that *contains* the match ("we won't seize
  anything", "不会有人抓您") — a match overlapping one of them does not count;
- `hedges`: a word that turns the whole clause into a lawful statement of possibility
  ("the account *may* be referred to court", "可能提起诉讼") — a clause holding one has no
  match of that cue.

Text is cut into clauses at sentence ends and at "but" / 但是, so "I've noted the dispute,
but you still owe £500" is judged on its second half. Cues report the phrase they
matched, which becomes the finding's evidence. The detectors decide what a cue means
given the dialogue's structure (who is on the line, what the debtor said before).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from evaluators.compliance.cues import NEGATABLE, QUOTABLE, Cue, CuePatterns
from evaluators.compliance.patterns import BANKS
from evaluators.compliance.patterns.scopes import SCOPES


@dataclass(frozen=True, slots=True)
class Compiled:
    any: re.Pattern[str]
    """Every match pattern in one alternation: a clause it does not match needs no closer look."""
    match: tuple[re.Pattern[str], ...]
    suppress: tuple[re.Pattern[str], ...]
    hedges: re.Pattern[str] | None
    scopes: tuple[re.Pattern[str], ...] = ()
    """Negated or attributed stretches of a clause (`patterns.scopes`) that cancel a match of this cue."""


SENTENCE = re.compile(r"[.](?=\s|$)|[!?;\n。！？；…]+")
"""Sentence ends: a full stop before a space or the end (not in £1,234.50 or IdentityTheft.gov), ! ? ; 。！？；"""
CONTRAST = {
    "en": re.compile(r",?\s+\b(?:but|however|though|although|yet)\b", re.IGNORECASE),
    "zh": re.compile(r"[，,]?\s*(?:但是|但|不过|可是|然而)"),
}


def _compile(patterns: CuePatterns, scopes: tuple[str, ...]) -> Compiled:
    flags = re.IGNORECASE
    hedges = re.compile("|".join(f"(?:{h})" for h in patterns.hedges), flags) if patterns.hedges else None
    return Compiled(
        re.compile("|".join(f"(?:{p})" for p in patterns.match), flags),
        tuple(re.compile(p, flags) for p in patterns.match),
        tuple(re.compile(p, flags) for p in patterns.suppress),
        hedges,
        tuple(re.compile(p, flags) for p in scopes),
    )


def _scopes(cue: Cue, language: str) -> tuple[str, ...]:
    negated, quoted = SCOPES[language]
    return (negated if cue in NEGATABLE else ()) + (quoted if cue in QUOTABLE else ())


@functools.cache
def compiled(language: str) -> dict[Cue, Compiled]:
    """Every cue of `language` (zh, else en), compiled once."""
    return {cue: _compile(patterns, _scopes(cue, language)) for cue, patterns in BANKS[language].items()}


def lang(language: str) -> str:
    return "zh" if language == "zh" else "en"


@functools.lru_cache(maxsize=8192)
def clauses(text: str, language: str) -> tuple[str, ...]:
    """`text` cut at sentence ends and before a contrasting "but" / 但是 (cached: every cue reads it)."""
    out: list[str] = []
    for sentence in SENTENCE.split(text):
        out += [part.strip() for part in CONTRAST[lang(language)].split(sentence) if part.strip()]
    return tuple(out)


def _in_clause(cue: Compiled, clause: str) -> str | None:
    if not cue.any.search(clause) or (cue.hedges is not None and cue.hedges.search(clause)):
        return None
    cancelled: list[tuple[int, int]] | None = None
    for pattern in cue.match:
        for found in pattern.finditer(clause):
            if cancelled is None:
                cancelled = [m.span() for p in (*cue.suppress, *cue.scopes) for m in p.finditer(clause)]
            start, end = found.span()
            if not any(s < end and start < e for s, e in cancelled):
                return found.group(0)
    return None


@functools.lru_cache(maxsize=65536)
def find(cue: Cue, text: str, language: str) -> str | None:
    """The first phrase of `cue` said in `text` that no negation or hedge cancels, or None (cached:
    several detectors ask about the same turn)."""
    patterns = compiled(lang(language)).get(cue)
    if patterns is None or not text:
        return None
    for clause in clauses(text, language):
        if (phrase := _in_clause(patterns, clause)) is not None:
            return phrase
    return None
