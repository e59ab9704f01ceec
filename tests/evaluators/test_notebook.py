"""notebooks/compare_strategies.ipynb runs top to bottom against a small fresh run, so it never rots."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "compare_strategies.ipynb"


def test_notebook_executes(small_run: Path, monkeypatch) -> None:
    monkeypatch.setenv("DEBTSIM_RUN_DIR", str(small_run))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": os.getcwd()}}
    ).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "48 dialogues" in text and "highest mean reward" in text
    assert "empathetic − plan_and_judge over-concession" in text
