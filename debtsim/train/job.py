"""One training job: a run's export in, a collector (model folder ± adapter) and its losses out.

Build layer between the command line / the self-improve loop and the trainers.
It resolves the base model (a local folder, or the converted SmolLM2 from
`simulator.local_model`), caps torch's threads, prepares the samples from the
export's train split (`debtsim.train.train_samples`, report in `data.json`), runs
SFT then DPO when asked, and writes `result.json` so callers load the
collector without guessing paths.
"""

from __future__ import annotations

import os
from pathlib import Path

from debtsim.train.loss_log import LOSS_LOG
from debtsim.train.result import TrainResult
from debtsim.train.train_settings import Trainer, TrainError, TrainSettings


def base_model(settings: TrainSettings) -> Path:
    """The folder training starts from; never a hub download."""
    if settings.base_model is None:
        from simulator.local_model import default_model

        return default_model(TrainError)
    path = Path(settings.base_model).expanduser()
    if not (path / "config.json").exists():
        raise TrainError(f"train.base_model: {path} is not a Hugging Face model folder (no config.json)")
    return path


def limit_threads(threads: int) -> None:
    """Cap intra-op threads before torch starts work: a shared 2-core box thrashes otherwise."""
    import torch

    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    torch.set_num_threads(threads)


def offline() -> None:
    """Training here never reaches a hub, whatever the caller's environment says."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def train_trl(
    settings: TrainSettings, base: Path, run_dir: Path, out: Path, extra: Path | None
) -> TrainResult:
    from debtsim.train import trl_trainer
    from debtsim.train.train_samples import save_report, training_data

    trl_trainer.precision_flags(settings)  # a device this machine lacks fails before any model loads
    count = trl_trainer.token_counter(trl_trainer.load_tokenizer(base))
    data = training_data(run_dir, settings, count, extra)
    save_report(data.report, out)
    collector, sft = trl_trainer.sft(settings, base, data.sft, data.eval, out, data.report.truncated)
    stages, collectors = [sft], {"sft": collector}
    if settings.dpo.steps and data.dpo:
        collector, dpo = trl_trainer.dpo(settings, collector, data.dpo, out)
        stages.append(dpo)
        collectors["dpo"] = collector
    return TrainResult(
        base_model=str(base),
        method=str(settings.method),
        collector=collector,
        stages=stages,
        data=data.report.model_dump(mode="json", exclude={"dialogues"}),
        stage_collectors=collectors,
    )


def train_run(
    run_dir: Path, settings: TrainSettings, extra_pairs: Path | None = None
) -> TrainResult | list[str]:
    """Train on `run_dir`'s export (its train split); the LLaMA-Factory hand-off returns its commands.

    `extra_pairs` (the loop's SPIN pairs) are added to the export's DPO pairs.
    """
    offline()
    run_dir = Path(run_dir)
    out = settings.out(run_dir)
    base = base_model(settings)
    if settings.trainer is Trainer.LLAMAFACTORY:
        from debtsim.train.llamafactory_trainer import hand_off

        return hand_off(settings, base, run_dir, out)
    out.mkdir(parents=True, exist_ok=True)
    (out / LOSS_LOG).unlink(missing_ok=True)
    limit_threads(settings.threads)
    result = train_trl(settings, base, run_dir, out, extra_pairs)
    result.save(out)
    return result
