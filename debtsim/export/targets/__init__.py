"""Export targets, one module each, all of the shape documented in `base`."""

from debtsim.export.export_settings import Target
from debtsim.export.targets.alpaca import Alpaca
from debtsim.export.targets.base import DataKind, PairKind, PreferenceExample, TargetFormat
from debtsim.export.targets.llamafactory import LlamaFactory
from debtsim.export.targets.openai import OpenAI
from debtsim.export.targets.swift import Swift
from debtsim.export.targets.trl import Trl

FORMATS: dict[Target, type[TargetFormat]] = {
    Target.LLAMAFACTORY: LlamaFactory,
    Target.SWIFT: Swift,
    Target.TRL: Trl,
    Target.OPENAI: OpenAI,
    Target.ALPACA: Alpaca,
}


def make_format(target: Target) -> TargetFormat:
    return FORMATS[Target(target)]()


__all__ = ["FORMATS", "DataKind", "PairKind", "PreferenceExample", "TargetFormat", "make_format"]
