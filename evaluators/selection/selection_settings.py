"""The selection's settings, parsed once from the `selection` block of `conf/filter/selection.yaml`.

Defaults live in that YAML only; this model names and checks them, so a typo
or a value out of range fails with one line naming the key.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any

import yaml
from pydantic import Field, model_validator

from evaluators.selection.reasons import Difficulty, PoolUnit, SelectionStage, Split
from simulator.config import Frozen
from simulator.errors import DebtsimError, validated
from simulator.llm.hf import Device, Precision

Share = Annotated[float, Field(ge=0.0, le=1.0)]
SELECTION_FILE = "selection.yaml"


class SelectionError(DebtsimError):
    """A bad selection setting; one line naming the key."""


class RougePoolSettings(Frozen):
    unit: PoolUnit = Field(description="compare whole dialogues (collector turns) or single replies")
    threshold: Share = Field(description="ROUGE-L F1 at which a text is refused")
    min_novel_share: Share = Field(description="reply unit: least share of novel replies to keep a dialogue")
    shingle: int = Field(ge=1, description="candidate shingles: words (en) or characters (zh) per shingle")
    lsh_threshold: Share = Field(description="shingle-set Jaccard the LSH index aims at for candidates")
    lsh_weights: tuple[Share, Share] = Field(description="LSH false-positive / false-negative weights")
    num_perm: int = Field(ge=16, le=512)
    max_bucket: int | None = Field(
        ge=1, description="LSH buckets larger than this give no candidates; null: all"
    )
    min_similarity: Share = Field(
        description="estimated shingle Jaccard under which a candidate is not compared"
    )
    max_candidates: int = Field(ge=1, description="most similar LSH candidates checked with exact LCS")
    seed: int = Field(ge=0)


class IfdSettings(Frozen):
    model: str | None = Field(description="local causal LM folder; 'local' = converted SmolLM2; null: skip")
    batch_size: int = Field(ge=1)
    max_length: int = Field(ge=16, description="tokens per sample; the history is cut from the left")
    history_lines: int = Field(ge=1, description="messages of history per sample: the trainer's window")
    band: tuple[Share, Share] = Field(description="IFD quantiles kept, among samples with IFD < 1")
    min_sample_share: Share = Field(description="least share of a dialogue's scored replies kept to keep it")
    threads: int = Field(ge=1, description="torch CPU threads")
    device: Device = Field(description="auto: cuda when visible, else cpu")
    precision: Precision = Field(description="auto: bf16/fp16 on cuda, fp32 on cpu")

    @model_validator(mode="after")
    def _ordered(self) -> IfdSettings:
        if self.band[0] > self.band[1]:
            raise ValueError("band must be [low, high] with low <= high")
        return self


class ClusterSettings(Frozen):
    k: int | None = Field(ge=2, description="clusters; null: from the data size")
    records_per_cluster: int = Field(ge=1, description="with k null: k = records / this")
    max_k: int = Field(ge=2)
    cap: int | None = Field(ge=1, description="most records kept per cluster; null: from cap_factor")
    cap_factor: float = Field(gt=0.0, description="with cap null: cap = cap_factor × records / k")
    ngram: tuple[int, int] = Field(description="character n-gram range of the TF-IDF vectors")
    max_features: int = Field(ge=16)
    components: int = Field(ge=2, description="SVD dimensions k-means runs in")
    svd_rows: int = Field(ge=2, description="IDF and SVD are fitted on at most this many records")
    fit_rows: int = Field(ge=2, description="k-means is fitted on at most this many records")
    seed: int = Field(ge=0)


class DifficultySettings(Frozen):
    root_cause: dict[str, int] = Field(description="root cause -> points (missing: 0)")
    band: dict[str, int] = Field(description="health band -> points (missing: 0)")
    noise: dict[float, int] = Field(description="noise level at least -> points (highest reached)")
    dispute_points: int = Field(ge=0, description="points when the debtor disputes or asks for proof")
    refusal_points: int = Field(ge=0, description="points per refusal (reject/stall/refuse id), capped")
    refusal_cap: int = Field(ge=0)
    long_call_turns: int = Field(ge=1, description="a call this long or longer earns long_call_points")
    long_call_points: int = Field(ge=0)
    thresholds: dict[Difficulty, int] = Field(description="least points for medium and hard")
    min_share: dict[Difficulty, Share] = Field(description="target mix: least share of each band kept")
    max_drop: Share = Field(description="most of its input the mix may drop to reach the target")


class SplitSettings(Frozen):
    fractions: dict[Split, Share]
    near_duplicate_threshold: Share = Field(description="MinHash Jaccard joining two personas into one group")
    seed: int = Field(ge=0)

    @model_validator(mode="after")
    def _sum(self) -> SplitSettings:
        if abs(sum(self.fractions.values()) - 1.0) > 1e-6:
            raise ValueError("fractions must sum to 1")
        return self


class SelectionSettings(Frozen):
    enabled: bool = Field(True, description="read by the export: run the selection at all")
    stages: tuple[SelectionStage, ...] = Field(description="stages in the order they run")
    rouge_pool: RougePoolSettings
    ifd: IfdSettings
    clusters: ClusterSettings
    difficulty: DifficultySettings
    split: SplitSettings


def parse_selection_settings(data: dict[str, Any]) -> SelectionSettings:
    return validated(SelectionSettings, data, SelectionError, "filter.selection")


def load_selection_defaults() -> dict[str, Any]:
    """The `selection` block of the packaged `conf/filter/selection.yaml`."""
    text = resources.files("conf").joinpath("filter", SELECTION_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(text)["selection"]
