"""Bilingual template book for the scripted (no-LLM) backend.

The scripted backend must speak fluently, vary its wording and stay fast
enough for 100k-dialogue grids, so the book is compiled once per language
into flat part lists and rendering is one RNG call plus a string join.
This module only turns a key and a slot dict into text: it never decides
which act to perform and never parses text back into acts.

Template syntax (leaves of ``templates/<lang>.yaml`` are lists of strings):

- ``{slot}`` is replaced by ``slots[slot]``; only names in ``ALLOWED_SLOTS``
  may appear, checked at load time.
- ``[a|b|c]`` picks one alternative uniformly; ``[a|]`` makes ``a``
  optional. Alternatives may hold slots but not further groups.

Slot values arrive already formatted for the language: amounts carry their
currency (``$1,234.50`` / ``1,234.50元``), ``overdue_days`` and ``count``
are bare numbers, dates are written out (``March 14`` / ``3月14日``);
``id_digits`` are the four digits a debtor says to the identity check.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources
from typing import NamedTuple

import numpy as np
import yaml

from scenarios.acts import Language

ALLOWED_SLOTS = frozenset(
    {
        "agent",
        "creditor",
        "debtor_name",
        "debtor_full_name",
        "product",
        "balance",
        "overdue_days",
        "amount_now",
        "installment",
        "count",
        "waiver",
        "total",
        "first_due",
        "deadline",
        "past_due",  # the case's amount past due (collector.past_due_note)
        # a disclosed budget (debtor.disclose_budget, issue 23)
        "income",
        "essentials",
        "other_debts",
        "savings",
        "case_ref",
        "id_hint",
        "id_digits",
        "relation",
    }
)
"""Every slot name a template may use; the renderer's callers fill these."""

_TOKEN = re.compile(r"\{(\w+)\}|\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")
_EN_SPACES = re.compile(r" {2,}")
_EN_BEFORE_PUNCT = re.compile(r" +([,.?!;:])")
_EN_UNTIDY = re.compile(r" [ ,.?!;:]")
"""Whether either rule above would change the text: one search skips both rewrites on most turns."""


class Slot(NamedTuple):
    """A named hole in a template, filled from the slot dict at render time."""

    name: str


Piece = str | Slot
"""A literal run of text or a slot."""

Part = Piece | tuple[tuple[Piece, ...], ...]
"""A piece, or a group of alternatives (each a tuple of pieces)."""


class Rendered(NamedTuple):
    """One rendered utterance and the id (``key#index``) of its template."""

    text: str
    template_id: str


class _Template(NamedTuple):
    """A compiled template: its parts and the sizes of its groups in order."""

    parts: tuple[Part, ...]
    group_sizes: tuple[int, ...]


def _pieces(text: str, template_id: str) -> tuple[Piece, ...]:
    """Split group-free text into literals and slots, rejecting unknown slots.

    Checking slot names here, not at render time, means a typo in the YAML
    fails when the book loads instead of in the middle of a batch.
    """
    out: list[Piece] = []
    pos = 0
    for match in _SLOT.finditer(text):
        if match.start() > pos:
            out.append(text[pos : match.start()])
        name = match.group(1)
        if name not in ALLOWED_SLOTS:
            raise KeyError(f"unknown slot {name!r} in template {template_id}")
        out.append(Slot(name))
        pos = match.end()
    if pos < len(text):
        out.append(text[pos:])
    rest = "".join(p for p in out if isinstance(p, str))
    if any(ch in rest for ch in "[]{}"):
        raise ValueError(f"unbalanced bracket or brace in template {template_id}: {text!r}")
    return tuple(out)


def compile_template(text: str, template_id: str) -> _Template:
    """Compile one template string into parts; see the module docstring."""
    parts: list[Part] = []
    sizes: list[int] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        parts.extend(_pieces(text[pos : match.start()], template_id))
        if match.group(1) is not None:
            parts.extend(_pieces(match.group(0), template_id))
        else:
            options = tuple(_pieces(alt, template_id) for alt in match.group(2).split("|"))
            parts.append(options)
            sizes.append(len(options))
        pos = match.end()
    parts.extend(_pieces(text[pos:], template_id))
    return _Template(tuple(parts), tuple(sizes))


def _flatten(tree: Mapping[str, object], prefix: str = "") -> dict[str, list[str]]:
    """Turn the nested YAML mapping into ``{dotted.key: [templates]}``."""
    out: dict[str, list[str]] = {}
    for name, value in tree.items():
        key = f"{prefix}{name}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{key}."))
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            out[key] = value
        else:
            raise ValueError(f"template key {key} must map to a non-empty list of strings")
    return out


class TemplateBook:
    """Compiled templates of one language.

    Input: the dotted-key → template-list mapping from ``templates/<lang>.yaml``.
    Output of ``render``: text with every slot filled and one alternative
    chosen per group, plus the ``key#index`` id of the template used.
    """

    def __init__(self, language: Language, raw: Mapping[str, list[str]]) -> None:
        self.language = language
        self._templates: dict[str, tuple[_Template, ...]] = {
            key: tuple(compile_template(t, f"{key}#{i}") for i, t in enumerate(texts))
            for key, texts in raw.items()
        }
        # One draw per render covers the template pick and all its groups.
        self._draws = {
            key: 1 + max(len(t.group_sizes) for t in temps) for key, temps in self._templates.items()
        }
        self._resolved: dict[str, str] = {}

    @classmethod
    def load(cls, language: Language) -> TemplateBook:
        """The shipped book for ``language``, parsed and compiled once per process."""
        return _load_cached(Language(language))

    def leaves(self) -> list[str]:
        """All leaf keys (those holding templates), sorted."""
        return sorted(self._templates)

    def variants(self, key: str) -> int:
        """How many templates serve ``key`` (after fallback)."""
        return len(self._templates[self.resolve(key)])

    def slot_names(self, key: str) -> frozenset[str]:
        """Every slot any template of ``key`` may fill, so callers can check coverage."""
        return frozenset(
            piece.name
            for template in self._templates[self.resolve(key)]
            for part in template.parts
            for piece in ((p for alt in part for p in alt) if isinstance(part, tuple) else (part,))
            if isinstance(piece, Slot)
        )

    def resolve(self, key: str) -> str:
        """The leaf key used for ``key``: itself, or the nearest ancestor that exists.

        Lets callers ask for the most specific key they know
        (``debtor.dispute.billing_dispute.upset``) and let the book fall back.
        """
        found = self._resolved.get(key)
        if found is not None:
            return found
        probe = key
        while probe not in self._templates:
            if "." not in probe:
                raise KeyError(f"no template for key {key!r}")
            probe = probe.rsplit(".", 1)[0]
        self._resolved[key] = probe
        return probe

    def has(self, key: str) -> bool:
        """Whether ``key`` or one of its ancestors has templates."""
        try:
            self.resolve(key)
        except KeyError:
            return False
        return True

    def render(self, key: str, slots: Mapping[str, str], rng: np.random.Generator) -> Rendered:
        """Pick a template for ``key`` and fill it; raises KeyError on a missing slot."""
        leaf = self.resolve(key)
        draws = rng.random(self._draws[leaf]).tolist()
        index = int(draws[0] * len(self._templates[leaf]))
        return self._realise(leaf, index, draws, slots)

    def render_variant(
        self, key: str, index: int, slots: Mapping[str, str], rng: np.random.Generator
    ) -> Rendered:
        """Fill template ``index`` of ``key``: for tests and for printing every variant."""
        leaf = self.resolve(key)
        groups = len(self._templates[leaf][index].group_sizes)
        return self._realise(leaf, index, rng.random(1 + groups).tolist(), slots)

    def _realise(self, leaf: str, index: int, draws: list[float], slots: Mapping[str, str]) -> Rendered:
        """Join one template's parts; ``draws[1:]`` pick the alternative of each group."""
        template = self._templates[leaf][index]
        template_id = f"{leaf}#{index}"
        out: list[str] = []
        group = 0
        for part in template.parts:
            if type(part) is tuple:
                group += 1
                choice = part[int(draws[group] * template.group_sizes[group - 1])]
                for piece in choice:
                    out.append(piece if type(piece) is str else _fill(piece, slots, template_id))
            elif type(part) is str:
                out.append(part)
            else:
                out.append(_fill(part, slots, template_id))
        return Rendered(self._tidy("".join(out)), template_id)

    def _tidy(self, text: str) -> str:
        """Undo spacing left by empty alternatives; zh text gets no added spaces."""
        if self.language is Language.EN and _EN_UNTIDY.search(text):
            text = _EN_BEFORE_PUNCT.sub(r"\1", _EN_SPACES.sub(" ", text))
        return text.strip()


def _fill(slot: Slot, slots: Mapping[str, str], template_id: str) -> str:
    """The value of ``slot``, or a KeyError naming the slot and the template."""
    try:
        return slots[slot.name]
    except KeyError:
        raise KeyError(f"slot {slot.name!r} not provided for template {template_id}") from None


@functools.cache
def _load_cached(language: Language) -> TemplateBook:
    """Read and compile ``templates/<lang>.yaml`` from package data."""
    source = resources.files("simulator.llm.templates").joinpath(f"{language.value}.yaml")
    # The C loader, where PyYAML was built with it, parses the book ~5x faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    tree = yaml.load(source.read_text(encoding="utf-8"), Loader=loader)
    return TemplateBook(language, _flatten(tree))
