"""Bad overrides fail before Hydra starts: every sweep value, Hydra's own, later stages, `???`.

These call `check_overrides` in process (no simulation), so each case costs one
or a few config compositions.
"""

from __future__ import annotations

import pytest

from debtsim.app import check_overrides, pin_dirs, split_args
from debtsim.sweep import SweepError, variants


def one_line_error(capsys, args: list[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        check_overrides(args)
    assert exit_info.value.code != 0
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("debtsim: error:")
    return lines[0]


@pytest.mark.parametrize(
    ("args", "names"),
    [
        # a sweep's later values, not only its first
        (["-m", "strategy=firm,charming"], "strategy=charming"),
        (["-m", "noise.level=0,0.3,1.5"], "noise.level"),
        (["-m", "strategy=firm,empathetic", "persona.root_cause=job_loss,lottery_win"], "lottery_win"),
        (["-m", "evaluate.bootstrap=1000,5"], "evaluate.bootstrap"),
        # Hydra's own overrides
        (["hydra/launcher=nope"], "hydra/launcher"),
        (["-m", "hydra/launcher=joblib", "hydra.launcher.n_jobs=x"], "hydra.launcher.n_jobs"),
        (["-m", "n_dialogues=interval(1,3)"], "n_dialogues"),
        # later stages, checked at start instead of after simulating
        (["+evaluate.foo=1"], "evaluate.foo"),
        (["evaluate.bootstrap=-1"], "evaluate.bootstrap"),
        (["evaluate.judge=nonsense"], "evaluate.judge"),
        (["export.targets=[nope]"], "export.targets"),
        (["+export.foo=1"], "export.foo"),
        (["filter.stages=[bogus]"], "filter.stages"),
        (["filter=selection", "filter.selection.rouge_pool.threshold=7"], "filter.selection.rouge_pool"),
        # a mandatory value left unset
        (["llm=openai"], "llm.settings.model"),
        # a sweep without -m
        (["strategy=firm,empathetic"], "-m"),
        # size settings that disagree
        (["persona.per_cell=3", "n_dialogues=10"], "persona.per_cell"),
        (["n_dialogues=null"], "n_dialogues"),
    ],
)
def test_bad_override_is_one_line_at_start(capsys, args, names):
    assert names in one_line_error(capsys, args)


def test_an_experiments_sweep_params_are_checked(capsys):
    line = one_line_error(
        capsys, ["-m", "+experiment=strategy_shootout", "+hydra.sweeper.params.n_dialogues='2,-1'"]
    )
    assert "n_dialogues" in line and "-1" in line


def test_good_sweeps_pass(capsys):
    check_overrides(["-m", "strategy=empathetic,firm", "noise.level=0,0.3", "n_dialogues=2"])
    check_overrides(["-m", "+experiment=strategy_shootout", "strategy=firm", "n_dialogues=2"])
    check_overrides(["-m", "hydra/launcher=joblib", "hydra.launcher.n_jobs=2", "strategy=firm,empathetic"])
    check_overrides(["llm=openai", "llm.settings.model=qwen3", "n_dialogues=2"])
    check_overrides(["persona.per_cell=2", "n_dialogues=null", "persona.root_cause=[medical]"])
    assert capsys.readouterr().err == ""


def test_variants_grow_with_the_values_not_their_product():
    found = variants(
        {}, ["strategy=empathetic,firm,policy_ladder,plan_and_judge", "noise.level=0,0.3,0.5", "seed=1,2"]
    )
    assert len(found) == 1 + 3 + 2 + 1
    tried = {v.value for v in found if v.value}
    assert tried == {
        "strategy=firm",
        "strategy=policy_ladder",
        "strategy=plan_and_judge",
        "noise.level=0.3",
        "noise.level=0.5",
        "seed=2",
    }
    assert found[0].overrides == ["strategy=empathetic", "noise.level=0", "seed=1"]


def test_command_line_overrides_replace_an_experiments_params():
    found = variants({"strategy": "empathetic,firm", "noise.level": "0,0.5"}, ["strategy=policy_ladder"])
    assert [v.overrides for v in found] == [
        ["strategy=policy_ladder", "noise.level=0"],
        ["strategy=policy_ladder", "noise.level=0.5"],
    ]


def test_unsupported_sweep_is_a_sweep_error():
    with pytest.raises(SweepError, match="n_dialogues"):
        variants({}, ["n_dialogues=interval(1,3)"])


def test_output_dir_in_a_sweep_is_the_sweep_dir():
    args = ["-m", "strategy=empathetic,firm", "output_dir=/tmp/x"]
    assert pin_dirs(args, split_args(args)) == ["-m", "strategy=empathetic,firm", "hydra.sweep.dir=/tmp/x"]
    single = ["strategy=firm", "output_dir=/tmp/x"]
    assert pin_dirs(single, split_args(single)) == [*single, "hydra.run.dir=/tmp/x"]


@pytest.mark.parametrize(
    "args",
    [
        ["-m", "strategy=firm", "output_dir=/tmp/a,/tmp/b"],
        ["-m", "strategy=firm", "output_dir=/tmp/a", "hydra.sweep.dir=/tmp/b"],
    ],
)
def test_ambiguous_sweep_dir_is_refused(capsys, args):
    with pytest.raises(SystemExit):
        pin_dirs(args, split_args(args))
    assert "output_dir" in capsys.readouterr().err


def test_hydra_flags_are_not_overrides():
    line = split_args(["--multirun", "-cn", "run", "--info", "searchpath", "strategy=firm", "-c", "job"])
    assert line.multirun
    assert line.overrides == ["strategy=firm"]
