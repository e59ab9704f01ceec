"""Evaluators: outcome, debtor health, dialogue quality, LLM judge, aggregation."""
