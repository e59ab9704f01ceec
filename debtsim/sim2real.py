"""`debtsim sim2real SIM_RUN REAL_RUN output_dir=DIR [bootstrap=500] [seed=0] [language=en|zh]`.

Measures how far a simulated run is from real calls (an ingested run), feature
by feature (evaluators.sim2real), and writes sim2real.json and sim2real.html.
The app layer lends the judges the ingest's PII redaction as the text mask, so
both runs' lexical variety is measured on the same masked text. A real call's
root cause counts only where the file labelled it (not where it is a placeholder).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich.console import Console
from rich.table import Table

from debtsim.ingest.redact import redact_call
from evaluators.sim2real import CallFeatures, FeatureResult, call_features, compare_runs
from evaluators.sim2real.compare import by_root_cause
from evaluators.sim2real.report import document, write_report
from simulator.errors import DebtsimError, fail
from simulator.store import TRANSCRIPTS, iter_transcripts
from simulator.transcript import Source, Transcript

USAGE = "usage: debtsim sim2real SIM_RUN REAL_RUN output_dir=DIR [bootstrap=500] [seed=0] [language=en|zh]"


class Sim2RealOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    sim_run: Path
    real_run: Path
    output_dir: Path
    bootstrap: int = Field(500, ge=50)
    seed: int = Field(0, ge=0)
    language: str | None = Field(None, pattern="^(en|zh)$")


def mask(texts: list[str]) -> list[str]:
    return [text for text, _ in redact_call(texts)]


def known_cause(t: Transcript) -> str | None:
    """The root cause when it is data: always for a simulated call, only when labelled for a real one."""
    return None if "persona.root_cause" in t.unknown else str(t.persona.root_cause)


def load(run: Path, language: str | None) -> tuple[list[CallFeatures], int]:
    """Features of every call of a run (of one language when set) and how many were ingested."""
    path = run / TRANSCRIPTS
    if not path.exists():
        raise DebtsimError(f"{run}: no {TRANSCRIPTS} (is this a run directory?)")
    calls, ingested = [], 0
    for t in iter_transcripts(path):
        if language and t.language != language:
            continue
        ingested += t.source is Source.INGESTED
        calls.append(call_features(t, mask, known_cause(t)))
    if not calls:
        raise DebtsimError(f"{run}: no calls{f' in {language}' if language else ''} to compare")
    return calls, ingested


def parse(args: list[str]) -> Sim2RealOptions:
    if len(args) < 2 or any("=" in a for a in args[:2]):
        fail(USAGE)
    data: dict = {"sim_run": args[0], "real_run": args[1]}
    for arg in args[2:]:
        key, sep, value = arg.partition("=")
        if not sep:
            fail(f"expected key=value, got {arg!r}\n{USAGE}")
        data[key] = value
    try:
        return Sim2RealOptions.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        fail(f"sim2real: {'.'.join(map(str, first['loc']))}: {first['msg']}\n{USAGE}")


def table(features: list[FeatureResult]) -> Table:
    out = Table(title="sim-to-real, furthest apart first (grey: below the sampling noise floor)")
    for column in ("feature", "metric", "divergence", "95% CI", "floor"):
        out.add_column(column, justify="right" if column in ("divergence", "floor") else "left")
    for f in features:
        style = None if f.above_floor else "dim"
        out.add_row(
            f.name,
            f.metric,
            f"{f.divergence:.4f}",
            f"[{f.ci_low:.4f}, {f.ci_high:.4f}]",
            f"{f.noise_floor:.4f}",
            style=style,
        )
    return out


def sim2real(options: Sim2RealOptions) -> dict:
    sim, _ = load(options.sim_run, options.language)
    real, ingested = load(options.real_run, options.language)
    features = compare_runs(sim, real, options.bootstrap, options.seed)
    causes = by_root_cause(sim, real, options.bootstrap, options.seed)
    meta = {
        "title": f"sim2real: {options.sim_run.name} vs {options.real_run.name}",
        "sim_run": str(options.sim_run),
        "real_run": str(options.real_run),
        "n_sim": len(sim),
        "n_real": len(real),
        "real_ingested": ingested,
        "language": options.language,
        "bootstrap": options.bootstrap,
        "seed": options.seed,
    }
    doc = document(features, causes, meta)
    write_report(options.output_dir, doc)
    return doc


def sim2real_command(args: list[str]) -> None:
    options = parse(args)
    try:
        doc = sim2real(options)
    except DebtsimError as exc:
        fail(str(exc))
    Console(width=140).print(table([FeatureResult.model_validate(f) for f in doc["features"]]))
    split = f"; split by {len(doc['by_root_cause'])} root cause(s)" if doc["by_root_cause"] else ""
    print(
        f"{doc['n_sim']} simulated vs {doc['n_real']} real calls{split}; wrote "
        f"{options.output_dir / 'sim2real.json'}, {options.output_dir / 'sim2real.html'}"
    )
