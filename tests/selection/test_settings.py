"""`filter=selection` composes with Hydra: the chain's settings plus a valid `selection` block."""

from __future__ import annotations

import pytest

from evaluators.filters import parse_filter_settings
from evaluators.selection import SelectionError, load_selection_defaults, parse_selection_settings
from tests.conftest import compose_config


def test_filter_selection_composes_the_default_chain_and_the_selection(tmp_path):
    config = compose_config(tmp_path, "filter=selection", "n_dialogues=4")
    data = dict(config.filter)
    selection = parse_selection_settings(data.pop("selection"))
    assert selection.rouge_pool.threshold == 0.7 and selection.ifd.model is None
    assert parse_filter_settings(data).stages  # the rest is the chain's own settings, unchanged


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("rouge_pool", "threshold"), 1.5, "rouge_pool.threshold"),
        (("ifd", "band"), [0.9, 0.1], "ifd.band"),
        (("split", "fractions"), {"train": 0.5, "test": 0.1}, "split.fractions"),
        (("clusters", "bogus"), 1, "clusters.bogus"),
    ],
)
def test_bad_setting_is_one_line_naming_the_key(path, value, field):
    data = load_selection_defaults()
    data[path[0]] = {**data[path[0]], path[1]: value}
    with pytest.raises(SelectionError, match=rf"filter\.selection\.{field.split('.')[0]}"):
        parse_selection_settings(data)
