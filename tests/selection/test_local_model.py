"""Locating the shipped GGUF and the converted folder, without converting anything."""

from __future__ import annotations

import pytest

from simulator import local_model


def test_gguf_is_found_without_importing_the_package():
    pytest.importorskip("gguf")
    try:
        path = local_model.gguf_path()
    except local_model.LocalModelError as exc:
        pytest.skip(str(exc))
    assert path.name == local_model.GGUF_NAME and path.stat().st_size > 10_000_000


def test_model_dir_prefers_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(local_model.CACHE_ENV, str(tmp_path / "env"))
    assert local_model.model_dir(tmp_path / "arg") == tmp_path / "arg"
    assert local_model.model_dir() == tmp_path / "env"
    monkeypatch.delenv(local_model.CACHE_ENV)
    assert local_model.model_dir().name == "smollm2-135m-hf"


def test_incomplete_folder_is_not_taken_for_converted(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    assert not local_model.is_converted(tmp_path)


def test_unknown_argument_is_one_line_error(capsys):
    with pytest.raises(SystemExit):
        local_model.convert_command(["--bogus"])
    assert "unexpected argument" in capsys.readouterr().err
