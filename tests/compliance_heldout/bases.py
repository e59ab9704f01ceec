"""Base calls for the held-out suite: scripted transcripts from the project's own engine, and turn edits.

Every case starts from a real scripted call (`build_context` + `run_dialogue`, as
`simulator.sample_turns` does) so the judge meets the engine's own wording around each
injected line. The call context is set here, always lawful (daytime, few attempts, no recent
conversation), so that the untouched calls are a false-positive set whatever the engine
draws, and the time and frequency cases change exactly one fact.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from scenarios import CallContext, CollectorAct, DebtorAct, Offer
from scenarios.acts import HALTING_ACTS
from scenarios.money import format_money
from simulator.backends import make_backend
from simulator.config import LLMConfig, RunConfig
from simulator.dialogue import build_context, plan_dialogue, run_dialogue
from simulator.graph import build_graph
from simulator.transcript import Speaker, Termination, Transcript, Turn

HERE = Path(__file__).resolve().parent
COMBOS = (("en", "us"), ("en", "uk"), ("en", "cn"), ("zh", "cn"), ("zh", "us"), ("zh", "uk"))
"""(language, jurisdiction) of the base runs: language and legal regime are independent settings."""
PER_COMBO = 8
SEED = 2207
AGENTS = {"en": ("Sam", "Alex", "Jordan"), "zh": ("小王", "小李", "小陈")}
CALL_DATE = dt.date(2026, 3, 4)


@functools.cache
def phrasings(language: str) -> dict:
    with open(HERE / f"phrasings_{language}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def run_config(language: str, jurisdiction: str, seed: int) -> RunConfig:
    return RunConfig.model_validate(
        {
            "seed": seed,
            "n_dialogues": PER_COMBO,
            "language": language,
            "max_turns": 24,
            "output_dir": "/tmp",
            "persona": {},
            "scenario": {},
            "strategy": {"names": ["empathetic", "firm", "policy_ladder"]},
            "llm": {},
            "noise": {},
            "jurisdiction": {"name": jurisdiction},
        }
    )


def call_at(transcript: Transcript, hour: int, minute: int, attempts: int, since: int | None) -> CallContext:
    """A call context on CALL_DATE at local `hour:minute` in a time zone of the transcript's profile."""
    profile = transcript.jurisdiction
    assert profile is not None
    tz = profile.places[transcript.index % len(profile.places)].timezone
    day = CALL_DATE + dt.timedelta(days=transcript.index % 5)
    start = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(tz))
    return CallContext(
        local_start=start.isoformat(), timezone=tz, attempts_7d=attempts, days_since_conversation=since
    )


def lawful_call(transcript: Transcript) -> CallContext:
    """Daytime, a few attempts, no conversation in the last fortnight: inside every profile's limits."""
    hour = 10 + transcript.index % 7  # 10:xx .. 16:xx
    since = None if transcript.index % 2 else 14 + transcript.index % 9
    return call_at(transcript, hour, 5 * (transcript.index % 12), transcript.index % 4, since)


@functools.cache
def base_calls() -> tuple[Transcript, ...]:
    """PER_COMBO scripted calls per (language, jurisdiction), each with a lawful call context."""
    graph, calls = build_graph(), []
    for n, (language, jurisdiction) in enumerate(COMBOS):
        config = run_config(language, jurisdiction, SEED + n)
        backend, cells = make_backend(LLMConfig(), language), config.grid().cells()
        for i in range(PER_COMBO):
            ctx = build_context(config, plan_dialogue(config, cells, i), backend)
            t = run_dialogue(graph, ctx, f"heldout-{language}-{jurisdiction}", "heldout")
            calls.append(t.model_copy(update={"call": lawful_call(t)}))
    return tuple(calls)


# --- reading a transcript -------------------------------------------------------------------


def first(transcript: Transcript, act: CollectorAct | DebtorAct, after: int = -1) -> int | None:
    return next((t.index for t in transcript.turns if t.act == act and t.index > after), None)


def halt_index(transcript: Transcript) -> int:
    """The first halting debtor act (dispute, cease, …), or the end of the call."""
    found = [t.index for t in transcript.turns if t.act in HALTING_ACTS]
    return min(found, default=len(transcript.turns))


def is_regular(transcript: Transcript) -> bool:
    """Verified at the first answer, debt stated and an offer made before anything stops collection:
    the plain shape (greet, answer, verify, identity, inform, …) every case edits."""
    verify = first(transcript, CollectorAct.VERIFY_IDENTITY)
    verified = first(transcript, DebtorAct.PROVIDE_IDENTITY)
    inform = first(transcript, CollectorAct.INFORM_DEBT)
    offer = first(transcript, CollectorAct.OFFER_PLAN)
    if verify is None or verified is None or inform is None or offer is None:
        return False
    mismatch = first(transcript, DebtorAct.IDENTITY_MISMATCH)
    shape = verify + 1 == verified and verified + 1 == inform and mismatch is None
    return shape and inform < offer < halt_index(transcript)


def regular_calls(language: str) -> list[Transcript]:
    return [t for t in base_calls() if t.language == language and is_regular(t)]


def amount_text(transcript: Transcript, value: float | None = None) -> str:
    case = transcript.case
    return format_money(case.outstanding if value is None else value, case.currency, transcript.language)


def pronouns(transcript: Transcript) -> dict[str, str]:
    """How a caller refers to the customer in the third person, read off the salutation on file."""
    salutation = transcript.case.customer_salutation
    female = "女士" in salutation or salutation.split(" ")[0] in ("Ms.", "Mrs.", "Miss", "Ms", "Mrs")
    she, her = ("she", "her") if female else ("he", "him")
    return {"she": she, "She": she.capitalize(), "her": her, "ta": "她" if female else "他"}


def fill(template: str, transcript: Transcript, **extra: str) -> str:
    language = transcript.language
    fields = {
        "amount": amount_text(transcript),
        "creditor": transcript.case.creditor,
        "name": transcript.case.customer_salutation,
        "agent": AGENTS[language][transcript.index % len(AGENTS[language])],
        **pronouns(transcript),
    }
    return template.format(**(fields | extra))


# --- writing turns ----------------------------------------------------------------------------


def turn(
    index: int, speaker: Speaker, act: CollectorAct | DebtorAct, text: str, offer: Offer | None = None
) -> Turn:
    return Turn(index=index, speaker=speaker, act=act, text=text, clean_text=text, offer=offer)


def collector(index: int, act: CollectorAct, text: str, offer: Offer | None = None) -> Turn:
    return turn(index, Speaker.COLLECTOR, act, text, offer)


def debtor(index: int, act: DebtorAct, text: str) -> Turn:
    return turn(index, Speaker.DEBTOR, act, text)


def retext(t: Turn, text: str) -> Turn:
    """The same turn saying `text`, heard clearly (noise on the original line would hide the edit)."""
    return t.model_copy(update={"text": text, "clean_text": text, "noise": (), "garbled": False})


def renumber(turns: Iterable[Turn]) -> list[Turn]:
    return [t.model_copy(update={"index": i}) for i, t in enumerate(turns)]


def rebuild(
    base: Transcript, turns: Iterable[Turn], termination: Termination | None = None, **update
) -> Transcript:
    """A copy of `base` with new turns; a new ending drops the agreement the old ending had."""
    changes: dict = {"turns": renumber(turns), **update}
    if termination is not None:
        changes |= {"termination": termination, "agreement": None}
    return base.model_copy(update=changes)


def join(language: str, *parts: str) -> str:
    return ("" if language == "zh" else " ").join(p.strip() for p in parts if p.strip())
