"""The report's figures as PNG bytes (matplotlib, Agg: no display needed).

Each function takes the score table and returns encoded PNG bytes, so the
report can embed them as base64 and stay one self-contained file. Labels are
column values (ASCII identifiers); Chinese text appears only in transcripts.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from personas.finances import INSTALLMENT_SHARE

SCATTER_POINTS = 4000
DPI = 96


def png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    plt.close(fig)
    return buffer.getvalue()


def recovery_heatmap(frame: pd.DataFrame) -> bytes:
    """Mean recovery ratio by strategy (rows) × root cause (columns), annotated."""
    table = frame.pivot_table(index="strategy", columns="root_cause", values="recovery_ratio", aggfunc="mean")
    fig, ax = plt.subplots(
        layout="constrained",
        figsize=(max(6.0, 1.8 + 0.8 * table.shape[1]), 1.4 + 0.5 * max(1, table.shape[0])),
    )
    image = ax.imshow(table.to_numpy(dtype=float), cmap="viridis", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(table.shape[1]), table.columns, rotation=40, ha="right")
    ax.set_yticks(range(table.shape[0]), table.index)
    for (i, j), value in np.ndenumerate(table.to_numpy(dtype=float)):
        if np.isfinite(value):
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", color="white" if value < 0.6 else "black")
    ax.set_title("mean recovery ratio: strategy × root cause")
    fig.colorbar(image, ax=ax, fraction=0.03)
    return png(fig)


def recovery_vs_burden(frame: pd.DataFrame) -> bytes:
    """Agreed deals: recovery ratio against plan burden, one colour per strategy."""
    deals = frame[frame["agreed"]]
    if len(deals) > SCATTER_POINTS:
        deals = deals.sample(SCATTER_POINTS, random_state=0)
    fig, ax = plt.subplots(layout="constrained", figsize=(6.5, 4))
    for name, group in deals.groupby("strategy"):
        ax.scatter(group["plan_burden"], group["recovery_ratio"], s=9, alpha=0.5, label=name)
    ax.axvline(INSTALLMENT_SHARE, color="grey", linestyle="--", linewidth=0.8, label="sustainable share")
    ax.set_xlabel("plan burden (installment ÷ disposable income)")
    ax.set_ylabel("recovery ratio")
    ax.set_title("recovery vs plan burden (agreed deals)")
    if len(deals):
        ax.legend(fontsize=8)
    return png(fig)


def termination_bars(frame: pd.DataFrame) -> bytes:
    """Share of each termination reason per strategy, stacked."""
    shares = pd.crosstab(frame["strategy"], frame["termination"], normalize="index")
    fig, ax = plt.subplots(layout="constrained", figsize=(6.5, 0.8 + 0.5 * max(1, len(shares))))
    left = np.zeros(len(shares))
    for reason in shares.columns:
        ax.barh(shares.index, shares[reason], left=left, label=reason)
        left += shares[reason].to_numpy()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of dialogues")
    ax.set_title("termination reasons")
    ax.legend(fontsize=7, ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    return png(fig)


def turns_histogram(frame: pd.DataFrame) -> bytes:
    """Distribution of dialogue length per strategy."""
    fig, ax = plt.subplots(layout="constrained", figsize=(6.5, 3.5))
    top = int(frame["n_turns"].max()) if len(frame) else 1
    bins = np.arange(0, top + 2) - 0.5
    for name, group in frame.groupby("strategy"):
        ax.hist(group["n_turns"], bins=bins, histtype="step", linewidth=1.4, label=name)
    ax.set_xlabel("turns")
    ax.set_ylabel("dialogues")
    ax.set_title("turns per dialogue")
    ax.legend(fontsize=8)
    return png(fig)


FIGURES = {
    "recovery by strategy × root cause": recovery_heatmap,
    "recovery vs plan burden": recovery_vs_burden,
    "termination reasons": termination_bars,
    "turns distribution": turns_histogram,
}
