"""Real calls in: read transcripts (JSONL, CSV, text), redact PII, infer acts, write a run directory."""
