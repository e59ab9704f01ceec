"""One rule of the registry, as data: the shape every regulation family module declares."""

from __future__ import annotations

from dataclasses import dataclass

from evaluators.compliance.concepts import Concept


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its id (citing the regulation), the concept it judges, what it says and where.

    Ids read like the law's own numbering (`fdcpa.807.4` is 15 U.S.C. 1692e(4)); where a
    regulation has no numbered paragraph for the act (the cn rules, a state-law recording
    notice) the id names the duty instead (`cn.third_party`).
    """

    id: str
    concept: Concept
    summary: str
    citation: str
    kind: str | None = None
    """Narrows the concept (a disclosure, a halting act, an authority); None: any kind."""
