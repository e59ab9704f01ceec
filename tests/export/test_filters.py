"""The filter chain: every stage's verdict, counted; planted near-duplicates removed, distinct kept."""

from __future__ import annotations

import numpy as np
import pytest

from evaluators.filters import Candidate, DropReason, FilterChain, FilterError, parse_filter_settings
from simulator.conf_defaults import load_defaults

WORDS = [
    "account",
    "balance",
    "payment",
    "plan",
    "month",
    "today",
    "offer",
    "waive",
    "fee",
    "settle",
    "agree",
    "installment",
    "schedule",
    "amount",
    "due",
    "call",
    "later",
    "bank",
    "card",
    "loan",
    "review",
    "income",
    "budget",
    "transfer",
    "date",
]
HANZI = "欠款还款分期减免罚息本金利息账户逾期今天明天每月首付方案协商银行信用卡贷款核实身份"


GOOD = {
    "compliant": True,
    "loop_free": True,
    "coherence_score": 0.95,
    "reward": 0.9,
    "over_concession_severity": 0.0,
    "closed": True,
}


def settings(*stages: str, **overrides):
    data = load_defaults("filter")
    data["stages"] = list(stages)
    for key, value in overrides.items():
        section, name = key.split("__")
        data[section] = {**data[section], name: value}
    return parse_filter_settings(data)


def candidate(i: int, texts: tuple[str, ...], language: str = "en", **kw) -> Candidate:
    base = {
        "dialogue_id": f"d{i}",
        "language": language,
        "cell": "job_loss|distressed|0.1",
        "termination": "agreement",
        "n_turns": 12,
        "collector_texts": texts,
        "scores": GOOD,
    }
    return Candidate(**(base | kw))


def english(rng: np.random.Generator, n: int = 200) -> tuple[str, ...]:
    return tuple(" ".join(rng.choice(WORDS, size=n // 4)) for _ in range(4))


def chinese(rng: np.random.Generator, n: int = 240) -> tuple[str, ...]:
    return tuple("".join(rng.choice(list(HANZI), size=n // 4)) for _ in range(4))


def edit(texts: tuple[str, ...], language: str) -> tuple[str, ...]:
    """A near-copy: one word (en) or one character (zh) changed in the last turn."""
    last = texts[-1]
    changed = last.replace(last.split()[0], "hello", 1) if language == "en" else "好" + last[1:]
    return (*texts[:-1], changed)


@pytest.mark.parametrize(("language", "make"), [("en", english), ("zh", chinese)])
def test_planted_near_duplicates_are_removed_and_distinct_ones_kept(language, make):
    chain = FilterChain(settings("near_duplicate"))
    rng = np.random.default_rng(5)
    originals = [make(rng) for _ in range(40)]
    verdicts = [chain.judge(candidate(i, t, language)) for i, t in enumerate(originals)]
    assert verdicts == [None] * 40  # random texts share little: all distinct
    planted = [chain.judge(candidate(100 + i, edit(t, language), language)) for i, t in enumerate(originals)]
    assert planted == [DropReason.NEAR_DUPLICATE] * 40
    exact = chain.judge(candidate(200, originals[3], language))
    assert exact is DropReason.NEAR_DUPLICATE
    assert chain.summary() == {"seen": 81, "kept": 40, "dropped": {"near_duplicate": 41}}


def test_index_is_reusable_for_candidate_lookups():
    chain = FilterChain(settings("near_duplicate"))
    texts = english(np.random.default_rng(1))
    chain.judge(candidate(1, texts))
    sig = chain.index.signature(edit(texts, "en"), "en")
    assert "d1" in chain.index.candidates(sig)
    assert chain.index.similarity(sig, "d1") >= 0.9
    assert len(chain.index) == 1


def test_zh_is_shingled_by_character_and_en_by_word():
    shingler = FilterChain(settings("near_duplicate")).index.shingler
    assert shingler.tokens("你好 世界", "zh") == ["你", "好", "世", "界"]
    assert shingler.tokens("Hello, World", "en") == ["hello", "world"]


def test_scores_compliance_and_loops_must_pass_and_minimums_hold():
    chain = FilterChain(settings("scores"))
    ok = GOOD
    assert chain.judge(candidate(1, ("x",), scores=ok)) is None
    assert chain.judge(candidate(2, ("x",), scores=ok | {"compliant": False})) is DropReason.COMPLIANCE
    assert chain.judge(candidate(3, ("x",), scores=ok | {"coherence_score": 0.1})) is DropReason.LOW_SCORE
    assert chain.judge(candidate(5, ("x",), scores=ok | {"loop_free": False})) is DropReason.LOOP
    with pytest.raises(FilterError, match=r"loop_free.*d4"):
        chain.judge(candidate(4, ("x",), scores={"compliant": True}))
    assert chain.summary()["dropped"] == {"compliance_failed": 1, "loop_or_repeat": 1, "low_score": 1}


def test_by_default_a_loop_is_dropped_even_with_a_high_coherence_score():
    """One looping turn in fifteen leaves coherence_score at 0.93: only the must-pass catches it."""
    chain = FilterChain(settings("scores"))
    looping = GOOD | {"coherence_score": 0.93, "loop_free": False}
    assert chain.judge(candidate(1, ("x",), scores=looping)) is DropReason.LOOP


def test_another_must_pass_column_has_its_own_reason():
    data = load_defaults("filter")
    data["scores"] = {**data["scores"], "must_pass": ["compliant", "closed"]}
    chain = FilterChain(parse_filter_settings(data | {"stages": ["scores"]}))
    assert chain.judge(candidate(1, ("x",), scores=GOOD | {"closed": False})) is DropReason.MUST_PASS


def non_agreement(i: int, ending: str = "refusal", **scores) -> Candidate:
    return candidate(i, ("x",), termination=ending, scores=GOOD | {"reward": 0.25} | scores)


def test_outcome_floor_keeps_good_deals_and_closed_refusals_only():
    chain = FilterChain(settings("outcome"))
    assert chain.judge(candidate(1, ("x",))) is None
    assert chain.judge(candidate(2, ("x",), scores=GOOD | {"reward": 0.6})) is DropReason.WEAK_DEAL
    assert (
        chain.judge(candidate(3, ("x",), scores=GOOD | {"over_concession_severity": 0.4}))
        is DropReason.WEAK_DEAL
    )
    for i, ending in enumerate(("hang_up", "max_turns", "escalation", "error"), start=4):
        assert chain.judge(non_agreement(i, ending)) is DropReason.ENDING
    assert chain.judge(non_agreement(8, closed=False)) is DropReason.NOT_CLOSED


def test_non_agreements_stay_within_their_share_at_every_point():
    chain = FilterChain(settings("outcome"))  # default max_share 0.2
    verdicts = []
    for i in range(40):
        item = non_agreement(i) if i % 2 else candidate(i, ("x",))  # half the input are closed refusals
        verdicts.append(chain.judge(item))
        kept_non = sum(1 for k, v in enumerate(verdicts) if v is None and k % 2)
        kept = verdicts.count(None)
        assert kept_non <= 0.2 * kept + 1e-9
    assert verdicts.count(DropReason.NON_AGREEMENT_SHARE) > 0
    assert sum(1 for k, v in enumerate(verdicts) if v is None and k % 2) == 5  # 20 deals kept → 5 of 25


STOPS = ("dispute_recorded", "identity_theft", "cease_contact", "represented", "bankruptcy", "unverified")


def test_collection_stops_are_kept_as_correct_handling():
    """A call the collector stopped as the law asks is good data: kept, closed score or not."""
    chain = FilterChain(settings("outcome"))
    for i in range(20):  # deals first, so the stops' share has room
        assert chain.judge(candidate(i, ("x",))) is None
    for i, ending in enumerate(STOPS, start=20):
        assert chain.judge(non_agreement(i, ending, closed=False)) is None, ending
    assert chain.judge(non_agreement(40, "escalation")) is DropReason.ENDING


def test_stops_stay_within_their_own_share_and_leave_the_non_agreement_share_alone():
    chain = FilterChain(settings("outcome"))  # default stopped.max_share 0.5
    verdicts = [chain.judge(non_agreement(i, "dispute_recorded")) for i in range(10)]
    assert verdicts.count(DropReason.STOP_SHARE) > 0
    for i in range(10, 30):
        chain.judge(candidate(i, ("x",)))
    assert chain.judge(non_agreement(30)) is None  # a refusal still has its own share


def test_stop_settings_are_checked():
    data = load_defaults("filter")
    data["outcome"] = {**data["outcome"], "stopped": {"keep": ["refusal"], "max_share": 0.4}}
    with pytest.raises(FilterError, match=r"filter\.outcome\.stopped\.keep"):
        parse_filter_settings(data)
    data = load_defaults("filter")
    data["outcome"]["non_agreement"] = {"keep": ["refusal", "unverified"], "max_share": 0.2}
    with pytest.raises(FilterError, match="both as a non-agreement and a stop"):
        parse_filter_settings(data)
    data = load_defaults("filter")
    del data["outcome"]["stopped"]
    assert parse_filter_settings(data).outcome.stopped is None  # a run configured before stops were kept


def test_outcome_settings_are_checked():
    data = load_defaults("filter")
    data["outcome"] = {**data["outcome"], "non_agreement": {"keep": ["agreement"], "max_share": 0.2}}
    with pytest.raises(FilterError, match=r"filter\.outcome\.non_agreement\.keep"):
        parse_filter_settings(data)
    data = load_defaults("filter")
    del data["outcome"]
    with pytest.raises(FilterError, match="outcome"):
        parse_filter_settings(data)
    old = {k: v for k, v in load_defaults("filter").items() if k != "outcome"}
    old["stages"] = [s for s in old["stages"] if s != "outcome"]
    assert parse_filter_settings(old).outcome is None  # a run configured before the stage existed


def test_length_boilerplate_termination_and_cell_cap():
    chain = FilterChain(settings("termination", "length", "boilerplate", "balance", balance__cap_per_cell=2))
    long_text = ("Let us agree a plan for the balance today, " * 3,)
    assert chain.judge(candidate(1, long_text, termination="error")) is DropReason.ERROR
    assert chain.judge(candidate(2, long_text, n_turns=2)) is DropReason.TOO_SHORT
    assert chain.judge(candidate(3, long_text, n_turns=500)) is DropReason.TOO_LONG
    assert chain.judge(candidate(4, ("hi",))) is DropReason.TOO_SHORT
    assert (
        chain.judge(candidate(5, (*long_text, "As an AI language model I cannot"))) is DropReason.BOILERPLATE
    )
    assert (
        chain.judge(candidate(6, (*long_text, "作为一个人工智能"), language="zh")) is DropReason.BOILERPLATE
    )
    assert chain.judge(candidate(7, long_text)) is None
    assert chain.judge(candidate(8, long_text)) is None
    assert chain.judge(candidate(9, long_text)) is DropReason.CELL_CAP
    assert chain.judge(candidate(10, long_text, cell="medical|stable|0.1")) is None
    summary = chain.summary()
    assert summary["seen"] == 10 and summary["kept"] == 3
    assert sum(summary["dropped"].values()) == 7


def test_a_late_drop_is_not_remembered_by_earlier_stateful_stages():
    chain = FilterChain(settings("near_duplicate", "balance", balance__cap_per_cell=1))
    rng = np.random.default_rng(2)
    first, second = english(rng), english(rng)
    assert chain.judge(candidate(1, first)) is None
    assert chain.judge(candidate(2, second)) is DropReason.CELL_CAP
    # d2 was dropped by the cap, so its text never entered the index
    assert chain.judge(candidate(3, second, cell="other")) is None


def test_bad_settings_fail_with_one_line_naming_the_field():
    data = load_defaults("filter")
    data["near_duplicate"] = {**data["near_duplicate"], "threshold": 1.5}
    with pytest.raises(FilterError, match=r"near_duplicate\.threshold"):
        parse_filter_settings(data)


def test_vectorised_signature_equals_datasketch_update_batch():
    from datasketch import MinHash

    index = FilterChain(settings("near_duplicate")).index
    texts = english(np.random.default_rng(3))
    reference = MinHash(num_perm=128, seed=1, hashfunc=int)
    reference.update_batch(index.shingler.hashes(texts, "en").tolist())
    assert (index.signature(texts, "en") == reference.hashvalues).all()


def test_block_signatures_equal_datasketch_per_text_whatever_the_mix():
    """A block mixes languages, empty texts and texts shorter than a shingle; every row must be the
    signature datasketch gives that text alone."""
    from datasketch import MinHash

    index = FilterChain(settings("near_duplicate")).index
    texts = [*english(np.random.default_rng(4))[:3], "", "one", "您好，请问是王先生吗？", "好", "two words"]
    languages = ["en", "en", "en", "en", "en", "zh", "zh", "en"]
    tokens = [index.shingler.tokens(t, lang) for t, lang in zip(texts, languages, strict=True)]
    block = index.signatures_of(tokens, languages)
    for row, text, language in zip(block, texts, languages, strict=True):
        reference = MinHash(num_perm=128, seed=1, hashfunc=int)
        reference.update_batch(index.shingler.hashes([text], language).tolist())
        assert (row == reference.hashvalues).all(), text


def test_settings_share_one_frozen_base_and_one_validation_helper():
    """The filter, export and evaluate settings are built on simulator.config.Frozen and fail through
    simulator.errors.validated: one message shape, no copies left to drift."""
    import debtsim.export.export_settings as export_settings
    import evaluators.evaluate_settings as evaluate_settings
    import evaluators.filters.filter_settings as filter_settings
    from simulator.config import Frozen

    for model in (
        filter_settings.FilterSettings,
        export_settings.ExportSettings,
        evaluate_settings.EvaluateSettings,
    ):
        assert issubclass(model, Frozen)
    assert "Frozen" not in vars(export_settings) or export_settings.Frozen is Frozen
    assert "Frozen" not in vars(filter_settings) or filter_settings.Frozen is Frozen
    assert not hasattr(export_settings, "first_error")
    data = load_defaults("export")
    data["dpo"] = {**data["dpo"], "margin": 5}
    with pytest.raises(export_settings.ExportError, match=r"^export\.dpo\.margin: "):
        export_settings.parse_export_settings(data)
    with pytest.raises(evaluate_settings.SettingsError, match=r"^evaluate\.seed: "):
        evaluate_settings.parse_settings({"seed": -1})
