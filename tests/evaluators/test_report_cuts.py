"""The report shows the cuts that vary (band, stage, product, noise, campaign day) and hides what never does."""

from __future__ import annotations

import pandas as pd

from evaluators.aggregate import group_table
from evaluators.report import build_report, cut_views, metrics_view
from evaluators.scoring import score_transcript
from scenarios import DebtorAct, plan_offer
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import MODEST, RICH, Dialogue, persona

LUMP = plan_offer(1200.0, 0.0, 1200.0, 0, 7)


def rows() -> pd.DataFrame:
    """Eight calls: two strategies, two bands; deals for the rich, hang-ups for the modest; one noise level."""
    out = []
    for i in range(8):
        rich = i % 2 == 0
        p = persona(**(RICH if rich else MODEST), pid=f"p{i}")
        d = Dialogue().opening()
        t = (
            d.deal(LUMP).finish(p, Termination.AGREEMENT, LUMP, strategy=f"s{i % 4 // 2}", index=i)
            if rich
            else d.say(DebtorAct.HANG_UP, "Bye.").finish(
                p, Termination.HANG_UP, strategy=f"s{i % 4 // 2}", index=i
            )
        )
        out.append(score_transcript(t) | {"band": "healthy" if rich else "distressed"})
    return pd.DataFrame(out)


def test_only_cuts_that_vary_are_shown_and_day_when_present() -> None:
    frame = rows()
    titles = [v.title for v in cut_views(frame, 50, 0)]
    assert titles == ["financial band × strategy"]  # one stage, product and noise level: no such cut
    frame["day"] = [0, 0, 0, 0, 3, 3, 3, 3]
    titles = [v.title for v in cut_views(frame, 50, 0)]
    assert titles == ["financial band × strategy", "campaign day × strategy"]
    also = frame.assign(campaign_day=frame["day"] + 1)  # one day cut, whichever column names it
    assert [v.title for v in cut_views(also, 50, 0)] == titles
    one_strategy = frame.assign(strategy="s0")
    assert [v.title for v in cut_views(one_strategy, 50, 0)] == ["financial band", "campaign day"]


def test_a_metric_constant_across_rows_is_dropped() -> None:
    frame = rows()
    view = metrics_view(group_table(frame, ["band"], 50, 0), ["band"])
    # every call is compliant, and only the rich (all agreeing) differ from the modest: compliance never varies
    assert "compliance rate" not in view.labels and "agreement rate" in view.labels
    single = metrics_view(group_table(frame[frame.band == "healthy"], ["band"], 50, 0), ["band"])
    assert "compliance rate" in single.labels  # one row: nothing to compare, all shown


def test_cut_tables_are_on_the_page() -> None:
    frame = rows()
    frame["product"] = ["credit_card", "bnpl"] * 4
    page = build_report(frame, [], 50, 0, "cuts")
    assert "<h2>By financial band × strategy</h2>" in page and "<h2>By product × strategy</h2>" in page
    assert "By noise level" not in page and "By account stage" not in page
