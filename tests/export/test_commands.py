"""`debtsim export`: one-line errors, target selection, overrides."""

from __future__ import annotations

import json
import shutil

import pytest

from simulator.cli import main


def run_cli(capsys, *args: str) -> tuple[int, str]:
    try:
        main(["export", *args])
    except SystemExit as exc:
        return int(exc.code or 0), capsys.readouterr().err
    return 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "usage: debtsim export RUN_DIR"),
        (("/no/such/run",), "run directory not found: /no/such/run"),
        (("{run}", "nonsense=1"), "unknown setting 'nonsense'"),
        (("{run}", "target=llamafactory,bogus"), "export.targets.1"),
        (("{run}", "filter.near_duplicate.threshold=2"), "filter.near_duplicate.threshold"),
        (("{run}", "dpo.margin=-1"), "export.dpo.margin"),
    ],
)
def test_bad_input_fails_with_one_line(en_run, capsys, args, message):
    run_dir, _ = en_run
    code, err = run_cli(capsys, *(a.format(run=run_dir) for a in args))
    assert code == 2
    assert err.startswith("debtsim: error: ") and message in err
    assert err.count("\n") == 1


def test_target_subset_and_overrides(en_run, tmp_path, capsys):
    run_dir, _ = en_run
    copy = tmp_path / "run"
    copy.mkdir()
    for name in ("transcripts.jsonl", "config.yaml"):
        shutil.copy(run_dir / name, copy / name)
    code, _ = run_cli(
        capsys, str(copy), "target=trl,openai", "dpo.enabled=false", "filter.balance.cap_per_cell=1"
    )
    assert code == 0
    assert sorted(p.name for p in (copy / "sft").glob("*.jsonl")) == [
        "index.jsonl",
        "openai.jsonl",
        "trl.jsonl",
    ]
    assert not (copy / "dpo").exists() and not (copy / "sft" / "dataset_info.json").exists()
    cells = [json.loads(line)["cell"] for line in (copy / "sft" / "index.jsonl").read_text().splitlines()]
    assert len(cells) == len(set(cells)) > 0  # the cap of one per persona cell held
