"""Numbering distinct values in the order first seen, with look-ups that stay in C."""

from __future__ import annotations


class Numbering(dict):
    """Value -> id, numbered on first sight, so `map(ids.__getitem__, values)` needs no Python loop."""

    def __missing__(self, value: str) -> int:
        number = self[value] = len(self)
        return number
