"""`debtsim export`: one-line errors, target selection, overrides."""

from __future__ import annotations

import json
import shutil

import pytest

from debtsim.cli import main
from tests.export.conftest import simulate, transcripts_by_id


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


def manifest(run_dir) -> dict:
    return json.loads((run_dir / "manifest.json").read_text())


def test_reexport_rewrites_its_manifest_section_and_removes_what_it_no_longer_writes(
    en_run, tmp_path, capsys
):
    """One export per directory: other targets' files, dataset_info and dpo/ of the old export go."""
    run_dir, summary = en_run
    copy = shutil.copytree(run_dir, tmp_path / "run")
    assert manifest(copy)["export"]["dpo"]["pairs"] == summary["dpo"]["pairs"] > 0
    code, err = run_cli(capsys, str(copy), "target=trl,openai", "dpo.enabled=false")
    assert code == 0, err
    assert sorted(p.name for p in (copy / "sft").iterdir()) == ["index.jsonl", "openai.jsonl", "trl.jsonl"]
    assert not (copy / "dpo").exists()
    section = manifest(copy)["export"]
    assert (
        section["status"] == "complete" and section["targets"] == ["trl", "openai"] and "dpo" not in section
    )
    assert {"sft/alpaca.jsonl", "sft/llamafactory.jsonl", "sft/dataset_info.json", "dpo/pairs.jsonl"} <= set(
        section["removed"]
    )
    lines = (copy / "sft" / "trl.jsonl").read_text().splitlines()
    assert section["sft"]["records"] == {"trl": len(lines), "openai": len(lines)}
    assert manifest(copy)["run_id"] == manifest(run_dir)["run_id"]  # the other sections are kept


def test_failed_export_leaves_the_files_and_the_manifest_as_they_were(en_run, tmp_path, capsys):
    """An invalid record is an error naming the dialogue; the previous export stays whole."""
    run_dir, _ = en_run
    copy = shutil.copytree(run_dir, tmp_path / "run")
    kept = json.loads((copy / "sft" / "index.jsonl").read_text().splitlines()[0])["dialogue_id"]
    lines = (copy / "transcripts.jsonl").read_text().splitlines()
    for i, line in enumerate(lines):
        data = json.loads(line)
        if data["dialogue_id"] == kept:  # two collector turns in a row, in place (same id, same order)
            turn = next(t for t in data["turns"] if t["speaker"] == "collector" and t["index"] > 0)
            extra = {**turn, "text": "One more thing, please.", "clean_text": "One more thing, please."}
            data["turns"].insert(turn["index"] + 1, extra)
            for k, t in enumerate(data["turns"]):
                t["index"] = k
            lines[i] = json.dumps(data, ensure_ascii=False)
    (copy / "transcripts.jsonl").write_text("\n".join(lines) + "\n")
    before = {p.relative_to(copy): p.read_bytes() for p in (copy / "sft").rglob("*") if p.is_file()}
    section = manifest(copy)["export"]
    code, err = run_cli(capsys, str(copy), "adjacent=fail", "dpo.enabled=false")
    assert code == 2 and kept in err and err.count("\n") == 1
    assert {p.relative_to(copy): p.read_bytes() for p in (copy / "sft").rglob("*") if p.is_file()} == before
    assert (copy / "dpo" / "pairs.jsonl").exists() and manifest(copy)["export"] == section


def test_export_starts_from_the_runs_own_config(tmp_path, capsys):
    """A run made with export.text.debtor=clean is re-exported with clean debtor text."""
    out = simulate(tmp_path / "run", "n_dialogues=24", "seed=9", "noise=heavy", "export.text.debtor=clean")
    code, err = run_cli(capsys, str(out), "dpo.enabled=false")
    assert code == 0, err
    transcripts = transcripts_by_id(out)
    ids = [json.loads(x)["dialogue_id"] for x in (out / "sft" / "index.jsonl").read_text().splitlines()]
    noisy = 0
    for dialogue_id, line in zip(ids, (out / "sft" / "trl.jsonl").read_text().splitlines(), strict=True):
        said = [m["content"] for m in json.loads(line)["messages"] if m["role"] == "user"][1:]
        debtor = [t for t in transcripts[dialogue_id].turns if t.speaker == "debtor"][: len(said)]
        noisy += sum(t.text.strip() != t.clean_text.strip() for t in debtor)
        assert said == [t.clean_text.strip() or "[inaudible]" for t in debtor]
    assert noisy > 0  # heard text did differ: the test could tell the two apart


def test_export_of_a_selection_run_writes_its_card_and_a_later_one_removes_it(tmp_path, capsys):
    out = simulate(
        tmp_path / "run", "n_dialogues=48", "seed=5", "filter=selection", "export.dpo.enabled=false"
    )
    code, err = run_cli(capsys, str(out))
    assert code == 0, err
    assert (out / "DATASET.md").exists() and (out / "stats.json").exists()
    assert "selection" in manifest(out)["export"] and (out / "sft" / "train").is_dir()
    code, err = run_cli(capsys, str(out), "filter.selection.enabled=false")
    assert code == 0, err
    assert not (out / "DATASET.md").exists() and not (out / "stats.json").exists()
    assert not (out / "sft" / "train").exists() and not (out / "eval_scenarios.jsonl").exists()
    removed = manifest(out)["export"]["removed"]
    assert {"DATASET.md", "stats.json", "sft/train"} <= set(removed) and "selection" not in manifest(out)[
        "export"
    ]


def test_kept_dialogues_beyond_the_dpo_cap_are_counted(en_run, tmp_path, capsys):
    """Branchable: the kept dialogues and (dpo.branch_from=clean) those dropped only for how they ended."""
    run_dir, summary = en_run
    dpo = summary["dpo"]
    branchable = summary["sft"]["branchable"]
    assert branchable >= summary["sft"]["filters"]["kept"]
    assert dpo["branched"] + dpo["replay_mismatch"] + dpo["not_branched"] == branchable
    copy = tmp_path / "run"
    copy.mkdir()
    for name in ("transcripts.jsonl", "config.yaml"):
        shutil.copy(run_dir / name, copy / name)
    code, _ = run_cli(capsys, str(copy), "dpo.max_dialogues=2", "target=trl")
    assert code == 0
    section = manifest(copy)["export"]
    branchable = section["sft"]["branchable"]
    assert branchable > 2 and section["dpo"]["not_branched"] == branchable - 2
    assert section["dpo"]["branched"] + section["dpo"]["replay_mismatch"] == 2


def test_a_run_saved_before_a_setting_existed_re_exports_with_its_default(en_run, tmp_path, capsys):
    """A run's config.yaml from an older version lacks settings added since: they take today's
    defaults; what the run did save is kept; a saved key today's version does not know still fails."""
    import yaml

    from debtsim.export.commands import run_sections
    from evaluators.selection import load_selection_defaults

    run_dir, _ = en_run
    config = yaml.safe_load((run_dir / "config.yaml").read_text())
    selection = load_selection_defaults()
    del selection["rouge_pool"]["max_bucket"], selection["clusters"]["svd_rows"]
    selection["rouge_pool"]["threshold"] = 0.8
    config["filter"] = {**config["filter"], "selection": selection}
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config))
    filters, _ = run_sections(tmp_path)
    defaults = load_selection_defaults()
    assert filters["selection"]["rouge_pool"]["max_bucket"] == defaults["rouge_pool"]["max_bucket"]
    assert filters["selection"]["clusters"]["svd_rows"] == defaults["clusters"]["svd_rows"]
    assert filters["selection"]["rouge_pool"]["threshold"] == 0.8
    assert filters["near_duplicate"] == config["filter"]["near_duplicate"]
    selection["rouge_pool"]["bogus"] = 1
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config))
    shutil.copy(run_dir / "transcripts.jsonl", tmp_path / "transcripts.jsonl")
    code, err = run_cli(capsys, str(tmp_path))
    assert code == 2 and "bogus" in err and err.count("\n") == 1
