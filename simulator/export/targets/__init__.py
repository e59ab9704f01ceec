"""Export targets, one module each, all of the shape documented in `base`."""

from simulator.export.settings import Target
from simulator.export.targets.alpaca import Alpaca
from simulator.export.targets.base import DataKind, PreferenceExample, TargetFormat
from simulator.export.targets.llamafactory import LlamaFactory
from simulator.export.targets.openai import OpenAI
from simulator.export.targets.swift import Swift
from simulator.export.targets.trl import Trl

FORMATS: dict[Target, type[TargetFormat]] = {
    Target.LLAMAFACTORY: LlamaFactory,
    Target.SWIFT: Swift,
    Target.TRL: Trl,
    Target.OPENAI: OpenAI,
    Target.ALPACA: Alpaca,
}


def make_format(target: Target) -> TargetFormat:
    return FORMATS[Target(target)]()


__all__ = ["FORMATS", "DataKind", "PreferenceExample", "TargetFormat", "make_format"]
